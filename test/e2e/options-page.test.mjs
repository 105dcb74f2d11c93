// Issue 14 part 3 in real browsers: the options page's first step comes first (the Add buttons above the fold at
// 1280×900, Identity Center the primary one, no passphrase warning before a key exists); the form takes the focus,
// shows every problem under its field and focuses the first; "Save and sign in" starts the device sign-in; the
// badge reads "waiting for approval", then "ready", and a failed Test "failed" with one alert whose action fits the
// profile. axe finds 0 violations in every one of these states (light, and dark where the browser can emulate it).
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { startFakeAws } from '../fake-aws/server.mjs';
import { axeViolations } from './axe.mjs';
import { forEachBrowser } from './harness.mjs';
import { addIdentityCenterProfile, addKeysProfile, signInWithDeviceCode } from './profiles.mjs';

let fake;
before(async () => { fake = await startFakeAws({ scenario: 'idc-device-flow' }); });
after(async () => { await fake?.close(); });

/** Runs in the page: what the first screen (the viewport) shows, and where the Add buttons are. */
function firstScreen() {
  const fold = innerHeight;
  const box = (el) => el.getBoundingClientRect();
  const shown = [...document.querySelectorAll('h1, h2, h3, p, button, summary, label, .alert')]
    .filter((el) => el.checkVisibility() && box(el).top < fold && !el.parentElement?.closest('button, label, summary'))
    .map((el) => `${el.tagName.toLowerCase()}: ${el.textContent.replace(/\s+/g, ' ').trim().slice(0, 70)}`);
  const add = Object.fromEntries(['wd-profile-add-sso', 'wd-profile-add-keys'].map((id) => {
    const el = document.querySelector(`[data-testid="${id}"]`);
    return [id, el ? { bottom: Math.round(box(el).bottom), primary: el.classList.contains('primary'), text: el.textContent } : null];
  }));
  return { fold, add, shown };
}

/** Runs in the page: the form's invalid fields, what describes each, and which element has the focus. */
function formErrors() {
  const invalid = [...document.querySelectorAll('[aria-invalid="true"]')].map((el) => ({
    id: el.id,
    error: document.getElementById(el.getAttribute('aria-describedby')?.split(' ')[0] ?? '')?.textContent ?? null,
  }));
  return { invalid, focused: document.activeElement?.id ?? null, bottomLine: document.querySelector('[data-testid="wd-profile-problem"]')?.textContent ?? null };
}

const badgeOf = (options, profileId) => options.evaluate((id) => {
  const badge = document.querySelector(`[data-profile-id="${id}"] [data-testid="wd-profile-status"]`);
  return badge ? { status: badge.dataset.status, text: badge.textContent, colour: getComputedStyle(badge).color } : null;
}, profileId);

/** axe on the page as it is, and again in dark where the browser can emulate the preference (Chromium). */
async function assertNoViolations(options, state) {
  assert.deepEqual(await axeViolations(options), [], `${options.driver.name}: axe, the options page ${state}`);
  if (options.driver.name !== 'chromium') return;
  await options.raw.emulateMedia({ colorScheme: 'dark' });
  try {
    assert.deepEqual(await axeViolations(options), [], `${options.driver.name}: axe, the options page ${state} (dark)`);
  } finally {
    await options.raw.emulateMedia({ colorScheme: 'light' });
  }
}

forEachBrowser('options page', ({ test }) => {
  // In order, in one browser profile: the first test needs a profile with no profile yet.
  test('first run: the Add buttons above the fold, Identity Center primary, no passphrase warning; 0 axe violations', async (driver, t) => {
    const options = await driver.openExtensionPage('options/options.html');
    await options.waitForText('wd-profile-none');
    await options.waitForText('wd-setting-panel-mode'); // the settings have loaded: the page has its full length
    const screen = await options.evaluate(firstScreen);
    t.diagnostic(`${driver.name} first screen (${screen.fold} px): ${JSON.stringify(screen)}`);
    assert.equal(screen.add['wd-profile-add-sso']?.primary, true, 'Identity Center is not the primary button');
    assert.equal(screen.add['wd-profile-add-sso']?.text, 'Sign in with IAM Identity Center');
    assert.equal(screen.add['wd-profile-add-keys']?.primary, false);
    assert.equal(screen.add['wd-profile-add-keys']?.text, 'Use access keys');
    for (const [id, button] of Object.entries(screen.add)) assert.ok(button.bottom <= screen.fold, `${id} ends at ${button.bottom} px, below the fold`);
    assert.equal(await options.count('wd-vault-warning'), 0, 'a passphrase warning before any key exists');
    assert.equal(await options.evaluate(() => document.querySelector('[data-testid="wd-vault"]')?.open), false, 'the passphrase is not folded');
    await options.screenshot('options-first-run');
    await assertNoViolations(options, 'on first run');
  });

  test('the form: focus in its first field, every problem under its field, the first one focused; 0 axe violations', async (driver) => {
    const options = await driver.openExtensionPage('options/options.html');
    await options.click('wd-profile-add-keys');
    await options.waitFor(() => document.activeElement?.id === 'wd-profile-name', null, { what: 'the focus in the name field' });
    await options.fill('wd-endpoint', 'ftp://example.com');
    await options.click('wd-profile-save');
    // The errors render first; the focus moves in the effect after that render.
    await options.waitFor(() => document.activeElement?.getAttribute('aria-invalid') === 'true', null, { what: 'the field errors, with the focus on one of them' });
    const errors = await options.evaluate(formErrors);
    assert.deepEqual(errors.invalid.map((f) => f.id), ['wd-profile-name', 'wd-access-key-id', 'wd-secret-access-key', 'wd-endpoint']);
    for (const field of errors.invalid) assert.ok(field.error && field.error.length > 10, `${field.id} has no error under it`);
    assert.equal(errors.focused, 'wd-profile-name', 'the first invalid field is not focused');
    assert.equal(errors.bottomLine, null, 'a single error line at the bottom');
    assert.equal(await options.evaluate(() => document.querySelector('[data-testid="wd-profile-advanced"]').open), true, 'the endpoint\'s problem is folded away');
    await options.screenshot('options-form-errors');
    await assertNoViolations(options, 'with the form showing errors');
  });

  test('"Save and sign in": waiting for approval (not a red "needs sign-in"), then ready with no stale note; 0 axe violations', async (driver) => {
    const { identityCenter } = fake.scenario;
    const options = await driver.openExtensionPage('options/options.html');
    const profileId = await addIdentityCenterProfile(options, { name: 'e2e options sso', startUrl: identityCenter.startUrl, region: identityCenter.region, endpoint: fake.url });
    await options.waitFor((id) => document.querySelector(`[data-profile-id="${id}"] [data-testid="wd-sso-code"]`) !== null, profileId, { what: 'the device code' });
    const waiting = await badgeOf(options, profileId);
    assert.equal(waiting.status, 'pending');
    assert.match(waiting.text, /waiting for approval/);
    await options.screenshot('options-waiting-for-approval');
    await assertNoViolations(options, 'waiting for approval');

    await signInWithDeviceCode(driver, fake, options, profileId, null, { started: true });
    await options.waitFor((id) => document.querySelector(`[data-profile-id="${id}"] [data-testid="wd-profile-status"]`)?.dataset.status === 'ready', profileId, { what: 'the ready badge' });
    assert.match((await badgeOf(options, profileId)).text, /ready/);
    assert.equal(await options.count('wd-sso-code'), 0, 'the device code stayed after sign-in');
    assert.equal(await options.count('wd-profile-saved'), 0, '"Saved" stayed after sign-in');
    await options.screenshot('options-ready');
    await assertNoViolations(options, 'with a profile ready');
  });

  test('a failed Test: the badge reads "failed", one alert with "Update keys"; 0 axe violations', async (driver) => {
    const options = await driver.openExtensionPage('options/options.html');
    const profileId = await addKeysProfile(options, { name: 'e2e wrong keys', accessKeyId: 'AKIAFAKEUNKNOWN00001', secretAccessKey: 'not-a-key-this-fake-knows/0001', endpoint: fake.url });
    assert.match((await badgeOf(options, profileId)).text, /not tested yet/);
    const item = `[data-testid="wd-profile-item"][data-profile-id="${profileId}"]`;
    await options.click({ css: `${item} [data-testid="wd-profile-test"]` });
    const alert = await options.waitFor((sel) => {
      const alerts = [...document.querySelectorAll(`${sel} [role="alert"]`)];
      return alerts.length > 0 ? alerts.map((a) => ({ ok: a.dataset.ok, text: a.textContent, action: a.querySelector('button')?.textContent })) : null;
    }, item, { what: 'the failed Test alert', timeout: 15_000 });
    assert.equal(alert.length, 1, `more than one alert: ${JSON.stringify(alert)}`);
    assert.equal(alert[0].ok, 'false');
    assert.equal(alert[0].action, 'Update keys');
    const failed = await badgeOf(options, profileId);
    assert.equal(failed.status, 'failed');
    assert.match(failed.text, /failed/);
    assert.equal(await options.count('wd-profile-saved'), 0, '"Saved" stayed after the Test');
    await options.screenshot('options-test-failed');
    await assertNoViolations(options, 'after a failed Test');
  });
});
