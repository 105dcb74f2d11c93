// The console's own "Access denied" alert (denial-grammar.md section 6), read from innerText:
//   [Access denied[ to <action>]]
//   You don't have permission to <action>. To request access, copy the following text …
//   User: <principal-arn or account id>        (values may sit in [brackets])
//   Service: <prefix or display name>
//   Action: <Action or service:Action>
//   On resource(s): <resource>
//   Context: <console phrasing | the full API sentence | 'Error in "<id>": "IAM user access not activated"'>
//   Name: / HTTP status code: / Request ID:     (Cost Explorer widgets)
// A Context holding the API sentence gives ONE denial, merged. A block is reached from its header
// or prose line (forward) or, when the prose is missing or translated, from its Context line.

import type { Denial } from '../denial.ts';
import type { Field, LabelKey } from './console-fields.ts';
import { fieldsFrom, KEY_BIT, MAX_CONTEXT, readField, sentenceField, withContinuation } from './console-fields.ts';
import type { Reading } from './reading.ts';
import { applyContext, blankDenial, cleanResource, setHintAction, setPrincipal } from './reading.ts';
import { readSentence, SENTENCE_ANCHOR } from './sentence.ts';
import type { Source } from './source.ts';
import { indexWithin, lastIndexWithin, skipSpace, startsAt, trimSpaces } from './source.ts';
import { freeTokenEnd, hasInvisible, isAction, isActionName, isErrorCode, isPrincipalToken, isServicePrefix, readActionAt, trimTrailing } from './tokens.ts';
import { CONSOLE_PROSE_NEEDLES } from './triggers.ts';

const HEADER = 'access denied';
const HEADER_TO = 'access denied to ';
const MAX_HEADER = 200;
const MAX_PROSE = 2000;
/** Short lines ("Learn more") that may sit between the prose and the code box. */
const MAX_SKIPPED = 2;
const MAX_SKIPPED_LENGTH = 200;
const ACCOUNT_ID = /^\d{4}-?\d{4}-?\d{4}$/;
const PERFORM = 'perform ';
/** The words every prose needle holds. */
const PROSE_CORE = 'have permission';

interface Prose {
  at: number;
  end: number;
}

/** The prose trigger inside [from, to): one scan for the words all its needles share. */
function proseIn(src: Source, from: number, to: number): Prose | null {
  for (let at = indexWithin(src.lower, PROSE_CORE, from, to); at !== -1; at = indexWithin(src.lower, PROSE_CORE, at + 1, to)) {
    for (const needle of CONSOLE_PROSE_NEEDLES) {
      const start = at - needle.indexOf(PROSE_CORE);
      if (startsAt(src.lower, needle, start, to) && start >= from) return { at: start, end: start + needle.length };
    }
  }
  return null;
}

function isHeaderLine(src: Source, line: number): boolean {
  const start = src.lines.start(line);
  const end = src.lines.end(line);
  return end - start <= MAX_HEADER && startsAt(src.lower, HEADER, start, end);
}

function headerActionOf(src: Source, line: number): string | null {
  const start = src.lines.start(line);
  const end = src.lines.end(line);
  return startsAt(src.lower, HEADER_TO, start, end) ? readActionAt(src.flat, start + HEADER_TO.length, end) : null;
}

/** "<action>" or "[<action>]" after "You don't have permission to", and where it ends. */
function proseValue(src: Source, pos: number, lineEnd: number): { value: string; end: number } {
  const at = skipSpace(src.flat, pos, lineEnd);
  if (at < lineEnd && src.flat.charCodeAt(at) === 0x5b /* [ */) {
    const close = indexWithin(src.flat, ']', at + 1, Math.min(lineEnd, at + 257));
    if (close !== -1) return { value: trimSpaces(src.flat.slice(at + 1, close)), end: close + 1 };
  }
  // "You don't have permission to perform ce:DescribeReport": the verb before the action.
  const verb = startsAt(src.lower, PERFORM, at, lineEnd) ? at + PERFORM.length : at;
  const end = freeTokenEnd(src.flat, verb, lineEnd, 256);
  return { value: trimTrailing(src.flat.slice(verb, end), '.,'), end };
}

/**
 * The code box below `line`: label lines, perhaps after a short line or two, or the API sentence
 * on a line of its own (then playing the Context's part). A skipped line must not hold another
 * denial's text, so the search ends at the line of the next trigger after `line`.
 */
function codeBoxBelow(src: Source, line: number, floor: number, nextTriggerFrom: (from: number) => number): readonly Field[] {
  const seen = { mask: 0 };
  let nextPos = -1;
  for (let k = line + 1; k < src.lines.count && k <= line + 1 + MAX_SKIPPED; k++) {
    const start = src.lines.start(k);
    const end = src.lines.end(k);
    const fields = fieldsFrom(src, k, 1, floor, seen);
    if (fields.length > 0) return fields;
    if (end - start <= MAX_CONTEXT) {
      const anchor = indexWithin(src.lower, SENTENCE_ANCHOR, start, end);
      if (anchor !== -1) {
        seen.mask |= KEY_BIT.context;
        return [sentenceField(src, k, anchor), ...fieldsFrom(src, k + 1, 1, floor, seen)];
      }
    }
    if (end - start > MAX_SKIPPED_LENGTH) break;
    if (nextPos === -1) nextPos = nextTriggerFrom(src.lines.end(line));
    if (nextPos < end) break;
  }
  return [];
}

/**
 * The block whose header or prose line holds the trigger at `pos`. `isHeader` says the trigger
 * was "Access denied to <action>" rather than the prose; `nextTriggerFrom(p)` is where the first
 * trigger at or after p starts (asked with increasing p only).
 */
export function readConsoleForward(
  src: Source,
  pos: number,
  triggerEnd: number,
  isHeader: boolean,
  floor: number,
  nextTriggerFrom: (from: number) => number,
): Reading {
  const { lines } = src;
  let start: number;
  let headerAction: string | null = null;
  let prose: Prose | null = null;
  /** The last line of the header or the prose: the code box starts below it. */
  let line: number;
  if (isHeader) {
    start = pos;
    headerAction = readActionAt(src.flat, triggerEnd, src.flat.length);
    const headerEnd = triggerEnd + (headerAction?.length ?? 0);
    line = lines.lineOf(Math.max(pos, headerEnd - 1));
    prose = proseIn(src, headerEnd, lines.end(line));
    const next = line + 1;
    if (!prose && next < lines.count && lines.end(next) - lines.start(next) <= MAX_PROSE) {
      prose = proseIn(src, lines.start(next), lines.end(next));
      if (prose) line = next;
    }
  } else {
    prose = { at: pos, end: triggerEnd };
    // The line where the trigger phrase ends: the phrase itself may be wrapped.
    line = lines.lineOf(Math.max(pos, triggerEnd - 1));
    const you = lastIndexWithin(src.lower, 'you ', Math.max(floor, pos - 8), pos);
    start = you !== -1 ? you : pos;
    const first = lines.lineOf(start);
    if (start === lines.start(first) && first > 0 && lines.start(first - 1) >= floor && isHeaderLine(src, first - 1)) {
      start = lines.start(first - 1);
      headerAction = headerActionOf(src, first - 1);
    }
  }

  let proseAction: string | null = null;
  let end = isHeader ? lines.end(line) : triggerEnd;
  if (prose) {
    const lineEnd = lines.end(line);
    const value = proseValue(src, prose.end, lineEnd);
    proseAction = isAction(value.value) ? value.value : null;
    end = lineEnd - prose.at <= MAX_PROSE ? lineEnd : value.end;
  }
  // A prose line cut short (huge) has no code box below it that belongs to it.
  const fields = end === lines.end(line) ? codeBoxBelow(src, line, floor, nextTriggerFrom) : [];
  const last = fields[fields.length - 1];
  if (last) end = Math.max(end, last.lineEnd);
  return buildDenial(src, { start, end, headerAction, proseAction, hasProse: prose !== null, fields });
}

/** The block around the Context line at `pos` (no prose above it, or the prose was read already). */
export function readConsoleAroundContext(src: Source, pos: number, floor: number): Reading | null {
  const line = src.lines.lineOf(pos);
  const read = readField(src, line);
  if (!read) return null;
  const context = withContinuation(src, read);
  const seen = { mask: KEY_BIT.context };
  const above = fieldsFrom(src, line - 1, -1, floor, seen);
  const below = fieldsFrom(src, context.lastLine + 1, 1, floor, seen);
  const fields = [...above, context, ...below];
  const first = fields[0] ?? context;
  const last = fields[fields.length - 1] ?? context;
  return buildDenial(src, { start: first.lineStart, end: last.lineEnd, headerAction: null, proseAction: null, hasProse: false, fields });
}

interface Block {
  start: number;
  end: number;
  headerAction: string | null;
  proseAction: string | null;
  hasProse: boolean;
  fields: readonly Field[];
}

function buildDenial(src: Source, block: Block): Reading {
  const byKey: Partial<Record<LabelKey, Field>> = {};
  for (const field of block.fields) byKey[field.key] ??= field;
  const value = (key: LabelKey): string | null => {
    const field = byKey[key];
    return field ? trimSpaces(src.text.slice(field.from, field.to)) : null;
  };
  const d = blankDenial('console-alert');
  let partial = block.fields.length === 0;
  const contextField = byKey.context;

  // A Context that holds the API sentence is the authority for everything it says.
  const sentence: Denial | null = contextField && contextField.anchor !== -1 ? readSentence(src, contextField.anchor, contextField.from, contextField.to).denial : null;

  if (sentence && sentence.principalArn !== null) {
    d.principalArn = sentence.principalArn;
    d.principalType = sentence.principalType;
    d.accountId = sentence.accountId;
    d.meta.principalSource = 'message';
  } else {
    const user = value('user');
    if (user && ACCOUNT_ID.test(user)) {
      d.accountId = user.replaceAll('-', '');
      d.meta.principalSource = 'message';
    } else if (user) {
      // Only a principal-shaped token is reported; anything else stays out of the fields.
      if (!isPrincipalToken(user) || !setPrincipal(d, user)) partial = true;
    }
  }

  const service = value('service');
  const actionLine = value('action');
  d.action = sentence?.action ?? block.proseAction ?? null;
  if (d.action === null && actionLine) {
    if (isAction(actionLine)) d.action = actionLine;
    else if (service && isServicePrefix(service) && isActionName(actionLine)) d.action = `${service}:${actionLine}`;
  }
  d.action = d.action ?? block.headerAction;

  const resource = value('resource');
  d.resource = sentence?.resource ?? (resource ? cleanResource(resource) : null);
  if (d.resource !== null && hasInvisible(d.resource)) partial = true;

  if (sentence) {
    d.denyKind = sentence.denyKind;
    d.policyType = sentence.policyType;
    d.policyArn = sentence.policyArn;
    d.authorizationId = sentence.authorizationId;
    d.cause = sentence.cause;
    d.meta.troubleshooterUrl = sentence.meta.troubleshooterUrl;
    d.meta.encodedMessage = sentence.meta.encodedMessage;
    d.meta.errorCode = sentence.meta.errorCode;
    setHintAction(d, sentence.meta.hintAction);
    if (sentence.meta.partial) partial = true;
  } else if (contextField?.context) {
    const context = contextField.context;
    applyContext(d, context);
    if (context.partial) partial = true;
  }
  // The Context value verbatim (it replaces the clause's reason); for a sentence on its own line, the sentence's own reason.
  d.meta.reason = contextField && !contextField.labelled ? (sentence?.meta.reason ?? null) : value('context');

  const name = value('name');
  if (d.meta.errorCode === null && name && isErrorCode(name)) d.meta.errorCode = name;

  // Only a Context line, with no prose and no User/Service/Action: too little to call it the form.
  if (!block.hasProse && !byKey.user && !byKey.service && !byKey.action) partial = true;

  d.meta.partial = partial;
  return { denial: d, start: block.start, end: block.end };
}
