// Issue 4 in real browsers: a keys profile set up on the options page (endpoint override = the local fake AWS),
// a console page with the scenario's denial, Diagnose, and the panel names the blocking SCP and its statement.
// Then a bucket of another account: the worker reads its bucket policy from S3 with a profile in that account.
// Also: no secret key or session token ever lands in storage.local or reaches the page.
// Issues 14 and 11 in the frame: the diagnosis is the answer (first, short, details folded), the frame tells the
// panel only a state word, errors are one alert, and AWS's record, cross-account sides and the statement to grant
// have their own views.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { bucketRecordScenario } from '../fake-aws/record-scenarios.mjs';
import { loadScenario, startFakeAws } from '../fake-aws/server.mjs';
import { axePanelViolations, axeViolations } from './axe.mjs';
import { denialPage } from './denial-page.mjs';
import { forEachBrowser, MAX_DIAGNOSED_WORDS, visibleWords } from './harness.mjs';
import { addKeysProfile, assertNotInLocalStorage, secretValues, setPassphrase, stringsOnPage, testProfile } from './profiles.mjs';
import { changeSettings, waitForOpenedUrl } from './settings.mjs';

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
  const words = await frame.evaluate(visibleWords);
  return frame.evaluate((shown) => ({ words: shown, innerTextWords: document.body.innerText.split(/\s+/).filter(Boolean).length, height: Math.ceil(document.documentElement.getBoundingClientRect().height) }), words);
}

/** Records, in the console page, what panel frames post to it: the panel's receiving side is not this file's. */
function recordFrameMessages() {
  window.__wdFrameMessages = [];
  addEventListener('message', (event) => {
    const data = event.data;
    if (data && typeof data === 'object' && Object.keys(data).some((k) => k.startsWith('whyDeniedFrame'))) window.__wdFrameMessages.push(data);
  });
}

/**
 * The diagnosed frame reads answer first: the verdict is its first text, the details are one closed disclosure that
 * the keyboard opens, and the visible frame stays short. Prints the words and height for the figures.
 */
async function assertAnswerFirst(tab, panel, scenario) {
  const figures = await frameFigures(tab, panel);
  console.log(`${tab.driver.name} diagnosed frame (${scenario}): ${JSON.stringify(figures)}`);
  assert.ok(figures.words <= MAX_DIAGNOSED_WORDS, `the diagnosed frame shows ${figures.words} words (at most ${MAX_DIAGNOSED_WORDS})`);
  const frame = await tab.frameOf(panel.frameSrc);
  const first = await frame.evaluate(() => document.body.innerText.trim().split('\n')[0]);
  assert.equal(first.trim(), panel['diagnosis-verdict'], 'the frame does not start with the diagnosed verdict');
  const details = () => frame.evaluate(() => document.querySelector('[data-testid="wd-diagnosis-details"]')?.open ?? null);
  assert.equal(await details(), false, 'the details are not folded');
  await frame.evaluate(() => document.querySelector('[data-testid="wd-diagnosis-details"] > summary').focus());
  await tab.raw.keyboard.press('Enter');
  await tab.waitFor(() => true); // one round trip: the toggle is synchronous
  assert.equal(await details(), true, 'Enter on the summary does not open the details');
  await tab.raw.keyboard.press('Enter');
  assert.equal(await details(), false, 'Enter on the summary does not fold the details again');
  return figures;
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
    await tab.evaluate(recordFrameMessages);
    const [panel] = await tab.waitForPanels((all) => all.length === 1 && all[0].panel, { what: 'the denial panel' });
    assert.equal(panel.principal, denied);
    assert.equal(panel.data['layer.layer'], 'scp', 'the message alone already says SCP');
    await tab.select({ host: panel.watchId, testid: 'wd-profile-select' }, profileId);
    await tab.click({ host: panel.watchId, testid: 'wd-diagnose' });
    const [diagnosed] = await tab.waitForPanels((all) => all[0]?.['blocking-policy'], { what: 'the diagnosis', timeout: 20_000 });
    await tab.screenshot('diagnosed-scp');
    await assertAnswerFirst(tab, diagnosed, SCENARIO);
    // The panel hears that a diagnosis is shown, as one state word; nothing of the diagnosis reaches the page.
    const posted = await tab.waitFor(() => window.__wdFrameMessages.some((m) => m.whyDeniedFrameState === 'diagnosed') && window.__wdFrameMessages, undefined, { what: 'the frame state "diagnosed"' });
    for (const m of posted) {
      assert.equal(Object.keys(m).length, 1, `a frame message carries more than one field: ${JSON.stringify(m)}`);
      assert.ok(typeof m.whyDeniedFrameHeight === 'number' || ['diagnosed', 'idle'].includes(m.whyDeniedFrameState), `unexpected frame message ${JSON.stringify(m)}`);
    }
    // A diagnosed panel, in the console's light and dark modes: 0 axe violations.
    // The panel's root is closed: axe reaches it, and the diagnosis frame, from a test-owned world (axe.mjs).
    assert.deepEqual(await axePanelViolations(tab), [], 'axe: the diagnosed panel');
    await tab.evaluate(() => document.body.classList.add('awsui-dark-mode'));
    await tab.waitForHosts((host, root) => root?.querySelector('.root')?.dataset.mode ?? null, {}, (modes) => modes[0] === 'dark', { what: 'the panel in dark mode' });
    // The frame takes the console's mode from its panel ({ whyDeniedFrameMode }, from the parent window only): the
    // panel passes on the console's switch, with nothing posted by the test.
    const frameBackground = () => tab.frameOf(diagnosed.frameSrc).then((f) => f.evaluate(() => getComputedStyle(document.querySelector('.root')).backgroundColor));
    for (const deadline = Date.now() + 3000; (await frameBackground()) !== 'rgb(0, 17, 41)';) { // #001129
      assert.ok(Date.now() < deadline, `the frame did not turn dark: ${await frameBackground()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepEqual(await axePanelViolations(tab), [], 'axe: the diagnosed panel in dark mode');
    await tab.screenshot('diagnosed-scp-dark');

    // The request with this diagnosis drops the checks it settled: the message left MFA and Region open.
    assert.match(panel.text ?? '', /MFA conditions:/, 'the offline panel has no MFA check: the next assertion would prove nothing');
    await tab.bringToFront();
    // The frame's own button (in .diagnose), not the offline panel's one of the same test id.
    await tab.click({ host: panel.watchId, css: '.diagnose [data-testid="wd-copy-request"]' });
    await tab.waitForText({ host: panel.watchId, css: '.diagnose [data-testid="wd-copied"]' }, 'Copied');
    const request = await driver.readClipboard(tab);
    assert.match(request, /FinanceCostControls/, `the copied request lacks the diagnosis:\n${request}`);
    assert.doesNotMatch(request, /MFA conditions:|Region: does/, `the copied request still lists checks the diagnosis settled:\n${request}`);

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

  test("the frame's own \"Send to admin\" sends the diagnosis: the blocking policy the message did not name", async (driver) => {
    assert.ok(diagnoserProfileId, 'needs the keys profile of the first test');
    fake.setScenario(base);
    const scenario = fake.scenario;
    assert.doesNotMatch(scenario.denial, /arn:aws:organizations/, 'the message names the SCP itself: the test would not tell the frame from the panel');
    const TICKETS = 'https://tickets.example.test/new';
    const ticketUrl = `${TICKETS}?policy={policyArn}&layer={layer}&summary={summary}`;
    if (!driver.browser) await driver.context.route(`${TICKETS}*`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>ticket form</title>' }));
    assert.equal((await changeSettings(driver, { requestChannel: { kind: 'ticketUrl', url: ticketUrl } })).ok, true, 'the channel was not set');
    try {
      const accountId = /User: arn:aws:iam::(\d{12}):/.exec(scenario.denial)?.[1];
      const tab = await driver.openConsolePage(PAGE_URL, denialPage({ message: scenario.denial, accountId }));
      const [panel] = await tab.waitForPanels((all) => all.length === 1 && all[0].panel, { what: 'the denial panel' });
      await tab.select({ host: panel.watchId, testid: 'wd-profile-select' }, diagnoserProfileId);
      await tab.click({ host: panel.watchId, testid: 'wd-diagnose' });
      await tab.waitForPanels((all) => all[0]?.['blocking-policy'], { what: 'the diagnosis', timeout: 20_000 });
      // The frame's own button (in .diagnose), not the offline panel's one of the same test id.
      await tab.click({ host: panel.watchId, css: '.diagnose [data-testid="wd-send-admin"]' });
      await tab.waitForText({ host: panel.watchId, css: '.diagnose [data-testid="wd-send-status"]' }, 'Opened the ticket form.');
      // Chromium's tab gets the stand-in page routed above; Firefox's, its error page (waitForOpenedUrl reads both).
      const url = await waitForOpenedUrl(driver, (u) => u.startsWith(TICKETS));
      const params = new URL(url).searchParams;
      assert.equal(params.get('policy'), scenario.expect.policyArn, 'the ticket lacks the policy the diagnosis found');
      assert.equal(params.get('layer'), 'service control policy (SCP)');
      assert.match(params.get('summary') ?? '', /ce:CreateAnomalyMonitor/);
    } finally {
      await changeSettings(driver, { requestChannel: null });
      if (!driver.browser) await driver.context.unroute(`${TICKETS}*`);
    }
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
    await assertAnswerFirst(tab, diagnosed, 'fail-no-simulate-permission');
    assert.equal(await tab.count({ host: panel.watchId, css: '[role=alert]' }), 1, 'the missing permission is not one alert');
    assert.ok(diagnosed.buttons.includes('wd-grant-permission'), 'no "Grant permission"');
    assert.ok(diagnosed['blocking-policy'].includes(scenario.expect.policyName), `blocking policy: ${diagnosed['blocking-policy']}`);
    assert.equal(diagnosed['statement-sid'], scenario.expect.statementSid);
    assert.equal(diagnosed.data['diagnosis-problem.kind'], 'missing-permission');
    assert.ok(diagnosed['diagnosis-problem'].includes('iam:SimulatePrincipalPolicy'), `problem: ${diagnosed['diagnosis-problem']}`);
    const suggestion = await tab.read({ host: panel.watchId, testid: 'wd-diagnostic-policy' });
    assert.ok(suggestion?.text.includes('iam:SimulatePrincipalPolicy'), 'no diagnostic policy that grants the missing permission');
  });

  test("a bucket in another account: with a profile in the bucket's account, the worker reads its bucket policy from S3", async (driver) => {
    assert.ok(diagnoserProfileId, 'needs the keys profile of the first test');
    // The same diagnoser keys, as a user of the management account that owns the CUR bucket.
    const owner = loadScenario('cross-account-cur-bucket-owner-profile');
    const [keys] = loadScenario('fail-no-simulate-permission').credentials;
    fake.setScenario({ ...owner, credentials: [{ ...keys, principal: 'arn:aws:iam::999999999999:user/diagnoser', allow: owner.credentials[0].allow }] });
    const calls = fake.calls.length;
    const tab = await driver.openConsolePage('https://us-east-1.console.aws.amazon.com/billing/home#/bcm-data-exports', denialPage({ message: owner.denial, accountId: '111111111111' }));
    const [panel] = await tab.waitForPanels((all) => all.length === 1 && all[0].panel, { what: 'the denial panel' });
    await tab.select({ host: panel.watchId, testid: 'wd-profile-select' }, diagnoserProfileId);
    await tab.click({ host: panel.watchId, testid: 'wd-diagnose' });
    const [diagnosed] = await tab.waitForPanels((all) => all[0]?.['diagnosis-verdict'], { what: 'the diagnosis', timeout: 20_000 });
    await tab.screenshot('diagnosed-cross-account-bucket');
    assert.equal(diagnosed.data['diagnosis-verdict.layer'], 'resource', `diagnosis layer: ${diagnosed['diagnosis-verdict']}`);
    assert.ok(diagnosed['diagnosis-verdict'].includes('The bucket policy of example-cur-999999999999 in account 999999999999 does not allow'), `verdict: ${diagnosed['diagnosis-verdict']}`);
    const read = fake.calls.slice(calls).filter((c) => c.service === 's3' && c.action === 'GetBucketPolicy');
    assert.equal(read.length, 1, 'one s3:GetBucketPolicy');
    assert.equal(read[0].accessKeyId, keys.accessKeyId);
    assert.equal(read[0].status, 200);
  });

  /** Opens the scenario's (by name, or itself) denial on `pageUrl`, diagnoses it with the first test's profile; waits for the answer. */
  async function diagnoseScenario(driver, nameOrScenario, pageUrl) {
    assert.ok(diagnoserProfileId, 'needs the keys profile of the first test');
    const scenario = typeof nameOrScenario === 'string' ? loadScenario(nameOrScenario) : nameOrScenario;
    const name = scenario.name;
    fake.setScenario(scenario);
    const accountId = /User: arn:aws:iam::(\d{12}):/.exec(scenario.denial)?.[1];
    const tab = await driver.openConsolePage(pageUrl, denialPage({ message: scenario.denial, accountId }));
    const [panel] = await tab.waitForPanels((all) => all.length === 1 && all[0].panel, { what: 'the denial panel' });
    await tab.select({ host: panel.watchId, testid: 'wd-profile-select' }, diagnoserProfileId);
    await tab.click({ host: panel.watchId, testid: 'wd-diagnose' });
    const [diagnosed] = await tab.waitForPanels((all) => all[0]?.['diagnosis-verdict'], { what: `the diagnosis of ${name}`, timeout: 20_000 });
    await tab.screenshot(`diagnosed-${name}`);
    await assertAnswerFirst(tab, diagnosed, name);
    assert.deepEqual(await axePanelViolations(tab), [], `axe: the diagnosed panel (${name})`);
    return { tab, panel, diagnosed, scenario };
  }

  test("AWS's record: the deciding policy and Sid, the statement as evaluated, marked as changed since the denial", async (driver) => {
    const { diagnosed, scenario } = await diagnoseScenario(driver, 'record-policy-changed', 'https://us-east-1.console.aws.amazon.com/billing/home#/budgets');
    assert.equal(diagnosed.data['aws-record.used'], 'true', `the record was not used: ${diagnosed.frameText}`);
    assert.equal(diagnosed.data['aws-record.changed'], 'true', 'no "changed since the denial" mark');
    assert.ok(diagnosed['blocking-policy'].includes(scenario.expect.policyName), `blocking policy: ${diagnosed['blocking-policy']}`);
    assert.equal(diagnosed['statement-sid'], scenario.expect.statementSid);
    assert.match(diagnosed.frameText, /as AWS evaluated it at the denial/);
    // The inline policy's owner and name are known: the command names both.
    assert.match(diagnosed.frameText, /aws iam get-user-policy --user-name alice --policy-name BudgetLimits --query PolicyDocument/);
  });

  test("AWS's record of a managed policy in 2 calls; \"Compare with today's policy\" reads it and says it changed since the denial", async (driver) => {
    const calls = fake.calls.length;
    const { tab, panel, diagnosed } = await diagnoseScenario(driver, 'record-managed-policy-changed', 'https://us-east-1.console.aws.amazon.com/billing/home#/budgets');
    assert.deepEqual(fake.calls.slice(calls).map((c) => c.action), ['GetRequestAuthorizationDetails', 'GetRequestAuthorizationPolicy'], 'the diagnosis read more than the record and the captured text');
    assert.equal(diagnosed.data['aws-record.changed'], 'false', 'a change is claimed before today\'s version was read');
    const compared = fake.calls.length;
    await tab.bringToFront();
    await tab.click({ host: panel.watchId, testid: 'wd-compare-today' });
    await tab.waitForText({ host: panel.watchId, testid: 'wd-todays-version' }, 'changed since the denial', { timeout: 20_000 });
    await tab.screenshot('record-compared-with-today');
    const today = JSON.parse((await tab.read({ host: panel.watchId, testid: 'wd-todays-statement' }))?.text ?? 'null');
    assert.deepEqual(today?.Action, ['budgets:DeleteBudget'], `today's statement: ${JSON.stringify(today)}`);
    assert.deepEqual(fake.calls.slice(compared).map((c) => c.action), ['GetPolicy', 'GetPolicyVersion']);
    assert.equal(await tab.count({ host: panel.watchId, testid: 'wd-compare-today' }), 0, 'the button stays once compared');
    // The comparison is stored on the diagnosis: the frame, loaded again, shows it without asking AWS.
    const stored = fake.calls.length;
    await (await tab.frameOf(diagnosed.frameSrc)).evaluate(() => { window.__wdBeforeReload = true; location.reload(); });
    const reloaded = async () => {
      try {
        return await (await tab.frameOf(diagnosed.frameSrc)).evaluate(() => (window.__wdBeforeReload ? null : document.querySelector('[data-testid="wd-todays-version"]')?.textContent ?? null));
      } catch {
        return null; // the frame is between documents
      }
    };
    for (const deadline = Date.now() + 20_000; !(await reloaded())?.includes('changed since the denial');) {
      assert.ok(Date.now() < deadline, `the reloaded frame does not show today's version: ${await reloaded()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(fake.calls.length, stored, 'the reloaded frame asked AWS again');
    assert.deepEqual(await axePanelViolations(tab), [], 'axe: the panel with today\'s version');
  });

  test("a bucket's policy in AWS's record: named by its bucket; \"Compare with today's policy\" reads it from S3", async (driver) => {
    const deny = { Sid: 'DenyExportReads', Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-exports-111111111111/*' };
    const today = { Version: '2012-10-17', Statement: [{ ...deny, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] };
    const scenario = bucketRecordScenario({ bucket: 'example-exports-111111111111', deny, resourceAccount: '111111111111', today });
    const { tab, panel, diagnosed } = await diagnoseScenario(driver, scenario, 'https://us-east-1.console.aws.amazon.com/billing/home#/reports');
    assert.match(diagnosed['diagnosis-verdict'], /statement DenyExportReads of the bucket policy of example-exports-111111111111 explicitly denied s3:GetObject/);
    const compared = fake.calls.length;
    await tab.bringToFront();
    await tab.click({ host: panel.watchId, testid: 'wd-compare-today' });
    await tab.waitForText({ host: panel.watchId, testid: 'wd-todays-version' }, 'changed since the denial', { timeout: 20_000 });
    const statement = JSON.parse((await tab.read({ host: panel.watchId, testid: 'wd-todays-statement' }))?.text ?? 'null');
    assert.deepEqual(statement?.Condition, { Bool: { 'aws:SecureTransport': 'false' } }, `today's statement: ${JSON.stringify(statement)}`);
    const reads = fake.calls.slice(compared);
    assert.deepEqual(reads.map((c) => `${c.service}:${c.action}`), ['s3:GetBucketPolicy']);
    assert.equal(reads[0].status, 200);
  });

  test('a deny on the source IP: the deciding value from the record is shown', async (driver) => {
    const { tab, panel } = await diagnoseScenario(driver, 'record-source-ip-deny', 'https://us-east-1.console.aws.amazon.com/billing/home#/budgets');
    const values = await tab.read({ host: panel.watchId, testid: 'wd-deciding-values' });
    assert.match(values?.text ?? '', /aws:SourceIp was 198\.51\.100\.7/, `deciding values: ${values?.text}`);
  });

  test('iam:PassRole: the statement to grant carries iam:PassedToService, with its own copy button', async (driver) => {
    const { tab, panel, diagnosed } = await diagnoseScenario(driver, 'passrole-budgets-action-role', 'https://us-east-1.console.aws.amazon.com/billing/home#/budgets');
    const statement = JSON.parse((await tab.read({ host: panel.watchId, testid: 'wd-suggested-statement' }))?.text ?? 'null');
    assert.deepEqual(statement?.Condition?.StringEquals?.['iam:PassedToService'], 'budgets.amazonaws.com', `statement: ${JSON.stringify(statement)}`);
    assert.ok(diagnosed.buttons.includes('wd-copy-suggested-statement'), 'no copy button for the statement');
  });

  test("cross-account: each account's side and state, each with its own request for that account's admin", async (driver) => {
    const { tab, panel, diagnosed } = await diagnoseScenario(driver, 'cross-account-assume-role-caller-profile', 'https://us-east-1.console.aws.amazon.com/billing/home#/bills');
    const sides = await (await tab.frameOf(diagnosed.frameSrc)).evaluate(() =>
      [...document.querySelectorAll('[data-testid="wd-account-side"]')].map((li) => ({ account: li.dataset.account, role: li.dataset.role, state: li.dataset.state, button: Boolean(li.querySelector('button')) })));
    assert.deepEqual(sides, [
      { account: '111111111111', role: 'caller', state: 'allows', button: true },
      { account: '222222222222', role: 'resource-owner', state: 'unknown', button: true },
    ]);
    const frame = await tab.frameOf(diagnosed.frameSrc);
    const ownerCopied = () => frame.evaluate(() => document.querySelectorAll('[data-testid="wd-account-side"]')[1]?.querySelector('[role=status]')?.textContent === 'Copied');
    await tab.bringToFront();
    await tab.click({ host: panel.watchId, testid: 'wd-copy-side-request', index: 1 });
    for (const deadline = Date.now() + 5000; !(await ownerCopied());) {
      assert.ok(Date.now() < deadline, `the owner's request was not copied: ${await frame.evaluate(() => document.body.innerText)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const copied = await driver.readClipboard(tab);
    assert.match(copied, /^Request for the administrator of AWS account 222222222222/, `copied: ${copied.slice(0, 200)}`);
  });

  test('expired temporary keys: one alert, worded for access keys, with "Update keys"; the evidence folded', async (driver) => {
    const scenario = loadScenario('fail-expired-credentials');
    fake.setScenario(scenario);
    const [expired] = scenario.credentials;
    const options = await driver.openExtensionPage('options/options.html');
    const profileId = await addKeysProfile(options, { name: 'e2e expired', accessKeyId: expired.accessKeyId, secretAccessKey: expired.secretAccessKey, sessionToken: expired.sessionToken, endpoint: fake.url });
    const accountId = /User: arn:aws:iam::(\d{12}):/.exec(scenario.denial)?.[1];
    const tab = await driver.openConsolePage('https://us-east-1.console.aws.amazon.com/costmanagement/home#/cost-explorer', denialPage({ message: scenario.denial, accountId }));
    const [panel] = await tab.waitForPanels((all) => all.length === 1 && all[0].panel, { what: 'the denial panel' });
    await tab.select({ host: panel.watchId, testid: 'wd-profile-select' }, profileId);
    await tab.click({ host: panel.watchId, testid: 'wd-diagnose' });
    const [failed] = await tab.waitForPanels((all) => all[0]?.buttons.includes('wd-update-keys'), { what: '"Update keys"', timeout: 20_000 });
    await tab.screenshot('diagnosed-expired-keys');
    assert.equal(failed.data['error.kind'], 'keys-expired');
    assert.equal(await tab.count({ host: panel.watchId, css: '[role=alert]' }), 1, 'the expiry is not one alert');
    const visible = await (await tab.frameOf(failed.frameSrc)).evaluate(() => document.body.innerText);
    assert.equal(visible.split(/have expired/).length - 1, 1, `the expiry is said more than once: ${visible}`);
    assert.doesNotMatch(visible, /sign in/i, `an access-key profile is told to sign in: ${visible}`);
    assert.ok(!failed.buttons.includes('wd-sign-in-again'));
    assert.match(failed.frameText, /Show evidence/);
    assert.deepEqual(await axePanelViolations(tab), [], 'axe: the expired-keys alert');
  });
});
