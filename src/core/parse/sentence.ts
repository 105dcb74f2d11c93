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
import { freeTokenEnd, hasInvisible, isInvisible, MAX_PRINCIPAL, MAX_RESOURCE, principalStart, readActionAt } from './tokens.ts';
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

  // What: the action after "perform:".
  let pos = afterAnchor;
  if (pos < limit && src.flat.charCodeAt(pos) === 0x3a /* : */) {
    pos = skipSpace(src.flat, pos + 1, limit);
    const action = readActionAt(src.flat, pos, limit);
    if (action) {
      d.action = action;
      pos += action.length;
    } else {
      partial = true;
      pos = skipUnreadableAction(src, pos, limit);
    }
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
  const tokenEnd = isAt - 1;
  if (tokenEnd < floor || flat.charCodeAt(tokenEnd) !== 0x20) return { principal: null, service: false, start: isAt, complete: false };
  const tokenStart = principalStart(flat, tokenEnd, floor);
  if (tokenStart === -1 || tokenStart === tokenEnd) return { principal: null, service: false, start: isAt, complete: false };
  const token = flat.slice(tokenStart, tokenEnd);
  const tokenLower = lower.slice(tokenStart, tokenEnd);
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

/** Past an unreadable action token, unless the token is already the next clause. */
function skipUnreadableAction(src: Source, pos: number, limit: number): number {
  const end = freeTokenEnd(src.flat, pos, limit, 256);
  const word = src.lower.slice(pos, end);
  return word === 'on' || CLAUSE_WORDS.includes(word) ? Math.max(pos - 1, 0) : end;
}

function readResource(src: Source, pos: number, limit: number): { value: string | null; end: number; partial: boolean } {
  const { flat, lower } = src;
  if (pos < limit && flat.charCodeAt(pos) === 0x22 /* " */) {
    const close = indexWithin(flat, '"', pos + 1, Math.min(limit, pos + 1 + MAX_RESOURCE));
    if (close !== -1) {
      const quoted = flat.slice(pos + 1, close);
      return { value: cleanResource(quoted), end: close + 1, partial: hasInvisible(quoted) };
    }
    const end = freeTokenEnd(flat, pos + 1, limit, MAX_RESOURCE);
    return { value: cleanResource(flat.slice(pos + 1, end)), end, partial: true };
  }
  const first = freeTokenEnd(flat, pos, limit, MAX_RESOURCE);
  let end = first;
  if (TYPE_WORDS.includes(lower.slice(pos, first)) && first < limit && flat.charCodeAt(first) === 0x20) {
    const second = freeTokenEnd(flat, first + 1, limit, MAX_RESOURCE);
    const word = lower.slice(first + 1, second);
    // The name after the type word must be a name, not punctuation or the next clause.
    if (cleanResource(flat.slice(first + 1, second)) !== null && !CLAUSE_WORDS.includes(word)) end = second;
  }
  const value = cleanResource(flat.slice(pos, end));
  const stoppedEarly = end < limit && (end - pos >= MAX_RESOURCE || isInvisible(flat.charCodeAt(end)));
  return { value, end, partial: value === null || stoppedEarly };
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
