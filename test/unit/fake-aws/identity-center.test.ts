import { GetRoleCredentialsCommand, ListAccountRolesCommand, ListAccountsCommand, LogoutCommand } from '@aws-sdk/client-sso';
import { CreateTokenCommand, RegisterClientCommand, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeAws } from '../../fake-aws/server.mjs';
import { clientsFor, failure, identityCenterClients, start } from './helpers.ts';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const START_URL = 'https://d-9067example.awsapps.com/start';
let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setUp(scenario = 'idc-device-flow', scopes: string[] | null = ['sso:account:access']) {
  const s = await start(scenario);
  fake = s.fake;
  const { oidc, sso } = identityCenterClients(s.fake);
  const client = await oidc.send(new RegisterClientCommand({ clientName: 'why-denied', clientType: 'public', ...(scopes ? { scopes } : {}) }));
  const auth = () => oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: START_URL }));
  const poll = (deviceCode: string | undefined) =>
    oidc.send(new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: DEVICE_GRANT, deviceCode }));
  const decide = (userCode: string | undefined, decision: 'approve' | 'deny') =>
    fetch(`${s.fake.url}/device`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ user_code: userCode ?? '', decision }) });
  return { ...s, oidc, sso, client, auth, poll, decide };
}

describe('SSO OIDC device authorization', () => {
  it('registers public clients only', async () => {
    const { oidc, client } = await setUp();
    expect(client.clientId).toBeTruthy();
    expect(client.clientSecret).toBeTruthy();
    expect((client.clientSecretExpiresAt ?? 0) - (client.clientIdIssuedAt ?? 0)).toBe(90 * 24 * 3600);
    const error = await failure(oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'confidential' })));
    expect(error.name).toBe('InvalidClientMetadataException');
    expect(error.error).toBe('invalid_client_metadata');
  });

  it('checks the client and the start URL', async () => {
    const { oidc, client } = await setUp();
    const badSecret = await failure(oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: 'nope', startUrl: START_URL })));
    expect(badSecret.name).toBe('InvalidClientException');
    expect(badSecret.$metadata?.httpStatusCode).toBe(401);
    expect(badSecret.error).toBe('invalid_client');
    const badUrl = await failure(oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: 'https://other.awsapps.com/start' })));
    expect(badUrl.name).toBe('InvalidRequestException');
  });

  it('runs the whole flow: pending, slow_down, approve on the page, tokens, one use only', async () => {
    const { fake: f, auth, poll } = await setUp();
    const device = await auth();
    expect(device.verificationUriComplete).toBe(`${f.url}/device?user_code=${device.userCode}`);
    expect(device.userCode).toMatch(/^[B-DF-HJ-NP-TV-XZ]{4}-[B-DF-HJ-NP-TV-XZ]{4}$/);
    expect(device.interval).toBe(1);
    expect(device.expiresIn).toBe(600);

    const pending = await failure(poll(device.deviceCode));
    expect(pending.name).toBe('AuthorizationPendingException');
    expect(pending.error).toBe('authorization_pending');
    expect(pending.$metadata?.httpStatusCode).toBe(400);
    const slow = await failure(poll(device.deviceCode));
    expect(slow.name).toBe('SlowDownException');
    expect(slow.error).toBe('slow_down');

    const page = await fetch(device.verificationUriComplete ?? '');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<code id="user-code">${device.userCode}</code>`);
    expect(html).toContain('id="approve"');
    expect(html).toContain('id="deny"');
    expect(html).toContain('why-denied');

    const approved = await fetch(`${f.url}/device`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user_code: device.userCode, decision: 'approve' }) });
    expect(await approved.text()).toContain('Request approved');

    const tokens = await poll(device.deviceCode);
    expect(tokens.tokenType).toBe('Bearer');
    expect(tokens.expiresIn).toBe(3600);
    expect(tokens.accessToken).toBeTruthy();
    expect(tokens.refreshToken).toBeTruthy();
    expect((await failure(poll(device.deviceCode))).name).toBe('InvalidGrantException');
  });

  it('lets a poll through again once the interval has passed', async () => {
    const { auth, poll } = await setUp();
    const device = await auth();
    expect((await failure(poll(device.deviceCode))).name).toBe('AuthorizationPendingException');
    await new Promise((resolve) => setTimeout(resolve, 1050));
    expect((await failure(poll(device.deviceCode))).name).toBe('AuthorizationPendingException');
  });

  it('answers access_denied after Deny, and expired_token after the code expires', async () => {
    const { fake: f, auth, poll, decide } = await setUp();
    const denied = await auth();
    expect(await (await decide(denied.userCode, 'deny')).text()).toContain('Request denied');
    const error = await failure(poll(denied.deviceCode));
    expect(error.name).toBe('AccessDeniedException');
    expect(error.error).toBe('access_denied');

    const late = await auth();
    f.expireTokens();
    const expired = await failure(poll(late.deviceCode));
    expect(expired.name).toBe('ExpiredTokenException');
    expect(expired.error).toBe('expired_token');
    expect((await fetch(late.verificationUriComplete ?? '')).status).toBe(410);
    expect((await fetch(`${f.url}/device?user_code=ZZZZ-ZZZZ`)).status).toBe(404);
  });

  it('refreshes with the refresh_token grant, and rejects unknown grants', async () => {
    const { oidc, client, auth, poll, decide } = await setUp();
    const device = await auth();
    await decide(device.userCode, 'approve');
    const tokens = await poll(device.deviceCode);
    const refreshed = await oidc.send(new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'refresh_token', refreshToken: tokens.refreshToken }));
    expect(refreshed.accessToken).toBeTruthy();
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    const bad = await failure(oidc.send(new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'refresh_token', refreshToken: 'nope' })));
    expect(bad.name).toBe('InvalidGrantException');
    const unsupported = await failure(oidc.send(new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'password' })));
    expect(unsupported.name).toBe('UnsupportedGrantTypeException');
  });

  it('issues no refresh token when the session is not refreshable, or the client has no scopes', async () => {
    const short = await setUp('idc-short-session');
    const device = await short.auth();
    await short.decide(device.userCode, 'approve');
    const tokens = await short.poll(device.deviceCode);
    expect(tokens.expiresIn).toBe(300);
    expect(tokens.refreshToken).toBeUndefined();
    await short.fake.close();

    const noScopes = await setUp('idc-device-flow', null);
    const d2 = await noScopes.auth();
    await noScopes.decide(d2.userCode, 'approve');
    expect((await noScopes.poll(d2.deviceCode)).refreshToken).toBeUndefined();
  });
});

describe('SSO portal', () => {
  async function signedIn(scenario = 'idc-device-flow') {
    const s = await setUp(scenario);
    const device = await s.auth();
    await s.decide(device.userCode, 'approve');
    const { accessToken } = await s.poll(device.deviceCode);
    return { ...s, accessToken };
  }

  it('lists accounts and roles with paging', async () => {
    const { sso, accessToken } = await signedIn();
    const accounts = await sso.send(new ListAccountsCommand({ accessToken }));
    expect(accounts.accountList).toEqual([{ accountId: '111111111111', accountName: 'finance-prod', emailAddress: 'finance-prod@example.com' }]);
    const page1 = await sso.send(new ListAccountRolesCommand({ accessToken, accountId: '111111111111', maxResults: 1 }));
    expect(page1.roleList).toEqual([{ roleName: 'Diagnostics', accountId: '111111111111' }]);
    expect(page1.nextToken).toBeTruthy();
    const page2 = await sso.send(new ListAccountRolesCommand({ accessToken, accountId: '111111111111', maxResults: 1, nextToken: page1.nextToken }));
    expect(page2.roleList).toEqual([{ roleName: 'BillingAnalyst', accountId: '111111111111' }]);
    expect(page2.nextToken).toBeUndefined();
  });

  it('returns the scenario credentials of an assignment, which then sign real calls', async () => {
    const { sso, accessToken, fake: f } = await signedIn();
    const { roleCredentials } = await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: '111111111111', roleName: 'Diagnostics' }));
    const expected = f.scenario.credentials[0]!;
    expect(roleCredentials).toMatchObject({ accessKeyId: expected.accessKeyId, secretAccessKey: expected.secretAccessKey, sessionToken: expected.sessionToken });
    expect(Math.abs((roleCredentials?.expiration ?? 0) - (Date.now() + 3600_000))).toBeLessThan(5000);
    const { sts } = clientsFor(f, { ...expected, accessKeyId: roleCredentials?.accessKeyId ?? '', secretAccessKey: roleCredentials?.secretAccessKey ?? '', sessionToken: roleCredentials?.sessionToken ?? null });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toContain('AWSReservedSSO_Diagnostics_fedcba9876543210/hana@example.com');
    const forbidden = await failure(sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: '222222222222', roleName: 'Diagnostics' })));
    expect(forbidden.name).toBe('ForbiddenException');
    expect(forbidden.$metadata?.httpStatusCode).toBe(403);
  });

  it('rejects unknown and expired tokens with UnauthorizedException, and logs out', async () => {
    const { sso, accessToken, fake: f, oidc, client } = await signedIn();
    const unknown = await failure(sso.send(new ListAccountsCommand({ accessToken: 'nope' })));
    expect(unknown.name).toBe('UnauthorizedException');
    expect(unknown.$metadata?.httpStatusCode).toBe(401);
    expect(unknown.message).toBe('Session token not found or invalid');
    f.expireTokens();
    expect((await failure(sso.send(new ListAccountsCommand({ accessToken })))).name).toBe('UnauthorizedException');

    const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: START_URL }));
    await fetch(`${f.url}/device`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `user_code=${device.userCode}&decision=approve` });
    const fresh = await oidc.send(new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: DEVICE_GRANT, deviceCode: device.deviceCode }));
    await sso.send(new LogoutCommand({ accessToken: fresh.accessToken }));
    expect((await failure(sso.send(new ListAccountsCommand({ accessToken: fresh.accessToken })))).name).toBe('UnauthorizedException');
  });

  it('expires tokens after tokenTtlSeconds', async () => {
    const s = await setUp('idc-device-flow');
    const device = await s.auth();
    await s.decide(device.userCode, 'approve');
    const { accessToken } = await s.poll(device.deviceCode);
    const realNow = Date.now;
    try {
      Date.now = () => realNow() + 3601_000;
      expect((await failure(s.sso.send(new ListAccountsCommand({ accessToken })))).name).toBe('UnauthorizedException');
    } finally {
      Date.now = realNow;
    }
    expect((await s.sso.send(new ListAccountsCommand({ accessToken }))).accountList).toHaveLength(1);
  });
});
