// AWS Budgets spend limits work by attaching SCPs (tagged ManagedBy=SpendLimit) to accounts: one
// more SCP to look at when an SCP denies and the message does not say which.

import type { Explainer } from '../draft.ts';
import { addLink } from '../draft.ts';
import { DOCS } from '../../knowledge/docs.ts';

export const spendLimit: Explainer = (facts, draft) => {
  if (facts.policyType !== 'scp' || facts.denyKind !== 'explicit' || facts.policyArn) return;
  draft.notes.push({
    kind: 'spend-limit',
    text: 'If your organization uses AWS Budgets spend limits, Budgets attaches its own SCPs to accounts over their limit (tagged ManagedBy=SpendLimit, managed through AWSManagedBudgetsSpendLimitManagementAccess). Check whether one is attached to this account.',
  });
  addLink(draft, DOCS.spendLimits);
};
