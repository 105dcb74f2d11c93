// Issue 14 part 1 in real browsers: an offline panel (before any diagnosis, with its diagnosis frame at the height
// it asks for, each panel scrolled into view so that it makes its frame) shows at most 120 words and is at most 300 px tall at 1280 px wide, on every kind of fixture page.
// Each run prints the figures as a table (the note reports them). WD_E2E_DIST measures another build.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API, ORIGIN } from '../fixtures/hidden-denials/fake-console-api.mjs';
import { BILLS_URL, ROOT, forEachBrowser } from './harness.mjs';

export const MAX_WORDS = 120;
export const MAX_HEIGHT_PX = 300;

const COST_MANAGEMENT = 'https://us-east-1.console.aws.amazon.com/costmanagement/home';
const BILLING = 'https://us-east-1.console.aws.amazon.com/billing/home';

/** One page per fixture kind; `panels`: how many panels the page gets. Hidden-denial pages are served with their fake API. */
const KINDS = {
  'bills alert': { fixture: 'billing-bills-alert-denied.html', url: BILLS_URL, panels: 1 },
  'flashbar SCP': { fixture: 'billing-flashbar-scp-deny.html', url: `${BILLING}#/preferences`, panels: 1 },
  'you need permissions': { fixture: 'billing-home-you-need-permissions.html', url: `${BILLING}#/`, panels: 1 },
  'legacy AWS-UI alert': { fixture: 'legacy-awsui-alert.html', url: `${BILLING}#/reports`, panels: 2 },
  'modal PassRole': { fixture: 'modal-budgets-passrole-denied.html', url: `${BILLING}#/budgets`, panels: 1 },
  'text only (unknown selectors)': { fixture: 'unknown-selectors-text-only.html', url: `${BILLING}#/tax`, panels: 1 },
  'split inline text': { fixture: 'split-inline-nbsp.html', url: `${COST_MANAGEMENT}#/cost-explorer`, panels: 2 },
  'cost explorer dashboard (3 widgets)': { fixture: 'cost-explorer-dashboard-three-widgets-denied.html', url: `${COST_MANAGEMENT}#/home`, panels: 1 },
  'billing activation banner': { fixture: 'costmanagement-home-activation-not-activated.html', url: `${COST_MANAGEMENT}#/home`, panels: 1 },
  'same-origin frame': { fixture: 'iframe-same-origin.html', url: `${BILLING}#/credits`, panels: 1 },
  'hidden denial in a widget': { hidden: 'ce-chart.html', panels: 1 },
  'hidden denial in the page region': { hidden: 'budgets-xhr.html', panels: 1 },
};

/** Runs on each panel host: its rendered height, its visible text (innerText skips what is folded) and its frame's URL. */
function measureHost(host, root) {
  const container = root?.querySelector('.root');
  if (!container || !root.querySelector('[data-testid="wd-panel"], [data-testid="wd-open"]')) return null;
  return {
    watchId: host.getAttribute('data-why-denied'),
    height: Math.round(host.getBoundingClientRect().height),
    text: container.innerText,
    frameSrc: root.querySelector('[data-testid="wd-diagnosis-frame"]')?.getAttribute('src') ?? null,
    frameHeight: root.querySelector('[data-testid="wd-diagnosis-frame"]')?.getBoundingClientRect().height ?? null,
  };
}

/** Runs on each panel host: the pointer comes over the panel (a panel makes its frame once the user turns to it). */
function pointOver(host, root) {
  root?.querySelector('[data-testid="wd-panel"]')?.dispatchEvent(new PointerEvent('pointerenter'));
}

const words = (text) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** Opens the page of one kind and returns each panel's visible words (its frame's included) and height. */
async function measure(driver, kind) {
  let tab;
  if (kind.hidden) {
    const page = readFileSync(join(ROOT, 'test/fixtures/hidden-denials', kind.hidden), 'utf8');
    for (const [path, answer] of Object.entries(API)) driver.serve(ORIGIN + path, answer);
    tab = await driver.openConsolePage(/data-fixture-url="([^"]+)"/.exec(page)[1], page);
  } else {
    tab = await driver.openConsolePage(kind.url, kind.fixture);
  }
  // The frames load, show what they show without a profile and ask for their height: measured once the readings
  // (the panel's text and height, and each frame's text) stayed the same for 800 ms.
  let last = null;
  let stable = 0;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const hosts = (await driver.eachPanelHost(tab, measureHost, {})).filter(Boolean);
    // A panel makes its frame once the user turns to it: the pointer comes over each panel still without one (in
    // whichever document holds it); a frame, once made, stays.
    if (hosts.some((h) => !h.frameSrc)) await driver.eachPanelHost(tab, pointOver, {});
    const read = [];
    for (const host of hosts) {
      const frame = host.frameSrc ? await tab.frameOf(host.frameSrc) : null;
      const frameText = frame ? await frame.evaluate(() => (document.readyState === 'complete' ? document.body.innerText : null)).catch(() => null) : '';
      read.push({ words: frameText === null ? null : words(host.text) + words(frameText), height: host.height });
    }
    const ready = hosts.length >= kind.panels && hosts.every((h) => h.frameSrc) && read.every((r) => r.words !== null);
    const key = JSON.stringify(read);
    stable = ready && key === last ? stable + 1 : 0;
    last = key;
    if (stable >= 8 || Date.now() > deadline) {
      await tab.close();
      return read;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

forEachBrowser('panel size', ({ test }) => {
  test(`every fixture kind: an offline panel shows at most ${MAX_WORDS} words and is at most ${MAX_HEIGHT_PX} px tall at 1280 px`, async (driver) => {
    const rows = [];
    for (const [name, kind] of Object.entries(KINDS)) {
      const panels = await measure(driver, kind);
      rows.push({ name, panels });
    }
    const table = rows.map(({ name, panels }) =>
      `| ${name} | ${panels.length} | ${panels.map((p) => p.words).join(', ')} | ${panels.map((p) => p.height).join(', ')} |`);
    console.log(`\n${driver.name}: visible words and height of each panel (1280 px wide)\n| kind | panels | words | height px |\n|---|---|---|---|\n${table.join('\n')}\n`);
    for (const { name, panels } of rows) {
      assert.equal(panels.length, KINDS[name].panels, `${driver.name}: ${name}: ${panels.length} panel(s), expected ${KINDS[name].panels}`);
      for (const p of panels) {
        assert.ok(p.words <= MAX_WORDS, `${driver.name}: ${name}: ${p.words} visible words (at most ${MAX_WORDS})`);
        assert.ok(p.height <= MAX_HEIGHT_PX, `${driver.name}: ${name}: ${p.height} px tall (at most ${MAX_HEIGHT_PX})`);
      }
    }
  }, { timeout: 240_000 });

  test('follows its container: a full panel turns compact when the window narrows below 500 px, and full again when it widens', async (driver) => {
    const kind = KINDS['bills alert'];
    const tab = await driver.openConsolePage(kind.url, kind.fixture);
    // Playwright (Chromium) and Puppeteer over BiDi (Firefox) name the same resize differently.
    const resize = (width) => (tab.raw.setViewportSize ? tab.raw.setViewportSize({ width, height: 900 }) : tab.raw.setViewport({ width, height: 900 }));
    const containerWidth = () => Math.round(document.querySelector('[data-why-denied]')?.parentElement?.getBoundingClientRect().width ?? 0);
    const full = (all) => all.length === 1 && all[0].panel && !all[0].openButton;
    const compact = (all) => all.length === 1 && all[0].openButton && !all[0].panel;
    try {
      await tab.waitForPanels(full, { what: 'the full panel at 1280 px' });
      await resize(420);
      await tab.waitForPanels(compact, { what: 'the compact button at 420 px' });
      assert.ok((await tab.evaluate(containerWidth)) < 500);
      await resize(1280);
      await tab.waitForPanels(full, { what: 'the full panel again at 1280 px' });
      assert.ok((await tab.evaluate(containerWidth)) >= 500);
    } finally {
      await resize(1280);
      await tab.close();
    }
  });
});
