// Normalisation before matching (denial-grammar.md section 8), in one linear pass:
// entities decoded (nested encodings too: "&amp;quot;" is a quote), <br> turned into a line break,
// typographic apostrophes and quotes made plain, NBSP and the other Unicode spaces read as spaces,
// runs of spaces folded, and line breaks kept (one per run) because the console's code box puts one
// field per line. Bidi controls and zero-width characters are kept on purpose: they are evidence of
// a page that lies about what it shows (core/text.ts marks them for display), and no token reader
// accepts them, so they cannot slip into a field. C0/C1 controls and soft hyphens are dropped.
//
// The result is idempotent: normalising it again changes nothing. That is why entities are
// reduced on the output buffer rather than the input: an entity completed by a decoded character
// ("&am&#112;;") is decoded too.

import { MAX_ENTITY_BODY, NAMED_ENTITIES } from './entities.ts';

const KEEP = 0;
const SPACE = 1;
const NEWLINE = 2;
const DROP = 3;

const CHUNK = 8192;

function kindOf(c: number): number {
  if (c > 0x20 && c < 0x7f) return KEEP;
  if (c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c) return SPACE;
  if (c === 0x0a || c === 0x0d) return NEWLINE;
  if (c < 0x20 || c === 0x7f) return DROP;
  if (c < 0xa0) return c === 0x85 ? NEWLINE : DROP;
  if (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000) {
    return SPACE;
  }
  if (c === 0x2028 || c === 0x2029) return NEWLINE;
  if (c === 0xad) return DROP;
  return KEEP;
}

/** Typographic apostrophes and quotes as their ASCII forms ("don’t" → "don't"). */
function plainForm(c: number): number {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201b: case 0x02bc: case 0x2032:
      return 0x27;
    case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0x2033:
      return 0x22;
    default:
      return c;
  }
}

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** The code point an entity body ("amp", "#39", "#x2F") stands for, or -1 when it is not one. */
function decodeEntity(body: string): number {
  if (body.charCodeAt(0) !== 0x23 /* # */) {
    const named = NAMED_ENTITIES.get(body);
    return named === undefined ? -1 : named.charCodeAt(0);
  }
  const hex = body.charCodeAt(1) === 0x78 || body.charCodeAt(1) === 0x58;
  const digits = body.slice(hex ? 2 : 1);
  if (digits.length === 0 || digits.length > 8 || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return -1;
  const value = Number.parseInt(digits, hex ? 16 : 10);
  if (value === 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return 0xfffd;
  return value;
}

class Normaliser {
  private readonly out: Uint16Array;
  private n = 0;
  /** Whitespace seen since the last kept character: 0 none, SPACE or NEWLINE. */
  private pending = 0;

  constructor(capacity: number) {
    this.out = new Uint16Array(capacity);
  }

  feed(code: number): void {
    let c = code;
    for (;;) {
      const kind = kindOf(c);
      if (kind === SPACE) {
        if (this.n > 0 && this.pending === 0) this.pending = SPACE;
        return;
      }
      if (kind === NEWLINE) {
        if (this.n > 0) this.pending = NEWLINE;
        return;
      }
      if (kind === DROP) return;
      if (c >= 0x80) c = plainForm(c);
      this.flushPending();
      this.out[this.n++] = c;
      if (c === 0x3b /* ; */) {
        const decoded = this.reduceEntity();
        if (decoded === -1) return;
        if (decoded > 0xffff) {
          // An astral character: its high surrogate is plain, the low one goes round the loop.
          const v = decoded - 0x10000;
          this.flushPending();
          this.out[this.n++] = 0xd800 + (v >> 10);
          c = 0xdc00 + (v & 0x3ff);
        } else {
          c = decoded;
        }
        continue;
      }
      if (c === 0x3e /* > */ && this.reduceLineBreakTag()) {
        c = 0x0a;
        continue;
      }
      return;
    }
  }

  result(): string {
    const parts: string[] = [];
    for (let i = 0; i < this.n; i += CHUNK) {
      parts.push(String.fromCharCode(...this.out.subarray(i, Math.min(this.n, i + CHUNK))));
    }
    return parts.join('');
  }

  private flushPending(): void {
    if (this.pending !== 0) {
      this.out[this.n++] = this.pending === NEWLINE ? 0x0a : 0x20;
      this.pending = 0;
    }
  }

  /** After cutting the buffer back, a trailing space or line break becomes pending again. */
  private cutTo(at: number): void {
    this.n = at;
    this.pending = 0;
    if (at === 0) return;
    const last = this.out[at - 1];
    if (last === 0x20 || last === 0x0a) {
      this.n = at - 1;
      this.pending = last === 0x0a ? NEWLINE : SPACE;
    }
  }

  /** The buffer ends with ';': when "&body;" precedes it, cut it off and return what it decodes to. */
  private reduceEntity(): number {
    const semi = this.n - 1;
    const floor = Math.max(0, semi - MAX_ENTITY_BODY - 1);
    for (let i = semi - 1; i >= floor; i--) {
      const c = this.out[i] ?? 0;
      if (c === 0x26 /* & */) {
        if (i === semi - 1) return -1;
        const decoded = decodeEntity(String.fromCharCode(...this.out.subarray(i + 1, semi)));
        if (decoded !== -1) this.cutTo(i);
        return decoded;
      }
      // '#' only directly after '&' (numeric entities); everything else must be a letter or digit.
      if (c === 0x23 /* # */ ? i === 0 || this.out[i - 1] !== 0x26 : !isAlnum(c)) return -1;
    }
    return -1;
  }

  /** The buffer ends with '>': when it closes <br>, <br/> or <br />, cut the tag off. */
  private reduceLineBreakTag(): boolean {
    let i = this.n - 2;
    if (i >= 0 && this.out[i] === 0x2f /* / */) i--;
    if (i >= 0 && (this.out[i] === 0x20 || this.out[i] === 0x0a)) i--;
    if (i < 2) return false;
    const r = (this.out[i] ?? 0) | 0x20;
    const b = (this.out[i - 1] ?? 0) | 0x20;
    if (r !== 0x72 || b !== 0x62 || this.out[i - 2] !== 0x3c /* < */) return false;
    this.cutTo(i - 2);
    return true;
  }
}

/** The text as the parser reads it (see the file comment). Never throws. */
export function normalizeDenialText(text: string): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  const writer = new Normaliser(text.length);
  for (let i = 0; i < text.length; i++) writer.feed(text.charCodeAt(i));
  return writer.result();
}

/**
 * True when normalising `text` could join letters that are apart in it: an entity can decode to a
 * letter, and dropped characters vanish from between two letters. Without either, every word of the
 * normalised text is already a word of `text`.
 */
export function mayJoinLetters(text: string): boolean {
  return /[&\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F\u00AD]/.test(text);
}
