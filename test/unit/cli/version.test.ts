// `why-denied --version` names the version and how current the compiled AWS data is.
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../../src/cli/run.ts';
import { AWS_DATA_DATE } from '../../../src/core/knowledge/data-date.ts';
import sar from '../../../src/core/knowledge/sar-actions.json';
import policies from '../../../src/core/knowledge/managed-policies.json';

describe('why-denied --version', () => {
  it('prints the version and the data date', async () => {
    let out = '';
    const io: CliIo = { readStdin: async () => '', stdout: (text) => (out += text), stderr: () => {}, env: {}, version: '0.1.0' };
    expect(await runCli(['--version'], io)).toBe(0);
    expect(out).toMatch(/^why-denied \d+\.\d+\.\d+\nAWS data as of \d{4}-\d{2}-\d{2}\n$/);
    expect(out).toContain(`AWS data as of ${AWS_DATA_DATE}`);
  });

  it('dates the data by its older source', () => {
    expect(AWS_DATA_DATE <= sar.updated && AWS_DATA_DATE <= policies.newestPolicyUpdate).toBe(true);
  });
});
