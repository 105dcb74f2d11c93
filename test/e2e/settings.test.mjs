// The options page's settings in real browsers: "only on request" puts only a "Why denied?" button beside the
// denial; clicking it opens the panel. The request format setting is the copy button's default. A fresh profile
// per browser, so the changed settings do not leak into the other suites.
import assert from 'node:assert/strict';
import { BILLS_URL, forEachBrowser } from './harness.mjs';

const BILLS = { url: BILLS_URL, fixture: 'billing-bills-alert-denied.html' };

forEachBrowser('settings', ({ test }) => {
  test('"only on request": the page shows only the "Why denied?" button until it is clicked', async (driver) => {
    const options = await driver.openExtensionPage('options/options.html');
    await options.waitForText('wd-setting-panel-mode');
    await options.select('wd-setting-panel-mode', 'on-request');
    await options.waitForText('wd-settings-saved', 'Saved');
    await options.screenshot('options-on-request');
    // Saved for real: a freshly loaded options page reads it back.
    const reloaded = await driver.openExtensionPage('options/options.html');
    await reloaded.waitFor(() => document.querySelector('[data-testid="wd-setting-panel-mode"]')?.value === 'on-request', null,
      { what: 'the saved panel mode after reload' });

    const tab = await driver.openConsolePage(BILLS.url, BILLS.fixture);
    const [host] = await tab.waitForPanels((all) => all.length === 1 && all[0].openButton, { what: 'the "Why denied?" button' });
    assert.equal(host.panel, false, 'the panel opened by itself in on-request mode');
    assert.equal(host.principal, null, 'the explanation is shown before it was requested');
    await tab.screenshot('on-request-button');

    await tab.click({ host: host.watchId, testid: 'wd-open' });
    const [opened] = await tab.waitForPanels((all) => all.length === 1 && all[0].panel, { what: 'the panel after clicking "Why denied?"' });
    assert.equal(opened.principal, 'arn:aws:sts::222222222222:assumed-role/FinanceRole/bob');
    assert.equal(opened.action, 'invoicing:ListInvoiceSummaries');
    await tab.screenshot('on-request-opened');
  });

  test('the request format setting is the copy button\'s default', async (driver) => {
    const options = await driver.openExtensionPage('options/options.html');
    await options.select('wd-setting-panel-mode', 'auto');
    await options.waitForText('wd-settings-saved', 'Saved');
    await options.select('wd-setting-request-format', 'markdown');
    await options.waitFor(() => document.querySelector('[data-testid="wd-setting-request-format"]')?.value === 'markdown', null);
    await options.waitForText('wd-settings-saved', 'Saved');

    const tab = await driver.openConsolePage(BILLS.url, BILLS.fixture);
    const [panel] = await tab.waitForPanels((all) => all.length === 1 && all[0].panel, { what: 'the panel in auto mode' });
    const format = await tab.read({ host: panel.watchId, testid: 'wd-copy-format' });
    assert.equal(format?.value, 'markdown', 'the copy format does not follow the setting');
  });
});
