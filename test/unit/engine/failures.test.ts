// Failures are part of the product: each gives its own kind and a one-line message, the diagnosis
// always resolves, and no secret leaks into it.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { parseDenials } from '../../../src/core/parse/index.ts';
import type { Diagnosis, DiagnosisStep } from '../../../src/core/diagnosis.ts';
import { diagnoseDenial, type AwsTarget } from '../../../src/engine/index.ts';
import { loadScenario, startFakeAws, type FakeAws, type Scenario } from '../../fake-aws/server.mjs';
import { secretsOf, targetFor } from './fake-target.ts';
import { denial } from './helpers.ts';

const open: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function fakeFor(name: string): Promise<{ fake: FakeAws; scenario: Scenario; target: AwsTarget }> {
  const scenario = loadScenario(name);
  const fake = await startFakeAws({ scenario: name });
  open.push(fake);
  return { fake, scenario, target: targetFor(fake.url, scenario) };
}

function denialOf(scenario: Scenario) {
  return parseDenials(scenario.denial)[0]!;
}

function expectOneLine(d: Diagnosis) {
  for (const p of d.problems) {
    expect(p.message).not.toContain('\n');
    expect(p.message.length).toBeLessThan(400);
  }
}

describe('failure kinds', () => {
  test('throttling: three tries with the SDK\'s backoff, then "throttled" within about 3 s', async () => {
    const { fake, scenario, target } = await fakeFor('identity-user-inline-deny');
    fake.inject({ kind: 'throttle' });
    const started = Date.now();
    const d = await diagnoseDenial(denialOf(scenario), target);
    const elapsed = Date.now() - started;
    expect(d.status).toBe('failed');
    expect(d.problems.map((p) => p.kind)).toEqual(['throttled']);
    expect(fake.calls.filter((c) => c.errorCode === 'Throttling')).toHaveLength(3);
    expect(d.awsCalls).toBe(3);
    // Standard mode's throttling backoff: a random wait below 1 s, then below 2 s.
    expect(elapsed).toBeLessThan(3500);
    expectOneLine(d);
  });

  test('throttling that passes is retried and does not show', async () => {
    const { fake, scenario, target } = await fakeFor('identity-user-inline-deny');
    fake.inject({ kind: 'throttle', times: 1 });
    const d = await diagnoseDenial(denialOf(scenario), target);
    expect(d).toMatchObject({ status: 'done', blockingLayer: 'identity', problems: [] });
    expect(d.awsCalls).toBe(3);
  });

  test('expired credentials the device did not know about: ExpiredToken from AWS', async () => {
    const { scenario, target } = await fakeFor('fail-expired-credentials');
    const unaware = { ...target, credentials: { ...target.credentials, expiration: undefined } };
    const d = await diagnoseDenial(denialOf(scenario), unaware);
    expect(d.problems.map((p) => p.kind)).toEqual(['expired-credentials']);
    expect(d.awsCalls).toBe(1);
  });

  test('a device clock 20 minutes behind: signed again with AWS\'s time, and the verdict arrives', async () => {
    const { fake, scenario, target } = await fakeFor('fail-clock-skew');
    const d = await diagnoseDenial(denialOf(scenario), target);
    expect(d).toMatchObject({ status: 'done', blockingLayer: 'identity', problems: [] });
    expect(d.evidence.some((e) => /signed again with AWS's time/.test(e.said))).toBe(true);
    expect(fake.calls[0]!.errorCode).toBe('SignatureDoesNotMatch');
  });

  test('a skewed clock that AWS keeps rejecting is "clock-skew", saying the device clock is off', async () => {
    const server = await stubServer(403, '<ErrorResponse><Error><Type>Sender</Type><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message></Error></ErrorResponse>');
    const d = await diagnoseDenial(denial({ action: 'ce:GetCostAndUsage' }), stubTarget(server));
    expect(d.problems.map((p) => p.kind)).toEqual(['clock-skew']);
    expect(d.problems[0]!.message).toMatch(/clock/);
    expect(d.awsCalls).toBe(2); // one re-signed try with AWS's time, then stop
  });

  test('no network: "network"', async () => {
    const d = await diagnoseDenial(denial(), { ...stubTarget(null), endpoint: 'http://127.0.0.1:9' });
    expect(d.status).toBe('failed');
    expect(d.problems.map((p) => p.kind)).toEqual(['network']);
    expectOneLine(d);
  });

  test('a reset connection is a network problem too', async () => {
    const { fake, scenario, target } = await fakeFor('identity-user-inline-deny');
    fake.inject({ kind: 'reset' });
    const d = await diagnoseDenial(denialOf(scenario), target);
    expect(d.problems.map((p) => p.kind)).toEqual(['network']);
  });

  test('5xx everywhere: "server-error", not a crash', async () => {
    const { fake, scenario, target } = await fakeFor('identity-user-inline-deny');
    fake.inject({ kind: '5xx', service: 'iam', status: 503 });
    const d = await diagnoseDenial(denialOf(scenario), target);
    expect(d.status).toBe('failed');
    expect(d.problems.some((p) => p.kind === 'server-error')).toBe(true);
    expect(d.problems[0]!.message).toMatch(/server error/);
  });

  test('invalid credentials: "invalid-credentials", and the secret is never echoed', async () => {
    const { scenario, target } = await fakeFor('fail-invalid-secret');
    const d = await diagnoseDenial(denialOf(scenario), target);
    expect(d.problems.map((p) => p.kind)).toEqual(['invalid-credentials']);
    const json = JSON.stringify(d);
    for (const secret of [...secretsOf(scenario), target.credentials.secretAccessKey]) expect(json).not.toContain(secret);
  });

  test('a missing permission names the permission, what could not be checked, and the policy that fixes it', async () => {
    const { scenario, target } = await fakeFor('fail-no-organizations-permission');
    const d = await diagnoseDenial(denialOf(scenario), target);
    const problem = d.problems.find((p) => p.kind === 'missing-permission')!;
    expect(problem.permission).toMatch(/^organizations:/);
    expect(problem.couldNotCheck).toMatch(/SCP/);
    // The checklist questions it leaves open, for the panel and the request (core/rules/open-checks.ts).
    expect(problem.uncheckedTopics).toEqual(['scp', 'rcp', 'mfa', 'region']);
    expect(JSON.parse(d.diagnosticPolicySuggestion!).Statement.flatMap((s: { Action: string[] }) => s.Action)).toContain(problem.permission);
    // Still reports what the simulator said.
    expect(d).toMatchObject({ status: 'partial', blockingLayer: 'scp' });
  });

  test('a profile in another account: said so, not blamed on a missing permission', async () => {
    const base = loadScenario('identity-user-inline-deny');
    const scenario = { ...base, credentials: [{ ...base.credentials[0]!, principal: 'arn:aws:iam::222222222222:user/diagnoser' }] };
    const fake = await startFakeAws({ scenario });
    open.push(fake);
    const d = await diagnoseDenial(denialOf(scenario), targetFor(fake.url, scenario));
    expect(d).toMatchObject({ status: 'failed', blockingLayer: 'not-simulated', diagnosticPolicySuggestion: null });
    expect(d.problems.map((p) => p.kind)).toEqual(['not-simulatable']);
    expect(d.verdict).toMatch(/account 222222222222.*account 111111111111/);
  });

  test('cancelling resolves a failed diagnosis', async () => {
    const { fake, scenario, target } = await fakeFor('identity-user-inline-deny');
    fake.setLatency(300);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const d = await diagnoseDenial(denialOf(scenario), target, { signal: controller.signal });
    expect(d.status).toBe('failed');
    expect(d.problems[0]!.message).toMatch(/cancelled/);
  });
});

describe('principals the simulator cannot take (no AWS call)', () => {
  const target = stubTarget(null);
  test.each([
    ['root', { principalArn: 'arn:aws:iam::444444444444:root', principalType: 'root' as const }, /root user/],
    ['federated user', { principalArn: 'arn:aws:sts::111111111111:federated-user/bob', principalType: 'federated-user' as const }, /Federated user bob/],
    ['service principal', { principalArn: 'glue.amazonaws.com', principalType: 'service' as const }, /service principal/],
    ['account only', { principalArn: null, principalType: null, accountId: '999999999999' }, /only account 999999999999/],
    ['nothing', { principalArn: null, principalType: null, accountId: null }, /names no user or role/],
  ])('%s', async (_label, fields, verdict) => {
    const d = await diagnoseDenial(denial(fields), target);
    expect(d).toMatchObject({ status: 'failed', blockingLayer: 'not-simulated', awsCalls: 0 });
    expect(d.problems.map((p) => p.kind)).toEqual(['not-simulatable']);
    expect(d.verdict).toMatch(verdict);
  });

  test('the message\'s own layer is still said', async () => {
    const d = await diagnoseDenial(denial({ principalArn: 'arn:aws:iam::444444444444:root', policyType: 'scp', denyKind: 'explicit' }), target);
    expect(d.verdict).toMatch(/service control policy/);
  });
});

describe('settings the message names (no AWS call)', () => {
  test.each([
    ['iam-billing-access-not-activated', 'billing-access-setting', /only the root user/],
    ['cost-explorer-not-enabled', 'not-simulated', /Cost Explorer is not enabled/],
    ['linked-account-cost-explorer-disabled', 'not-simulated', /Linked account access/],
    ['management-account-standalone-context', 'not-simulated', /standalone context/],
  ] as const)('%s', async (cause, layer, verdict) => {
    const d = await diagnoseDenial(denial({ cause, action: null, principalArn: null }), stubTarget(null));
    expect(d).toMatchObject({ status: 'done', blockingLayer: layer, awsCalls: 0, problems: [] });
    expect(d.verdict).toMatch(verdict);
  });

  test('a denial without an action cannot be simulated', async () => {
    const d = await diagnoseDenial(denial({ action: null }), stubTarget(null));
    expect(d).toMatchObject({ status: 'failed', awsCalls: 0, problems: [{ kind: 'not-simulatable' }] });
  });
});

describe('bad input never throws', () => {
  test.each([
    ['no denial', null],
    ['a string', 'User: x is not authorized'],
    ['an empty object', {}],
    ['wrong types', { principalArn: 42, action: ['x'], meta: 'no' }],
  ])('%s', async (_label, value) => {
    const d = await diagnoseDenial(value as never, stubTarget(null));
    expect(d.status).toBe('failed');
    expect(d.verdict.length).toBeGreaterThan(5);
  });

  test.each([
    ['no target', null],
    ['no credentials', { profileName: 'p', region: 'us-east-1', partition: 'aws' }],
    ['bad partition', { profileName: 'p', region: 'us-east-1', partition: 'aws-mars', credentials: { accessKeyId: 'AKIAX', secretAccessKey: 'y' } }],
  ])('%s', async (_label, target) => {
    const d = await diagnoseDenial(denial(), target as never);
    expect(d).toMatchObject({ status: 'failed', awsCalls: 0 });
    expect(d.problems[0]!.kind).toBe('no-profile');
  });

  test('known-expired credentials fail before any call', async () => {
    const d = await diagnoseDenial(denial(), { ...stubTarget(null), credentials: { accessKeyId: 'AKIAX', secretAccessKey: 'y', expiration: new Date(0) } });
    expect(d).toMatchObject({ status: 'failed', awsCalls: 0, problems: [{ kind: 'expired-credentials' }] });
  });

  test('a throwing progress listener does not stop the diagnosis', async () => {
    const d = await diagnoseDenial(denial({ principalArn: 'arn:aws:iam::1:root' }), stubTarget(null), {
      onStep: () => {
        throw new Error('listener bug');
      },
    });
    expect(d.status).toBe('failed');
  });
});

describe('progress', () => {
  test('steps are reported as they run, with labels, and end in the diagnosis', async () => {
    const { scenario, target } = await fakeFor('scp-region-deny');
    const seen: DiagnosisStep[] = [];
    const d = await diagnoseDenial(denialOf(scenario), target, { onStep: (s) => seen.push(s) });
    expect(seen.filter((s) => s.state === 'running').map((s) => s.id)).toEqual(['simulate', 'read-scps', 'evaluate-locally', 'what-if']);
    expect(d.steps.map((s) => [s.id, s.state])).toEqual([
      ['identity', 'skipped'],
      ['resolve-principal', 'skipped'],
      ['simulate', 'done'],
      ['read-scps', 'done'],
      ['evaluate-locally', 'done'],
      ['what-if', 'done'],
    ]);
    for (const s of d.steps) expect(s.label.length).toBeGreaterThan(5);
  });
});

async function stubServer(status: number, body: string): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'text/xml' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  return server;
}

function stubTarget(server: Server | null): AwsTarget {
  const port = server ? (server.address() as AddressInfo).port : 9;
  return { profileName: 'p', credentials: { accessKeyId: 'AKIAEXAMPLE000000001', secretAccessKey: 'stub-secret-0123456789' }, region: 'eu-central-1', partition: 'aws', endpoint: `http://127.0.0.1:${port}` };
}
