// Content-script cost on a busy synthetic console page, in real Chromium with the built extension:
// page script time with and without the extension, cost per 1,000 unrelated mutations, idle cost on a static
// page, and the time from a denial appearing to its panel being mounted.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '../..');
const page = readFileSync(join(import.meta.dirname, 'busy-console.html'), 'utf8');
const URL = 'https://us-east-1.console.aws.amazon.com/costmanagement/home#/cost-explorer';
const MUTATIONS = 20_000;
const ROUNDS = 5;

async function launch(withExtension) {
  const profile = mkdtempSync(join(tmpdir(), 'why-denied-bench-'));
  const dist = join(root, 'dist/chrome');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...(withExtension ? [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`] : []),
    ],
  });
  if (withExtension && context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
  await context.route('https://*.console.aws.amazon.com/**', (r) => r.fulfill({ contentType: 'text/html', body: page }));
  return { context, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}

async function scriptSeconds(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'ScriptDuration').value;
}

async function measureMutations(withExtension) {
  const { context, close } = await launch(withExtension);
  try {
    const tab = await context.newPage();
    await tab.goto(URL);
    await tab.waitForTimeout(300);
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Performance.enable');
    await tab.evaluate(() => window.__bench.mutate(2000)); // warm up
    const scriptTimes = [];
    for (let round = 0; round < ROUNDS; round++) {
      const before = await scriptSeconds(cdp);
      await tab.evaluate((n) => window.__bench.mutate(n), MUTATIONS);
      scriptTimes.push((await scriptSeconds(cdp)) - before);
    }
    // Idle: nothing changes for a second; any script time is the extension polling or re-scanning.
    const idleBefore = await scriptSeconds(cdp);
    await tab.waitForTimeout(1000);
    const idle = (await scriptSeconds(cdp)) - idleBefore;
    let latencies = [];
    if (withExtension) {
      for (let i = 0; i < 60; i++) latencies.push(await tab.evaluate((n) => window.__bench.denialToPanel(n), i));
      latencies = latencies.slice(10); // first mounts include lazy set-up
    }
    return { script: median(scriptTimes) * 1000, idle: idle * 1000, latencies };
  } finally {
    await close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

export default async function benchContent() {
  const without = await measureMutations(false);
  const withExt = await measureMutations(true);
  const ratio = withExt.script / without.script;
  return [
    { name: `page script time, ${MUTATIONS} mutations, without extension`, value: without.script, unit: 'ms' },
    { name: `page script time, ${MUTATIONS} mutations, with extension`, value: withExt.script, unit: 'ms' },
    { name: 'page script time growth with the extension', value: (ratio - 1) * 100, unit: '%', target: '<= 15 %' },
    { name: 'content script cost per 1,000 unrelated mutations', value: ((withExt.script - without.script) / MUTATIONS) * 1000, unit: 'ms' },
    { name: 'idle script time on a static page over 1 s (with extension)', value: withExt.idle, unit: 'ms', target: '0 (no polling)' },
    { name: 'denial to panel mounted, median', value: median(withExt.latencies), unit: 'ms' },
    { name: 'denial to panel mounted, p95', value: percentile(withExt.latencies, 95), unit: 'ms', target: '<= 16 ms' },
  ];
}
