// The fake's S3 GetBucketPolicy: path-style GET /{bucket}?policy signed for `s3` (path not encoded twice,
// payload hash in x-amz-content-sha256), answered only to the bucket owner's account, as the API reference says.

import { IAMClient } from '@aws-sdk/client-iam';
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, describe, expect, test } from 'vitest';
import { loadScenario, startFakeAws, type FakeAws, type Scenario, type ScenarioCredential } from '../../fake-aws/server.mjs';

const sha256 = new IAMClient({ region: 'us-east-1' }).config.sha256;
const fakes: FakeAws[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

const base = loadScenario('cross-account-cur-bucket-owner-profile');
const owner = base.credentials[0]!;
const bucket = 'example-cur-999999999999';

async function getPolicy(scenario: Scenario, credential: ScenarioCredential, headers: Record<string, string> = {}, service = 's3') {
  const fake = await startFakeAws({ scenario });
  fakes.push(fake);
  const url = new URL(fake.url);
  const request = new HttpRequest({ method: 'GET', protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: `/${bucket}`, query: { policy: '' }, headers: { host: url.host, ...headers } });
  const signer = new SignatureV4({ service, region: 'us-east-1', sha256, uriEscapePath: false, applyChecksum: true, credentials: { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey } });
  const signed = await signer.sign(request);
  const response = await fetch(`${fake.url}/${bucket}?policy=`, { headers: signed.headers });
  const text = await response.text();
  return { status: response.status, code: /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? null, text, calls: fake.calls };
}

describe('GetBucketPolicy', () => {
  test("the owner's account reads the policy as stored, with ExpectedBucketOwner matching", async () => {
    const r = await getPolicy(base, owner, { 'x-amz-expected-bucket-owner': '999999999999' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text).Statement[0].Sid).toBe('AllowBillingReportsDelivery');
    expect(r.calls[0]).toMatchObject({ service: 's3', action: 'GetBucketPolicy', status: 200 });
  });

  test('another expected owner: 403 AccessDenied', async () => {
    expect(await getPolicy(base, owner, { 'x-amz-expected-bucket-owner': '111111111111' })).toMatchObject({ status: 403, code: 'AccessDenied' });
  });

  test("another account's caller with the permission: 405 MethodNotAllowed; without it: 403 AccessDenied", async () => {
    const elsewhere = { ...owner, principal: 'arn:aws:iam::222222222222:user/diagnoser' };
    expect(await getPolicy({ ...base, credentials: [elsewhere] }, elsewhere)).toMatchObject({ status: 405, code: 'MethodNotAllowed' });
    const unpermitted = { ...owner, allow: ['sts:GetCallerIdentity'] };
    expect(await getPolicy({ ...base, credentials: [unpermitted] }, unpermitted)).toMatchObject({ status: 403, code: 'AccessDenied' });
  });

  test('no policy: 404 NoSuchBucketPolicy; a signature scoped to another service is refused', async () => {
    const none = { ...base, buckets: base.buckets!.map((b) => ({ ...b, policy: null })) };
    expect(await getPolicy(none, owner)).toMatchObject({ status: 404, code: 'NoSuchBucketPolicy' });
    expect(await getPolicy(base, owner, {}, 'iam')).toMatchObject({ status: 400, code: 'AuthorizationHeaderMalformed' });
  });
});
