// The typed context clause (denial-grammar.md 2.1, 2.2, 2.4) and the console's own Context phrasing
// (6.2). Explicit: "with an explicit deny[ in <article> <type>[(: |, with policy ARN: )<arn>]]" or
// "<article> <type> explicitly denies the action". Implicit: "because no <type> allows the <action>
// action" or "no <type> allows the action". A parenthesis holds a service-specific reason.

import type { DenialCause, DenyKind, PolicyType } from '../denial.ts';
import { matchPolicyType, skipArticle } from './policy-types.ts';
import { causeWithin } from './service-messages.ts';
import type { Source } from './source.ts';
import { clauseEnd, indexWithin, skipSpace, startsAt, trimSpaces } from './source.ts';
import { readActionAt, readPolicyArnAt } from './tokens.ts';

export interface ContextReading {
  denyKind: DenyKind;
  policyType: PolicyType | null;
  policyArn: string | null;
  /** The action after "allows the", as printed. */
  hintAction: string | null;
  reason: string | null;
  cause: DenialCause | null;
  /** The clause began like a known form but did not finish like one. */
  partial: boolean;
  end: number;
}

const EXPLICIT = 'with an explicit deny';
const BECAUSE = 'because ';
/** Matched up to a word boundary (not a space), so a message trimmed right after them still reads. */
const ALLOWS_THE = ' allows the';
const EXPLICITLY_DENIES_THE = ' explicitly denies the';
const ARN_JOINERS = [', with policy arn: ', ' with policy arn: ', ': '];
/** "because …" reasons that are documented forms of their own (S3 Block Public Access). */
const KNOWN_BECAUSE_REASONS = ['s3 block public access'];
const MAX_REASON = 1024;
const MAX_CLAUSE = 300;

function reading(denyKind: DenyKind, end: number): ContextReading {
  return { denyKind, policyType: null, policyArn: null, hintAction: null, reason: null, cause: null, partial: false, end };
}

function isWordBoundary(lower: string, pos: number, limit: number): boolean {
  if (pos >= limit) return true;
  const c = lower.charCodeAt(pos);
  return !((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d);
}

/** `phrase` at `pos`, ending at a word boundary. */
function phraseAt(lower: string, phrase: string, pos: number, limit: number): boolean {
  return startsAt(lower, phrase, pos, limit) && isWordBoundary(lower, pos + phrase.length, limit);
}

/** The API sentence's context clause at `pos` (after the action or resource), or null when none. */
export function readApiContext(src: Source, pos: number, limit: number): ContextReading | null {
  const q = skipSpace(src.flat, pos, limit);
  if (startsAt(src.lower, EXPLICIT, q, limit) && isWordBoundary(src.lower, q + EXPLICIT.length, limit)) {
    return readExplicit(src, q + EXPLICIT.length, limit);
  }
  if (startsAt(src.lower, BECAUSE, q, limit)) return readBecause(src, q, limit);
  if (src.flat.charCodeAt(q) === 0x28 /* ( */ && q < limit && !startsAt(src.lower, '(service: ', q, limit)) {
    return readParenthetical(src, q, limit);
  }
  return null;
}

/** Policy ARN after an explicit phrase ending at `pos`: ": <arn>" or ", with policy ARN: <arn>". */
function readPolicyArnAfter(src: Source, pos: number, limit: number): { value: string; end: number } | null {
  for (const joiner of ARN_JOINERS) {
    const at = pos + joiner.length;
    if (startsAt(src.lower, joiner, pos, limit) && startsAt(src.lower, 'arn:', at, limit)) {
      return readPolicyArnAt(src.flat, at, limit);
    }
  }
  return null;
}

function readExplicit(src: Source, afterPhrase: number, limit: number): ContextReading {
  const r = reading('explicit', afterPhrase);
  if (!startsAt(src.lower, ' in ', afterPhrase, limit)) return r; // the legacy bare form
  const typeAt = skipArticle(src.lower, afterPhrase + 4, limit);
  const type = matchPolicyType(src.lower, typeAt, limit);
  if (!type) {
    // "with an explicit deny in <something new>": keep the words, say it is partial.
    r.partial = true;
    r.end = clauseEnd(src.flat, typeAt, limit, MAX_CLAUSE);
    r.reason = trimSpaces(src.flat.slice(afterPhrase + 4, r.end)) || null;
    return r;
  }
  r.policyType = type.type;
  r.end = type.end;
  const arn = readPolicyArnAfter(src, type.end, limit);
  if (arn) {
    r.policyArn = arn.value;
    r.end = arn.end;
  }
  return r;
}

function readBecause(src: Source, becauseAt: number, limit: number): ContextReading {
  const { lower, flat } = src;
  let t = becauseAt + BECAUSE.length;
  const negated = startsAt(lower, 'no ', t, limit);
  // The 2023 doc printed "because the role trust policy allows …" (no "no"): read it the same way.
  t = negated ? t + 3 : skipArticle(lower, t, limit);
  const type = matchPolicyType(lower, t, limit);
  if (type && phraseAt(lower, ALLOWS_THE, type.end, limit)) {
    const r = readAllowsTheAction(src, type.end + ALLOWS_THE.length, limit);
    r.policyType = type.type;
    return r;
  }
  if (negated) {
    const allows = indexWithin(lower, ALLOWS_THE, t, Math.min(limit, t + 100));
    if (allows !== -1 && phraseAt(lower, ALLOWS_THE, allows, limit)) {
      const r = readAllowsTheAction(src, allows + ALLOWS_THE.length, limit);
      r.partial = true;
      r.reason = trimSpaces(flat.slice(t, allows)) || null;
      return r;
    }
  }
  // Another reason ("because public ACLs are prevented by … S3 Block Public Access").
  const end = clauseEnd(flat, becauseAt, limit, MAX_CLAUSE);
  const r = reading('unknown', end);
  r.reason = trimSpaces(flat.slice(becauseAt, end));
  const reasonLower = r.reason.toLowerCase();
  r.partial = !KNOWN_BECAUSE_REASONS.some((known) => reasonLower.includes(known));
  r.cause = causeWithin(src, becauseAt, end);
  return r;
}

/** "[<action> ]action" after "allows the". */
function readAllowsTheAction(src: Source, afterPhrase: number, limit: number): ContextReading {
  const r = reading('implicit', afterPhrase);
  const pos = skipSpace(src.flat, afterPhrase, limit);
  const action = readActionAt(src.flat, pos, limit);
  let p = pos;
  if (action) {
    r.hintAction = action;
    p += action.length + 1;
  }
  if (startsAt(src.lower, 'action', p, limit) && isWordBoundary(src.lower, p + 6, limit)) r.end = p + 6;
  else if (action) r.end = pos + action.length;
  return r;
}

function readParenthetical(src: Source, open: number, limit: number): ContextReading {
  const close = src.next(')').find(open + 1, Math.min(limit, open + 1 + MAX_REASON));
  // An unclosed parenthesis: partial, and it takes nothing after it (that may be the next denial).
  if (close === -1) return { ...reading('unknown', open + 1), partial: true };
  const r = reading('unknown', close + 1);
  r.reason = trimSpaces(src.flat.slice(open + 1, close)) || null;
  r.cause = causeWithin(src, open, r.end);
  return r;
}

/**
 * The console's Context value in [from, to): console phrasing, the API clause, or a service
 * message ('Error in "<id>": "IAM user access not activated"'). Unknown phrasing is partial.
 */
export function readConsoleContext(src: Source, from: number, to: number): ContextReading {
  const { lower } = src;
  const api = readApiContext(src, from, to);
  if (api) return api;
  if (startsAt(lower, 'no ', from, to)) {
    const type = matchPolicyType(lower, from + 3, to);
    if (type && phraseAt(lower, ALLOWS_THE, type.end, to)) {
      const r = readAllowsTheAction(src, type.end + ALLOWS_THE.length, to);
      r.policyType = type.type;
      return r;
    }
  }
  const typeAt = skipArticle(lower, from, to);
  const type = matchPolicyType(lower, typeAt, to);
  if (type && phraseAt(lower, EXPLICITLY_DENIES_THE, type.end, to)) {
    const r = readAllowsTheAction(src, type.end + EXPLICITLY_DENIES_THE.length, to);
    r.denyKind = 'explicit';
    r.policyType = type.type;
    // Not documented whether the console adds the 2026 policy ARN; accept both joiners.
    const arn = readPolicyArnAfter(src, r.end, to);
    if (arn) {
      r.policyArn = arn.value;
      r.end = arn.end;
    }
    return r;
  }
  const r = reading('unknown', to);
  r.cause = causeWithin(src, from, to);
  r.partial = r.cause === null;
  return r;
}
