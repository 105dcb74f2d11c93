// s3:GetBucketPolicy, for the owner's side of a cross-account denial on an S3 bucket (a Cost and
// Usage Report or Data Exports bucket read from another account). One path-style GET /{bucket}?policy
// built from the SDK's parts (signed-rest.ts), with ExpectedBucketOwner set to the profile's account
// so a bucket of another account is never taken for this one's. Only the bucket owner's account may
// call it (another account gets 405 MethodNotAllowed); a bucket without a policy is NoSuchBucketPolicy.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicy.html

import type { SdkError } from '@smithy/types';
import type { Partition } from './partitions.ts';
import { headerOf, sdkError, type SignedRestClient } from './signed-rest.ts';

/** S3's REST-XML error document: <Error><Code>…</Code><Message>…</Message></Error>. */
function errorFrom(status: number, headers: Record<string, string>, text: string): SdkError {
  const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? `Http${status}Error`;
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? code;
  const error = sdkError(status, code, message);
  const region = headerOf(headers, 'x-amz-bucket-region');
  return region ? Object.assign(error, { bucketRegion: region }) : error;
}

/** The partition's S3 endpoint for path-style requests, and the Region it signs for. */
function defaultEndpoint(partition: Partition, region: string | null): { endpoint: string; region: string } {
  const suffix = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  if (region) return { endpoint: `https://s3.${region}.${suffix}`, region };
  if (partition === 'aws') return { endpoint: 'https://s3.amazonaws.com', region: 'us-east-1' };
  const home = partition === 'aws-cn' ? 'cn-north-1' : 'us-gov-west-1';
  return { endpoint: `https://s3.${home}.${suffix}`, region: home };
}

export interface BucketPolicyConfig {
  rest: SignedRestClient;
  partition: Partition;
  /** An endpoint override (tests, compatible local endpoints); path-style, signed for `region`. */
  endpoint?: string;
  region: string;
}

export class BucketPolicyClient {
  constructor(private readonly config: BucketPolicyConfig) {}

  /** The bucket policy's text, or null when the bucket has none. Throws the S3 error otherwise. */
  async getBucketPolicy(bucket: string, expectedOwner: string, abortSignal: AbortSignal): Promise<string | null> {
    const first = this.config.endpoint ? { endpoint: this.config.endpoint, region: this.config.region } : defaultEndpoint(this.config.partition, null);
    try {
      return await this.read(bucket, expectedOwner, first, abortSignal);
    } catch (e) {
      const error = e as SdkError & { bucketRegion?: string };
      if (error.name === 'NoSuchBucketPolicy') return null;
      // The global endpoint answers 301 for a bucket in another Region and names it: ask there, once.
      if (error.name === 'PermanentRedirect' && error.bucketRegion && !this.config.endpoint) {
        return this.read(bucket, expectedOwner, defaultEndpoint(this.config.partition, error.bucketRegion), abortSignal).catch((again: SdkError) => {
          if (again.name === 'NoSuchBucketPolicy') return null;
          throw again;
        });
      }
      throw error;
    }
  }

  private async read(bucket: string, expectedOwner: string, at: { endpoint: string; region: string }, abortSignal: AbortSignal): Promise<string> {
    const response = await this.config.rest.get(
      { ...at, signingName: 's3', path: `/${encodeURIComponent(bucket)}`, query: { policy: '' }, headers: { 'x-amz-expected-bucket-owner': expectedOwner }, s3: true, errorFrom },
      abortSignal,
    );
    return response.text;
  }
}
