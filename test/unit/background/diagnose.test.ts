// The 'diagnosis/run' handler end to end: the real engine against the fake AWS, the browser double for storage
// and tabs. Covers profile choice, credentials states, the cache, progress pushes and in-flight recovery.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Denial } from '../../../src/core/denial.ts';
import type { DiagnosisPush } from '../../../src/shared/protocol.ts';
import { startFakeAws, type FakeAws } from './fake-aws.ts';
import { ACCOUNT, decide, identityCenterScenario, keysInput, OTHER_ACCOUNT, ssoInput, saved } from './fixtures.ts';

vi.mock('../../../src/shared/compat.ts', async () => ({ browser: (await import('./browser-double.ts')).browserDouble }));
vi.mock('../../../src/background/storage/kept-area.ts', async () => ({ keptArea: (await import('./browser-double.ts')).browserDouble.kept }));

const { browserDouble, framePort, resetBrowserDouble } = await import('./browser-double.ts');
const { acceptProgressPort, diagnosisHandlers } = await import('../../../src/background/diagnose.ts');
const { profileHandlers } = await import('../../../src/background/profiles/handlers.ts');
const { reportDenials, findRecord } = await import('../../../src/background/denial-store.ts');
const signIn = await import('../../../src/background/sso/sign-in.ts');

const DIAGNOSER = { accessKeyId: 'AKIAFAKEDIAGNOSER001', secretAccessKey: 'fakeDiagnoserSecret/0001+abcdefghijklmnopqrstu' };
const TAB = 7;

const denial: Denial = {
  principalArn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  principalType: 'user',
  accountId: ACCOUNT,
  action: 'ce:GetCostAndUsage',
  resource: `arn:aws:ce:us-east-1:${ACCOUNT}:/GetCostAndUsage`,
  policyType: 'identity',
  denyKind: 'explicit',
  policyArn: null,
  authorizationId: null,
  cause: null,
  meta: {
    form: 'api-sentence',
    partial: false,
    message: `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: ce:GetCostAndUsage on resource: arn:aws:ce:us-east-1:${ACCOUNT}:/GetCostAndUsage with an explicit deny in an identity-based policy`,
    reason: null,
    troubleshooterUrl: null,
    encodedMessage: null,
    hintAction: null,
    errorCode: null,
    principalSource: 'message',
  },
};

const page = { kind: 'extension-page' as const, tabId: null, frameId: 0 };
const panel = (tabId = TAB, frameId = 3) => ({ kind: 'panel-frame' as const, tabId, frameId });

let fake: FakeAws;
beforeAll(async () => {
  fake = await startFakeAws('identity-user-inline-deny');
});
afterAll(() => fake.close());
beforeEach(async () => {
  await fake.setScenario('identity-user-inline-deny');
  await fake.clearCalls();
  await resetBrowserDouble();
});

async function record(tabId = TAB, d: Denial = denial): Promise<string> {
  const [reported] = await reportDenials(tabId, 0, 'https://us-east-1.console.aws.amazon.com/costmanagement/home', [{ watchId: 'w1', denial: d }], true);
  if (!reported) throw new Error('no record');
  return reported.recordId;
}

async function keysProfile(overrides = {}): Promise<string> {
  const { profile } = saved(await profileHandlers['profiles/save'](keysInput(fake.url, { ...DIAGNOSER, ...overrides }), page));
  return profile.id;
}

const run = (recordId: string, sender = panel(), profileId: string | null = null, recheck = false) =>
  diagnosisHandlers['diagnosis/run']({ recordId, profileId, recheck }, sender);

/** A panel frame following the record's runs: what the worker pushed to it over its port. */
async function follow(recordId: string, sender = panel()) {
  const port = framePort(recordId, { id: browserDouble.runtime.id, url: `chrome-extension://${browserDouble.runtime.id}/diagnosis-frame/frame.html#x`, tab: { id: sender.tabId }, frameId: sender.frameId });
  acceptProgressPort(port as never);
  await new Promise((r) => setTimeout(r, 10));
  return { port, pushes: () => port.messages as DiagnosisPush[] };
}

describe('diagnosis/run', () => {
  it('says plainly that no profile exists', async () => {
    const reply = await run(await record());
    expect(reply).toEqual({ diagnosis: null, profileId: null, message: expect.stringMatching(/^No AWS profile is set up/) });
  });

  it('diagnoses with the profile, pushes progress and the result to the extension pages, and saves it on the record', async () => {
    const profileId = await keysProfile();
    const recordId = await record();
    const { pushes } = await follow(recordId);
    const reply = await run(recordId, panel());
    expect(reply.message).toBeNull();
    expect(reply.profileId).toBe(profileId);
    expect(reply.diagnosis).toMatchObject({ blockingLayer: 'identity', usedProfile: 'Diagnoser keys', fromCache: false });
    expect(reply.diagnosis?.blocking[0]).toMatchObject({ name: 'FinanceGuardrails', statementSid: 'DenyCostAndUsage' });

    const sent = pushes();
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((p) => p.recordId === recordId)).toBe(true);
    expect(browserDouble.tabs.sent).toEqual([]); // never to a content script
    expect(sent.filter((p) => p.type === 'diagnosis/progress').length).toBeGreaterThan(0);
    expect(sent.at(-1)?.type).toBe('diagnosis/done');
    expect((await findRecord(recordId))?.diagnosis).toEqual(reply.diagnosis);
    expect(await browserDouble.storage.session.get('diagnosis-in-flight')).toEqual({});
  });

  it('answers from the cache, unless recheck; identical concurrent requests share one run', async () => {
    await keysProfile();
    const recordId = await record();
    const [a, b] = await Promise.all([run(recordId), run(recordId)]);
    const simulations = (await fake.calls('SimulatePrincipalPolicy')).length;
    expect(simulations).toBeGreaterThan(0);
    expect(a.diagnosis?.verdict).toBe(b.diagnosis?.verdict);

    const cached = await run(recordId);
    expect(cached.diagnosis?.fromCache).toBe(true);
    expect(await fake.calls('SimulatePrincipalPolicy')).toHaveLength(simulations);

    const rechecked = await run(recordId, panel(), null, true);
    expect(rechecked.diagnosis?.fromCache).toBe(false);
    expect((await fake.calls('SimulatePrincipalPolicy')).length).toBe(2 * simulations);
  });

  it("refuses a panel another tab's denial", async () => {
    await keysProfile();
    const recordId = await record(TAB);
    expect(await run(recordId, panel(TAB + 1))).toMatchObject({ diagnosis: null, message: expect.stringContaining('no longer on record') });
    expect(await fake.calls()).toEqual([]);
  });

  it('pushes nothing to a port of another tab, and skips a port that closed', async () => {
    await keysProfile();
    const recordId = await record();
    const other = await follow(recordId, panel(TAB + 1));
    expect(other.port.closed).toBe(true);
    const gone = await follow(recordId);
    gone.port.closed = true; // closed under the worker without a disconnect event
    expect((await run(recordId)).diagnosis?.blockingLayer).toBe('identity');
    expect(other.pushes()).toEqual([]);
  });

  it('rate-limits Re-check per record: a second one at once calls AWS no more', async () => {
    await keysProfile();
    const recordId = await record();
    await run(recordId);
    await run(recordId, panel(), null, true);
    const calls = (await fake.calls()).length;
    const again = await run(recordId, panel(), null, true);
    expect(again.message).toMatch(/Re-checked a moment ago/);
    expect(again.diagnosis?.blockingLayer).toBe('identity');
    expect(await fake.calls()).toHaveLength(calls);
  });

  it('a locked vault gives a clear message and the state "locked"', async () => {
    const profileId = await keysProfile();
    await profileHandlers['vault/set-passphrase']({ passphrase: 'long enough passphrase', currentPassphrase: null }, page);
    await profileHandlers['vault/lock']({}, page);
    const reply = await run(await record());
    expect(reply).toEqual({ diagnosis: null, profileId, message: expect.stringMatching(/vault is locked/) });
    const { profiles } = await profileHandlers['profiles/summaries']({ accountId: ACCOUNT }, panel());
    expect(profiles[0]).toMatchObject({ id: profileId, state: 'locked' });
    expect(await fake.calls()).toEqual([]);
  });

  it('temporary keys from an earlier browser session say "sign-in-required"', async () => {
    const profileId = await keysProfile({ credentialKind: 'temporary', accessKeyId: 'ASIAFAKETEMPORARY001', sessionToken: 'IQoJtokenEXAMPLE' });
    await browserDouble.storage.session.clear();
    const reply = await run(await record());
    expect(reply).toMatchObject({ diagnosis: null, profileId, message: expect.stringContaining('paste fresh keys') });
    const { profiles } = await profileHandlers['profiles/summaries']({ accountId: ACCOUNT }, panel());
    expect(profiles[0]?.state).toBe('sign-in-required');
  });

  it('picks the profile whose tested account is the denied account', async () => {
    const elsewhere = await keysProfile({ name: 'Sandbox' });
    const here = await keysProfile({ name: 'Finance' });
    await profileHandlers['profiles/test']({ profileId: here, mfaCode: null }, page);
    // Pretend "Sandbox" tested in another account.
    const stored = (await browserDouble.kept.get(['profiles'])).profiles as { id: string; lastTest: unknown }[];
    for (const p of stored) if (p.id === elsewhere) p.lastTest = { accountId: OTHER_ACCOUNT, arn: `arn:aws:iam::${OTHER_ACCOUNT}:user/x`, at: 1 };
    await browserDouble.kept.set({ profiles: stored });

    expect((await profileHandlers['profiles/summaries']({ accountId: ACCOUNT }, panel())).preferredId).toBe(here);
    expect((await profileHandlers['profiles/summaries']({ accountId: OTHER_ACCOUNT }, panel())).preferredId).toBe(elsewhere);
    expect((await run(await record())).profileId).toBe(here);
    // The panel may choose the other one.
    expect((await run(await record(), panel(), elsewhere)).profileId).toBe(elsewhere);
  });

  it('says so when no profile is known to be in the denied account', async () => {
    const id = await keysProfile();
    await profileHandlers['profiles/test']({ profileId: id, mfaCode: null }, page);
    const reply = await run(await record(TAB, { ...denial, accountId: OTHER_ACCOUNT, principalArn: `arn:aws:iam::${OTHER_ACCOUNT}:user/alice` }));
    expect(reply).toMatchObject({ diagnosis: null, profileId: null, message: expect.stringContaining(`account ${OTHER_ACCOUNT}`) });
  });
});

describe('Identity Center in diagnosis/run', () => {
  async function signedInSso(scenario: ReturnType<typeof identityCenterScenario>) {
    await fake.setScenario(scenario);
    const { profile } = saved(await profileHandlers['profiles/save'](ssoInput(fake.url), page));
    const clock = { now: Date.now, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 1500))) };
    await signIn.startSignIn(profile.id, clock);
    await decide(fake.url, (await signIn.ssoStatus(profile.id, clock)).userCode ?? '', 'approve');
    await signIn.ensurePolling(profile.id, clock);
    return profile.id;
  }

  it('needs a sign-in first, and says so', async () => {
    await fake.setScenario(identityCenterScenario());
    const { profile } = saved(await profileHandlers['profiles/save'](ssoInput(fake.url), page));
    const reply = await run(await record(), panel(), profile.id);
    expect(reply).toMatchObject({ diagnosis: null, profileId: profile.id, message: expect.stringContaining('Sign in to Identity Center') });
    expect((await profileHandlers['profiles/summaries']({ accountId: ACCOUNT }, panel())).profiles[0]?.state).toBe('sign-in-required');
  });

  it('diagnoses with the role that can simulate, and names it', async () => {
    const id = await signedInSso(identityCenterScenario());
    const reply = await run(await record());
    expect(reply.profileId).toBe(id);
    expect(reply.diagnosis?.usedProfile).toBe(`Org SSO (Diagnoser in ${ACCOUNT})`);
  }, 15_000);

  it('falls back to the offline explanation when no role can simulate, and says why', async () => {
    const scenario = identityCenterScenario({ diagnoserCanSimulate: false });
    await signedInSso(scenario);
    const recordId = await record();
    const reply = await run(recordId);
    expect(reply.message).toMatch(/None of your Identity Center roles/);
    expect(reply.diagnosis).toMatchObject({ status: 'failed', blockingLayer: 'not-simulated' });
    expect(reply.diagnosis?.problems[0]).toMatchObject({ kind: 'missing-permission', permission: 'iam:SimulatePrincipalPolicy' });
    expect(reply.diagnosis?.diagnosticPolicySuggestion).toContain('iam:SimulatePrincipalPolicy');
    expect((await findRecord(recordId))?.diagnosis?.status).toBe('failed');
  }, 15_000);
});

describe('an Identity Center session that ended', () => {
  async function signedInSso() {
    await fake.setScenario(identityCenterScenario());
    const { profile } = saved(await profileHandlers['profiles/save'](ssoInput(fake.url), page));
    const clock = { now: Date.now, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 1500))) };
    await signIn.startSignIn(profile.id, clock);
    await decide(fake.url, (await signIn.ssoStatus(profile.id, clock)).userCode ?? '', 'approve');
    await signIn.ensurePolling(profile.id, clock);
    return profile.id;
  }
  const state = async () => (await profileHandlers['profiles/summaries']({ accountId: ACCOUNT }, panel())).profiles[0]?.state;

  it('Re-check re-validates the session: an ended one asks for sign-in and keeps the saved diagnosis', async () => {
    const id = await signedInSso();
    const recordId = await record();
    const first = await run(recordId);
    expect(first.diagnosis?.usedProfile).toBe(`Org SSO (Diagnoser in ${ACCOUNT})`);
    await fake.expireTokens();
    expect((await run(recordId)).diagnosis?.fromCache).toBe(true); // without Re-check: the cached answer
    const rechecked = await run(recordId, panel(), null, true);
    expect(rechecked).toEqual({ diagnosis: null, profileId: id, message: expect.stringContaining(`Sign in to Identity Center again for "Org SSO"`) });
    expect(await state()).toBe('sign-in-required');
    expect((await findRecord(recordId))?.diagnosis?.verdict).toBe(first.diagnosis?.verdict);
    // The panel's "Sign in again" now starts a sign-in.
    expect(await profileHandlers['sso/sign-in']({ profileId: id }, panel())).toMatchObject({ started: true });
  }, 15_000);

  it('role credentials AWS refuses are fetched again; an ended session then asks for sign-in', async () => {
    const id = await signedInSso();
    await run(await record());
    // A new world: the portal knows no token, and the role keys are past their end.
    const ended = identityCenterScenario();
    await fake.setScenario({ ...ended, credentials: ended.credentials.map((c) => ({ ...c, expiresAt: new Date(Date.now() - 60_000).toISOString() })) });
    await fake.clearCalls();
    const reply = await run(await record(TAB, { ...denial, action: 'ce:GetCostForecast' })); // not in the cache
    expect(reply).toEqual({ diagnosis: null, profileId: id, message: expect.stringContaining('Identity Center no longer accepts the session') });
    expect((await fake.calls()).map((c) => `${c.action}:${c.errorCode}`)).toContain('GetRoleCredentials:UnauthorizedException');
    expect(await state()).toBe('sign-in-required');
  }, 15_000);

  it('role credentials AWS refuses are replaced by fresh ones while the session lives', async () => {
    const id = await signedInSso();
    const key = `sso-role:${id}:${ACCOUNT}:Diagnoser`;
    await run(await record());
    const stored = (await browserDouble.storage.session.get(key))[key] as Record<string, unknown>;
    await browserDouble.storage.session.set({ [key]: { ...stored, secretAccessKey: 'revoked-revoked-revoked-revoked-revoked0' } });
    const reply = await run(await record(TAB, { ...denial, action: 'ce:GetCostForecast' }));
    expect(reply.message).toBeNull();
    expect(reply.diagnosis?.problems.map((p) => p.kind)).not.toContain('invalid-credentials');
    expect(((await browserDouble.storage.session.get(key))[key] as { secretAccessKey: string }).secretAccessKey).toBe(stored.secretAccessKey);
  }, 15_000);

  it('temporary keys AWS calls expired are forgotten, so the profile asks for fresh ones', async () => {
    const scenario = identityCenterScenario();
    const expired = { accessKeyId: 'ASIAFAKETEMPORARY001', secretAccessKey: 's3cr3t-s3cr3t-s3cr3t', sessionToken: 'IQoJtokenEXAMPLE', expiresAt: '2020-01-01T00:00:00Z', principal: `arn:aws:iam::${ACCOUNT}:user/diagnoser`, allow: '*' };
    await fake.setScenario({ ...scenario, credentials: [...scenario.credentials, expired] });
    const id = await keysProfile({ credentialKind: 'temporary', accessKeyId: 'ASIAFAKETEMPORARY001', secretAccessKey: 's3cr3t-s3cr3t-s3cr3t', sessionToken: 'IQoJtokenEXAMPLE' });
    const reply = await run(await record());
    expect(reply.diagnosis?.problems.map((p) => p.kind)).toContain('expired-credentials');
    expect(await browserDouble.storage.session.get(`temporary-keys:${id}`)).toEqual({});
    expect(await state()).toBe('sign-in-required');
  });
});

describe('recovery after a worker restart', () => {
  it('re-runs what was in flight and saves the answer on the record', async () => {
    const profileId = await keysProfile();
    const recordId = await record();
    await browserDouble.storage.session.set({
      'diagnosis-in-flight': [{ recordId, profileId, recheck: false, attempts: 1, startedAt: Date.now() - 5000 }],
    });
    vi.resetModules();
    const restarted = await import('../../../src/background/diagnose.ts');
    // The frame opens its port again to the new worker.
    const port = framePort(recordId, { id: browserDouble.runtime.id, url: `chrome-extension://${browserDouble.runtime.id}/diagnosis-frame/frame.html#x`, tab: { id: TAB }, frameId: 3 });
    restarted.acceptProgressPort(port as never);
    await new Promise((r) => setTimeout(r, 10));
    await restarted.recoverInterruptedDiagnoses();
    expect((await findRecord(recordId))?.diagnosis).toMatchObject({ blockingLayer: 'identity' });
    expect(port.messages.at(-1)).toMatchObject({ type: 'diagnosis/done', recordId });
    expect(await browserDouble.storage.session.get('diagnosis-in-flight')).toEqual({});
    // A retrying panel now gets the saved answer from the cache, without calling AWS again.
    const calls = (await fake.calls()).length;
    expect((await restarted.diagnosisHandlers['diagnosis/run']({ recordId, profileId: null, recheck: false }, panel())).diagnosis?.fromCache).toBe(true);
    expect(await fake.calls()).toHaveLength(calls);
  });

  it('does not try a third time a diagnosis that was interrupted twice', async () => {
    const profileId = await keysProfile();
    const recordId = await record();
    await browserDouble.storage.session.set({
      'diagnosis-in-flight': [{ recordId, profileId, recheck: false, attempts: 2, startedAt: Date.now() }],
    });
    vi.resetModules();
    await (await import('../../../src/background/diagnose.ts')).recoverInterruptedDiagnoses();
    expect((await findRecord(recordId))?.diagnosis).toBeNull();
    expect(await fake.calls()).toEqual([]);
    expect(await browserDouble.storage.session.get('diagnosis-in-flight')).toEqual({});
  });

  it('marks a run in flight while it runs, and clears it after', async () => {
    await keysProfile();
    const recordId = await record();
    await fake.inject({ service: 'iam', kind: 'delay', delayMs: 300, times: 1 });
    const running = run(recordId);
    await vi.waitFor(async () => {
      const { ['diagnosis-in-flight']: list } = await browserDouble.storage.session.get('diagnosis-in-flight');
      expect(list).toEqual([expect.objectContaining({ recordId, attempts: 1 })]);
    });
    await running;
    expect(await browserDouble.storage.session.get('diagnosis-in-flight')).toEqual({});
  });
});
