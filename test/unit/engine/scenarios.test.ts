// Every fake-AWS scenario with an `expect` block, diagnosed by the engine through the real SDK over
// real HTTP, compared with what the scenario says the answer is.

import { afterAll, describe, expect, test } from 'vitest';
import { parseDenials } from '../../../src/core/parse/index.ts';
import type { Diagnosis } from '../../../src/core/diagnosis.ts';
import { diagnoseDenial } from '../../../src/engine/index.ts';
import { listScenarios, loadScenario, startFakeAws, type FakeAws, type Scenario } from '../../fake-aws/server.mjs';
import { secretsOf, targetFor } from './fake-target.ts';

/** AWS calls allowed per scenario, cold; the common cases (one inline or direct policy) get 4. */
const CALL_BUDGET: Record<string, number> = {
  'identity-user-inline-deny': 4,
  'identity-mfa-deny': 4,
  'identity-role-inline-deny': 4,
  'identity-center-role-inline-deny': 4,
  'identity-no-policy-allows': 4,
  'identity-legacy-aws-portal': 4,
  'identity-managed-policy-arn': 4,
  'allowed-billing-activation': 4,
  'boundary-explicit-deny': 4,
};
const MAX_CALLS = 20;

const fakes: FakeAws[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

async function diagnose(scenario: Scenario): Promise<{ diagnosis: Diagnosis; fake: FakeAws }> {
  const fake = await startFakeAws({ scenario: scenario.name });
  fakes.push(fake);
  const [denial] = parseDenials(scenario.denial);
  if (!denial) throw new Error(`the parser found no denial in scenario ${scenario.name}`);
  return { diagnosis: await diagnoseDenial(denial, targetFor(fake.url, scenario)), fake };
}

function hasProblem(d: Diagnosis, kind: string, permission?: string | string[]): boolean {
  return d.problems.some((p) => p.kind === kind && (permission === undefined || [permission].flat().includes(p.permission ?? '')));
}

const scenarios = listScenarios()
  .map((name) => loadScenario(name))
  .filter((s) => s.expect);

describe('engine against every fake-AWS scenario', () => {
  test('there are scenarios to run', () => {
    expect(scenarios.length).toBeGreaterThan(10);
  });

  test.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const { diagnosis: d, fake } = await diagnose(scenario);
    const ex = scenario.expect;
    const context = `${scenario.name}: ${d.status} ${d.blockingLayer} — ${d.verdict}\n${JSON.stringify({ blocking: d.blocking, problems: d.problems, keys: d.decidingKeys, evidence: d.evidence }, null, 1)}`;

    // No secret ever appears in a diagnosis.
    const json = JSON.stringify(d);
    for (const secret of secretsOf(scenario)) expect(json, context).not.toContain(secret);
    // The engine's own count is the fake's.
    expect(d.awsCalls, context).toBe(fake.calls.length);
    expect(d.awsCalls, context).toBeLessThanOrEqual(CALL_BUDGET[scenario.name] ?? MAX_CALLS);
    expect(d.verdict.length, context).toBeGreaterThan(10);

    if (ex.orProblem && hasProblem(d, ex.orProblem)) return;
    expect(d.blockingLayer, context).toBe(ex.blockingLayer);
    if (ex.status) expect(d.status, context).toBe(ex.status);
    const primary = d.blocking[0];
    if (ex.policyName !== undefined) expect(primary?.name ?? null, context).toBe(ex.policyName);
    if (ex.policyArn !== undefined) expect(primary?.arn ?? null, context).toBe(ex.policyArn);
    if (ex.statementSid !== undefined) expect(primary?.statementSid ?? null, context).toBe(ex.statementSid);
    if (ex.attachedTo !== undefined) expect(primary?.attachedTo ?? null, context).toBe(ex.attachedTo);
    if (ex.decidingConditions !== undefined) {
      expect(d.decidingKeys, context).toEqual(ex.decidingConditions);
      for (const key of ex.decidingConditions) expect(d.decidingConditions.join(' '), context).toContain(key);
    }
    for (const p of ex.problems ?? []) expect(hasProblem(d, p.kind, p.permission), `${context}\nexpected problem ${JSON.stringify(p)}`).toBe(true);
    if (d.problems.some((p) => p.kind === 'missing-permission')) expect(d.diagnosticPolicySuggestion, context).toContain('iam:SimulatePrincipalPolicy');
    if (primary?.statementSid) expect(primary.statement?.Sid, context).toBe(primary.statementSid);
  });
});
