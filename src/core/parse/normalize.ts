// Normalisation before matching (denial-grammar.md section 8): entities decoded (nested encodings
// too: "&amp;quot;" is a quote), <br> turned into a line break, typographic apostrophes and quotes
// made plain, NBSP and the other Unicode spaces read as spaces, runs of spaces folded, and line
// breaks kept (one per run) because the console's code box puts one field per line. Bidi controls
// and zero-width characters are kept on purpose: they are evidence of a page that lies about what it
// shows (core/text.ts marks them for display), and no token reader accepts them, so they cannot slip
// into a field. C0/C1 controls and soft hyphens are dropped.
//
// The result is idempotent: normalising it again changes nothing. Entities are therefore decoded to
// a fixed point ("&am&#112;;" is "&"), and controls are dropped before and after decoding so that
// they cannot hide an entity. Literal escapes (a repr's "\n") and Terraform's "│" gutter are read as
// what they stand for. Clean text is only tested by native regexes; each rewriting step is
// one pass with no backtracking-prone pattern, and nesting (entities or <br> tags formed by an
// inner replacement) goes to a linear reducer on an output buffer, never to repeated passes.

import { MAX_ENTITY_BODY, NAMED_ENTITIES } from './entities.ts';

const CONTROLS = /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F\u00AD]/g;
const HAS_CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F\u00AD]/;
const ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,8})|([A-Za-z][A-Za-z0-9]{0,9}));/g;
const APOSTROPHES = /[\u2018\u2019\u201B\u02BC\u2032]/g;
const QUOTES = /[\u201C-\u201F\u2033]/g;
const HAS_TYPOGRAPHIC = /[\u2018\u2019\u201B\u02BC\u2032\u201C-\u201F\u2033]/;
/** What folding reads as a space, and as a line break. (JS \s differs: it has U+FEFF, lacks U+0085.) */
const SPACE_CHARS = '\\t\\u000B\\u000C\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000';
const BREAK_CHARS = '\\r\\u0085\\u2028\\u2029';
/** Only tags starting with "<br" are tried, so the run inside costs its own length once. */
const LINE_BREAK_TAG = new RegExp(`<br[ \\n${SPACE_CHARS}${BREAK_CHARS}/]*>`, 'gi');
const HAS_LINE_BREAK_TAG = new RegExp(LINE_BREAK_TAG.source, 'i');
const HAS_NEWLINE_VARIANT = new RegExp(`[${BREAK_CHARS}]`);
const HAS_SPACE_VARIANT = new RegExp(`[${SPACE_CHARS}]`);
/** A line break next to another space or break: folding has work to do. */
const BREAK_RUN_TEST = /[ \n]\n|\n /;

function codePointOf(hex: string | undefined, dec: string | undefined, name: string | undefined): number {
  if (name !== undefined) {
    const named = NAMED_ENTITIES.get(name);
    return named === undefined ? -1 : named.charCodeAt(0);
  }
  const value = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(dec ?? '', 10);
  if (!(value > 0) || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return 0xfffd;
  return value;
}

function dropControls(s: string): string {
  return HAS_CONTROL.test(s) ? s.replace(CONTROLS, '') : s;
}

/** The entities pages use most, replaced natively before any regex pass. */
const COMMON_ENTITIES: ReadonlyArray<readonly [string, string]> = [
  ['&amp;', '&'], ['&nbsp;', '\u00A0'], ['&quot;', '"'], ['&#39;', "'"], ['&lt;', '<'], ['&gt;', '>'], ['&#x27;', "'"], ['&apos;', "'"],
];
const HAS_ENTITY = /&(?:#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,8}|[A-Za-z][A-Za-z0-9]{0,9});/;

/**
 * One decoding pass (common entities natively, then the rest by regex), then — only when a
 * decodable entity is still there (nesting such as "&amp;amp;quot;", or one completed by a decoded
 * character) — the linear reducer, which decodes to the fixed point in a single pass.
 */
function decodeEntities(s: string): string {
  let text = s;
  let changed = false;
  for (const [entity, char] of COMMON_ENTITIES) {
    if (text.includes(entity)) {
      text = text.replaceAll(entity, char);
      changed = true;
    }
  }
  if (HAS_ENTITY.test(text)) {
    text = text.replace(ENTITY, (whole, hex?: string, dec?: string, name?: string) => {
      const cp = codePointOf(hex, dec, name);
      if (cp === -1) return whole;
      changed = true;
      return String.fromCodePoint(cp);
    });
  }
  if (!changed) return text;
  text = dropControls(text);
  return hasDecodableEntity(text) ? reduceEntities(text) : text;
}

/** True when `text` still holds an entity that decodes (unknown names like "&foo;" do not). */
function hasDecodableEntity(text: string): boolean {
  ENTITY.lastIndex = 0;
  for (let m = ENTITY.exec(text); m !== null; m = ENTITY.exec(text)) {
    if (codePointOf(m[1], m[2], m[3]) !== -1) {
      ENTITY.lastIndex = 0;
      return true;
    }
  }
  return false;
}

function isNameChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isControl(c: number): boolean {
  return (c < 0x20 && !(c >= 0x09 && c <= 0x0d)) || (c >= 0x7f && c <= 0x9f && c !== 0x85) || c === 0xad;
}

/** Named entities keyed by their name's characters as a number (names of up to 8 characters). */
const NAMED_BY_KEY: ReadonlyMap<number, number> = new Map(
  [...NAMED_ENTITIES].filter(([name]) => name.length <= 8).map(([name, value]) => [nameKey(name, 0, name.length), value.charCodeAt(0)]),
);

function nameKey(chars: string | Uint16Array, from: number, to: number): number {
  let key = 0;
  for (let i = from; i < to; i++) key = key * 75 + ((typeof chars === 'string' ? chars.charCodeAt(i) : (chars[i] ?? 0)) - 0x30);
  return key;
}

/** The code point of the entity body out[from, to) ("amp", "#39", "#x2F"), or -1. */
function decodeBody(out: Uint16Array, from: number, to: number): number {
  if (to <= from) return -1;
  if (out[from] !== 0x23 /* # */) return to - from <= 8 ? (NAMED_BY_KEY.get(nameKey(out, from, to)) ?? -1) : -1;
  const hex = out[from + 1] === 0x78 || out[from + 1] === 0x58;
  const first = from + (hex ? 2 : 1);
  if (to <= first || to - first > 8) return -1;
  let value = 0;
  for (let i = first; i < to; i++) {
    const c = out[i] ?? 0;
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : hex && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 ? (c | 0x20) - 0x57 : -1;
    if (digit === -1) return -1;
    value = value * (hex ? 16 : 10) + digit;
  }
  if (value === 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return 0xfffd;
  return value;
}

/**
 * Entities reduced on an output buffer: every ';' written looks back a few characters for
 * "&name;", and what it decodes to is written in its place (and may close another entity in turn).
 * Linear: each reduction shortens the buffer.
 */
function reduceEntities(s: string): string {
  const out = new Uint16Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    while (c !== -1) {
      if (isControl(c)) break;
      out[n++] = c;
      if (c !== 0x3b /* ; */) break;
      c = -1;
      for (let j = n - 2; j >= Math.max(0, n - 2 - MAX_ENTITY_BODY); j--) {
        const b = out[j] ?? 0;
        if (b === 0x26 /* & */) {
          const cp = decodeBody(out, j + 1, n - 1);
          if (cp !== -1) {
            n = j;
            if (cp > 0xffff) {
              out[n++] = 0xd800 + ((cp - 0x10000) >> 10);
              c = 0xdc00 + ((cp - 0x10000) & 0x3ff);
            } else {
              c = cp;
            }
          }
          break;
        }
        if (!isNameChar(b) && b !== 0x23 /* # */) break;
      }
    }
  }
  return fromCodes(out, n);
}

/** The first `n` code units of `out` as a string (apply in chunks: a spread is ten times slower). */
function fromCodes(out: Uint16Array, n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i += 4096) {
    parts.push(String.fromCharCode.apply(null, out.subarray(i, Math.min(n, i + 4096)) as unknown as number[]));
  }
  return parts.join('');
}

function isTagSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x2f /* / */ || c === 0x09 || c === 0x0b || c === 0x0c || c === 0x0d || c === 0x85 ||
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/**
 * <br> tags as line breaks. One regex pass does it, unless tags were nested ("<br<br>>"): a
 * replaced inner tag then forms an outer one, and a linear reducer on an output buffer takes over
 * (each '>' looks back over spaces for "<br"; a failed look-back leaves the '>' as a barrier).
 */
function replaceLineBreakTags(s: string): string {
  const once = s.replace(LINE_BREAK_TAG, '\n');
  if (!HAS_LINE_BREAK_TAG.test(once)) return once;
  const out = new Uint16Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[n++] = c;
    if (c !== 0x3e /* > */) continue;
    let j = n - 2;
    while (j >= 0 && isTagSpace(out[j] ?? 0)) j--;
    if (j >= 2 && ((out[j] ?? 0) | 0x20) === 0x72 && ((out[j - 1] ?? 0) | 0x20) === 0x62 && out[j - 2] === 0x3c) {
      n = j - 2;
      out[n++] = 0x0a;
    }
  }
  return fromCodes(out, n);
}

/**
 * A run to fold: two or more spaces and breaks, or one that is not a plain space or line break (those stay as they
 * are, so text with single spaces between words gives the replacer nothing to do).
 */
const FOLDABLE_RUN = new RegExp(`[ \\n${SPACE_CHARS}${BREAK_CHARS}]{2,}|[${SPACE_CHARS}${BREAK_CHARS}]`, 'g');
const HAS_BREAK = new RegExp(`[\\n${BREAK_CHARS}]`);
const isEdgeSpace = (c: number) => c === 0x20 || c === 0x0a;

/**
 * Runs of spaces folded to one space, runs holding a line break to one line break, both ends
 * trimmed. Clean text (the usual case) is only tested, by native regexes; otherwise one native
 * replace, which calls back only for the runs that change.
 */
function foldWhitespace(s: string): string {
  const clean = !HAS_SPACE_VARIANT.test(s) && !HAS_NEWLINE_VARIANT.test(s) && !s.includes('  ') && !BREAK_RUN_TEST.test(s);
  // A run at either end goes; a lone space or line break there is no run the replace takes, so it is trimmed here.
  const folded = clean ? s : s.replace(FOLDABLE_RUN, (run: string, at: number) => (at === 0 || at + run.length === s.length ? '' : HAS_BREAK.test(run) ? '\n' : ' '));
  const from = isEdgeSpace(folded.charCodeAt(0)) ? 1 : 0;
  const to = isEdgeSpace(folded.charCodeAt(folded.length - 1)) ? folded.length - 1 : folded.length;
  return from === 0 && to === folded.length ? folded : folded.slice(from, Math.max(from, to));
}

/**
 * Escapes printed literally by a Python byte repr (b'…\n…') or a log that shows a JSON string:
 * a run of backslashes before n, r, t or a single quote. The lookbehind starts a match only at the
 * start of a run, so a long run costs its length once. Escaped double quotes are left to the JSON
 * body reader (bodies.ts), which needs them to tell nesting depths apart.
 */
const LITERAL_ESCAPE = /(?<!\\)\\+([nrt'])/g;
/** Terraform's diagnostic gutter ("│ Error: …", "╷", "╵") at the start of a line, once whitespace is folded. */
const GUTTER = /(^|\n)(?:[\u2502\u2503\u2575\u2577] ?)+/g;
const HAS_GUTTER = /[\u2502\u2503\u2575\u2577]/;

function decodeLiteralEscape(_run: string, letter: string): string {
  return letter === "'" ? "'" : letter === 't' ? ' ' : '\n';
}

/** The text as the parser reads it (see the file comment). Never throws. */
export function normalizeDenialText(text: string): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  let s = dropControls(text);
  if (s.includes('&')) s = decodeEntities(s);
  if (HAS_TYPOGRAPHIC.test(s)) s = s.replace(APOSTROPHES, "'").replace(QUOTES, '"');
  if (s.includes('\\')) s = s.replace(LITERAL_ESCAPE, decodeLiteralEscape);
  if (s.includes('<')) s = replaceLineBreakTags(s);
  s = foldWhitespace(s);
  // Removing the gutter can leave empty lines and a space at a line's start: fold once more.
  return HAS_GUTTER.test(s) ? foldWhitespace(s.replace(GUTTER, dropGutter)) : s;
}

/** A gutter is dropped unless it sits inside an unclosed "<br" (dropping it would complete a tag). */
function dropGutter(match: string, lead: string, offset: number, text: string): string {
  let i = offset;
  while (i > 0 && offset - i < 64 && (text.charCodeAt(i - 1) === 0x20 || text.charCodeAt(i - 1) === 0x0a || text.charCodeAt(i - 1) === 0x2f)) i--;
  return i >= 3 && text.slice(i - 3, i).toLowerCase() === '<br' ? match : lead;
}

/**
 * What lets normalising join letters that are apart in a text, as a pattern: an entity (`&`) can decode to a letter,
 * and dropped characters vanish from between two letters. Without either, every word of the normalised text is
 * already a word of the text.
 */
export const JOINS_LETTERS = `&|${HAS_CONTROL.source}`;
