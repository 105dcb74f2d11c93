import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../fake-aws/server.mjs';

const SERVER = 'test/fake-aws/server.mjs';

describe('fake-aws CLI', () => {
  it('prints the URL, serves the scenario and is driven through /__fake-aws/', async () => {
    const child = spawn(process.execPath, [SERVER, '--scenario', 'fail-throttled', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const profile = loadScenario('fail-throttled').credentials[0]!;
      const sts = new STSClient({ endpoint: url, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: profile.accessKeyId, secretAccessKey: profile.secretAccessKey } });
      await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'Throttling' });
      expect(await fetch(`${url}/__fake-aws/faults`, { method: 'DELETE' }).then((r) => r.status)).toBe(200);
      expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('111111111111');
      const calls = await fetch(`${url}/__fake-aws/calls`).then((r) => r.json());
      expect(calls.map((c: { status: number }) => c.status)).toEqual([400, 200]);

      await fetch(`${url}/__fake-aws/scenario`, { method: 'POST', body: JSON.stringify({ name: 'scp-region-deny' }) });
      expect((await fetch(`${url}/__fake-aws/scenario`).then((r) => r.json())).name).toBe('scp-region-deny');
      const object = { ...loadScenario('identity-mfa-deny'), name: 'posted-object' };
      await fetch(`${url}/__fake-aws/scenario`, { method: 'POST', body: JSON.stringify(object) });
      expect((await fetch(`${url}/__fake-aws/scenario`).then((r) => r.json())).name).toBe('posted-object');
      await fetch(`${url}/__fake-aws/faults`, { method: 'POST', body: JSON.stringify({ kind: 'throttle', times: 1 }) });
      await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'Throttling' });
      const bad = await fetch(`${url}/__fake-aws/faults`, { method: 'POST', body: JSON.stringify({ kind: 'nope' }) });
      expect(bad.status).toBe(400);
      expect((await bad.json()).message).toMatch(/invalid fault/);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('explains a bad scenario name and lists the scenarios', () => {
    const bad = spawnSync(process.execPath, [SERVER, '--scenario', 'nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/no scenario "nope"/);
    const list = spawnSync(process.execPath, [SERVER, '--list'], { encoding: 'utf8' });
    expect(list.stdout.split('\n')).toContain('scp-region-deny');
    const usage = spawnSync(process.execPath, [SERVER], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--scenario NAME is required/);
  });
});
