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
const ROUNDS = 5;

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

async function measureMutations(extension) {
  const withExtension = extension === join(root, 'dist/chrome');
  const { context, close } = await launch(extension);
  try {
    const tab = await context.newPage();
    await tab.goto(URL);
    await tab.waitForTimeout(300);
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Performance.enable');
    await tab.evaluate(() => window.__bench.mutate(2000)); // warm up
    const scriptTimes = [];
    const wallTimes = [];
    for (let round = 0; round < ROUNDS; round++) {
      const before = await scriptSeconds(cdp);
      wallTimes.push(await tab.evaluate((n) => window.__bench.mutate(n), MUTATIONS));
      scriptTimes.push((await scriptSeconds(cdp)) - before);
    }
    // Idle: nothing changes for a second; any script time is the extension polling or re-scanning.
    const idleBefore = await scriptSeconds(cdp);
    await tab.waitForTimeout(1000);
    const idle = (await scriptSeconds(cdp)) - idleBefore;
    let latencies = [];
    const frameMs = await tab.evaluate(() => window.__bench.frameInterval());
    // The idle figure above includes the page's own frame counter; compare it with the run without the extension.
    if (withExtension) {
      for (let i = 0; i < 60; i++) latencies.push(await tab.evaluate((n) => window.__bench.denialToPanel(n), i));
    }
    return { script: median(scriptTimes) * 1000, wall: median(wallTimes), idle: idle * 1000, latencies, frameMs };
  } finally {
    await close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

export default async function benchContent() {
  const minimal = minimalDetectorExtension();
  const without = await measureMutations(null);
  const floor = await measureMutations(minimal);
  const withExt = await measureMutations(join(root, 'dist/chrome'));
  rmSync(minimal, { recursive: true, force: true });
  const ratio = withExt.wall / without.wall;
  // The first panel of a frame also loads the panel UI (panel.js); the rest show the steady state.
  const [first, ...rest] = withExt.latencies;
  const ms = rest.map((l) => l.ms);
  const frames = rest.map((l) => l.frames);
  return [
    { name: `page's own work, ${MUTATIONS} mutations, without extension (wall)`, value: without.wall, unit: 'ms' },
    { name: `page's own work, ${MUTATIONS} mutations, with extension (wall)`, value: withExt.wall, unit: 'ms' },
    { name: 'growth with a minimal added-nodes detector (the floor)', value: (floor.wall / without.wall - 1) * 100, unit: '%' },
    { name: 'growth of the page\'s script work with why-denied', value: (ratio - 1) * 100, unit: '%', target: '<= 15 %' },
    { name: 'CDP ScriptDuration, without / with extension', value: without.script, unit: 'ms', note: `${withExt.script.toFixed(1)} ms with` },
    { name: 'content script cost per 1,000 unrelated mutations', value: ((withExt.wall - without.wall) / MUTATIONS) * 1000, unit: 'ms' },
    { name: 'idle script time over 1 s with the extension, beyond without', value: Math.max(0, withExt.idle - without.idle), unit: 'ms', target: '0 (no polling)' },
    { name: 'animation frame interval (headless Chromium)', value: withExt.frameMs, unit: 'ms' },
    { name: 'first denial to panel mounted (loads panel.js)', value: first.ms, unit: 'ms' },
    { name: 'denial to panel mounted, median', value: median(ms), unit: 'ms' },
    { name: 'denial to panel mounted, p95', value: percentile(ms, 95), unit: 'ms', target: '<= 16 ms' },
    { name: 'denial to panel mounted, p95, in animation frames', value: percentile(frames, 95), unit: 'frames', target: '<= 1' },
  ];
}
