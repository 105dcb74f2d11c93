// Step "aws-record": AWS's own record of the denied request (IAM Access Troubleshooter, preview),
// read by the authorization ID the message carries. It names the deciding policy, its type and
// where it is attached, the matched statement Sids, and the request context AWS evaluated (source
// IP, session tags, Region, VPC endpoint) that no simulation can know. The statement text is the one
// captured at the denial, so the common case settles in 2 calls: the record's page and the deciding
// policy's captured text. Today's version is not read (current-policy.ts reads it on request), except an
// inline policy's name: its owner's list, beside the captured text (see inlinePolicy).
// Returns null (and says why) when the record cannot settle it, so the simulation runs instead.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied-authorization-id.html

import type { PolicyType } from '../core/denial.ts';
import type { BlockingPolicy, RecordReading } from '../core/diagnosis.ts';
import type { PolicyStatement } from '../core/explanation.ts';
import { parseIamEntityArn, policyNamedByAttachment, policyNameOrId, unnamedPolicyKind } from '../core/knowledge/console-links.ts';
import { iamEntityUrl, managedPolicyUrl, orgPolicyUrl } from './console-links.ts';
import { canonical, readCurrentPolicy, statementBySid } from './current-policy.ts';
import type { Verdict } from './draft.ts';
import { fetchInlinePolicy, type InlineOwnerRef } from './iam-policies.ts';
import type { GetRequestAuthorizationDetailsOutput, ToolboxEvaluation, ToolboxPolicyInfo, ToolboxPolicyType } from './iam-toolbox.ts';
import { listInline } from './identity-set.ts';
import { namedPolicyOf } from './named-policy.ts';
import { recordedContext } from './recorded-context.ts';
import type { Partition } from './partitions.ts';
import type { Run } from './run.ts';
import { POLICY_TYPE_WORDS, listWords } from './words.ts';

const MAX_PAGES = 10;

const LAYERS: Record<ToolboxPolicyType, PolicyType> = {
  IDENTITY_BASED_POLICY: 'identity',
  RESOURCE_BASED_POLICY: 'resource',
  PERMISSIONS_BOUNDARY: 'permissions-boundary',
  SESSION_POLICY: 'session',
  SERVICE_CONTROL_POLICY: 'scp',
  RESOURCE_CONTROL_POLICY: 'rcp',
  VPC_ENDPOINT_POLICY: 'vpc-endpoint',
};

type AuthorizationRecord = Omit<GetRequestAuthorizationDetailsOutput, 'nextToken'>;

/** Every page of the record, or null with the reason in `reading`. */
async function readRecord(run: Run, id: string, reading: RecordReading): Promise<AuthorizationRecord | null> {
  const merged: AuthorizationRecord = { requestContext: {}, evaluations: [], policies: [] };
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const outcome = await run.session.send('iam:GetRequestAuthorizationDetails', (c, abortSignal) => c.toolbox().getRequestAuthorizationDetails(id, nextToken, abortSignal));
    if (!outcome.ok) {
      const { kind, code } = outcome.error;
      if (kind === 'missing-permission') {
        run.session.report(outcome);
        reading.reason = `the profile "${run.target.profileName}" may not call iam:GetRequestAuthorizationDetails`;
      } else if (kind === 'not-found') {
        reading.reason = `AWS has no record for authorization ID ${id} that this profile may read: the ID is unknown, the record has expired (AWS keeps records for at least 24 hours), or the profile is outside the account or organization of the denied request`;
      } else if (kind === 'network' || kind === 'throttled') {
        reading.reason = `the IAM Toolbox endpoint did not answer (${code})`;
      } else {
        run.session.report(outcome);
        reading.reason = `IAM Toolbox answered ${code}`;
      }
      return null;
    }
    const value = outcome.value;
    Object.assign(merged.requestContext, value.requestContext ?? {});
    merged.evaluations.push(...(value.evaluations ?? []));
    for (const p of value.policies ?? []) if (!merged.policies.some((q) => q.uri === p.uri)) merged.policies.push(p);
    reading.pages = page + 1;
    nextToken = value.nextToken;
    if (!nextToken) return merged;
  }
  reading.reason = `the record has more than ${MAX_PAGES} pages`;
  return null;
}

/** The evaluation of the denied action (the message's), else the first that was not allowed. */
function deniedEvaluation(record: AuthorizationRecord, action: string): ToolboxEvaluation | null {
  const denied = record.evaluations.filter((e) => e.evaluatedEffect !== 'ALLOW');
  return denied.find((e) => e.action.toLowerCase() === action.toLowerCase()) ?? denied[0] ?? null;
}

function conditionKeys(statement: PolicyStatement | null): string[] {
  const condition = (statement as { Condition?: Record<string, Record<string, unknown>> } | null)?.Condition;
  if (!condition || typeof condition !== 'object') return [];
  return [...new Set(Object.values(condition).flatMap((block) => (block && typeof block === 'object' ? Object.keys(block) : [])))];
}

function contextValue(evaluation: ToolboxEvaluation, record: AuthorizationRecord, key: string): unknown {
  for (const context of [evaluation.context ?? {}, record.requestContext]) {
    const found = Object.keys(context).find((k) => k.toLowerCase() === key.toLowerCase());
    if (found) return context[found];
  }
  return undefined;
}

/** An inline policy as its owner's listing names it, and its current statement when its text was read to find it. */
interface InlineMatch {
  name: string | null;
  /** The statement as the policy reads now; null when not read, or when no policy of its owner holds it. */
  statement: PolicyStatement | null;
  /** Its current text was read (the owner has several inline policies), so "changed since the denial" is known. */
  compared: boolean;
  gap: string | null;
}

/**
 * An inline policy's name. AWS's record identifies it only by an opaque URI, and the admin's commands need the name
 * (put-user-policy --policy-name), so this is the one current read the diagnosis keeps: its owner's list (one more
 * call, beside the captured text). With one inline policy the list names it and its text is not read: Get*Policy
 * needs the name, so it could only start after the list, one more call and one more round trip (record-inline-deny:
 * 3 calls in 2 round trips, would be 4 in 3); "Compare with today's policy" reads it on request instead (1 call,
 * current-policy.ts). With several, their
 * texts are read to find the one that holds the captured statement, and that also says whether it changed.
 */
async function inlinePolicy(run: Run, info: ToolboxPolicyInfo, sid: string | null, captured: Promise<PolicyStatement | null>): Promise<InlineMatch> {
  const owner = parseIamEntityArn(info.attachedTo?.[0]?.arn);
  const opaque = 'AWS identifies the inline policy only by an opaque ID';
  if (!owner) return { name: null, statement: null, compared: false, gap: opaque };
  const ref: InlineOwnerRef = { owner: owner.kind, name: owner.name, arn: info.attachedTo![0]!.arn! };
  const [names, capturedStatement] = await Promise.all([listInline(run.session, ref), captured]);
  if (!names.ok) return { name: null, statement: null, compared: false, gap: `${opaque}, and ${ref.name}'s inline policies could not be listed (${names.error.code})` };
  if (names.value.length === 1 && capturedStatement) {
    run.session.note('iam:GetRequestAuthorizationPolicy', `the inline policy is ${ref.name}'s only one, ${names.value[0]}; its current text was not read`);
    return { name: names.value[0]!, statement: null, compared: false, gap: null };
  }
  const fetched = await Promise.all(names.value.map((n) => fetchInlinePolicy(run.session, ref, n)));
  const candidates = fetched.flatMap((f) => (f.ok && f.policy.parsed ? [{ name: f.policy.name, statement: statementBySid(f.policy.parsed.raw, sid) }] : []));
  if (!candidates.length) return { name: null, statement: null, compared: false, gap: `${opaque}, and ${ref.name}'s inline policies could not be read` };
  // The one holding the same statement, else the same Sid (edited since).
  const same = capturedStatement ? candidates.find((c) => c.statement && canonical(c.statement) === canonical(capturedStatement)) : undefined;
  const found = same ?? (sid ? candidates.find((c) => c.statement?.Sid === sid) : undefined);
  if (found) return { ...found, compared: true, gap: null };
  return { name: null, statement: null, compared: true, gap: `no inline policy of its owner holds this statement now (${opaque})` };
}

function consoleUrlFor(partition: Partition, layer: PolicyType, info: ToolboxPolicyInfo): string | null {
  const named = namedPolicyOf(info.uri ?? '');
  if (named?.source === 'iam') return managedPolicyUrl(partition, named.arn);
  if (named?.source === 'organizations') return orgPolicyUrl(partition, named.kind, named.policyId);
  const owner = info.attachedTo?.[0]?.arn;
  return (layer === 'identity' || layer === 'permissions-boundary') && owner ? iamEntityUrl(partition, owner) : null;
}

/** Why the text of a policy named by what it is attached to is not read here. */
const NOT_READ_HERE: Partial<Record<PolicyType, string>> = {
  resource: "a resource's own policy is not read here",
  'vpc-endpoint': 'a VPC endpoint policy is not read here',
  session: 'a session policy cannot be read back once the session has started',
};

function show(value: unknown): string {
  return Array.isArray(value) ? value.map((v) => String(v)).join(', ') : typeof value === 'string' ? value : JSON.stringify(value);
}

export async function diagnoseFromRecord(run: Run, partition: Partition): Promise<Verdict | null> {
  const { denial, session, steps } = run;
  const id = denial.authorizationId!;
  const reading: RecordReading = { authorizationId: id, used: false, reason: null, pages: 0, deniedAt: null };
  run.record = reading;
  steps.set('aws-record', 'running');
  const fallBack = (reason: string): null => {
    reading.reason = reason;
    steps.set('aws-record', 'failed', reading.reason);
    session.note('iam:GetRequestAuthorizationDetails', `not used: ${reading.reason}; falling back to simulation`);
    return null;
  };
  const record = await readRecord(run, id, reading);
  if (!record) return fallBack(reading.reason ?? 'the record could not be read');
  const evaluation = deniedEvaluation(record, denial.action!);
  // Should the simulation still run, it runs with the context AWS evaluated, not a guess of it.
  run.recordedContext = recordedContext({ ...record.requestContext, ...(evaluation?.context ?? {}) });
  const withContext = (reason: string) => {
    const keys = run.recordedContext!.map((c) => c.key);
    return keys.length ? `${reason}; the simulation uses the request context AWS recorded (${listWords(keys)})` : reason;
  };
  if (!evaluation) return fallBack(withContext('the record shows no denied evaluation'));
  session.note('iam:GetRequestAuthorizationDetails', `${evaluation.action} on ${evaluation.resource || '*'}: ${evaluation.evaluatedEffect ?? 'no effect'} (${reading.pages} page${reading.pages === 1 ? '' : 's'})`);
  const denying = (evaluation.matchedPolicies ?? []).filter((m) => (m.matchedStatements ?? []).some((s) => s.evaluatedEffect === 'DENY'));
  if (evaluation.evaluatedEffect !== 'EXPLICIT_DENY' || denying.length === 0) {
    return fallBack(withContext('the record shows an implicit deny, and an implicit deny matches no statement, so it names no policy'));
  }

  const recordedTime = contextValue(evaluation, record, 'aws:CurrentTime');
  reading.deniedAt = typeof recordedTime === 'string' && Number.isFinite(Date.parse(recordedTime)) ? recordedTime : null;
  // The account holding the resource (an S3 ARN does not say which): a resource's policy in another account is that
  // account's admin's to change, and a bucket's policy is read there ("Compare with today's policy"). An account is 12
  // digits: anything else in the record is not taken for one.
  const recordedAccount = contextValue(evaluation, record, 'aws:ResourceAccount');
  const resourceAccount = typeof recordedAccount === 'string' && /^\d{12}$/.test(recordedAccount) ? recordedAccount : null;
  const entries = await Promise.all(
    denying.map(async (matched) => {
      const info = record.policies.find((p) => p.uri === matched.uri) ?? { uri: matched.uri };
      const layer = LAYERS[info.type ?? 'IDENTITY_BASED_POLICY'] ?? 'identity';
      const sids = (matched.matchedStatements ?? []).filter((s) => s.evaluatedEffect === 'DENY').map((s) => s.sid ?? null);
      const sid = sids[0] ?? null;
      const named = namedPolicyOf(info.uri ?? '');
      // The text AWS evaluated. A managed policy's ARN names it and an SCP's or RCP's id identifies it, so today's
      // version is not read ("Compare with today's policy" does, on request); an inline policy's name is, beside it.
      const capturedRead = session.send('iam:GetRequestAuthorizationPolicy', (c, abortSignal) => c.toolbox().getRequestAuthorizationPolicy(id, matched.uri, abortSignal));
      const capturedText = capturedRead.then((r) => (r.ok ? statementBySid(r.value.policyDocument, sid) : null));
      // Only an identity-based policy is inline in an IAM entity. A resource's, a VPC endpoint's or a session's policy is
      // "inline" in what it is attached to: nothing to list.
      const iamInline = !named && info.inline && layer === 'identity';
      const [captured, inline] = await Promise.all([capturedRead, iamInline ? inlinePolicy(run, info, sid, capturedText) : null]);
      const capturedStatement = await capturedText;
      if (!captured.ok && captured.error.kind === 'missing-permission') session.report(captured);
      // Without the text AWS evaluated, today's stands in.
      const current = !capturedStatement && named ? await readCurrentPolicy(session, { arn: named.arn }, sid, null) : null;
      if (current && !current.ok && current.error.kind === 'missing-permission') session.report(current, 'the text of the deciding policy, which AWS\'s record could not give either');
      const gap =
        inline?.gap ??
        (current && !current.ok ? `its current text could not be read either (${current.error.code})` : null) ??
        (NOT_READ_HERE[layer] && !capturedStatement ? `the text AWS evaluated could not be read${captured.ok ? '' : ` (${captured.error.code})`}, and ${NOT_READ_HERE[layer]}` : null);
      const entry: BlockingPolicy = {
        policyType: layer,
        name: named?.source === 'iam' ? named.name : (inline?.name ?? (current?.ok ? current.name : null)),
        arn: named ? named.arn : null,
        attachedTo: (info.attachedTo ?? []).map((a) => a.arn).filter(Boolean).join(', ') || null,
        statementSid: sid,
        statement: capturedStatement ?? inline?.statement ?? (current?.ok ? current.statement : null),
        consoleUrl: consoleUrlFor(partition, layer, info),
        ...(layer === 'resource' && resourceAccount ? { resourceAccount } : {}),
        capturedAtDenial: capturedStatement !== null,
        changedSinceDenial: capturedStatement && inline?.compared ? inline.statement === null || canonical(inline.statement) !== canonical(capturedStatement) : null,
      };
      return { entry, sids, gap, capturedFailed: captured.ok ? null : captured.error.code };
    }),
  );

  const keys = [...new Set(entries.flatMap((e) => conditionKeys(e.entry.statement)))];
  const decided = keys.map((key) => {
    const value = contextValue(evaluation, record, key);
    return value === undefined ? `${key} was not in the request` : `${key} was ${show(value)}`;
  });
  reading.used = true;
  steps.set('aws-record', 'done', `${entries.length} deciding ${entries.length === 1 ? 'policy' : 'policies'}`);

  const elsewhere = resourceAccount && resourceAccount !== denial.accountId ? ` (in account ${resourceAccount}, not the caller's)` : '';
  const sentences = entries.map(({ entry, sids }) => {
    const statements = sids.filter(Boolean).length ? `statement ${listWords(sids.filter((s): s is string => Boolean(s)))} of ` : '';
    const resourceElsewhere = entry.policyType === 'resource' ? elsewhere : '';
    const byAttachment = policyNamedByAttachment(entry);
    if (byAttachment) return `${statements}${byAttachment}${resourceElsewhere}`;
    const name = policyNameOrId(entry) ?? (unnamedPolicyKind(entry.policyType) ? null : 'whose name AWS does not give');
    const where = `${entry.attachedTo ? ` attached to ${entry.attachedTo}` : ''}${resourceElsewhere}`;
    return `${statements}${POLICY_TYPE_WORDS[entry.policyType]}${name ? ` ${name}` : ''}${where}`;
  });
  const notes: string[] = [];
  if (decided.length) notes.push(`AWS evaluated ${listWords(decided)}.`);
  for (const { entry, gap, capturedFailed } of entries) {
    const label = entry.name ?? entry.arn ?? policyNamedByAttachment(entry) ?? unnamedPolicyKind(entry.policyType) ?? 'the inline policy';
    if (entry.changedSinceDenial) notes.push(`${label} has changed since the denial; the statement shown is the one AWS evaluated then.`);
    if (capturedFailed && entry.statement) notes.push(`The text AWS evaluated for ${label} could not be read (${capturedFailed}); the statement shown is its current text.`);
    if (gap) notes.push(`${label[0]!.toUpperCase()}${label.slice(1)}: ${gap}.`);
  }
  // An SCP's or RCP's id is enough for its commands and link, and a resource's, VPC endpoint's or session's policy is
  // named by what it is attached to; an inline policy needs its name.
  const incomplete = entries.some((e) => !e.entry.statement || (!e.entry.name && !e.entry.arn && !policyNamedByAttachment(e.entry)));
  return {
    status: incomplete ? 'partial' : 'done',
    blockingLayer: entries[0]!.entry.policyType,
    verdict: `AWS's record of this denial: ${listWords(sentences)} explicitly denied ${evaluation.action}. ${notes.join(' ')}`.trim(),
    blocking: entries.map((e) => e.entry),
    decidingConditions: decided,
    decidingKeys: keys,
  };
}
