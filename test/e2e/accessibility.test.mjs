// Issue 14 part 5 in real browsers: axe-core finds 0 violations in the panels (one and several on a page, in the
// console's light and dark modes), the popup and the options page; each panel is a landmark named after its
// action; Escape folds a panel; "Copied" clears; the popup's "Show on page" brings its panel into view, focused.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { axePanelViolations, axeViolations } from './axe.mjs';
import { BILLS_URL, BROWSERS, forEachBrowser, launchFirefox } from './harness.mjs';

/** Pages and the landmark name of each of their panels (a merged panel is named after all of its actions). */
const ONE = { fixture: 'billing-bills-alert-denied.html', url: BILLS_URL, landmarks: ['Why denied: invoicing:ListInvoiceSummaries'] };
const SEVERAL = {
  // Three denials of one principal by one layer: one panel.
  fixture: 'cost-explorer-dashboard-three-widgets-denied.html',
  url: 'https://us-east-1.console.aws.amazon.com/costmanagement/home#/home',
  landmarks: ['Why denied: ce:GetCostAndUsage, ce:GetDimensionValues, ce:GetCostForecast'],
};
const TWO = {
  // Two denials of one user by two layers: two panels, two landmarks.
  fixture: 'legacy-awsui-alert.html',
  url: 'https://us-east-1.console.aws.amazon.com/billing/home#/reports',
  landmarks: ['Why denied: cur:DescribeReportDefinitions', 'Why denied: cur:PutReportDefinition'],
};

/** Runs on each panel host: opens its folded "Details for your administrator" (a script's click is enough there). */
function openDetails(host, root) {
  const toggle = root?.querySelector('[data-testid="wd-details-toggle"]');
  if (toggle?.getAttribute('aria-expanded') === 'false') toggle.click();
  return toggle?.getAttribute('aria-expanded') ?? null;
}

// The panels' shadow roots are closed: the functions below get each host's root from the harness's reader
// (driver.eachPanelHost: DevTools in Chromium, WebDriver BiDi in Firefox), never from host.shadowRoot.

/** Runs on each panel host: its landmark role and name, and the visual mode its styles follow. */
function landmark(host, root) {
  const panel = root?.querySelector('[data-testid="wd-panel"]');
  return { role: panel?.getAttribute('role') ?? null, name: panel?.getAttribute('aria-label') ?? null, mode: root?.querySelector('.root')?.dataset.mode ?? null };
}

/** Runs on each panel host: the panel's rendered background colour. */
function panelBackground(host, root) {
  const panel = root?.querySelector('[data-testid="wd-panel"]');
  return panel ? getComputedStyle(panel).backgroundColor : null;
}

/** Runs in the page: the panel hosts' shadow roots stay closed to the page's own scripts. */
function rootsClosedToPage() {
  const hosts = [...document.querySelectorAll('[data-why-denied]')];
  return hosts.length > 0 && hosts.every((h) => h.shadowRoot === null);
}

async function assertNoPanelViolations(page, what) {
  const violations = await axePanelViolations(page);
  assert.deepEqual(violations, [], `${page.driver.name}: axe found violations in ${what}:\n${violations.join('\n')}`);
  assert.equal(await page.evaluate(rootsClosedToPage), true, 'a panel root is readable by the page');
}

function setConsoleDarkMode(dark) {
  document.body.classList.toggle('awsui-dark-mode', dark);
}

async function assertNoViolations(page, what, options) {
  const violations = await axeViolations(page, options);
  assert.deepEqual(violations, [], `${page.driver.name}: axe found violations in ${what}:\n${violations.join('\n')}`);
}

/**
 * Emulates a dark browser preference in Chromium. Firefox over BiDi cannot emulate it: the suite below runs a
 * second Firefox whose preferences ask for dark, and this returns false there.
 */
async function preferDark(page) {
  if (page.driver.name !== 'chromium') return false;
  await page.raw.emulateMedia({ colorScheme: 'dark' });
  return page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
}

/** The popup (with three denials listed) and the options page, checked by axe. */
async function checkExtensionPages(driver, what) {
  const tab = await driver.openConsolePage(SEVERAL.url, SEVERAL.fixture);
  await tab.waitForPanels((all) => all.filter((p) => p.panel).length === 1, { what: 'the dashboard panel', unfold: false });
  const popup = await driver.openPopup(tab.tabId);
  await popup.waitFor(() => document.querySelectorAll('[data-testid="wd-popup-denial"]').length === 3, null, { what: 'three popup entries' });
  await assertNoViolations(popup, `the popup${what}`);
  const options = await driver.openExtensionPage('options/options.html');
  await options.waitFor(() => document.querySelector('#app')?.children.length > 0, null, { what: 'the options page' });
  await options.frames();
  await assertNoViolations(options, `the options page${what}`);
  // The profile form after an empty Save: every field's error shown (the other options states: options-page.test.mjs).
  await options.click('wd-profile-add-keys');
  await options.click('wd-profile-save');
  await options.waitFor(() => document.querySelector('[aria-invalid="true"]') !== null, null, { what: 'the form errors' });
  await assertNoViolations(options, `the options page's form with errors${what}`);
  return { popup, options };
}

forEachBrowser('accessibility', ({ test }) => {
  for (const [kind, page] of Object.entries({ one: ONE, merged: SEVERAL, two: TWO })) {
    test(`${kind} panel(s) on a page, light and dark, folded and open: 0 axe violations, landmarks named after their actions`, async (driver) => {
      const n = page.landmarks.length;
      const tab = await driver.openConsolePage(page.url, page.fixture);
      await tab.waitForPanels((all) => all.filter((p) => p.panel).length === n, { what: `${n} panel(s)`, unfold: false });
      await tab.frames();
      const marks = await tab.driver.eachPanelHost(tab, landmark, {});
      assert.equal(marks.length, n);
      assert.deepEqual(marks.map((m) => m.role), page.landmarks.map(() => 'region'));
      assert.deepEqual(marks.map((m) => m.name).sort(), [...page.landmarks].sort());
      // The fixtures carry Cloudscape markup without awsui-dark-mode: the console is light.
      assert.deepEqual(marks.map((m) => m.mode), page.landmarks.map(() => 'light'));
      await assertNoPanelViolations(tab, `${page.fixture} (light)`);
      assert.deepEqual(await tab.driver.eachPanelHost(tab, openDetails, {}), page.landmarks.map(() => 'false'));
      await tab.waitForHosts(openDetails, {}, (all) => all.every((e) => e === 'true'), { what: 'the details open' });
      await assertNoPanelViolations(tab, `${page.fixture} (light, details open)`);
      // A dark OS under a light console: the panel follows the console (Chromium can emulate the OS preference).
      if (driver.name === 'chromium') {
        await tab.raw.emulateMedia({ colorScheme: 'dark' });
        assert.equal((await tab.driver.eachPanelHost(tab, panelBackground, {}))[0], 'rgb(240, 251, 255)', 'a light console got a dark panel'); // #f0fbff
      }

      await tab.evaluate(setConsoleDarkMode, true);
      await tab.waitForHosts(landmark, {}, (all) => all.length === n && all.every((m) => m.mode === 'dark'), { what: 'the panels in dark mode' });
      if (driver.name === 'chromium') await tab.raw.emulateMedia({ colorScheme: 'light' });
      assert.equal((await tab.driver.eachPanelHost(tab, panelBackground, {}))[0], 'rgb(0, 17, 41)', 'a dark console got a light panel'); // #001129
      await assertNoPanelViolations(tab, `${page.fixture} (console dark mode)`);
      await tab.screenshot(`a11y-${kind}-dark`);
    });
  }

  test('at 400 px (reflow) labels sit above their values and action names break only after their colon', async (driver) => {
    const tab = await driver.openConsolePage(SEVERAL.url, SEVERAL.fixture);
    await tab.waitForPanels((all) => all.length === 1 && all[0].panel, { what: 'the dashboard panel', unfold: false });
    if (driver.name === 'chromium') await tab.raw.setViewportSize({ width: 400, height: 900 });
    else await tab.raw.setViewport({ width: 400, height: 900 });
    // Below 500 px the panel folds to its compact button; opened, it shows the narrow layout.
    const [button] = await tab.waitForPanels((all) => all.length === 1 && all[0].openButton, { what: 'the compact button at 400 px', unfold: false });
    await tab.click({ host: button.watchId, testid: 'wd-open' });
    await tab.waitForPanels((all) => all.length === 1 && all[0].panel, { what: 'the panel opened at 400 px', unfold: false });
    await tab.waitForHosts(openDetails, {}, (all) => all[0] === 'true', { what: 'the details open' });
    const [layout] = await tab.waitForHosts((host, root) => {
      const dt = root?.querySelector('[data-testid="wd-details"] dl.facts dt');
      const dd = dt?.nextElementSibling;
      const actions = [...(root?.querySelectorAll('[data-testid="wd-actions"] code') ?? [])];
      if (!dd || actions.length === 0 || innerWidth > 400) return null;
      // The text after each colon, as laid out: one line box means the name itself never wrapped.
      const lines = actions.map((action) => {
        const range = document.createRange();
        range.selectNodeContents(action.lastChild);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      });
      return { stacked: dd.getBoundingClientRect().top >= dt.getBoundingClientRect().bottom - 1, nameLines: lines, names: actions.map((a) => a.lastChild.textContent) };
    }, {}, (all) => all.length === 1 && all[0], { what: 'the narrow layout' });
    assert.deepEqual(layout, { stacked: true, nameLines: [1, 1, 1], names: ['GetCostAndUsage', 'GetDimensionValues', 'GetCostForecast'] });
    await assertNoPanelViolations(tab, 'the panel at 400 px');
  });

  test('Escape folds the panel; "Copied" clears after a few seconds', async (driver) => {
    const tab = await driver.openConsolePage(ONE.url, ONE.fixture);
    const [panel] = await tab.waitForPanels((all) => all.length === 1 && all[0].panel, { what: 'the bills panel', unfold: false });
    await tab.bringToFront();
    await tab.click({ host: panel.watchId, testid: 'wd-copy-request' });
    await tab.waitForText({ host: panel.watchId, testid: 'wd-copied' }, 'Copied');
    const started = Date.now();
    // Cleared: the panel is still there (read through its closed root) and "Copied" is gone from it.
    await tab.waitForHosts((host, root) => ({ panel: Boolean(root?.querySelector('[data-testid="wd-panel"]')), copied: Boolean(root?.querySelector('[data-testid="wd-copied"]')) }), {},
      (all) => all.length === 1 && all[0].panel && !all[0].copied, { timeout: 8000, what: '"Copied" to clear' });
    const cleared = Date.now() - started;
    assert.ok(cleared > 2000, `"Copied" cleared after ${cleared} ms: too soon to read`);

    // Focus is on the copy button, inside the panel: Escape folds the panel and focus lands on its toggle.
    await tab.raw.keyboard.press('Escape');
    const [folded] = await tab.waitForHosts((host, root) => {
      const toggle = root?.querySelector('.toggle');
      return root?.querySelector('.body')?.hidden && { expanded: toggle?.getAttribute('aria-expanded'), focused: root.activeElement === toggle };
    }, {}, (all) => all.length === 1 && all[0], { what: 'the panel to fold' });
    assert.deepEqual(folded, { expanded: 'false', focused: true });

    // Open again; with focus inside the panel frame (an extension page: its keys never reach the panel), Escape still
    // folds the panel.
    await tab.click({ host: panel.watchId, css: '.toggle' });
    const [opened] = await tab.waitForPanels((all) => all.length === 1 && all[0].frameSrc && all[0], { what: 'the panel open again', unfold: false });
    const frame = await tab.frameOf(opened.frameSrc);
    const focusedInFrame = await frame.evaluate(() => {
      const target = document.querySelector('a[href], button, select, input, summary');
      target?.focus();
      return Boolean(target) && document.activeElement === target;
    });
    assert.ok(focusedInFrame, 'nothing in the panel frame takes focus: the next check would prove nothing');
    await tab.raw.keyboard.press('Escape');
    const [refolded] = await tab.waitForHosts((host, root) => root?.querySelector('.body')?.hidden && root.querySelector('.toggle')?.getAttribute('aria-expanded'), {},
      (all) => all.length === 1 && all[0], { what: 'Escape in the frame to fold the panel' });
    assert.equal(refolded, 'false');
  });

  test('popup: the verdict leads each entry; "Show on page" scrolls to the panel and focuses it', async (driver) => {
    const tab = await driver.openConsolePage(SEVERAL.url, SEVERAL.fixture);
    const panels = await tab.waitForPanels((all) => all.filter((p) => p.panel).length === 1, { what: 'the dashboard panel', unfold: false });
    const popup = await driver.openPopup(tab.tabId);
    await popup.waitFor(() => document.querySelectorAll('[data-testid="wd-popup-denial"]').length === 3, null, { what: 'three popup entries' });
    const first = await popup.evaluate(() => [...document.querySelectorAll('[data-testid="wd-popup-denial"]')].map((e) => e.firstElementChild?.getAttribute('data-testid')));
    assert.deepEqual(first, ['wd-verdict', 'wd-verdict', 'wd-verdict']);

    // The popover's denial, merged into the dashboard's one panel: scrolled out of view (a long page below, scrolled
    // to its end), then shown from the popup.
    const target = panels.find((p) => p.actions.includes('ce:GetCostForecast'));
    const index = await popup.evaluate((action) => [...document.querySelectorAll('[data-testid="wd-popup-denial"]')]
      .findIndex((e) => e.querySelector('[data-testid="wd-action"]')?.textContent === action), 'ce:GetCostForecast');
    const inView = (watchId) => {
      const r = document.querySelector(`[data-why-denied="${watchId}"]`).getBoundingClientRect();
      return r.top < innerHeight && r.bottom > 0;
    };
    await tab.evaluate(() => {
      document.body.append(Object.assign(document.createElement('div'), { style: 'height:6000px' }));
      window.scrollTo(0, document.documentElement.scrollHeight);
    });
    assert.equal(await tab.evaluate(inView, target.watchId), false, 'the panel was in view before "Show on page"');
    await popup.bringToFront();
    await popup.click({ testid: 'wd-popup-show', index });
    const shown = (await tab.waitForHosts((host, root, { watchId }) => {
      if (host.getAttribute('data-why-denied') !== watchId) return null;
      const panel = root?.querySelector('[data-testid="wd-panel"]');
      if (!panel || root.activeElement !== panel) return null;
      const r = host.getBoundingClientRect();
      return { focused: document.activeElement === host, inView: r.top < innerHeight && r.bottom > 0 };
    }, { watchId: target.watchId }, (all) => all.some(Boolean), { what: 'the panel to be shown and focused' })).find(Boolean);
    assert.deepEqual(shown, { focused: true, inView: true });
    assert.equal(await popup.count('wd-popup-show-error'), 0);
  });

  test('popup and options page, light (and dark in Chromium; Firefox below): 0 axe violations', async (driver) => {
    const { popup, options } = await checkExtensionPages(driver, '');
    for (const page of [popup, options]) if (await preferDark(page)) await assertNoViolations(page, `${page.url} (dark)`);
  });
});

if (BROWSERS.includes('firefox')) {
  describe('accessibility, dark colour scheme [firefox]', () => {
    let driver = null;
    before(async () => {
      driver = await launchFirefox({ prefs: { 'ui.systemUsesDarkTheme': 1, 'layout.css.prefers-color-scheme.content-override': 0 } });
    });
    after(async () => {
      await driver?.close();
    });
    it('popup and options page in dark: 0 axe violations', { timeout: 60_000 }, async () => {
      try {
        const { options } = await checkExtensionPages(driver, ' (dark)');
        assert.equal(await options.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), true, 'Firefox did not take the dark preference');
        assert.equal(await options.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(22, 29, 38)', 'the options page is not dark'); // #161d26
      } finally {
        await driver.closeTestPages();
      }
    });
  });
}
