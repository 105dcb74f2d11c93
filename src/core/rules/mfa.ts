// "A policy explicitly denies access to billing actions without MFA" (re:Post): explicit denies in
// identity policies, boundaries and SCPs are often conditioned on aws:MultiFactorAuthPresent.

import { PRECEDENCE, contribution, type Rule } from './contribution.ts';
import type { DenialFacts } from './facts.ts';
import { actionName } from './words.ts';
import { DOCS } from '../knowledge/docs.ts';
import { checklistItem } from './checklist-topics.ts';

const MFA_CONDITIONED_TYPES = new Set(['identity', 'permissions-boundary', 'scp']);

/** Explicit deny from a layer where MFA conditions are common, on a principal that signs in. */
export function mfaSuspected(facts: DenialFacts): boolean {
  if (facts.denyKind !== 'explicit') return false;
  if (facts.principal.type === 'root' || facts.principal.type === 'service') return false;
  return facts.policyType === null || MFA_CONDITIONED_TYPES.has(facts.policyType);
}

export function mfaChecklistItem(facts: DenialFacts): string {
  return checklistItem(
    'mfa',
    `does a Deny statement that matches ${actionName(facts)} test aws:MultiFactorAuthPresent (or aws:MultiFactorAuthAge), and was this session started without MFA? Sign in again with MFA and retry to find out.`,
  );
}

export const mfa: Rule = (facts) => {
  const out = contribution(PRECEDENCE.advice);
  if (facts.canonicalAction?.toLowerCase() === 'payments:makepayment' && facts.page?.id === 'payment-preferences') {
    out.notes.push({
      kind: 'mfa',
      text: 'The Payment preferences page calls payments:MakePayment only when a card needs verification by the bank (MFA for the card, such as 3-D Secure), so this denial appears only for such cards.',
    });
  }
  if (!mfaSuspected(facts)) return out;
  out.notes.push({
    kind: 'mfa',
    text:
      'Explicit denies on billing actions are often conditioned on MFA. A statement such as "Effect": "Deny" with "BoolIfExists": {"aws:MultiFactorAuthPresent": "false"} blocks every request made without MFA, including long-term access keys, where the key is absent; "Bool" with "false" blocks only requests where the key is present and false.',
  });
  out.steps.push(
    'To test for an MFA condition: sign out, sign in again with MFA and retry; or look for aws:MultiFactorAuthPresent in the Deny statements; or run the IAM policy simulator with the context key aws:MultiFactorAuthPresent = true.',
  );
  out.links.push(DOCS.mfaCondition);
  return out;
};
