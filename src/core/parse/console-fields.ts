// The label lines of the console's code box (denial-grammar.md 6.1, 6.3): "User:", "Service:",
// "Action:", "On resource(s):", "Context:", "Name:", "HTTP status code:", "Request ID:", one per
// line, values perhaps in [brackets]. A Context value wrapped onto the next line or two is joined.

import type { ContextReading } from './context.ts';
import { readConsoleContext } from './context.ts';
import { SENTENCE_ANCHOR } from './sentence.ts';
import type { Source } from './source.ts';
import { indexWithin, skipSpace, startsAt } from './source.ts';

export type LabelKey = 'user' | 'service' | 'action' | 'resource' | 'context' | 'name' | 'status' | 'requestId';

const LABEL_WORDS: ReadonlyArray<readonly [label: string, key: LabelKey]> = [
  ['user', 'user'],
  ['service', 'service'],
  ['action', 'action'],
  ['on resource(s)', 'resource'],
  ['on resources', 'resource'],
  ['on resource', 'resource'],
  ['resources', 'resource'],
  ['resource', 'resource'],
  ['context', 'context'],
  ['name', 'name'],
  ['http status code', 'status'],
  ['status code', 'status'],
  ['request id', 'requestId'],
];
/** "label:" longest first, so "on resource(s):" wins over "on resource". */
const LABELS = LABEL_WORDS.map(([label, key]) => [label + ':', key] as const).sort((a, b) => b[0].length - a[0].length);
/** One bit per key, for the set of labels a block has seen. */
export const KEY_BIT: Readonly<Record<LabelKey, number>> = { user: 1, service: 2, action: 4, resource: 8, context: 16, name: 32, status: 64, requestId: 128 };

const MAX_VALUE = 1024;
export const MAX_CONTEXT = 8192;
const MAX_LABEL_LINES = 12;
const MAX_CONTINUATION = 2;
const MAX_CONTINUATION_LENGTH = 200;

const NO_FIELDS: readonly Field[] = Object.freeze([]);

export interface Field {
  key: LabelKey;
  lineStart: number;
  /** End of the field's last line (a wrapped Context value may take more than one). */
  lineEnd: number;
  /** The value, brackets and trailing spaces removed. */
  from: number;
  to: number;
  lastLine: number;
  /** False for an API sentence on a line of its own, standing in for a Context: line. */
  labelled: boolean;
  /** For a Context field: where the API sentence's anchor is in it, or -1. */
  anchor: number;
  /** For a Context field without the API sentence: how its console phrasing reads. */
  context: ContextReading | null;
}

/** The labels by first letter: most lines are rejected on their first character. */
const LABELS_BY_INITIAL = new Map<number, Array<readonly [string, LabelKey]>>();
for (const label of LABELS) {
  const initial = label[0].charCodeAt(0);
  LABELS_BY_INITIAL.set(initial, [...(LABELS_BY_INITIAL.get(initial) ?? []), label]);
}

/** The label the line [lineStart, lineEnd) starts with, or null. */
function labelOf(src: Source, lineStart: number, lineEnd: number): readonly [string, LabelKey] | null {
  const candidates = LABELS_BY_INITIAL.get(src.lower.charCodeAt(lineStart));
  if (!candidates || lineEnd - lineStart > MAX_CONTEXT) return null;
  for (const candidate of candidates) if (startsAt(src.lower, candidate[0], lineStart, lineEnd)) return candidate;
  return null;
}

/** The label line `line` as a field, or null when it is not one or its label is in `seenMask`. */
export function readField(src: Source, line: number, seenMask = 0): Field | null {
  const lineStart = src.lines.start(line);
  const lineEnd = src.lines.end(line);
  const label = labelOf(src, lineStart, lineEnd);
  if (!label || (seenMask & KEY_BIT[label[1]]) !== 0) return null;
  const [word, key] = label;
  const field = withValue(src, key, line, lineStart, lineEnd, lineStart + word.length);
  if (key !== 'context' && field.to - field.from > MAX_VALUE) return null;
  // A User: line holds one token; "User: arn:… is not authorized …" is the API sentence instead.
  if (key === 'user' && indexWithin(src.flat, ' ', field.from, field.to) !== -1) return null;
  return field;
}

function withValue(src: Source, key: LabelKey, lastLine: number, lineStart: number, lineEnd: number, afterLabel: number): Field {
  let from = skipSpace(src.flat, afterLabel, lineEnd);
  let to = lineEnd;
  if (to - from >= 2 && src.flat.charCodeAt(from) === 0x5b /* [ */ && src.flat.charCodeAt(to - 1) === 0x5d /* ] */) {
    from++;
    to--;
  }
  while (to > from && src.flat.charCodeAt(to - 1) === 0x20) to--;
  const field: Field = { key, lineStart, lineEnd, from, to, lastLine, labelled: true, anchor: -1, context: null };
  if (key === 'context') readContextValue(src, field);
  return field;
}

function readContextValue(src: Source, field: Field): void {
  field.anchor = indexWithin(src.lower, SENTENCE_ANCHOR, field.from, field.to);
  field.context = field.anchor === -1 ? readConsoleContext(src, field.from, field.to) : null;
}

function reads(field: Field): boolean {
  return field.anchor !== -1 || (field.context !== null && !field.context.partial);
}

/**
 * A Context value wrapped onto the next line or two (a paste from a narrow window): the lines are
 * joined only when the Context line alone does not read and the joined text does.
 */
export function withContinuation(src: Source, field: Field): Field {
  if (field.key !== 'context' || reads(field)) return field;
  for (let k = field.lastLine + 1; k < src.lines.count && k <= field.lastLine + MAX_CONTINUATION; k++) {
    const start = src.lines.start(k);
    const end = src.lines.end(k);
    if (end - start > MAX_CONTINUATION_LENGTH || labelOf(src, start, end)) break;
    const joined = withValue(src, 'context', k, field.lineStart, src.lines.end(k), field.from);
    if (reads(joined)) return joined;
  }
  return field;
}

/**
 * Label lines from `line` on (step 1) or upwards (step -1), stopping at a repeated label, a
 * non-label line or `floor`. `seen` is a KEY_BIT mask, updated.
 */
export function fieldsFrom(src: Source, line: number, step: 1 | -1, floor: number, seen: { mask: number }): readonly Field[] {
  const first = line >= 0 && line < src.lines.count && src.lines.start(line) >= floor ? readField(src, line, seen.mask) : null;
  if (!first) return NO_FIELDS;
  const found: Field[] = [];
  for (let k = line; k >= 0 && k < src.lines.count && found.length < MAX_LABEL_LINES; k += step) {
    if (src.lines.start(k) < floor) break;
    const read = k === line ? first : readField(src, k, seen.mask);
    if (!read) break;
    const field = step === 1 ? withContinuation(src, read) : read;
    seen.mask |= KEY_BIT[field.key];
    found.push(field);
    k = field.lastLine;
  }
  return step === 1 ? found : found.reverse();
}

/** True when `pos` lies on a "Context:" line that starts at or after `floor`. */
export function onContextLine(src: Source, pos: number, floor: number): boolean {
  const line = src.lines.lineOf(pos);
  const start = src.lines.start(line);
  return start >= floor && startsAt(src.lower, 'context:', start, src.lines.end(line));
}

/** A Field for an API sentence standing on a line of its own, where it plays the Context's part. */
export function sentenceField(src: Source, line: number, anchor: number): Field {
  const lineStart = src.lines.start(line);
  const lineEnd = src.lines.end(line);
  return { key: 'context', lineStart, lineEnd, from: lineStart, to: lineEnd, lastLine: line, labelled: false, anchor, context: null };
}
