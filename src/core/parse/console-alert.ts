// The console's own "Access denied" alert (denial-grammar.md section 6), read from innerText:
//   [Access denied[ to <action>]]
//   You don't have permission to <action>. To request access, copy the following text …
//   User: <principal-arn or account id>        (values may sit in [brackets])
//   Service: <prefix or display name>
//   Action: <Action or service:Action>
//   On resource(s): <resource>
//   Context: <console phrasing | the full API sentence | 'Error in "<id>": "IAM user access not activated"'>
//   Name: / HTTP status code: / Request ID:     (Cost Explorer widgets)
// A Context holding the API sentence gives ONE denial, merged. A block can be reached from its
// prose line (forward) or, when the prose is missing or translated, from its Context line.

import type { Denial } from '../denial.ts';
import { readConsoleContext } from './context.ts';
import type { Reading } from './reading.ts';
import { blankDenial, cleanResource, setHintAction, setPrincipal } from './reading.ts';
import { readSentence, SENTENCE_ANCHOR } from './sentence.ts';
import type { Source } from './source.ts';
import { indexWithin, lastIndexWithin, skipSpace, startsAt, trimSpaces } from './source.ts';
import { freeTokenEnd, hasInvisible, isAction, isActionName, isErrorCode, isPrincipalToken, isServicePrefix, readActionAt, trimTrailing } from './tokens.ts';
import { CONSOLE_PROSE_NEEDLES, hasTriggerWithin } from './triggers.ts';

type LabelKey = 'user' | 'service' | 'action' | 'resource' | 'context' | 'name' | 'status' | 'requestId';

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
const LABELS = LABEL_WORDS.map(([label, key]) => [label + ':', key] as const).sort((a, b) => b[0].length - a[0].length);

const HEADER = 'access denied';
const HEADER_TO = 'access denied to ';
const CONTEXT_LABEL = 'context:';
const MAX_HEADER = 200;
const MAX_VALUE = 1024;
const MAX_CONTEXT = 8192;
const MAX_PROSE = 2000;
const MAX_LABEL_LINES = 12;
/** Short lines ("Learn more", "Copy") that may sit between the prose and the code box. */
const MAX_SKIPPED = 2;
const MAX_SKIPPED_LENGTH = 200;
const MAX_CONTINUATION = 2;
const ACCOUNT_ID = /^\d{4}-?\d{4}-?\d{4}$/;

interface Field {
  key: LabelKey;
  lineStart: number;
  /** End of the field's last line (a wrapped Context value may take more than one). */
  lineEnd: number;
  from: number;
  to: number;
  lastLine: number;
}

/** The label line `line` as a field, or null when it is not one. */
function readField(src: Source, line: number): Field | null {
  const lineStart = src.lines.start(line);
  const lineEnd = src.lines.end(line);
  if (lineEnd - lineStart > MAX_CONTEXT) return null;
  const label = LABELS.find(([word]) => startsAt(src.lower, word, lineStart, lineEnd));
  if (!label) return null;
  const [word, key] = label;
  const field = withValue(src, key, line, lineStart, lineEnd, lineStart + word.length);
  if (key !== 'context' && field.to - field.from > MAX_VALUE) return null;
  // A User: line holds one token; "User: arn:… is not authorized …" is the API sentence instead.
  if (key === 'user' && indexWithin(src.flat, ' ', field.from, field.to) !== -1) return null;
  return field;
}

/** The field's value: after the label, brackets and trailing spaces removed. */
function withValue(src: Source, key: LabelKey, lastLine: number, lineStart: number, lineEnd: number, afterLabel: number): Field {
  let from = skipSpace(src.flat, afterLabel, lineEnd);
  let to = lineEnd;
  if (to - from >= 2 && src.flat.charCodeAt(from) === 0x5b /* [ */ && src.flat.charCodeAt(to - 1) === 0x5d /* ] */) {
    from++;
    to--;
  }
  while (to > from && src.flat.charCodeAt(to - 1) === 0x20) to--;
  return { key, lineStart, lineEnd, from, to, lastLine };
}

function contextReads(src: Source, from: number, to: number): boolean {
  return indexWithin(src.lower, SENTENCE_ANCHOR, from, to) !== -1 || !readConsoleContext(src, from, to).partial;
}

/**
 * A Context value wrapped onto the next line or two (a paste from a narrow window): the lines are
 * joined only when the Context line alone does not read and the joined text does.
 */
function withContinuation(src: Source, field: Field): Field {
  if (field.key !== 'context' || contextReads(src, field.from, field.to)) return field;
  for (let k = field.lastLine + 1; k < src.lines.count && k <= field.lastLine + MAX_CONTINUATION; k++) {
    if (src.lines.end(k) - src.lines.start(k) > MAX_SKIPPED_LENGTH || readField(src, k)) break;
    const joined = withValue(src, 'context', k, field.lineStart, src.lines.end(k), field.from);
    if (contextReads(src, joined.from, joined.to)) return joined;
  }
  return field;
}

function isContextField(src: Source, line: number): boolean {
  return startsAt(src.lower, CONTEXT_LABEL, src.lines.start(line), src.lines.end(line));
}

/** True when `pos` lies on a "Context:" line that starts at or after `floor`. */
export function onContextLine(src: Source, pos: number, floor: number): boolean {
  const line = src.lines.lineOf(pos);
  return src.lines.start(line) >= floor && isContextField(src, line);
}

function proseIn(src: Source, from: number, to: number): { at: number; end: number } | null {
  for (const needle of CONSOLE_PROSE_NEEDLES) {
    const at = indexWithin(src.lower, needle, from, to);
    if (at !== -1) return { at, end: at + needle.length };
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
  const end = freeTokenEnd(src.flat, at, lineEnd, 256);
  return { value: trimTrailing(src.flat.slice(at, end), '.,'), end };
}

/** Label lines from `line` on (or upwards), stopping at a repeated label or a non-label line. */
function fieldsFrom(src: Source, line: number, step: 1 | -1, floor: number, seen: Set<LabelKey>): Field[] {
  const found: Field[] = [];
  for (let k = line; k >= 0 && k < src.lines.count && found.length < MAX_LABEL_LINES; k += step) {
    if (src.lines.start(k) < floor) break;
    const read = readField(src, k);
    if (!read || seen.has(read.key)) break;
    const field = step === 1 ? withContinuation(src, read) : read;
    seen.add(field.key);
    found.push(field);
    k = field.lastLine;
  }
  return step === 1 ? found : found.reverse();
}

/**
 * The block whose header or prose line holds the trigger at `pos`. `isHeader` says the trigger
 * was "Access denied to <action>" rather than the prose.
 */
export function readConsoleForward(src: Source, pos: number, triggerEnd: number, isHeader: boolean, floor: number): Reading {
  const { lines } = src;
  let start: number;
  let headerAction: string | null = null;
  let prose: { at: number; end: number } | null = null;
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

  // The code box: label lines, perhaps after a short line or two, or the API sentence on its own line.
  const seen = new Set<LabelKey>();
  let fields: Field[] = [];
  let sentenceLine: Field | null = null;
  let skipped = 0;
  const firstAfter = line + 1;
  if (end === lines.end(line)) {
    for (let k = firstAfter; k < lines.count; k++) {
      fields = fieldsFrom(src, k, 1, floor, seen);
      if (fields.length > 0) break;
      const ls = lines.start(k);
      const le = lines.end(k);
      if (le - ls <= MAX_CONTEXT && indexWithin(src.lower, SENTENCE_ANCHOR, ls, le) !== -1) {
        sentenceLine = { key: 'context', lineStart: ls, lineEnd: le, from: ls, to: le, lastLine: k };
        seen.add('context');
        fields = fieldsFrom(src, k + 1, 1, floor, seen);
        break;
      }
      if (skipped >= MAX_SKIPPED || le - ls > MAX_SKIPPED_LENGTH || hasTriggerWithin(src, ls, le)) break;
      skipped++;
    }
  }
  const last = fields[fields.length - 1] ?? sentenceLine;
  if (last) end = Math.max(end, last.lineEnd);
  return buildDenial(src, {
    start,
    end,
    headerAction,
    proseAction,
    hasProse: prose !== null,
    fields: sentenceLine ? [sentenceLine, ...fields] : fields,
    sentenceLine,
  });
}

/** The block around the Context line at `pos` (no prose above it, or the prose was read already). */
export function readConsoleAroundContext(src: Source, pos: number, floor: number): Reading | null {
  const line = src.lines.lineOf(pos);
  const read = readField(src, line);
  if (!read) return null;
  const context = withContinuation(src, read);
  const seen = new Set<LabelKey>(['context']);
  const above = fieldsFrom(src, line - 1, -1, floor, seen);
  const below = fieldsFrom(src, context.lastLine + 1, 1, floor, seen);
  const fields = [...above, context, ...below];
  const first = fields[0] ?? context;
  const last = fields[fields.length - 1] ?? context;
  return buildDenial(src, {
    start: first.lineStart,
    end: last.lineEnd,
    headerAction: null,
    proseAction: null,
    hasProse: false,
    fields,
    sentenceLine: null,
  });
}

interface Block {
  start: number;
  end: number;
  headerAction: string | null;
  proseAction: string | null;
  hasProse: boolean;
  fields: Field[];
  /** The API sentence on a line of its own below the prose (it then plays the Context's part). */
  sentenceLine: Field | null;
}

function value(src: Source, field: Field | undefined): string | null {
  return field ? trimSpaces(src.text.slice(field.from, field.to)) : null;
}

function buildDenial(src: Source, block: Block): Reading {
  const get = (key: LabelKey) => block.fields.find((f) => f.key === key);
  const d = blankDenial('console-alert');
  let partial = block.fields.length === 0;
  const contextField = get('context');

  // A Context that holds the API sentence is the authority for everything it says.
  let sentence: Denial | null = null;
  if (contextField) {
    const anchor = indexWithin(src.lower, SENTENCE_ANCHOR, contextField.from, contextField.to);
    if (anchor !== -1) sentence = readSentence(src, anchor, contextField.from, contextField.to).denial;
  }

  if (sentence && sentence.principalArn !== null) {
    d.principalArn = sentence.principalArn;
    d.principalType = sentence.principalType;
    d.accountId = sentence.accountId;
    d.meta.principalSource = 'message';
  } else {
    const user = value(src, get('user'));
    if (user && ACCOUNT_ID.test(user)) {
      d.accountId = user.replaceAll('-', '');
      d.meta.principalSource = 'message';
    } else if (user) {
      // Only a principal-shaped token is reported; anything else stays out of the fields.
      if (!isPrincipalToken(user) || !setPrincipal(d, user)) partial = true;
    }
  }

  const service = value(src, get('service'));
  const actionLine = value(src, get('action'));
  d.action = sentence?.action ?? block.proseAction ?? null;
  if (d.action === null && actionLine) {
    if (isAction(actionLine)) d.action = actionLine;
    else if (service && isServicePrefix(service) && isActionName(actionLine)) d.action = `${service}:${actionLine}`;
  }
  d.action = d.action ?? block.headerAction;

  const resource = value(src, get('resource'));
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
  } else if (contextField) {
    const context = readConsoleContext(src, contextField.from, contextField.to);
    d.denyKind = context.denyKind;
    d.policyType = context.policyType;
    d.policyArn = context.policyArn;
    d.cause = context.cause;
    setHintAction(d, context.hintAction);
    if (context.partial) partial = true;
  }
  d.meta.reason = block.sentenceLine ? sentence?.meta.reason ?? null : value(src, contextField);

  const name = value(src, get('name'));
  if (d.meta.errorCode === null && name && isErrorCode(name)) d.meta.errorCode = name;

  // Only a Context line, with no prose and no User/Service/Action: too little to call it the form.
  if (!block.hasProse && !get('user') && !get('service') && !get('action')) partial = true;

  d.meta.partial = partial;
  return { denial: d, start: block.start, end: block.end };
}
