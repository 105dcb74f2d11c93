import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { describe, expect, it } from 'vitest';
import { startFakeAws } from '../../fake-aws/server.mjs';

function selfSignedCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'fake-aws-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=fake-aws',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:iam.amazonaws.com', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasOpenssl)('fake-aws over HTTPS', () => {
  it('serves signed calls over TLS with the given certificate', async () => {
    const tls = selfSignedCertificate();
    const fake = await startFakeAws({ scenario: 'identity-user-inline-deny', tls });
    try {
      expect(fake.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const profile = fake.scenario.credentials[0]!;
      const sts = new STSClient({
        endpoint: fake.url,
        region: 'us-east-1',
        maxAttempts: 1,
        credentials: { accessKeyId: profile.accessKeyId, secretAccessKey: profile.secretAccessKey },
        requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ ca: tls.cert }) }),
      });
      expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(profile.principal);
    } finally {
      await fake.close();
    }
  });
});
