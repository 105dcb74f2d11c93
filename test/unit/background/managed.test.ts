// Managed configuration in the worker (src/background/main.ts → settings, managed, send-to-admin, profiles): the
// policy in storage.managed wins over the user's settings, applies as soon as it changes, and fixes what it sets.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type RequestType } from '../../../src/shared/protocol.ts';
import { startFakeAws } from './fake-aws.ts';
import { identityCenterScenario, keysInput } from './fixtures.ts';

vi.mock('../../../src/shared/compat.ts', async () => ({ browser: (await import('./browser-double.ts')).browserDouble }));
vi.mock('../../../src/background/storage/kept-area.ts', async () => ({ keptArea: (await import('./browser-double.ts')).browserDouble.kept }));

const { browserDouble, optionsSender, contentSender, resetBrowserDouble, setManagedPolicy } = await import('./browser-double.ts');

let send: (message: unknown, sender: unknown) => Promise<{ ok: boolean; value?: unknown; error?: string }>;
const ask = (type: RequestType, payload: unknown, sender = optionsSender()) => send({ channel: 'why-denied', type, payload }, sender);

/** What a content script gets: the settings in the answer to its frame's first report. */
const contentSettings = async () => {
  const reply = await ask('denials/report', { pageUrl: 'https://us-east-1.console.aws.amazon.com/billing/home', frameStart: true, denials: [] }, contentSender());
  return (reply.value as { settings: unknown }).settings;
};

const TICKETS = 'https://tickets.example.com/new?summary={summary}&principal={principal}';

beforeAll(async () => {
  await import('../../../src/background/main.ts');
  const listener = browserDouble.runtime.onMessage.listeners.at(-1);
  if (!listener) throw new Error('the worker registered no message listener');
  send = async (message, sender) => listener(message, sender) as ReturnType<typeof send>;
});
beforeEach(() => resetBrowserDouble());

describe('managed configuration in the worker', () => {
  it('managed values win, and a policy change applies at once', async () => {
    await ask('settings/set', { ...DEFAULT_SETTINGS, requestFormat: 'markdown' });
    expect(await contentSettings()).toMatchObject({ requestFormat: 'markdown', requestChannel: null, admin: null });
    await setManagedPolicy({ requestFormat: 'text', admin: { name: 'Cloud Team', email: 'cloud@example.com' }, requestChannel: { ticketUrl: TICKETS } });
    expect(await contentSettings()).toEqual({
      panelMode: 'auto', requestFormat: 'text', responseObserver: true, requestChannel: { kind: 'ticketUrl', url: TICKETS }, admin: { name: 'Cloud Team', email: 'cloud@example.com', url: '' },
    });
    await setManagedPolicy({});
    expect(await contentSettings()).toMatchObject({ requestFormat: 'markdown', requestChannel: null, admin: null });
  });

  it("a slow policy read does not hold up the panel's settings; enforcing the policy still waits for it", async () => {
    await setManagedPolicy({ showPanel: 'on-request' });
    expect(await contentSettings()).toMatchObject({ panelMode: 'on-request' });
    // Chrome can answer storage.managed only seconds after the browser starts: the next read hangs until released.
    const managed = browserDouble.storage.managed;
    const get = managed.get.bind(managed);
    let release = () => {};
    managed.get = () => new Promise((resolve) => (release = () => resolve(get(null))));
    try {
      await setManagedPolicy({ showPanel: 'auto', allowAccessKeys: false });
      const started = Date.now();
      // The panel gets the last policy read, at once…
      expect(await contentSettings()).toMatchObject({ panelMode: 'on-request' });
      expect(Date.now() - started).toBeLessThan(2000);
      // …while a key profile waits for the new policy, which refuses it.
      const saving = ask('profiles/save', keysInput('https://iam.amazonaws.com', { name: 'Waits' }));
      release();
      expect(await saving).toMatchObject({ ok: false, error: expect.stringMatching(/only IAM Identity Center sign-in/) });
      expect(await contentSettings()).toMatchObject({ panelMode: 'auto' });
    } finally {
      managed.get = get;
    }
  });

  it('refuses a user edit of a managed or locked setting, and allows the others', async () => {
    await setManagedPolicy({ requestFormat: 'text', locked: ['showPanel'] });
    const current = (await ask('settings/get', {})).value as typeof DEFAULT_SETTINGS;
    expect(await ask('settings/set', { ...current, requestFormat: 'markdown' })).toEqual({ ok: false, error: 'settings/set: Set by your organization, so it cannot be changed here: requestFormat.' });
    expect(await ask('settings/set', { ...current, panelMode: 'on-request' })).toMatchObject({ ok: false });
    const channel = { kind: 'email', to: 'me@example.com', cc: [], subject: '' };
    expect(await ask('settings/set', { ...current, requestChannel: channel })).toMatchObject({ ok: true, value: { requestChannel: channel } });
    expect(await ask('settings/set', { ...current, requestChannel: { kind: 'ticketUrl', url: 'http://t.example.com/' } })).toEqual({ ok: false, error: 'settings/set: "Send to admin": not https (http).' });
  });

  it('lists ignored values and keeps working with the rest', async () => {
    await setManagedPolicy({ identityCenter: { startUrl: 'http://x.awsapps.com/start', region: 'us-east-1' }, requestFormat: 'markdown' });
    const state = (await ask('managed/get', {})).value as { config: object; ignored: { key: string }[] };
    expect(state.ignored.map((i) => i.key)).toEqual(['identityCenter']);
    expect(state.config).toEqual({ requestFormat: 'markdown' });
    expect(await ask('managed/get', {}, contentSender())).toEqual({ ok: false, error: 'managed/get: not allowed from a content script' });
  });

  it('opens no tab a content script asks for, even the channel\'s own URL ("Send to admin" opens it in the panel)', async () => {
    await setManagedPolicy({ requestChannel: { ticketUrl: TICKETS } });
    // The message is gone from the protocol (so the type no longer names it); a subverted content script may still send it.
    expect(await ask('admin/open' as RequestType, { url: 'https://tickets.example.com/new?summary=x' }, contentSender())).toEqual({ ok: false, error: 'message: unknown type "admin/open"' });
    expect(browserDouble.tabs.created).toEqual([]);
  });

  it('allowAccessKeys: false refuses new key profiles and disables existing ones', async () => {
    const fake = await startFakeAws(identityCenterScenario());
    try {
      const saved = (await ask('profiles/save', keysInput(fake.url))) as { ok: true; value: { profile: { id: string } } };
      expect(saved.ok).toBe(true);
      await setManagedPolicy({ allowAccessKeys: false });
      expect(await ask('profiles/save', keysInput(fake.url, { name: 'Another' }))).toMatchObject({ ok: false, error: expect.stringMatching(/only IAM Identity Center sign-in/) });
      expect(await ask('profiles/test', { profileId: saved.value.profile.id, mfaCode: null })).toMatchObject({ ok: true, value: { ok: false, message: expect.stringMatching(/is disabled/) } });
    } finally {
      await fake.close();
    }
  });
});
