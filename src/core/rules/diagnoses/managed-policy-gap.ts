// What the usual AWS managed policies do not grant ("Billing is not Cost Explorer"), which managed
// policies would, and what else the console page needs (billing-actions.md sections 5 and 6.2).

import type { Explainer } from '../draft.ts';
import type { DenialFacts } from '../facts.ts';
import { actionName, principalShort } from '../words.ts';
import { anyPatternMatches } from '../../knowledge/action-pattern.ts';
import { pageAlsoNeeds, pageNeedsToView } from '../../knowledge/console-pages.ts';
import { analyzedPoliciesGranting, analyzedPoliciesLacking, smallPoliciesGranting } from '../../knowledge/managed-policies.ts';

/** Layers where the fix is an Allow somewhere in the principal's own policies. */
function allowIsMissing(facts: DenialFacts, layer: string): boolean {
  if (facts.denyKind === 'explicit') return false;
  return layer === 'identity-policy' || layer === 'permissions-boundary' || layer === 'unknown';
}

export const managedPolicyGap: Explainer = (facts, draft) => {
  const action = facts.canonicalAction;
  if (!action || !allowIsMissing(facts, draft.layer) || facts.cause !== null) return;
  const lacking = analyzedPoliciesLacking(action);
  const billingPolicies = lacking.includes('AWSBillingReadOnlyAccess') && lacking.includes('Billing');
  if (billingPolicies && facts.prefix === 'ce') {
    draft.notes.push({
      kind: 'managed-policy-gap',
      text: `Billing is not Cost Explorer: AWSBillingReadOnlyAccess and the Billing job-function policy do not grant ${action}. With only those, ${principalShort(facts.principal)} gets denials on Cost Explorer, Cost Management home, Savings Plans, Reservations, anomaly detection and preferences. Add ${action}, or attach ReadOnlyAccess, which covers those pages.`,
    });
  } else if (billingPolicies && facts.prefix === 'account') {
    draft.notes.push({
      kind: 'managed-policy-gap',
      text: `AWSBillingReadOnlyAccess and the Billing job-function policy do not grant ${action}, which the Purchase orders and Account pages need. Attach AWSAccountManagementReadOnlyAccess as well.`,
    });
  } else if (lacking.length > 0) {
    draft.notes.push({ kind: 'managed-policy-gap', text: `${action} is not granted by the AWS managed ${lacking.length === 1 ? 'policy' : 'policies'} ${lacking.join(', ')}.` });
  }
  const granting = [...analyzedPoliciesGranting(action), ...smallPoliciesGranting(action).map((policy) => policy.name)];
  if (granting.length > 0)
    draft.steps.push(`Instead of a custom statement, an AWS managed policy that grants ${actionName(facts)} also works (they grant more): ${[...new Set(granting)].join(', ')}.`);
  if (!facts.page) return;
  if (pageNeedsToView(facts.page, action)) {
    const others = pageAlsoNeeds(facts.page, action);
    if (others.length > 0)
      draft.steps.push(`The ${facts.page.name} page also needs these actions to load: ${others.join(', ')}. Grant them together, or the next denial will name one of them.`);
    return;
  }
  const task = facts.page.tasks.find((candidate) => anyPatternMatches(candidate.actions, action));
  if (task)
    draft.steps.push(`On the ${facts.page.name} page, ${action} is what "${task.task}" needs; AWS lists these actions for it: ${task.actions.join(', ')}.`);
};
