// `why-denied explain --send CHANNEL` prints the link that sends the request, and opens nothing;
// `why-denied --version` prints package.json's version (the built bin, the same file every manifest gets).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, type CliIo } from '../../../src/cli/run.ts';

const root = resolve(import.meta.dirname, '../../..');
const DENIAL = 'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: ce:GetCostAndUsage because no identity-based policy allows the ce:GetCostAndUsage action';

function io(): CliIo & { out: string; err: string } {
  const result = { out: '', err: '', env: {}, version: '1.2.3', readStdin: async () => '', stdout: (t: string) => void (result.out += t), stderr: (t: string) => void (result.err += t) };
  return result;
}

describe('why-denied explain --send', () => {
  test('prints the filled ticket URL, each placeholder URL-encoded', async () => {
    const out = io();
    expect(await runCli(['explain', '--send', 'https://tickets.example.com/new?who={principal}&what={action}&t={summary}', DENIAL], out)).toBe(0);
    const url = new URL(out.out.trim());
    expect(url.origin).toBe('https://tickets.example.com');
    expect(url.searchParams.get('who')).toBe('arn:aws:iam::111111111111:user/alice');
    expect(url.searchParams.get('what')).toBe('ce:GetCostAndUsage');
    expect(url.searchParams.get('t')).toMatch(/^Please allow ce:GetCostAndUsage for user alice in account 111111111111/);
    expect(out.out.trim().split('\n')).toHaveLength(1);
  });

  test('prints a mailto: link for an address', async () => {
    const out = io();
    expect(await runCli(['explain', '--send', 'aws-admins@example.com', DENIAL], out)).toBe(0);
    expect(out.out).toMatch(/^mailto:aws-admins@example\.com\?subject=Please%20allow%20ce%3AGetCostAndUsage%20for%20user%20alice/);
    expect(out.out).toContain('&body=');
  });

  test('refuses an http or unknown-placeholder template as a usage error', async () => {
    for (const bad of ['http://tickets.example.com/?s={summary}', 'https://tickets.example.com/?s={nope}']) {
      const out = io();
      expect(await runCli(['explain', '--send', bad, DENIAL], out)).toBe(2);
      expect(out.err).toMatch(/^why-denied: --send: /);
      expect(out.out).toBe('');
    }
  });

  test('--version prints the version it is given', async () => {
    const out = io();
    expect(await runCli(['--version'], out)).toBe(0);
    expect(out.out).toMatch(/^why-denied 1\.2\.3\nAWS data as of \d{4}-\d{2}-\d{2}\n$/);
  });

  test.runIf(existsSync(resolve(root, 'dist/node/why-denied.mjs')))('the built bin prints package.json\'s version, which every built manifest has', () => {
    const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
    expect(execFileSync(process.execPath, [resolve(root, 'dist/node/why-denied.mjs'), '--version'], { encoding: 'utf8' })).toMatch(new RegExp(`^why-denied ${version.replaceAll('.', '\\.')}\nAWS data as of `));
    for (const browser of ['chrome', 'firefox']) expect(JSON.parse(readFileSync(resolve(root, `dist/${browser}/manifest.json`), 'utf8')).version).toBe(version);
  });
});
