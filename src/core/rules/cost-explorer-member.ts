// Cost Explorer access is set by the management account "regardless of the IAM policies": when the
// message says so, no IAM change in the member account helps.

import { PRECEDENCE, replacingContribution, type Rule } from './contribution.ts';
import type { DenialFacts } from './facts.ts';
import { COST_EXPLORER_ACCESS } from '../knowledge/cost-explorer-access.ts';
import { checklistItem } from './checklist-topics.ts';

/** An open item for Cost Explorer denials that name no policy type. */
export function costExplorerMemberMayApply(facts: DenialFacts): boolean {
  return facts.prefix === 'ce' && facts.policyType === null && facts.denyKind !== 'explicit' && facts.cause === null;
}

export const COST_EXPLORER_CHECKLIST_ITEM = checklistItem(
  'cost-explorer',
  'if this is a member account, has the management account turned on "Linked account access" in its Cost Management preferences? (Set in the management account; no IAM policy in the member account replaces it.)',
);

export const costExplorerMember: Rule = (facts) => {
  if (facts.cause !== 'linked-account-cost-explorer-disabled' && facts.cause !== 'cost-explorer-not-enabled') return null;
  const out = replacingContribution(PRECEDENCE.accountSetting);
  const memberOnly = facts.cause === 'linked-account-cost-explorer-disabled';
  out.layer = 'cost-explorer-setting';
  out.verdict = memberOnly
    ? "The organization's management account has not given member accounts access to Cost Explorer. No IAM change in this account can fix it."
    : 'Cost Explorer is not enabled for this account: it was never opened in the management account (or in this standalone account), or the management account has not given member accounts access.';
  out.change = memberOnly
    ? 'In the management account, turn on "Linked account access" in the Cost Management preferences.'
    : 'Enable Cost Explorer by opening it once in the management account (or standalone account), and, for a member account, turn on "Linked account access" in the management account\'s Cost Management preferences.';
  out.fixer = 'management-account-admin';
  out.fixerText = "an administrator of the organization's management account (for a standalone account: its own administrator)";
  out.steps = memberOnly
    ? [...COST_EXPLORER_ACCESS.memberAccessSteps]
    : [...COST_EXPLORER_ACCESS.enableSteps, 'For a member account:', ...COST_EXPLORER_ACCESS.memberAccessSteps];
  out.confidence = 'high';
  out.confidenceReasons = [
    memberOnly
      ? 'The message says the linked account has no access to Cost Explorer.'
      : 'The message says the user is not enabled for Cost Explorer access, which is the account setting, not an IAM policy. It does not say which of the two settings is off.',
  ];
  out.notes.push({
    kind: 'cost-explorer-member',
    text: 'Cost Explorer access for member accounts is controlled from the management account, regardless of IAM policies. It is all member accounts or none.',
  });
  out.links.push(...COST_EXPLORER_ACCESS.docs);
  return out;
};
