// Issue 8, tried as an attacker, in real Chromium and Firefox ESR. Each test is an attack that worked against the
// build before the security model (commit 6e8fbdd; run it there with WD_E2E_DIST) and must fail now:
//   1. code in the content-script world reads every storage area and asks the worker for profiles and diagnoses;
//   2. it writes every area (a profile's endpoint pointed at another host), then the user diagnoses;
//   3. a script in the page's own world reads the panel, clicks its controls and imitates internal messages;
//   4. the page looks for the extension's URLs and fetches every web-accessible one (fingerprinting);
//   5. code in the content-script world asks the worker to open a tab at the "Send to admin" channel's own host.
// The content-script world is test/e2e/attacker/content-world.js, added to a copy of the build (see harness.mjs).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before } from 'node:test';
import { startFakeAws } from '../fake-aws/server.mjs';
import { denialPage } from './denial-page.mjs';
import { forEachBrowser } from './harness.mjs';
import { addKeysProfile, setPassphrase, testProfile } from './profiles.mjs';
import { changeSettings } from './settings.mjs';

const SCENARIO = 'scp-ou-level-deny';
const PAGE_URL = 'https://us-east-1.console.aws.amazon.com/costmanagement/home#/anomaly-detection/monitors';
const PASSPHRASE = 'e2e passphrase: attack at dawn, then diagnose';
const TEMPORARY = {
  accessKeyId: 'ASIAFAKEE2ESECURITY0',
  secretAccessKey: 'fakeE2eSecurityTemporarySecret/0001+abcdef',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLEe2eSecurityToken000001',
};
const PROFILE_NAME = 'sec-diagnoser-profile';

let fake;
/** A host the attacker controls: it must never see a request. */
let evil;
before(async () => {
  fake = await startFakeAws({ scenario: SCENARIO });
  const [diagnoser] = fake.scenario.credentials;
  fake.scenario.credentials.push({ ...diagnoser, ...TEMPORARY, expiresAt: null });
  const requests = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method, url: req.url, headers: req.headers });
    res.writeHead(403, { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'content-type': 'text/plain' });
    res.end('attacker');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  evil = { url: `http://127.0.0.1:${server.address().port}`, requests, close: () => new Promise((r) => server.close(r)) };
});
after(async () => {
  await fake?.close();
  await evil?.close();
});

/** Runs one step of the content-world attacker in the tab and returns what it got. */
async function attack(tab, step, arg) {
  await tab.waitFor(() => document.documentElement.getAttribute('data-wd-attacker') === 'ready', null, { what: 'the attacker content script' });
  await tab.evaluate(({ step: s, arg: a }) => {
    document.documentElement.removeAttribute(`data-wd-attack-${s}`);
    document.dispatchEvent(new CustomEvent('wd-attack', { detail: JSON.stringify({ step: s, arg: a }) }));
  }, { step, arg });
  const text = await tab.waitFor((s) => document.documentElement.getAttribute(`data-wd-attack-${s}`), step, { what: `the attacker's ${step}`, timeout: 15_000 });
  return JSON.parse(text);
}

forEachBrowser('security: attacks from the content-script world, the page and the network', ({ test }) => {
  /** Set up once per browser: a passphrase, a long-term keys profile (tested) and a temporary one. */
  let profileId = null;
  async function profiles(driver) {
    if (profileId) return profileId;
    const [keys] = fake.scenario.credentials;
    const options = await driver.openExtensionPage('options/options.html');
    await setPassphrase(options, PASSPHRASE);
    profileId = await addKeysProfile(options, { name: PROFILE_NAME, accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey, endpoint: fake.url });
    await testProfile(options, profileId);
    await addKeysProfile(options, { name: 'sec-temporary-profile', ...TEMPORARY, endpoint: fake.url });
    await options.close();
    return profileId;
  }

  async function deniedTab(driver) {
    const accountId = /arn:aws:iam::(\d{12}):/.exec(fake.scenario.denial)?.[1];
    const tab = await driver.openConsolePage(PAGE_URL, denialPage({ message: fake.scenario.denial, accountId }));
    const [panel] = await tab.waitForPanels((all) => all.length === 1 && all[0].panel, { what: 'the denial panel' });
    return { tab, host: panel.watchId, accountId, recordId: `${tab.tabId}:0:${panel.watchId}` };
  }

  /** The user's own, trusted, click on Diagnose with the profile; resolves with the panel once it shows a verdict. */
  async function userDiagnoses(tab, host, id) {
    await tab.select({ host, testid: 'wd-profile-select' }, id);
    await tab.click({ host, testid: 'wd-diagnose' });
    const [panel] = await tab.waitForPanels((all) => all[0]?.['diagnosis-verdict'] || all[0]?.['diagnosis-problem'] || all[0]?.['diagnosis-error'],
      { what: 'the diagnosis', timeout: 20_000 });
    return panel;
  }

  test('content-script world: no secret, token, salt or verifier in any storage area; no profile list, no diagnosis', async (driver) => {
    const id = await profiles(driver);
    const { tab, accountId, recordId } = await deniedTab(driver);
    const calls = fake.calls.length;
    const got = await attack(tab, 'read', { recordId, accountId, profileId: id });
    const seen = JSON.stringify(got);
    const [keys] = fake.scenario.credentials;
    for (const [what, secret] of [['the secret access key', keys.secretAccessKey], ['the temporary secret key', TEMPORARY.secretAccessKey], ['the session token', TEMPORARY.sessionToken]])
      assert.ok(!seen.includes(secret), `${driver.name}: the content-script world read ${what}`);
    for (const word of ['salt', 'verifier', 'profile-secret', 'sealed', 'vault', PROFILE_NAME])
      assert.ok(!seen.includes(word), `${driver.name}: the content-script world read "${word}": ${seen.slice(0, 600)}`);
    // storage.session is closed to content scripts in both browsers; storage.local too in Chrome (Firefox cannot
    // close it, so it holds only the two settings there).
    assert.ok(!got.session.ok || Object.keys(got.session.value ?? {}).length === 0, `${driver.name}: storage.session is open to content scripts`);
    if (driver.name === 'chromium') assert.equal(got.local.ok, false, 'chromium: storage.local is open to content scripts');
    else assert.deepEqual(Object.keys(got.local.value ?? {}).filter((k) => k !== 'settings'), [], `${driver.name}: storage.local holds more than the settings`);
    for (const asked of ['summaries', 'list', 'diagnose', 'compare', 'record'])
      assert.ok(!got[asked].ok || got[asked].value?.ok === false, `${driver.name}: the worker answered ${asked} to a content script: ${JSON.stringify(got[asked]).slice(0, 300)}`);
    assert.equal(fake.calls.length, calls, `${driver.name}: the content-script world caused ${fake.calls.length - calls} AWS call(s)`);
  });

  test("page world: cannot read profiles or the diagnosis; synthetic clicks and postMessage imitations cause no AWS call", async (driver) => {
    const id = await profiles(driver);
    const { tab, host, recordId } = await deniedTab(driver);
    const diagnosed = await userDiagnoses(tab, host, id);
    const { expect } = fake.scenario;
    assert.ok(diagnosed['blocking-policy']?.includes(expect.policyName), `the user's diagnosis did not name ${expect.policyName}`);

    const calls = fake.calls.length;
    const seen = await tab.evaluate(async ({ needles, recordId: rid, profileId: pid }) => {
      const roots = [document];
      const collect = (root) => { for (const el of root.querySelectorAll('*')) if (el.shadowRoot) { roots.push(el.shadowRoot); collect(el.shadowRoot); } };
      collect(document);
      const texts = roots.map((r) => (r === document ? document.documentElement.outerHTML : r.innerHTML));
      for (const r of roots) for (const el of r.querySelectorAll('select, textarea, input')) texts.push(el.value, ...[...(el.options ?? [])].map((o) => o.textContent));
      for (let i = 0; i < window.frames.length; i++) {
        try { texts.push(window.frames[i].document.documentElement.outerHTML); } catch { /* cross-origin: unreadable */ }
      }
      // Drive every control the page can reach: choose each option, click each button and link, synthetically.
      const controls = roots.flatMap((r) => [...r.querySelectorAll('button, select, a, input')]);
      for (const c of controls) {
        if (c instanceof HTMLSelectElement) for (const o of c.options) { c.value = o.value; c.dispatchEvent(new Event('change', { bubbles: true, composed: true })); }
        c.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
        c.click?.();
      }
      // Imitations of the extension's internal messages, to this window and to every frame.
      const imitations = [
        { channel: 'why-denied', type: 'diagnosis/run', payload: { recordId: rid, profileId: pid, recheck: true } },
        { channel: 'why-denied', type: 'profiles/summaries', payload: { accountId: null } },
        { channel: 'why-denied', type: 'diagnosis/done', recordId: rid, diagnosis: { status: 'allowed', verdict: 'forged' } },
        { whyDeniedFrameHeight: 1 },
      ];
      for (const m of imitations) {
        window.postMessage(m, '*');
        for (let i = 0; i < window.frames.length; i++) window.frames[i].postMessage(m, '*');
      }
      await new Promise((r) => setTimeout(r, 2000));
      const all = texts.join('\n');
      return { found: needles.filter((n) => all.includes(n)), controls: controls.map((c) => c.dataset?.testid ?? c.tagName) };
    }, { needles: [PROFILE_NAME, expect.policyName, expect.statementSid], recordId, profileId: id });
    await new Promise((r) => setTimeout(r, 500));
    const [after] = await tab.panels();
    // All three at once, so a run against an older build says which of them the page achieved.
    assert.deepEqual(
      { read: seen.found, awsCalls: fake.calls.length - calls, diagnosisKept: Boolean(after?.['blocking-policy']?.includes(expect.policyName)) },
      { read: [], awsCalls: 0, diagnosisKept: true },
      `${driver.name}: what the page's script achieved (controls it reached: ${seen.controls.join(', ')})`,
    );
  });

  test('content-script world writes every area, then the user diagnoses: requests go only where the user set them', async (driver) => {
    const id = await profiles(driver);
    const { tab, host } = await deniedTab(driver);
    const wrote = await attack(tab, 'write', { endpoint: evil.url, profileId: id });
    await tab.screenshot('security-after-write');
    await tab.select({ host, testid: 'wd-profile-select' }, id);
    await tab.click({ host, testid: 'wd-diagnose' });
    await tab.waitForPanels((all) => evil.requests.length > 0 || all[0]?.['diagnosis-verdict'] || all[0]?.['diagnosis-problem']
      || all[0]?.['diagnosis-error'] || all[0]?.['diagnosis-message'], { what: 'the diagnosis', timeout: 20_000 });
    // Re-check skips every cache, so the worker reads the profile and calls its endpoint now, after the writes.
    const calls = fake.calls.length;
    await tab.click({ host, testid: 'wd-recheck' });
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && evil.requests.length === 0 && fake.calls.length === calls) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(evil.requests.map((r) => `${r.method} ${r.url}`), [], `${driver.name}: requests went to the attacker's host (writes: ${JSON.stringify(wrote)})`);
    assert.ok(fake.calls.length > calls, `${driver.name}: Re-check made no call to the endpoint the user set`);
  });

  test('content-script world: the worker opens no tab for it, not even at the "Send to admin" channel\'s host', async (driver) => {
    const ticketUrl = 'https://tickets.example.com/new?summary={summary}';
    assert.equal((await changeSettings(driver, { requestChannel: { kind: 'ticketUrl', url: ticketUrl } })).ok, true, 'the channel was not set');
    try {
      const { tab } = await deniedTab(driver);
      const url = 'https://tickets.example.com/new?summary=opened-by-the-attacker';
      const got = await attack(tab, 'message', { type: 'admin/open', payload: { url } });
      assert.deepEqual(got, { ok: true, value: { ok: false, error: 'message: unknown type "admin/open"' } }, `${driver.name}: the worker's answer`);
      await new Promise((r) => setTimeout(r, 1000));
      const tabs = await driver.extension(async () => (await (globalThis.browser ?? globalThis.chrome).tabs.query({})).map((t) => t.url ?? t.pendingUrl ?? ''));
      assert.deepEqual(tabs.filter((u) => u.includes('tickets.example.com')), [], `${driver.name}: a tab opened at the channel's host`);
    } finally {
      await changeSettings(driver, { requestChannel: null });
    }
  });

  test('page world: a fetch of every web-accessible URL fails; the page sees no extension URL', async (driver) => {
    const { tab } = await deniedTab(driver);
    // Its frame made (opening the panel's details is the user turning to it), so the page's resource timings had their chance.
    await tab.waitForPanels((all) => all.length === 1 && all[0].frameSrc, { what: "the panel's frame" });
    const resources = await driver.extension(() => ((globalThis.browser ?? globalThis.chrome).runtime.getManifest().web_accessible_resources ?? [])
      .flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.resources)));
    // What a page can learn of the extension's URLs: its markup, its open shadow roots, its resource timings.
    const visible = await tab.evaluate(() => {
      const parts = [document.documentElement.outerHTML, ...performance.getEntries().map((e) => e.name)];
      const walk = (root) => { for (const el of root.querySelectorAll('*')) if (el.shadowRoot) { parts.push(el.shadowRoot.innerHTML); walk(el.shadowRoot); } };
      walk(document);
      for (let i = 0; i < window.frames.length; i++) {
        try { parts.push(window.frames[i].location.href); } catch { /* cross-origin */ }
      }
      return [...new Set(parts.join('\n').match(/(chrome|moz)-extension:\/\/[^\s"'<>)]+/g) ?? [])];
    });
    assert.deepEqual(visible, [], `${driver.name}: the page can see the extension's URLs`);
    // Chrome: every web-accessible resource has use_dynamic_url, so its static URL (which a page can compute from the
    // extension id) gives nothing. Firefox has no use_dynamic_url: its origin is a random id per installation,
    // which the check above shows the page cannot learn (this test knows it only because the harness pins it).
    if (driver.name !== 'chromium') return;
    const urls = resources.map((r) => new URL(r, driver.extensionOrigin).href);
    const fetched = await tab.evaluate(async (list) => Promise.all(list.map(async (url) => {
      try {
        const res = await fetch(url);
        return { url, status: res.status };
      } catch (error) {
        return { url, failed: String(error.message ?? error) };
      }
    })), urls);
    const readable = fetched.filter((f) => !f.failed && f.status === 200);
    assert.ok(urls.length > 0, 'the build has no web-accessible resource to probe');
    assert.deepEqual(readable, [], `${driver.name}: the page fetched ${readable.map((f) => f.url).join(', ')}`);
  });
}, { attacker: true });
