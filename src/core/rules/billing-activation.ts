// "IAM user and role access to Billing information": the account setting only the root user can
// turn on. Named outright by "IAM user access not activated"; one of two causes of the "You need
// permissions" banner; an open item whenever a Billing denial names no policy type.

import { PRECEDENCE, replacingContribution, type Rule } from './contribution.ts';
import type { DenialFacts } from './facts.ts';
import { capitalize, principalShort } from './words.ts';
import { BILLING_ACCESS_SETTING } from '../knowledge/root-only.ts';
import { checklistItem } from './checklist-topics.ts';

function rootOf(facts: DenialFacts): string {
  return facts.principal.accountId ? `the root user of account ${facts.principal.accountId}` : 'the root user of the account';
}

/** An open item: the setting only matters for IAM users and roles, on Billing and Cost Management actions. */
export function activationMayApply(facts: DenialFacts): boolean {
  if (facts.principal.type === 'root' || facts.principal.type === 'service') return false;
  if (facts.form === 'billing-banner') return true;
  return facts.service !== null && facts.policyType === null && facts.denyKind !== 'explicit' && facts.cause === null;
}

export function activationChecklistItem(facts: DenialFacts): string {
  return checklistItem(
    'billing-activation',
    `is "${BILLING_ACCESS_SETTING.name}" activated for this account? Only ${rootOf(facts)} can see and change it (Account page); anyone allowed ${BILLING_ACCESS_SETTING.readAction} can read it.`,
  );
}

export const billingActivation: Rule = (facts) => {
  const root = rootOf(facts);
  const out = replacingContribution(PRECEDENCE.accountSetting);
  if (facts.cause === 'iam-billing-access-not-activated') {
    out.layer = 'billing-access-setting';
    out.verdict = `The account setting "${BILLING_ACCESS_SETTING.name}" is off, so IAM users and roles cannot use Billing and Cost Management, whatever their policies allow.`;
    out.change = `${capitalize(root)} must activate IAM access to billing information. Adding permissions does not help.`;
    out.fixer = 'root-user';
    out.fixerText = `${root}: only the root user can change this setting`;
    out.steps = [
      ...BILLING_ACCESS_SETTING.rootSteps,
      `After that, ${principalShort(facts.principal)} still needs an IAM policy (or permission set) that allows the billing actions it uses.`,
    ];
    out.confidence = 'high';
    out.confidenceReasons = [`The message says "IAM user access not activated", which is what AWS returns while the setting is off.`];
    out.notes.push({ kind: 'billing-activation', text: BILLING_ACCESS_SETTING.effect });
  } else if (facts.form === 'billing-banner' && !facts.action) {
    out.layer = 'unknown';
    out.verdict = `Either the account setting "${BILLING_ACCESS_SETTING.name}" is off, or ${principalShort(facts.principal)} has no IAM permission for billing information.`;
    out.change = `If the setting is off, ${root} must activate it; otherwise an administrator must allow the billing actions this page needs.`;
    out.fixerText = `${root} for the setting, or the account's IAM administrator for the permissions`;
    out.steps = [
      ...BILLING_ACCESS_SETTING.rootSteps,
      'If the setting is already on, the page needs IAM permissions: see the actions it needs below, or attach AWSBillingReadOnlyAccess.',
    ];
    out.confidence = 'medium';
    out.confidenceReasons = ['The "You need permissions" banner names two possible causes and no IAM action.'];
    out.notes.push({
      kind: 'billing-activation',
      text: `${BILLING_ACCESS_SETTING.effect} If other denials on this page name an IAM action, the setting is probably on and the permissions are what is missing.`,
    });
  } else {
    return null;
  }
  // The generic access-denied links do not apply to an account setting.
  out.links.push(...BILLING_ACCESS_SETTING.docs);
  return out;
};

