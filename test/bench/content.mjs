// Content-script cost on a busy synthetic console page, in real Chromium with the built extension: the page's own
// work (wall and main-thread CPU) without an extension, with an observer that does nothing, with a minimal
// added-nodes detector (the floor) and with why-denied; idle cost on a static page; and the time from a denial
// appearing to its panel being mounted.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '../..');
const page = readFileSync(join(import.meta.dirname, 'busy-console.html'), 'utf8');
const URL = 'https://us-east-1.console.aws.amazon.com/costmanagement/home#/cost-explorer';
const MUTATIONS = 20_000;
const ROUNDS = 15;

/** A one-file content-script extension, built for the benchmark so its cost is measured the same way as ours. */
export function tinyExtension(name, script) {
  const dir = mkdtempSync(join(tmpdir(), 'why-denied-bench-ext-'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3, name, version: '1',
    content_scripts: [{ matches: ['https://*.console.aws.amazon.com/*'], js: ['content.js'], run_at: 'document_idle' }],
  }));
  writeFileSync(join(dir, 'content.js'), script);
  return dir;
}

/** The floor the issue names: a minimal detector that only reads the text of added nodes. */
export const MINIMAL_DETECTOR = `new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if ((n.textContent || '').includes('is not authorized to perform')) console.log('denial');
  }).observe(document.body, { childList: true, subtree: true });`;
/** What any subtree observer costs before it looks at a single record: the browser queues and delivers them. */
const EMPTY_OBSERVER = 'new MutationObserver(() => {}).observe(document.body, { childList: true, subtree: true });';

/** A browser with `extension` (a directory, or null for none) where every console URL serves `body`. */
export async function launch(extension, body = page) {
  const profile = mkdtempSync(join(tmpdir(), 'why-denied-bench-'));
  const withExtension = extension !== null;
  const dist = extension;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...(withExtension ? [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`] : []),
    ],
  });
  // Ours has a worker to wait for; the minimal detector has none, so give its content script a moment to load.
  if (withExtension && existsSync(join(extension, 'background.js')) && context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
  await context.route('https://*.console.aws.amazon.com/**', (r) => r.fulfill({ contentType: 'text/html', body }));
  let closing = null;
  const close = () => (closing ??= context.close().then(() => rmSync(profile, { recursive: true, force: true })));
  return { context, close };
}

/** The page's main-thread CPU time and the script part of it, in seconds (thread ticks: another job's load does not count). */
export async function threadSeconds(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name) => metrics.find((m) => m.name === name).value;
  return { cpu: value('ThreadTime'), script: value('ScriptDuration') };
}

/** A tab on the busy page in its own browser, warmed up, with CDP metrics on. */
async function openPage(extension) {
  const { context, close } = await launch(extension);
  const tab = await context.newPage();
  await tab.goto(URL);
  await tab.waitForTimeout(300);
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await tab.evaluate(() => window.__bench.mutate(2000)); // warm up
  return { tab, cdp, close, walls: [], cpus: [], scripts: [] };
}

async function mutationRound(run) {
  const before = await threadSeconds(run.cdp);
  run.walls.push(await run.tab.evaluate((n) => window.__bench.mutate(n), MUTATIONS));
  const after = await threadSeconds(run.cdp);
  run.cpus.push((after.cpu - before.cpu) * 1000);
  run.scripts.push((after.script - before.script) * 1000);
}

/** Idle: nothing changes for a second; any script time is the extension polling or re-scanning. */
async function idleMs(run) {
  const before = await threadSeconds(run.cdp);
  await run.tab.waitForTimeout(1000);
  return ((await threadSeconds(run.cdp)).script - before.script) * 1000;
}

/**
 * The configurations run side by side, one browser each, and take turns round by round (the order rotating), so a
 * burst of load from other jobs on the machine hits all of them alike; each figure is a median over rounds.
 */
async function measureMutations(extensions) {
  const runs = [];
  try {
    for (const extension of extensions) runs.push(await openPage(extension));
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < runs.length; k++) await mutationRound(runs[(round + k) % runs.length]);
    }
    return runs.map((run) => ({ ...run, wall: median(run.walls), cpu: median(run.cpus), script: median(run.scripts) }));
  } catch (error) {
    await Promise.all(runs.map((run) => run.close()));
    throw error;
  }
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

export default async function benchContent() {
  const minimal = tinyExtension('minimal detector', MINIMAL_DETECTOR);
  const empty = tinyExtension('empty observer', EMPTY_OBSERVER);
  const runs = await measureMutations([null, empty, minimal, join(root, 'dist/chrome')]);
  const [without, observer, floor, withExt] = runs;
  try {
    // The idle figure includes the page's own frame counter; it is compared with the run without the extension.
    without.idle = await idleMs(without);
    // Idle and latency are measured with the other browsers closed, so their frame counters do not compete.
    await Promise.all([without, observer, floor].map((run) => run.close()));
    withExt.idle = await idleMs(withExt);
    withExt.frameMs = await withExt.tab.evaluate(() => window.__bench.frameInterval());
    withExt.latencies = [];
    for (let i = 0; i < 60; i++) withExt.latencies.push(await withExt.tab.evaluate((n) => window.__bench.denialToPanel(n), i));
  } finally {
    await Promise.all(runs.map((run) => run.close()));
    for (const dir of [minimal, empty]) rmSync(dir, { recursive: true, force: true });
  }
  const growth = (run, key) => (run[key] / without[key] - 1) * 100;
  // Round by round (the configurations ran back to back): the extra time, less exposed to load shifts.
  const paired = (run, key) => median(run[key].map((value, i) => value - without[key][i]));
  const perThousand = (ms) => (ms / MUTATIONS) * 1000;
  // The first panel of a frame also loads the panel UI (panel.js); the rest show the steady state.
  const [first, ...rest] = withExt.latencies;
  const ms = rest.map((l) => l.ms);
  const frames = rest.map((l) => l.frames);
  return [
    { name: `page's own work, ${MUTATIONS} mutations, without extension (wall)`, value: without.wall, unit: 'ms', note: `median of ${ROUNDS} rounds` },
    { name: `page's own work, ${MUTATIONS} mutations, with extension (wall)`, value: withExt.wall, unit: 'ms' },
    { name: 'wall growth with an observer that does nothing', value: growth(observer, 'wall'), unit: '%' },
    { name: 'wall growth with a minimal added-nodes detector (the floor)', value: growth(floor, 'wall'), unit: '%' },
    { name: 'growth of the page\'s script work with why-denied (wall)', value: growth(withExt, 'wall'), unit: '%', target: '<= 15 %' },
    { name: 'main-thread CPU without extension', value: without.cpu, unit: 'ms', note: 'thread time, steadier than wall' },
    { name: 'main-thread CPU growth: empty observer / floor', value: growth(observer, 'cpu'), unit: '%', note: `${growth(floor, 'cpu').toFixed(1)} % floor` },
    { name: 'main-thread CPU growth with why-denied', value: growth(withExt, 'cpu'), unit: '%' },
    { name: 'CPU per 1,000 mutations: empty observer / floor (paired)', value: perThousand(paired(observer, 'cpus')), unit: 'ms', note: `${perThousand(paired(floor, 'cpus')).toFixed(2)} ms floor` },
    { name: 'CPU per 1,000 mutations with why-denied (paired)', value: perThousand(paired(withExt, 'cpus')), unit: 'ms' },
    { name: 'content script cost per 1,000 unrelated mutations (wall, paired)', value: perThousand(paired(withExt, 'walls')), unit: 'ms', note: `${perThousand(paired(floor, 'walls')).toFixed(2)} ms floor` },
    { name: 'script time per 1,000 mutations: floor / why-denied', value: perThousand(floor.script), unit: 'ms', note: `${perThousand(withExt.script).toFixed(2)} ms why-denied` },
    { name: 'idle script time over 1 s with the extension, beyond without', value: Math.max(0, withExt.idle - without.idle), unit: 'ms', target: '0 (no polling)' },
    { name: 'animation frame interval (headless Chromium)', value: withExt.frameMs, unit: 'ms' },
    { name: 'first denial to panel mounted (loads panel.js)', value: first.ms, unit: 'ms' },
    { name: 'denial to panel mounted, median', value: median(ms), unit: 'ms' },
    { name: 'denial to panel mounted, p95', value: percentile(ms, 95), unit: 'ms', target: '<= 16 ms' },
    { name: 'denial to panel mounted, p95, in animation frames', value: percentile(frames, 95), unit: 'frames', target: '<= 1' },
  ];
}
