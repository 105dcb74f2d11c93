// AWS's record first: when the message has an authorization ID the diagnosis reads IAM Toolbox, and
// when the record cannot settle it, it falls back to the simulator and says why.

import { afterAll, describe, expect, test } from 'vitest';
import { parseDenials } from '../../../src/core/parse/index.ts';
import { canCompareWithToday } from '../../../src/core/todays-version.ts';
import type { AwsTarget } from '../../../src/engine/index.ts';
import { diagnoseDenial } from '../../../src/engine/index.ts';
import { recordedContext } from '../../../src/engine/recorded-context.ts';
import { loadScenario, startFakeAws, type FakeAws, type Scenario } from '../../fake-aws/server.mjs';
import { bucketRecordScenario, recordDecidedBy } from '../../fake-aws/record-scenarios.mjs';
import { targetFor } from './fake-target.ts';

const fakes: FakeAws[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

async function diagnose(scenario: Scenario | string, adjust: (t: AwsTarget) => AwsTarget = (t) => t) {
  const s = typeof scenario === 'string' ? loadScenario(scenario) : scenario;
  const fake = await startFakeAws({ scenario: s });
  fakes.push(fake);
  const d = await diagnoseDenial(parseDenials(s.denial)[0]!, adjust(targetFor(fake.url, s)));
  return { d, actions: fake.calls.map((c) => c.action) };
}

describe('the record settles it', () => {
  test("the common case: the record, then the captured text beside the owner's inline policy names (two round trips)", async () => {
    const { d, actions } = await diagnose('record-inline-deny');
    expect(d.awsRecord).toMatchObject({ used: true, reason: null, pages: 1 });
    expect(actions[0]).toBe('GetRequestAuthorizationDetails');
    // alice has one inline policy: the listing names it, its text is not read again.
    expect(actions.slice(1).sort()).toEqual(['GetRequestAuthorizationPolicy', 'ListUserPolicies']);
    expect(d.blocking[0]).toMatchObject({ name: 'FinanceGuardrails', statementSid: 'DenyCostAndUsage', capturedAtDenial: true, changedSinceDenial: null });
    expect(d.status).toBe('done');
  });

  test('an owner with several inline policies: their texts are read to find the one holding the captured statement', async () => {
    const base = loadScenario('record-inline-deny');
    const two: Scenario = { ...base, users: base.users!.map((u) => ({ ...u, inlinePolicies: { ...u.inlinePolicies, Other: { Version: '2012-10-17', Statement: [{ Sid: 'ReadTags', Effect: 'Allow', Action: 'ce:ListTagsForResource', Resource: '*' }] } } })) };
    const { d, actions } = await diagnose(two);
    expect(actions.filter((a) => a === 'GetUserPolicy')).toHaveLength(2);
    expect(d.blocking[0]).toMatchObject({ name: 'FinanceGuardrails', statementSid: 'DenyCostAndUsage', changedSinceDenial: false });
  });

  test('the context value that decided it, which no simulation knows', async () => {
    const { d } = await diagnose('record-source-ip-deny');
    expect(d.decidingConditions).toContain('aws:SourceIp was 198.51.100.7');
    expect(d.verdict).toContain('aws:SourceIp was 198.51.100.7');
  });

  test("a managed policy settles in 2 calls: the record and the captured text; the ARN names it, today's version is not read", async () => {
    const { d, actions } = await diagnose('record-managed-policy-changed');
    expect(actions).toEqual(['GetRequestAuthorizationDetails', 'GetRequestAuthorizationPolicy']);
    expect(d).toMatchObject({ status: 'done', awsCalls: 2, awsRecord: { used: true, deniedAt: '2026-12-06T03:10:00Z' } });
    // Not compared: the statement is the one AWS evaluated, and nothing claims it is today's.
    expect(d.blocking[0]).toMatchObject({ name: 'BudgetChangeFreeze', capturedAtDenial: true, changedSinceDenial: null });
    expect(d.blocking[0]!.statement?.Action).toEqual(['budgets:ModifyBudget', 'budgets:DeleteBudget']);
  });

  test('an SCP settles in 2 calls without Organizations: named by its id, done', async () => {
    const { d, actions } = await diagnose('record-scp-unreadable');
    expect(actions).toEqual(['GetRequestAuthorizationDetails', 'GetRequestAuthorizationPolicy']);
    expect(d).toMatchObject({ status: 'done', problems: [] });
    expect(d.blocking[0]).toMatchObject({ name: null, statementSid: 'DenyTaxSettingsChanges', changedSinceDenial: null });
    expect(d.verdict).toContain('(SCP) p-taxlock01 attached to');
  });

  test("without the captured text, today's stands in: an SCP's current text and name through Organizations", async () => {
    const base = loadScenario('record-scp-unreadable');
    const refused: Scenario = {
      ...base,
      credentials: base.credentials.map((c) => ({ ...c, allow: [...c.allow, 'organizations:DescribePolicy'] })),
      faults: [{ service: 'iam-toolbox', action: 'GetRequestAuthorizationPolicy', kind: 'access-denied' }],
    };
    const { d, actions } = await diagnose(refused);
    expect(actions).toEqual(['GetRequestAuthorizationDetails', 'GetRequestAuthorizationPolicy', 'DescribePolicy']);
    expect(d.blocking[0]).toMatchObject({ name: 'LockTaxSettings', capturedAtDenial: false, statementSid: 'DenyTaxSettingsChanges' });
    expect(d.verdict).toContain('the statement shown is its current text');
    expect(d.problems).toContainEqual(expect.objectContaining({ kind: 'missing-permission', permission: 'iam:GetRequestAuthorizationPolicy' }));
    // Neither text readable: a partial answer that names both missing permissions.
    const neither = await diagnose({ ...refused, credentials: base.credentials });
    expect(neither.d).toMatchObject({ status: 'partial', blocking: [{ statement: null, statementSid: 'DenyTaxSettingsChanges' }] });
    expect(neither.d.problems.map((p) => p.permission)).toEqual(['iam:GetRequestAuthorizationPolicy', 'organizations:DescribePolicy']);
  });

  test('a policy changed since the denial: the statement AWS evaluated, and a note that it changed', async () => {
    const { d } = await diagnose('record-policy-changed');
    expect(d.blocking[0]).toMatchObject({ name: 'BudgetLimits', changedSinceDenial: true, capturedAtDenial: true });
    expect(d.blocking[0]!.statement?.Action).toContain('budgets:ModifyBudget');
    expect(d.verdict).toContain('has changed since the denial');
  });
});

describe('an implicit deny: the record names no policy, the simulation runs with the context it recorded', () => {
  test("the recorded source IP reproduces the deny; it decides, and the answer says so", async () => {
    const { d, actions } = await diagnose('record-context-implicit-deny');
    expect(actions[0]).toBe('GetRequestAuthorizationDetails');
    expect(d.awsRecord?.reason).toContain('the simulation uses the request context AWS recorded');
    expect(d).toMatchObject({ status: 'done', blockingLayer: 'identity', decidingKeys: ['aws:SourceIp'] });
    expect(d.decidingConditions[0]).toContain('AWS recorded aws:SourceIp 198.51.100.7');
    expect(d.evidence).toContainEqual({ call: 'iam:SimulatePrincipalPolicy', said: 'budgets:ViewBudget: EvalDecision=implicitDeny' });
  });

  test('without the record the simulator, not knowing the source IP, says allowed', async () => {
    const { d } = await diagnose('record-context-implicit-deny', (t) => ({ ...t, endpoints: { 'iam-toolbox': 'http://127.0.0.1:9' } }));
    expect(d.evidence).toContainEqual({ call: 'iam:SimulatePrincipalPolicy', said: expect.stringContaining('budgets:ViewBudget: EvalDecision=allowed') });
    expect(d.blockingLayer).not.toBe('identity');
  });

  test('recorded values become typed context entries', () => {
    expect(recordedContext({ 'aws:SourceIp': '198.51.100.7', 'aws:CurrentTime': '2026-12-06T03:40:00Z', 'aws:SecureTransport': true, 'aws:MultiFactorAuthAge': 30, 'aws:PrincipalTag/team': 'finance', 'aws:TagKeys': ['a', 'b'], 'aws:Odd': { x: 1 } })).toEqual([
      { key: 'aws:SourceIp', type: 'ip', values: ['198.51.100.7'] },
      { key: 'aws:CurrentTime', type: 'date', values: ['2026-12-06T03:40:00Z'] },
      { key: 'aws:SecureTransport', type: 'boolean', values: ['true'] },
      { key: 'aws:MultiFactorAuthAge', type: 'numeric', values: ['30'] },
      { key: 'aws:PrincipalTag/team', type: 'string', values: ['finance'] },
      { key: 'aws:TagKeys', type: 'stringList', values: ['a', 'b'] },
    ]);
  });
});

describe('falling back to the simulator, and saying why', () => {
  test('the record has expired', async () => {
    const { d, actions } = await diagnose('record-expired');
    expect(d.awsRecord).toMatchObject({ used: false, reason: expect.stringContaining('at least 24 hours') });
    expect(actions).toContain('SimulatePrincipalPolicy');
    expect(d).toMatchObject({ status: 'done', blockingLayer: 'identity' });
  });

  test('the profile may not call IAM Toolbox: the diagnostic policy names both actions', async () => {
    const { d } = await diagnose('record-no-permission');
    expect(d.awsRecord?.reason).toContain('may not call iam:GetRequestAuthorizationDetails');
    expect(d.diagnosticPolicySuggestion).toContain('iam:GetRequestAuthorizationDetails');
    expect(d.diagnosticPolicySuggestion).toContain('iam:GetRequestAuthorizationPolicy');
    expect(d.blocking[0]).toMatchObject({ name: 'FinanceGuardrails' });
  });

  test('the caller is outside the account the record belongs to', async () => {
    const base = loadScenario('record-paged');
    const elsewhere = { ...base, authorizationRecords: base.authorizationRecords!.map((r) => ({ ...r, account: '222222222222' })) };
    const { d } = await diagnose(elsewhere);
    expect(d.awsRecord?.reason).toContain('outside the account or organization');
    expect(d.blocking[0]).toMatchObject({ name: 'EURegionsOnly', statementSid: 'DenyOutsideEU' });
  });

  test('the IAM Toolbox endpoint cannot be reached: no stop, the simulator answers', async () => {
    const { d } = await diagnose('record-inline-deny', (t) => ({ ...t, endpoints: { 'iam-toolbox': 'http://127.0.0.1:9' } }));
    expect(d.awsRecord?.reason).toContain('did not answer');
    expect(d).toMatchObject({ status: 'done', blockingLayer: 'identity', problems: [] });
    expect(d.blocking[0]).toMatchObject({ name: 'FinanceGuardrails' });
  });
});

test('credentials AWS refuses at the first (IAM Toolbox) call stop the diagnosis with that problem', async () => {
  const { d, actions } = await diagnose('record-inline-deny', (t) => ({ ...t, credentials: { ...t.credentials, secretAccessKey: 'wrong' } }));
  expect(actions).toEqual(['GetRequestAuthorizationDetails']);
  expect(d).toMatchObject({ status: 'failed', problems: [{ kind: 'invalid-credentials' }] });
  expect(d.verdict).toContain('rejected the credentials');
});

test("a bucket policy in another account that AWS's record names: named by its bucket, with that account, and done", async () => {
  const bucketPolicyUri = 'arn:aws:s3:::example-cur-999999999999';
  const deny = { Sid: 'DenyMemberAccounts', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `${bucketPolicyUri}/*` };
  const scenario = bucketRecordScenario({ bucket: 'example-cur-999999999999', deny, resourceAccount: '999999999999' });
  const { d, actions } = await diagnose(scenario);
  expect(d).toMatchObject({ status: 'done', blockingLayer: 'resource', awsRecord: { used: true } });
  expect(d.blocking[0]).toMatchObject({ statementSid: 'DenyMemberAccounts', attachedTo: bucketPolicyUri, statement: { Sid: 'DenyMemberAccounts' } });
  expect(d.verdict).toBe(`AWS's record of this denial: statement DenyMemberAccounts of the bucket policy of example-cur-999999999999 (in account 999999999999, not the caller's) explicitly denied s3:GetObject.`);
  // A bucket's policy is no IAM entity's inline policy: nothing of alice's is listed for it.
  expect(actions).toEqual(['GetRequestAuthorizationDetails', 'GetRequestAuthorizationPolicy']);

  // Without the text AWS evaluated, the answer says why it is partial.
  const withoutText: Scenario = { ...scenario, faults: [{ service: 'iam-toolbox', action: 'GetRequestAuthorizationPolicy', kind: 'access-denied' }] };
  const { d: partial } = await diagnose(withoutText);
  expect(partial.status).toBe('partial');
  expect(partial.verdict).toContain('The bucket policy of example-cur-999999999999: the text AWS evaluated could not be read');
});

test("a record's aws:ResourceAccount that is not 12 digits is not taken for an account: not said, and no Compare", async () => {
  const deny = { Sid: 'DenyMemberAccounts', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::example-cur-999999999999/*' };
  const { d } = await diagnose(bucketRecordScenario({ bucket: 'example-cur-999999999999', deny, resourceAccount: '9999-not-an-account', bucketAccount: '999999999999' }));
  expect(d.verdict).toBe("AWS's record of this denial: statement DenyMemberAccounts of the bucket policy of example-cur-999999999999 explicitly denied s3:GetObject.");
  expect(d.blocking[0]).not.toHaveProperty('resourceAccount');
  // Without the bucket's account, another account's bucket of that name could answer for it.
  expect(canCompareWithToday(d.blocking[0]!)).toBe(false);
});

describe('policies with no name of their own in the record: a VPC endpoint\'s and a session\'s, named by what they are attached to', () => {
  const uriOf = { VPC_ENDPOINT_POLICY: 'arn:aws:ec2:us-east-1:111111111111:vpc-endpoint/vpce-0abc1234def567890', SESSION_POLICY: 'arn:aws:sts::111111111111:assumed-role/FinanceRole/alice' };
  const phraseOf = { VPC_ENDPOINT_POLICY: 'a VPC endpoint policy', SESSION_POLICY: 'a session policy' };

  /** record-inline-deny with its deciding policy of `type`, attached to `attachedTo` (none when null). */
  const recordOf = (type: keyof typeof uriOf, attachedTo: string | null = uriOf[type]): Scenario =>
    recordDecidedBy({ type, uri: uriOf[type], attachedTo, deny: { Sid: 'DenyOutsideNetwork', Effect: 'Deny', Principal: '*', Action: 'ce:*', Resource: '*' }, policyPhrase: phraseOf[type] });

  test('a VPC endpoint policy: named by its endpoint, and done in 2 calls (nothing of alice\'s is listed for it)', async () => {
    const { d, actions } = await diagnose(recordOf('VPC_ENDPOINT_POLICY'));
    expect(actions).toEqual(['GetRequestAuthorizationDetails', 'GetRequestAuthorizationPolicy']);
    expect(d).toMatchObject({ status: 'done', blockingLayer: 'vpc-endpoint' });
    expect(d.verdict).toBe(`AWS's record of this denial: statement DenyOutsideNetwork of the VPC endpoint policy of ${uriOf.VPC_ENDPOINT_POLICY} explicitly denied ce:GetCostAndUsage.`);
  });

  test('a session policy: named by its session, and done in 2 calls', async () => {
    const { d, actions } = await diagnose(recordOf('SESSION_POLICY'));
    expect(actions).toEqual(['GetRequestAuthorizationDetails', 'GetRequestAuthorizationPolicy']);
    expect(d).toMatchObject({ status: 'done', blockingLayer: 'session' });
    expect(d.verdict).toBe(`AWS's record of this denial: statement DenyOutsideNetwork of the session policy of ${uriOf.SESSION_POLICY} explicitly denied ce:GetCostAndUsage.`);
  });

  test("without the text AWS evaluated, or without what it is attached to, the answer is partial and says why", async () => {
    const s = recordOf('SESSION_POLICY');
    const { d } = await diagnose({ ...s, faults: [{ service: 'iam-toolbox', action: 'GetRequestAuthorizationPolicy', kind: 'access-denied' }] });
    expect(d.status).toBe('partial');
    expect(d.verdict).toContain(`The session policy of ${uriOf.SESSION_POLICY}: the text AWS evaluated could not be read (AccessDeniedException), and a session policy cannot be read back once the session has started.`);
    const { d: unattached } = await diagnose(recordOf('VPC_ENDPOINT_POLICY', null));
    expect(unattached.status).toBe('partial');
    expect(unattached.verdict).toBe("AWS's record of this denial: statement DenyOutsideNetwork of a VPC endpoint policy explicitly denied ce:GetCostAndUsage.");
  });
});
