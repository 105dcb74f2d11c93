// A scenario where AWS's record names an S3 bucket's policy as the one that denied: record-inline-deny turned into
// a denied s3:GetObject on an object of `bucket`, its policy's statement `deny` captured at the denial, and the
// bucket in the fake S3 holding the policy `today`. Used by the unit tests (types in bucket-record.d.mts) and e2e.

import { loadScenario } from './server.mjs';

/** @param {import('./bucket-record.d.mts').BucketRecordOptions} options @returns {import('./server.d.mts').Scenario} */
export function bucketRecordScenario({ bucket, deny, resourceAccount, bucketAccount = resourceAccount ?? '111111111111', today, gone = false }) {
  const base = loadScenario('record-inline-deny');
  const record = base.authorizationRecords[0];
  const uri = `arn:aws:s3:::${bucket}`;
  const object = `${uri}/exports/data.parquet`;
  const requestContext = { ...record.requestContext };
  if (resourceAccount) requestContext['aws:ResourceAccount'] = resourceAccount;
  else delete requestContext['aws:ResourceAccount'];
  const evaluated = { Version: '2012-10-17', Statement: [deny] };
  return {
    ...base,
    name: `record-bucket-policy-${bucket}`,
    credentials: base.credentials.map((c) => ({ ...c, allow: [...c.allow, 's3:GetBucketPolicy'] })),
    authorizationRecords: [
      {
        ...record,
        requestContext,
        evaluations: [{ action: 's3:GetObject', resource: object, evaluatedEffect: 'EXPLICIT_DENY', matchedPolicies: [{ uri, matchedStatements: [{ sid: deny.Sid, evaluatedEffect: 'DENY' }] }] }],
        policies: [{ type: 'RESOURCE_BASED_POLICY', inline: true, uri, attachedTo: [{ arn: uri }], document: evaluated }],
      },
    ],
    buckets: gone ? [] : [{ name: bucket, account: bucketAccount, region: 'us-east-1', policy: today === undefined ? evaluated : today }],
    denial: base.denial.replace(
      'ce:GetCostAndUsage on resource: arn:aws:ce:us-east-1:111111111111:/GetCostAndUsage with an explicit deny in an identity-based policy',
      `s3:GetObject on resource: "${object}" with an explicit deny in a resource-based policy`,
    ),
  };
}
