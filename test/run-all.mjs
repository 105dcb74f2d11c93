#!/usr/bin/env node
// `npm test`: every suite in turn, each one's result and time, then one line that adds them all up:
// "N passed, N failed". A suite that cannot report counts (type check, build, lint) counts as one test.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureBrowsers } from './setup-browsers.mjs';
import { countVitestReport } from './vitest-counts.mjs';

const only = process.argv.slice(2);
const suites = [
  { name: 'type check', cmd: ['npx', 'tsc', '-p', '.', '--noEmit'] },
  { name: 'build', cmd: ['npx', 'vite', 'build'] },
  { name: 'web-ext lint', cmd: ['npx', 'web-ext', 'lint', '--source-dir', 'dist/firefox', '--warnings-as-errors'] },
  { name: 'unit', cmd: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=artifacts/vitest.json'], counts: vitestCounts },
  { name: 'e2e', cmd: ['node', '--test', '--test-concurrency=1', '--test-reporter=spec', 'test/e2e/'], counts: nodeTestCounts },
].filter((s) => only.length === 0 || only.includes(s.name.split(' ')[0]));

function run(cmd) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(cmd[0], cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    child.stdout.on('data', (d) => { process.stdout.write(d); output += d; });
    child.stderr.on('data', (d) => { process.stderr.write(d); output += d; });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function vitestCounts() {
  try {
    return countVitestReport(JSON.parse(readFileSync('artifacts/vitest.json', 'utf8')));
  } catch {
    return null;
  }
}

function nodeTestCounts(output) {
  const count = (label) => {
    const match = output.match(new RegExp(`^ℹ ${label} (\\d+)$`, 'm'));
    return match ? Number(match[1]) : null;
  };
  const passed = count('pass');
  const failed = count('fail');
  if (passed === null || failed === null) return null;
  return { passed, failed: failed + (count('cancelled') ?? 0) };
}

if (only.length === 0 || only.includes('e2e')) ensureBrowsers();
rmSync('artifacts/vitest.json', { force: true });
mkdirSync('artifacts', { recursive: true });
const results = [];
for (const suite of suites) {
  console.log(`\n▶ ${suite.name}: ${suite.cmd.join(' ')}`);
  const started = performance.now();
  const { code, output } = await run(suite.cmd);
  const seconds = (performance.now() - started) / 1000;
  const counted = suite.counts?.(output) ?? null;
  const result = counted ?? (code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });
  // A runner that exits non-zero must count as failing, even when its report says otherwise.
  if (code !== 0 && result.failed === 0) result.failed = 1;
  results.push({ name: suite.name, seconds, ...result });
}

console.log('\nSuite results:');
for (const r of results) console.log(`  ${r.name.padEnd(14)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed ${r.seconds.toFixed(1).padStart(7)} s`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
