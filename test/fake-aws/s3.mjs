// S3 (REST-XML), the one read a diagnosis makes: GetBucketPolicy, path-style.
//   GET /{bucket}?policy      header x-amz-expected-bucket-owner (optional)
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicy.html
// Only an identity of the bucket owner's account may call it: another account's caller that holds the
// permission gets 405 MethodNotAllowed, one without it 403 AccessDenied. An ExpectedBucketOwner other
// than the owner is 403 AccessDenied. A bucket without a policy is 404 NoSuchBucketPolicy.

import { randomUUID } from 'node:crypto';
import { AwsError } from './errors.mjs';

const BUCKET = /^\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/?$/;

/** @typedef {{ name: string, account: string, region?: string, policy: unknown }} Bucket */

/** GetBucketPolicy's route, or null. @param {string} method @param {URL} url */
export function s3Route(method, url) {
  const bucket = BUCKET.exec(url.pathname)?.[1];
  return method === 'GET' && bucket && url.searchParams.has('policy') ? { action: 'GetBucketPolicy', bucket } : null;
}

const xmlEscape = (/** @type {string} */ s) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** S3's error document. @param {AwsError} error */
export function s3Error(error) {
  const requestId = randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase();
  return {
    status: error.status,
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${xmlEscape(error.code)}</Code><Message>${xmlEscape(error.message)}</Message><RequestId>${requestId}</RequestId></Error>`,
  };
}

export const s3AccessDenied = () => new AwsError(403, 'AccessDenied', 'Access Denied');

/**
 * @param {string} bucketName @param {Record<string, string | string[] | undefined>} headers
 * @param {import('./world.mjs').World} world @param {{ accountId: string }} caller
 */
export function handleGetBucketPolicy(bucketName, headers, world, caller) {
  /** @type {Bucket | undefined} */
  const bucket = (world.scenario.buckets ?? []).find((/** @type {Bucket} */ b) => b.name === bucketName);
  if (!bucket) throw new AwsError(404, 'NoSuchBucket', 'The specified bucket does not exist');
  const expected = headers['x-amz-expected-bucket-owner'];
  if (expected !== undefined && expected !== bucket.account) throw s3AccessDenied();
  if (caller.accountId !== bucket.account) throw new AwsError(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  if (bucket.policy == null) throw new AwsError(404, 'NoSuchBucketPolicy', 'The bucket policy does not exist');
  const text = typeof bucket.policy === 'string' ? bucket.policy : JSON.stringify(bucket.policy);
  return { status: 200, headers: { 'content-type': 'application/json', 'x-amz-request-id': randomUUID() }, body: text };
}
