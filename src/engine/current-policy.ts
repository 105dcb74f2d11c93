// Today's version of a policy that AWS's record names. The record gives the text AWS evaluated at the denial, so
// the diagnosis reads no current policy (issue 11: the common case settles in 2 calls); this is read only when the
// user asks ("Compare with today's policy"), with the profile that made the diagnosis:
// - a managed policy: GetPolicy, whose UpdateDate is compared with the recorded aws:CurrentTime; the default
//   version's text (GetPolicyVersion) only when it was updated since;
// - an SCP or RCP: Organizations DescribePolicy, which also gives its name (the record has only its id);
// - an inline policy: its owner's Get{User,Group,Role}Policy, by the name the diagnosis found;
// - an S3 bucket's policy: GetBucketPolicy, in the bucket owner's account (aws:ResourceAccount in the record).
// The same reads stand in for the captured text when AWS's record could not give it (aws-record.ts).
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicy.html
// https://docs.aws.amazon.com/organizations/latest/APIReference/API_DescribePolicy.html

import type { BlockingPolicy, Diagnosis, TodaysVersion } from '../core/diagnosis.ts';
import type { PolicyDocument, PolicyStatement } from '../core/explanation.ts';
import { policyNamedByAttachment, policyNameOrId } from '../core/knowledge/console-links.ts';
import { canCompareWithToday, todaysVersionSource, type TodaysVersionSource } from '../core/todays-version.ts';
import type { AwsCallName } from './aws-calls.ts';
import type { ClassifiedAwsError } from './aws-errors.ts';
import { fetchInlinePolicy, fetchManagedPolicyChangedSince } from './iam-policies.ts';
import { namedPolicyOf } from './named-policy.ts';
import { describeOrgPolicy } from './org-policies.ts';
import { parsePolicy } from './policy-json.ts';
import { AwsSession } from './session.ts';
import type { AwsTarget } from './target.ts';

function statementsOf(doc: unknown): PolicyStatement[] {
  const statement = (doc as PolicyDocument | null)?.Statement;
  if (Array.isArray(statement)) return statement as PolicyStatement[];
  return statement && typeof statement === 'object' ? [statement as PolicyStatement] : [];
}

/** The statement a Sid names; a generated Sid (no Sid in the text) names the only Deny statement. */
export function statementBySid(doc: unknown, sid: string | null): PolicyStatement | null {
  const all = statementsOf(doc);
  const bySid = sid ? all.find((s) => s.Sid === sid) : undefined;
  if (bySid) return bySid;
  const denies = all.filter((s) => s.Effect === 'Deny' && !s.Sid);
  return denies.length === 1 ? denies[0]! : null;
}

/** Stable JSON, key order ignored, for "has it changed since the denial". */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export type CurrentRead =
  | {
      ok: true;
      /** The policy's name; null for a bucket's policy, which is named by its bucket. */
      name: string | null;
      /** false: a managed policy not updated since the denial, so the text AWS evaluated is today's (not read). */
      updated: boolean;
      /** The statement as it reads today; null when the policy no longer holds it (or, not updated, was not read). */
      statement: PolicyStatement | null;
    }
  | { ok: false; call: AwsCallName; error: ClassifiedAwsError };

/** Reads the policy as it is now; null when `ref` is no policy these calls can read. `since` skips an unchanged managed policy's text. */
export async function readCurrentPolicy(session: AwsSession, ref: TodaysVersionSource, sid: string | null, since: Date | null): Promise<CurrentRead | null> {
  if ('owner' in ref) {
    const fetched = await fetchInlinePolicy(session, { owner: ref.owner.kind, name: ref.owner.name, arn: ref.owner.arn }, ref.policyName);
    return fetched.ok ? { ok: true, name: ref.policyName, updated: true, statement: statementBySid(fetched.policy.parsed?.raw, sid) } : fetched;
  }
  if ('bucket' in ref) {
    const read = await session.send('s3:GetBucketPolicy', (c, abortSignal) => c.s3().getBucketPolicy(ref.bucket, ref.account, abortSignal));
    if (!read.ok) return read;
    // No policy on the bucket any more holds no statement either.
    return { ok: true, name: null, updated: true, statement: read.value === null ? null : statementBySid(parsePolicy(read.value)?.raw, sid) };
  }
  const named = namedPolicyOf(ref.arn);
  if (named?.source === 'iam') {
    const fetched = await fetchManagedPolicyChangedSince(session, ref.arn, since);
    if (!fetched.ok) return fetched;
    return { ok: true, name: fetched.name, updated: fetched.policy !== null, statement: statementBySid(fetched.policy?.parsed?.raw, sid) };
  }
  if (named?.source === 'organizations') {
    const described = await describeOrgPolicy(session, named.policyId);
    return described.ok ? { ok: true, name: described.value.name, updated: true, statement: statementBySid(described.value.parsed?.raw, sid) } : described;
  }
  return null;
}

/**
 * "SCP p-taxlock01", "policy BudgetLimits", "the bucket policy of exports": how the messages name the policy before its
 * name is known.
 */
function label(policy: BlockingPolicy): string {
  const byAttachment = policyNamedByAttachment(policy);
  if (byAttachment) return byAttachment;
  const named = policy.arn ? namedPolicyOf(policy.arn) : null;
  if (named?.source === 'organizations') return `${named.kind.toUpperCase()} ${policyNameOrId(policy)}`;
  return `policy ${policy.name ?? named?.name ?? policy.arn ?? ''}`.trim();
}

export interface TodaysReading {
  version: TodaysVersion;
  /** The policy's name, when the read gave it (an SCP's or RCP's, from DescribePolicy). */
  name: string | null;
}

/**
 * Reads today's version of `policy` (a blocking policy of a diagnosis from AWS's record) and compares its deciding
 * statement with the one AWS evaluated at `deniedAt`. Never throws: a failed read says why and what stays unchecked.
 */
export async function readTodaysVersion(
  policy: BlockingPolicy,
  deniedAt: string | null,
  target: AwsTarget,
  options: { signal?: AbortSignal; attemptTimeoutMs?: number } = {},
): Promise<TodaysReading> {
  const ref = todaysVersionSource(policy);
  const what = `whether ${label(policy)} has changed since the denial`;
  if (!ref || !policy.statement) {
    return { name: null, version: { state: 'unread', statement: null, message: `Today's version of this policy cannot be read with the profile's calls, so this stays unchecked: ${what}.`, awsCalls: 0, checkedAt: Date.now() } };
  }
  const session = new AwsSession(target, options.signal, options.attemptTimeoutMs ? { attemptTimeoutMs: options.attemptTimeoutMs } : {});
  try {
    const since = deniedAt && Number.isFinite(Date.parse(deniedAt)) ? new Date(deniedAt) : null;
    const read = await readCurrentPolicy(session, ref, policy.statementSid, since);
    const done = (version: Omit<TodaysVersion, 'awsCalls' | 'checkedAt'>, name: string | null = null): TodaysReading => ({ name, version: { ...version, awsCalls: session.calls, checkedAt: Date.now() } });
    if (!read) return done({ state: 'unread', statement: null, message: `Today's version could not be read, so this stays unchecked: ${what}.` });
    if (!read.ok) {
      // Only AWS's own NoSuchEntity (or PolicyNotFound, or S3's NoSuchBucket) says the policy is gone.
      if (read.error.kind === 'not-found' || read.error.code === 'NoSuchBucket') return done({ state: 'deleted', statement: null, message: `AWS answered ${read.error.code}: the policy has been deleted since the denial.` });
      // Only the bucket owner's account reads a bucket policy: S3 refuses another account with MethodNotAllowed, and
      // with AccessDenied where ExpectedBucketOwner is not the caller's account (or the permission is missing).
      if ('bucket' in ref && (read.error.code === 'MethodNotAllowed' || read.error.code === 'AccessDenied')) {
        const message = `S3 answered ${read.error.code}: only a profile in account ${ref.account}, the bucket's owner, with s3:GetBucketPolicy can read the bucket policy of ${ref.bucket}, so this stays unchecked: ${what}.`;
        return done({ state: 'unread', statement: null, message });
      }
      const problem = session.report(read, what);
      return done({ state: 'unread', statement: null, message: problem.message, ...(problem.permission ? { permission: problem.permission } : {}) });
    }
    const named = read.name !== policy.name ? read.name : null;
    if (!read.updated) return done({ state: 'unchanged', statement: null, message: `Not updated since the denial (${since?.toISOString()}): the statement AWS evaluated is today's.` }, named);
    if (!read.statement) return done({ state: 'changed', statement: null, message: `The policy no longer holds ${policy.statementSid ? `statement ${policy.statementSid}` : 'this statement'}.` }, named);
    if (canonical(read.statement) === canonical(policy.statement)) return done({ state: 'unchanged', statement: null, message: 'The statement reads today as AWS evaluated it.' }, named);
    return done({ state: 'changed', statement: read.statement, message: 'The statement reads differently today than when AWS evaluated it.' }, named);
  } finally {
    session.close();
  }
}

/** The diagnosis' blocking policy with today's version: its name once known, and whether it changed. */
export function withTodaysVersion(policy: BlockingPolicy, reading: TodaysReading): BlockingPolicy & { todaysVersion: TodaysVersion } {
  const { state } = reading.version;
  return {
    ...policy,
    name: reading.name ?? policy.name,
    changedSinceDenial: state === 'unchanged' ? false : state === 'changed' || state === 'deleted' ? true : (policy.changedSinceDenial ?? null),
    todaysVersion: reading.version,
  };
}

/**
 * The diagnosis with its blocking policy `index` compared with today's version, and that policy as compared: the
 * worker's "Compare with today's policy" and the CLI's --compare-today. Null when that policy has no statement from
 * AWS's record to compare.
 */
export async function compareWithTodaysVersion(
  diagnosis: Diagnosis,
  index: number,
  target: AwsTarget,
): Promise<{ diagnosis: Diagnosis; compared: BlockingPolicy & { todaysVersion: TodaysVersion } } | null> {
  const policy = diagnosis.awsRecord?.used ? diagnosis.blocking[index] : undefined;
  if (!policy || !canCompareWithToday(policy)) return null;
  const reading = await readTodaysVersion(policy, diagnosis.awsRecord?.deniedAt ?? null, target);
  const compared = withTodaysVersion(policy, reading);
  return { diagnosis: { ...diagnosis, blocking: diagnosis.blocking.map((p, i) => (i === index ? compared : p)) }, compared };
}
