// "Compare with today's policy": after a diagnosis from AWS's record (which reads no current policy), today's
// version of its blocking policy is read on request, through the real SDK over HTTP against the fake AWS, and
// compared with the statement AWS evaluated at the denial.

import { afterAll, describe, expect, test } from 'vitest';
import { parseDenials } from '../../../src/core/parse/index.ts';
import { formatAdminRequest } from '../../../src/core/request/admin-request.ts';
import { explainDenial } from '../../../src/core/rules/index.ts';
import { diagnoseDenial } from '../../../src/engine/index.ts';
import { canCompareWithToday } from '../../../src/core/todays-version.ts';
import { readTodaysVersion, withTodaysVersion } from '../../../src/engine/current-policy.ts';
import { loadScenario, startFakeAws, type FakeAws, type Fault, type Scenario } from '../../fake-aws/server.mjs';
import { bucketRecordScenario, type BucketRecordOptions } from '../../fake-aws/record-scenarios.mjs';
import { targetFor } from './fake-target.ts';

const fakes: FakeAws[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

/** Diagnoses the scenario, then reads today's version of its first blocking policy with the same profile. */
async function compare(scenario: Scenario | string, fault?: Fault) {
  const s = typeof scenario === 'string' ? loadScenario(scenario) : scenario;
  const fake = await startFakeAws({ scenario: s });
  fakes.push(fake);
  const target = targetFor(fake.url, s);
  const d = await diagnoseDenial(parseDenials(s.denial)[0]!, target);
  expect(d.awsRecord?.used, d.verdict).toBe(true);
  const policy = d.blocking[0]!;
  expect(canCompareWithToday(policy)).toBe(true);
  const before = fake.calls.length;
  if (fault) fake.inject(fault);
  const reading = await readTodaysVersion(policy, d.awsRecord!.deniedAt ?? null, target);
  return { d, reading, policy, updated: withTodaysVersion(policy, reading), actions: fake.calls.slice(before).map((c) => c.action) };
}

/** record-scp-unreadable with a profile that may read Organizations, and the SCP edited since the denial. */
function scpEditedSince(): Scenario {
  const base = loadScenario('record-scp-unreadable');
  return {
    ...base,
    credentials: base.credentials.map((c) => ({ ...c, allow: [...c.allow, 'organizations:DescribePolicy'] })),
    organization: {
      ...base.organization!,
      policies: base.organization!.policies!.map((p) =>
        p.id === 'p-taxlock01' ? { ...p, document: { Version: '2012-10-17', Statement: [{ Sid: 'DenyTaxSettingsChanges', Effect: 'Deny', Action: 'tax:BatchPutTaxRegistration', Resource: '*' }] } } : p,
      ),
    },
  };
}

describe("today's version of a managed policy", () => {
  test('not updated since the denial: one GetPolicy, unchanged', async () => {
    const { reading, updated, actions } = await compare('record-source-ip-deny');
    expect(actions).toEqual(['GetPolicy']);
    expect(reading).toMatchObject({ name: null, version: { state: 'unchanged', statement: null, awsCalls: 1 } });
    expect(reading.version.message).toContain('Not updated since the denial (2026-12-06T03:10:00.000Z)');
    expect(updated).toMatchObject({ name: 'CorporateNetworkOnly', changedSinceDenial: false, todaysVersion: { state: 'unchanged' } });
  });

  test('updated since the denial: its default version is read, and the statement now reads differently', async () => {
    const { reading, updated, actions } = await compare('record-managed-policy-changed');
    expect(actions).toEqual(['GetPolicy', 'GetPolicyVersion']);
    expect(reading.version).toMatchObject({ state: 'changed', awsCalls: 2 });
    expect(reading.version.statement).toEqual({ Sid: 'FreezeBudgetChanges', Effect: 'Deny', Action: ['budgets:DeleteBudget'], Resource: '*' });
    // The diagnosis keeps the statement AWS evaluated; today's is beside it.
    expect(updated.statement?.Action).toEqual(['budgets:ModifyBudget', 'budgets:DeleteBudget']);
    expect(updated.changedSinceDenial).toBe(true);
  });

  test('throttled once, then answered: the SDK retries, and the attempt is counted', async () => {
    const { reading, actions } = await compare('record-managed-policy-changed', { service: 'iam', action: 'GetPolicy', kind: 'throttle', times: 1 });
    expect(actions).toEqual(['GetPolicy', 'GetPolicy', 'GetPolicyVersion']);
    expect(reading.version).toMatchObject({ state: 'changed', awsCalls: 3 });
  });

  test('deleted since the denial: only because AWS answered NoSuchEntity', async () => {
    const base = loadScenario('record-managed-policy-changed');
    const { reading, updated } = await compare({ ...base, managedPolicies: [], users: base.users!.map((u) => ({ ...u, managedPolicies: [] })) });
    expect(reading.version).toMatchObject({ state: 'deleted', message: expect.stringContaining('NoSuchEntity') });
    expect(updated.changedSinceDenial).toBe(true);
  });
});

describe("today's version of an SCP", () => {
  test('DescribePolicy names it and says the statement changed', async () => {
    const { reading, updated, actions } = await compare(scpEditedSince());
    expect(actions).toEqual(['DescribePolicy']);
    expect(reading).toMatchObject({ name: 'LockTaxSettings', version: { state: 'changed', statement: { Action: 'tax:BatchPutTaxRegistration' } } });
    expect(updated).toMatchObject({ name: 'LockTaxSettings', changedSinceDenial: true });
  });

  test("the admin's request names it by its id, then by its name once today's version gave it", async () => {
    const { d, updated } = await compare(scpEditedSince());
    const denial = parseDenials(loadScenario('record-scp-unreadable').denial)[0]!;
    const request = (diagnosis: typeof d) => formatAdminRequest({ denial, explanation: explainDenial(denial, { pageUrl: null }), pageUrl: null, diagnosis }, 'text');
    expect(request(d)).toContain('Please change SCP p-taxlock01 (statement DenyTaxSettingsChanges)');
    expect(request({ ...d, blocking: [updated] })).toContain('Please change SCP LockTaxSettings (p-taxlock01, statement DenyTaxSettingsChanges)');
  });

  test('refused: the missing IAM action, and what stays unchecked; the diagnosis is left as it was', async () => {
    const { reading, updated, actions } = await compare('record-scp-unreadable');
    expect(actions).toEqual(['DescribePolicy']);
    expect(reading.version).toMatchObject({ state: 'unread', permission: 'organizations:DescribePolicy', statement: null });
    expect(reading.version.message).toContain('is not allowed organizations:DescribePolicy');
    expect(reading.version.message).toContain('whether SCP p-taxlock01 has changed since the denial');
    expect(updated).toMatchObject({ name: null, changedSinceDenial: null });
    // Not compared: the button stays, to try again with another profile or permission.
    expect(canCompareWithToday(updated)).toBe(true);
  });
});

test("an inline policy, its owner's only one: read by the name the diagnosis found", async () => {
  const { reading, actions } = await compare('record-inline-deny');
  expect(actions).toEqual(['GetUserPolicy']);
  expect(reading.version).toMatchObject({ state: 'unchanged', message: 'The statement reads today as AWS evaluated it.' });
});

test('nothing to compare: a policy compared at the diagnosis (an owner with several inline policies) offers no comparison', async () => {
  const fake = await startFakeAws({ scenario: 'record-policy-changed' });
  fakes.push(fake);
  const s = loadScenario('record-policy-changed');
  const d = await diagnoseDenial(parseDenials(s.denial)[0]!, targetFor(fake.url, s));
  expect(d.blocking[0]).toMatchObject({ changedSinceDenial: true });
  expect(canCompareWithToday(d.blocking[0]!)).toBe(false);
});

describe("today's version of an S3 bucket's policy, which AWS's record names by its bucket", () => {
  const BUCKET = 'example-exports-111111111111';
  const DENY = { Sid: 'DenyExportReads', Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` };

  const bucketDenial = (options: Partial<BucketRecordOptions> = {}) => bucketRecordScenario({ bucket: BUCKET, deny: DENY, resourceAccount: '111111111111', ...options });

  test('unchanged: one GetBucketPolicy in the owner account, and the policy stays named by its bucket', async () => {
    const { policy, reading, updated, actions } = await compare(bucketDenial());
    expect(policy).toMatchObject({ policyType: 'resource', attachedTo: `arn:aws:s3:::${BUCKET}`, resourceAccount: '111111111111' });
    expect(actions).toEqual(['GetBucketPolicy']);
    expect(reading).toMatchObject({ name: null, version: { state: 'unchanged', awsCalls: 1 } });
    expect(updated).toMatchObject({ name: null, changedSinceDenial: false });
  });

  test('changed since the denial: today\'s statement beside the one AWS evaluated', async () => {
    const narrower = { ...DENY, Condition: { StringNotEquals: { 'aws:PrincipalAccount': '111111111111' } } };
    const { reading, updated } = await compare(bucketDenial({ today: { Version: '2012-10-17', Statement: [narrower] } }));
    expect(reading.version).toMatchObject({ state: 'changed', statement: narrower });
    expect(updated).toMatchObject({ statement: DENY, changedSinceDenial: true });
  });

  test('the bucket has no policy any more, or is gone', async () => {
    const { reading } = await compare(bucketDenial({ today: null }));
    expect(reading.version).toMatchObject({ state: 'changed', statement: null, message: `The policy no longer holds statement ${DENY.Sid}.` });
    const { reading: gone } = await compare(bucketDenial({ gone: true }));
    expect(gone.version).toMatchObject({ state: 'deleted', message: expect.stringContaining('NoSuchBucket') });
  });

  test("another account's bucket: S3 refuses the profile, and the answer says which account's profile can read it", async () => {
    const { reading, updated, actions } = await compare(bucketDenial({ resourceAccount: '999999999999', bucketAccount: '999999999999' }));
    expect(actions).toEqual(['GetBucketPolicy']);
    expect(reading.version).toMatchObject({ state: 'unread', statement: null });
    expect(reading.version.message).toBe(
      `S3 answered MethodNotAllowed: only a profile in account 999999999999, the bucket's owner, with s3:GetBucketPolicy can read the bucket policy of ${BUCKET}, so this stays unchecked: whether the bucket policy of ${BUCKET} has changed since the denial.`,
    );
    expect(canCompareWithToday(updated)).toBe(true);
  });

  test('without the account the record gives (aws:ResourceAccount), no comparison is offered', async () => {
    const s = bucketDenial({ resourceAccount: null });
    const fake = await startFakeAws({ scenario: s });
    fakes.push(fake);
    const d = await diagnoseDenial(parseDenials(s.denial)[0]!, targetFor(fake.url, s));
    expect(d.blocking[0]).toMatchObject({ policyType: 'resource', capturedAtDenial: true });
    expect(d.blocking[0]!.resourceAccount).toBeUndefined();
    expect(canCompareWithToday(d.blocking[0]!)).toBe(false);
  });
});
