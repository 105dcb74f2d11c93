#!/usr/bin/env node
// The `why-denied` command (package bin). See run.ts for the interface.
import { readFileSync } from 'node:fs';
import { runCli } from './run.ts';

// The package's own package.json (dist/node/ and src/cli/ are both two levels below it): one version everywhere.
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

async function readStdin(): Promise<string> {
  // Typed or pasted at a terminal, the message has no end until the user gives one: say how, or it looks stuck.
  if (process.stdin.isTTY) process.stderr.write('Paste the message, then press Enter and Ctrl-D (Ctrl-Z and Enter on Windows).\n');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// A reader that stops early (`why-denied explain … | head`) closes the pipe: stop there, quietly, as other
// command-line tools do, instead of a stack trace for the unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  readStdin,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  version,
  diagnose: async (denials, profile, onStep, options) => {
    // Loaded only when asked for, so `explain` starts fast and works without the SDK's credential chain.
    // The SDK warns on Node 20 about its releases after January 2027; the version this CLI pins supports Node 20,
    // and the warning would land in the middle of the output.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const { diagnoseWithProfile } = await import('./diagnose-node.ts');
    return diagnoseWithProfile(denials, profile, process.env, onStep, options);
  },
});
