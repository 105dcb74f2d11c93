// Issue 4 in real browsers: a keys profile set up on the options page (endpoint override = the local fake AWS),
// a console page with the scenario's denial, Diagnose, and the panel names the blocking SCP and its statement.
// Also: no secret key or session token ever lands in storage.local or reaches the page.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { loadScenario, startFakeAws } from '../fake-aws/server.mjs';
import { axePanelViolations, axeViolations } from './axe.mjs';
import { denialPage } from './denial-page.mjs';
import { forEachBrowser } from './harness.mjs';
import { addKeysProfile, assertNotInLocalStorage, secretValues, setPassphrase, stringsOnPage, testProfile } from './profiles.mjs';

/** An SCP on a child OU blocks the action; FullAWSAccess is attached at every level, so only one SCP denies. */
const SCENARIO = 'scp-ou-level-deny';
const PAGE_URL = 'https://us-east-1.console.aws.amazon.com/costmanagement/home#/anomaly-detection/monitors';
const PASSPHRASE = 'e2e passphrase: correct horse battery staple';

/** A second key pair for the same caller, temporary (session token): kept only in storage.session by design. */
const TEMPORARY = {
  accessKeyId: 'ASIAFAKEE2ETEMPORARY',
  secretAccessKey: 'fakeE2eTemporarySecret/0001+abcdefghijklmnop',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLEe2eTemporaryToken000001',
};

/** What the diagnosed frame shows without opening anything: its words (innerText skips folded content) and height. */
async function frameFigures(tab, panel) {
  const frame = await tab.frameOf(panel.frameSrc);
  return frame.evaluate(() => ({
    words: document.body.innerText.split(/\s+/).filter(Boolean).length,
    height: Math.ceil(document.documentElement.getBoundingClientRect().height),
  }));
}

let fake;
/** The scenario plus the temporary key pair; each browser's first test starts from it. */
let base;
before(async () => {
  fake = await startFakeAws({ scenario: SCENARIO });
  base = structuredClone(fake.scenario);
  const [diagnoser] = base.credentials;
  base.credentials.push({ ...diagnoser, ...TEMPORARY, expiresAt: null });
});
after(async () => { await fake?.close(); });

forEachBrowser('diagnose with access keys', ({ test }) => {
  /** The long-term keys profile the first test adds; the second reuses it against another scenario. */
  let diagnoserProfileId = null;

  test('Diagnose names the blocking SCP and statement; no secret in storage.local or on the page', async (driver) => {
    fake.setScenario(base);
    const scenario = fake.scenario;
    const [keys] = scenario.credentials;
    const denied = /User: (arn:\S+) is not authorized/.exec(scenario.denial)?.[1];
    const accountId = denied?.split(':')[4];
    assert.ok(accountId, `the scenario's denial names no principal: ${scenario.denial}`);

    const options = await driver.openExtensionPage('options/options.html');
    await setPassphrase(options, PASSPHRASE);
    const profileId = await addKeysProfile(options, { name: 'e2e diagnoser', accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey, endpoint: fake.url });
    assert.ok((await options.read('wd-secret-notice'))?.text, 'the "secret is never shown again" notice is missing');
    diagnoserProfileId = profileId;
    const identity = await testProfile(options, profileId);
    assert.ok(identity.includes(keys.principal), `Test does not show the caller ARN: ${identity}`);
    await addKeysProfile(options, { name: 'e2e temporary', ...TEMPORARY, endpoint: fake.url });
    await options.screenshot('options-profiles');
    assert.deepEqual(await axeViolations(options), [], 'axe: the options page with profiles');

    const calls = fake.calls.length;
    const tab = await driver.openConsolePage(PAGE_URL, denialPage({ message: scenario.denial, accountId }));
    const [panel] = await tab.waitForPanels((all) => all.length === 1 && all[0].panel, { what: 'the denial panel' });
    assert.equal(panel.principal, denied);
    assert.equal(panel.data['layer.layer'], 'scp', 'the message alone already says SCP');
    await tab.select({ host: panel.watchId, testid: 'wd-profile-select' }, profileId);
    await tab.click({ host: panel.watchId, testid: 'wd-diagnose' });
    const [diagnosed] = await tab.waitForPanels((all) => all[0]?.['blocking-policy'], { what: 'the diagnosis', timeout: 20_000 });
    await tab.screenshot('diagnosed-scp');
    console.log(`${driver.name} diagnosed frame (${SCENARIO}):`, JSON.stringify(await frameFigures(tab, diagnosed)));
    // A diagnosed panel, in the console's light and dark modes: 0 axe violations.
    // The panel's root is closed: axe reaches it, and the diagnosis frame, from a test-owned world (axe.mjs).
    assert.deepEqual(await axePanelViolations(tab), [], 'axe: the diagnosed panel');
    await tab.evaluate(() => document.body.classList.add('awsui-dark-mode'));
    await tab.waitForHosts((host, root) => root?.querySelector('.root')?.dataset.mode ?? null, {}, (modes) => modes[0] === 'dark', { what: 'the panel in dark mode' });
    assert.deepEqual(await axePanelViolations(tab), [], 'axe: the diagnosed panel in dark mode');
    await tab.screenshot('diagnosed-scp-dark');

    const { expect } = scenario;
    assert.equal(diagnosed.data['diagnosis-verdict.layer'], expect.blockingLayer, `diagnosis layer: ${diagnosed['diagnosis-verdict']}`);
    assert.ok(diagnosed['blocking-policy'].includes(expect.policyName), `blocking policy: ${diagnosed['blocking-policy']}`);
    assert.equal(diagnosed['statement-sid'], expect.statementSid);
    assert.equal(JSON.parse(await tab.read({ host: panel.watchId, testid: 'wd-statement' }).then((r) => r.text)).Sid, expect.statementSid);
    // The verdict came from the fake, signed with this profile's keys: IAM and Organizations were asked.
    const made = fake.calls.slice(calls).filter((c) => c.accessKeyId === keys.accessKeyId);
    assert.ok(made.some((c) => c.service === 'organizations'), `no Organizations call: ${JSON.stringify(made.map((c) => c.action))}`);
    assert.ok(made.every((c) => c.status < 500), 'a call to the fake failed');

    // Secrets: encrypted (long-term, with a passphrase) or session-only (temporary), never readable in storage.local.
    const session = await driver.storage('session');
    const sessionJson = JSON.stringify(session);
    assert.ok(sessionJson.includes(TEMPORARY.sessionToken), 'the temporary keys are not in storage.session: the test would look for the wrong thing');
    const secrets = [keys.secretAccessKey, TEMPORARY.secretAccessKey, TEMPORARY.sessionToken, PASSPHRASE, ...secretValues(session).map((s) => s.value)];
    await assertNotInLocalStorage(driver, secrets, 'keys profiles');
    assert.deepEqual(await stringsOnPage(tab, secrets), [], 'a secret reached the console page');
  });

  test('without iam:SimulatePrincipalPolicy the panel still names the policy and says which permission was missing', async (driver) => {
    assert.ok(diagnoserProfileId, 'needs the keys profile of the previous test');
    const scenario = loadScenario('fail-no-simulate-permission'); // same diagnoser keys, fewer permissions
    fake.setScenario(scenario);
    const accountId = /User: arn:aws:iam::(\d{12}):/.exec(scenario.denial)?.[1];
    const tab = await driver.openConsolePage('https://us-east-1.console.aws.amazon.com/costmanagement/home#/cost-explorer',
      denialPage({ message: scenario.denial, accountId }));
    const [panel] = await tab.waitForPanels((all) => all.length === 1 && all[0].panel, { what: 'the denial panel' });
    await tab.select({ host: panel.watchId, testid: 'wd-profile-select' }, diagnoserProfileId);
    await tab.click({ host: panel.watchId, testid: 'wd-diagnose' });
    const [diagnosed] = await tab.waitForPanels((all) => all[0]?.['diagnosis-problem'] && all[0]?.['blocking-policy'], { what: 'the partial diagnosis', timeout: 20_000 });
    await tab.screenshot('diagnosed-missing-permission');
    console.log(`${driver.name} diagnosed frame (fail-no-simulate-permission):`, JSON.stringify(await frameFigures(tab, diagnosed)));
    assert.ok(diagnosed['blocking-policy'].includes(scenario.expect.policyName), `blocking policy: ${diagnosed['blocking-policy']}`);
    assert.equal(diagnosed['statement-sid'], scenario.expect.statementSid);
    assert.equal(diagnosed.data['diagnosis-problem.kind'], 'missing-permission');
    assert.ok(diagnosed['diagnosis-problem'].includes('iam:SimulatePrincipalPolicy'), `problem: ${diagnosed['diagnosis-problem']}`);
    const suggestion = await tab.read({ host: panel.watchId, testid: 'wd-diagnostic-policy' });
    assert.ok(suggestion?.text.includes('iam:SimulatePrincipalPolicy'), 'no diagnostic policy that grants the missing permission');
  });
});
