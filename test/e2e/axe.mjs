// axe-core accessibility checks for the e2e pages, the same call in both browsers: @axe-core/playwright in
// Chromium; in Firefox (puppeteer over WebDriver BiDi, which @axe-core/playwright cannot drive) axe-core's own
// script injected into the page and run there. The panels' roots are closed: axePanelViolations (below) checks
// them from a world of the test's own.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AxeBuilder } from '@axe-core/playwright';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One line per violation: rule, impact, the nodes it found and axe's summary of what fails. */
function describeViolations(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${JSON.stringify(n.target)}: ${n.failureSummary?.replace(/\s+/g, ' ')}`).join('\n')}`);
}

/**
 * Runs axe on a TestPage and returns its violations as readable lines ([] when there are none).
 * @param {object} page a TestPage from harness.mjs
 * @param {{ include?: string }} [options] a CSS selector for the part of the page to check (default: all of it)
 */
export async function axeViolations(page, { include } = {}) {
  if (page.driver.name === 'chromium') {
    let builder = new AxeBuilder({ page: page.raw });
    if (include) builder = builder.include(include);
    return describeViolations((await builder.analyze()).violations);
  }
  const injected = await page.evaluate(() => typeof globalThis.axe?.run === 'function');
  if (!injected) await page.raw.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (selector) => {
    const result = await globalThis.axe.run(selector ? { include: [selector] } : document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  }, include ?? null);
  return describeViolations(violations);
}

// ---------------------------------------------------------------------------------------------------------------
// The panels. Each sits in a CLOSED shadow root (no page script can read it), so axe-core running in the page
// cannot see inside. axe-core is evaluated instead in a separate world the test makes for itself (Chromium: an
// isolated world made over DevTools; Firefox: a WebDriver BiDi sandbox), never in the page's main world. The
// browser's automation protocol hands that world each panel host's closed shadow root, and the host's
// `shadowRoot` is defined, on that world's view of the host only, to return it: axe then walks the real panel DOM
// (styles, layout, colours as rendered). The page's world and the content script's are untouched, and no build
// opens the root. axe does not follow the panel's extension frame from there: each panel frame (an extension
// page) gets its own axe run, in the frame itself.

/** Runs in the test's world: lets axe see one host's closed root (this world's view of the host only). */
function exposeRootToThisWorld(host, root) {
  if (!root) return false;
  Object.defineProperty(host, 'shadowRoot', { configurable: true, get: () => root });
  return true;
}

/**
 * Runs in the test's world (axe injected): the violations under every panel host, and how many of the nodes axe
 * checked lie inside a shadow root (axe names those by a path of selectors): none would mean axe never saw a panel.
 */
async function runAxeOnPanels(selector) {
  const result = await globalThis.axe.run({ include: [selector] }, { iframes: false });
  const inShadow = [...result.passes, ...result.violations, ...result.incomplete].flatMap((r) => r.nodes).filter((n) => Array.isArray(n.target[0])).length;
  return { inShadow, violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })) };
}

/**
 * Runs in a panel frame's document (axe injected): its violations. The frame is part of a panel, not a page: it
 * sits inside the panel's region landmark, under the console page's own main landmark and h1, so the page-level
 * rules that axe, testing frames from their parent, applies to the top document only are not applied to it.
 */
async function runAxeOnPanelFrame() {
  const pageLevel = ['landmark-one-main', 'page-has-heading-one', 'region'];
  const result = await globalThis.axe.run(document, { resultTypes: ['violations'], rules: Object.fromEntries(pageLevel.map((id) => [id, { enabled: false }])) });
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
}

const PANEL_HOSTS = '[data-why-denied]';

async function chromiumPanelViolations(page) {
  const cdp = await page.raw.context().newCDPSession(page.raw);
  try {
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'wd-e2e-axe' });
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const hosts = [];
    const walk = (node) => {
      const attributes = node.attributes ?? [];
      if (node.nodeType === 1 && attributes.some((name, i) => i % 2 === 0 && name === 'data-why-denied'))
        hosts.push({ host: node.backendNodeId, root: node.shadowRoots?.[0]?.backendNodeId ?? null });
      for (const child of node.children ?? []) walk(child); // the top document only: panels are not in frames here
    };
    walk(root);
    if (hosts.length === 0) throw new Error('chromium: no panel host on the page to check');
    const call = async (objectId, fn, args) => {
      const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
        objectId, functionDeclaration: fn, arguments: args, returnByValue: true, awaitPromise: true,
      });
      if (exceptionDetails) throw new Error(`chromium: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      return result.value;
    };
    for (const h of hosts) {
      if (!h.root) throw new Error('chromium: a panel host has no shadow root');
      const { object: host } = await cdp.send('DOM.resolveNode', { backendNodeId: h.host, executionContextId });
      const { object: shadow } = await cdp.send('DOM.resolveNode', { backendNodeId: h.root, executionContextId });
      await call(host.objectId, `function (root) { return (${exposeRootToThisWorld})(this, root); }`, [{ objectId: shadow.objectId }]);
    }
    const evaluate = async (expression) => {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId: executionContextId, returnByValue: true, awaitPromise: true });
      if (exceptionDetails) throw new Error(`chromium: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      return result.value;
    };
    const seen = await evaluate(`[...document.querySelectorAll(${JSON.stringify(PANEL_HOSTS)})].filter((h) => h.shadowRoot).length`);
    if (seen !== hosts.length) throw new Error(`chromium: axe's world sees ${seen} of ${hosts.length} panel roots`);
    await evaluate(AXE_SOURCE);
    return await evaluate(`(${runAxeOnPanels})(${JSON.stringify(PANEL_HOSTS)})`);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

async function firefoxPanelViolations(page) {
  const bidi = page.driver.browser.connection;
  const context = page.raw.mainFrame()._id;
  const target = { context, sandbox: 'wd-e2e-axe' };
  const { result: { nodes } } = await bidi.send('browsingContext.locateNodes', {
    context, locator: { type: 'css', value: PANEL_HOSTS }, serializationOptions: { maxDomDepth: 1, includeShadowTree: 'all' },
  });
  if (nodes.length === 0) throw new Error('firefox: no panel host on the page to check');
  const callFunction = async (fn, args) => {
    const { result } = await bidi.send('script.callFunction', {
      functionDeclaration: `(...args) => Promise.resolve((${fn})(...args)).then((v) => JSON.stringify(v ?? null))`,
      target, awaitPromise: true, resultOwnership: 'none', arguments: args,
    });
    if (result.type === 'exception') throw new Error(`firefox: ${result.exceptionDetails?.text}`);
    return JSON.parse(result.result.value);
  };
  for (const node of nodes) {
    const shadow = node.value?.shadowRoot;
    if (!shadow?.sharedId) throw new Error('firefox: a panel host has no shadow root');
    if (!(await callFunction(exposeRootToThisWorld, [{ sharedId: node.sharedId }, { sharedId: shadow.sharedId }]))) throw new Error('firefox: the root is not exposed');
  }
  const { result } = await bidi.send('script.evaluate', { expression: `${AXE_SOURCE}\n;typeof axe.run`, target, awaitPromise: false, resultOwnership: 'none' });
  if (result.type === 'exception') throw new Error(`firefox: axe-core did not load in the sandbox: ${result.exceptionDetails?.text}`);
  return callFunction(runAxeOnPanels, [{ type: 'string', value: PANEL_HOSTS }]);
}

/** The frame src of each panel on the page (read through the harness's closed-root reader). */
function panelFrameSrcs(page) {
  return page.driver.eachPanelHost(page, (host, root) => root?.querySelector('[data-testid="wd-diagnosis-frame"]')?.getAttribute('src') ?? null, {});
}

/**
 * axe over the panels on a console page: each panel's closed shadow root (see above) and each panel's frame.
 * Returns readable lines ([] when there are none); throws when there is no panel, or a panel's frame is not loaded.
 */
export async function axePanelViolations(page) {
  const inRoots = page.driver.name === 'chromium' ? await chromiumPanelViolations(page) : await firefoxPanelViolations(page);
  if (!(inRoots.inShadow > 0)) throw new Error(`${page.driver.name}: axe checked no node inside a panel's shadow root`);
  const lines = describeViolations(inRoots.violations);
  for (const src of await panelFrameSrcs(page)) {
    if (!src) continue; // a panel without a frame (nothing credentialed to show)
    const frame = await page.frameOf(src);
    if (!frame) throw new Error(`${page.driver.name}: the panel frame ${src} is not loaded`);
    if (!(await frame.evaluate(() => typeof globalThis.axe?.run === 'function'))) await frame.evaluate(AXE_SOURCE);
    lines.push(...describeViolations(await frame.evaluate(runAxeOnPanelFrame)).map((l) => `in the panel frame ${src}: ${l}`));
  }
  return lines;
}
