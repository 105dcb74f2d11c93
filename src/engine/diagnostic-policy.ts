// The read-only policy that lets a profile run every diagnosis step, derived from the table of calls
// the engine makes.

import type { PolicyDocument } from '../core/explanation.ts';
import { AWS_CALLS } from './aws-calls.ts';

/** sts:AssumeRole is how a profile reaches another account, not a diagnosis read. */
const NOT_DIAGNOSIS_READS = new Set(['sts:AssumeRole']);

export function minimalDiagnosticPolicy(): PolicyDocument {
  const permissions = [...new Set(Object.values(AWS_CALLS).map((c): string | null => c.permission))]
    .filter((p): p is string => p !== null && !NOT_DIAGNOSIS_READS.has(p))
    .sort();
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'WhyDeniedIamReads', Effect: 'Allow', Action: permissions.filter((p) => p.startsWith('iam:')), Resource: '*' },
      {
        Sid: 'WhyDeniedOrganizationsReads',
        Effect: 'Allow',
        Action: permissions.filter((p) => p.startsWith('organizations:')),
        Resource: '*',
      },
      // The owner's side of access from another account: the bucket policy of a bucket in this account.
      { Sid: 'WhyDeniedResourcePolicyReads', Effect: 'Allow', Action: permissions.filter((p) => p.startsWith('s3:')), Resource: '*' },
    ],
  };
}
