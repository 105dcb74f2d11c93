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
