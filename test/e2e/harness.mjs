// The end-to-end harness: the built extension in real Chromium (playwright-core) and real Firefox ESR
// (puppeteer-core over WebDriver BiDi), behind one driver interface, so each test body runs in both browsers.
// Console fixture pages are served at real console URLs: Chromium through context.route, Firefox through request
// interception of page requests (the extension never talks to the network here: AWS is the local fake, reached
// through a profile's endpoint override).
// Panels are in closed shadow roots with an extension frame inside: the drivers reach both through the browser's
// automation protocols (eachPanelHost, frameOf), which no page script has.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * A copy of the built extension, so a rebuild while the tests run cannot change the code under test. With
 * `attacker`, the copy runs test/e2e/attacker/content-world.js as a second content script on the console pages:
 * code with exactly our content script's privileges, for the security tests (never in a shipped build).
 */
function snapshotDist(browserName, { attacker = false } = {}) {
  const source = join(DIST, browserName === 'chromium' ? 'chrome' : 'firefox');
  if (!existsSync(join(source, 'manifest.json'))) throw new Error(`${source}/manifest.json is missing: run \`npx vite build\` first`);
  const copy = mkdtempSync(join(tmpdir(), `wd-e2e-ext-${browserName}-`));
  cpSync(source, copy, { recursive: true });
  if (attacker) {
    const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8'));
    cpSync(join(ROOT, 'test/e2e/attacker/content-world.js'), join(copy, 'test-attacker.js'));
    manifest.content_scripts.push({ matches: manifest.content_scripts[0].matches, js: ['test-attacker.js'], run_at: 'document_idle' });
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest, null, 2));
  }
  return copy;
}

/** A diagnosed frame shows at most this many words, merged or not (issue 14: an answer read in five seconds). */
export const MAX_DIAGNOSED_WORDS = 120;

/**
 * Runs in a page or frame: the words its body shows. innerText skips folded content; a closed <select> shows only its
 * chosen option, where innerText has all of them (Chromium) or none (Firefox).
 */
export function visibleWords() {
  const words = (text) => text.split(/\s+/).filter(Boolean).length;
  const selects = [...document.querySelectorAll('select')].reduce((n, s) => n + words(s.innerText) - words(s.selectedOptions[0]?.text ?? ''), 0);
  return words(document.body.innerText) - selects;
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

/** A function's source with the helper functions it calls declared before it (for running it in a page). */
const withHelpers = (fn, helpers = []) => `(() => { ${helpers.map((h) => h.toString()).join('\n')}\n return (${fn.toString()}); })()`;
/** What a console URL answers: a fixture page (HTML), a fake API answer ({ status, headers, body }), or 404. */
function answerFor(route) {
  if (route === null) return { status: 404, contentType: 'text/plain', body: 'not served by the e2e harness' };
  if (typeof route === 'string') return { status: 200, contentType: 'text/html; charset=utf-8', body: route };
  return { status: route.status, headers: route.headers, body: route.body };
}

// ---------------------------------------------------------------------------------------------------------------
// Functions that run inside pages. They are serialised, so each one is self-contained.

const PANEL_FIELDS = ['wd-principal', 'wd-action', 'wd-resource', 'wd-reading', 'wd-verdict', 'wd-layer', 'wd-fixer', 'wd-confidence',
  'wd-policy-arn', 'wd-steps', 'wd-notes', 'wd-copied', 'wd-diagnosis-verdict', 'wd-blocking-policy', 'wd-statement-sid',
  'wd-statement', 'wd-evidence', 'wd-diagnosis-problem', 'wd-diagnosis-message', 'wd-diagnosis-error', 'wd-no-profile'];

/**
 * One panel host, read through its closed shadow root (handed in by the driver's privileged DOM access: DevTools
 * in Chromium, WebDriver BiDi in Firefox; a page script cannot get it). `root` is null for a page's own element
 * that merely carries the attribute.
 */
function readPanelHost(host, root, { fields, frameIndex }) {
  const fold = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
  const one = (id) => root?.querySelector(`[data-testid="${id}"]`) ?? null;
  const read = {};
  for (const id of fields) { const el = one(id); read[id.slice(3)] = el ? fold(el.textContent) : null; }
  // The panel leaves out the Who and Tried rows when the alert beside it shows them; it names them in data-* keys.
  const section = one('wd-panel');
  const actions = section?.dataset.actions ? section.dataset.actions.split(' ') : [];
  if (section) { read.principal ??= section.dataset.principal || null; read.action ??= actions[0] ?? null; }
  // Machine-readable keys the panel puts beside the words (data-layer, data-fixer, data-confidence, data-status).
  const data = {};
  for (const el of root ? root.querySelectorAll('[data-testid]') : []) {
    for (const [k, v] of Object.entries(el.dataset)) if (k !== 'testid') data[`${el.dataset.testid.slice(3)}.${k}`] = v;
  }
  return {
    watchId: host.getAttribute('data-why-denied'),
    frameIndex,
    shadow: Boolean(root),
    panel: Boolean(section),
    actions,
    whoRow: Boolean(one('wd-principal')),
    openButton: Boolean(one('wd-open')),
    buttons: root ? [...root.querySelectorAll('[data-testid]')].filter((e) => e.tagName === 'BUTTON').map((e) => e.dataset.testid) : [],
    ...read,
    data,
    // What the panel sits beside: the element just before the host (the denial's container).
    besideText: fold(host.previousElementSibling?.textContent).slice(0, 2000),
    text: fold(root?.textContent),
    frameSrc: one('wd-diagnosis-frame')?.getAttribute('src') ?? null,
    // The frame's place, until the user turns to the panel (the record is known, the frame not made yet).
    frameSlot: Boolean(one('wd-diagnosis-frame-slot')),
    folded: root ? root.querySelectorAll('.disclosure-toggle[aria-expanded="false"]').length : 0,
  };
}

/**
 * Opens a panel's folded sections ("Details for your administrator", "Background") as a click would: the panel
 * builds their content on the first opening only, and most fields are read from there. The click in the panel is
 * also the user turning to it, so the panel makes its frame.
 */
function unfoldPanel(host, root) {
  const closed = [...(root?.querySelectorAll('.disclosure-toggle[aria-expanded="false"]') ?? [])];
  for (const toggle of closed) toggle.click();
  return closed.length;
}

/** The same fields, read in a panel frame's document (an extension page: the test reads it, a page script cannot). */
function readPanelFrame(fields) {
  const fold = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
  const read = {};
  for (const id of fields) { const el = document.querySelector(`[data-testid="${id}"]`); if (el) read[id.slice(3)] = fold(el.textContent); }
  const data = {};
  for (const el of document.querySelectorAll('[data-testid]')) {
    for (const [k, v] of Object.entries(el.dataset)) if (k !== 'testid') data[`${el.dataset.testid.slice(3)}.${k}`] = v;
  }
  const buttons = [...document.querySelectorAll('button[data-testid]')].map((e) => e.dataset.testid);
  return { read, data, buttons, text: fold(document.body.textContent) };
}

/** The centre of a panel, scrolled into view: where a user's pointer comes over it. */
function panelCentre(host, root) {
  const section = root?.querySelector('[data-testid="wd-panel"]');
  if (!section) return null;
  section.scrollIntoView({ block: 'center' });
  const r = section.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + Math.min(r.height / 2, 20) };
}

/** A panel host's frame (the <iframe> in its shadow root), scrolled so that a point inside it is in view. */
function framePointInPanel(host, root, { x, y }) {
  const frame = root?.querySelector('[data-testid="wd-diagnosis-frame"]');
  if (!frame) return { found: false, why: 'the panel has no diagnosis frame' };
  let r = frame.getBoundingClientRect();
  window.scrollBy(0, r.top + y - innerHeight / 2);
  r = frame.getBoundingClientRect();
  return { found: true, x: r.left + x, y: r.top + y };
}

/** Finds one element by test id in the document and every open shadow root (optionally inside one panel host). */
function locateInPage({ testid, css, index, action, value }, panelRoot = null) {
  const selector = css ?? `[data-testid="${testid}"]`;
  const roots = [];
  const collect = (root) => {
    roots.push(root);
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) collect(el.shadowRoot);
  };
  collect(panelRoot ?? document);
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

  /**
   * The panels on the page, read from their closed shadow roots by data-testid, each merged with what its panel
   * frame shows (profiles, progress, diagnosis): the fields the frame has win. Their folded sections are opened first
   * (`unfold` false leaves them as the user left them).
   */
  async panels({ unfold = true } = {}) {
    let hosts = await this.driver.eachPanelHost(this, readPanelHost, { fields: PANEL_FIELDS });
    // A panel that mounts between the opening and the reading is read folded: opened, and read again.
    for (let round = 0; unfold && round < 3 && hosts.some((host) => host.folded > 0); round++) {
      await this.driver.eachPanelHost(this, unfoldPanel, {});
      hosts = await this.driver.eachPanelHost(this, readPanelHost, { fields: PANEL_FIELDS });
    }
    return Promise.all(hosts.map(async (panel) => {
      const frame = panel.frameSrc ? await this.frameOf(panel.frameSrc) : null;
      if (!frame) return panel;
      const inFrame = await frame.evaluate(readPanelFrame, PANEL_FIELDS).catch(() => null);
      if (!inFrame) return panel;
      return { ...panel, ...inFrame.read, data: { ...panel.data, ...inFrame.data }, buttons: [...panel.buttons, ...inFrame.buttons], frameText: inFrame.text };
    }));
  }

  /** The raw frame (playwright or puppeteer) whose URL is a panel frame's src. */
  frameOf(src) {
    return this.driver.frameOf(this, src.slice(src.indexOf('#')));
  }

  /** The panel host for a `host` target: its watch id, or its index among the page's hosts. */
  async #panelHost(host) {
    const hosts = await this.driver.eachPanelHost(this, (h, root) => ({ watchId: h.getAttribute('data-why-denied'), shadow: Boolean(root), frameSrc: root?.querySelector('[data-testid="wd-diagnosis-frame"]')?.getAttribute('src') ?? null,
      frameSlot: Boolean(root?.querySelector('[data-testid="wd-diagnosis-frame-slot"]')) }), {});
    const found = typeof host === 'number' ? hosts[host] : hosts.find((h) => h.watchId === host);
    return { found: found?.shadow ? found : null, count: hosts.length };
  }

  /** Polls `fn(host, root, arg)` over the page's panel hosts (closed roots included) until `accept(results)` holds. */
  async waitForHosts(fn, arg, accept, { timeout = 5000, what = fn.name } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      last = await this.driver.eachPanelHost(this, fn, arg).catch((error) => `error: ${error.message}`);
      if (Array.isArray(last) && accept(last)) return last;
      if (Date.now() > deadline) throw new Error(`${this.driver.name}: timed out after ${timeout} ms waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 1500)}`);
      await sleep(50);
    }
  }

  /** Waits until `accept(panels)` holds and returns the panels. */
  async waitForPanels(accept, { timeout = DEFAULT_WAIT_MS, what = 'panels', unfold = true } = {}) {
    const deadline = Date.now() + timeout;
    let panels = [];
    for (;;) {
      // A panel frame replaced while it is read (Firefox: "no such frame") is read again at the next poll.
      panels = await this.panels({ unfold }).catch(() => panels);
      if (accept(panels)) return panels;
      if (Date.now() > deadline)
        throw new Error(`${this.driver.name}: timed out after ${timeout} ms waiting for ${what}; panels now: ${JSON.stringify(panels.map((p) => ({ watchId: p.watchId, panel: p.panel, open: p.openButton, principal: p.principal, action: p.action, frame: p.frameText?.slice(0, 400) })))}`);
      await sleep(50);
    }
  }

  /**
   * Finds an element: in the page (and its open shadow roots), or with `host`, in that panel's closed shadow root and
   * then in its panel frame. A point to click in the frame is translated to the page's viewport.
   */
  async locate(target, action, value) {
    const t = typeof target === 'string' ? { testid: target } : target;
    if (t.host === undefined || t.host === null) return this.raw.evaluate(locateInPage, { ...t, action, value });
    const { host, ...rest } = t;
    const { found, count } = await this.#panelHost(host);
    if (!found) return { found: false, why: `no panel host ${JSON.stringify(host)} (${count} on the page)` };
    const inRoot = (await this.driver.eachPanelHost(this, (h, root, arg) => (h.getAttribute('data-why-denied') === arg.watchId ? locateInPage(arg.target, root) : null),
      { watchId: found.watchId, target: { ...rest, action, value } }, [locateInPage])).find(Boolean);
    // A user reaching for something in the frame brings the pointer over the panel first, and so has it make its frame.
    if (!inRoot?.found && found.frameSlot) await this.pointAtPanel(found.watchId);
    if (inRoot?.found || !found.frameSrc) return inRoot ?? { found: false, why: 'the panel host is gone' };
    const frame = await this.frameOf(found.frameSrc);
    if (!frame) return { found: false, why: `${inRoot?.why}; its panel frame is not loaded` };
    const inFrame = await frame.evaluate(locateInPage, { ...rest, action, value }).catch((error) => ({ found: false, why: error.message }));
    if (!inFrame.found || inFrame.x === undefined) return inFrame.found ? inFrame : { found: false, why: `${inRoot?.why}; in the frame: ${inFrame.why}` };
    const point = (await this.driver.eachPanelHost(this, (h, root, arg) => (h.getAttribute('data-why-denied') === arg.watchId ? framePointInPanel(h, root, arg.at) : null),
      { watchId: found.watchId, at: { x: inFrame.x, y: inFrame.y } }, [framePointInPanel])).find(Boolean);
    return point ?? { found: false, why: 'the panel host is gone' };
  }

  /** Moves the real mouse over a panel (by watch id), as a user turning to it would: the panel then makes its frame. */
  async pointAtPanel(watchId) {
    const point = (await this.driver.eachPanelHost(this, (h, root, arg) => (h.getAttribute('data-why-denied') === arg.watchId ? panelCentre(h, root) : null),
      { watchId }, [panelCentre])).find(Boolean);
    if (!point) throw new Error(`${this.driver.name}: no panel ${watchId} to point at`);
    await this.raw.mouse.move(point.x, point.y);
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

  /**
   * A real (trusted) mouse click on the element's centre, waiting for it to exist, be visible and hold still:
   * locating it may scroll, and a panel frame (out of process in Chromium) reports its new place a little later,
   * so a click at the first coordinates can land beside the element.
   */
  async click(target) {
    const deadline = Date.now() + DEFAULT_WAIT_MS;
    let { x, y } = await this.#must(target, 'click');
    for (;;) {
      await sleep(50);
      const again = await this.#must(target, 'click');
      const still = Math.abs(again.x - x) < 1 && Math.abs(again.y - y) < 1;
      ({ x, y } = again);
      if (still || Date.now() > deadline) break;
    }
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

  /** Serves a fake console API answer ({ status, headers, body }) at a console URL, for the pages' own requests. */
  serve(url, answer) {
    if (!CONSOLE_HOST.test(url)) throw new Error(`${url} is not a console URL`);
    this.routes.set(withoutHash(url), answer);
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
  constructor(options) {
    super('chromium');
    this.options = options;
  }

  async launch() {
    const { chromium } = await import('playwright-core');
    const ext = snapshotDist('chromium', this.options);
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
    await this.context.route(CONSOLE_HOST, (route) => route.fulfill(answerFor(this.routeFor(route.request().url()))));
    // The default blank tab of a persistent context is not ours to count.
    for (const page of this.context.pages()) await page.close().catch(() => undefined);
    return this;
  }

  newRawConsolePage() {
    return this.context.newPage();
  }

  async frameOf(page, hash) {
    return page.raw.frames().find((f) => f !== page.raw.mainFrame() && f.url().endsWith(hash)) ?? null;
  }

  /**
   * Runs `fn(host, shadowRoot, arg)` for every [data-why-denied] element of the page and of its same-origin frames.
   * Closed shadow roots are reached through DevTools (DOM.getDocument with pierce), which no page script has.
   */
  async eachPanelHost(page, fn, arg, helpers = []) {
    this.cdp ??= new WeakMap();
    if (!this.cdp.has(page.raw)) this.cdp.set(page.raw, await this.context.newCDPSession(page.raw));
    const cdp = this.cdp.get(page.raw);
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const hosts = [];
    let frames = 0;
    const walk = (node, frameIndex, top) => {
      const attributes = node.attributes ?? [];
      if (node.nodeType === 1 && attributes.some((name, i) => i % 2 === 0 && name === 'data-why-denied'))
        hosts.push({ host: node.backendNodeId, root: node.shadowRoots?.[0]?.backendNodeId ?? null, frameIndex });
      for (const child of node.children ?? []) walk(child, frameIndex, top);
      if (node.contentDocument && top) walk(node.contentDocument, ++frames, false);
    };
    walk(root, 0, true);
    const source = withHelpers(fn, helpers);
    const results = [];
    for (const h of hosts) {
      const { object: host } = await cdp.send('DOM.resolveNode', { backendNodeId: h.host });
      const shadow = h.root ? (await cdp.send('DOM.resolveNode', { backendNodeId: h.root })).object : null;
      const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
        objectId: host.objectId,
        functionDeclaration: `function (root, arg) { return (${source})(this, root, arg); }`,
        arguments: [shadow ? { objectId: shadow.objectId } : { value: null }, { value: { ...arg, frameIndex: h.frameIndex } }],
        returnByValue: true,
        awaitPromise: true,
      });
      if (exceptionDetails) throw new Error(`chromium: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      results.push(result.value);
    }
    return results;
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
  /** @param {{ prefs?: Record<string, string | number | boolean> }} [options] extra Firefox preferences, and what snapshotDist takes */
  constructor(options = {}) {
    super('firefox');
    this.options = options;
    this.extraPrefs = options.prefs ?? {};
  }

  async launch() {
    const { default: puppeteer } = await import('puppeteer-core');
    const ext = snapshotDist('firefox', this.options);
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
      extraPrefsFirefox: {
        ...this.extraPrefs,
        'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: FIREFOX_EXTENSION_UUID }),
        // Lets the test read the clipboard back in content without the paste prompt (Firefox's own test pref).
        'dom.events.testing.asyncClipboard': true,
      },
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
      void req.respond(answerFor(this.routeFor(req.url())));
    });
    return raw;
  }

  /** Puppeteer keeps a moz-extension frame's first URL (about:blank): the frame is found by its BiDi context. */
  async frameOf(page, hash) {
    const { result: { contexts: [tree] } } = await this.browser.connection.send('browsingContext.getTree', { root: page.raw.mainFrame()._id });
    const all = (node) => [node, ...(node?.children ?? []).flatMap(all)];
    const context = all(tree).find((c) => c?.url?.startsWith('moz-extension:') && c.url.endsWith(hash))?.context;
    return context ? (page.raw.frames().find((f) => f._id === context) ?? null) : null;
  }

  /**
   * Runs `fn(host, shadowRoot, arg)` for every [data-why-denied] element of the page and of its same-origin frames.
   * Closed shadow roots are reached through WebDriver BiDi (locateNodes with includeShadowTree "all"), which no page
   * script has.
   */
  async eachPanelHost(page, fn, arg, helpers = []) {
    const bidi = this.browser.connection;
    const top = page.raw.mainFrame()._id;
    const { result: { contexts: [tree] } } = await bidi.send('browsingContext.getTree', { root: top });
    // The page and its frames, but not the panel frames (extension pages: no panel host in them).
    const contexts = [top, ...(tree?.children ?? []).filter((c) => !c.url.startsWith('moz-extension:')).map((c) => c.context)];
    const source = withHelpers(fn, helpers);
    const results = [];
    for (const [frameIndex, context] of contexts.entries()) {
      const located = await bidi.send('browsingContext.locateNodes', {
        context, locator: { type: 'css', value: '[data-why-denied]' }, serializationOptions: { maxDomDepth: 1, includeShadowTree: 'all' },
      }).catch((error) => {
        // A child frame that went away after the tree was read (a panel frame still at about:blank, then replaced)
        // holds no panel host; the page itself going away is an error.
        if (context !== top && /no such frame/i.test(error.message)) return null;
        throw error;
      });
      if (!located) continue;
      const { result: { nodes } } = located;
      for (const node of nodes) {
        const shadow = node.value?.shadowRoot ?? null;
        const { result } = await bidi.send('script.callFunction', {
          functionDeclaration: `(host, root, json) => Promise.resolve((${source})(host, root, JSON.parse(json))).then((v) => JSON.stringify(v ?? null))`,
          target: { context },
          awaitPromise: true,
          resultOwnership: 'none',
          arguments: [{ sharedId: node.sharedId }, shadow?.sharedId ? { sharedId: shadow.sharedId } : { type: 'null' }, { type: 'string', value: JSON.stringify({ ...arg, frameIndex }) }],
        });
        if (result.type === 'exception') throw new Error(`firefox: ${result.exceptionDetails?.text}`);
        results.push(JSON.parse(result.result.value));
      }
    }
    return results;
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

  /** The system clipboard, read in the given (focused) page; the testing pref above spares the paste prompt. */
  async readClipboard(page) {
    await page.bringToFront();
    return page.raw.evaluate(() => navigator.clipboard.readText());
  }

  async close() {
    try { await withTimeout(this.browser?.close(), 10_000); } catch { /* killed below */ }
    if (this.process && this.process.exitCode === null) {
      try { process.kill(this.process.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    this.cleanUp();
  }
}

export async function launchChromium(options = {}) {
  const driver = new ChromiumDriver(options);
  try {
    return await driver.launch();
  } catch (error) {
    await driver.close();
    throw error;
  }
}

/** @param {{ prefs?: Record<string, string | number | boolean> }} [options] e.g. a dark colour scheme, which BiDi cannot emulate */
export async function launchFirefox(options = {}) {
  const driver = new FirefoxDriver(options);
  try {
    return await driver.launch();
  } catch (error) {
    await driver.close();
    throw error;
  }
}

export function launch(name, options = {}) {
  if (name === 'chromium') return launchChromium(options);
  if (name === 'firefox') return launchFirefox(options);
  throw new Error(`unknown browser ${name}`);
}

/**
 * Runs `body({ driver, test })` once per browser in its own describe block with a fresh profile. `test(name, fn,
 * options)` gives fn the driver, closes the test's pages afterwards, and screenshots them when it fails.
 */
export function forEachBrowser(suite, body, launchOptions = {}) {
  for (const name of BROWSERS) {
    describe(`${suite} [${name}]`, () => {
      /** @type {ChromiumDriver | FirefoxDriver | null} */
      let driver = null;
      let launchError = null;
      before(async () => {
        try { driver = await launch(name, launchOptions); } catch (error) { launchError = error; }
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
