#!/usr/bin/env node
// The extension's own CPU time on the page-cost page (denial-page.html), by script, from a Chrome trace: every
// top-level script task on the tab's main thread (script evaluation, compilation, function calls: observer
// callbacks, timers, message handlers) is charged to the script it ran, by its thread time (`tdur`), which other
// jobs on a shared machine do not inflate as they inflate wall-clock samples. Nested tasks count once, in their
// outermost one. Run beside `cost` when comparing builds on a busy machine:
//
//   node test/bench/cpu-by-script.mjs [runs]      WD_BENCH_EXTENSION=<dir> measures another build
import { launch } from './content.mjs';
import { benchExtension, COST_PAGE_URL as URL, costPageBody as body, readTrace } from './cost-page.mjs';

const { dir: extension, done } = benchExtension();
const RUNS = Number(process.argv[2] ?? 5);
const SCENARIO = JSON.parse(process.env.WD_BENCH_SCENARIO ?? '[]');
const SCRIPT_EVENTS = new Set(['EvaluateScript', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule', 'FunctionCall', 'v8.run', 'V8.GCScavenger', 'MajorGC', 'MinorGC']);

const scriptOf = (url) => (!url ? null : url.startsWith('chrome-extension://') ? url.replace(/^chrome-extension:\/\/[^/]+\//, '') : 'page');

async function tracedRun(context) {
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReturnAsStream' });
  await tab.goto(URL);
  await tab.waitForTimeout(300);
  await tab.evaluate((args) => window.__bench.scenario(...args), SCENARIO);
  const events = await readTrace(cdp);
  await tab.close();
  return events;
}

/**
 * Thread ms per script, and per script and kind of task (its load, its short calls such as mutation callbacks, its
 * calls of 1 ms or more such as a denial's panel): complete events on the page's main thread, outermost only.
 */
function cpuByScript(events) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'TimeStamp'))
    ?? events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && SCRIPT_EVENTS.has(e.name)).sort((a, b) => a.ts - b.ts);
  const totals = new Map();
  const add = (key, ms) => totals.set(key, (totals.get(key) ?? 0) + ms);
  let end = -Infinity;
  for (const e of onMain) {
    if (e.ts < end) continue; // nested in the last outermost event
    end = e.ts + e.dur;
    const data = e.args?.data ?? {};
    const script = scriptOf(data.url ?? data.scriptName ?? data.fileName ?? '') ?? (e.name.includes('GC') ? '(gc)' : '(other: module evaluation, microtasks)');
    const ms = (e.tdur ?? e.dur) / 1000;
    add(script, ms);
    if (script === 'page' || script.startsWith('(')) continue;
    add(`  ${script}: ${e.name === 'FunctionCall' ? (ms >= 1 ? 'calls of 1 ms or more' : 'calls under 1 ms') : 'load'}`, ms);
  }
  return totals;
}

const { context, close } = await launch(extension, body);
const sums = new Map();
try {
  await tracedRun(context); // warm-up, not counted
  for (let run = 0; run < RUNS; run++) for (const [script, ms] of cpuByScript(await tracedRun(context))) sums.set(script, (sums.get(script) ?? 0) + ms / RUNS);
} finally {
  await close();
  done();
}
console.log(`thread time per run, mean of ${RUNS} runs (ms), by script:`);
const scripts = [...sums].filter(([name]) => !name.startsWith(' ')).sort((a, b) => b[1] - a[1]);
for (const [name, ms] of scripts) {
  console.log(`  ${ms.toFixed(2).padStart(8)}  ${name}`);
  for (const [kind, kindMs] of sums) if (kind.startsWith(`  ${name}:`)) console.log(`  ${kindMs.toFixed(2).padStart(8)}  ${kind}`);
}
