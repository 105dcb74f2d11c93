// A resource policy in another account, beyond sts:AssumeRole: a Cost and Usage Report bucket of the
// management account read from a member account. S3 says no resource-based policy allows it; each
// account's side is checked where the profile can, and each admin gets a request.

import { describe, expect, test } from 'vitest';
import { loadScenario, type Scenario } from '../../fake-aws/server.mjs';
import { scenarioDiagnoser } from './fake-target.ts';

const diagnose = scenarioDiagnoser();

const ownerProfile = loadScenario('cross-account-cur-bucket-owner-profile');
const callerProfile = loadScenario('cross-account-cur-bucket-caller-profile');
const olivia = 'arn:aws:iam::111111111111:user/olivia';
const withBucketPolicy = (s: Scenario, policy: unknown): Scenario => ({ ...s, buckets: s.buckets!.map((b) => ({ ...b, policy: policy as never })) });

describe("the bucket owner's side, with a profile in the owner's account", () => {
  test('the bucket policy is read and evaluated for the caller: nothing allows olivia, and the request says what to add', async () => {
    const { d, calls } = await diagnose(ownerProfile);
    expect(calls.filter((c) => c === 's3:GetBucketPolicy')).toHaveLength(1);
    const owner = d.accountSides!.find((s) => s.role === 'resource-owner')!;
    expect(owner).toMatchObject({ account: '999999999999', state: 'denies' });
    expect(owner.summary).toContain('The bucket policy of example-cur-999999999999 in account 999999999999 does not allow');
    expect(owner.request.text).toContain('In account 999999999999, add to the bucket policy of example-cur-999999999999');
    expect(owner.request.statement).toMatchObject({ Effect: 'Allow', Principal: { AWS: olivia }, Action: 's3:GetObject' });
    expect(d.accountSides!.find((s) => s.role === 'caller')).toMatchObject({ account: '111111111111', state: 'unknown' });
    expect(d.problems).toEqual([]);
  });

  test('a bucket policy that allows olivia: the owner side allows', async () => {
    const allows = withBucketPolicy(ownerProfile, {
      Version: '2012-10-17',
      Statement: [{ Sid: 'FinOpsReaders', Effect: 'Allow', Principal: { AWS: olivia }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-cur-999999999999/*' }],
    });
    const { d } = await diagnose(allows);
    expect(d.accountSides!.find((s) => s.role === 'resource-owner')).toMatchObject({ state: 'allows' });
  });

  test('a statement that denies olivia is named', async () => {
    const denies = withBucketPolicy(ownerProfile, {
      Version: '2012-10-17',
      Statement: [{ Sid: 'NoMemberAccounts', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::example-cur-999999999999/*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': '999999999999' } } }],
    });
    const { d } = await diagnose(denies);
    const owner = d.accountSides!.find((s) => s.role === 'resource-owner')!;
    expect(owner).toMatchObject({ state: 'denies', statement: { Sid: 'NoMemberAccounts' } });
    expect(d.blocking[0]).toMatchObject({ policyType: 'resource', statementSid: 'NoMemberAccounts' });
  });

  test('a bucket without a policy: nothing there allows another account', async () => {
    const { d } = await diagnose(withBucketPolicy(ownerProfile, null));
    expect(d.accountSides!.find((s) => s.role === 'resource-owner')!.summary).toContain('has no bucket policy');
  });

  test('a profile in a third account: the bucket is not there, which is said, and no permission is blamed', async () => {
    const elsewhere: Scenario = { ...ownerProfile, credentials: [{ ...ownerProfile.credentials[0]!, principal: 'arn:aws:iam::222222222222:user/diagnoser' }] };
    const { d, calls } = await diagnose(elsewhere);
    expect(calls).toContain('s3:GetBucketPolicy');
    const owner = d.accountSides!.find((s) => s.role === 'resource-owner')!;
    expect(owner).toMatchObject({ account: 'that owns bucket example-cur-999999999999', state: 'unknown' });
    expect(owner.summary).toContain('is not in account 222222222222');
    expect(d.problems).toEqual([]);
  });
});

describe("the caller's side, with a profile in the caller's account", () => {
  test("olivia's policies allow it; the bucket is elsewhere, so neither S3 nor this account's RCPs are read", async () => {
    const { d, calls } = await diagnose(callerProfile);
    expect(calls).toEqual(['sts:GetCallerIdentity', 'iam:SimulatePrincipalPolicy']);
    expect(d.accountSides!.find((s) => s.role === 'caller')).toMatchObject({ account: '111111111111', state: 'allows' });
    const owner = d.accountSides!.find((s) => s.role === 'resource-owner')!;
    expect(owner).toMatchObject({ state: 'unknown' });
    expect(owner.summary).toContain('is in another account than 111111111111');
    expect(owner.request.text).toContain('the bucket policy of example-cur-999999999999');
  });
});

test("another kind of resource in the profile's account (a KMS key): its policy is not read, and the answer says so", async () => {
  const key = 'arn:aws:kms:us-east-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const scenario: Scenario = { ...ownerProfile, denial: `User: ${olivia} is not authorized to perform: kms:Decrypt on resource: ${key} because no resource-based policy allows the kms:Decrypt action` };
  const { d, calls } = await diagnose(scenario);
  expect(calls).not.toContain('s3:GetBucketPolicy');
  const owner = d.accountSides!.find((s) => s.role === 'resource-owner')!;
  expect(owner).toMatchObject({ account: '999999999999', state: 'unknown' });
  expect(owner.summary).toContain('reads only S3 bucket policies and role trust policies');
});

test("with an authorization ID, AWS's record names the bucket's account, which the ARN does not", async () => {
  const id = 'c4d5e6f7g8h9j0k1m2n3p4q5r';
  const object = 'arn:aws:s3:::example-cur-999999999999/cur/finance/20261201-20270101/finance-00001.csv.gz';
  const recorded: Scenario = {
    ...callerProfile,
    credentials: [{ ...callerProfile.credentials[0]!, allow: [...(callerProfile.credentials[0]!.allow as string[]), 'iam:GetRequestAuthorizationDetails'] }],
    authorizationRecords: [
      {
        authorizationId: id,
        account: '111111111111',
        organizationId: 'o-exmpl12345',
        requestContext: { 'aws:PrincipalArn': olivia, 'aws:PrincipalAccount': '111111111111', 'aws:ResourceAccount': '999999999999', 'aws:SourceIp': '203.0.113.20' },
        evaluations: [{ action: 's3:GetObject', resource: object, evaluatedEffect: 'IMPLICIT_DENY', matchedPolicies: [] }],
        policies: [],
      },
    ],
    denial: `${callerProfile.denial}. Go to https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/authorization-details/${id} for complete details, or call the GetRequestAuthorizationDetails API with the following authorization id: ${id}`,
  };
  const { d } = await diagnose(recorded);
  expect(d.awsRecord).toMatchObject({ used: false });
  const owner = d.accountSides!.find((s) => s.role === 'resource-owner')!;
  expect(owner).toMatchObject({ account: '999999999999', state: 'unknown' });
  expect(owner.request.text).toContain('In account 999999999999, add to the bucket policy of example-cur-999999999999');
  expect(d.verdict).toContain('and account 999999999999 in its bucket policy');
  expect(owner.summary).toBe('The bucket policy of example-cur-999999999999 is in account 999999999999; a profile in that account can read it.');
});
