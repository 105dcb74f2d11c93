// The offline explanation of one denial: what the message itself, the page and the billing
// knowledge say, without credentials. Each rule is its own module and returns its contribution;
// the deciding rules settle the layer and who fixes it, the advising rules read that decision (never
// each other's output), and merge.ts combines everything with the precedence it states.

import type { Denial } from '../denial.ts';
import type { Explanation } from '../explanation.ts';
import type { Contribution, Rule } from './contribution.ts';
import { emptyExplanation } from './contribution.ts';
import { deriveFacts } from './facts.ts';
import { decided, merge } from './merge.ts';
import { authorizationId } from './authorization-id.ts';
import { billingActivation } from './billing-activation.ts';
import { checklist } from './checklist.ts';
import { costExplorerMember } from './cost-explorer-member.ts';
import { crossAccount } from './cross-account.ts';
import { identityCenter } from './identity-center.ts';
import { layerFromPolicyType } from './layer-from-policy-type.ts';
import { legacyAction } from './legacy-action.ts';
import { managedPolicyGap } from './managed-policy-gap.ts';
import { managementAccountContext } from './management-account-context.ts';
import { maskedAccount } from './masked-account.ts';
import { mfa } from './mfa.ts';
import { partialParse } from './partial-parse.ts';
import { passRole } from './passrole.ts';
import { policyArn } from './policy-arn.ts';
import { reading } from './reading.ts';
import { regionScp } from './region-scp.ts';
import { rootOnly } from './root-only.ts';
import { severalTypes } from './several-types.ts';
import { spendLimit } from './spend-limit.ts';
import { suggestedPolicy } from './suggested-policy.ts';
import { errorMessage } from '../text.ts';

export interface ExplainContext {
  /** The console page the denial was seen on; selects page knowledge and the partition. */
  pageUrl?: string | null;
  /** Overrides the partition read from the ARNs ("aws", "aws-cn", "aws-us-gov", …). */
  partition?: string | null;
}

/** The rules that decide the layer: from the policy type, then the billing-specific causes. They read only the facts. */
const DECIDING: readonly Rule[] = [reading, layerFromPolicyType, billingActivation, costExplorerMember, managementAccountContext];

/** The rules that read the decided layer; their order is the order of their steps, notes and links. */
const ADVISING: readonly Rule[] = [
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
  maskedAccount,
  partialParse,
  // What to grant, what is still open, and AWS's own analysis first.
  suggestedPolicy,
  checklist,
  authorizationId,
];

const present = (c: Contribution | null): c is Contribution => c !== null;

export function explainDenial(denial: Denial, context?: ExplainContext): Explanation {
  try {
    const facts = deriveFacts(denial, context ?? {});
    const none = { layer: 'unknown', fixer: 'unknown' } as const;
    const decisions = DECIDING.map((rule) => rule(facts, none)).filter(present);
    const decision = decided(decisions);
    return merge([...decisions, ...ADVISING.map((rule) => rule(facts, decision)).filter(present)]);
  } catch (error) {
    return fallbackExplanation(error);
  }
}

/** Bad input never throws: it gets an explanation that says what went wrong. */
function fallbackExplanation(error: unknown): Explanation {
  const explanation = emptyExplanation();
  explanation.reading = 'This denial could not be explained.';
  explanation.verdict = 'why-denied could not read this denial; the original message is still the best source.';
  explanation.change = 'Send the original message to your AWS administrator.';
  explanation.confidenceReasons = [`Explaining failed: ${errorMessage(error)}`];
  explanation.notes.push({ kind: 'partial-parse', text: 'The denial could not be explained; only the original message is reliable.' });
  return explanation;
}
