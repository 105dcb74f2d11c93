// Types for test/fake-aws/bucket-record.mjs.
import type { PolicyDocument, Scenario } from './server.d.mts';

export interface BucketRecordOptions {
  bucket: string;
  /** The statement the bucket's policy denied with, as AWS evaluated it. */
  deny: Record<string, unknown> & { Sid: string };
  /** aws:ResourceAccount in the record; null leaves it out. */
  resourceAccount: string | null;
  /** The account that owns the bucket in the fake S3 (the record's account, else 111111111111). */
  bucketAccount?: string;
  /** The bucket's policy today (null: none); the statement AWS evaluated when left out. */
  today?: PolicyDocument | null;
  /** No such bucket any more. */
  gone?: boolean;
}

export function bucketRecordScenario(options: BucketRecordOptions): Scenario;
