// The offline explanation of one denial: what the message itself, the page and the billing
// knowledge say, without credentials. Each diagnosis is its own module; they run in this order and
// later ones refine what earlier ones decided.

import type { Denial } from '../denial.ts';
import type { Explanation } from '../explanation.ts';
import type { Explainer } from './draft.ts';
import { newDraft } from './draft.ts';
import { deriveFacts } from './facts.ts';
import { authorizationId } from './diagnoses/authorization-id.ts';
import { billingActivation } from './diagnoses/billing-activation.ts';
import { checklist } from './diagnoses/checklist.ts';
import { costExplorerMember } from './diagnoses/cost-explorer-member.ts';
import { crossAccount } from './diagnoses/cross-account.ts';
import { identityCenter } from './diagnoses/identity-center.ts';
import { layerFromPolicyType } from './diagnoses/layer-from-policy-type.ts';
import { legacyAction } from './diagnoses/legacy-action.ts';
import { managedPolicyGap } from './diagnoses/managed-policy-gap.ts';
import { managementAccountContext } from './diagnoses/management-account-context.ts';
import { mfa } from './diagnoses/mfa.ts';
import { partialParse } from './diagnoses/partial-parse.ts';
import { passRole } from './diagnoses/passrole.ts';
import { policyArn } from './diagnoses/policy-arn.ts';
import { reading } from './diagnoses/reading.ts';
import { regionScp } from './diagnoses/region-scp.ts';
import { rootOnly } from './diagnoses/root-only.ts';
import { severalTypes } from './diagnoses/several-types.ts';
import { spendLimit } from './diagnoses/spend-limit.ts';
import { suggestedPolicy } from './diagnoses/suggested-policy.ts';

export interface ExplainContext {
  /** The console page the denial was seen on; selects page knowledge and the partition. */
  pageUrl?: string | null;
  /** Overrides the partition read from the ARNs ("aws", "aws-cn", "aws-us-gov", …). */
  partition?: string | null;
}

const EXPLAINERS: readonly Explainer[] = [
  reading,
  // The layer: from the policy type, then billing-specific causes that override it.
  layerFromPolicyType,
  billingActivation,
  costExplorerMember,
  managementAccountContext,
  // Who fixes it.
  rootOnly,
  identityCenter,
  // What else to know.
  legacyAction,
  regionScp,
  mfa,
  managedPolicyGap,
  passRole,
  crossAccount,
  spendLimit,
  severalTypes,
  policyArn,
  partialParse,
  // What to grant, what is still open, and AWS's own analysis first.
  suggestedPolicy,
  checklist,
  authorizationId,
];

export function explainDenial(denial: Denial, context?: ExplainContext): Explanation {
  try {
    const facts = deriveFacts(denial, context ?? {});
    const draft = newDraft();
    for (const explain of EXPLAINERS) explain(facts, draft);
    return draft;
  } catch (error) {
    return fallbackExplanation(error);
  }
}

/** Bad input never throws: it gets an explanation that says what went wrong. */
function fallbackExplanation(error: unknown): Explanation {
  const draft = newDraft();
  draft.reading = 'This denial could not be explained.';
  draft.verdict = 'why-denied could not read this denial; the original message is still the best source.';
  draft.change = 'Send the original message to your AWS administrator.';
  draft.confidenceReasons = [`Explaining failed: ${error instanceof Error ? error.message : String(error)}`];
  draft.notes.push({ kind: 'partial-parse', text: 'The denial could not be explained; only the original message is reliable.' });
  return draft;
}
