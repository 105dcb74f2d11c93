// Which blocking policy of a diagnosis from AWS's record can be compared with its version today, and where that
// version is read: by ARN (a managed policy, an SCP or RCP), an identity policy by its owner and name, or an S3
// bucket's policy by its bucket and account; and how what was found is said. Shared by the worker
// (engine/current-policy.ts reads it), the panel frame (its "Compare with today's policy" button) and the CLI
// (--compare-today).

import type { BlockingPolicy, TodaysVersion } from './diagnosis.ts';
import { bucketOf, iamOwnerOf, parsePolicyArn } from './knowledge/console-links.ts';

export type TodaysVersionSource =
  | { arn: string }
  | { owner: { kind: 'user' | 'group' | 'role'; name: string; arn: string }; policyName: string }
  | { bucket: string; account: string };

export function todaysVersionSource(policy: BlockingPolicy): TodaysVersionSource | null {
  if (policy.arn && parsePolicyArn(policy.arn)) return { arn: policy.arn };
  // A bucket's policy, read with ExpectedBucketOwner: without its account, another account's bucket could answer.
  const bucket = policy.policyType === 'resource' ? bucketOf(policy.attachedTo) : null;
  if (bucket) return policy.resourceAccount ? { bucket, account: policy.resourceAccount } : null;
  const owner = policy.policyType === 'identity' ? iamOwnerOf(policy.attachedTo) : null;
  return owner && policy.name ? { owner, policyName: policy.name } : null;
}

/** A statement AWS captured at the denial, not compared yet, of a policy whose version today can be read. */
export function canCompareWithToday(policy: BlockingPolicy): boolean {
  return policy.capturedAtDenial === true && policy.statement !== null && policy.changedSinceDenial == null && todaysVersionSource(policy) !== null;
}

/** What reading today's version found, in one sentence; a changed statement that is still there is shown after it. */
export function todaysVersionSummary(version: TodaysVersion): string {
  switch (version.state) {
    case 'unchanged':
      return "Today's version: unchanged.";
    case 'deleted':
      return `Today's version: deleted since the denial. ${version.message}`;
    case 'unread':
      return `Today's version could not be read: ${version.message}`;
    case 'changed':
      return version.statement ? "Today's version: changed since the denial: the statement now reads" : `Today's version: changed since the denial. ${version.message}`;
  }
}
