// Steps shared by the credential tests (issues 4 and 5): profiles through the options page as a user adds them,
// the Identity Center device-code approval on the fake's verification page, and the secret checks.
import assert from 'node:assert/strict';

/** Sets the vault passphrase, so long-term secret keys are encrypted at rest. */
export async function setPassphrase(options, passphrase) {
  await options.waitForText('wd-profile-list'); // the section has loaded
  await openDisclosure(options, 'wd-vault', 'wd-vault-summary'); // folded while no long-term key is saved
  await options.fill('wd-passphrase', passphrase);
  await options.click('wd-passphrase-set');
  await options.waitForText('wd-vault-status', 'encrypted');
}

/** Adds an access-keys profile through the form; returns its profile id. */
export async function addKeysProfile(options, { name, accessKeyId, secretAccessKey, sessionToken = null, region = 'us-east-1', endpoint }) {
  await options.click('wd-profile-add-keys');
  await options.fill('wd-profile-name', name);
  await options.fill('wd-access-key-id', accessKeyId);
  await options.fill('wd-secret-access-key', secretAccessKey);
  if (sessionToken) await options.fill('wd-session-token', sessionToken);
  await options.fill('wd-region', region);
  await useCustomEndpoint(options, endpoint);
  await options.click('wd-profile-save');
  await options.waitForText('wd-profile-saved');
  return profileIdNamed(options, name);
}

/**
 * Adds an IAM Identity Center profile (start URL, its Region, the endpoint override) with "Save and sign in": the
 * device sign-in starts too (finish it with signInWithDeviceCode(…, { started: true })). Returns its profile id.
 */
export async function addIdentityCenterProfile(options, { name, startUrl, region, endpoint }) {
  await options.click('wd-profile-add-sso');
  await options.fill('wd-profile-name', name);
  await options.fill('wd-sso-start-url', startUrl);
  await options.fill('wd-sso-region', region);
  await useCustomEndpoint(options, endpoint);
  await options.click('wd-profile-save');
  await options.waitForText('wd-profile-saved');
  return profileIdNamed(options, name);
}

/**
 * The local fake AWS is not an AWS endpoint: the form needs "Custom endpoint", and then names its host. (Builds from
 * before the endpoint rule have no such box: the security tests run these steps against one, to show each attack
 * worked there.)
 */
async function useCustomEndpoint(options, endpoint) {
  // Builds from before "Advanced" show the endpoint fields unfolded.
  if ((await options.count('wd-profile-advanced')) > 0) await openDisclosure(options, 'wd-profile-advanced');
  await options.fill('wd-endpoint', endpoint);
  if ((await options.count('wd-custom-endpoint')) === 0) return;
  await options.click('wd-custom-endpoint');
  await options.waitForText('wd-custom-endpoint-warning', new URL(endpoint).host);
}

/** Opens a <details> (by its test id; its summary by `summary`, else the first one inside) unless it is open. */
async function openDisclosure(options, testid, summary = null) {
  if (await options.evaluate((id) => document.querySelector(`[data-testid="${id}"]`)?.open !== false, testid)) return;
  await options.click(summary ?? { css: `[data-testid="${testid}"] > summary` });
  await options.waitFor((id) => document.querySelector(`[data-testid="${id}"]`)?.open === true, testid, { what: `${testid} to open` });
}

async function profileIdNamed(options, name) {
  return options.waitFor((n) => [...document.querySelectorAll('[data-testid="wd-profile-item"]')]
    .find((item) => item.textContent.includes(n))?.getAttribute('data-profile-id') ?? null, name, { what: `the profile item of ${name}` });
}

/** "Test" on a profile: STS GetCallerIdentity through the worker; returns the result text. */
export async function testProfile(options, profileId) {
  await options.click({ css: `[data-testid="wd-profile-item"][data-profile-id="${profileId}"] [data-testid="wd-profile-test"]` });
  const result = await options.waitFor((id) => {
    const el = document.querySelector(`[data-testid="wd-profile-item"][data-profile-id="${id}"] [data-testid="wd-profile-test-result"]`);
    return el ? { ok: el.getAttribute('data-ok'), text: el.textContent } : null;
  }, profileId, { what: 'the profile test result', timeout: 15_000 });
  assert.equal(result.ok, 'true', `profile test failed: ${result.text}`);
  return result.text;
}

/**
 * Clicks "Sign in" on the options page (or runs `click`, e.g. the panel's "Sign in again"; or, with
 * `{ started: true }`, nothing: "Save and sign in" started it), checks that the options page shows the code the
 * verification page asks for, approves it there, and waits until the worker says signed in.
 */
export async function signInWithDeviceCode(driver, fake, options, profileId, click = null, { started = false } = {}) {
  const item = `[data-testid="wd-profile-item"][data-profile-id="${profileId}"]`;
  if (click) await click();
  else if (!started) await options.click({ css: `${item} [data-testid="wd-sso-sign-in"]` });
  const verification = await driver.waitForTab((url) => url.startsWith(`${fake.url}/device`), { timeout: 10_000 });
  const userCode = new URL(verification.raw.url()).searchParams.get('user_code');
  assert.ok(userCode, `the verification page has no user code: ${verification.raw.url()}`);
  assert.equal((await verification.read({ css: '#user-code' }))?.text, userCode, 'the verification page shows another code');
  if (!click) assert.equal((await options.waitForText({ css: `${item} [data-testid="wd-sso-code"]` }, userCode)).trim(), userCode);
  await verification.screenshot('sso-verification-page');
  await verification.click({ css: '#approve' });
  await verification.waitFor(() => /request approved/i.test(document.body.textContent), null, { what: 'the approval confirmation' });
  await verification.close();
  await waitForSsoState(driver, profileId, 'signed-in');
  if (!click) await options.waitFor((sel) => document.querySelector(`${sel} [data-testid="wd-sso-status"]`)?.getAttribute('data-state') === 'signed-in',
    item, { what: 'the options page saying signed in', timeout: 10_000 });
  return userCode;
}

/** Asks the worker for the profile's Identity Center state ('sso/status', as the options page does) until it is `want`. */
export async function waitForSsoState(driver, profileId, want, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  let state;
  for (;;) {
    state = await driver.extension(async (id) => {
      const api = globalThis.browser ?? globalThis.chrome;
      const reply = await api.runtime.sendMessage({ channel: 'why-denied', type: 'sso/status', payload: { profileId: id } });
      return reply?.ok ? reply.value.state : `error: ${reply?.error}`;
    }, profileId);
    if (state === want) return;
    if (Date.now() > deadline) assert.fail(`${driver.name}: Identity Center state is ${state}, expected ${want}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Every string value under keys that name a secret (tokens, secret keys, client secrets), with its path. */
export function secretValues(value, path = '') {
  if (typeof value === 'string') return /token|secret/i.test(path) && value.length >= 16 ? [{ path, value }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => secretValues(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => secretValues(v, path ? `${path}.${k}` : k));
  return [];
}

/** Which of the strings appear anywhere on a page: its markup, form values, and every open shadow root. */
export function stringsOnPage(page, strings) {
  return page.evaluate((needles) => {
    const parts = [document.documentElement.outerHTML];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if ('value' in el && typeof el.value === 'string') parts.push(el.value);
        if (el.shadowRoot) { parts.push(el.shadowRoot.innerHTML); walk(el.shadowRoot); }
      }
    };
    walk(document);
    const all = parts.join('\n');
    return needles.filter((n) => all.includes(n));
  }, strings);
}

/** Asserts that none of `secrets` is in storage.local (as stored, JSON-escaped or not). */
export async function assertNotInLocalStorage(driver, secrets, what) {
  const local = JSON.stringify(await driver.storage('local'));
  for (const secret of secrets) {
    assert.ok(!local.includes(secret) && !local.includes(JSON.stringify(secret).slice(1, -1)), `${what}: ${secret.slice(0, 6)}… is in storage.local`);
  }
}
