// Which AWS managed policies grant the denied action, from AWS's own policy documents as compiled in
// knowledge/managed-policies.json (docs/billing-actions.md section 6), and what else the
// console page needs to load.

import { PRECEDENCE, contribution, type Contribution, type Rule } from './contribution.ts';
import type { DenialFacts } from './facts.ts';
import type { ManagedPolicyClaim } from '../explanation.ts';
import { principalShort } from './words.ts';
import { anyPatternMatches } from '../knowledge/action-pattern.ts';
import { pageAlsoNeeds, pageNeedsToView } from '../knowledge/console-pages.ts';
import { administratorPoliciesGranting, managedPoliciesGranting, type ManagedPolicyGrant } from '../knowledge/managed-policies.ts';
import { isRetiredAction, sarAction } from '../knowledge/sar-actions.ts';
import { rootUserMustDoIt } from './root-only.ts';

/** The managed policies people most often hold for billing work; the note says which of them lack the action. */
const COMMON_BILLING_POLICIES = ['AWSBillingReadOnlyAccess', 'Billing', 'ReadOnlyAccess'];

/** How many policies the step names before "and N more" (the CLI JSON lists them all). */
const NAMED_IN_TEXT = 6;

/** Layers where the fix is an Allow somewhere in the principal's own policies. */
function allowIsMissing(facts: DenialFacts, layer: string): boolean {
  if (facts.denyKind === 'explicit') return false;
  return layer === 'identity-policy' || layer === 'permissions-boundary' || layer === 'unknown';
}

function policyWords(grant: ManagedPolicyGrant): string {
  const kind = grant.jobFunction ? 'job function' : null;
  const condition = grant.conditional ? 'only when its conditions hold' : null;
  const details = [kind, condition].filter(Boolean).join(', ');
  return details ? `${grant.name} (${details})` : grant.name;
}

function policyList(grants: readonly ManagedPolicyGrant[]): string {
  const named = grants.slice(0, NAMED_IN_TEXT).map(policyWords).join(', ');
  const more = grants.length - NAMED_IN_TEXT;
  return more > 0 ? `${named}, and ${more} broader ${more === 1 ? 'one' : 'ones'}` : named;
}

/** The claim for a BCM action the Service Authorization Reference lists; null for anything else. */
export function managedPolicyClaims(facts: DenialFacts): ManagedPolicyClaim[] | null {
  const known = sarAction(facts.action);
  if (!known || !facts.service) return null;
  return managedPoliciesGranting(known.action).map(({ name, arn, version, updated, conditional }) => ({ name, arn, version, updated, conditional }));
}

export const managedPolicyGap: Rule = (facts, decided) => {
  const known = sarAction(facts.action);
  const out: Contribution = { ...contribution(PRECEDENCE.advice), managedPolicies: managedPolicyClaims(facts) };
  // A root-only task: a policy that names the action still does not let anyone else do it.
  if (!known || !facts.service || !allowIsMissing(facts, decided.layer) || facts.cause !== null || rootUserMustDoIt(facts, decided)) return out;
  const action = known.action;
  const grants = managedPoliciesGranting(action);
  const granting = new Set(grants.map((grant) => grant.name));
  const lacking = COMMON_BILLING_POLICIES.filter((name) => !granting.has(name));
  const billingPair = lacking.includes('AWSBillingReadOnlyAccess') && lacking.includes('Billing');
  if (billingPair && facts.prefix === 'ce' && granting.has('ReadOnlyAccess')) {
    out.notes.push({
      kind: 'managed-policy-gap',
      text: `Billing is not Cost Explorer: AWSBillingReadOnlyAccess and the Billing job-function policy do not grant ${action}. With only those, ${principalShort(facts.principal)} gets denials on Cost Explorer pages. Add ${action}, or attach ReadOnlyAccess, which grants it.`,
    });
  } else if (lacking.length > 0 && grants.length > 0) {
    out.notes.push({ kind: 'managed-policy-gap', text: `${action} is not granted by the AWS managed ${lacking.length === 1 ? 'policy' : 'policies'} ${lacking.join(', ')}.` });
  }
  if (grants.length > 0) {
    out.steps.push(`Instead of a custom statement, an AWS managed policy that grants ${action} also works (each grants more; least broad first): ${policyList(grants)}.`);
  } else {
    const administrator = administratorPoliciesGranting(action);
    const besides = administrator.length > 0 ? ` other than administrator-level ones (${administrator.join(', ')})` : '';
    out.steps.push(`No AWS managed policy grants ${action}${besides}: grant it with a statement of your own.`);
  }
  if (!facts.page) return out;
  if (pageNeedsToView(facts.page, action)) {
    // A page list that still names a retired action is flagged, not passed on as advice.
    const others = pageAlsoNeeds(facts.page, action).map((need) => (isRetiredAction(need) ? `${need} (retired: no longer in the Service Authorization Reference, do not grant it)` : need));
    if (others.length > 0)
      out.steps.push(`The ${facts.page.name} page also needs these actions to load: ${others.join(', ')}. Grant them together, or the next denial will name one of them.`);
    return out;
  }
  const task = facts.page.tasks.find((candidate) => anyPatternMatches(candidate.actions, action));
  if (task)
    out.steps.push(`On the ${facts.page.name} page, ${action} is what "${task.task}" needs; AWS lists these actions for it: ${task.actions.join(', ')}.`);
  return out;
};
