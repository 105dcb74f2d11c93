// Secrets stay in the worker. This drives the worker's real message listener (src/background/main.ts → router
// → handlers) with every message type, from a content script and from the options page, after profiles of every
// kind hold real secrets (long-term keys, temporary keys, an assumed role, an Identity Center session and a
// pending device code), and asserts that no reply carries any of them.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Denial } from '../../../src/core/denial.ts';
import { DEFAULT_SETTINGS, MESSAGES, type RequestType } from '../../../src/shared/protocol.ts';
import { startFakeAws, type FakeAws } from './fake-aws.ts';
import { ACCOUNT, decide, identityCenterScenario, KEYS, keysInput, ssoInput } from './fixtures.ts';

vi.mock('../../../src/shared/compat.ts', async () => ({ browser: (await import('./browser-double.ts')).browserDouble }));
vi.mock('../../../src/background/storage/kept-area.ts', async () => ({ keptArea: (await import('./browser-double.ts')).browserDouble.kept }));

const { browserDouble, contentSender, frameSender, optionsSender, resetBrowserDouble } = await import('./browser-double.ts');

const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/Auditor`;
const denial: Denial = {
  principalArn: `arn:aws:iam::${ACCOUNT}:user/diagnoser`, principalType: 'user', accountId: ACCOUNT, action: 'ce:GetCostAndUsage',
  resource: null, policyType: null, denyKind: 'implicit', policyArn: null, authorizationId: null, cause: null,
  meta: {
    form: 'api-sentence', partial: false, message: `User: arn:aws:iam::${ACCOUNT}:user/diagnoser is not authorized to perform: ce:GetCostAndUsage`,
    reason: null, troubleshooterUrl: null, encodedMessage: null, hintAction: null, errorCode: null, principalSource: 'message',
  },
};

/** Every field name under which the worker keeps something secret. */
const SECRET_FIELDS = new Set(['secretAccessKey', 'sessionToken', 'accessToken', 'refreshToken', 'clientSecret', 'deviceCode', 'data']);

function secretsIn(value: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => secretsIn(v, found));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_FIELDS.has(k) && typeof v === 'string' && v.length >= 8) found.add(v);
      else secretsIn(v, found);
    }
  }
  return found;
}

let fake: FakeAws;
let send: (message: unknown, sender: unknown) => Promise<unknown>;
const ids: Record<string, string> = {};
let recordId = '';
let secrets: string[] = [];

async function asPage<T>(type: RequestType, payload: unknown): Promise<T> {
  const reply = (await send({ channel: 'why-denied', type, payload }, optionsSender())) as { ok: boolean; value: T; error?: string };
  if (!reply.ok) throw new Error(`${type}: ${reply.error}`);
  return reply.value;
}

beforeAll(async () => {
  await resetBrowserDouble();
  const scenario = identityCenterScenario();
  scenario.roles.push({ arn: ROLE_ARN, inlinePolicies: { Billing: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ce:*', Resource: '*' }] } } });
  fake = await startFakeAws(scenario);
  await import('../../../src/background/main.ts');
  const listener = browserDouble.runtime.onMessage.listeners.at(-1);
  if (!listener) throw new Error('the worker registered no message listener');
  send = async (message, sender) => listener(message, sender) as Promise<unknown>;

  ids.longTerm = (await asPage<{ profile: { id: string } }>('profiles/save', keysInput(fake.url))).profile.id;
  ids.temporary = (await asPage<{ profile: { id: string } }>('profiles/save', keysInput(fake.url, { name: 'Temp', credentialKind: 'temporary', ...KEYS.temporary }))).profile.id;
  ids.role = (await asPage<{ profile: { id: string } }>('profiles/save', keysInput(fake.url, { name: 'Auditor', role: { roleArn: ROLE_ARN, externalId: null, mfaSerial: null } }))).profile.id;
  expect(await asPage('profiles/test', { profileId: ids.role, mfaCode: null })).toMatchObject({ ok: true });
  ids.sso = (await asPage<{ profile: { id: string } }>('profiles/save', ssoInput(fake.url))).profile.id;
  await asPage('sso/sign-in', { profileId: ids.sso });
  const { userCode } = await asPage<{ userCode: string }>('sso/status', { profileId: ids.sso });
  await decide(fake.url, userCode, 'approve');
  const { ensurePolling } = await import('../../../src/background/sso/sign-in.ts');
  await ensurePolling(ids.sso);
  expect(await asPage('sso/status', { profileId: ids.sso })).toMatchObject({ state: 'signed-in' });
  // A second Identity Center profile left waiting for approval: its device code is in the session area.
  ids.pending = (await asPage<{ profile: { id: string } }>('profiles/save', ssoInput(fake.url, { name: 'Pending SSO' }))).profile.id;
  await asPage('sso/sign-in', { profileId: ids.pending });

  const reported = (await send({ channel: 'why-denied', type: 'denials/report', payload: { pageUrl: 'https://us-east-1.console.aws.amazon.com/costmanagement/home', frameStart: true, denials: [{ watchId: 'w1', denial }] } }, contentSender())) as { value: { records: { recordId: string }[] } };
  recordId = reported.value.records[0]?.recordId ?? '';
  // Run a diagnosis with the Identity Center profile so its role credentials are cached too.
  await send({ channel: 'why-denied', type: 'diagnosis/run', payload: { recordId, profileId: ids.sso, recheck: false } }, frameSender());

  await browserDouble.storage.local.set({ settings: { ...DEFAULT_SETTINGS, requestChannel: TICKETS } });
  const stored = secretsIn([await browserDouble.kept.get(null), await browserDouble.storage.local.get(null), await browserDouble.storage.session.get(null)], new Set());
  secrets = [...stored, KEYS.user.secretAccessKey, KEYS.temporary.secretAccessKey, KEYS.temporary.sessionToken];
}, 30_000);
afterAll(() => fake.close());

/** "Send to admin" opens only what the channel in force produces. */
const TICKETS = { kind: 'ticketUrl', url: 'https://tickets.example.com/new?s={summary}' } as const;

/** A well-formed payload for every message type; the first test fails when a type is added without one. */
const samples = (): Record<RequestType, unknown> => ({
  'denials/report': { pageUrl: 'https://us-east-1.console.aws.amazon.com/billing/home', frameStart: false, denials: [{ watchId: 'w2', denial }] },
  'denials/gone': { watchIds: ['w2'] },
  'denials/list': { tabId: 7 },
  'diagnosis/run': { recordId, profileId: null, recheck: false },
  'diagnosis/current-policy': { recordId, policyIndex: 0 },
  'profiles/summaries': { accountId: ACCOUNT },
  'settings/get': {},
  'settings/set': { ...DEFAULT_SETTINGS, requestChannel: TICKETS },
  'managed/get': {},
  'options/open': {},
  'panel/load': {},
  'panel/record': { recordId },
  'vault/set-idle-lock': { minutes: 30 },
  'profiles/list': {},
  'profiles/test': { profileId: ids.longTerm, mfaCode: null },
  'sso/status': { profileId: ids.sso },
  'sso/prefer-role': { profileId: ids.sso, accountId: ACCOUNT, roleName: 'Diagnoser' },
  'sso/sign-in': { profileId: ids.sso },
  'profiles/save': keysInput(fake.url, { id: ids.longTerm, secretAccessKey: null }),
  'vault/set-passphrase': { passphrase: 'a long passphrase', currentPassphrase: null },
  'vault/lock': {},
  'vault/unlock': { passphrase: 'a long passphrase' },
  'vault/remove-passphrase': { currentPassphrase: 'a long passphrase' },
  'sso/sign-out': { profileId: ids.pending },
  'profiles/delete': { profileId: ids.temporary },
});

function expectNoSecret(type: string, reply: unknown): void {
  const text = JSON.stringify(reply);
  const leaked = secrets.filter((s) => text.includes(s));
  if (leaked.length > 0) {
    const redacted = leaked.reduce((t, s) => t.replaceAll(s, '<SECRET>'), text);
    throw new Error(`${type} replied with ${leaked.length} secret(s): ${redacted.slice(0, 400)}`);
  }
}

describe('the secrets boundary', () => {
  it('has secrets to protect, and a sample for every message type', () => {
    expect(secrets.length).toBeGreaterThanOrEqual(10);
    expect(Object.keys(samples()).sort()).toEqual(Object.keys(MESSAGES).sort());
  });

  it('keeps temporary credentials and tokens out of storage.local', async () => {
    const disk = browserDouble.storage.local.dump();
    const session = await browserDouble.storage.session.get(null);
    const temporary = secretsIn(Object.entries(session).filter(([k]) => !k.startsWith('vault')).map(([, v]) => v), new Set());
    expect(temporary.size).toBeGreaterThanOrEqual(6);
    for (const s of temporary) expect(disk).not.toContain(s);
    expect(disk).not.toContain(KEYS.temporary.sessionToken);
  });

  it('refuses a content script every profile, vault and Identity Center message, and every diagnosis', async () => {
    const allowed: string[] = [];
    for (const [type, payload] of Object.entries(samples())) {
      const reply = (await send({ channel: 'why-denied', type, payload }, contentSender())) as { ok: boolean; error?: string };
      expectNoSecret(type, reply);
      const spec = MESSAGES[type as RequestType];
      if (spec.from.includes('content')) {
        allowed.push(type);
        expect(reply.ok, `${type}: ${reply.error}`).toBe(true);
      } else {
        expect(reply).toEqual({ ok: false, error: `${type}: not allowed from a content script` });
      }
    }
    expect(allowed.filter((t) => /^(profiles|vault|sso|diagnosis|panel\/record)/.test(t)).sort()).toEqual([]);
  }, 30_000);

  it('gives the panel frame only what a panel shows: summaries, its own tab\'s record and diagnosis, a sign-in', async () => {
    const allowed: string[] = [];
    for (const [type, payload] of Object.entries(samples())) {
      const reply = (await send({ channel: 'why-denied', type, payload }, frameSender())) as { ok: boolean; error?: string };
      expectNoSecret(type, reply);
      if (reply.ok) allowed.push(type);
    }
    expect(allowed.sort()).toEqual(['diagnosis/current-policy', 'diagnosis/run', 'options/open', 'panel/record', 'profiles/summaries', 'settings/get', 'sso/sign-in']);
    // Another tab's frame gets neither the record nor a diagnosis of it.
    const other = (await send({ channel: 'why-denied', type: 'panel/record', payload: { recordId } }, frameSender(8))) as { value: { record: unknown } };
    expect(other.value.record).toBeNull();
    const run = (await send({ channel: 'why-denied', type: 'diagnosis/run', payload: { recordId, profileId: null, recheck: false } }, frameSender(8))) as { value: { diagnosis: unknown } };
    expect(run.value.diagnosis).toBeNull();
  }, 30_000);

  it('takes content messages only from the console pages the manifest names', async () => {
    const report = { channel: 'why-denied', type: 'denials/report', payload: { pageUrl: 'https://us-east-1.console.aws.amazon.com/billing/home', frameStart: true, denials: [] } };
    expect(await send(report, contentSender())).toMatchObject({ ok: true, value: { records: [], settings: { panelMode: 'auto' } } });
    for (const url of ['https://evil.example/billing/home', 'https://us-east-1.console.aws.amazon.com/ec2/home', 'http://us-east-1.console.aws.amazon.com/billing/home', 'https://console.aws.amazon.com.evil.example/billing/home'])
      expect(await send(report, { ...contentSender(), url })).toEqual({ ok: false, error: 'message refused: unknown sender' });
  });

  it('reads only own properties of a message: inherited names are never fields', async () => {
    const inherited = Object.create({ channel: 'why-denied', type: 'settings/get', payload: {} }) as object;
    const listener = browserDouble.runtime.onMessage.listeners.at(-1)!;
    expect(listener(inherited, optionsSender())).toBeUndefined();
    const payload = Object.create({ accountId: ACCOUNT }) as object;
    expect(await send({ channel: 'why-denied', type: 'profiles/summaries', payload }, optionsSender())).toEqual({ ok: false, error: 'profiles/summaries: payload.accountId: expected a string of at most 12 characters' });
  });

  it('refuses unknown types, other channels, foreign senders and malformed payloads without leaking', async () => {
    for (const type of ['profiles/secret', 'vault/export', 'sso/token', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 42, null]) {
      const reply = await send({ channel: 'why-denied', type, payload: {} }, contentSender());
      expect(reply).toEqual({ ok: false, error: `message: unknown type ${JSON.stringify(type)}` });
    }
    expect(await send({ channel: 'other', type: 'profiles/list', payload: {} }, optionsSender())).toBeUndefined();
    expect(await send({ channel: 'why-denied', type: 'profiles/list', payload: {} }, { ...optionsSender(), id: 'another-extension' })).toEqual({ ok: false, error: 'message refused: unknown sender' });
    expect(await send({ channel: 'why-denied', type: 'profiles/list', payload: {} }, { id: browserDouble.runtime.id, url: 'http://evil.example/', tab: { id: 3 } })).toEqual({ ok: false, error: 'message refused: unknown sender' });
    const sneaky = await send({ channel: 'why-denied', type: 'profiles/summaries', payload: { accountId: ACCOUNT, includeSecrets: true } }, optionsSender());
    expect(sneaky).toEqual({ ok: false, error: 'profiles/summaries: payload: unexpected key "includeSecrets"' });
  });

  it('never replies with a secret to the options page either', async () => {
    for (const [type, payload] of Object.entries(samples())) {
      const reply = (await send({ channel: 'why-denied', type, payload }, optionsSender())) as { ok: boolean; error?: string };
      expectNoSecret(type, reply);
      if (!['denials/report', 'denials/gone', 'diagnosis/run', 'diagnosis/current-policy', 'panel/load', 'panel/record'].includes(type)) expect(reply.ok, `${type}: ${reply.error}`).toBe(true);
    }
  }, 30_000);
});
