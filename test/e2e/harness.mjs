// The end-to-end harness: the built extension in real Chromium (playwright-core) and real Firefox ESR
// (puppeteer-core over WebDriver BiDi), behind one driver interface, so each test body runs in both browsers.
// Console fixture pages are served at real console URLs: Chromium through context.route, Firefox through request
// interception of page requests (the extension never talks to the network here: AWS is the local fake, reached
// through a profile's endpoint override).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';

export const ROOT = resolve(import.meta.dirname, '../..');
export const ARTIFACTS = join(ROOT, 'artifacts/e2e');
export const FIXTURE_PAGES = join(ROOT, 'test/fixtures/pages');

/** The Bills page on a Regional console host (routes are hash fragments: the match patterns see /billing/home). */
export const BILLS_URL = 'https://us-east-1.console.aws.amazon.com/billing/home#/bills';

/** Any console host: global, Regional, multi-session. */
const CONSOLE_HOST = /^https:\/\/([a-z0-9-]+\.)*console\.aws\.amazon\.com\//;

const CHROMIUM = '/usr/bin/chromium';
const FIREFOX = '/usr/bin/firefox-esr';
/** Pinned moz-extension host: BiDi cannot list extensions, so the test decides the UUID. */
const FIREFOX_EXTENSION_UUID = '6f1d3c2a-9b8e-4d7f-a1c0-5e4b3a291807';
/** Connections outside are refused on this machine; these flags stop Chromium from trying. */
const CHROMIUM_QUIET_FLAGS = ['--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const HEADED = process.env.WD_E2E_HEADED === '1';
const SLOW_MO = Number(process.env.WD_E2E_SLOWMO ?? 0);
const DEFAULT_WAIT_MS = Number(process.env.WD_E2E_WAIT_MS ?? 5000);
/** The build under test: <DIST>/chrome and <DIST>/firefox (default: the repository's dist/). */
const DIST = resolve(process.env.WD_E2E_DIST ?? join(ROOT, 'dist'));

/** Which browsers to run: WD_E2E_BROWSERS=chromium,firefox (default both). */
export const BROWSERS = (process.env.WD_E2E_BROWSERS ?? 'chromium,firefox').split(',').map((s) => s.trim()).filter(Boolean);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A copy of the built extension, so a rebuild while the tests run cannot change the code under test. */
function snapshotDist(browserName) {
  const source = join(DIST, browserName === 'chromium' ? 'chrome' : 'firefox');
  if (!existsSync(join(source, 'manifest.json'))) throw new Error(`${source}/manifest.json is missing: run \`npx vite build\` first`);
  const copy = mkdtempSync(join(tmpdir(), `wd-e2e-ext-${browserName}-`));
  cpSync(source, copy, { recursive: true });
  return copy;
}

/** A fixture is a file name under test/fixtures/pages or an HTML string. */
export function fixtureHtml(fixture) {
  if (/^\s*</.test(fixture)) return fixture;
  const path = join(FIXTURE_PAGES, fixture);
  if (!existsSync(path)) throw new Error(`fixture page ${path} does not exist`);
  return readFileSync(path, 'utf8');
}

export function fixtureExists(name) {
  return existsSync(join(FIXTURE_PAGES, name));
}

const withoutHash = (url) => url.split('#')[0];

// ---------------------------------------------------------------------------------------------------------------
// Functions that run inside pages. They are serialised, so each one is self-contained.

/** Every panel host on the page (and in same-origin frames), with its shadow root's test hooks read as text. */
function readPanelsInPage() {
  const FIELDS = ['wd-principal', 'wd-action', 'wd-resource', 'wd-reading', 'wd-verdict', 'wd-layer', 'wd-fixer', 'wd-confidence',
    'wd-policy-arn', 'wd-steps', 'wd-notes', 'wd-copied', 'wd-diagnosis-verdict', 'wd-blocking-policy', 'wd-statement-sid',
    'wd-statement', 'wd-evidence', 'wd-diagnosis-problem', 'wd-diagnosis-message', 'wd-diagnosis-error', 'wd-no-profile'];
  const fold = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
  const docs = [document];
  for (const frame of document.querySelectorAll('iframe')) {
    try { if (frame.contentDocument) docs.push(frame.contentDocument); } catch { /* cross-origin frame */ }
  }
  return docs.flatMap((doc, frameIndex) => [...doc.querySelectorAll('[data-why-denied]')].map((host) => {
    const root = host.shadowRoot;
    const one = (id) => root?.querySelector(`[data-testid="${id}"]`) ?? null;
    const fields = {};
    for (const id of FIELDS) { const el = one(id); fields[id.slice(3)] = el ? fold(el.textContent) : null; }
    // Machine-readable keys the panel puts beside the words (data-layer, data-fixer, data-confidence, data-status).
    const data = {};
    for (const el of root ? root.querySelectorAll('[data-testid]') : []) {
      for (const [k, v] of Object.entries(el.dataset)) if (k !== 'testid') data[`${el.dataset.testid.slice(3)}.${k}`] = v;
    }
    return {
      watchId: host.getAttribute('data-why-denied'),
      frameIndex,
      shadow: Boolean(root),
      panel: Boolean(one('wd-panel')),
      openButton: Boolean(one('wd-open')),
      buttons: root ? [...root.querySelectorAll('[data-testid]')].filter((e) => e.tagName === 'BUTTON').map((e) => e.dataset.testid) : [],
      ...fields,
      data,
      // What the panel sits beside: the element just before the host (the denial's container).
      besideText: fold(host.previousElementSibling?.textContent).slice(0, 2000),
      text: fold(root?.textContent),
    };
  }));
}

/** Finds one element by test id in the document and every open shadow root (optionally inside one panel host). */
function locateInPage({ testid, css, host, index, action, value }) {
  const selector = css ?? `[data-testid="${testid}"]`;
  const roots = [];
  const collect = (root) => {
    roots.push(root);
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) collect(el.shadowRoot);
  };
  if (host !== undefined && host !== null) {
    const hosts = [...document.querySelectorAll('[data-why-denied]')];
    const h = typeof host === 'number' ? hosts[host] : hosts.find((e) => e.getAttribute('data-why-denied') === host);
    if (!h?.shadowRoot) return { found: false, why: `no panel host ${JSON.stringify(host)} (${hosts.length} on the page)` };
    collect(h.shadowRoot);
  } else collect(document);
  const matches = roots.flatMap((r) => [...r.querySelectorAll(selector)]);
  const el = matches[index ?? 0];
  if (!el) return { found: false, why: `${selector}: ${matches.length} match(es)` };
  if (action === 'count') return { found: true, count: matches.length };
  if (action === 'fill' || action === 'select') {
    const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    if (action === 'select' && !(el instanceof HTMLSelectElement)) return { found: false, why: `${selector} is not a <select>` };
    if (action === 'select' && ![...el.options].some((o) => o.value === value))
      return { found: false, why: `${selector} has no option ${value} (options: ${[...el.options].map((o) => o.value).join(', ')})` };
    el.focus();
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    el.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    return { found: true };
  }
  if (action === 'text') return { found: true, text: el.textContent, value: 'value' in el ? el.value : null };
  el.scrollIntoView({ block: 'center', inline: 'center' });
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return { found: false, why: `${selector} is not visible (zero size)` };
  if (el.disabled) return { found: false, why: `${selector} is disabled` };
  const x = r.left + r.width / 2;
  const y = r.top + r.height / 2;
  // The click goes to a point: make sure the element itself is there (not covered, not moving under a re-render).
  const hit = el.getRootNode().elementFromPoint(x, y);
  if (hit !== el && !el.contains(hit)) return { found: false, why: `${selector} is covered by ${hit?.tagName ?? 'nothing'}` };
  return { found: true, x, y };
}

// ---------------------------------------------------------------------------------------------------------------

/** One open page (a console page or an extension page), the same methods in both browsers. */
class TestPage {
  /** @param {{ raw: any, driver: Driver, kind: 'console'|'extension'|'opened', url: string, tabId?: number|null }} o */
  constructor({ raw, driver, kind, url, tabId = null }) {
    this.raw = raw;
    this.driver = driver;
    this.kind = kind;
    this.url = url;
    this.tabId = tabId;
  }

  evaluate(fn, arg) {
    return this.raw.evaluate(fn, arg);
  }

  /** Polls `fn(arg)` in the page until it returns a truthy value; fails with `what` and the last value seen. */
  async waitFor(fn, arg, { timeout = DEFAULT_WAIT_MS, what = fn.name || 'condition', interval = 50 } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await this.raw.evaluate(fn, arg);
        if (last) return last;
      } catch (error) {
        last = `error: ${error.message}`;
      }
      if (Date.now() > deadline) throw new Error(`${this.driver.name}: timed out after ${timeout} ms waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 1500)}`);
      await sleep(interval);
    }
  }

  /** The panels on the page, read from their shadow roots by data-testid. */
  panels() {
    return this.raw.evaluate(readPanelsInPage);
  }

  /** Waits until `accept(panels)` holds and returns the panels. */
  async waitForPanels(accept, { timeout = DEFAULT_WAIT_MS, what = 'panels' } = {}) {
    const deadline = Date.now() + timeout;
    let panels = [];
    for (;;) {
      panels = await this.panels();
      if (accept(panels)) return panels;
      if (Date.now() > deadline)
        throw new Error(`${this.driver.name}: timed out after ${timeout} ms waiting for ${what}; panels now: ${JSON.stringify(panels.map((p) => ({ watchId: p.watchId, panel: p.panel, open: p.openButton, principal: p.principal, action: p.action })))}`);
      await sleep(50);
    }
  }

  async locate(target, action, value) {
    const t = typeof target === 'string' ? { testid: target } : target;
    return this.raw.evaluate(locateInPage, { ...t, action, value });
  }

  async #must(target, action, value) {
    const deadline = Date.now() + DEFAULT_WAIT_MS;
    for (;;) {
      const r = await this.locate(target, action, value);
      if (r.found) return r;
      if (Date.now() > deadline) throw new Error(`${this.driver.name}: ${action} ${JSON.stringify(target)}: ${r.why}`);
      await sleep(50);
    }
  }

  /** A real (trusted) mouse click on the element's centre, waiting for it to exist and be visible. */
  async click(target) {
    const { x, y } = await this.#must(target, 'click');
    await this.raw.mouse.click(x, y);
  }

  /** Sets an input's or textarea's value as typing would (input + change events). */
  async fill(target, value) {
    await this.#must(target, 'fill', value);
  }

  async select(target, value) {
    await this.#must(target, 'select', value);
  }

  /** The element's textContent and (for form fields) value, or null when absent. */
  async read(target) {
    const r = await this.locate(target, 'text');
    return r.found ? { text: r.text, value: r.value } : null;
  }

  async count(target) {
    const r = await this.locate(target, 'count');
    return r.found ? r.count : 0;
  }

  /** Waits for an element to exist (and, with `text`, to contain it); returns its text. */
  async waitForText(target, text = '', { timeout = DEFAULT_WAIT_MS } = {}) {
    const deadline = Date.now() + timeout;
    let seen = null;
    for (;;) {
      seen = await this.read(target);
      if (seen && (seen.text ?? '').includes(text)) return seen.text;
      if (Date.now() > deadline) throw new Error(`${this.driver.name}: timed out waiting for ${JSON.stringify(target)} to contain ${JSON.stringify(text)}; it has ${JSON.stringify(seen?.text ?? null)}`);
      await sleep(50);
    }
  }

  /** Two animation frames: enough for the watcher's batched work and Preact's render to have happened. */
  async frames(n = 2) {
    await this.raw.evaluate((count) => new Promise((done) => {
      const step = (left) => (left === 0 ? done(true) : requestAnimationFrame(() => step(left - 1)));
      step(count);
    }), n);
  }

  async bringToFront() {
    await this.raw.bringToFront();
  }

  /** artifacts/e2e/<browser>-<name>.png */
  async screenshot(name) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, `${this.driver.name}-${name}.png`);
    await this.raw.screenshot({ path, fullPage: true });
    return path;
  }

  async close() {
    this.driver.pages.delete(this);
    await this.raw.close().catch(() => undefined);
  }
}

/** What both drivers share: pages, the control page, tab ids, storage, badge. */
class Driver {
  constructor(name) {
    this.name = name;
    /** @type {Set<TestPage>} */
    this.pages = new Set();
    /** @type {Map<string, string>} console URL (no hash) -> HTML */
    this.routes = new Map();
    this.control = null;
    this.tempDirs = [];
  }

  /** An extension page kept open to call extension APIs (tabs, storage, action) from the test. */
  async #controlPage() {
    if (!this.control) {
      this.control = await this.openExtensionPage('options/options.html');
      this.pages.delete(this.control); // not a test page: survives closeTestPages()
    }
    return this.control;
  }

  /** Runs `fn(arg)` in an extension page, where `browser` (or `chrome`) is the extension API. */
  async extension(fn, arg) {
    const page = await this.#controlPage();
    return page.evaluate(fn, arg);
  }

  async tabIds() {
    return this.extension(async () => {
      const api = globalThis.browser ?? globalThis.chrome;
      return (await api.tabs.query({})).map((t) => t.id);
    });
  }

  /** All of storage.local (or storage.session), read from an extension page. */
  storage(area = 'local') {
    return this.extension((a) => (globalThis.browser ?? globalThis.chrome).storage[a].get(null), area);
  }

  /** The toolbar badge text for a tab ('' when none). */
  badgeText(tabId) {
    return this.extension((id) => (globalThis.browser ?? globalThis.chrome).action.getBadgeText({ tabId: id }), tabId);
  }

  /**
   * Opens `url` (a real console URL) serving `fixture` (file name under test/fixtures/pages, or HTML), and learns
   * the page's tab id (the tab that appeared). Resolves once the document has loaded.
   */
  async openConsolePage(url, fixture) {
    if (!CONSOLE_HOST.test(url)) throw new Error(`${url} is not a console URL`);
    this.routes.set(withoutHash(url), fixtureHtml(fixture));
    const before = new Set(await this.tabIds());
    const raw = await this.newRawConsolePage();
    await raw.goto(url, { waitUntil: 'load' });
    const fresh = (await this.tabIds()).filter((id) => !before.has(id));
    const page = new TestPage({ raw, driver: this, kind: 'console', url, tabId: fresh.length === 1 ? fresh[0] : null });
    this.pages.add(page);
    return page;
  }

  routeFor(url) {
    return this.routes.get(withoutHash(url)) ?? null;
  }

  /** The popup, opened in a tab for `tabId` (popup.html?tabId=N). */
  openPopup(tabId) {
    return this.openExtensionPage(`popup/popup.html?tabId=${tabId}`);
  }

  /** Test pages are closed after each test; the control page stays. */
  async closeTestPages() {
    await Promise.all([...this.pages].map((p) => p.close()));
  }

  /** Screenshots of every open test page, named after a failing test. */
  async screenshotAll(name) {
    const paths = [];
    let i = 0;
    for (const page of this.pages) paths.push(await page.screenshot(`${name}-${i++}`).catch(() => null));
    return paths.filter(Boolean);
  }

  cleanUp() {
    for (const dir of this.tempDirs) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** Kills the processes whose command line names our own temporary profile (a browser we started), by pid. */
function killByProfileDir(dir) {
  let out = '';
  try { out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }); } catch { return; }
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (m && m[2].includes(dir) && Number(m[1]) !== process.pid) {
      try { process.kill(Number(m[1]), 'SIGKILL'); } catch { /* already gone */ }
    }
  }
}

async function withTimeout(promise, ms) {
  let timer;
  try {
    return await Promise.race([promise, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Why Chromium refused the extension: it says so only in its log ("Extension error: Failed to load extension ...
 * It isn't UTF-8 encoded."), which Playwright does not pass on. Runs the browser once more with logging on.
 */
async function chromiumLoadError(ext) {
  const profile = mkdtempSync(join(tmpdir(), 'wd-e2e-chromium-diagnose-'));
  const child = spawn(CHROMIUM, ['--headless=new', '--no-sandbox', `--user-data-dir=${profile}`, `--disable-extensions-except=${ext}`,
    `--load-extension=${ext}`, ...CHROMIUM_QUIET_FLAGS, '--enable-logging=stderr', '--v=0', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => { log += chunk; });
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && !/Extension error[^\n]*/.test(log) && child.exitCode === null) await sleep(100);
  try { child.kill('SIGKILL'); } catch { /* gone */ }
  killByProfileDir(profile);
  rmSync(profile, { recursive: true, force: true });
  return /Extension error[^\n]*/.exec(log)?.[0] ?? '(Chromium logged no extension error)';
}

class ChromiumDriver extends Driver {
  constructor() {
    super('chromium');
  }

  async launch() {
    const { chromium } = await import('playwright-core');
    const ext = snapshotDist('chromium');
    this.profileDir = mkdtempSync(join(tmpdir(), 'wd-e2e-chromium-'));
    this.tempDirs.push(ext, this.profileDir);
    this.context = await chromium.launchPersistentContext(this.profileDir, {
      executablePath: CHROMIUM,
      headless: !HEADED,
      slowMo: SLOW_MO,
      args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, ...CHROMIUM_QUIET_FLAGS],
      // No origin: granting to chrome-extension:// origins fails ("opaque origins").
      permissions: ['clipboard-read', 'clipboard-write'],
      viewport: { width: 1280, height: 900 },
    });
    const worker = this.context.serviceWorkers()[0] ?? (await this.context.waitForEvent('serviceworker', { timeout: 10_000 }).catch(async () => {
      throw new Error(`chromium: the extension's service worker did not start. ${await chromiumLoadError(ext)}`);
    }));
    this.extensionOrigin = `chrome-extension://${new URL(worker.url()).host}/`;
    // Console pages (page requests) come from the route table; nothing else on those hosts exists.
    await this.context.route(CONSOLE_HOST, (route) => {
      const html = this.routeFor(route.request().url());
      return html === null ? route.fulfill({ status: 404, contentType: 'text/plain', body: 'not served by the e2e harness' })
        : route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    });
    // The default blank tab of a persistent context is not ours to count.
    for (const page of this.context.pages()) await page.close().catch(() => undefined);
    return this;
  }

  newRawConsolePage() {
    return this.context.newPage();
  }

  async openExtensionPage(path) {
    const raw = await this.context.newPage();
    const url = new URL(path, this.extensionOrigin).href;
    await raw.goto(url, { waitUntil: 'load' });
    const page = new TestPage({ raw, driver: this, kind: 'extension', url });
    this.pages.add(page);
    return page;
  }

  /** A tab the extension opened (e.g. Identity Center's verification page), found by URL. */
  async waitForTab(matches, { timeout = DEFAULT_WAIT_MS } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const raw = this.context.pages().find((p) => matches(p.url()));
      if (raw) {
        await raw.waitForLoadState('load');
        const page = new TestPage({ raw, driver: this, kind: 'opened', url: raw.url() });
        this.pages.add(page);
        return page;
      }
      if (Date.now() > deadline) throw new Error(`chromium: no tab matched within ${timeout} ms; open: ${this.context.pages().map((p) => p.url()).join(', ')}`);
      await sleep(50);
    }
  }

  /** The system clipboard, read in the given (focused) page. */
  async readClipboard(page) {
    await page.bringToFront();
    return page.raw.evaluate(() => navigator.clipboard.readText());
  }

  async close() {
    try { await withTimeout(this.context?.close(), 10_000); } catch { /* killed below */ }
    if (this.profileDir) killByProfileDir(this.profileDir);
    this.cleanUp();
  }
}

class FirefoxDriver extends Driver {
  /** @param {{ prefs?: Record<string, string | number | boolean> }} [options] extra Firefox preferences */
  constructor({ prefs = {} } = {}) {
    super('firefox');
    this.extraPrefs = prefs;
  }

  async launch() {
    const { default: puppeteer } = await import('puppeteer-core');
    const ext = snapshotDist('firefox');
    this.tempDirs.push(ext);
    const manifest = JSON.parse(readFileSync(join(ext, 'manifest.json'), 'utf8'));
    const geckoId = manifest.browser_specific_settings?.gecko?.id;
    if (!geckoId) throw new Error('dist/firefox/manifest.json has no gecko id');
    this.browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: !HEADED,
      slowMo: SLOW_MO,
      defaultViewport: { width: 1280, height: 900 },
      // Allows BiDi navigation to moz-extension:// pages.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: { ...this.extraPrefs, 'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: FIREFOX_EXTENSION_UUID }) },
    });
    this.process = this.browser.process();
    await this.browser.installExtension(ext);
    this.extensionOrigin = `moz-extension://${FIREFOX_EXTENSION_UUID}/`;
    return this;
  }

  async newRawConsolePage() {
    const raw = await this.browser.newPage();
    // Only page requests can be intercepted over BiDi (not the extension's); that is all the fixtures need.
    await raw.setRequestInterception(true);
    raw.on('request', (req) => {
      if (req.isInterceptResolutionHandled()) return;
      if (!CONSOLE_HOST.test(req.url())) return void req.continue();
      const html = this.routeFor(req.url());
      void (html === null ? req.respond({ status: 404, contentType: 'text/plain', body: 'not served by the e2e harness' })
        : req.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    });
    return raw;
  }

  /** `page.goto` never resolves for moz-extension:// over BiDi: navigate raw and wait for the load instead. */
  async #navigateExtension(raw, url) {
    await this.browser.connection.send('browsingContext.navigate', { context: raw.mainFrame()._id, url, wait: 'none' });
    const deadline = Date.now() + DEFAULT_WAIT_MS * 2;
    for (;;) {
      const ready = await raw.evaluate(() => location.protocol === 'moz-extension:' && document.readyState === 'complete').catch(() => false);
      if (ready) return;
      if (Date.now() > deadline) throw new Error(`firefox: ${url} did not load`);
      await sleep(25);
    }
  }

  async openExtensionPage(path) {
    const raw = await this.browser.newPage();
    const url = new URL(path, this.extensionOrigin).href;
    await this.#navigateExtension(raw, url);
    const page = new TestPage({ raw, driver: this, kind: 'extension', url });
    this.pages.add(page);
    return page;
  }

  async waitForTab(matches, { timeout = DEFAULT_WAIT_MS } = {}) {
    const target = await this.browser.waitForTarget((t) => t.type() === 'page' && matches(t.url()), { timeout });
    const raw = await target.page();
    await raw.waitForFunction(() => document.readyState === 'complete', { timeout });
    const page = new TestPage({ raw, driver: this, kind: 'opened', url: raw.url() });
    this.pages.add(page);
    return page;
  }

  /** Reading the clipboard needs a paste prompt in Firefox content; the e2e tests check it in Chromium only. */
  async readClipboard() {
    throw new Error('firefox: the e2e harness does not read the clipboard');
  }

  async close() {
    try { await withTimeout(this.browser?.close(), 10_000); } catch { /* killed below */ }
    if (this.process && this.process.exitCode === null) {
      try { process.kill(this.process.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    this.cleanUp();
  }
}

export async function launchChromium() {
  const driver = new ChromiumDriver();
  try {
    return await driver.launch();
  } catch (error) {
    await driver.close();
    throw error;
  }
}

/** @param {{ prefs?: Record<string, string | number | boolean> }} [options] e.g. a dark colour scheme, which BiDi cannot emulate */
export async function launchFirefox(options) {
  const driver = new FirefoxDriver(options);
  try {
    return await driver.launch();
  } catch (error) {
    await driver.close();
    throw error;
  }
}

export function launch(name) {
  if (name === 'chromium') return launchChromium();
  if (name === 'firefox') return launchFirefox();
  throw new Error(`unknown browser ${name}`);
}

/**
 * Runs `body({ driver, test })` once per browser in its own describe block with a fresh profile. `test(name, fn,
 * options)` gives fn the driver, closes the test's pages afterwards, and screenshots them when it fails.
 */
export function forEachBrowser(suite, body) {
  for (const name of BROWSERS) {
    describe(`${suite} [${name}]`, () => {
      /** @type {ChromiumDriver | FirefoxDriver | null} */
      let driver = null;
      let launchError = null;
      before(async () => {
        try { driver = await launch(name); } catch (error) { launchError = error; }
      });
      after(async () => { await driver?.close(); });
      const test = (title, fn, options = {}) => {
        it(title, { timeout: 60_000, ...options }, async (t) => {
          if (launchError) throw launchError;
          try {
            await fn(driver, t);
          } catch (error) {
            const slug = title.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 60);
            await driver.screenshotAll(`FAILED-${slug}`).catch(() => undefined);
            throw error;
          } finally {
            await driver.closeTestPages();
          }
        });
      };
      body({ browser: name, test });
    });
  }
}
