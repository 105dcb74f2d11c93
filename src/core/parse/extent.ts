// Where a principal or a resource begins and ends when people have edited it before pasting:
// placeholders ("<account_id>", "[child account number]", "{accountid}", "\"my account number\""),
// and masks ("***", "*redacted*", "ACCOUNTID#"). A placeholder is skipped as one piece, spaces
// included, so a value is read whole, as printed.
// Every scan is bounded: a placeholder by MAX_PLACEHOLDER, a value by its caller's maximum.

import { isInvisible, isPrincipalChar } from './tokens.ts';

/** The longest placeholder read as one piece ("[child account number]" is 22). */
const MAX_PLACEHOLDER = 64;

/** The opener a closer pairs with, or 0. Quotes and backticks pair with themselves. */
function openerOf(c: number): number {
  switch (c) {
    case 0x3e: return 0x3c; // > <
    case 0x5d: return 0x5b; // ] [
    case 0x7d: return 0x7b; // } {
    case 0x22: return 0x22; // "
    case 0x60: return 0x60; // `
    default: return 0;
  }
}

/** The closer an opener pairs with, or 0. */
function closerOf(c: number): number {
  switch (c) {
    case 0x3c: return 0x3e;
    case 0x5b: return 0x5d;
    case 0x7b: return 0x7d;
    case 0x22: return 0x22;
    case 0x60: return 0x60;
    default: return 0;
  }
}

/** Mask characters printed in place of an account or a name. */
function isMaskChar(c: number): boolean {
  return c === 0x2a /* * */ || c === 0x23 /* # */;
}

/** The index just past the placeholder opening at `pos` (its closer within reach, no line break), or -1. */
export function placeholderEnd(s: string, pos: number, limit: number): number {
  const close = closerOf(s.charCodeAt(pos));
  if (close === 0) return -1;
  const hi = Math.min(limit, pos + 1 + MAX_PLACEHOLDER);
  for (let i = pos + 1; i < hi; i++) {
    const c = s.charCodeAt(i);
    if (c === close) return i > pos + 1 ? i + 1 : -1;
    if (c === 0x0a || isInvisible(c) || (close !== 0x22 && close !== 0x60 && c === s.charCodeAt(pos))) return -1;
  }
  return -1;
}

/** The index of the placeholder's opener, for a placeholder closing just before `end`, or -1. */
function placeholderStart(s: string, end: number, floor: number): number {
  const open = openerOf(s.charCodeAt(end - 1));
  // A quoted placeholder sits between an ARN's fields: a field edge on both sides ("::\"my account\":role/").
  if (open === 0 || ((open === 0x22 || open === 0x60) && !isFieldEdge(s.charCodeAt(end)))) return -1;
  const lo = Math.max(floor, end - 2 - MAX_PLACEHOLDER);
  for (let i = end - 2; i >= lo; i--) {
    const c = s.charCodeAt(i);
    if (c === open) return i < end - 2 && (open !== 0x22 && open !== 0x60 || isFieldEdge(s.charCodeAt(i - 1))) ? i : -1;
    if (c === 0x0a || isInvisible(c)) return -1;
  }
  return -1;
}

/**
 * Start of the principal that ends at `end`, placeholders and masks included, or -1 when it is
 * longer than `max`. A code span or quotes around the whole value are part of what is returned
 * (see unwrap).
 */
export function principalStartAt(s: string, end: number, floor: number, max: number): number {
  let i = end;
  while (i > floor) {
    const c = s.charCodeAt(i - 1);
    if (isPrincipalChar(c) || isMaskChar(c)) i--;
    else {
      const open = placeholderStart(s, i, floor);
      if (open === -1) break;
      i = open;
    }
    if (end - i > max) return -1;
  }
  return i;
}

/**
 * End of the resource value starting at `pos`: it runs over name characters and placeholders,
 * and stops at whitespace, a quote or code span that closes it, markup, an escaped quote (a JSON
 * string's end) or an invisible character.
 */
export function resourceEndAt(s: string, pos: number, limit: number, max: number): number {
  const hi = Math.min(limit, pos + max);
  let i = pos;
  while (i < hi) {
    const c = s.charCodeAt(i);
    if (c === 0x3c || c === 0x5b || c === 0x7b || (c === 0x22 && i > pos && isFieldEdge(s.charCodeAt(i - 1)))) {
      const after = placeholderEnd(s, i, hi);
      if (after !== -1 && (c !== 0x22 || after >= hi || isFieldEdge(s.charCodeAt(after)))) {
        i = after;
        continue;
      }
      if (c !== 0x5b && c !== 0x7b) break;
    } else if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x22 || c === 0x60 || c === 0x3e || isInvisible(c)) break;
    else if (c === 0x5c /* \ */ && (s.charCodeAt(i + 1) === 0x22 || s.charCodeAt(i + 1) === 0x5c)) break;
    i++;
  }
  return i;
}

/** Characters that separate an ARN's fields or a path's segments. */
function isFieldEdge(c: number): boolean {
  return c === 0x3a /* : */ || c === 0x2f /* / */;
}
