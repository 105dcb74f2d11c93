// What the page-cost tools share: the busy page (denial-page.html) at a console URL, the build to measure
// (WD_BENCH_EXTENSION: a directory, or "floor" for the minimal detector of `cost`), and reading a CDP trace.
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MINIMAL_DETECTOR, tinyExtension } from './content.mjs';

export const COST_PAGE_URL = 'https://us-east-1.console.aws.amazon.com/costmanagement/home#/cost-explorer';
export const costPageBody = readFileSync(join(import.meta.dirname, 'denial-page.html'), 'utf8');

/** The build WD_BENCH_EXTENSION names (dist/chrome by default), and `done` to remove a floor built for the run. */
export function benchExtension() {
  const floor = process.env.WD_BENCH_EXTENSION === 'floor' ? tinyExtension('minimal detector', MINIMAL_DETECTOR) : null;
  const dir = floor ?? process.env.WD_BENCH_EXTENSION ?? join(resolve(import.meta.dirname, '../..'), 'dist/chrome');
  return { dir, done: () => floor && rmSync(floor, { recursive: true, force: true }) };
}

/** Ends the trace that `cdp` is recording and returns its events. */
export async function readTrace(cdp) {
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  const { stream } = await complete;
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(text);
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}
