import { test, expect } from 'vitest';
// @ts-ignore
import { startFakeAws } from '../../fake-aws/server.mjs';
import { diagnoseDenial } from '../../../src/engine/index.ts';

const scenario = {
  name: 'exp', description: 'x',
  users: [{ arn: 'arn:aws:iam::111111111111:user/alice', inlinePolicies: { DenyCE: { Version: '2012-10-17', Statement: [{ Sid: 'AllowAll', Effect: 'Allow', Action: 'ce:*', Resource: '*' }, { Sid: 'DenyNoMfa', Effect: 'Deny', Action: 'ce:*', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }] } } }],
  credentials: [{ accessKeyId: 'AKIAEXAMPLEADMIN0001', secretAccessKey: 'secret-admin-key-xyz', principal: 'arn:aws:iam::111111111111:user/admin', allow: '*' }],
  denial: 'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: ce:GetCostAndUsage on resource: arn:aws:ce:us-east-1:111111111111:/GetCostAndUsage with an explicit deny in an identity-based policy',
  expect: { blockingLayer: 'identity' },
};
test('exp', async () => {
  const fake = await startFakeAws({ scenario });
  try {
    const d = await diagnoseDenial({ principalArn: 'arn:aws:iam::111111111111:user/alice', principalType: 'user', accountId: '111111111111', action: 'ce:GetCostAndUsage', resource: 'arn:aws:ce:us-east-1:111111111111:/GetCostAndUsage', policyType: 'identity', denyKind: 'explicit', policyArn: null, authorizationId: null, cause: null, meta: { form: 'api-sentence', partial: false, message: '', reason: null, troubleshooterUrl: null, encodedMessage: null, hintAction: null, errorCode: null, principalSource: 'message' } } as any,
      { profileName: 'admin', credentials: { accessKeyId: 'AKIAEXAMPLEADMIN0001', secretAccessKey: 'secret-admin-key-xyz' }, region: 'eu-west-1', partition: 'aws', endpoint: fake.url });
    console.log(JSON.stringify(d, null, 2));
    console.log(fake.calls);
  } finally { await fake.close(); }
});
