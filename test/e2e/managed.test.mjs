// Managed configuration through the browsers' real policy mechanisms, not a stub of storage.managed:
//   Chromium on Linux reads /etc/chromium/policies/managed/*.json, including 3rdparty.extensions.<id>, and watches
//     the folder: the test writes its file once the extension's id is known (an unpacked extension's id comes from
//     its folder's path, a fresh temporary folder here, so no other test's browser is named by the file), and
//     rewrites it to check that a policy change applies without a restart.
//   Firefox reads policies.json at start-up only. Debian's firefox-esr honours /etc/firefox/policies/policies.json
//     (its SysConfD; /etc/firefox-esr/policies is not read) and, when that is absent, its installation's
//     /usr/lib/firefox-esr/distribution/policies.json. The test writes /etc/firefox/policies/policies.json just
//     for the launch and removes it as soon as the browser is up, so other test runs on this machine (the same
//     add-on id) start without it.
// Other helpers' tests run concurrently here: policy files exist only while needed, and are always removed.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BILLS_URL, BROWSERS, launch } from './harness.mjs';
import { openedUrls, waitForOpenedUrl, workerMessage } from './settings.mjs';

const CHROMIUM_POLICY_DIR = '/etc/chromium/policies/managed';
const FIREFOX_POLICY_DIR = '/etc/firefox/policies';
const GECKO_ID = 'why-denied@why-denied.dev';
const TICKETS = 'https://tickets.example.test/new';

/** A policy an organization would write: its portal, its admin, its ticket queue, two fixed settings. */
const GOOD_POLICY = {
  identityCenter: { startUrl: 'https://example-corp.awsapps.com/start', region: 'eu-west-1' },
  admin: { name: 'Cloud Platform Team', email: 'cloud-team@example.com' },
  requestChannel: { ticketUrl: `${TICKETS}?summary={summary}&principal={principal}&action={action}&account={account}` },
  requestFormat: 'markdown',
  locked: ['showPanel'],
};

/** Every kind of mistake at once: an http start URL, a template with an unknown placeholder, a malformed URL. */
const BAD_POLICY = {
  identityCenter: { startUrl: 'http://example-corp.awsapps.com/start', region: 'eu-west-1' },
  requestChannel: { ticketUrl: `${TICKETS}?who={user}` },
  admin: { name: 'Cloud Platform Team', url: 'not a url' },
  showPanel: 'sometimes',
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function chromiumPolicyFile(extensionId) {
  return join(CHROMIUM_POLICY_DIR, `why-denied-e2e-${extensionId}.json`);
}

function writeChromiumPolicy(extensionId, policy) {
  mkdirSync(CHROMIUM_POLICY_DIR, { recursive: true });
  writeFileSync(chromiumPolicyFile(extensionId), JSON.stringify({ '3rdparty': { extensions: { [extensionId]: policy } } }));
}

/** Launches Firefox with the policy in /etc/firefox/policies, removed again once the browser has read it. */
async function launchFirefoxWithPolicy(policy) {
  const file = join(FIREFOX_POLICY_DIR, 'policies.json');
  // Never overwrite someone's policy; wait a little if another run holds the file.
  for (let i = 0; existsSync(file); i++) {
    if (i > 100) throw new Error(`${file} exists and is not ours: remove it to run this test`);
    await sleep(200);
  }
  mkdirSync(FIREFOX_POLICY_DIR, { recursive: true });
  writeFileSync(file, JSON.stringify({ policies: { '3rdparty': { Extensions: { [GECKO_ID]: policy } } } }));
  try {
    return await launch('firefox');
  } finally {
    rmSync(file, { force: true });
  }
}

async function checkGoodPolicy(driver) {
  const options = await driver.openExtensionPage('options/options.html');
  // Chromium picks up a new policy file within seconds (its folder watcher waits for the file to settle).
  await options.waitForText('wd-managed-value-identityCenter', 'https://example-corp.awsapps.com/start', { timeout: 45_000 });
  await options.waitForText('wd-managed-value-admin', 'Cloud Platform Team');
  await options.waitForText('wd-managed-value-requestChannel', TICKETS);
  await options.waitForText('wd-managed-requestFormat', 'Set by your organization');
  await options.waitForText('wd-managed-showPanel', 'Set by your organization');
  assert.equal(await options.evaluate(() => document.querySelector('[data-testid="wd-setting-request-format"]').disabled), true, 'a managed setting is editable');
  assert.equal(await options.evaluate(() => document.querySelector('[data-testid="wd-setting-request-format"]').value), 'markdown');
  assert.equal(await options.evaluate(() => document.querySelector('[data-testid="wd-setting-channel"]').disabled), true, 'the managed channel is editable');
  await options.waitForText('wd-profile-managed-sso', 'Sign in with example-corp');
  assert.equal(await options.count('wd-managed-ignored'), 0, 'a good policy had values ignored');
  await options.screenshot('managed-options');

  // A user edit of a locked setting is refused by the worker, whatever the page sends.
  const current = await workerMessage(driver, 'settings/get', {});
  assert.equal(current.ok, true);
  const refused = await workerMessage(driver, 'settings/set', { ...current.value, panelMode: 'on-request' });
  assert.deepEqual(refused, { ok: false, error: 'settings/set: Set by your organization, so it cannot be changed here: showPanel.' });
  const managedFormat = await workerMessage(driver, 'settings/set', { ...current.value, requestFormat: 'text' });
  assert.equal(managedFormat.ok, false, 'a managed setting was changed');

  // The sign-in offer opens the Identity Center form with the organization's portal filled in.
  await options.click('wd-profile-managed-sso');
  const startUrl = await options.read('wd-sso-start-url');
  assert.equal(startUrl?.value, 'https://example-corp.awsapps.com/start');

  // The panel names the admin, and "Send to admin" opens the filled ticket URL in a new tab.
  const tab = await driver.openConsolePage(BILLS_URL, 'billing-bills-alert-denied.html');
  const [panel] = await tab.waitForPanels((all) => all.length === 1 && all[0].panel, { what: 'the panel' });
  await tab.waitForText({ host: panel.watchId, testid: 'wd-admin-contact' }, 'Cloud Platform Team · cloud-team@example.com');
  assert.equal((await tab.read({ host: panel.watchId, testid: 'wd-copy-format' }))?.value, 'markdown', 'the managed format is not the default');
  await tab.click({ host: panel.watchId, testid: 'wd-send-admin' });
  const url = new URL(await waitForOpenedUrl(driver, (opened) => opened.startsWith(TICKETS)));
  assert.equal(url.origin + url.pathname, TICKETS);
  assert.equal(url.searchParams.get('principal'), 'arn:aws:sts::222222222222:assumed-role/FinanceRole/bob');
  assert.equal(url.searchParams.get('action'), 'invoicing:ListInvoiceSummaries');
  assert.equal(url.searchParams.get('account'), '222222222222');
  assert.match(url.searchParams.get('summary') ?? '', /^Please allow invoicing:ListInvoiceSummaries \(and 5 more\) for role FinanceRole in account 222222222222$/);
  await tab.waitForText({ host: panel.watchId, testid: 'wd-send-status' }, 'Opened the ticket form.');

  // The toolbar popup sends it too, through the same channel.
  const isTicket = (u) => u.startsWith(TICKETS);
  const before = (await openedUrls(driver, isTicket)).length;
  const popup = await driver.openPopup(tab.tabId);
  await popup.waitFor(() => document.querySelectorAll('[data-testid="wd-popup-denial"]').length === 1, null, { what: 'the popup entry' });
  await popup.bringToFront();
  await popup.click({ testid: 'wd-send-admin' });
  await popup.waitForText('wd-send-status', 'Opened the ticket form.');
  let tickets = [];
  for (const deadline = Date.now() + 10_000; (tickets = await openedUrls(driver, isTicket)).length <= before && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 100));
  assert.ok(tickets.length > before, 'the popup opened no ticket form');
  assert.equal(new URL(tickets.at(-1)).searchParams.get('principal'), 'arn:aws:sts::222222222222:assumed-role/FinanceRole/bob');
  return tab;
}

async function checkBadPolicy(driver) {
  const options = await driver.openExtensionPage('options/options.html');
  await options.waitForText('wd-managed-ignored', 'unknown placeholder {user}', { timeout: 45_000 });
  const ignored = await options.read('wd-managed-ignored');
  for (const reason of ['identityCenter: startUrl: not https', 'requestChannel: ticketUrl: unknown placeholder {user}', 'admin.url: not a valid URL', 'showPanel: expected one of auto, on-request'])
    assert.ok(ignored.text.includes(reason), `the ignored list lacks "${reason}": ${ignored.text}`);
  // What passed the checks still applies; what failed is as if unset.
  await options.waitForText('wd-managed-value-admin', 'Cloud Platform Team');
  await options.waitForText('wd-setting-request-format');
  await options.waitForText('wd-profile-list');
  assert.equal(await options.count('wd-profile-managed-sso'), 0, 'an http start URL was offered');
  assert.equal(await options.evaluate(() => document.querySelector('[data-testid="wd-setting-request-format"]').disabled), false);
  await options.screenshot('managed-bad-policy');
  // Nothing breaks: the panel still explains the denial, without a Send button.
  const tab = await driver.openConsolePage(BILLS_URL, 'billing-bills-alert-denied.html');
  const [panel] = await tab.waitForPanels((all) => all.length === 1 && all[0].panel, { what: 'the panel under a bad policy' });
  assert.equal(panel.action, 'invoicing:ListInvoiceSummaries');
  assert.ok(!panel.buttons.includes('wd-send-admin'), 'a Send button for an ignored channel');
}

for (const name of BROWSERS) {
  describe(`managed configuration [${name}]`, { timeout: 180_000 }, () => {
    if (name === 'chromium') {
      let driver = null;
      let extensionId = null;
      before(async () => {
        driver = await launch('chromium');
        extensionId = new URL(driver.extensionOrigin).host;
        // The ticket host is not on the network here: serve a stand-in page so the tab loads.
        await driver.context.route(`${TICKETS}*`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>ticket form</title>' }));
      });
      after(async () => {
        if (extensionId) rmSync(chromiumPolicyFile(extensionId), { force: true });
        await driver?.close();
      });

      it('3rdparty policy file: managed values shown and fixed, Send to admin opens the ticket; a bad policy applies live and is listed', async () => {
        try {
          writeChromiumPolicy(extensionId, GOOD_POLICY);
          await checkGoodPolicy(driver);
          await driver.closeTestPages();
          writeChromiumPolicy(extensionId, BAD_POLICY);
          await checkBadPolicy(driver);
        } finally {
          rmSync(chromiumPolicyFile(extensionId), { force: true });
          await driver.screenshotAll('managed-end').catch(() => undefined);
          await driver.closeTestPages();
        }
      });
    }

    if (name === 'firefox') {
      /** One Firefox per policy: it reads policies.json only when it starts. */
      const withPolicy = (policy, check) => async () => {
        const driver = await launchFirefoxWithPolicy(policy);
        try {
          await check(driver);
        } finally {
          await driver.closeTestPages();
          await driver.close();
        }
      };
      it('policies.json 3rdparty: managed values shown and fixed, Send to admin opens the ticket', withPolicy(GOOD_POLICY, checkGoodPolicy));
      it('policies.json 3rdparty: a bad policy is listed as ignored, and nothing breaks', withPolicy(BAD_POLICY, checkBadPolicy));
    }
  });
}
