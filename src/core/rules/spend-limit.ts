// AWS Budgets spend limits work by attaching SCPs (tagged ManagedBy=SpendLimit) to accounts: one
// more SCP to look at when an SCP denies and the message does not say which.

import { PRECEDENCE, contribution, type Rule } from './contribution.ts';
import { DOCS } from '../knowledge/docs.ts';

export const spendLimit: Rule = (facts) => {
  if (facts.policyType !== 'scp' || facts.denyKind !== 'explicit' || facts.policyArn) return null;
  const out = contribution(PRECEDENCE.advice);
  out.notes.push({
    kind: 'spend-limit',
    text: 'If your organization uses AWS Budgets spend limits, Budgets attaches its own SCPs to accounts over their limit (tagged ManagedBy=SpendLimit, managed through AWSManagedBudgetsSpendLimitManagementAccess). Check whether one is attached to this account.',
  });
  out.links.push(DOCS.spendLimits);
  return out;
};
