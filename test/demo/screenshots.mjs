// `npm start -- --screenshots`: every fixture page with a denial, in headless Chromium with the built extension,
// in the console's light and dark visual modes (dark = the console's `awsui-dark-mode` class on body), written to
// artifacts/screenshots/, plus a panel at 400 px, a folded panel, a panel with its details open, the modal's compact
// button opened, and the popup. Also measures each offline panel
// as a reader meets it at 1280 px: the words it shows (innerText, so folded sections do not count) and its height,
// and writes them to figures.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, fixtureHtml, launchChromium } from '../e2e/harness.mjs';
import { captureOptionsStates } from './options-screenshots.mjs';

/** The fixture pages that show at least one denial (one per kind of console surface). */
export const DENIAL_FIXTURES = [
  'billing-bills-alert-denied.html',
  'billing-flashbar-scp-deny.html',
  'billing-home-you-need-permissions.html',
  'cost-explorer-dashboard-three-widgets-denied.html',
  'costmanagement-home-activation-not-activated.html',
  'modal-budgets-passrole-denied.html',
  'legacy-awsui-alert.html',
  'split-inline-nbsp.html',
  'unknown-selectors-text-only.html',
];

const PANEL_WAIT_MS = 10_000;

/**
 * Runs on each panel host (its closed shadow root handed in by the harness): words and height of the panel (or its
 * compact button), in document order. The panel frame's own words are not counted here (test/e2e/panel-size does).
 */
function measurePanel(host, root) {
  const panel = root?.querySelector('[data-testid="wd-panel"]') ?? root?.querySelector('[data-testid="wd-open"]');
  const text = panel ? panel.innerText.trim() : '';
  return {
    kind: root?.querySelector('[data-testid="wd-panel"]') ? 'panel' : 'button',
    words: text ? text.split(/\s+/).length : 0,
    height: Math.round(host.getBoundingClientRect().height),
  };
}

/** Sets or clears the console's dark visual mode the way the console does, then lets the panels repaint. */
function setConsoleDarkMode(dark) {
  document.body.classList.toggle('awsui-dark-mode', dark);
  // A dark page behind the fixture's own (unstyled) markup, so the screenshot shows what the panel sits on.
  document.body.style.background = dark ? '#0f141a' : '';
  document.body.style.color = dark ? '#c6c6cd' : '';
  return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))));
}

const urlOf = (html) => /data-fixture-url="([^"]+)"/.exec(html)?.[1] ?? null;

/** Runs on each panel host: clicks the control `selector` names (folding, or opening the details). */
function clickIn(host, root, { selector }) {
  root?.querySelector(selector)?.click();
  return Boolean(root?.querySelector(selector));
}

/** The Bills panel at 400 px (labels above values) and folded, and the popup, each light and dark. */
async function captureStates(driver, dir) {
  const fixture = DENIAL_FIXTURES[0];
  const html = fixtureHtml(fixture).replace('</head>', '<style>svg { width: 16px; height: 16px; }</style>\n</head>');
  const page = await driver.openConsolePage(urlOf(html), html);
  await page.waitForPanels((all) => all.some((p) => p.panel && panelSettled(p)), { timeout: PANEL_WAIT_MS, what: `the panel on ${fixture}` });
  const shoot = async (state) => {
    for (const mode of ['light', 'dark']) {
      await page.evaluate(setConsoleDarkMode, mode === 'dark');
      await page.raw.screenshot({ path: join(dir, `state-${state}-${mode}.png`), fullPage: true });
    }
  };
  await page.raw.setViewportSize({ width: 400, height: 900 });
  await shoot('narrow-400px');
  await page.raw.setViewportSize({ width: 1280, height: 900 });
  await driver.eachPanelHost(page, clickIn, { selector: '[data-testid="wd-details-toggle"]' });
  await page.frames();
  await shoot('details-open');
  await driver.eachPanelHost(page, clickIn, { selector: '.toggle' });
  await page.frames();
  await shoot('folded');
  // The modal's compact button, opened by a real click: the dialog's footer stays on screen.
  const modalHtml = fixtureHtml('modal-budgets-passrole-denied.html');
  const modal = await driver.openConsolePage(urlOf(modalHtml), modalHtml);
  const [button] = await modal.waitForPanels((all) => all.some((p) => p.openButton), { timeout: PANEL_WAIT_MS, what: 'the compact button' });
  await modal.click({ host: button.watchId, testid: 'wd-open' });
  await modal.waitForPanels((all) => all.some((p) => p.panel), { timeout: PANEL_WAIT_MS, what: 'the opened panel' });
  await modal.frames();
  for (const mode of ['light', 'dark']) {
    await modal.evaluate(setConsoleDarkMode, mode === 'dark');
    await modal.raw.screenshot({ path: join(dir, `state-modal-compact-open-${mode}.png`) });
  }
  await modal.close();
  const popup = await driver.openPopup(page.tabId);
  await popup.waitFor(() => document.querySelector('[data-testid="wd-popup-denial"]'), null, { what: 'the popup entry' });
  for (const mode of ['light', 'dark']) {
    await popup.raw.emulateMedia({ colorScheme: mode });
    await popup.raw.setViewportSize({ width: 420, height: 400 });
    await popup.raw.screenshot({ path: join(dir, `state-popup-${mode}.png`), fullPage: true });
  }
  await popup.close();
  await page.close();
}

/** A panel whose frame is past "Looking for profiles…" (the frame loads after the panel), or a compact button. */
export const panelSettled = (p) => p.openButton || (p.panel && p.frameText && !/Looking for profiles/.test(p.frameText));

/** Captures every fixture in both modes; returns the figures. */
export async function captureScreenshots({ dir = join(ROOT, 'artifacts/screenshots'), log = console.log } = {}) {
  mkdirSync(dir, { recursive: true });
  const driver = await launchChromium();
  const figures = [];
  try {
    for (const fixture of DENIAL_FIXTURES) {
      // The fixtures carry the console's markup but not its stylesheet, so their SVG icons would fill the window.
      const html = fixtureHtml(fixture).replace('</head>', '<style>svg { width: 16px; height: 16px; }</style>\n</head>');
      const url = urlOf(html);
      if (!url) throw new Error(`${fixture} names no data-fixture-url`);
      const page = await driver.openConsolePage(url, html);
      await page.waitForPanels((all) => all.length > 0 && all.every(panelSettled), { timeout: PANEL_WAIT_MS, what: `panels on ${fixture}` });
      await page.frames();
      const name = fixture.replace(/\.html$/, '');
      const panels = await driver.eachPanelHost(page, measurePanel, {});
      figures.push({ fixture, panels });
      for (const mode of ['light', 'dark']) {
        await page.evaluate(setConsoleDarkMode, mode === 'dark');
        await page.raw.screenshot({ path: join(dir, `${name}-${mode}.png`), fullPage: true });
      }
      log(`${name}: ${panels.map((p) => `${p.kind} ${p.words} words, ${p.height} px`).join('; ')}`);
      await page.close();
    }
    await captureStates(driver, dir);
    await captureOptionsStates(driver, dir);
  } finally {
    await driver.close();
  }
  writeFileSync(join(dir, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
  log(`screenshots and figures.json: ${dir}`);
  return figures;
}
