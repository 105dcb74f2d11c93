import { GetRoleCommand, GetUserCommand, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { DescribeOrganizationCommand, ListParentsCommand } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAws, type FakeAws } from '../../fake-aws/server.mjs';
import { clientsFor, failure, identityCenterClients, start } from './helpers.ts';

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('fake-aws faults', () => {
  it('throttles with each service\'s own error, only as many times as asked', async () => {
    const s = await start('identity-user-inline-deny');
    fake = s.fake;
    s.fake.inject({ kind: 'throttle', times: 2 });
    const first = await failure(s.sts.send(new GetCallerIdentityCommand({})));
    expect(first.name).toBe('Throttling');
    expect(first.$metadata?.httpStatusCode).toBe(400);
    const second = await failure(s.org.send(new DescribeOrganizationCommand({})));
    expect(second.name).toBe('TooManyRequestsException');
    expect((await s.sts.send(new GetCallerIdentityCommand({}))).Account).toBe('111111111111');
  });

  it('applies scenario faults on load: fail-throttled throttles the first two calls', async () => {
    const s = await start('fail-throttled');
    fake = s.fake;
    expect((await failure(s.sts.send(new GetCallerIdentityCommand({})))).name).toBe('Throttling');
    expect((await failure(s.iam.send(new GetUserCommand({})))).name).toBe('Throttling');
    expect((await s.iam.send(new GetUserCommand({}))).User?.UserName).toBe('diagnoser');
    expect(s.fake.calls.map((c) => c.status)).toEqual([400, 400, 200]);
  });

  it('is retried by the SDK\'s default retry strategy, as real throttling is', async () => {
    const s = await start('fail-throttled');
    fake = s.fake;
    const { accessKeyId, secretAccessKey } = s.profile;
    const retrying = new STSClient({ endpoint: s.fake.url, region: 'us-east-1', maxAttempts: 3, credentials: { accessKeyId, secretAccessKey } });
    const out = await retrying.send(new GetCallerIdentityCommand({}));
    expect(out.$metadata.attempts).toBe(3);
  }, 10_000);

  it('targets one service and action', async () => {
    const s = await start('fail-simulator-5xx');
    fake = s.fake;
    const error = await failure(s.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: 'arn:aws:iam::111111111111:user/alice', ActionNames: ['ce:GetCostAndUsage'] })));
    expect(error.$metadata?.httpStatusCode).toBe(500);
    expect(error.name).toBe('Unknown');
    expect((await s.iam.send(new GetUserCommand({ UserName: 'alice' }))).User?.UserName).toBe('alice');
    const raw = await fetch(`${s.fake.url}/__fake-aws/calls`).then((r) => r.json());
    expect(raw.at(-2)).toMatchObject({ service: 'iam', action: 'SimulatePrincipalPolicy', status: 500 });
  });

  it('answers 5xx with an HTML page, or 503 ServiceUnavailable in the service\'s format', async () => {
    const s = await start('identity-user-inline-deny');
    fake = s.fake;
    s.fake.inject({ service: 'sts', kind: '5xx', times: 1 });
    const html = await failure(s.sts.send(new GetCallerIdentityCommand({})));
    expect(html.$metadata?.httpStatusCode).toBe(500);
    s.fake.inject({ service: 'sts', kind: '5xx', status: 503, times: 1 });
    const unavailable = await failure(s.sts.send(new GetCallerIdentityCommand({})));
    expect(unavailable.name).toBe('ServiceUnavailable');
    expect(unavailable.$metadata?.httpStatusCode).toBe(503);
    s.fake.inject({ service: 'organizations', kind: '5xx', status: 503, times: 1 });
    expect((await failure(s.org.send(new DescribeOrganizationCommand({})))).name).toBe('ServiceUnavailableException');
  });

  it('denies with the service\'s AccessDenied for an injected access-denied', async () => {
    const s = await start('identity-user-inline-deny');
    fake = s.fake;
    s.fake.inject({ service: 'iam', action: 'GetRole', kind: 'access-denied' });
    const error = await failure(s.iam.send(new GetRoleCommand({ RoleName: 'Anything' })));
    expect(error.name).toBe('AccessDenied');
    expect(error.message).toBe(
      'User: arn:aws:iam::111111111111:user/diagnoser is not authorized to perform: iam:GetRole on resource: role Anything because no identity-based policy allows the iam:GetRole action',
    );
    s.fake.inject({ service: 'organizations', kind: 'access-denied', times: 1 });
    expect((await failure(s.org.send(new ListParentsCommand({ ChildId: '111111111111' })))).name).toBe('AccessDeniedException');
    s.fake.clearFaults();
    expect((await failure(s.iam.send(new GetRoleCommand({ RoleName: 'Anything' })))).name).toBe('NoSuchEntityException');
  });

  it('delays a call, and resets a connection', async () => {
    const s = await start('identity-user-inline-deny');
    fake = s.fake;
    s.fake.inject({ service: 'sts', kind: 'delay', delayMs: 300, times: 1 });
    const t0 = performance.now();
    await s.sts.send(new GetCallerIdentityCommand({}));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    s.fake.inject({ kind: 'reset', times: 1 });
    const reset = await failure(s.sts.send(new GetCallerIdentityCommand({})));
    expect(reset.name).not.toBe('Throttling');
    expect(String(reset.message)).toMatch(/socket hang up|ECONNRESET|other side closed/i);
    expect(s.fake.calls.at(-1)).toMatchObject({ status: 0, errorCode: 'reset' });
  });

  it('faults the Identity Center endpoints too', async () => {
    const s = await start('idc-device-flow');
    fake = s.fake;
    const { oidc } = identityCenterClients(s.fake);
    const { RegisterClientCommand } = await import('@aws-sdk/client-sso-oidc');
    s.fake.inject({ service: 'sso-oidc', action: 'RegisterClient', kind: 'throttle', times: 1 });
    const error = await failure(oidc.send(new RegisterClientCommand({ clientName: 'why-denied', clientType: 'public' })));
    expect(error.$metadata?.httpStatusCode).toBe(429);
    expect((await oidc.send(new RegisterClientCommand({ clientName: 'why-denied', clientType: 'public' }))).clientId).toBeTruthy();
  });

  it('rejects an invalid fault with a clear message', async () => {
    const s = await start('identity-user-inline-deny');
    fake = s.fake;
    expect(() => s.fake.inject({ kind: 'explode' as never })).toThrow(/kind must be one of throttle, 5xx, access-denied, delay, reset/);
    expect(() => s.fake.inject({ kind: 'throttle', times: 0 })).toThrow(/times must be a positive integer/);
  });
});

describe('fake-aws latency, call log and CORS', () => {
  it('adds global latency', async () => {
    fake = await startFakeAws({ scenario: 'identity-user-inline-deny', latencyMs: 120 });
    const { sts } = clientsFor(fake, fake.scenario.credentials[0]!);
    let t0 = performance.now();
    await sts.send(new GetCallerIdentityCommand({}));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(110);
    fake.setLatency(0);
    t0 = performance.now();
    await sts.send(new GetCallerIdentityCommand({}));
    expect(performance.now() - t0).toBeLessThan(110);
  });

  it('records every call with service, action, key, status and time', async () => {
    const s = await start('identity-user-inline-deny');
    fake = s.fake;
    const before = Date.now();
    await s.sts.send(new GetCallerIdentityCommand({}));
    await failure(s.iam.send(new GetRoleCommand({ RoleName: 'Nope' })));
    await s.org.send(new DescribeOrganizationCommand({}));
    expect(s.fake.calls.map(({ service, action, accessKeyId, status, errorCode }) => ({ service, action, accessKeyId, status, errorCode }))).toEqual([
      { service: 'sts', action: 'GetCallerIdentity', accessKeyId: 'AKIAFAKEDIAGNOSER001', status: 200, errorCode: null },
      { service: 'iam', action: 'GetRole', accessKeyId: 'AKIAFAKEDIAGNOSER001', status: 404, errorCode: 'NoSuchEntity' },
      { service: 'organizations', action: 'DescribeOrganization', accessKeyId: 'AKIAFAKEDIAGNOSER001', status: 200, errorCode: null },
    ]);
    expect(s.fake.calls.every((c) => c.at >= before && c.at <= Date.now())).toBe(true);
  });

  it('answers CORS preflights and exposes the headers the SDK reads', async () => {
    const s = await start('identity-user-inline-deny');
    fake = s.fake;
    const preflight = await fetch(s.fake.url, {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://abc', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,x-amz-date,x-amz-target' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization,x-amz-date,x-amz-target');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    const reply = await fetch(s.fake.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetUser&Version=2010-05-08' });
    expect(reply.headers.get('access-control-allow-origin')).toBe('*');
    expect(reply.headers.get('access-control-expose-headers')).toMatch(/x-amzn-requestid.*x-amzn-errortype.*date/);
    expect(s.fake.calls).toHaveLength(1);
  });
});
