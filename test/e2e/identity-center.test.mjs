// Issue 5 in real browsers: an IAM Identity Center profile on the options page, sign-in through the device code
// approved on the fake's verification page, a diagnosis with the session's role credentials, then an ended session
// that makes the panel offer "Sign in again" while it keeps the denial. Tokens and role credentials never land in
// storage.local or reach the page.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { startFakeAws } from '../fake-aws/server.mjs';
import { denialPage } from './denial-page.mjs';
import { forEachBrowser } from './harness.mjs';
import { addIdentityCenterProfile, assertNotInLocalStorage, secretValues, signInWithDeviceCode, stringsOnPage } from './profiles.mjs';

/** Access tokens that cannot be refreshed: once expired, only a new sign-in helps. */
const SCENARIO = 'idc-short-session';
const PAGE_URL = 'https://us-east-1.console.aws.amazon.com/billing/home#/tax';

let fake;
/** The scenario as loaded, to reset the fake between suites (a fresh Identity Center: no clients, no tokens). */
let SCENARIO_DATA;
before(async () => {
  fake = await startFakeAws({ scenario: SCENARIO });
  SCENARIO_DATA = structuredClone(fake.scenario);
});
after(async () => { await fake?.close(); });

const denied = () => /User: (arn:\S+) is not authorized/.exec(SCENARIO_DATA.denial)?.[1] ?? assert.fail(`the denial names no principal: ${SCENARIO_DATA.denial}`);
const deniedAccount = () => denied().split(':')[4];

/** Adds the Identity Center profile on the options page and signs in; returns the options page and profile id. */
async function signedInProfile(driver) {
  const { identityCenter } = SCENARIO_DATA;
  const options = await driver.openExtensionPage('options/options.html');
  const profileId = await addIdentityCenterProfile(options, { name: 'e2e identity center', startUrl: identityCenter.startUrl, region: identityCenter.region, endpoint: fake.url });
  // "Save and sign in": the save started the device sign-in.
  const userCode = await signInWithDeviceCode(driver, fake, options, profileId, null, { started: true });
  return { options, profileId, userCode };
}

async function openDenial(driver) {
  const tab = await driver.openConsolePage(PAGE_URL, denialPage({ message: SCENARIO_DATA.denial, accountId: deniedAccount(), sessionArn: denied() }));
  await tab.waitForPanels((all) => all.length === 1 && all[0].panel, { what: 'the denial panel' });
  return tab;
}

/** Clicks Diagnose and waits for the diagnosis to name the expected policy; returns the panel. */
async function diagnose(tab) {
  const [panel] = await tab.panels();
  await tab.click({ host: panel.watchId, testid: 'wd-diagnose' });
  const [diagnosed] = await tab.waitForPanels((all) => all[0]?.['blocking-policy'], { what: 'the diagnosis', timeout: 20_000 });
  return { panel, diagnosed };
}

async function expectSignInAgain(tab, panel) {
  // A re-check with refused credentials answers in a second or two; longer means it will not come.
  const [expired] = await tab.waitForPanels((all) => all[0]?.buttons.includes('wd-sign-in-again'), { what: '"Sign in again"', timeout: 8000 });
  assert.equal(expired.principal, denied(), 'the denial is no longer shown after the session ended');
  assert.equal(expired.action, panel.action);
  // One alert, worded for Identity Center (sign in again, not new keys), its AWS words behind "Show evidence".
  assert.equal(expired.data['error.kind'], 'sign-in');
  assert.equal(await tab.count({ host: panel.watchId, css: '[role=alert]' }), 1, 'the ended session is not one alert');
  assert.ok(!expired.buttons.includes('wd-update-keys'), 'an Identity Center profile is asked for keys');
  assert.match(expired.frameText, /Show evidence/);
}

forEachBrowser('identity center', ({ test }) => {
  // These two run in order in one browser profile: the second ends the session the first signed in.
  let profileId = null;

  test('sign in with the device code, diagnose with the session\'s role credentials; no token in storage.local or on the page', async (driver) => {
    fake.setScenario(SCENARIO_DATA);
    const { identityCenter, expect, credentials } = SCENARIO_DATA;
    const signedIn = await signedInProfile(driver);
    const { options } = signedIn;
    assert.match(signedIn.userCode, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const roles = await options.evaluate(() => [...document.querySelectorAll('[data-testid="wd-sso-role"]')]
      .map((r) => `${r.getAttribute('data-account-id')}/${r.getAttribute('data-role-name')}`));
    assert.deepEqual(roles.sort(), identityCenter.assignments.map((a) => `${a.accountId}/${a.roleName}`).sort());
    assert.ok((await options.read('wd-sso-expires'))?.text, 'the session expiry is not shown');
    await options.screenshot('sso-signed-in');

    const tab = await openDenial(driver);
    const [before] = await tab.panels();
    await tab.waitForText({ host: before.watchId, testid: 'wd-profile-select' }); // the panel lists profiles once it has asked the worker
    assert.equal((await tab.read({ host: before.watchId, testid: 'wd-profile-select' }))?.value, signedIn.profileId,
      'the Identity Center profile with the denied account is not preselected');
    const { diagnosed } = await diagnose(tab);
    assert.ok(diagnosed['blocking-policy'].includes(expect.policyName), `blocking policy: ${diagnosed['blocking-policy']}`);
    assert.equal(diagnosed['statement-sid'], expect.statementSid);
    assert.equal(diagnosed.data['diagnosis-verdict.layer'], expect.blockingLayer);
    // The role that can simulate did the work (its key signed the IAM calls), not the denied role.
    const diagnostics = credentials.find((c) => c.allow !== '*' && c.allow.includes('iam:SimulatePrincipalPolicy'));
    assert.ok(fake.calls.some((c) => c.service === 'iam' && c.accessKeyId === diagnostics.accessKeyId), 'no IAM call with the Identity Center role credentials');
    await tab.screenshot('sso-diagnosed');

    // Tokens and role credentials: only in storage.session, never in storage.local or on the page.
    const session = await driver.storage('session');
    const fromSession = secretValues(session);
    assert.ok(fromSession.some((s) => /accessToken/i.test(s.path)), `no access token found in storage.session (paths: ${fromSession.map((s) => s.path).join(', ')})`);
    const secrets = [...fromSession.map((s) => s.value), ...credentials.flatMap((c) => [c.secretAccessKey, c.sessionToken].filter(Boolean))];
    await assertNotInLocalStorage(driver, secrets, 'Identity Center');
    assert.deepEqual(await stringsOnPage(tab, secrets), [], 'a token or role credential reached the console page');
    assert.deepEqual(await stringsOnPage(options, fromSession.filter((s) => /accessToken|refreshToken/i.test(s.path)).map((s) => s.value)), [],
      'a token reached the options page');
    profileId = signedIn.profileId;
  });

  test('the session ends (expireTokens): Re-check offers "Sign in again", the denial stays, one click signs in again', async (driver) => {
    assert.ok(profileId, 'needs the signed-in profile of the previous test');
    const tab = await openDenial(driver);
    const { panel } = await diagnose(tab); // from the worker's diagnosis cache
    fake.expireTokens();
    await tab.click({ host: panel.watchId, testid: 'wd-recheck' }); // skips the cache: needs the session now
    await expectSignInAgain(tab, panel);
    await tab.screenshot('sso-sign-in-again');

    const options = await driver.openExtensionPage('options/options.html');
    await signInWithDeviceCode(driver, fake, options, profileId, () => tab.click({ host: panel.watchId, testid: 'wd-sign-in-again' }));
    await tab.click({ host: panel.watchId, testid: 'wd-recheck' });
    await tab.waitForPanels((all) => all[0]?.['blocking-policy']?.includes(SCENARIO_DATA.expect.policyName) && !all[0].buttons.includes('wd-sign-in-again'),
      { what: 'the diagnosis after signing in again', timeout: 20_000 });
  });
});

forEachBrowser('identity center, role credentials refused', ({ test }) => {
  test('the session is gone and AWS refuses the cached role credentials: the panel offers "Sign in again" and keeps the denial', async (driver) => {
    fake.setScenario(SCENARIO_DATA);
    await signedInProfile(driver);
    const tab = await openDenial(driver);
    const { panel } = await diagnose(tab);
    // The fake forgets every token (the portal answers 401) and the role credentials are past their end (ExpiredToken).
    const ended = structuredClone(SCENARIO_DATA);
    for (const c of ended.credentials) c.expiresAt = new Date(Date.now() - 60_000).toISOString();
    fake.setScenario(ended);
    await tab.click({ host: panel.watchId, testid: 'wd-recheck' });
    await expectSignInAgain(tab, panel);
  });
});
