#!/usr/bin/env node
// `npm start`: the built extension on a demo billing console page with a denial. No AWS account needed.
//   With a display (DISPLAY or WAYLAND_DISPLAY): `web-ext run` opens Chromium (or Firefox with --firefox) at a real
//   console URL, answered by a local HTTPS server with a self-signed certificate; close the browser to stop.
//   Without a display (or with --headless): headless Chromium as in the e2e tests; waits for the panel, writes
//   artifacts/demo/explained-page.png and prints its path and the panel's text.
//   With --screenshots: every fixture page with a denial, light and dark, to artifacts/screenshots/ (screenshots.mjs).
// Options: --firefox, --headless, --fixture <file in test/fixtures/pages>, --screenshots.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BILLS_URL, ROOT, fixtureExists, fixtureHtml, launchChromium } from '../e2e/harness.mjs';
import { ensureBrowsers } from '../setup-browsers.mjs';
import { startDemoConsole } from './demo-console.mjs';
import { captureScreenshots, panelSettled } from './screenshots.mjs';

/** The demo page: the Bills page showing a denial (the first of these fixtures that exists). */
const DEMO_FIXTURES = ['billing-bills-alert-denied.html', 'billing-flashbar-scp-deny.html'];
const DEMO_URL = BILLS_URL;
const DEMO_HOSTS = [new URL(DEMO_URL).hostname];
const PANEL_WAIT_MS = 10_000;

function fail(message) {
  console.error(`why-denied demo: ${message}`);
  process.exit(1);
}

const { values: options } = (() => {
  try {
    return parseArgs({ options: { firefox: { type: 'boolean' }, headless: { type: 'boolean' }, fixture: { type: 'string' }, screenshots: { type: 'boolean' } } });
  } catch (error) {
    return fail(`${error.message}\nusage: node test/demo/start.mjs [--firefox] [--headless] [--fixture <name>.html] [--screenshots]`);
  }
})();

if (options.screenshots) {
  ensureBrowsers(['chromium']);
  await captureScreenshots();
  process.exit(0);
}

// A fresh machine: install Debian's browser (and openssl for the local HTTPS server) if they are missing.
ensureBrowsers([options.firefox ? 'firefox-esr' : 'chromium', 'openssl']);
const fixture = options.fixture ?? DEMO_FIXTURES.find(fixtureExists);
if (!fixture || !fixtureExists(fixture)) fail(`no demo fixture page found (looked for ${options.fixture ?? DEMO_FIXTURES.join(', ')} in test/fixtures/pages)`);
// The fixtures carry the console's markup but not its stylesheet, so their SVG icons would fill the window.
const demoHtml = fixtureHtml(fixture).replace('</head>', '<style>svg { width: 16px; height: 16px; }</style>\n</head>');
const dist = join(ROOT, 'dist', options.firefox ? 'firefox' : 'chrome');
if (!existsSync(join(dist, 'manifest.json'))) fail(`${dist} is not built: run \`npm start\` (it builds first) or \`npx vite build\``);

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (options.headless || !hasDisplay) {
  if (options.firefox) console.error('why-denied demo: no display, so the headless demo runs in Chromium.');
  await headlessDemo();
} else {
  await browserDemo();
}

/** Headless Chromium with the extension: the page, the panel, a screenshot. */
async function headlessDemo() {
  const started = Date.now();
  const driver = await launchChromium();
  try {
    const page = await driver.openConsolePage(DEMO_URL, demoHtml);
    const panels = await page.waitForPanels((all) => all.some((p) => p.panel && panelSettled(p)), { timeout: PANEL_WAIT_MS, what: 'the why-denied panel and its frame' })
      .catch((error) => fail(`${error.message}\n(the page was ${DEMO_URL} serving ${fixture})`));
    // The panel's text as a reader sees it (innerText keeps the line structure), read through its closed root.
    const shown = await page.driver.eachPanelHost(page, (host, root) => root?.querySelector('[data-testid="wd-panel"]')?.innerText.trim() ?? null, {});
    const text = panels.map((p, i) => [shown[i], p.frameText?.trim()].filter(Boolean).join('\n')).join('\n\n----\n\n');
    const dir = join(ROOT, 'artifacts/demo');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'explained-page.png');
    await page.raw.screenshot({ path, fullPage: true });
    console.log(`why-denied demo: ${panels.filter((p) => p.panel).length} panel(s) on ${DEMO_URL} (fixture ${fixture}), ${Date.now() - started} ms`);
    console.log(`screenshot: ${path}\n`);
    console.log(text);
  } finally {
    await driver.close();
  }
}

/** A real browser window through web-ext run, at a real console URL answered by the local HTTPS server. */
async function browserDemo() {
  const server = await startDemoConsole({ html: demoHtml, hosts: DEMO_HOSTS });
  const webExt = join(ROOT, 'node_modules/web-ext/bin/web-ext.js');
  const common = ['run', '--source-dir', dist, '--start-url', DEMO_URL, '--no-reload', '--no-input'];
  let profile = null;
  let args;
  if (options.firefox) {
    profile = server.writeFirefoxProfile();
    args = [...common, '--target', 'firefox-desktop', '--firefox', '/usr/bin/firefox-esr', '--firefox-profile', profile,
      ...Object.entries(server.firefoxPrefs).map(([k, v]) => `--pref=${k}=${v}`)];
  } else {
    const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : []; // Chromium refuses its sandbox as root
    args = [...common, '--target', 'chromium', '--chromium-binary', '/usr/bin/chromium',
      ...[...server.chromiumArgs, ...sandbox, '--no-first-run', '--disable-sync'].map((a) => `--arg=${a}`)];
  }
  console.log(`why-denied demo: opening ${DEMO_URL} (served locally from ${fixture}) in ${options.firefox ? 'Firefox' : 'Chromium'}; close the browser to stop.`);
  const child = spawn(process.execPath, [webExt, ...args], { stdio: 'inherit' });
  const stop = () => child.kill('SIGINT');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 0)));
  await server.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  process.exit(code);
}
