// Issue 12 in real browsers: the console's own requests that AWS refused, explained although the page prints no
// reason. Fixture pages (test/fixtures/hidden-denials) call a fake console API served at the console's origin;
// the page observer (MAIN world, document_start) reads only the refusals, and the panel goes into the failed
// widget or the page-level region. Also: the page's own handling of every response is unchanged.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API, BURST_REFUSED, DENIALS, ORIGIN } from '../fixtures/hidden-denials/fake-console-api.mjs';
import { ROOT, forEachBrowser } from './harness.mjs';

const FIXTURES = join(ROOT, 'test/fixtures/hidden-denials');
/** Longer than the hidden denials' settle time (400 ms) plus a render: what has not appeared by then never will. */
const QUIET_MS = 1500;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const html = (name) => readFileSync(join(FIXTURES, name), 'utf8');
const urlOf = (page) => /data-fixture-url="([^"]+)"/.exec(page)[1];

/** Serves the fake console API and the fixture page (and any frame pages), then opens the page. */
async function openFixture(driver, name, frames = []) {
  for (const [path, answer] of Object.entries(API)) driver.serve(ORIGIN + path, answer);
  for (const frame of frames) driver.serve(urlOf(html(frame)), { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html(frame) });
  const page = html(name);
  return driver.openConsolePage(urlOf(page), page);
}

const realPanels = (panels) => panels.filter((p) => p.shadow && p.panel);

/** Where each panel host sits: its widget, whether in the region, the caption before it; and the region's heading. */
function placesInPage() {
  const docs = [document];
  for (const frame of document.querySelectorAll('iframe')) {
    try { if (frame.contentDocument) docs.push(frame.contentDocument); } catch { /* cross-origin */ }
  }
  return docs.map((doc) => ({
    hosts: [...doc.querySelectorAll('[data-why-denied]')].map((host) => ({
      widget: host.closest('[class*="awsui_root_14iqq_"]')?.id ?? null,
      inRegion: Boolean(host.closest('[data-why-denied-refused]')),
      caption: host.previousElementSibling?.hasAttribute('data-why-denied-request') ? host.previousElementSibling.textContent : null,
    })),
    region: doc.querySelector('[data-why-denied-refused] h2')?.textContent ?? null,
    captions: doc.querySelectorAll('[data-why-denied-request]').length,
  }));
}

async function waitForBadge(driver, tabId, want, timeout = 5000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await driver.badgeText(tabId);
    if (text === want) return;
    if (Date.now() > deadline) throw new Error(`${driver.name}: badge is ${JSON.stringify(text)}, expected ${JSON.stringify(want)}`);
    await sleep(100);
  }
}

function assertDenial(panel, want, where) {
  assert.equal(panel.principal, want.principal, `${where}: principal`);
  assert.equal(panel.action, want.action, `${where}: action`);
  if (want.layer) assert.equal(panel.data['layer.layer'], want.layer, `${where}: layer`);
  if (want.policyArn) assert.equal(panel['policy-arn'], want.policyArn, `${where}: policy ARN`);
  for (const field of ['reading', 'verdict', 'layer', 'confidence']) assert.ok(panel[field], `${where}: wd-${field} is empty`);
}

forEachBrowser('hidden denials', ({ test }) => {
  test('a Cost Explorer chart refused over JSON 1.1 (fetch): one panel inside the chart widget; popup and badge say so', async (driver) => {
    const tab = await openFixture(driver, 'ce-chart.html');
    const [panel] = await tab.waitForPanels((all) => realPanels(all).length === 1, { what: 'the chart widget panel' });
    assertDenial(panel, DENIALS.costAndUsage, 'ce-chart');
    const [{ hosts, region }] = await tab.evaluate(placesInPage);
    assert.deepEqual(hosts.map((h) => h.widget), ['ce-widget'], 'the panel is inside the widget whose request failed');
    assert.match(hosts[0].caption, /the console's request POST \/costmanagement\/api\/ce was refused/);
    assert.equal(region, null, 'no page-level region when the widget could be told');
    assert.ok((await tab.read({ css: '#ce-widget' })).text.includes('Error loading data'), "the page's own error state stays");
    await waitForBadge(driver, tab.tabId, '1');
    const popup = await driver.openPopup(tab.tabId);
    const marked = await popup.waitForText('wd-popup-request', "from the console's request");
    assert.match(marked, /POST \/costmanagement\/api\/ce/);
    await tab.screenshot('hidden-ce-chart');
  });

  test('Budgets refused over XHR (REST-JSON, x-amzn-ErrorType) with an SCP deny: the page-level region', async (driver) => {
    const tab = await openFixture(driver, 'budgets-xhr.html');
    const [panel] = await tab.waitForPanels((all) => realPanels(all).length === 1, { what: 'the budgets panel' });
    assertDenial(panel, DENIALS.budgetsScp, 'budgets-xhr');
    const [{ hosts, region }] = await tab.evaluate(placesInPage);
    assert.equal(hosts.length, 1);
    assert.ok(hosts[0].inRegion, 'a spinner is no error state: the panel goes to the region');
    assert.equal(region, 'The console was refused 1 request');
    assert.match(hosts[0].caption, /GET \/billing\/rest\/v1\.0\/budgets/);
    await tab.screenshot('hidden-budgets-region');
  });

  test('a Bills page through the billing REST proxy: the policy ARN from the message, inside the invoices widget', async (driver) => {
    const tab = await openFixture(driver, 'bills-proxy.html');
    const [panel] = await tab.waitForPanels((all) => realPanels(all).length === 1, { what: 'the invoices panel' });
    assertDenial(panel, DENIALS.invoices, 'bills-proxy');
    const [{ hosts }] = await tab.evaluate(placesInPage);
    assert.deepEqual(hosts.map((h) => h.widget), ['bills-widget']);
  });

  test('an early call from an inline <head> script (Query XML) is caught', async (driver) => {
    const tab = await openFixture(driver, 'early-head.html');
    assert.equal(await tab.evaluate(() => window.__early), 403);
    const [panel] = await tab.waitForPanels((all) => realPanels(all).length === 1, { what: 'the early call panel' });
    assertDenial(panel, DENIALS.lastAccessed, 'early-head');
    const [{ hosts, region }] = await tab.evaluate(placesInPage);
    assert.ok(hosts[0].inRegion);
    assert.equal(region, 'The console was refused 1 request');
  });

  test('a call from a same-origin iframe is explained in that frame', async (driver) => {
    const tab = await openFixture(driver, 'iframe-parent.html', ['iframe-child.html']);
    const [panel] = await tab.waitForPanels((all) => realPanels(all).length === 1, { what: 'the frame panel' });
    assertDenial(panel, DENIALS.credits, 'iframe');
    assert.equal(panel.frameIndex, 1, 'the panel is in the frame whose request was refused');
    const [top, frame] = await tab.evaluate(placesInPage);
    assert.equal(top.hosts.length, 0);
    assert.equal(frame.region, 'The console was refused 1 request');
  });

  test('a denial that is both printed and in the response gets one panel, beside the printed one', async (driver) => {
    const tab = await openFixture(driver, 'printed.html');
    await tab.waitForPanels((all) => realPanels(all).length >= 1, { what: 'a panel' });
    await sleep(QUIET_MS);
    const panels = realPanels(await tab.panels());
    assert.equal(panels.length, 1, 'one panel, not two');
    assertDenial(panels[0], DENIALS.payments, 'printed');
    assert.match(panels[0].besideText, /not authorized to perform: payments:ListPaymentInstruments/, 'beside the printed denial');
    const [{ captions, region }] = await tab.evaluate(placesInPage);
    assert.equal(captions, 0, 'no caption of a hidden denial is left');
    assert.equal(region, null);
    await waitForBadge(driver, tab.tabId, '1');
  });

  test(`a burst of 20 parallel calls with 3 distinct denials of one principal by one layer: one panel for the 3, the region counts ${BURST_REFUSED} refused requests`, async (driver) => {
    const tab = await openFixture(driver, 'burst.html');
    assert.equal(await tab.evaluate(() => window.__burst), 20);
    await tab.waitForPanels((all) => realPanels(all).flatMap((p) => p.actions).length === 3, { what: 'the three denials' });
    await sleep(QUIET_MS);
    const panels = realPanels(await tab.panels());
    assert.equal(panels.length, 1, 'the three denials share a principal and a layer: one panel');
    assert.deepEqual(panels[0].actions.sort(), [DENIALS.describeBudgets.action, DENIALS.dimensions.action, DENIALS.forecast.action].sort());
    const [{ hosts, region }] = await tab.evaluate(placesInPage);
    assert.ok(hosts.every((h) => h.inRegion));
    assert.equal(region, `The console was refused ${BURST_REFUSED} requests`);
    for (const h of hosts) assert.match(h.caption, /\(3 times\)/);
    await waitForBadge(driver, tab.tabId, '3');
    await tab.screenshot('hidden-burst-region');
  });

  test('no panel for a 200 holding the words, a 500, a 404, a ValidationException, a ThrottlingException, a 403 in HTML', async (driver) => {
    const tab = await openFixture(driver, 'negatives.html');
    const results = await tab.evaluate(() => window.__negatives);
    // The page got every answer as sent (status and full body length), through fetch and through XHR.
    for (const [name, viaFetch, viaXhr] of results) {
      const sent = API[`/costmanagement/api/neg/${name}`];
      assert.equal(viaFetch, `${sent.status} ${sent.body.length}`, `${name} via fetch`);
      assert.equal(viaXhr, `${sent.status} ${sent.body.length}`, `${name} via XHR`);
    }
    await sleep(QUIET_MS);
    assert.equal((await tab.panels()).length, 0);
    const [{ region, captions }] = await tab.evaluate(placesInPage);
    assert.equal(region, null);
    assert.equal(captions, 0);
    await waitForBadge(driver, tab.tabId, '');
  });

  test("the page's own response handling is unchanged: body, status, headers, json(), streams, XHR json/text/arraybuffer", async (driver) => {
    const tab = await openFixture(driver, 'handling.html');
    const got = await tab.evaluate(() => window.__handling);
    assert.equal(got.fetchIsWrapped, true, 'the page observer wraps fetch on this page');
    for (const [kind, path] of [['ok', '/billing/rest/v1.0/echo/ok'], ['denied', '/billing/rest/v1.0/echo/denied']]) {
      const sent = API[path];
      const body = JSON.parse(sent.body);
      const f = got[kind].fetch;
      assert.deepEqual(f.headers, { status: sent.status, ok: sent.status === 200, contentType: 'application/json', fixture: sent.headers['x-fixture'], bodyUsed: false }, `${kind}: fetch status and headers`);
      assert.equal(f.text, sent.body, `${kind}: text()`);
      assert.deepEqual(f.json, body, `${kind}: json()`);
      assert.equal(f.streamed, sent.body, `${kind}: a streaming read`);
      assert.equal(f.bufferLength, Buffer.byteLength(sent.body), `${kind}: arrayBuffer() of a Request`);
      for (const type of ['json', 'text', 'arraybuffer']) {
        const x = got[kind][type];
        assert.deepEqual({ status: x.status, type: x.type, fixture: x.fixture }, { status: sent.status, type, fixture: sent.headers['x-fixture'] }, `${kind}: XHR ${type}`);
        if (type === 'json') assert.deepEqual(x.body, body, `${kind}: XHR json body`);
        else assert.equal(x.body, sent.body, `${kind}: XHR ${type} body`);
      }
    }
    // The refusal, asked 7 times (4 fetches, 3 XHRs), is one panel; the successes are none.
    const [panel] = await tab.waitForPanels((all) => realPanels(all).length === 1, { what: 'the refused echo panel' });
    assert.equal(panel.action, 'billing:GetBillingData');
    await tab.waitFor(() => document.querySelector('[data-why-denied-request]')?.textContent.includes('(7 times)'), null, { what: 'the caption counting 7 refusals' });
    await tab.waitFor(() => document.querySelector('[data-why-denied-refused] h2')?.textContent === 'The console was refused 7 requests', null, { what: 'the region heading' });
  });

  test('the option turns the response observer off: no panel, the page unchanged', async (driver) => {
    const options = await driver.openExtensionPage('options/options.html');
    await options.waitForText('wd-setting-response-observer-help', 'never reads');
    assert.equal((await options.evaluate(() => document.querySelector('[data-testid="wd-setting-response-observer"]').checked)), true, 'on by default');
    await options.click('wd-setting-response-observer');
    await options.waitForText('wd-settings-saved', 'Saved');
    assert.equal((await driver.storage('local')).settings.responseObserver, false);
    try {
      const tab = await openFixture(driver, 'ce-chart.html');
      await tab.waitForText({ css: '#ce-widget' }, 'Error loading data');
      await sleep(QUIET_MS);
      assert.equal((await tab.panels()).length, 0);
      await waitForBadge(driver, tab.tabId, '');
    } finally {
      await options.click('wd-setting-response-observer');
      await options.waitFor(() => document.querySelector('[data-testid="wd-setting-response-observer"]').checked, null);
      await driver.extension(async () => {
        const api = globalThis.browser ?? globalThis.chrome;
        for (;;) { if ((await api.storage.local.get('settings')).settings?.responseObserver) return; await new Promise((r) => setTimeout(r, 50)); }
      });
    }
  });
});
