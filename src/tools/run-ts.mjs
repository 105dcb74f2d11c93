// Runs one of the TypeScript tools in src/tools with Vite's module runner (Node 20 cannot run
// TypeScript by itself): node src/tools/run-ts.mjs src/tools/<tool>.ts [args].
import { resolve } from 'node:path';
import { runnerImport } from 'vite';

const [tool] = process.argv.slice(2);
if (!tool) {
  console.error('usage: node src/tools/run-ts.mjs src/tools/<tool>.ts [args]');
  process.exit(2);
}
const { module } = await runnerImport(resolve(tool));
if (typeof module.main === 'function') process.exitCode = (await module.main(process.argv.slice(3))) ?? 0;
