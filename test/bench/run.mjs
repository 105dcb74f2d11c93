#!/usr/bin/env node
// `npm run bench` (after the build): every benchmark against the built bundles, one table of figures.
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
// The SDK's notice about its releases after January 2027 would land in the middle of the table.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const only = process.argv.slice(2);

/** What every console frame loads: Chrome's loader (content.js) and content module, Firefox's content.js (the same code). */
const CONTENT_SCRIPT = ['chrome/content.js', 'chrome/content-main.js'];

async function bundleSizes() {
  const gzip = (file) => gzipSync(readFileSync(resolve(root, 'dist', file)), { level: 9 }).length / 1024;
  const raw = (file) => `raw ${(readFileSync(resolve(root, 'dist', file)).length / 1024).toFixed(1)} KiB`;
  return [
    { name: `content script, Chrome: content.js + content-main.js gzip (${CONTENT_SCRIPT.map(raw).join(' + ')})`, value: CONTENT_SCRIPT.map(gzip).reduce((a, b) => a + b), unit: 'KiB', target: '<= 30 KiB' },
    { name: `content script, Firefox: content.js gzip (${raw('firefox/content.js')})`, value: gzip('firefox/content.js'), unit: 'KiB', target: '<= 30 KiB' },
    ...['panel.js', 'page-observer.js', 'observed.js', 'background.js'].map((file) => ({ name: `${file} gzip (${raw(`chrome/${file}`)})`, value: gzip(`chrome/${file}`), unit: 'KiB' })),
  ];
}

const benches = {
  size: bundleSizes,
  parser: async () => (await import('./parser.mjs')).default(await import(resolve(root, 'dist/node/core.mjs'))),
  content: async () => (await import('./content.mjs')).default(),
  'page-observer': async () => (await import('./page-observer.mjs')).default(),
  latency: async () => (await import('./denial-page.mjs')).benchTimeToPanel(),
  cost: async () => (await import('./denial-page.mjs')).benchPageCost(),
  watcher: async () => (await import('./watcher.mjs')).default(),
  // Not in a plain `npm run bench` (it takes three cost runs): node test/bench/run.mjs cost-parts
  'cost-parts': async () => (await import('./denial-page.mjs')).benchPageCostParts(),
  diagnosis: async () => {
    const fake = await import(resolve(root, 'test/fake-aws/server.mjs'));
    return (await import('./diagnosis.mjs')).default(await import(resolve(root, 'dist/node/engine.mjs')), fake);
  },
};

const OPT_IN = new Set(['cost-parts']);
let failed = false;
for (const [name, bench] of Object.entries(benches)) {
  if (only.length ? !only.includes(name) : OPT_IN.has(name)) continue;
  console.log(`\n${name}`);
  try {
    for (const row of await bench()) {
      const value = row.value >= 100 ? row.value.toFixed(0) : row.value.toFixed(2);
      const extra = [row.note, row.target ? `target ${row.target}` : null].filter(Boolean).join('; ');
      console.log(`  ${row.name.padEnd(64)} ${value.padStart(9)} ${row.unit.padEnd(6)}${extra ? `  (${extra})` : ''}`);
    }
  } catch (error) {
    failed = true;
    console.log(`  failed: ${error instanceof Error ? error.stack : error}`);
  }
}
process.exitCode = failed ? 1 : 0;
