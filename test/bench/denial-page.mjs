// The issue-10 figures on a busy page like the one of the independent measurement (denial-page.html), in real
// Chromium with the built extension:
// - time to panel: from a denial's insertion to its panel in the DOM while the page mutates every frame, the first
//   panel of a fresh page and of a fresh cross-origin frame included, with the longest task around those firsts;
// - page cost: the page's script time (CDP, thread ticks) over 5,000 mutations in 3 s and one denial at the end,
//   with why-denied and with the minimal detector (the floor), each over the same page without an extension, in
//   interleaved pairs within one run.
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launch, median, MINIMAL_DETECTOR, percentile, threadSeconds, tinyExtension } from './content.mjs';
import { COST_PAGE_URL, costPageBody, readTrace } from './cost-page.mjs';

const root = resolve(import.meta.dirname, '../..');
// WD_BENCH_EXTENSION measures another build (say, an earlier commit's dist/chrome); WD_BENCH_BASELINE adds one to
// the page-cost pairs, so two builds are compared within one run.
const extension = process.env.WD_BENCH_EXTENSION ?? join(root, 'dist/chrome');
const baseline = process.env.WD_BENCH_BASELINE ?? null;
const body = costPageBody;
const URL = COST_PAGE_URL;
/** Another console origin (same site), so the frame runs its own content script and loads its own panel UI. */
const FRAME_URL = 'https://eu-west-1.console.aws.amazon.com/costmanagement/home#/frame';
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const PAGES = env('WD_BENCH_PAGES', 5);
const PER_PAGE = env('WD_BENCH_INSERTIONS', 40);
const PAIRS = env('WD_BENCH_PAIRS', 15);
/** How long the page is busy before its first denial (after the 300 ms the content script is given to start). */
const FIRST_DENIAL_AFTER_MS = env('WD_BENCH_FIRST_DENIAL_AFTER_MS', 200);

/** Loads the page and gives the content script (document_idle) time to start. */
async function openTab(context, cdpMetrics = false) {
  const tab = await context.newPage();
  const cdp = cdpMetrics ? await context.newCDPSession(tab) : null;
  if (cdp) await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await tab.goto(URL);
  await tab.waitForTimeout(300);
  return { tab, cdp };
}

/**
 * Runs `action` (one timed insertion) under a CDP trace of the tab's renderers and returns the longest main-thread
 * task that overlaps the insertion-to-panel span (plus the frame that paints it): its wall time, which is what a
 * long task is, and its CPU time, which other jobs on a shared machine do not inflate.
 */
async function tracedMount(cdp, action) {
  await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReturnAsStream' });
  const sample = await action();
  await new Promise((r) => setTimeout(r, 100));
  const events = await readTrace(cdp);
  const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const mark = (message) => events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === message);
  const [start, end] = [mark('wd-insert'), mark('wd-end')];
  if (!start || !end) return { ...sample, longest: NaN, longestCpu: NaN };
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === start.pid && mainThreads.has(`${e.pid}:${e.tid}`)
    && e.ts + e.dur >= start.ts && e.ts <= end.ts + 16_000);
  return {
    ...sample,
    longest: Math.max(0, ...tasks.map((t) => t.dur / 1000)),
    longestCpu: Math.max(0, ...tasks.map((t) => (t.tdur ?? t.dur) / 1000)),
  };
}

/** The first panel of a frame: a cross-origin console frame is added, kept busy, and shown a denial. */
async function firstPanelOfFrame(tab, cdp, i) {
  await tab.evaluate((url) => new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.src = url;
    // In view: Chromium runs no animation frames in an off-screen cross-origin frame.
    frame.style.cssText = 'position: fixed; top: 0; left: 0; width: 600px; height: 400px';
    frame.onload = resolve;
    document.body.append(frame);
  }), `${FRAME_URL}-${i}`);
  const inFrame = (call, ...args) => tab.evaluate(([c, a]) => window.__bench.inFrame(c, ...a), [call, args]);
  await tab.waitForTimeout(300);
  await inFrame('busy');
  await tab.waitForTimeout(100);
  return tracedMount(cdp, () => inFrame('denialToPanel', `frame${i}`));
}

export async function benchTimeToPanel() {
  const { context, close } = await launch(extension, body);
  const steady = [];
  const pageFirsts = [];
  const frameFirsts = [];
  let frameMs = null;
  try {
    for (let p = 0; p < PAGES; p++) {
      const { tab } = await openTab(context);
      const cdp = await context.newCDPSession(tab);
      await tab.evaluate(() => window.__bench.busy());
      await tab.waitForTimeout(FIRST_DENIAL_AFTER_MS);
      pageFirsts.push(await tracedMount(cdp, () => tab.evaluate(() => window.__bench.denialToPanel('first'))));
      frameMs ??= await tab.evaluate(() => window.__bench.frameInterval());
      for (let i = 0; i < PER_PAGE; i++) steady.push(await tab.evaluate((n) => window.__bench.denialToPanel(n), i));
      await tab.evaluate(() => window.__bench.quiet());
      frameFirsts.push(await firstPanelOfFrame(tab, cdp, p));
      await tab.close();
    }
  } finally {
    await close();
  }
  const all = [...pageFirsts, ...frameFirsts, ...steady];
  const ms = all.map((s) => s.ms ?? Infinity);
  const worst = (samples, key) => Math.max(...samples.map((s) => s[key] ?? Infinity));
  const missed = all.filter((s) => s.ms === null).length;
  const tasks = (firsts) =>
    `wall each: ${firsts.map((s) => s.longest.toFixed(0)).join(', ')}; CPU each: ${firsts.map((s) => s.longestCpu.toFixed(0)).join(', ')} ms`;
  return [
    { name: `time to panel, busy page: median (${all.length} insertions${missed ? `, ${missed} without a panel` : ''})`, value: median(ms), unit: 'ms', note: `${PAGES} page firsts, ${PAGES} frame firsts, ${steady.length} more` },
    { name: 'time to panel, busy page: p95', value: percentile(ms, 95), unit: 'ms', target: '<= 16 ms' },
    { name: 'time to panel, busy page: max', value: Math.max(...ms), unit: 'ms' },
    { name: 'time to panel, busy page: p95 in animation frames', value: percentile(all.map((s) => s.frames), 95), unit: 'frames', target: '<= 1', note: `frame interval ${frameMs?.toFixed(1)} ms` },
    { name: 'first panel of a page: worst time to panel', value: worst(pageFirsts, 'ms'), unit: 'ms', note: `median ${median(pageFirsts.map((s) => s.ms ?? Infinity)).toFixed(1)} ms` },
    { name: 'first panel of a page: longest task at its mount (worst of pages)', value: worst(pageFirsts, 'longest'), unit: 'ms', target: '<= 50 ms', note: tasks(pageFirsts) },
    { name: 'first panel of a page: that task\'s CPU time (worst of pages)', value: worst(pageFirsts, 'longestCpu'), unit: 'ms', note: 'thread time: without the other jobs of a shared machine' },
    { name: 'first panel of a frame: worst time to panel', value: worst(frameFirsts, 'ms'), unit: 'ms', note: `median ${median(frameFirsts.map((s) => s.ms ?? Infinity)).toFixed(1)} ms` },
    { name: 'first panel of a frame: longest task at its mount (worst of frames)', value: worst(frameFirsts, 'longest'), unit: 'ms', target: '<= 50 ms', note: tasks(frameFirsts) },
    { name: 'first panel of a frame: that task\'s CPU time (worst of frames)', value: worst(frameFirsts, 'longestCpu'), unit: 'ms' },
  ];
}

/** One page load and scenario in a fresh tab: the page's script time in ms, and when the panel came. */
async function scenarioRun(context, args) {
  const { tab, cdp } = await openTab(context, true);
  try {
    const outcome = await tab.evaluate((a) => window.__bench.scenario(...a), args);
    return { script: (await threadSeconds(cdp)).script * 1000, panelMs: outcome.panelMs };
  } finally {
    await tab.close();
  }
}

/** The lower quartile, median and upper quartile (linear interpolation). */
function quartiles(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (p) => {
    const i = (sorted.length - 1) * p;
    const lo = Math.floor(i);
    return sorted[lo] + (sorted[Math.ceil(i)] - sorted[lo]) * (i - lo);
  };
  return { q1: at(0.25), median: at(0.5), q3: at(0.75), min: sorted[0], max: sorted[sorted.length - 1] };
}

/**
 * Without an extension, with the minimal detector (the floor) and with why-denied (and WD_BENCH_BASELINE), one
 * browser each; each pair is one fresh tab per configuration, the order rotating, so load from other jobs hits all
 * of them alike. A first round per browser is not recorded (first tab, first panel UI compile cache).
 */
async function pageCost(args) {
  const floorDir = tinyExtension('minimal detector', MINIMAL_DETECTOR);
  const configs = [];
  try {
    for (const dir of [null, floorDir, extension, ...(baseline ? [baseline] : [])]) configs.push({ ...(await launch(dir, body)), runs: [] });
    for (const config of configs) await scenarioRun(config.context, args);
    for (let pair = 0; pair < PAIRS; pair++) {
      for (let k = 0; k < configs.length; k++) {
        const config = configs[(pair + k) % configs.length];
        config.runs.push(await scenarioRun(config.context, args));
      }
    }
  } finally {
    await Promise.all(configs.map((c) => c.close()));
    rmSync(floorDir, { recursive: true, force: true });
  }
  const [without, floor, ours, base] = configs;
  /** Per pair: the ratio to the run without an extension, and the script time added. */
  const stats = (config) => ({
    ratio: quartiles(config.runs.map((run, i) => run.script / without.runs[i].script)),
    added: quartiles(config.runs.map((run, i) => run.script - without.runs[i].script)),
  });
  return { without, floor, ours, base, stats };
}

const spread = ({ ratio, added }) =>
  `IQR ${ratio.q1.toFixed(2)}–${ratio.q3.toFixed(2)}, pairs ${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)}; adds ${added.median.toFixed(1)} ms (IQR ${added.q1.toFixed(1)}–${added.q3.toFixed(1)})`;

export async function benchPageCost() {
  const { without, floor, ours, base, stats } = await pageCost([]);
  const missed = ours.runs.filter((r) => r.panelMs === null).length;
  // The issue's target. A machine where the floor alone is over it says so: no extension could meet it in that run.
  const target = 1.15;
  const floorRatio = stats(floor).ratio.median;
  return [
    { name: 'page script time without extension (5,000 mutations / 3 s + 1 denial)', value: median(without.runs.map((r) => r.script)), unit: 'ms', note: `median of ${PAIRS} interleaved pairs, warm-up pair dropped` },
    { name: 'script-time ratio with why-denied (median of pairs)', value: stats(ours).ratio.median, unit: '×', target: `<= ${target}`, note: `${spread(stats(ours))}${missed ? `; ${missed} runs without a panel` : ''}` },
    { name: 'script-time ratio with the minimal detector (the floor)', value: floorRatio, unit: '×', note: `${spread(stats(floor))}${floorRatio > target ? `; over the ${target} target by itself` : ''}` },
    { name: 'why-denied over the floor', value: median(ours.runs.map((r, i) => r.script / floor.runs[i].script)), unit: '×' },
    ...(base ? [{ name: `script-time ratio with the baseline build (${baseline})`, value: stats(base).ratio.median, unit: '×', note: spread(stats(base)) }] : []),
  ];
}

/**
 * What the extension's added script time is made of, each part on the same page in its own interleaved run:
 * starting in a frame (content scripts, the first scan, the panel UI and settings at idle), the one denial (its
 * reading, report and panel), and the 5,000 mutations (the rest of `cost`).
 */
export async function benchPageCostParts() {
  const parts = [
    ['start and idle (no mutations, no denial)', [0, 3000, 500, false]],
    ['start and one denial with its panel (no mutations)', [0, 3000, 500, true]],
    ['start and 5,000 mutations (no denial)', [5000, 3000, 500, false]],
  ];
  const rows = [];
  for (const [name, args] of parts) {
    const { without, floor, ours, base, stats } = await pageCost(args);
    const baseNote = base ? `; the baseline build adds ${stats(base).added.median.toFixed(1)} ms` : '';
    rows.push({ name: `${name}: script time added by why-denied`, value: stats(ours).added.median, unit: 'ms', note: `IQR ${stats(ours).added.q1.toFixed(1)}–${stats(ours).added.q3.toFixed(1)}; floor adds ${stats(floor).added.median.toFixed(1)} ms${baseNote}; page alone ${median(without.runs.map((r) => r.script)).toFixed(1)} ms` });
  }
  return rows;
}
