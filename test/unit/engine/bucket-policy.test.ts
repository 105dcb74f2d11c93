// The bucket-policy client's own logic, without the network: the global endpoint first, the bucket's
// Region once when S3 answers 301 PermanentRedirect, and "no policy" as an answer, not a failure.

import { describe, expect, test } from 'vitest';
import { bucketOf, policyNamedByAttachment } from '../../../src/core/knowledge/console-links.ts';
import { BucketPolicyClient } from '../../../src/engine/bucket-policy.ts';
import { sdkError, type SignedGet, type SignedRestClient } from '../../../src/engine/signed-rest.ts';

function clientAnswering(answers: ((request: SignedGet) => string)[]) {
  const seen: SignedGet[] = [];
  const rest = {
    get: async (request: SignedGet) => {
      seen.push(request);
      return { status: 200, headers: {}, text: answers[seen.length - 1]!(request) };
    },
  } as unknown as SignedRestClient;
  return { client: new BucketPolicyClient({ rest, partition: 'aws', region: 'us-east-1' }), seen };
}

const s3Error = (request: SignedGet, status: number, code: string, headers: Record<string, string> = {}) => {
  throw request.errorFrom(status, headers, `<?xml version="1.0"?><Error><Code>${code}</Code><Message>m</Message></Error>`);
};

describe('BucketPolicyClient', () => {
  test('path-style on the global endpoint, signed for s3 in us-east-1, with the expected owner', async () => {
    const { client, seen } = clientAnswering([() => '{"Version":"2012-10-17","Statement":[]}']);
    expect(await client.getBucketPolicy('example-cur', '999999999999', new AbortController().signal)).toContain('Statement');
    expect(seen[0]).toMatchObject({ endpoint: 'https://s3.amazonaws.com', region: 'us-east-1', signingName: 's3', path: '/example-cur', query: { policy: '' }, headers: { 'x-amz-expected-bucket-owner': '999999999999' }, s3: true });
  });

  test("a bucket in another Region: asked once more at that Region's endpoint", async () => {
    const { client, seen } = clientAnswering([(r) => s3Error(r, 301, 'PermanentRedirect', { 'x-amz-bucket-region': 'eu-west-1' }), () => '{}']);
    expect(await client.getBucketPolicy('example-cur', '999999999999', new AbortController().signal)).toBe('{}');
    expect(seen[1]).toMatchObject({ endpoint: 'https://s3.eu-west-1.amazonaws.com', region: 'eu-west-1' });
  });

  test('NoSuchBucketPolicy is "no policy"; other errors are thrown with their code', async () => {
    const none = clientAnswering([(r) => s3Error(r, 404, 'NoSuchBucketPolicy')]);
    expect(await none.client.getBucketPolicy('b-1', '1', new AbortController().signal)).toBeNull();
    const refused = clientAnswering([(r) => s3Error(r, 405, 'MethodNotAllowed')]);
    await expect(refused.client.getBucketPolicy('b-1', '1', new AbortController().signal)).rejects.toMatchObject({ name: 'MethodNotAllowed', $metadata: { httpStatusCode: 405 } });
  });

  test('bucketOf reads bucket and object ARNs only', () => {
    expect(bucketOf('arn:aws:s3:::example-cur-999999999999/cur/x.csv.gz')).toBe('example-cur-999999999999');
    expect(bucketOf('arn:aws:s3:::example-cur')).toBe('example-cur');
    expect(bucketOf('arn:aws:kms:us-east-1:999999999999:key/abc')).toBeNull();
    expect(sdkError(500, 'X', 'm').$fault).toBe('server');
  });

  test('a policy with no name of its own has one name: a bucket\'s by its bucket, any other by what it is attached to', () => {
    const unnamed = { name: null, arn: null };
    expect(policyNamedByAttachment({ ...unnamed, policyType: 'resource', attachedTo: 'arn:aws:s3:::example-cur' })).toBe('the bucket policy of example-cur');
    const key = 'arn:aws:kms:us-east-1:999999999999:key/abc';
    expect(policyNamedByAttachment({ ...unnamed, policyType: 'resource', attachedTo: key })).toBe(`the resource-based policy of ${key}`);
    expect(policyNamedByAttachment({ ...unnamed, policyType: 'session', attachedTo: 'arn:aws:sts::1:assumed-role/R/s' })).toBe('the session policy of arn:aws:sts::1:assumed-role/R/s');
    // A policy with a name, a type that always has one, or nothing it is attached to: not named this way.
    expect(policyNamedByAttachment({ name: 'P', arn: null, policyType: 'resource', attachedTo: key })).toBeNull();
    expect(policyNamedByAttachment({ ...unnamed, policyType: 'identity', attachedTo: 'arn:aws:iam::1:role/R' })).toBeNull();
    expect(policyNamedByAttachment({ ...unnamed, policyType: 'resource', attachedTo: null })).toBeNull();
  });
});
