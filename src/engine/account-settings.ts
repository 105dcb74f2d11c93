// Denials that no IAM policy causes: account and organization settings read from the message
// (denial.cause). Only the Billing IAM-access setting has a layer of its own.

import type { Denial, DenialCause } from '../core/denial.ts';
import type { BlockingLayer } from '../core/diagnosis.ts';
import type { Verdict } from './draft.ts';

const CAUSES: Record<DenialCause, { layer: BlockingLayer; verdict: (account: string) => string }> = {
  'iam-billing-access-not-activated': {
    layer: 'billing-access-setting',
    verdict: (account) => `The setting "IAM user and role access to Billing information" is off in ${account}; only the root user can activate it, and no IAM policy helps until then.`,
  },
  'cost-explorer-not-enabled': {
    layer: 'not-simulated',
    verdict: (account) => `Cost Explorer is not enabled for ${account} (or not shared with member accounts); the management account enables it, whatever the IAM policies say.`,
  },
  'linked-account-cost-explorer-disabled': {
    layer: 'not-simulated',
    verdict: () => 'The management account has not given member accounts access to Cost Explorer (Cost Management preferences, "Linked account access"); no IAM policy in this account changes that.',
  },
  'management-account-standalone-context': {
    layer: 'not-simulated',
    verdict: () => 'The management account can be managed only in its standalone context: sign in to the management account itself rather than acting on it through Organizations.',
  },
};

export function settingVerdict(denial: Denial): Verdict | null {
  if (!denial.cause) return null;
  const cause = CAUSES[denial.cause];
  const account = denial.accountId ? `account ${denial.accountId}` : 'this account';
  return { status: 'done', blockingLayer: cause.layer, verdict: cause.verdict(account), blocking: [], decidingConditions: [] };
}
