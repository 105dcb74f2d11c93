// "Test" for every kind of profile against the fake AWS: keys, a role with an external ID, a role behind MFA,
// and Identity Center; and that the role credentials it leaves behind serve the panel's diagnoses.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeAws, type FakeAws } from './fake-aws.ts';
import { ACCOUNT, decide, identityCenterScenario, KEYS, keysInput, OTHER_ACCOUNT, ssoInput, saved } from './fixtures.ts';

vi.mock('../../../src/shared/compat.ts', async () => ({ browser: (await import('./browser-double.ts')).browserDouble }));
vi.mock('../../../src/background/storage/kept-area.ts', async () => ({ keptArea: (await import('./browser-double.ts')).browserDouble.kept }));

const { browserDouble, resetBrowserDouble } = await import('./browser-double.ts');
const { profileHandlers } = await import('../../../src/background/profiles/handlers.ts');
const signIn = await import('../../../src/background/sso/sign-in.ts');

const page = { kind: 'extension-page' as const, tabId: null, frameId: 0 };
const MFA = { serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/diagnoser`, tokenCode: '123456' };
const MFA_ROLE = `arn:aws:iam::${OTHER_ACCOUNT}:role/BillingAuditor`;
const EXTERNAL_ROLE = `arn:aws:iam::${OTHER_ACCOUNT}:role/PartnerReadOnly`;

function scenario() {
  const s = identityCenterScenario();
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ce:*', Resource: '*' }] };
  s.roles.push({ arn: MFA_ROLE, inlinePolicies: { Billing: policy } }, { arn: EXTERNAL_ROLE, inlinePolicies: { Billing: policy } });
  return {
    ...s,
    roles: s.roles.map((r) => (r.arn === MFA_ROLE ? { ...r, requireMfa: true } : r.arn === EXTERNAL_ROLE ? { ...r, externalId: 'partner-42' } : r)),
    credentials: s.credentials.map((c) => (c.accessKeyId === KEYS.user.accessKeyId ? { ...c, mfa: MFA } : c)),
  };
}

let fake: FakeAws;
beforeAll(async () => {
  fake = await startFakeAws(scenario());
});
afterAll(() => fake.close());
beforeEach(async () => {
  await fake.setScenario(scenario());
  await resetBrowserDouble();
});

const save = async (overrides: Parameters<typeof keysInput>[1]) => saved(await profileHandlers['profiles/save'](keysInput(fake.url, overrides), page)).profile;
const test = (profileId: string, mfaCode: string | null = null) => profileHandlers['profiles/test']({ profileId, mfaCode }, page);
const summaries = (accountId: string) => profileHandlers['profiles/summaries']({ accountId }, { kind: 'content', tabId: 1, frameId: 0 });

describe('profiles/test', () => {
  it('shows the account and ARN of long-term keys, and remembers the account', async () => {
    const profile = await save({});
    const result = await test(profile.id);
    expect(result).toMatchObject({ ok: true, via: null, identity: { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/diagnoser` } });
    expect((await summaries(ACCOUNT)).profiles[0]).toMatchObject({ accountId: ACCOUNT, state: 'ready' });
  });

  it('says precisely what is wrong with bad keys', async () => {
    const profile = await save({ secretAccessKey: 'wrong-secret-wrong-secret-wrong-secret00' });
    const result = await test(profile.id);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/AWS rejected the credentials of profile "Diagnoser keys" \(SignatureDoesNotMatch\)/);
  });

  it('assumes a role with its external ID, and the identity is the role session', async () => {
    const profile = await save({ role: { roleArn: EXTERNAL_ROLE, externalId: 'partner-42', mfaSerial: null } });
    expect((await summaries(OTHER_ACCOUNT)).preferredId).toBe(profile.id); // the role ARN names the account
    const result = await test(profile.id);
    expect(result).toMatchObject({ ok: true, via: EXTERNAL_ROLE, identity: { accountId: OTHER_ACCOUNT, arn: `arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/PartnerReadOnly/why-denied` } });

    const wrong = await save({ name: 'Wrong external ID', role: { roleArn: EXTERNAL_ROLE, externalId: 'partner-43', mfaSerial: null } });
    expect(await test(wrong.id)).toMatchObject({ ok: false, message: expect.stringContaining('sts:AssumeRole') });
  });

  it('asks for the MFA code of a role behind MFA, then the cached role credentials serve the panel', async () => {
    const profile = await save({ role: { roleArn: MFA_ROLE, externalId: null, mfaSerial: MFA.serialNumber } });
    expect((await summaries(OTHER_ACCOUNT)).profiles[0]?.state).toBe('sign-in-required');
    expect(await test(profile.id)).toMatchObject({ ok: false, message: expect.stringContaining('needs an MFA code') });
    expect(await test(profile.id, '12345')).toMatchObject({ ok: false, message: 'The MFA code is the 6 digits your device shows now.' });
    expect(await test(profile.id, '654321')).toMatchObject({ ok: false });
    const result = await test(profile.id, MFA.tokenCode);
    expect(result).toMatchObject({ ok: true, identity: { accountId: OTHER_ACCOUNT } });

    const { profiles } = await summaries(OTHER_ACCOUNT);
    expect(profiles[0]).toMatchObject({ state: 'ready', accountId: OTHER_ACCOUNT });
    expect(profiles[0]?.expiresAt).toBeGreaterThan(Date.now() + 50 * 60_000);
    // The assumed-role credentials are session-only.
    const session = await browserDouble.storage.session.get(`assumed-role:${profile.id}`);
    const token = (session[`assumed-role:${profile.id}`] as { sessionToken: string }).sessionToken;
    expect(browserDouble.kept.dump()).not.toContain(token);
  });

  it('tests an Identity Center profile with its preferred role, after sign-in', async () => {
    const { profile } = saved(await profileHandlers['profiles/save'](ssoInput(fake.url), page));
    expect(await test(profile.id)).toMatchObject({ ok: false, message: expect.stringContaining('Sign in to Identity Center') });
    const clock = { now: Date.now, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 1500))) };
    await signIn.startSignIn(profile.id, clock);
    await decide(fake.url, (await signIn.ssoStatus(profile.id, clock)).userCode ?? '', 'approve');
    await signIn.ensurePolling(profile.id, clock);
    await signIn.preferRole(profile.id, ACCOUNT, 'Diagnoser');
    const result = await test(profile.id);
    expect(result).toMatchObject({ ok: true, via: `Diagnoser in ${ACCOUNT}`, identity: { accountId: ACCOUNT } });
    expect(result.identity?.arn).toMatch(/assumed-role\/AWSReservedSSO_Diagnoser_/);
  }, 15_000);

  it('refuses to save a long-term key while the vault is locked, and saves nothing', async () => {
    await save({});
    await profileHandlers['vault/set-passphrase']({ passphrase: 'long enough passphrase', currentPassphrase: null }, page);
    await profileHandlers['vault/lock']({}, page);
    await expect(save({ name: 'Second' })).rejects.toThrow(/vault is locked/);
    expect((await profileHandlers['profiles/list']({}, page)).profiles.map((p) => p.name)).toEqual(['Diagnoser keys']);
  });
});
