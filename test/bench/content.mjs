// Content-script cost on a busy synthetic console page, in real Chromium with the built extension:
// page script time with and without the extension, cost per 1,000 unrelated mutations, idle cost on a static
// page, and the time from a denial appearing to its panel being mounted.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '../..');
const page = readFileSync(join(import.meta.dirname, 'busy-console.html'), 'utf8');
const URL = 'https://us-east-1.console.aws.amazon.com/costmanagement/home#/cost-explorer';
const MUTATIONS = 20_000;
const ROUNDS = 15;

/**
 * The floor the issue names: a minimal detector that only reads the text of added nodes. Built as its own tiny
 * extension so its cost is measured the same way as ours.
 */
function minimalDetectorExtension() {
  const dir = mkdtempSync(join(tmpdir(), 'why-denied-minimal-'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3, name: 'minimal detector', version: '1',
    content_scripts: [{ matches: ['https://*.console.aws.amazon.com/*'], js: ['content.js'], run_at: 'document_idle' }],
  }));
  writeFileSync(join(dir, 'content.js'), `new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if ((n.textContent || '').includes('is not authorized to perform')) console.log('denial');
  }).observe(document.body, { childList: true, subtree: true });`);
  return dir;
}

async function launch(extension) {
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
  if (extension === join(root, 'dist/chrome') && context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
  await context.route('https://*.console.aws.amazon.com/**', (r) => r.fulfill({ contentType: 'text/html', body: page }));
  return { context, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}

async function scriptSeconds(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'ScriptDuration').value;
}

/** A tab on the busy page in its own browser, warmed up, with CDP metrics on. */
async function openPage(extension) {
  const { context, close } = await launch(extension);
  const tab = await context.newPage();
  await tab.goto(URL);
  await tab.waitForTimeout(300);
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Performance.enable');
  await tab.evaluate(() => window.__bench.mutate(2000)); // warm up
  return { tab, cdp, close, walls: [], scripts: [] };
}

async function mutationRound(run) {
  const before = await scriptSeconds(run.cdp);
  run.walls.push(await run.tab.evaluate((n) => window.__bench.mutate(n), MUTATIONS));
  run.scripts.push((await scriptSeconds(run.cdp)) - before);
}

/** Idle: nothing changes for a second; any script time is the extension polling or re-scanning. */
async function idleMs(run) {
  const before = await scriptSeconds(run.cdp);
  await run.tab.waitForTimeout(1000);
  return ((await scriptSeconds(run.cdp)) - before) * 1000;
}

/**
 * The three configurations run side by side, one browser each, and take turns round by round (the order rotating),
 * so a burst of load from other jobs on the machine hits all of them alike; each figure is a median over rounds.
 */
async function measureMutations(extensions) {
  const runs = [];
  try {
    for (const extension of extensions) runs.push(await openPage(extension));
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < runs.length; k++) await mutationRound(runs[(round + k) % runs.length]);
    }
    return runs.map((run) => ({ ...run, wall: median(run.walls), script: median(run.scripts) * 1000 }));
  } catch (error) {
    await Promise.all(runs.map((run) => run.close()));
    throw error;
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

export default async function benchContent() {
  const minimal = minimalDetectorExtension();
  const [without, floor, withExt] = await measureMutations([null, minimal, join(root, 'dist/chrome')]);
  try {
    // The idle figure includes the page's own frame counter; it is compared with the run without the extension.
    without.idle = await idleMs(without);
    withExt.idle = await idleMs(withExt);
    withExt.frameMs = await withExt.tab.evaluate(() => window.__bench.frameInterval());
    withExt.latencies = [];
    for (let i = 0; i < 60; i++) withExt.latencies.push(await withExt.tab.evaluate((n) => window.__bench.denialToPanel(n), i));
  } finally {
    await Promise.all([without, floor, withExt].map((run) => run.close()));
    rmSync(minimal, { recursive: true, force: true });
  }
  const ratio = withExt.wall / without.wall;
  // Round by round (the three ran back to back): the extension's extra wall time, less exposed to load shifts.
  const paired = (run) => median(run.walls.map((wall, i) => wall - without.walls[i]));
  // The first panel of a frame also loads the panel UI (panel.js); the rest show the steady state.
  const [first, ...rest] = withExt.latencies;
  const ms = rest.map((l) => l.ms);
  const frames = rest.map((l) => l.frames);
  return [
    { name: `page's own work, ${MUTATIONS} mutations, without extension (wall)`, value: without.wall, unit: 'ms' },
    { name: `page's own work, ${MUTATIONS} mutations, with extension (wall)`, value: withExt.wall, unit: 'ms' },
    { name: 'growth with a minimal added-nodes detector (the floor)', value: (floor.wall / without.wall - 1) * 100, unit: '%' },
    { name: 'growth of the page\'s script work with why-denied', value: (ratio - 1) * 100, unit: '%', target: '<= 15 %' },
    { name: 'CDP ScriptDuration, without / floor / with extension', value: without.script, unit: 'ms', note: `${floor.script.toFixed(1)} ms floor, ${withExt.script.toFixed(1)} ms with` },
    { name: 'extra wall time per 1,000 mutations, floor (paired rounds)', value: (paired(floor) / MUTATIONS) * 1000, unit: 'ms' },
    { name: 'content script cost per 1,000 unrelated mutations (paired rounds)', value: (paired(withExt) / MUTATIONS) * 1000, unit: 'ms' },
    { name: 'idle script time over 1 s with the extension, beyond without', value: Math.max(0, withExt.idle - without.idle), unit: 'ms', target: '0 (no polling)' },
    { name: 'animation frame interval (headless Chromium)', value: withExt.frameMs, unit: 'ms' },
    { name: 'first denial to panel mounted (loads panel.js)', value: first.ms, unit: 'ms' },
    { name: 'denial to panel mounted, median', value: median(ms), unit: 'ms' },
    { name: 'denial to panel mounted, p95', value: percentile(ms, 95), unit: 'ms', target: '<= 16 ms' },
    { name: 'denial to panel mounted, p95, in animation frames', value: percentile(frames, 95), unit: 'frames', target: '<= 1' },
  ];
}
