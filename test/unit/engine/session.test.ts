import { describe, expect, test } from 'vitest';
import { AwsSession } from '../../../src/engine/session.ts';
import type { AwsTarget } from '../../../src/engine/index.ts';

const target: AwsTarget = { profileName: 'p', credentials: { accessKeyId: 'AKIAX', secretAccessKey: 'never-shown-secret' }, region: 'eu-central-1', partition: 'aws', endpoint: 'http://127.0.0.1:9' };
const err = (name: string, status: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe('AwsSession', () => {
  test('throttling: bounded exponential backoff, then the failure', async () => {
    const session = new AwsSession(target, undefined, { attempts: 3, baseDelayMs: 40, attemptTimeoutMs: 1000 }, () => 1);
    const started = Date.now();
    const out = await session.send('iam:GetRole', async () => {
      throw err('Throttling', 400);
    });
    expect(out).toMatchObject({ ok: false, error: { kind: 'throttled' } });
    expect(session.calls).toBe(3);
    // random() = 1: 40 ms, then 80 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
    expect(session.fatal?.kind).toBe('throttled');
    session.close();
  });

  test('after a fatal failure no further call goes out', async () => {
    const session = new AwsSession(target);
    await session.send('iam:GetRole', async () => {
      throw err('ExpiredToken', 403);
    });
    let ran = false;
    const out = await session.send('iam:GetUser', async () => {
      ran = true;
      return {};
    });
    expect(ran).toBe(false);
    expect(out).toMatchObject({ ok: false, error: { kind: 'expired-credentials' } });
    expect(session.calls).toBe(1);
    session.close();
  });

  test('a refused permission is not asked again in the same diagnosis', async () => {
    const session = new AwsSession(target);
    const refuse = async () => {
      throw err('AccessDenied', 403);
    };
    await session.send('iam:GetRole', refuse);
    await session.send('iam:GetRole', refuse);
    expect(session.calls).toBe(1);
    const problem = session.report({ call: 'iam:GetRole', error: { kind: 'missing-permission', code: 'AccessDenied', httpStatus: 403, retryable: false } });
    expect(problem).toMatchObject({ kind: 'missing-permission', permission: 'iam:GetRole' });
    expect(problem.message).toContain('"p"');
    expect(JSON.stringify(session.problems)).not.toContain('never-shown-secret');
    session.close();
  });
});
