// axe-core accessibility checks for the e2e pages, the same call in both browsers: @axe-core/playwright in
// Chromium; in Firefox (puppeteer over WebDriver BiDi, which @axe-core/playwright cannot drive) axe-core's own
// script injected into the page and run there. axe reads open shadow roots, so including a panel host checks
// the panel inside it.
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
