// What each form reader returns, and the one place a Denial is assembled, so every field rule of the
// CLI JSON contract (denial.ts) is applied the same way whichever grammar produced the denial.

import type { Denial } from '../denial.ts';
import type { ContextReading } from './context.ts';
import { parsePrincipalArn } from './principal.ts';
import { trimSpaces } from './source.ts';

/**
 * A denial read from the span [start, end) of the normalised text. The reader leaves
 * `meta.message` to the caller, which takes it from the span (see index.ts).
 */
export interface Reading {
  denial: Denial;
  start: number;
  end: number;
}

export { blankDenial } from '../denial.ts';

/**
 * Sets the principal fields from a principal as printed. Returns false when the value is not a
 * principal the grammar knows (the caller marks the denial partial).
 */
export function setPrincipal(d: Denial, printed: string, isServiceLabel = false): boolean {
  d.principalArn = printed;
  d.meta.principalSource = 'message';
  if (isServiceLabel) {
    d.principalType = 'service';
    d.accountId = null;
    return true;
  }
  const info = parsePrincipalArn(printed);
  d.principalType = info.principalType;
  d.accountId = info.accountId;
  return info.principalType !== null;
}

/** The hint action is kept only when it differs from the action after "perform:". */
/** Copies what a context clause says (why, which policy, the hint action) onto the denial. */
export function applyContext(d: Denial, context: ContextReading): void {
  d.denyKind = context.denyKind;
  d.policyType = context.policyType;
  d.policyArn = context.policyArn;
  d.cause = context.cause;
  d.meta.reason = context.reason;
  setHintAction(d, context.hintAction);
}

export function setHintAction(d: Denial, hint: string | null): void {
  if (!hint) return;
  if (d.action === null) {
    // The action after "perform:" was unreadable: the hint is what could be read.
    d.action = hint;
    return;
  }
  if (hint.toLowerCase() !== d.action.toLowerCase()) d.meta.hintAction = hint;
}

/** A resource as the contract wants it: no surrounding quotes, no sentence-final '.', null when empty. */
export function cleanResource(value: string): string | null {
  let v = trimSpaces(value);
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = trimSpaces(v.slice(1, -1));
  // Sentence punctuation, and a ')' that closes a parenthesis opened before the resource, in any order.
  for (;;) {
    // An ellipsis is a poster's elision, kept as printed ("arn:aws:cloudsearch:...." ends a sentence after one).
    if (v.endsWith('...') && !v.endsWith('....')) break;
    if (v.endsWith('.') || v.endsWith(',') || v.endsWith(';')) v = trimSpaces(v.slice(0, -1));
    else if (v.endsWith(')') && count(v, '(') < count(v, ')')) v = trimSpaces(v.slice(0, -1));
    else break;
  }
  return v === '' ? null : v;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i !== -1; i = s.indexOf(ch, i + 1)) n++;
  return n;
}
