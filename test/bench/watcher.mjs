// The watcher's own cost per mutation record, on the page-cost page's mutations (denial-page.html: text set in a
// table cell, a block added, a block removed, in turn), without the noise of a whole page's script time: the
// watcher (src/console/watch.ts, bundled here) and the floor's callback each run in real Chromium, and every observer
// callback is timed with the page's clock, which is precise to 5 µs in a cross-origin isolated page. Each runs twice:
// as the page's own script, and in an isolated world of its own as a content script runs, where every page node it
// touches needs a wrapper of that world (so the nodes a reader visits beyond the added ones cost more there). The
// `cost` bench measures the built extension; this one says which part of its mutation cost is the watcher's reading,
// and how it compares with the floor's, so that a change to watch.ts can be judged in one run.
//
//   node test/bench/run.mjs watcher          WD_BENCH_ROUNDS=<n> (default 7)
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { MINIMAL_DETECTOR, median } from './content.mjs';
import { costPageBody } from './cost-page.mjs';

const root = resolve(import.meta.dirname, '../..');
const ROUNDS = Number(process.env.WD_BENCH_ROUNDS ?? 7);
/** As in the `cost` scenario: about 27 updates a task, each task a batch of records for the observer. */
const BATCHES = 1200;
const PER_BATCH = 27;

/** DenialWatcher from the sources, as one script that defines `DenialWatcher` on the page. */
async function watcherScript() {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      lib: { entry: resolve(root, 'src/console/watch.ts'), formats: ['iife'], name: 'WatchModule', fileName: () => 'watch.js' },
    },
  });
  const [chunk] = (Array.isArray(out) ? out[0] : out).output;
  return `${chunk.code}\nnew WatchModule.DenialWatcher(document, () => {}).start();`;
}

/** Every observer made after this runs is timed: its callbacks' total ms in window.__callbackMs. */
const TIMED_OBSERVERS = `(() => {
  const Observer = MutationObserver;
  window.__callbackMs = 0;
  window.MutationObserver = class extends Observer {
    constructor(callback) {
      super((records, observer) => {
        const start = performance.now();
        callback(records, observer);
        window.__callbackMs += performance.now() - start;
      });
    }
  };
})();`;

/** `setup`'s callback time on the page's mutations, `setup` run as page script (world "page") or in an isolated world. */
async function callbackMs(context, setup, world) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const inPage = world === 'page';
  // Each script is a file of its own: a bundle may hold "</script>" in a string.
  const files = {
    '/': { type: 'text/html', body: inPage ? costPageBody.replace('</body>', '<script src="/timed.js"></script><script src="/variant.js"></script></body>') : costPageBody },
    '/timed.js': { type: 'text/javascript', body: TIMED_OBSERVERS },
    '/variant.js': { type: 'text/javascript', body: setup },
  };
  await page.route('https://bench.test/**', (route) => {
    const file = files[new URL(route.request().url()).pathname];
    return file
      ? route.fulfill({ contentType: file.type, body: file.body, headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } })
      : route.fulfill({ status: 404, body: '' });
  });
  await page.goto('https://bench.test/');
  // The isolated world has its own globals: its MutationObserver is the timed one, and only its scripts see it.
  const isolated = inPage ? null : await isolatedWorld(context, page);
  if (isolated) for (const script of [TIMED_OBSERVERS, setup]) await isolated(script);
  const result = await page.evaluate(async ([batches, perBatch]) => {
    const channel = new MessageChannel();
    const nextTask = () => new Promise((r) => { channel.port1.onmessage = r; channel.port2.postMessage(0); });
    for (let b = 0; b < batches; b++) {
      for (let j = 0; j < perBatch; j++) mutateOnce(); // the page's own dashboard update (denial-page.html)
      await nextTask();
    }
    return { ms: window.__callbackMs, isolated: crossOriginIsolated };
  }, [BATCHES, PER_BATCH]);
  if (isolated) result.ms = await isolated('window.__callbackMs');
  await page.close();
  if (errors.length > 0) throw new Error(`the page threw: ${errors.join('; ')}`);
  if (!result.isolated) throw new Error('the page is not cross-origin isolated: its clock is too coarse for this bench');
  if (!(result.ms > 0)) throw new Error(`no observer callback was timed ${WORLDS[world]}`);
  return result.ms;
}

/** A new isolated world in the page's main frame, as a function that runs a script there and returns its value. */
async function isolatedWorld(context, page) {
  const cdp = await context.newCDPSession(page);
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'why-denied bench' });
  return async (expression) => {
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId: executionContextId, returnByValue: true });
    if (exceptionDetails) throw new Error(`the isolated world threw: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  };
}

const WORLDS = { page: 'as page script', isolated: 'in an isolated world of its own, as a content script runs' };

export default async function benchWatcher() {
  const variants = {
    'an observer that does nothing': 'new MutationObserver(() => {}).observe(document.body, { childList: true, subtree: true });',
    'the floor': MINIMAL_DETECTOR,
    'the watcher': await watcherScript(),
  };
  const runs = Object.keys(WORLDS).flatMap((world) => Object.entries(variants).map(([name, setup]) => ({ world, name, setup, ms: [] })));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
  try {
    const context = await browser.newContext();
    // Rounds take turns, so a burst of load from other jobs hits every variant alike; the first round warms up.
    for (let round = 0; round <= ROUNDS; round++) {
      for (const run of runs) {
        const ms = await callbackMs(context, run.setup, run.world);
        if (round > 0) run.ms.push(ms);
      }
    }
  } finally {
    await browser.close();
  }
  const records = BATCHES * PER_BATCH;
  const perRecord = (world, name) => (median(runs.find((r) => r.world === world && r.name === name).ms) * 1000) / records;
  return Object.entries(WORLDS).flatMap(([world, how]) => [
    ...Object.keys(variants).map((name) => ({ name: `callback time per mutation record, ${name}, ${world === 'page' ? 'page script' : 'isolated world'}`, value: perRecord(world, name), unit: 'µs', note: `median of ${ROUNDS} rounds of ${records} records, ${how}` })),
    { name: `the watcher over the floor, ${world === 'page' ? 'page script' : 'isolated world'} (src/console/watch.ts; the minimal detector)`, value: perRecord(world, 'the watcher') / perRecord(world, 'the floor'), unit: '×' },
  ]);
}
