// AWS's bad moments: each transient fault (HTTP 500 page, 503, a reset socket, an attempt that takes
// longer than the timeout) is injected once into each kind of call the engine makes. The SDK's retry
// rides it out: the diagnosis still arrives, it is the same as without the fault, and the fault cost
// exactly one more attempt.

import { afterAll, describe, expect, test } from 'vitest';
import { parseDenials } from '../../../src/core/parse/index.ts';
import type { Diagnosis } from '../../../src/core/diagnosis.ts';
import { diagnoseDenial } from '../../../src/engine/index.ts';
import { loadScenario, startFakeAws, type Fault, type FakeAws, type FakeService } from '../../fake-aws/server.mjs';
import { targetFor } from './fake-target.ts';

/** Short, so a delayed attempt is abandoned quickly, yet long enough for a loaded machine; the fake delays well past it. */
const ATTEMPT_TIMEOUT_MS = 1000;

const FAULTS: [string, Omit<Fault, 'service' | 'action' | 'times'>][] = [
  ['HTTP 500', { kind: '5xx', status: 500 }],
  ['HTTP 503', { kind: '5xx', status: 503 }],
  ['reset', { kind: 'reset' }],
  ['delay beyond the timeout', { kind: 'delay', delayMs: 3000 }],
];

/** Each kind of call, and a scenario whose diagnosis makes it. */
const CALLS: [string, FakeService, string, string][] = [
  ['simulate', 'iam', 'SimulatePrincipalPolicy', 'identity-user-inline-deny'],
  ['GetRole', 'iam', 'GetRole', 'identity-center-role-inline-deny'],
  ['GetUser', 'iam', 'GetUser', 'boundary-implicit-deny'],
  ['inline policy read', 'iam', 'GetUserPolicy', 'identity-user-inline-deny'],
  ['managed policy read', 'iam', 'GetPolicyVersion', 'identity-managed-policy-arn'],
  ['Organizations parents', 'organizations', 'ListParents', 'scp-ou-level-deny'],
  ['Organizations policies', 'organizations', 'ListPoliciesForTarget', 'scp-ou-level-deny'],
  ['Organizations policy text', 'organizations', 'DescribePolicy', 'scp-ou-level-deny'],
  ['toolbox details', 'iam-toolbox', 'GetRequestAuthorizationDetails', 'record-source-ip-deny'],
  ['toolbox policy', 'iam-toolbox', 'GetRequestAuthorizationPolicy', 'record-source-ip-deny'],
  ['bucket policy', 's3', 'GetBucketPolicy', 'cross-account-cur-bucket-owner-profile'],
];

const fakes: FakeAws[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

/** A diagnosis, with the short attempt timeout only when a fault is injected (the baseline takes the default). */
async function run(scenarioName: string, fault?: Fault): Promise<{ d: Diagnosis; fake: FakeAws }> {
  const scenario = loadScenario(scenarioName);
  const fake = await startFakeAws({ scenario: scenarioName });
  fakes.push(fake);
  if (fault) fake.inject(fault);
  const [denial] = parseDenials(scenario.denial);
  const d = await diagnoseDenial(denial!, targetFor(fake.url, scenario), fault ? { attemptTimeoutMs: ATTEMPT_TIMEOUT_MS } : {});
  return { d, fake };
}

const essence = (d: Diagnosis) => ({
  status: d.status,
  blockingLayer: d.blockingLayer,
  blocking: d.blocking.map((b) => [b.name, b.arn, b.statementSid, b.attachedTo]),
  decidingKeys: d.decidingKeys,
  problems: d.problems,
});

describe.each(CALLS)('a transient fault once in %s', (_label, service, action, scenarioName) => {
  let baseline: ReturnType<typeof run> | undefined;
  const withoutFault = () => (baseline ??= run(scenarioName));

  test('the scenario makes that call', async () => {
    const { fake } = await withoutFault();
    expect(fake.calls.some((c) => c.service === service && c.action === action)).toBe(true);
  });

  test.each(FAULTS)('%s: same diagnosis, one more attempt', async (_name, fault) => {
    const { d: expected } = await withoutFault();
    const { d, fake } = await run(scenarioName, { ...fault, service, action, times: 1 });
    expect(essence(d), d.verdict).toEqual(essence(expected));
    expect(d.awsCalls).toBe(expected.awsCalls + 1);
    expect(fake.calls.filter((c) => c.service === service && c.action === action).length).toBeGreaterThanOrEqual(fault.kind === 'delay' ? 1 : 2);
  });
});

describe('blame only what AWS said', () => {
  test('GetRole failing every time does not make the role "deleted": the diagnosis says what failed and evaluates the role by name', async () => {
    // The role lives under a path the session ARN does not show, so the simulator needs GetRole first.
    const base = loadScenario('identity-role-inline-deny');
    const scenario = { ...base, name: 'role-under-a-path', roles: base.roles!.map((r) => ({ ...r, arn: 'arn:aws:iam::111111111111:role/finance/FinanceAnalyst' })) };
    const fake = await startFakeAws({ scenario });
    fakes.push(fake);
    fake.inject({ kind: '5xx', status: 503, service: 'iam', action: 'GetRole' });
    const [denial] = parseDenials(scenario.denial);
    const d = await diagnoseDenial(denial!, targetFor(fake.url, scenario), { attemptTimeoutMs: ATTEMPT_TIMEOUT_MS });
    const text = JSON.stringify(d);
    expect(text).not.toMatch(/deleted|renamed/);
    expect(d.problems).toContainEqual(expect.objectContaining({ kind: 'server-error', message: expect.stringContaining('iam:GetRole') }));
    expect(d.blockingLayer).toBe('identity');
    expect(d.blocking[0]).toMatchObject({ name: 'NoInvoiceAccess', statementSid: 'DenyInvoices' });
    expect(fake.calls.filter((c) => c.action === 'GetRole')).toHaveLength(3);
  });
});
