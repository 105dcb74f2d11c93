// The page observer's cost to the page: its wrapped fetch against the native one, on 1,000 successful calls, in
// headless Chromium. The built dist/chrome/page-observer.js is injected as an init script (it runs before the
// page's scripts, as the MAIN-world content script does); an init script before it keeps the fetch it wraps, so
// native and wrapped are timed in the same page, same process, same JIT. Two measures: calls to a local HTTP
// server (what a page sees), and calls to an in-page fetch that answers at once (the wrapper's own cost, without
// network noise). Rounds alternate native and wrapped, in turns; the median round is reported.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '../..');
const CALLS = 1000;
const ROUNDS = 9;

const PAGE = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>bench</title></head><body>bench</body></html>';
const OK = JSON.stringify({ rows: [1, 2, 3], next: null });
/** Answers before the network: what remains is the wrapper's own cost per call. */
const INSTANT_FETCH = `window.fetch = function fetch() { return Promise.resolve(new Response(${JSON.stringify(OK)}, { status: 200, headers: { 'content-type': 'application/json' } })); };`;
/** Runs before the observer: the fetch it is about to wrap. */
const KEEP_NATIVE = 'window.__nativeFetch = window.fetch;';

/** In the page: CALLS sequential fetches with the native or the wrapped fetch, each body read as a page would; ms. */
async function run({ calls, wrapped }) {
  const call = wrapped ? window.fetch : window.__nativeFetch;
  const start = performance.now();
  for (let i = 0; i < calls; i++) await (await call('/ok')).json();
  return performance.now() - start;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function pageObserverBench() {
  const observer = readFileSync(resolve(root, 'dist/chrome/page-observer.js'), 'utf8');
  const server = createServer((req, res) => {
    if (req.url === '/ok') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      return void res.end(OK);
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(PAGE);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--disable-background-networking'] });
  try {
    const pageWith = async (scripts) => {
      const context = await browser.newContext();
      for (const content of scripts) await context.addInitScript({ content });
      const page = await context.newPage();
      await page.goto(origin);
      if ((await page.evaluate(() => String(window.fetch))).includes('[native code]')) throw new Error('the observer did not wrap fetch');
      return page;
    };
    const measures = { server: await pageWith([KEEP_NATIVE, observer]), instant: await pageWith([INSTANT_FETCH, KEEP_NATIVE, observer]) };
    const rows = [];
    for (const [name, page] of Object.entries(measures)) {
      const times = { native: [], wrapped: [] };
      for (const wrapped of [false, true]) await page.evaluate(run, { calls: 100, wrapped }); // warm-up
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 ? [true, false] : [false, true];
        for (const wrapped of order) times[wrapped ? 'wrapped' : 'native'].push(await page.evaluate(run, { calls: CALLS, wrapped }));
      }
      const native = median(times.native);
      const wrapped = median(times.wrapped);
      const what = name === 'server' ? 'fetches to a local server' : 'instant fetches (no network)';
      rows.push(
        { name: `${CALLS} ${what}, native`, value: native, unit: 'ms', note: `median of ${ROUNDS} rounds` },
        { name: `${CALLS} ${what}, wrapped`, value: wrapped, unit: 'ms', note: `${(((wrapped - native) / native) * 100).toFixed(1)}% vs native; ${(((wrapped - native) * 1000) / CALLS).toFixed(1)} µs per call` },
      );
    }
    return rows;
  } finally {
    await browser.close();
    server.close();
  }
}
