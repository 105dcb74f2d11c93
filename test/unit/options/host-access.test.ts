import { describe, expect, it } from 'vitest';
import { MANIFEST_AWS_HOSTS, originsFor } from '../../../src/options/profiles/host-access.ts';

describe('originsFor', () => {
  it('asks for nothing with an endpoint override', () => {
    expect(originsFor({ kind: 'identity-center', partition: 'aws', region: 'eu-west-1', endpoint: 'http://127.0.0.1:4566' })).toEqual([]);
  });

  it('asks for the manifest hosts for keys in us-east-1, and the wildcard elsewhere', () => {
    expect(originsFor({ kind: 'keys', partition: 'aws', region: 'us-east-1', endpoint: null })).toEqual([...MANIFEST_AWS_HOSTS]);
    expect(originsFor({ kind: 'keys', partition: 'aws', region: 'eu-central-1', endpoint: null })).toEqual(['https://*.amazonaws.com/*']);
    expect(originsFor({ kind: 'identity-center', partition: 'aws', region: 'us-east-1', endpoint: null })).toEqual(['https://*.amazonaws.com/*']);
    expect(originsFor({ kind: 'keys', partition: 'aws-cn', region: 'cn-north-1', endpoint: null })).toEqual(['https://*.amazonaws.com.cn/*']);
    expect(originsFor({ kind: 'keys', partition: 'aws-us-gov', region: 'us-gov-west-1', endpoint: null })).toEqual(['https://*.amazonaws.com/*']);
  });

  it('only asks for what the manifest declares', async () => {
    const { readFileSync } = await import('node:fs');
    const manifest = JSON.parse(readFileSync(new URL('../../../manifest.json', `file://${import.meta.dirname}/`), 'utf8'));
    const declared = new Set([...manifest.host_permissions, ...manifest.optional_host_permissions]);
    for (const partition of ['aws', 'aws-cn', 'aws-us-gov'] as const)
      for (const origin of originsFor({ kind: 'identity-center', partition, region: 'x', endpoint: null })) expect(declared).toContain(origin);
    for (const origin of MANIFEST_AWS_HOSTS) expect(manifest.host_permissions).toContain(origin);
  });
});
