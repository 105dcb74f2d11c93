// The IAM API sentence (denial-grammar.md sections 1, 3, 4):
//   (User: <principal> | Service Principal: <svc> | User) is not authorized to perform: <action>
//   [ on resource: <resource> | on this resource][<context>][<suffix>]
// read from its anchor "not authorized to perform", with wrappers in front (wrappers.ts) and
// suffixes after (suffix.ts). EC2's "You are not authorized to perform this operation." is read
// here too: it wraps a sentence when one follows, and stands alone otherwise.

import { readApiContext } from './context.ts';
import type { Reading } from './reading.ts';
import { applyContext, blankDenial, cleanResource, setPrincipal } from './reading.ts';
import type { Source } from './source.ts';
import { indexWithin, skipSpace, startsAt } from './source.ts';
import { readSuffixes } from './suffix.ts';
import { placeholderEnd, principalStartAt, resourceEndAt } from './extent.ts';
import { parsePrincipalArn } from './principal.ts';
import { freeTokenEnd, hasInvisible, isInvisible, MAX_PRINCIPAL, MAX_RESOURCE, readActionAt } from './tokens.ts';
import { readPrefix } from './wrappers.ts';

export const SENTENCE_ANCHOR = 'not authorized to perform';

const THIS_OPERATION = ' this operation';
const USER_LABEL = 'user: ';
const SERVICE_LABEL = 'service principal: ';
const RESOURCE_LABELS = [' on resource: ', ' on resources: ', ' on resource:'];
const NO_RESOURCE = ' on this resource';
/** IAM type words printed before a name: "on resource: role FinanceRole" (kept in the value). */
const TYPE_WORDS = ['role', 'user', 'policy', 'group'];
/** Words that start a context clause, so they are never taken as a resource name. */
const CLAUSE_WORDS = ['with', 'because'];

/** Reads the denial whose anchor is at `anchor`, within [floor, limit). */
export function readSentence(src: Source, anchor: number, floor: number, limit: number): Reading {
  const afterAnchor = anchor + SENTENCE_ANCHOR.length;
  if (startsAt(src.lower, THIS_OPERATION, afterAnchor, limit)) return readEc2(src, anchor, floor, limit);
  const d = blankDenial('api-sentence');
  let partial = false;

  // Who: the token before "is", and its label.
  const subject = readSubject(src, anchor, floor);
  let start = subject.start;
  if (subject.principal !== null) {
    const known = setPrincipal(d, subject.principal, subject.service);
    if (!known) partial = true;
  }
  if (!subject.complete) partial = true;

  // What: the action after "perform:" (STS prints "Not authorized to perform sts:AssumeRole", no colon).
  let pos = afterAnchor;
  const colon = pos < limit && src.flat.charCodeAt(pos) === 0x3a; /* : */
  const action = colon ? readQuotedAction(src, skipSpace(src.flat, pos + 1, limit), limit) : readQuotedAction(src, skipSpace(src.flat, pos, limit), limit);
  if (action) {
    d.action = action.value;
    pos = action.end;
  } else if (colon) {
    partial = true;
    pos = skipUnreadableAction(src, skipSpace(src.flat, pos + 1, limit), limit);
  } else {
    partial = true;
  }

  // On what.
  const resourceLabel = RESOURCE_LABELS.find((label) => startsAt(src.lower, label, pos, limit));
  if (resourceLabel) {
    const resource = readResource(src, skipSpace(src.flat, pos + resourceLabel.length, limit), limit);
    d.resource = resource.value;
    if (resource.partial) partial = true;
    pos = resource.end;
  } else if (startsAt(src.lower, NO_RESOURCE, pos, limit)) {
    pos += NO_RESOURCE.length;
  }

  // Why.
  const context = readApiContext(src, pos, limit);
  if (context) {
    applyContext(d, context);
    if (context.partial) partial = true;
    pos = context.end;
  }

  // After.
  const suffix = readSuffixes(src, pos, limit);
  if (suffix) {
    d.authorizationId = suffix.authorizationId;
    d.meta.troubleshooterUrl = suffix.troubleshooterUrl;
    d.meta.encodedMessage = suffix.encodedMessage;
    d.meta.errorCode = suffix.errorCode;
    if (suffix.partial) partial = true;
    pos = suffix.end;
  }
  if (pos < limit && src.flat.charCodeAt(pos) === 0x2e /* . */) pos++;

  // Before.
  const prefix = readPrefix(src, start, floor);
  if (prefix) {
    start = prefix.start;
    d.meta.errorCode = prefix.errorCode ?? d.meta.errorCode;
  }

  d.meta.partial = partial;
  return { denial: d, start, end: pos };
}

interface Subject {
  principal: string | null;
  service: boolean;
  start: number;
  /** A label and a readable principal (or the bare "User") were found. */
  complete: boolean;
}

function readSubject(src: Source, anchor: number, floor: number): Subject {
  const { flat, lower } = src;
  const isAt = anchor - 3;
  if (!startsAt(lower, 'is ', isAt, anchor) || isAt < floor) return { principal: null, service: false, start: anchor, complete: false };
  // "…/marymajoris not authorized": the space before "is" lost, read only when the principal is an ARN.
  const runIn = isAt > floor && flat.charCodeAt(isAt - 1) !== 0x20;
  const tokenEnd = runIn ? isAt : isAt - 1;
  if (tokenEnd < floor || (!runIn && flat.charCodeAt(tokenEnd) !== 0x20)) return { principal: null, service: false, start: isAt, complete: false };
  // A principal in a code span or quotes, escaped ones too ("User: `arn:…` is not …", a log's \"arn:…\"):
  // scanned inside them; the label is looked for before the opening quote.
  const close = flat.charCodeAt(tokenEnd - 1);
  const wrapped = !runIn && (close === 0x60 || close === 0x22 || close === 0x27);
  let scanEnd = wrapped ? tokenEnd - 1 : tokenEnd;
  const slashes = wrapped ? backslashesBefore(flat, scanEnd, floor) : 0;
  scanEnd -= slashes;
  const valueStart = principalStartAt(flat, scanEnd, floor, MAX_PRINCIPAL);
  if (valueStart === -1 || valueStart === scanEnd) return { principal: null, service: false, start: isAt, complete: false };
  const opener = valueStart - 1 - slashes;
  const opened = wrapped && opener >= floor && flat.charCodeAt(valueStart - 1) === close && backslashesBefore(flat, valueStart - 1, floor) >= slashes;
  const tokenStart = opened ? opener : valueStart;
  const token = flat.slice(valueStart, scanEnd);
  const tokenLower = token.toLowerCase();
  if (runIn && !(tokenLower.startsWith('arn:') && parsePrincipalArn(token).principalType !== null)) {
    return { principal: null, service: false, start: isAt, complete: false };
  }
  // A token that runs into an invisible character (bidi override, zero-width) is not trusted; the
  // span still takes in those characters and the label, so the message shows what was there.
  let labelEnd = tokenStart;
  while (labelEnd > floor && isInvisible(flat.charCodeAt(labelEnd - 1))) labelEnd--;
  const suspect = labelEnd < tokenStart;
  if (tokenLower === 'user' && !suspect) return { principal: null, service: false, start: tokenStart, complete: true };
  if (tokenLower.startsWith('user:') && token.length > 5) {
    return { principal: suspect ? null : token.slice(5), service: false, start: labelEnd, complete: !suspect };
  }
  const userAt = labelEnd - USER_LABEL.length;
  if (userAt >= floor && startsAt(lower, USER_LABEL, userAt, labelEnd)) {
    return { principal: suspect ? null : token, service: false, start: userAt, complete: !suspect };
  }
  const serviceAt = labelEnd - SERVICE_LABEL.length;
  if (serviceAt >= floor && startsAt(lower, SERVICE_LABEL, serviceAt, labelEnd)) {
    return { principal: suspect ? null : token, service: !suspect, start: serviceAt, complete: !suspect };
  }
  // No label: an ARN is still worth reporting; anything else ("The IAM Entity") is not a principal.
  const arn = !suspect && tokenLower.startsWith('arn:');
  return { principal: arn ? token : null, service: false, start: labelEnd, complete: false };
}

/** The action at `pos`, in a code span or quotes or bare, and where it ends; null when unreadable. */
/** How many backslashes (at most 8) end just before `end`. */
function backslashesBefore(flat: string, end: number, floor: number): number {
  let n = 0;
  while (n < 8 && end - n - 1 >= floor && flat.charCodeAt(end - n - 1) === 0x5c) n++;
  return n;
}

function readQuotedAction(src: Source, pos: number, limit: number): { value: string; end: number } | null {
  const open = src.flat.charCodeAt(pos);
  const quote = open === 0x60 /* ` */ || open === 0x22 /* " */ || open === 0x27 /* ' */;
  const at = quote ? pos + 1 : pos;
  const action = readActionAt(src.flat, at, limit);
  if (!action) return null;
  const end = at + action.length;
  return { value: action, end: quote && src.flat.charCodeAt(end) === open ? end + 1 : end };
}

/** Past an unreadable action token or placeholder ("null", "<policyname>"), unless it is already the next clause. */
function skipUnreadableAction(src: Source, pos: number, limit: number): number {
  const placeholder = placeholderEnd(src.flat, pos, limit);
  if (placeholder !== -1) return placeholder;
  const end = freeTokenEnd(src.flat, pos, limit, 256);
  const word = src.lower.slice(pos, end);
  return word === 'on' || CLAUSE_WORDS.includes(word) ? Math.max(pos - 1, 0) : end;
}

/** Quotes and code spans a resource may be printed in. */
const RESOURCE_QUOTES = '"`\'';

function readResource(src: Source, pos: number, limit: number): { value: string | null; end: number; partial: boolean } {
  const { flat, lower } = src;
  // Quotes, escaped ones too (a JSON string printed in a log: on resource: \"arn:…\").
  let slashes = 0;
  while (slashes < 8 && pos + slashes < limit && flat.charCodeAt(pos + slashes) === 0x5c) slashes++;
  const quote = pos + slashes < limit ? flat.charAt(pos + slashes) : '';
  if (quote !== '' && RESOURCE_QUOTES.includes(quote) && (slashes === 0 || quote === '"')) {
    const closing = '\\'.repeat(slashes) + quote;
    const from = pos + slashes + 1;
    const close = indexWithin(flat, closing, from, Math.min(limit, from + MAX_RESOURCE));
    if (close !== -1) {
      const quoted = flat.slice(from, close);
      return { value: cleanResource(quoted), end: close + closing.length, partial: hasInvisible(quoted) };
    }
    if (slashes > 0) return { value: null, end: pos, partial: true };
    const end = resourceEndAt(flat, pos + 1, limit, MAX_RESOURCE);
    return { value: cleanResource(flat.slice(pos + 1, end)), end, partial: true };
  }
  const first = resourceEndAt(flat, pos, limit, MAX_RESOURCE);
  let end = first;
  if (TYPE_WORDS.includes(lower.slice(pos, first)) && first < limit && flat.charCodeAt(first) === 0x20) {
    const second = resourceEndAt(flat, first + 1, limit, MAX_RESOURCE);
    const word = lower.slice(first + 1, second);
    // The name after the type word must be a name, not punctuation or the next clause.
    if (cleanResource(flat.slice(first + 1, second)) !== null && !CLAUSE_WORDS.includes(word)) end = second;
  }
  end = runToClause(src, end, limit);
  const value = cleanResource(flat.slice(pos, end));
  const stoppedEarly = end < limit && (end - pos >= MAX_RESOURCE || isInvisible(flat.charCodeAt(end)));
  return { value, end, partial: value === null || stoppedEarly };
}

/** Clauses that end a resource holding spaces or quotes: the context clause, or the Java SDK's suffix. */
const RESOURCE_ENDS = [' with an explicit deny', ' because ', ' (service: '];
/** How far a resource may run past where its token stopped to reach one of them. */
const MAX_SPACED_RESOURCE = 200;

/**
 * A resource whose token stopped at a space, a quote or markup runs on to the next clause the
 * grammar knows when one follows within reach and is read as that clause ("…:budget/Monthly
 * "Team" <Budget> with an explicit deny"); otherwise it ends where it stopped. Text holding a label
 * ("Service: "), a sentence break or another denial is never taken in. Line breaks do not matter,
 * so the denial's message (flattened) reads back the same.
 */
function runToClause(src: Source, end: number, limit: number): number {
  const { flat, lower } = src;
  if (end >= limit || isInvisible(flat.charCodeAt(end))) return end;
  if (RESOURCE_ENDS.some((phrase) => startsAt(lower, phrase, end, limit))) return end;
  const hi = Math.min(limit, end + MAX_SPACED_RESOURCE);
  let best = -1;
  for (const phrase of RESOURCE_ENDS) {
    const at = indexWithin(lower, phrase, end, hi);
    if (at !== -1 && (best === -1 || at < best)) best = at;
  }
  if (best === -1) return end;
  for (let i = end; i < best; i++) {
    const c = flat.charCodeAt(i);
    if (isInvisible(c) || ((c === 0x2e || c === 0x3a) && flat.charCodeAt(i + 1) === 0x20)) return end;
  }
  if (indexWithin(lower, SENTENCE_ANCHOR, end, best) !== -1) return end;
  return readApiContext(src, best, limit) || readSuffixes(src, best, limit) ? best : end;
}

/** "You are not authorized to perform this operation." with or without a sentence after it. */
function readEc2(src: Source, anchor: number, floor: number, limit: number): Reading {
  const youAt = anchor - 'you are '.length;
  let start = youAt >= floor && startsAt(src.lower, 'you are ', youAt, anchor) ? youAt : anchor;
  let pos = anchor + SENTENCE_ANCHOR.length + THIS_OPERATION.length;
  if (pos < limit && src.flat.charCodeAt(pos) === 0x2e) pos++;
  const next = skipSpace(src.flat, pos, limit);
  if (startsAt(src.lower, USER_LABEL, next, limit) || startsAt(src.lower, SERVICE_LABEL, next, limit)) {
    const inner = indexWithin(src.lower, SENTENCE_ANCHOR, next, Math.min(limit, next + MAX_PRINCIPAL + 40));
    if (inner !== -1 && !startsAt(src.lower, THIS_OPERATION, inner + SENTENCE_ANCHOR.length, limit)) {
      // The sentence reads its own prefixes, this one included.
      return readSentence(src, inner, floor, limit);
    }
  }
  const d = blankDenial('api-sentence');
  const suffix = readSuffixes(src, pos, limit);
  if (suffix) {
    d.meta.encodedMessage = suffix.encodedMessage;
    d.meta.errorCode = suffix.errorCode;
    d.meta.partial = suffix.partial;
    pos = suffix.end;
  }
  const prefix = readPrefix(src, start, floor);
  if (prefix) {
    start = prefix.start;
    d.meta.errorCode = prefix.errorCode ?? d.meta.errorCode;
  }
  return { denial: d, start, end: pos };
}
