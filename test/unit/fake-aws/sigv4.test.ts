import { GetUserCommand, ListUserPoliciesCommand } from '@aws-sdk/client-iam';
import { ListParentsCommand } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeAws, ScenarioCredential } from '../../fake-aws/server.mjs';
import { clientsFor, failure, start } from './helpers.ts';

describe('fake-aws SigV4 verification', () => {
  let fake: FakeAws;
  let profile: ScenarioCredential;

  beforeAll(async () => {
    ({ fake, profile } = await start('identity-user-inline-deny'));
  });
  afterAll(() => fake.close());

  it('accepts a correctly signed request from each protocol', async () => {
    const { iam, sts, org } = clientsFor(fake, profile);
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(profile.principal);
    expect((await iam.send(new GetUserCommand({}))).User?.UserName).toBe('diagnoser');
    expect((await org.send(new ListParentsCommand({ ChildId: '111111111111' }))).Parents?.[0]?.Id).toBe('ou-ab12-22222222');
  });

  it('rejects a wrong secret with SignatureDoesNotMatch (Query) and InvalidSignatureException (JSON)', async () => {
    const { iam, org } = clientsFor(fake, profile, { secretAccessKey: 'not-the-secret' });
    const iamError = await failure(iam.send(new GetUserCommand({})));
    expect(iamError.name).toBe('SignatureDoesNotMatch');
    expect(iamError.$metadata?.httpStatusCode).toBe(403);
    expect(iamError.message).toMatch(/^The request signature we calculated does not match the signature you provided/);
    const orgError = await failure(org.send(new ListParentsCommand({ ChildId: '111111111111' })));
    expect(orgError.name).toBe('InvalidSignatureException');
    expect(orgError.$metadata?.httpStatusCode).toBe(400);
  });

  it('rejects an unknown access key with InvalidClientTokenId / UnrecognizedClientException', async () => {
    const { sts, org } = clientsFor(fake, profile, { accessKeyId: 'AKIAFAKEUNKNOWNKEY01' });
    const stsError = await failure(sts.send(new GetCallerIdentityCommand({})));
    expect(stsError.name).toBe('InvalidClientTokenId');
    expect(stsError.message).toBe('The security token included in the request is invalid.');
    expect((await failure(org.send(new ListParentsCommand({ ChildId: '111111111111' })))).name).toBe('UnrecognizedClientException');
  });

  it('rejects a clock more than 15 minutes behind with "Signature expired"', async () => {
    const { iam, org } = clientsFor(fake, profile, { systemClockOffset: -20 * 60 * 1000 });
    const error = await failure(iam.send(new GetUserCommand({})));
    expect(error.name).toBe('SignatureDoesNotMatch');
    expect(error.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
    const orgError = await failure(org.send(new ListParentsCommand({ ChildId: '111111111111' })));
    expect(orgError.name).toBe('InvalidSignatureException');
    expect(orgError.message).toMatch(/^Signature expired:/);
  });

  it('rejects a clock more than 15 minutes ahead with "Signature not yet current"', async () => {
    const { sts } = clientsFor(fake, profile, { systemClockOffset: 16 * 60 * 1000 });
    const error = await failure(sts.send(new GetCallerIdentityCommand({})));
    expect(error.name).toBe('SignatureDoesNotMatch');
    expect(error.message).toMatch(/^Signature not yet current: .* \+ 15 min\.\)$/);
  });

  it('accepts a clock 10 minutes off (inside the window)', async () => {
    const { sts } = clientsFor(fake, profile, { systemClockOffset: -10 * 60 * 1000 });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('111111111111');
  });

  it('detects a body changed after signing', async () => {
    const { iam } = clientsFor(fake, profile);
    // The deserialize step runs after signing, right before the request is sent.
    iam.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { body: string };
        request.body = request.body.replace('UserName=alice', 'UserName=carol'); // same length: content-length stays right
        return next(args);
      },
      { step: 'deserialize', name: 'tamper' },
    );
    const error = await failure(iam.send(new ListUserPoliciesCommand({ UserName: 'alice' })));
    expect(error.name).toBe('SignatureDoesNotMatch');
  });

  it('accepts a request signed for the real AWS host and forwarded here, but still checks its signature', async () => {
    const port = Number(new URL(fake.url).port);
    const forwardTo = (client: { middlewareStack: { add: (...a: never[]) => void } }) =>
      client.middlewareStack.add(
        ((next: (a: unknown) => unknown) => async (args: { request: { hostname: string; port?: number; protocol: string; headers: Record<string, string> } }) => {
          // What a browser test's route does: same signed request, sent to the fake with the fake's Host.
          Object.assign(args.request, { hostname: '127.0.0.1', port, protocol: 'http:' });
          delete args.request.headers.host;
          return next(args);
        }) as never,
        { step: 'deserialize', name: 'forward-to-fake' } as never,
      );
    const { STSClient } = await import('@aws-sdk/client-sts');
    const { IAMClient } = await import('@aws-sdk/client-iam');
    const credentials = { accessKeyId: profile.accessKeyId, secretAccessKey: profile.secretAccessKey };
    const sts = new STSClient({ region: 'us-east-1', maxAttempts: 1, credentials });
    forwardTo(sts as never);
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(profile.principal);
    const iam = new IAMClient({ region: 'us-east-1', maxAttempts: 1, credentials });
    forwardTo(iam as never);
    expect((await iam.send(new GetUserCommand({}))).User?.UserName).toBe('diagnoser');
    const wrong = new IAMClient({ region: 'us-east-1', maxAttempts: 1, credentials: { ...credentials, secretAccessKey: 'wrong' } });
    forwardTo(wrong as never);
    expect((await failure(wrong.send(new GetUserCommand({})))).name).toBe('SignatureDoesNotMatch');
  });

  it('answers an unsigned Query request with MissingAuthenticationToken', async () => {
    const response = await fetch(fake.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(text).toContain('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">');
    expect(text).toContain('<Code>MissingAuthenticationToken</Code>');
    expect(text).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId>/);
  });
});

describe('fake-aws temporary credentials', () => {
  it('requires the session token that belongs to the key', async () => {
    const { fake, profile } = await start('idc-device-flow');
    try {
      const right = clientsFor(fake, profile);
      expect((await right.sts.send(new GetCallerIdentityCommand({}))).Arn).toContain('assumed-role/AWSReservedSSO_Diagnostics_');
      const wrong = clientsFor(fake, profile, { sessionToken: 'IQoJb3JpZ2luX2VjWRONG' });
      expect((await failure(wrong.sts.send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId');
      const none = clientsFor(fake, { ...profile, sessionToken: null });
      expect((await failure(none.iam.send(new GetUserCommand({ UserName: 'x' })))).name).toBe('InvalidClientTokenId');
    } finally {
      await fake.close();
    }
  });

  it('rejects expired temporary credentials with ExpiredToken / ExpiredTokenException', async () => {
    const { fake, iam, org } = await start('fail-expired-credentials');
    try {
      const error = await failure(iam.send(new GetUserCommand({})));
      expect(error.name).toBe('ExpiredToken');
      expect(error.message).toBe('The security token included in the request is expired');
      expect(error.$metadata?.httpStatusCode).toBe(403);
      expect((await failure(org.send(new ListParentsCommand({ ChildId: '111111111111' })))).name).toBe('ExpiredTokenException');
    } finally {
      await fake.close();
    }
  });
});
