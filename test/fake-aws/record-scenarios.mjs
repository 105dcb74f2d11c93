// Scenarios where AWS's record names another deciding policy than record-inline-deny's: the record's evaluation
// matched `deny`, a statement of a policy of `type` at `uri`, and the denial's message names that policy type.
// Used by the unit tests (types in record-scenarios.d.mts) and the e2e.

import { loadScenario } from './server.mjs';

/**
 * record-inline-deny with its deciding policy replaced. `attachedTo` defaults to the policy's own `uri` (null leaves
 * it out); `evaluation` changes what was evaluated (action, resource); `policyPhrase` is the message's ("a session
 * policy"); `resourceInMessage` is the message's resource as printed.
 * @param {import('./record-scenarios.d.mts').DecidingPolicyOptions} options
 * @returns {import('./server.d.mts').Scenario}
 */
export function recordDecidedBy({ type, uri, attachedTo = uri, deny, policyPhrase, evaluation = {}, requestContext, resourceInMessage }) {
  const base = loadScenario('record-inline-deny');
  const record = base.authorizationRecords[0];
  const evaluated = { ...record.evaluations[0], ...evaluation };
  const said = `${record.evaluations[0].action} on resource: ${record.evaluations[0].resource} with an explicit deny in an identity-based policy`;
  if (!base.denial.includes(said)) throw new Error('record-inline-deny changed: update recordDecidedBy');
  return {
    ...base,
    authorizationRecords: [
      {
        ...record,
        requestContext: requestContext ?? record.requestContext,
        evaluations: [{ ...evaluated, evaluatedEffect: 'EXPLICIT_DENY', matchedPolicies: [{ uri, matchedStatements: [{ sid: deny.Sid, evaluatedEffect: 'DENY' }] }] }],
        policies: [{ type, inline: true, uri, ...(attachedTo ? { attachedTo: [{ arn: attachedTo }] } : {}), document: { Version: '2012-10-17', Statement: [deny] } }],
      },
    ],
    denial: base.denial.replace(said, `${evaluated.action} on resource: ${resourceInMessage ?? evaluated.resource} with an explicit deny in ${policyPhrase}`),
  };
}

/**
 * An S3 bucket's policy as the deciding one: a denied s3:GetObject on an object of `bucket`, and the bucket in the
 * fake S3 holding the policy `today`.
 * @param {import('./record-scenarios.d.mts').BucketRecordOptions} options
 * @returns {import('./server.d.mts').Scenario}
 */
export function bucketRecordScenario({ bucket, deny, resourceAccount, bucketAccount = resourceAccount ?? '111111111111', today, gone = false }) {
  const uri = `arn:aws:s3:::${bucket}`;
  const object = `${uri}/exports/data.parquet`;
  const requestContext = { ...loadScenario('record-inline-deny').authorizationRecords[0].requestContext };
  if (resourceAccount) requestContext['aws:ResourceAccount'] = resourceAccount;
  else delete requestContext['aws:ResourceAccount'];
  const scenario = recordDecidedBy({
    type: 'RESOURCE_BASED_POLICY',
    uri,
    deny,
    policyPhrase: 'a resource-based policy',
    evaluation: { action: 's3:GetObject', resource: object },
    requestContext,
    resourceInMessage: `"${object}"`,
  });
  const evaluated = scenario.authorizationRecords[0].policies[0].document;
  return {
    ...scenario,
    name: `record-bucket-policy-${bucket}`,
    credentials: scenario.credentials.map((c) => ({ ...c, allow: [...c.allow, 's3:GetBucketPolicy'] })),
    buckets: gone ? [] : [{ name: bucket, account: bucketAccount, region: 'us-east-1', policy: today === undefined ? evaluated : today }],
  };
}
