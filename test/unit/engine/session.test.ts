// The session's retries are the SDK's standard strategy: every transient failure (throttling, 5xx,
// reset socket, an attempt past its timeout) is tried again, every attempt is counted, and what
// still fails becomes one problem. Real SDK clients over real HTTP against the fake AWS.

import { GetUserCommand } from '@aws-sdk/client-iam';
import { afterEach, describe, expect, test } from 'vitest';
import { AwsSession } from '../../../src/engine/session.ts';
import type { AwsTarget } from '../../../src/engine/index.ts';
import { startFakeAws, type FakeAws } from '../../fake-aws/server.mjs';
import { targetFor } from './fake-target.ts';

const open: FakeAws[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()));
});

async function setUp(attemptTimeoutMs?: number): Promise<{ fake: FakeAws; session: AwsSession }> {
  const fake = await startFakeAws({ scenario: 'identity-user-inline-deny' });
  open.push(fake);
  const target: AwsTarget = targetFor(fake.url, fake.scenario);
  return { fake, session: new AwsSession(target, undefined, attemptTimeoutMs ? { attemptTimeoutMs } : {}) };
}

const getUser = (session: AwsSession) =>
  session.send('iam:GetUser', (c, abortSignal) => c.iam().send(new GetUserCommand({ UserName: 'alice' }), { abortSignal }));

describe('AwsSession', () => {
  test.each([
    ['throttling', { kind: 'throttle' as const }],
    ['HTTP 500 (an HTML page)', { kind: '5xx' as const, status: 500 as const }],
    ['HTTP 503', { kind: '5xx' as const, status: 503 as const }],
    ['a reset socket', { kind: 'reset' as const }],
  ])('%s once: retried by the SDK, both attempts counted', async (_name, fault) => {
    const { fake, session } = await setUp();
    fake.inject({ ...fault, times: 1 });
    const out = await getUser(session);
    expect(out.ok).toBe(true);
    expect(session.calls).toBe(2);
    expect(fake.calls).toHaveLength(2);
    expect(session.fatal).toBeNull();
    session.close();
  });

  test('an attempt past its timeout is abandoned and tried again', async () => {
    const { fake, session } = await setUp(300);
    fake.inject({ kind: 'delay', delayMs: 1500, times: 1 });
    const out = await getUser(session);
    expect(out.ok).toBe(true);
    expect(session.calls).toBe(2);
    session.close();
  });

  test('throttling every time: three attempts, then one "throttled" problem', async () => {
    const { fake, session } = await setUp();
    fake.inject({ kind: 'throttle' });
    const out = await getUser(session);
    expect(out).toMatchObject({ ok: false, error: { kind: 'throttled' } });
    expect(session.calls).toBe(3);
    expect(fake.calls).toHaveLength(3);
    expect(session.fatal?.kind).toBe('throttled');
    session.reportFatal();
    expect(session.problems).toEqual([expect.objectContaining({ kind: 'throttled' })]);
    session.close();
  });

  test('a server error every time says what it left unchecked, and does not stop the diagnosis', async () => {
    const { fake, session } = await setUp();
    fake.inject({ kind: '5xx', status: 503 });
    const out = await getUser(session);
    expect(out).toMatchObject({ ok: false, error: { kind: 'server-error' } });
    expect(session.calls).toBe(3);
    expect(session.fatal).toBeNull();
    if (out.ok) return;
    const problem = session.report(out);
    expect(problem).toMatchObject({ kind: 'server-error', couldNotCheck: "the user's permissions boundary", uncheckedTopics: ['permissions-boundary'] });
    expect(problem.message).toContain("the user's permissions boundary");
    session.close();
  });

  test('after a fatal failure no further call goes out', async () => {
    const { fake } = await setUp();
    const target = targetFor(fake.url, fake.scenario);
    const session = new AwsSession({ ...target, credentials: { ...target.credentials, secretAccessKey: 'wrong-secret' } });
    expect(await getUser(session)).toMatchObject({ ok: false, error: { kind: 'invalid-credentials' } });
    expect(await getUser(session)).toMatchObject({ ok: false, error: { kind: 'invalid-credentials' } });
    expect(fake.calls).toHaveLength(1);
    expect(session.calls).toBe(1);
    session.close();
  });

  test('a refused permission is not asked again in the same diagnosis', async () => {
    const { fake, session } = await setUp();
    fake.inject({ kind: 'access-denied' });
    await getUser(session);
    await getUser(session);
    expect(session.calls).toBe(1);
    const problem = session.report({ call: 'iam:GetUser', error: { kind: 'missing-permission', code: 'AccessDenied', httpStatus: 403, retryable: false } });
    expect(problem).toMatchObject({ kind: 'missing-permission', permission: 'iam:GetUser', uncheckedTopics: ['permissions-boundary'] });
    expect(problem.message).toContain('"diagnoser"');
    expect(JSON.stringify(session.problems)).not.toContain(fake.scenario.credentials[0]!.secretAccessKey);
    session.close();
  });
});
