// Error bodies around a core message (denial-grammar.md section 5): the JSON protocols'
// {"__type":"…#AccessDeniedException","Message"|"message":"<core>"} — also printed as an escaped
// JSON string inside another one (log lines) — and the Query protocol's
// <Error><Code>AccessDenied</Code><Message><core></Message></Error>. Found from a trigger inside the
// message, looking back no further than `floor` (the end of the previous denial), so each body is
// looked at once.

import type { Source } from './source.ts';
import { indexWithin, lastIndexWithin } from './source.ts';
import { isErrorCode } from './tokens.ts';

export interface Body {
  start: number;
  end: number;
  /** The message text, unescaped (computed when asked for). */
  message(): string;
  errorCode: string | null;
  /** Where the message's raw text is in the source. */
  messageFrom: number;
  messageTo: number;
  /** The raw text is the message itself (no escape at any depth, one line): it can be read where it is. */
  inPlace: boolean;
}

/** No backslash (so nothing escaped at any depth) and no line break in text[from, to). */
function isPlain(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c || c === 0x0a) return false;
  }
  return true;
}

/** How far before the trigger the message may start, and how long it may be. */
const LOOK_BACK = 4096;
const MAX_MESSAGE = 16384;
const OBJECT_WINDOW = 2048;
/** Escaping depths read: a body, a body inside a JSON string, and two more levels. */
const MAX_DEPTH = 3;
const KEY_ATTEMPTS = 6;

export function findEnclosingBody(src: Source, pos: number, floor: number): Body | null {
  if (!src.mayHoldBody) return null;
  return findXmlBody(src, pos, floor) ?? findJsonBody(src, pos, floor);
}

function findXmlBody(src: Source, pos: number, floor: number): Body | null {
  const { lower, text } = src;
  const lo = Math.max(floor, pos - LOOK_BACK);
  const open = src.prev('<message>').find(lo, pos);
  if (open === -1 || indexWithin(lower, '</message>', open, pos) !== -1) return null;
  const close = src.next('</message>').find(pos, pos + MAX_MESSAGE);
  if (close === -1) return null;
  const around = Math.max(floor, open - OBJECT_WINDOW);
  const after = close + '</message>'.length;
  const errorAt = src.prev('<error>').find(around, open);
  const responseAt = errorAt === -1 ? -1 : src.prev('<errorresponse').find(around, errorAt);
  const start = responseAt !== -1 ? responseAt : errorAt !== -1 ? errorAt : open;
  const errorEnd = src.next('</error>').find(after, after + OBJECT_WINDOW);
  const responseEnd = errorEnd === -1 ? -1 : src.next('</errorresponse>').find(errorEnd, errorEnd + OBJECT_WINDOW);
  const end = responseEnd !== -1 ? responseEnd + 16 : errorEnd !== -1 ? errorEnd + 8 : after;
  const from = open + '<message>'.length;
  return {
    start,
    end,
    message: () => text.slice(from, close),
    errorCode: xmlCode(src, start, end),
    messageFrom: from,
    messageTo: close,
    inPlace: indexWithin(text, '\n', from, close) === -1,
  };
}

function xmlCode(src: Source, start: number, end: number): string | null {
  const codeAt = indexWithin(src.lower, '<code>', start, end);
  if (codeAt === -1) return null;
  const codeEnd = indexWithin(src.lower, '</code>', codeAt, Math.min(end, codeAt + 200));
  const code = codeEnd === -1 ? '' : src.text.slice(codeAt + 6, codeEnd).trim();
  return isErrorCode(code) ? code : null;
}

/** Backslashes before a quote, per escaping depth: 0, 1, 3, 7. */
function depthOfSlashes(n: number): number {
  for (let d = 0; d <= MAX_DEPTH; d++) if (n === (1 << d) - 1) return d;
  return -1;
}

function slashesBefore(s: string, pos: number, floor: number): number {
  let n = 0;
  while (pos - n - 1 >= floor && s.charCodeAt(pos - n - 1) === 0x5c && n < 64) n++;
  return n;
}

/** The escaping level a quote preceded by `n` backslashes closes a string at. */
function quoteLevel(n: number): number {
  for (let k = 0; k <= MAX_DEPTH + 1; k++) if (n % (1 << (k + 1)) === (1 << k) - 1) return k;
  return MAX_DEPTH + 2;
}

interface JsonString {
  /** Offset of the raw content and of the closing quote's first backslash. */
  from: number;
  to: number;
  /** Just past the closing quote. */
  end: number;
}

/**
 * The JSON string value of the key whose name ends at `nameEnd` (just before its closing quote),
 * at escaping depth `depth`, or null when the shape is not `<q>name<q>\s*:\s*<q>value<q>`.
 */
function valueAfterKey(text: string, nameEnd: number, depth: number, limit: number): JsonString | null {
  const q = (1 << depth) - 1;
  let i = nameEnd;
  for (let k = 0; k < q; k++, i++) if (text.charCodeAt(i) !== 0x5c) return null;
  if (text.charCodeAt(i) !== 0x22) return null;
  i++;
  while (text.charCodeAt(i) === 0x20) i++;
  if (text.charCodeAt(i) !== 0x3a /* : */) return null;
  i++;
  while (text.charCodeAt(i) === 0x20) i++;
  for (let k = 0; k < q; k++, i++) if (text.charCodeAt(i) !== 0x5c) return null;
  if (text.charCodeAt(i) !== 0x22) return null;
  const from = i + 1;
  const hi = Math.min(limit, from + MAX_MESSAGE);
  for (let j = indexWithin(text, '"', from, hi); j !== -1; j = indexWithin(text, '"', j + 1, hi)) {
    const level = quoteLevel(slashesBefore(text, j, from));
    if (level === depth) return { from, to: j - q, end: j + 1 };
    if (level < depth) return null; // a shallower quote: the string is broken
  }
  return null;
}

/** One level of JSON string escaping undone; unknown escapes are kept as written. */
function unescapeJson(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const slash = s.indexOf('\\', i);
    if (slash === -1 || slash + 1 >= s.length) {
      out += s.slice(i);
      break;
    }
    out += s.slice(i, slash);
    const c = s.charAt(slash + 1);
    const simple = '"\\/'.includes(c) ? c : c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c === 'b' || c === 'f' ? ' ' : null;
    if (simple !== null) {
      out += simple;
      i = slash + 2;
    } else if (c === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(slash + 2, slash + 6))) {
      out += String.fromCharCode(Number.parseInt(s.slice(slash + 2, slash + 6), 16));
      i = slash + 6;
    } else {
      out += '\\' + c;
      i = slash + 2;
    }
  }
  return out;
}

function decodeValue(text: string, value: JsonString, depth: number): string {
  let s = text.slice(value.from, value.to);
  for (let d = 0; d <= depth; d++) s = unescapeJson(s);
  return s;
}

/** The "message"/"Message" key nearest before `pos` whose string value contains `pos`. */
function messageValueAround(src: Source, pos: number, floor: number): { keyAt: number; depth: number; value: JsonString } | null {
  const lo = Math.max(floor, pos - LOOK_BACK);
  let before = pos;
  for (let attempt = 0; attempt < KEY_ATTEMPTS; attempt++) {
    const at = attempt === 0 ? src.prev('message').find(lo, before) : lastIndexWithin(src.lower, 'message', lo, before);
    if (at === -1) return null;
    before = at;
    const depth = depthOfSlashes(slashesBefore(src.text, at - 1, lo));
    if (depth === -1 || src.text.charCodeAt(at - 1) !== 0x22) continue;
    const value = valueAfterKey(src.text, at + 'message'.length, depth, src.text.length);
    if (value && value.from <= pos && value.to > pos) return { keyAt: at - 1 - ((1 << depth) - 1), depth, value };
  }
  return null;
}

function findJsonBody(src: Source, pos: number, floor: number): Body | null {
  const found = messageValueAround(src, pos, floor);
  if (!found) return null;
  const { text, lower } = src;
  const { keyAt, depth, value } = found;
  const open = src.prev('{').find(Math.max(floor, keyAt - OBJECT_WINDOW), keyAt);
  const closeAt = src.next('}').find(value.end, value.end + OBJECT_WINDOW);
  const start = open === -1 ? keyAt : open;
  const end = closeAt === -1 ? value.end : closeAt + 1;
  return {
    start,
    end,
    message: () => decodeValue(text, value, depth),
    errorCode: jsonCode(src, lower, start, end, depth),
    messageFrom: value.from,
    messageTo: value.to,
    inPlace: isPlain(text, value.from, value.to),
  };
}

/** `__type` (namespace before '#' dropped, ":<url>" suffix dropped) or `code`, at the body's depth. */
function jsonCode(src: Source, lower: string, start: number, end: number, depth: number): string | null {
  for (const key of ['__type', 'code']) {
    let from = start;
    for (let at = indexWithin(lower, key, from, end); at !== -1; at = indexWithin(lower, key, from, end)) {
      from = at + key.length;
      if (src.text.charCodeAt(at - 1) !== 0x22 || depthOfSlashes(slashesBefore(src.text, at - 1, start)) !== depth) continue;
      const value = valueAfterKey(src.text, at + key.length, depth, end);
      if (!value) continue;
      let code = decodeValue(src.text, value, depth).trim();
      code = code.slice(code.lastIndexOf('#') + 1);
      const colon = code.indexOf(':');
      if (colon !== -1) code = code.slice(0, colon);
      if (isErrorCode(code)) return code;
    }
  }
  return null;
}
