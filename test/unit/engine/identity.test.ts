import { afterEach, describe, expect, test } from 'vitest';
import { parseDenials } from '../../../src/core/parse/index.ts';
import { assumeRole, checkIdentity, diagnoseDenial } from '../../../src/engine/index.ts';
import { loadScenario, startFakeAws, type FakeAws, type Scenario } from '../../fake-aws/server.mjs';
import { targetFor } from './fake-target.ts';

const fakes: FakeAws[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

/** identity-user-inline-deny, with the diagnosing profile limited to assuming a diagnosis role that needs MFA and an external id. */
function withDiagnosisRole(): Scenario {
  const base = loadScenario('identity-user-inline-deny');
  const profile = { ...base.credentials[0]!, allow: ['sts:AssumeRole', 'sts:GetCallerIdentity'], mfa: { serialNumber: 'arn:aws:iam::111111111111:mfa/diagnoser', tokenCode: '123456' } };
  return {
    ...base,
    name: 'identity-user-inline-deny',
    credentials: [profile],
    roles: [...(base.roles ?? []), { arn: 'arn:aws:iam::111111111111:role/WhyDeniedDiagnosis', requireMfa: true, externalId: 'why-denied-ext', allow: '*' }],
  };
}

async function start(scenario: string | Scenario) {
  const fake = await startFakeAws({ scenario });
  fakes.push(fake);
  return fake;
}

describe('checkIdentity', () => {
  test('answers who the profile is with one call', async () => {
    const scenario = loadScenario('identity-user-inline-deny');
    const fake = await start(scenario.name);
    const id = await checkIdentity(targetFor(fake.url, scenario));
    expect(id).toMatchObject({ ok: true, account: '111111111111', arn: scenario.credentials[0]!.principal });
    expect(fake.calls.map((c) => c.action)).toEqual(['GetCallerIdentity']);
  });

  test('bad credentials become a problem, not a throw', async () => {
    const scenario = loadScenario('fail-invalid-secret');
    const fake = await start(scenario.name);
    expect(await checkIdentity(targetFor(fake.url, scenario))).toMatchObject({ ok: false, problem: { kind: 'invalid-credentials' } });
  });
});

describe('assumeRole', () => {
  test('with MFA and external id, gives a target that can diagnose', async () => {
    const scenario = withDiagnosisRole();
    const fake = await start(scenario);
    const base = targetFor(fake.url, scenario);
    const assumed = await assumeRole(base, { roleArn: 'arn:aws:iam::111111111111:role/WhyDeniedDiagnosis', externalId: 'why-denied-ext', mfaSerial: 'arn:aws:iam::111111111111:mfa/diagnoser', mfaCode: '123456' });
    if (!assumed.ok) throw new Error(assumed.problem.message);
    expect(assumed.expiresAt).toBeGreaterThan(Date.now());
    expect(assumed.target.credentials.sessionToken).toBeTruthy();
    const d = await diagnoseDenial(parseDenials(scenario.denial)[0]!, assumed.target);
    expect(d).toMatchObject({ status: 'done', blockingLayer: 'identity', blocking: [{ name: 'FinanceGuardrails', statementSid: 'DenyCostAndUsage' }] });
    // The base profile alone may not diagnose.
    const direct = await diagnoseDenial(parseDenials(scenario.denial)[0]!, base);
    expect(direct.problems.some((p) => p.kind === 'missing-permission')).toBe(true);
  });

  test('a wrong MFA code is refused clearly', async () => {
    const scenario = withDiagnosisRole();
    const fake = await start(scenario);
    const r = await assumeRole(targetFor(fake.url, scenario), { roleArn: 'arn:aws:iam::111111111111:role/WhyDeniedDiagnosis', externalId: 'why-denied-ext', mfaSerial: 'arn:aws:iam::111111111111:mfa/diagnoser', mfaCode: '000000' });
    expect(r).toMatchObject({ ok: false, problem: { kind: 'missing-permission', permission: 'sts:AssumeRole' } });
  });

  test('input is checked before any call', async () => {
    const scenario = withDiagnosisRole();
    const fake = await start(scenario);
    const base = targetFor(fake.url, scenario);
    expect(await assumeRole(base, { roleArn: 'not-an-arn' })).toMatchObject({ ok: false });
    expect(await assumeRole(base, { roleArn: 'arn:aws:iam::111111111111:role/WhyDeniedDiagnosis', mfaSerial: 'x', mfaCode: '12' })).toMatchObject({ ok: false, problem: { message: expect.stringMatching(/6-digit/) } });
    expect(fake.calls).toHaveLength(0);
  });
});
