// Types for test/fake-aws/record-scenarios.mjs.
import type { PolicyDocument, Scenario } from './server.d.mts';

export interface DecidingPolicyOptions {
  /** The record's policy type, e.g. "SESSION_POLICY". */
  type: string;
  uri: string;
  /** What the policy is attached to: its own uri by default; null leaves it out. */
  attachedTo?: string | null;
  /** The statement that denied, as AWS evaluated it. */
  deny: Record<string, unknown> & { Sid: string };
  /** How the message names the policy type, e.g. "a session policy". */
  policyPhrase: string;
  /** What was evaluated, when not record-inline-deny's ce:GetCostAndUsage. */
  evaluation?: { action?: string; resource?: string };
  /** The record's request context, when not record-inline-deny's. */
  requestContext?: Record<string, unknown>;
  /** The resource as the message prints it (quoted, say), when not as evaluated. */
  resourceInMessage?: string;
}

export function recordDecidedBy(options: DecidingPolicyOptions): Scenario;

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
