#!/usr/bin/env node
// Where the extension's script time goes on the page-cost page (denial-page.html): the scenario of `cost` run in
// fresh tabs under the CDP sampling profiler, which sees the page and every content-script world of the tab (they
// share the renderer's isolate). Prints the self time by script (the page, content.js, panel.js, page-observer.js,
// observed.js) and the top self-time functions of the extension's scripts, summed over the runs.
//
//   node test/bench/profile-cost.mjs [runs]       WD_BENCH_EXTENSION=<dir> profiles another build
//
// For readable function names, point WD_BENCH_EXTENSION at a build made with minify off.
import { launch } from './content.mjs';
import { benchExtension, COST_PAGE_URL as URL, costPageBody as body } from './cost-page.mjs';

// WD_BENCH_EXTENSION=floor profiles the minimal detector of `cost`.
const { dir: extension, done } = benchExtension();
const RUNS = Number(process.argv[2] ?? 5);
const TOP = Number(process.env.WD_BENCH_TOP ?? 25);
/** The scenario's arguments as JSON (total, ms, settleMs, withDenial), e.g. '[0, 3000, 500, true]' for the fixed costs. */
const SCENARIO = JSON.parse(process.env.WD_BENCH_SCENARIO ?? '[]');

const scriptOf = (url) => (url.startsWith('chrome-extension://') ? url.replace(/^chrome-extension:\/\/[^/]+\//, '') : url ? 'page' : '(native)');

async function profiledRun(context) {
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await tab.goto(URL);
  await tab.waitForTimeout(300);
  await tab.evaluate((args) => window.__bench.scenario(...args), SCENARIO);
  const { profile } = await cdp.send('Profiler.stop');
  await tab.close();
  return profile;
}

/** Self time (ms) per node, from the sample time deltas. */
function selfTimes(profile) {
  const self = new Map();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) self.set(samples[i], (self.get(samples[i]) ?? 0) + (timeDeltas[i + 1] ?? 0) / 1000);
  return self;
}

const { context, close } = await launch(extension, body);
const byScript = new Map();
const byFunction = new Map();
try {
  await profiledRun(context); // warm-up, not counted
  for (let run = 0; run < RUNS; run++) {
    const profile = await profiledRun(context);
    const self = selfTimes(profile);
    for (const node of profile.nodes) {
      const ms = self.get(node.id) ?? 0;
      if (!ms) continue;
      const { url, functionName, lineNumber, columnNumber } = node.callFrame;
      const script = scriptOf(url);
      // (idle), (program) and (garbage collector) have no URL: keep them apart from native calls under a script.
      const key = url ? script : functionName;
      byScript.set(key, (byScript.get(key) ?? 0) + ms / RUNS);
      if (url.startsWith('chrome-extension://')) {
        const name = `${script} ${functionName || '(anonymous)'}:${lineNumber + 1}:${columnNumber + 1}`;
        byFunction.set(name, (byFunction.get(name) ?? 0) + ms / RUNS);
      }
    }
  }
} finally {
  await close();
  done();
}
const rows = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
console.log(`self time per run, mean of ${RUNS} runs (ms), by script:`);
for (const [name, ms] of rows(byScript, 20)) if (name !== '(idle)') console.log(`  ${ms.toFixed(2).padStart(8)}  ${name}`);
console.log(`\ntop ${TOP} self-time functions of the extension's scripts (ms per run):`);
for (const [name, ms] of rows(byFunction, TOP)) console.log(`  ${ms.toFixed(2).padStart(8)}  ${name}`);
