// The options page's profile section against the real worker (src/background/main.ts): the browser boundary
// (storage, runtime messaging, permissions) is the in-memory double, everything else is the product.
// The worker's AWS SDK needs Node's module resolution, so this file runs in the node environment with a
// happy-dom window of its own for the page (the happy-dom environment would resolve the SDK's browser build).
import { Window } from 'happy-dom';
import { render } from 'preact';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Send } from '../../../src/content/panel/types.ts';
import { startFakeAws, type FakeAws } from '../background/fake-aws.ts';
import { decide, identityCenterScenario, KEYS, START_URL } from '../background/fixtures.ts';

vi.mock('../../../src/shared/compat.ts', async () => ({ browser: (await import('../background/browser-double.ts')).browserDouble }));
vi.mock('../../../src/background/storage/kept-area.ts', async () => ({ keptArea: (await import('../background/browser-double.ts')).browserDouble.kept }));

const page = new Window({ url: 'chrome-extension://why-denied-test/options/options.html' });
Object.assign(globalThis, { document: page.document });

const { browserDouble, optionsSender, resetBrowserDouble } = await import('../background/browser-double.ts');
const { Profiles } = await import('../../../src/options/profiles/profiles.tsx');
await import('../../../src/background/main.ts');

const worker = browserDouble.runtime.onMessage.listeners.at(-1);
if (!worker) throw new Error('no worker listener');
const replies: unknown[] = [];
const send: Send = async (type, payload) => {
  const reply = (await worker({ channel: 'why-denied', type, payload }, optionsSender())) as { ok: true; value: never } | { ok: false; error: string };
  replies.push(reply);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
};
const asked: string[][] = [];
const hostAccess = async (origins: string[]) => {
  asked.push(origins);
  return true;
};

let app: HTMLElement;
afterAll(() => page.close());
let fake: FakeAws;
beforeAll(async () => {
  fake = await startFakeAws(identityCenterScenario());
});
afterAll(() => fake.close());
beforeEach(async () => {
  await resetBrowserDouble();
  replies.length = 0;
  asked.length = 0;
  app = document.createElement('main');
  document.body.append(app);
  render(<Profiles send={send} hostAccess={hostAccess} />, app);
  await until(() => byTestId('wd-profile-add-keys'));
});
afterEach(() => {
  render(null, app);
  app.remove();
});

const byTestId = (id: string, root: ParentNode = app) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const allByTestId = (id: string, root: ParentNode = app) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];

async function until<T>(find: () => T | null | undefined | false, timeout = 5000): Promise<T> {
  return vi.waitFor(() => {
    const found = find();
    if (!found) throw new Error('not yet');
    return found;
  }, { timeout, interval: 20 });
}

function type(id: string, value: string, root: ParentNode = app) {
  const input = root.querySelector<HTMLInputElement>(`[data-testid="${id}"]`);
  if (!input) throw new Error(`no ${id}`);
  input.value = value;
  input.dispatchEvent(new page.Event('input', { bubbles: true }) as unknown as Event);
}

/** Lets Preact render what the last input changed, as a person's pause between typing and clicking does. */
const settle = () => new Promise((r) => setTimeout(r, 0));

async function click(id: string, root: ParentNode = app) {
  await settle();
  const button = root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!button) throw new Error(`no ${id}`);
  button.click();
}

async function addKeysProfile(name = 'Diagnoser', endpoint = fake.url) {
  await click('wd-profile-add-keys');
  await until(() => byTestId('wd-access-key-id'));
  type('wd-profile-name', name);
  type('wd-access-key-id', KEYS.user.accessKeyId);
  type('wd-secret-access-key', KEYS.user.secretAccessKey);
  type('wd-endpoint', endpoint);
  await click('wd-custom-endpoint');
  // The warning names the host every call of this profile will go to.
  expect(byTestId('wd-custom-endpoint-warning')?.textContent).toContain(new URL(endpoint).host);
  await click('wd-profile-save');
  await until(() => byTestId('wd-profile-saved'));
}

describe('options: profiles', () => {
  it('first run: Identity Center is the primary way in, access keys the secondary; no passphrase warning before a key exists', async () => {
    const buttons = [...app.querySelectorAll<HTMLButtonElement>('.add-profile button')].map((b) => [b.textContent, b.className]);
    expect(buttons).toEqual([['Sign in with IAM Identity Center', 'primary'], ['Use access keys', '']]);
    const notice = byTestId('wd-secret-notice')?.textContent ?? '';
    expect(notice).toContain('never shows it again');
    expect(notice).toContain('only once, when the key is created');
    expect(notice).toContain('at most two access keys');
    expect(notice).toContain('third party');
    expect(byTestId('wd-secret-notice-details')?.hasAttribute('open')).toBe(false);
    expect(byTestId('wd-vault')?.tagName).toBe('DETAILS');
    expect(byTestId('wd-vault-warning')).toBeNull();
    expect(app.textContent).not.toContain('stored unencrypted');
    expect(byTestId('wd-profile-none')).not.toBeNull();
    expect(app.textContent).toContain('What each permission is used for');

    // Once a long-term secret is saved without a passphrase, the warning shows, unfolded.
    await addKeysProfile();
    expect((await until(() => byTestId('wd-vault-warning'))).textContent).toContain('stored unencrypted in this browser profile');
    expect(byTestId('wd-vault')?.tagName).toBe('DIV');
  });

  it('adds a keys profile; the page then knows only the access key ID and that a secret is saved', async () => {
    await addKeysProfile();
    expect(byTestId('wd-profile-saved')?.textContent).toBe('Saved "Diagnoser". The secret is saved and will not be shown again.');
    const item = await until(() => byTestId('wd-profile-item'));
    expect(item.dataset.profileId).toMatch(/^[0-9a-f-]{36}$/);
    expect(item.textContent).toContain(KEYS.user.accessKeyId);
    expect(item.textContent).toContain('secret saved');
    expect(byTestId('wd-secret-access-key')).toBeNull(); // the form closed
    expect(app.innerHTML).not.toContain(KEYS.user.secretAccessKey);
    expect(JSON.stringify(replies)).not.toContain(KEYS.user.secretAccessKey);

    // Editing shows empty secret fields, and saving without a secret keeps the saved one.
    await click('wd-profile-edit', item);
    await until(() => byTestId('wd-secret-access-key'));
    expect((byTestId('wd-secret-access-key') as HTMLInputElement).value).toBe('');
    expect((byTestId('wd-access-key-id') as HTMLInputElement).value).toBe(KEYS.user.accessKeyId);
    type('wd-profile-name', 'Renamed');
    await click('wd-profile-save');
    await until(() => byTestId('wd-profile-saved')?.textContent === 'Saved "Renamed".');
    expect(byTestId('wd-profile-item')?.textContent).toContain('secret saved');
  });

  it('the form opens with the focus on its first field; Save shows every problem under its field and focuses the first', async () => {
    await click('wd-profile-add-keys');
    await until(() => document.activeElement === byTestId('wd-profile-name'));
    type('wd-endpoint', 'ftp://example.com');
    type('wd-role-arn', 'arn:aws:iam::123:role/x');
    await click('wd-profile-save');
    const invalid = await until(() => {
      const found = [...app.querySelectorAll<HTMLInputElement>('[aria-invalid="true"]')].map((i) => i.id);
      return found.length > 0 && found;
    });
    expect(invalid).toEqual(['wd-profile-name', 'wd-access-key-id', 'wd-secret-access-key', 'wd-endpoint', 'wd-role-arn']);
    for (const id of invalid) {
      const described = byTestId(id)?.getAttribute('aria-describedby')?.split(' ') ?? [];
      expect(described[0]).toBe(`${id}-error`);
      expect(document.getElementById(`${id}-error`)?.textContent?.length).toBeGreaterThan(10);
    }
    expect(byTestId('wd-profile-name-error')?.textContent).toContain('Give the profile a name.');
    expect(byTestId('wd-endpoint-error')?.textContent).toContain('Use https');
    expect(byTestId('wd-profile-advanced')?.hasAttribute('open')).toBe(true); // a problem inside "Advanced" opens it
    await until(() => document.activeElement === byTestId('wd-profile-name'));
    expect(byTestId('wd-profile-problem')).toBeNull();
    expect(replies).toHaveLength(1); // only the list: nothing was sent to save

    // Fixed fields lose their error; temporary keys without their token get the error under the token.
    type('wd-profile-name', 'Bad');
    type('wd-access-key-id', 'ASIAEXAMPLE000000001');
    type('wd-secret-access-key', 'x'.repeat(40));
    type('wd-endpoint', '');
    type('wd-role-arn', '');
    await click('wd-profile-save');
    await until(() => byTestId('wd-session-token')?.getAttribute('aria-invalid') === 'true');
    expect([...app.querySelectorAll('[aria-invalid="true"]')].map((i) => i.id)).toEqual(['wd-session-token']);
    await until(() => document.activeElement === byTestId('wd-session-token'));
    expect(allByTestId('wd-profile-item')).toHaveLength(0);

    // What only the worker knows (a name already taken) lands under its field too.
    type('wd-access-key-id', KEYS.user.accessKeyId);
    type('wd-profile-name', 'Taken');
    await click('wd-profile-save');
    await until(() => byTestId('wd-profile-item'));
    await click('wd-profile-add-keys');
    await until(() => document.activeElement === byTestId('wd-profile-name'));
    type('wd-profile-name', 'taken');
    type('wd-access-key-id', KEYS.user.accessKeyId);
    type('wd-secret-access-key', 'x'.repeat(40));
    await click('wd-profile-save');
    expect((await until(() => byTestId('wd-profile-name-error'))).textContent).toContain('Another profile is already called "taken".');
    await until(() => document.activeElement === byTestId('wd-profile-name'));
  });

  it('Test shows the identity, or the precise error', async () => {
    await addKeysProfile();
    await click('wd-profile-test');
    const result = await until(() => byTestId('wd-profile-test-result'));
    expect(result.dataset.ok).toBe('true');
    expect(result.textContent).toBe('Signed in as arn:aws:iam::111111111111:user/diagnoser (account 111111111111).');
    await until(() => byTestId('wd-profile-item')?.dataset.state === 'ready');
    expect(asked).toEqual([]); // an endpoint override needs no host permission

    await click('wd-profile-delete');
    await until(() => allByTestId('wd-profile-item').length === 0);
    await click('wd-profile-add-keys');
    await until(() => byTestId('wd-access-key-id'));
    type('wd-profile-name', 'Wrong secret');
    type('wd-access-key-id', KEYS.user.accessKeyId);
    type('wd-secret-access-key', 'not-the-right-secret-at-all');
    type('wd-endpoint', fake.url);
    await click('wd-custom-endpoint');
    await click('wd-profile-save');
    await until(() => byTestId('wd-profile-item'));
    const before = await until(() => byTestId('wd-profile-status'));
    expect(before.textContent).toBe('○not tested yet');
    await click('wd-profile-test');
    const failed = await until(() => byTestId('wd-profile-test-result'));
    expect(failed.dataset.ok).toBe('false');
    expect(failed.getAttribute('role')).toBe('alert');
    expect(failed.textContent).toMatch(/AWS rejected the credentials of profile "Wrong secret" \(SignatureDoesNotMatch\)/);
    // The badge follows: a failed Test no longer says "not tested yet". The alert's action is worded for keys.
    expect(byTestId('wd-profile-status')?.dataset.status).toBe('failed');
    expect(byTestId('wd-profile-status')?.textContent).toBe('✕failed');
    expect(allByTestId('wd-profile-test-result')).toHaveLength(1);
    await click('wd-profile-update-keys');
    await until(() => document.activeElement === byTestId('wd-profile-name'));
    expect((byTestId('wd-access-key-id') as HTMLInputElement).value).toBe(KEYS.user.accessKeyId);
  });

  it('asks for the host permission inside the "Save and sign in" click when no endpoint override is set', async () => {
    await click('wd-profile-add-sso');
    await until(() => byTestId('wd-sso-start-url'));
    expect(byTestId('wd-profile-save')?.textContent).toBe('Save and sign in');
    type('wd-profile-name', 'Real SSO');
    type('wd-sso-start-url', START_URL);
    type('wd-sso-region', 'eu-west-1');
    await click('wd-profile-save');
    expect(asked).toEqual([['https://*.amazonaws.com/*']]);
    await until(() => byTestId('wd-profile-item'));
    // This test's prompt answers yes without granting, so the worker, which checks for itself, still refuses.
    const problem = await until(() => byTestId('wd-profile-sign-in-problem'));
    expect(problem.getAttribute('role')).toBe('alert');
    expect(problem.textContent).toContain('may not reach Identity Center in eu-west-1');
    expect(byTestId('wd-profile-saved')?.textContent).toBe('Saved "Real SSO".');
    expect(browserDouble.tabs.created).toEqual([]);
  });

  it('sets a passphrase, says "wrong passphrase", and unlocks', async () => {
    await addKeysProfile();
    type('wd-passphrase', 'a long passphrase');
    await click('wd-passphrase-set');
    await until(() => byTestId('wd-vault-status')?.textContent === 'Passphrase set: the secret keys are encrypted.');
    expect(app.textContent).not.toContain('stored unencrypted');
    expect(browserDouble.kept.dump()).not.toContain(KEYS.user.secretAccessKey);

    await send('vault/lock', {});
    render(null, app);
    render(<Profiles send={send} hostAccess={hostAccess} />, app);
    await until(() => byTestId('wd-vault-unlock'));
    expect(byTestId('wd-profile-item')?.dataset.state).toBe('locked');
    type('wd-passphrase', 'not my passphrase');
    await click('wd-vault-unlock');
    expect((await until(() => byTestId('wd-vault-status'))).textContent).toBe('Wrong passphrase.');
    type('wd-passphrase', 'a long passphrase');
    await click('wd-vault-unlock');
    await until(() => byTestId('wd-vault-status')?.textContent === 'Unlocked for this browser session.');
    await until(() => byTestId('wd-profile-item')?.dataset.state === 'untested');
  });

  /** Fills the Identity Center form against the fake and saves it: one step, the save starts the device sign-in. */
  async function saveSsoProfile(checkForm = () => {}) {
    await click('wd-profile-add-sso');
    await until(() => byTestId('wd-sso-start-url'));
    checkForm();
    type('wd-profile-name', 'Org SSO');
    type('wd-sso-start-url', START_URL);
    type('wd-sso-region', 'us-east-1');
    type('wd-endpoint', fake.url);
    await click('wd-custom-endpoint');
    await click('wd-profile-save');
    return until(() => byTestId('wd-sso-code'));
  }

  it('signs in with Identity Center: shows the code, then the expiry and roles; prefers a role; signs out', async () => {
    const code = await saveSsoProfile(() => expect(byTestId('wd-secret-access-key')).toBeNull());
    expect(code.textContent).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(browserDouble.tabs.created.at(-1)?.url).toBe(`${fake.url}/device?user_code=${code.textContent}`);
    expect(byTestId('wd-sso-status')?.dataset.state).toBe('pending');
    expect(byTestId('wd-profile-status')?.dataset.status).toBe('pending');
    expect(byTestId('wd-profile-status')?.textContent).toBe('◷waiting for approval');
    expect(byTestId('wd-profile-saved')?.textContent).toBe('Saved "Org SSO".');
    await decide(fake.url, code.textContent ?? '', 'approve');

    await until(() => byTestId('wd-sso-status')?.dataset.state === 'signed-in', 10_000);
    // The notes of the sign-in go once it is done: no code, no "Saved".
    expect(byTestId('wd-sso-code')).toBeNull();
    expect(byTestId('wd-profile-saved')).toBeNull();
    expect(byTestId('wd-profile-status')?.dataset.status).not.toBe('pending');
    expect(byTestId('wd-sso-expires')?.textContent).toMatch(/\(in (59|60) min\)|\(in 1 h\)/);
    const roles = await until(() => allByTestId('wd-sso-role').length === 2 && allByTestId('wd-sso-role'));
    expect(roles.map((r) => [r.dataset.accountId, r.dataset.roleName])).toEqual([['111111111111', 'BillingReader'], ['111111111111', 'Diagnoser']]);

    await click('wd-sso-role-prefer', roles[1]);
    await until(() => allByTestId('wd-sso-role')[1]?.dataset.preferred === 'true');
    expect(allByTestId('wd-sso-role')[0]?.dataset.preferred).toBe('false');

    await click('wd-sso-sign-out');
    await until(() => byTestId('wd-sso-status')?.dataset.state === 'signed-out');
    expect(allByTestId('wd-sso-role')).toHaveLength(0);
    expect(asked).toEqual([]);
  }, 20_000);

  it('a failed Identity Center sign-in is an error alert with "Sign in again", and goes when that starts', async () => {
    const code = await saveSsoProfile();
    await decide(fake.url, code.textContent ?? '', 'deny');

    const problem = await until(() => byTestId('wd-sso-sign-in-problem'), 10_000);
    expect(problem.getAttribute('role')).toBe('alert');
    expect(problem.className).toBe('alert');
    expect(problem.dataset.type).toBe('error');
    expect(problem.textContent).toContain('The sign-in request was denied on the verification page.');
    expect(byTestId('wd-sso-message')).toBeNull();
    await click('wd-sso-sign-in-again', problem);
    const again = await until(() => byTestId('wd-sso-code'));
    expect(again.textContent).not.toBe(code.textContent);
    expect(byTestId('wd-sso-sign-in-problem')).toBeNull();
  }, 20_000);
});

describe('options: profiles under a managed configuration', () => {
  function renderManaged(managed: Parameters<typeof Profiles>[0]['managed']) {
    render(null, app);
    render(<Profiles send={send} hostAccess={hostAccess} managed={managed} />, app);
  }

  it('offers "Sign in with <org>" with the portal filled in, until that profile exists', async () => {
    renderManaged({ identityCenter: { startUrl: START_URL, region: 'us-east-1' } });
    const offer = await until(() => byTestId('wd-profile-managed-sso'));
    expect(offer.textContent).toMatch(/^Sign in with /);
    // The organization's sign-in stays the primary button; the generic one steps back.
    expect(offer.className).toBe('primary');
    expect(byTestId('wd-profile-add-sso')?.className).toBe('');
    await click('wd-profile-managed-sso');
    expect((await until(() => byTestId('wd-sso-start-url')) as HTMLInputElement).value).toBe(START_URL);
    expect((byTestId('wd-sso-region') as HTMLInputElement).value).toBe('us-east-1');
  });

  it('allowAccessKeys: false hides the access-key form and says why', async () => {
    renderManaged({ allowAccessKeys: false });
    expect((await until(() => byTestId('wd-profile-keys-disabled'))).textContent).toMatch(/only IAM Identity Center sign-in/);
    expect(byTestId('wd-profile-add-keys')).toBeNull();
    expect(byTestId('wd-profile-add-sso')).not.toBeNull();
  });
});
