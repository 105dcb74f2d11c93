// Failure handling through the built extension: AWS throttling beyond the engine's retries and a 5xx show a clear
// problem while the denial panel and its record stay, and Re-check after the fault clears gives the real verdict;
// the worker stopped in the middle of a diagnosis (Chromium: DevTools ServiceWorker.stopAllWorkers; Firefox:
// about:debugging's "Terminate background script") still ends with the right verdict, and the record survives.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { loadScenario, startFakeAws } from '../fake-aws/server.mjs';
import { denialPage } from './denial-page.mjs';
import { forEachBrowser } from './harness.mjs';
import { addKeysProfile, setPassphrase } from './profiles.mjs';

/** An inline identity policy denies the action: one SimulatePrincipalPolicy decides it. */
const SCENARIO = 'identity-user-inline-deny';
const PAGE_URL = 'https://us-east-1.console.aws.amazon.com/costmanagement/home#/cost-explorer';
const PASSPHRASE = 'e2e robustness passphrase: tr0ub4dor&3';
const SIMULATE = { service: 'iam', action: 'SimulatePrincipalPolicy' };
/** How long the fake holds the simulator call, so the worker can be stopped while it is pending. */
const DELAY_MS = 3000;
const GECKO_ID = 'why-denied@why-denied.dev';

let fake;
before(async () => { fake = await startFakeAws({ scenario: SCENARIO }); });
after(async () => { await fake?.close(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(holds, timeout, what) {
  const deadline = Date.now() + timeout;
  while (!holds()) {
    if (Date.now() > deadline) assert.fail(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** The fake's answers to SimulatePrincipalPolicy since call number `from`. */
const simulateCalls = (from) => fake.calls.slice(from).filter((c) => c.action === SIMULATE.action);

forEachBrowser('robustness', ({ browser, test }) => {
  let vaultReady = false;
  let profiles = 0;

  /**
   * A fresh keys profile for each test: the diagnosis cache is per profile, so no test sees another's answer.
   * Returns its id.
   */
  async function freshProfile(driver) {
    const [keys] = fake.scenario.credentials;
    const options = await driver.openExtensionPage('options/options.html');
    if (!vaultReady) {
      await setPassphrase(options, PASSPHRASE);
      vaultReady = true;
    }
    const id = await addKeysProfile(options, { name: `e2e robustness ${++profiles}`, accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey, endpoint: fake.url });
    await options.close();
    return id;
  }

  /** The scenario's denial on a console page, its panel, and the profile chosen in it. */
  async function deniedPage(driver, profileId) {
    const accountId = /User: arn:aws:iam::(\d{12}):/.exec(fake.scenario.denial)?.[1];
    const tab = await driver.openConsolePage(PAGE_URL, denialPage({ message: fake.scenario.denial, accountId }));
    const [panel] = await tab.waitForPanels((all) => all.length === 1 && all[0].panel, { what: 'the denial panel' });
    await tab.select({ host: panel.watchId, testid: 'wd-profile-select' }, profileId);
    return { tab, host: panel.watchId };
  }

  /** The panel names the scenario's blocking policy and statement, with nothing left it could not do. */
  function assertRealVerdict(diagnosed, what) {
    const { expect } = fake.scenario;
    assert.equal(diagnosed.data['diagnosis-verdict.layer'], expect.blockingLayer, `${what}: verdict ${diagnosed['diagnosis-verdict']}`);
    assert.equal(diagnosed.data['diagnosis-verdict.status'], expect.status, `${what}: status`);
    assert.ok(diagnosed['blocking-policy']?.includes(expect.policyName), `${what}: blocking policy ${diagnosed['blocking-policy']}`);
    assert.equal(diagnosed['statement-sid'], expect.statementSid, `${what}: statement`);
    assert.equal(diagnosed['diagnosis-problem'], null, `${what}: a problem is still shown: ${diagnosed['diagnosis-problem']}`);
  }

  /** The panel still explains the denial from its message, and the popup still lists its record. */
  async function assertDenialKept(driver, tab, what) {
    const [panel] = await tab.panels();
    const denied = /User: (arn:\S+) is not authorized/.exec(fake.scenario.denial)?.[1];
    assert.equal(panel?.principal, denied, `${what}: the panel lost the denied principal`);
    assert.ok(panel?.verdict, `${what}: the panel lost its explanation`);
    const popup = await driver.openPopup(tab.tabId);
    await popup.waitFor(() => document.querySelectorAll('[data-testid="wd-popup-denial"]').length === 1, null, { what: `${what}: the popup listing the denial` });
    // The popup shows a short identity ("bob · FinanceRole") with the whole ARN as its tooltip.
    const popupPrincipal = await popup.evaluate(() => document.querySelector('[data-testid="wd-principal"]')?.getAttribute('title') ?? null);
    assert.equal(popupPrincipal, denied, `${what}: the popup's record names another principal`);
    await popup.close();
  }

  /** Clears the faults, presses Re-check, and waits for the diagnosis without problems. */
  async function recheckAfterFaults(tab, host) {
    fake.clearFaults();
    await tab.click({ host, testid: 'wd-recheck' });
    const [diagnosed] = await tab.waitForPanels((all) => all[0]?.['blocking-policy'] && !all[0]['diagnosis-problem'], { what: 'the verdict after Re-check', timeout: 20_000 });
    return diagnosed;
  }

  for (const fault of [
    { name: 'throttling beyond the retries', spec: { ...SIMULATE, kind: 'throttle' }, problem: 'throttled', wire: 'Throttling' },
    { name: 'a 5xx', spec: { ...SIMULATE, kind: '5xx', status: 503 }, problem: 'server-error', wire: 'ServiceUnavailable' },
  ]) {
    test(`${fault.name} on SimulatePrincipalPolicy: a clear problem, the denial stays, Re-check gives the verdict`, async (driver) => {
      fake.setScenario(loadScenario(SCENARIO));
      const profileId = await freshProfile(driver);
      const { tab, host } = await deniedPage(driver, profileId);
      const from = fake.calls.length;
      fake.inject(fault.spec); // no `times`: every call fails, however often the engine tries
      await tab.click({ host, testid: 'wd-diagnose' });
      const [failed] = await tab.waitForPanels((all) => all[0]?.['diagnosis-problem'], { what: `the ${fault.problem} problem`, timeout: 20_000 });
      await tab.screenshot(`robustness-${fault.problem}`);
      assert.equal(failed.data['diagnosis-problem.kind'], fault.problem, `problem: ${failed['diagnosis-problem']}`);
      assert.ok(failed['diagnosis-problem'].includes('SimulatePrincipalPolicy'), `the problem does not name the failed call: ${failed['diagnosis-problem']}`);
      const refused = simulateCalls(from);
      assert.ok(refused.length >= 1 && refused.every((c) => c.errorCode === fault.wire), `the fake's simulator answers: ${JSON.stringify(refused)}`);
      if (fault.problem === 'throttled') assert.ok(refused.length >= 3, `the engine gave up on throttling after ${refused.length} call(s), without backing off and retrying`);
      await assertDenialKept(driver, tab, `after ${fault.name}`);

      const diagnosed = await recheckAfterFaults(tab, host);
      assertRealVerdict(diagnosed, `Re-check after ${fault.name}`);
      assert.ok(simulateCalls(from).some((c) => c.status === 200), 'Re-check did not ask the simulator again');
      await assertDenialKept(driver, tab, `after Re-check`);
    });
  }

  test('the worker stopped while SimulatePrincipalPolicy is pending: the diagnosis still ends with the verdict', async (driver) => {
    fake.setScenario(loadScenario(SCENARIO));
    const profileId = await freshProfile(driver);
    const stopper = await workerStopper(driver);
    try {
      const { tab, host } = await deniedPage(driver, profileId);
      const from = fake.calls.length;
      fake.inject({ ...SIMULATE, kind: 'delay', delayMs: DELAY_MS, times: 1 });
      const clickedAt = Date.now();
      await tab.click({ host, testid: 'wd-diagnose' });
      await tab.waitForText({ host, css: '[data-step="simulate"][data-state="running"]' }, '', { timeout: 10_000 });
      assert.equal(simulateCalls(from).length, 0, 'the simulator answered before the worker could be stopped');
      await stopper.stop();
      assert.ok(Date.now() - clickedAt < DELAY_MS, 'the worker stopped only after the delayed call could have answered: the test proves nothing');

      const [diagnosed] = await tab.waitForPanels((all) => all[0]?.['blocking-policy'] || all[0]?.['diagnosis-problem'] || all[0]?.['diagnosis-error'], { what: 'the diagnosis after the restart', timeout: 20_000 });
      const answeredAt = Date.now();
      assert.equal(diagnosed['diagnosis-error'], null, `the panel gave up: ${diagnosed['diagnosis-error']}`);
      await tab.screenshot('robustness-worker-restart');
      assertRealVerdict(diagnosed, 'after the worker restart');
      await stopper.assertRestarted();
      // The fake records a call when it answers: the held one answers only after DELAY_MS, to a worker that is gone,
      // so a verdict before then came from the call the new worker made.
      assert.ok(answeredAt - clickedAt < DELAY_MS, 'the verdict came only after the held call answered: it may be the stopped worker\'s');
      assert.equal(simulateCalls(from).length, 1, 'the new worker did not ask the simulator again');
      await waitUntil(() => simulateCalls(from).length === 2, DELAY_MS + 2000, 'the held simulator call to end');
      await assertDenialKept(driver, tab, 'after the worker restart');
    } finally {
      fake.clearFaults();
      await stopper.close();
    }
  });

  /**
   * Stops the extension's background in this browser. Chromium: a DevTools session on an extension page,
   * ServiceWorker.stopAllWorkers, and the worker's version events to see it stop and start again. Firefox: the
   * "Terminate background script" button of about:debugging (Firefox MV3 has an event page, not a service worker).
   */
  async function workerStopper(driver) {
    if (browser === 'chromium') {
      const page = await driver.openExtensionPage('options/options.html');
      const cdp = await driver.context.newCDPSession(page.raw);
      const statuses = [];
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        for (const v of versions) if (v.scriptURL.startsWith(driver.extensionOrigin)) statuses.push(v.runningStatus);
      });
      await cdp.send('ServiceWorker.enable');
      return {
        async stop() {
          const seen = statuses.length;
          await cdp.send('ServiceWorker.stopAllWorkers');
          const deadline = Date.now() + 2000;
          while (!statuses.slice(seen).includes('stopped')) {
            if (Date.now() > deadline) assert.fail(`chromium: the worker did not stop; its states: ${statuses.join(', ')}`);
            await sleep(20);
          }
        },
        async assertRestarted() {
          const last = statuses.lastIndexOf('stopped');
          assert.ok(last >= 0 && statuses.slice(last).includes('running'), `chromium: the worker did not start again; its states: ${statuses.join(', ')}`);
        },
        async close() {
          await cdp.detach().catch(() => undefined);
          await page.close();
        },
      };
    }
    const raw = await driver.browser.newPage();
    await driver.browser.connection.send('browsingContext.navigate', { context: raw.mainFrame()._id, url: 'about:debugging#/runtime/this-firefox', wait: 'none' });
    /** Our extension's card on about:debugging: its background state and its Terminate button. */
    const card = (id) => {
      const item = [...document.querySelectorAll('li')].find((li) => li.querySelector('li') === null && li.textContent.includes(id)
        && [...li.querySelectorAll('button')].some((b) => /Terminate background script/.test(b.textContent)));
      if (!item) return null;
      const text = item.textContent.replace(/\s+/g, ' ');
      return { running: /Background script\s*Running/i.test(text), stopped: /Background script\s*Stopped/i.test(text), text: text.slice(0, 400) };
    };
    const waitCard = async (want, timeout) => {
      const deadline = Date.now() + timeout;
      let last = null;
      for (;;) {
        last = await raw.evaluate(card, GECKO_ID).catch((e) => ({ error: e.message }));
        if (last && want(last)) return last;
        if (Date.now() > deadline) assert.fail(`firefox: about:debugging: ${JSON.stringify(last)}`);
        await sleep(50);
      }
    };
    await waitCard((c) => c.running || c.stopped, 10_000);
    return {
      async stop() {
        await waitCard((c) => c.running, 2000);
        const clicked = await raw.evaluate((id) => {
          const item = [...document.querySelectorAll('li')].find((li) => li.textContent.includes(id) && li.querySelector('li') === null);
          const button = [...(item?.querySelectorAll('button') ?? [])].find((b) => /Terminate background script/.test(b.textContent));
          button?.click();
          return Boolean(button);
        }, GECKO_ID);
        assert.ok(clicked, 'firefox: no Terminate background script button');
        await waitCard((c) => c.stopped, 2000);
      },
      async assertRestarted() {
        await waitCard((c) => c.running, 5000);
      },
      async close() {
        await raw.close().catch(() => undefined);
      },
    };
  }
});
