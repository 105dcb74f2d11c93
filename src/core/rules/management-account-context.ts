// Account Management API calls that fail because of where they were made from, not because of a
// policy: the management account can only be managed in the standalone context, and managing
// member accounts needs trusted access for AWS Account Management.

import { PRECEDENCE, replacingContribution, type Contribution, type Rule } from './contribution.ts';
import type { Fixer, Link } from '../explanation.ts';
import type { DenialFacts } from './facts.ts';
import { DOCS } from '../knowledge/docs.ts';

const TRUSTED_ACCESS_REASON = /enable trusted access with AWS Account Management/i;

interface ContextCause {
  applies: (facts: DenialFacts) => boolean;
  verdict: string;
  change: string;
  fixer: Fixer;
  fixerText: string;
  steps: string[];
  reason: string;
  doc: Link;
}

const CAUSES: readonly ContextCause[] = [
  {
    applies: (facts) => facts.cause === 'management-account-standalone-context',
    verdict: 'The management account can only be managed in the standalone context: the call treated it as a member account (with an AccountId), which AWS does not allow.',
    change: 'Sign in to the management account itself and make the change there: in the console, its own Account page; with the API or CLI, leave out the AccountId parameter.',
    fixer: 'management-account-admin',
    fixerText: "someone signed in to the organization's management account itself",
    steps: [
      'Sign in to the management account (not to a member or delegated administrator account).',
      'Open the Account page there, or call the Account Management API without --account-id.',
    ],
    reason: 'The message gives the reason: the management account can only be managed using the standalone context.',
    doc: DOCS.accountManagementContext,
  },
  {
    applies: (facts) => facts.reason !== null && TRUSTED_ACCESS_REASON.test(facts.reason),
    verdict:
      'Your organization has not enabled trusted access for AWS Account Management, so member accounts cannot be managed from the management account or a delegated administrator.',
    change: 'In the management account, enable trusted access for AWS Account Management.',
    fixer: 'organization-admin',
    fixerText: "an administrator of the organization's management account",
    steps: [
      'Sign in to the management account.',
      'In the Organizations console choose Services, then AWS Account Management, then "Enable trusted access"; or run: aws organizations enable-aws-service-access --service-principal account.amazonaws.com',
    ],
    reason: 'The message gives the reason: trusted access with AWS Account Management is not enabled.',
    doc: DOCS.accountTrustedAccess,
  },
];

export const managementAccountContext: Rule = (facts) => {
  const cause = CAUSES.find((candidate) => candidate.applies(facts));
  if (!cause) return null;
  const out: Contribution = {
    ...replacingContribution(PRECEDENCE.accountSetting),
    layer: 'management-account-context',
    verdict: cause.verdict,
    change: cause.change,
    fixer: cause.fixer,
    fixerText: cause.fixerText,
    confidence: 'high',
  };
  out.steps.push(...cause.steps);
  out.confidenceReasons.push(cause.reason);
  out.links.push(cause.doc);
  return out;
};
