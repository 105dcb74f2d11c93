// Policy documents as IAM returns them: URL-encoded JSON text. Parses them without throwing, keeps
// the raw JSON for iam-simulate, normalises statements for display, and finds where each statement
// sits in the text, because the simulator names a matched statement by line and column.

import type { PolicyDocument, PolicyStatement } from '../core/explanation.ts';

export interface ParsedPolicy {
  /** The decoded text, as positions refer to it. */
  text: string;
  /** The JSON value, for local evaluation. */
  raw: { Version?: string; Statement: unknown[] } & Record<string, unknown>;
  document: PolicyDocument;
}

export interface TextPosition {
  line: number;
  column: number;
}

export function decodePolicyText(encoded: string): string {
  if (encoded.trimStart().startsWith('{')) return encoded;
  try {
    return decodeURIComponent(encoded.replace(/\+/g, '%20'));
  } catch {
    return encoded;
  }
}

export function parsePolicy(encodedOrText: string): ParsedPolicy | null {
  const text = decodePolicyText(encodedOrText);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const object = value as Record<string, unknown>;
  const statements = Array.isArray(object.Statement) ? object.Statement : object.Statement ? [object.Statement] : [];
  const raw = { ...stripUndefined(object), Statement: statements };
  return { text, raw, document: { Version: '2012-10-17', Statement: statements.map(normalizeStatement).filter((s) => s !== null) } };
}

/** iam-simulate rejects keys whose value is undefined; JSON never has them, objects built in code may. */
function stripUndefined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

function stringOrList(value: unknown): string | string[] | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return undefined;
}

function normalizeStatement(value: unknown): PolicyStatement | null {
  if (typeof value !== 'object' || value === null) return null;
  const s = value as Record<string, unknown>;
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return null;
  const statement: PolicyStatement = { Effect: s.Effect };
  if (typeof s.Sid === 'string' && s.Sid) statement.Sid = s.Sid;
  for (const field of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    const v = stringOrList(s[field]);
    if (v !== undefined) statement[field] = v;
  }
  if (typeof s.Condition === 'object' && s.Condition !== null) {
    const condition: NonNullable<PolicyStatement['Condition']> = {};
    for (const [operator, block] of Object.entries(s.Condition as Record<string, unknown>)) {
      if (typeof block !== 'object' || block === null) continue;
      const entries: Record<string, string | string[] | boolean> = {};
      for (const [key, v] of Object.entries(block as Record<string, unknown>)) {
        if (typeof v === 'boolean' || typeof v === 'string') entries[key] = v;
        else if (typeof v === 'number') entries[key] = String(v);
        else if (Array.isArray(v)) entries[key] = v.map(String);
      }
      condition[operator] = entries;
    }
    statement.Condition = condition;
  }
  return statement;
}

/** Start and end positions (1-based line and column) of each element of the top-level Statement. */
export function statementRanges(text: string): { start: TextPosition; end: TextPosition }[] {
  const scanner = new JsonScanner(text);
  try {
    return scanner.statementRanges();
  } catch {
    return [];
  }
}

/** Index of the statement whose text contains `position` (or starts nearest before it). */
export function statementAt(text: string, position: TextPosition): number | null {
  const ranges = statementRanges(text);
  const key = (p: TextPosition) => p.line * 1_000_000 + p.column;
  const at = key(position);
  const inside = ranges.findIndex((r) => key(r.start) <= at && at <= key(r.end));
  if (inside >= 0) return inside;
  let best: number | null = null;
  ranges.forEach((r, i) => {
    if (key(r.start) <= at + 1) best = i; // tolerate 0- vs 1-based columns
  });
  return best;
}

/** Just enough of a JSON reader to know where values start and end. */
class JsonScanner {
  private i = 0;
  constructor(private readonly text: string) {}

  statementRanges(): { start: TextPosition; end: TextPosition }[] {
    this.ws();
    if (this.text[this.i] !== '{') return [];
    this.i++;
    for (;;) {
      this.ws();
      if (this.text[this.i] === '}') return [];
      const key = this.string();
      this.ws();
      this.expect(':');
      this.ws();
      if (key === 'Statement') {
        if (this.text[this.i] === '[') {
          this.i++;
          const ranges: { start: TextPosition; end: TextPosition }[] = [];
          for (;;) {
            this.ws();
            if (this.text[this.i] === ']') return ranges;
            const start = this.position(this.i);
            this.value();
            ranges.push({ start, end: this.position(this.i - 1) });
            this.ws();
            if (this.text[this.i] === ',') this.i++;
          }
        }
        const start = this.position(this.i);
        this.value();
        return [{ start, end: this.position(this.i - 1) }];
      }
      this.value();
      this.ws();
      if (this.text[this.i] === ',') this.i++;
    }
  }

  private position(offset: number): TextPosition {
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < offset; k++) {
      if (this.text[k] === '\n') {
        line++;
        lineStart = k + 1;
      }
    }
    return { line, column: offset - lineStart + 1 };
  }

  private ws(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i]!)) this.i++;
  }

  private expect(char: string): void {
    if (this.text[this.i] !== char) throw new Error(`expected ${char}`);
    this.i++;
  }

  private string(): string {
    this.expect('"');
    const start = this.i;
    while (this.i < this.text.length && this.text[this.i] !== '"') this.i += this.text[this.i] === '\\' ? 2 : 1;
    const raw = this.text.slice(start, this.i);
    this.expect('"');
    return raw;
  }

  private value(): void {
    const c = this.text[this.i];
    if (c === '"') return void this.string();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      this.i++;
      for (;;) {
        this.ws();
        if (this.text[this.i] === close) {
          this.i++;
          return;
        }
        if (c === '{') {
          this.string();
          this.ws();
          this.expect(':');
          this.ws();
        }
        this.value();
        this.ws();
        if (this.text[this.i] === ',') this.i++;
        else if (this.text[this.i] !== close) throw new Error('malformed');
      }
    }
    const literal = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.text.slice(this.i, this.i + 40));
    if (!literal) throw new Error('malformed');
    this.i += literal[0].length;
  }
}
