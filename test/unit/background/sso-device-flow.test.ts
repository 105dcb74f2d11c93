// The Identity Center device flow against the fake's OIDC and portal endpoints, with the real SDK clients.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeAws, type FakeAws } from './fake-aws.ts';
import { ACCOUNT, decide, identityCenterScenario, SSO_ROLES, ssoInput, START_URL, saved } from './fixtures.ts';

vi.mock('../../../src/shared/compat.ts', async () => ({ browser: (await import('./browser-double.ts')).browserDouble }));
vi.mock('../../../src/background/storage/kept-area.ts', async () => ({ keptArea: (await import('./browser-double.ts')).browserDouble.kept }));

const { browserDouble, resetBrowserDouble } = await import('./browser-double.ts');
const { oidcClient } = await import('../../../src/background/sso/clients.ts');
const oidc = await import('../../../src/background/sso/oidc.ts');
const signIn = await import('../../../src/background/sso/sign-in.ts');
const session = await import('../../../src/background/sso/session.ts');
const { chooseRole } = await import('../../../src/background/sso/role-choice.ts');
const { probeSimulate } = await import('../../../src/background/sso/role-probe.ts');
const { profileHandlers } = await import('../../../src/background/profiles/handlers.ts');
const { getProfile } = await import('../../../src/background/profiles/store.ts');
const { targetFor } = await import('../../../src/background/profiles/access.ts');
const { remove } = await import('../../../src/background/storage/areas.ts');
const { SSO_SESSION_KEYS } = await import('../../../src/background/sso/model.ts');

let fake: FakeAws;
beforeAll(async () => {
  fake = await startFakeAws(identityCenterScenario());
});
afterAll(() => fake.close());
beforeEach(async () => {
  await fake.setScenario(identityCenterScenario());
  await fake.clearCalls();
  await resetBrowserDouble();
});

const endpoint = () => ({ ssoRegion: 'us-east-1', endpoint: fake.url });
const extensionPage = { kind: 'extension-page' as const, tabId: null, frameId: 0 };

async function registered() {
  const client = oidcClient(endpoint());
  const registration = await oidc.registerClient(client, 'us-east-1', START_URL, Date.now());
  return { client, registration };
}

describe('one CreateToken poll (pollOnce)', () => {
  it('says pending while the code waits, and backs off by 5 s on slow_down', async () => {
    const { client, registration } = await registered();
    const now = Date.now();
    const pending = await oidc.startDeviceAuthorization(client, registration, now);
    expect(pending).toMatchObject({ intervalMs: 1000, verificationUriComplete: `${fake.url}/device?user_code=${pending.userCode}` });
    expect(pending.expiresAt).toBe(now + 600_000);

    const first = await oidc.pollOnce(client, registration, pending, now);
    expect(first).toEqual({ kind: 'pending', next: { ...pending, nextPollAt: now + 1000 } });
    // Polling again at once is too fast for the server: it answers slow_down.
    const second = await oidc.pollOnce(client, registration, pending, now);
    expect(second).toEqual({ kind: 'pending', next: { ...pending, intervalMs: 6000, nextPollAt: now + 6000 } });
    expect((await fake.calls('CreateToken')).map((c) => c.errorCode)).toEqual(['AuthorizationPendingException', 'SlowDownException']);
  });

  it('returns the token (with a refresh token) once the user approves', async () => {
    const { client, registration } = await registered();
    const pending = await oidc.startDeviceAuthorization(client, registration, Date.now());
    await decide(fake.url, pending.userCode, 'approve');
    const now = Date.now();
    const outcome = await oidc.pollOnce(client, registration, pending, now);
    expect(outcome.kind).toBe('token');
    if (outcome.kind !== 'token') return;
    expect(outcome.token.accessToken).toMatch(/^aoa/);
    expect(outcome.token.refreshToken).toMatch(/^aor/);
    expect(outcome.token.expiresAt).toBe(now + 3600_000);

    const renewed = await oidc.refreshSsoToken(client, registration, outcome.token, now + 1000);
    expect(renewed.ok && renewed.token.accessToken).not.toBe(outcome.token.accessToken);
  });

  it('fails as "denied" when the user denies the request', async () => {
    const { client, registration } = await registered();
    const pending = await oidc.startDeviceAuthorization(client, registration, Date.now());
    await decide(fake.url, pending.userCode, 'deny');
    expect(await oidc.pollOnce(client, registration, pending, Date.now())).toMatchObject({ kind: 'failed', reason: 'denied' });
  });

  it('fails as "expired" when the server says so, and without a call once expiresIn has passed', async () => {
    const { client, registration } = await registered();
    const pending = await oidc.startDeviceAuthorization(client, registration, Date.now());
    await fake.expireTokens();
    const expired = await oidc.pollOnce(client, registration, pending, Date.now());
    expect(expired).toMatchObject({ kind: 'failed', reason: 'expired' });
    if (expired.kind === 'failed') expect(expired.message).toContain(pending.userCode);

    const calls = (await fake.calls('CreateToken')).length;
    expect(await oidc.pollOnce(client, registration, pending, pending.expiresAt)).toMatchObject({ kind: 'failed', reason: 'expired' });
    expect((await fake.calls('CreateToken'))).toHaveLength(calls);
  });

  it('keeps waiting through a 5xx, and says "client-rejected" for a registration the server does not know', async () => {
    const { client, registration } = await registered();
    const now = Date.now();
    const pending = await oidc.startDeviceAuthorization(client, registration, now);
    await fake.inject({ service: 'sso-oidc', action: 'CreateToken', kind: '5xx', status: 503, times: 1 });
    expect(await oidc.pollOnce(client, registration, pending, now)).toMatchObject({ kind: 'pending' });
    expect(await oidc.pollOnce(client, { ...registration, clientSecret: 'forged' }, pending, now)).toMatchObject({ kind: 'failed', reason: 'client-rejected' });
  });

  it('gets no refresh token where the session is not refreshable', async () => {
    await fake.setScenario(identityCenterScenario({ refreshable: false }));
    const { client, registration } = await registered();
    const pending = await oidc.startDeviceAuthorization(client, registration, Date.now());
    await decide(fake.url, pending.userCode, 'approve');
    const outcome = await oidc.pollOnce(client, registration, pending, Date.now());
    expect(outcome.kind === 'token' && outcome.token.refreshToken).toBeNull();
  });
});

async function savedSsoProfile() {
  const { profile } = saved(await profileHandlers['profiles/save'](ssoInput(fake.url), extensionPage));
  return profile.id;
}

/** A clock that really waits, but never longer than a test can afford. */
const testClock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 1500))) };

describe('sign-in (startSignIn, the polling loop, status, sign-out)', () => {
  it('opens the verification page with the code, polls at the interval without slow_down, then lists the roles', async () => {
    const id = await savedSsoProfile();
    const started = await signIn.startSignIn(id, testClock);
    expect(started.started).toBe(true);
    const status = await signIn.ssoStatus(id, testClock);
    expect(status).toMatchObject({ state: 'pending', verificationUri: `${fake.url}/device` });
    expect(started.message).toContain(status.userCode);
    expect(browserDouble.tabs.created).toEqual([{ url: `${fake.url}/device?user_code=${status.userCode}` }]);

    await new Promise((r) => setTimeout(r, 1200));
    await decide(fake.url, status.userCode ?? '', 'approve');
    await signIn.ensurePolling(id, testClock);

    expect((await fake.calls('CreateToken')).some((c) => c.errorCode === 'SlowDownException')).toBe(false);
    const after = await signIn.ssoStatus(id, testClock);
    expect(after).toMatchObject({ state: 'signed-in', userCode: null, renewable: true, message: 'Signed in: 1 account, 2 roles.', problem: null });
    expect(after.sessionExpiresAt).toBeGreaterThan(Date.now() + 3500_000);
    expect(after.accounts).toEqual([{ accountId: ACCOUNT, accountName: `account-${ACCOUNT}`, roles: ['BillingReader', 'Diagnoser'], preferredRole: null }]);
    // The token is in the session area only.
    const token = (await session.readToken(id))?.accessToken ?? 'missing';
    expect(browserDouble.storage.session.dump()).toContain(token);
    expect(browserDouble.kept.dump()).not.toContain(token);
  }, 15_000);

  it('reuses the cached client registration for the next sign-in', async () => {
    const id = await savedSsoProfile();
    await signIn.startSignIn(id, testClock);
    await signIn.signOut(id);
    await signIn.startSignIn(id, testClock);
    expect((await fake.calls('RegisterClient'))).toHaveLength(2); // sign-out forgets the registration
    await browserDouble.storage.session.remove(`sso-pending:${id}`);
    await signIn.startSignIn(id, testClock);
    expect((await fake.calls('RegisterClient'))).toHaveLength(2);
    expect((await fake.calls('StartDeviceAuthorization'))).toHaveLength(3);
  });

  it('registers again when Identity Center no longer knows the cached client', async () => {
    const id = await savedSsoProfile();
    await signIn.startSignIn(id, testClock);
    await browserDouble.storage.session.remove(`sso-pending:${id}`);
    await fake.setScenario(identityCenterScenario()); // a new Identity Center: the cached registration is unknown to it
    await fake.clearCalls();
    const again = await signIn.startSignIn(id, testClock);
    expect(again.started, again.message).toBe(true);
    expect((await fake.calls('StartDeviceAuthorization')).map((c) => c.errorCode)).toEqual(['InvalidClientException', null]);
    expect(await fake.calls('RegisterClient')).toHaveLength(1);
  });

  it('ends with "denied" and "expired" messages, and the status says signed-out', async () => {
    const id = await savedSsoProfile();
    await signIn.startSignIn(id, testClock);
    const { userCode } = await signIn.ssoStatus(id, testClock);
    await decide(fake.url, userCode ?? '', 'deny');
    await signIn.ensurePolling(id, testClock);
    expect(await signIn.ssoStatus(id, testClock)).toMatchObject({ state: 'signed-out', message: null, problem: expect.stringContaining('denied') });

    await signIn.startSignIn(id, testClock);
    await fake.expireTokens();
    await signIn.ensurePolling(id, testClock);
    expect(await signIn.ssoStatus(id, testClock)).toMatchObject({ state: 'signed-out', message: null, problem: expect.stringContaining('expired before it was approved') });
  }, 15_000);

  it('a sign-in whose client registration vanished while it waited says it was interrupted, as a problem', async () => {
    const id = await savedSsoProfile();
    await signIn.startSignIn(id, testClock);
    await remove('session', SSO_SESSION_KEYS.registration(id));
    await signIn.ensurePolling(id, testClock);
    expect(await signIn.ssoStatus(id, testClock)).toMatchObject({ state: 'signed-out', message: null, problem: 'The sign-in was interrupted. Sign in again.' });
    // A new sign-in starts clean.
    await signIn.startSignIn(id, testClock);
    expect(await signIn.ssoStatus(id, testClock)).toMatchObject({ state: 'pending', message: null, problem: null });
  }, 15_000);

  it('survives a worker restart: fresh modules resume polling from storage.session', async () => {
    const id = await savedSsoProfile();
    const frozen = { now: () => Date.now(), sleep: () => new Promise<void>(() => undefined) }; // this worker never wakes up again
    await signIn.startSignIn(id, frozen);
    const { userCode } = await signIn.ssoStatus(id, frozen);
    await decide(fake.url, userCode ?? '', 'approve');

    vi.resetModules();
    const restarted = await import('../../../src/background/sso/sign-in.ts');
    expect(restarted).not.toBe(signIn);
    await restarted.resumeSignIns(testClock);
    await restarted.ensurePolling(id, testClock);
    expect(await restarted.ssoStatus(id, testClock)).toMatchObject({ state: 'signed-in' });
  }, 15_000);

  it('sign-out forgets the token, role credentials, probes and registration, and ends the portal session', async () => {
    const id = await savedSsoProfile();
    await signIn.startSignIn(id, testClock);
    await decide(fake.url, (await signIn.ssoStatus(id, testClock)).userCode ?? '', 'approve');
    await signIn.ensurePolling(id, testClock);
    const profile = await getProfile(id);
    if (profile?.kind !== 'identity-center') throw new Error('no profile');
    expect(await session.roleCredentials(profile, ACCOUNT, 'Diagnoser')).toMatchObject({ ok: true });

    await signIn.signOut(id);
    expect((await fake.calls('Logout'))).toHaveLength(1);
    expect(browserDouble.storage.session.keys().filter((k) => k.includes(id))).toEqual([]);
    expect(browserDouble.storage.local.keys().filter((k) => k.startsWith('sso-registration:'))).toEqual([]);
    expect(await signIn.ssoStatus(id, testClock)).toMatchObject({ state: 'signed-out', accounts: [] });
  }, 15_000);

  it("the panel's Sign in again: one tab per pending code, and nothing while signed in", async () => {
    const id = await savedSsoProfile();
    const panel = { kind: 'panel-frame' as const, tabId: 4, frameId: 3 };
    expect(await profileHandlers['sso/sign-in']({ profileId: id }, panel)).toMatchObject({ started: true });
    expect(await profileHandlers['sso/sign-in']({ profileId: id }, panel)).toMatchObject({ started: true, message: expect.stringContaining('waiting for approval') });
    expect(browserDouble.tabs.created).toHaveLength(1);
    await decide(fake.url, (await signIn.ssoStatus(id, testClock)).userCode ?? '', 'approve');
    await signIn.ensurePolling(id);
    expect(await profileHandlers['sso/sign-in']({ profileId: id }, panel)).toEqual({ started: false, message: '"Org SSO" is already signed in.' });
    expect(browserDouble.tabs.created).toHaveLength(1);
  }, 15_000);

  it('without an endpoint override, needs the host permission before it starts', async () => {
    const { profile } = saved(await profileHandlers['profiles/save'](ssoInput(''), extensionPage));
    const refused = await signIn.startSignIn(profile.id, testClock);
    expect(refused).toMatchObject({ started: false, message: expect.stringContaining('https://*.amazonaws.com/*') });
    expect(browserDouble.tabs.created).toEqual([]);
  });
});

describe('the session: refresh, role credentials, role choice', () => {
  async function signedIn(scenario = identityCenterScenario()) {
    await fake.setScenario(scenario);
    const id = await savedSsoProfile();
    await signIn.startSignIn(id, testClock);
    await decide(fake.url, (await signIn.ssoStatus(id, testClock)).userCode ?? '', 'approve');
    await signIn.ensurePolling(id, testClock);
    const profile = await getProfile(id);
    if (profile?.kind !== 'identity-center') throw new Error('no profile');
    return profile;
  }

  it('renews a token close to expiry with the refresh token', async () => {
    const profile = await signedIn();
    const token = await session.readToken(profile.id);
    if (!token) throw new Error('no token');
    await session.writeToken(profile.id, { ...token, expiresAt: Date.now() + 120_000 });
    const access = await session.accessToken(profile);
    expect(access.ok && access.value.accessToken).not.toBe(token.accessToken);
    expect(access.ok && access.value.expiresAt).toBeGreaterThan(Date.now() + 3500_000);
  }, 15_000);

  it('"Signed in: …" goes with the session it reports', async () => {
    const { id } = await signedIn();
    expect(await signIn.ssoStatus(id, testClock)).toMatchObject({ state: 'signed-in', message: expect.stringMatching(/^Signed in: /) });
    await remove('session', SSO_SESSION_KEYS.token(id));
    expect(await signIn.ssoStatus(id, testClock)).toMatchObject({ state: 'signed-out', message: null });
  }, 15_000);

  it('asks for a new sign-in when an unrenewable token is about to expire', async () => {
    const profile = await signedIn(identityCenterScenario({ refreshable: false }));
    const token = await session.readToken(profile.id);
    if (!token) throw new Error('no token');
    expect(token.refreshToken).toBeNull();
    await session.writeToken(profile.id, { ...token, expiresAt: Date.now() + 30_000 });
    expect(await session.accessToken(profile)).toMatchObject({ ok: false, state: 'sign-in-required' });
    expect(await session.readToken(profile.id)).toBeNull();
  }, 15_000);

  it('caches role credentials until they are close to expiry', async () => {
    const profile = await signedIn();
    const first = await session.roleCredentials(profile, ACCOUNT, 'Diagnoser');
    const second = await session.roleCredentials(profile, ACCOUNT, 'Diagnoser');
    expect(first).toEqual(second);
    expect(first.ok && first.value.accessKeyId).toBe(SSO_ROLES.diagnoser.accessKeyId);
    expect((await fake.calls('GetRoleCredentials'))).toHaveLength(1);
  }, 15_000);

  const deps = (profile: Awaited<ReturnType<typeof signedIn>>) => ({
    probe: probeSimulate,
    target: (c: { accessKeyId: string; secretAccessKey: string; sessionToken: string }, name: string) => targetFor(profile, c, name),
    now: Date.now,
  });

  it('picks the first role the probe says may simulate, and caches the probe', async () => {
    const profile = await signedIn();
    const choice = await chooseRole(profile, ACCOUNT, deps(profile));
    expect(choice).toMatchObject({ ok: true, roleName: 'Diagnoser', why: 'probe' });
    const simulations = (await fake.calls('SimulatePrincipalPolicy')).length;
    expect((await fake.calls('SimulatePrincipalPolicy')).map((c) => c.errorCode)).toEqual(['AccessDenied', null]);
    await chooseRole(profile, ACCOUNT, deps(profile));
    expect((await fake.calls('SimulatePrincipalPolicy'))).toHaveLength(simulations);
  }, 15_000);

  it('uses the preferred role without probing', async () => {
    const profile = await signedIn();
    await signIn.preferRole(profile.id, ACCOUNT, 'BillingReader');
    const preferred = await getProfile(profile.id);
    if (preferred?.kind !== 'identity-center') throw new Error('no profile');
    expect(await chooseRole(preferred, ACCOUNT, deps(preferred))).toMatchObject({ ok: true, roleName: 'BillingReader', why: 'preferred' });
    expect((await fake.calls('SimulatePrincipalPolicy'))).toHaveLength(0);
    await expect(signIn.preferRole(profile.id, ACCOUNT, 'NotMine')).rejects.toThrow(/not assigned/);
  }, 15_000);

  it('uses the organization\'s diagnostic role (managed diagnosticRole) without probing, after a preferred role', async () => {
    const profile = await signedIn();
    const organization = { ...deps(profile), diagnosticRole: 'BillingReader' };
    expect(await chooseRole(profile, ACCOUNT, organization)).toMatchObject({ ok: true, roleName: 'BillingReader', why: 'organization' });
    expect((await fake.calls('SimulatePrincipalPolicy'))).toHaveLength(0);
    // A role the account does not have falls back to the probe.
    expect(await chooseRole(profile, ACCOUNT, { ...deps(profile), diagnosticRole: 'WhyDeniedDiagnostics' })).toMatchObject({ ok: true, roleName: 'Diagnoser', why: 'probe' });
    await signIn.preferRole(profile.id, ACCOUNT, 'Diagnoser');
    const preferred = await getProfile(profile.id);
    if (preferred?.kind !== 'identity-center') throw new Error('no profile');
    expect(await chooseRole(preferred, ACCOUNT, { ...deps(preferred), diagnosticRole: 'BillingReader' })).toMatchObject({ roleName: 'Diagnoser', why: 'preferred' });
  }, 15_000);

  it('says so when no role may simulate', async () => {
    const scenario = identityCenterScenario({ diagnoserCanSimulate: false });
    const profile = await signedIn(scenario);
    const choice = await chooseRole(profile, ACCOUNT, deps(profile));
    expect(choice).toMatchObject({ ok: false, state: 'none-can-simulate' });
    if (!choice.ok) expect(choice.message).toMatch(/None of your Identity Center roles in account 111111111111 may call iam:SimulatePrincipalPolicy/);
  }, 15_000);
});
