// Step "aws-record": AWS's own record of the denied request (IAM Access Troubleshooter, preview),
// read by the authorization ID the message carries. It names the deciding policy, its type and
// where it is attached, the matched statement Sids, and the request context AWS evaluated (source
// IP, session tags, Region, VPC endpoint) that no simulation can know. The statement text is the one
// captured at the denial; the current policy is read beside it (same round trip) to name it and say
// whether it has changed, and an inline policy's current texts only when its owner has several.
// Returns null (and says why) when the record cannot settle it, so the simulation runs instead.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied-authorization-id.html

import type { PolicyType } from '../core/denial.ts';
import type { BlockingPolicy, RecordReading } from '../core/diagnosis.ts';
import type { PolicyDocument, PolicyStatement } from '../core/explanation.ts';
import { parseIamEntityArn } from '../core/knowledge/console-links.ts';
import { iamEntityUrl, managedPolicyUrl, orgPolicyUrl } from './console-links.ts';
import type { Verdict } from './draft.ts';
import { fetchInlinePolicy, fetchManagedPolicyChangedSince, type InlineOwnerRef } from './iam-policies.ts';
import type { GetRequestAuthorizationDetailsOutput, ToolboxEvaluation, ToolboxPolicyInfo, ToolboxPolicyType } from './iam-toolbox.ts';
import { listInline } from './identity-set.ts';
import { parsePolicyArn } from './named-policy.ts';
import { recordedContext } from './recorded-context.ts';
import { describeOrgPolicy } from './org-policies.ts';
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

function statementsOf(doc: unknown): PolicyStatement[] {
  const statement = (doc as PolicyDocument | null)?.Statement;
  if (Array.isArray(statement)) return statement as PolicyStatement[];
  return statement && typeof statement === 'object' ? [statement as PolicyStatement] : [];
}

/** The statement a Sid names; a generated Sid (no Sid in the text) names the only Deny statement. */
function statementBySid(doc: unknown, sid: string | null): PolicyStatement | null {
  const all = statementsOf(doc);
  const bySid = sid ? all.find((s) => s.Sid === sid) : undefined;
  if (bySid) return bySid;
  const denies = all.filter((s) => s.Effect === 'Deny' && !s.Sid);
  return denies.length === 1 ? denies[0]! : null;
}

/** Stable JSON, key order ignored, for "has it changed since the denial". */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
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

interface Candidate {
  name: string;
  /** The statement as the policy reads now; null when it no longer has it. */
  statement: PolicyStatement | null;
}

interface CurrentVersion {
  /** The policies that may be the recorded one, as they are now ([] when none could be read). */
  candidates: Candidate[];
  /** A name known without reading (a managed policy's ARN ends with it). */
  name: string | null;
  /** Why the name or current text could not be read. */
  gap: string | null;
  /** Known not to have changed since the denial, without reading its text. */
  unchanged?: boolean;
  /** Named as its owner's only inline policy; its current text was not read, so no comparison. */
  onlyInline?: boolean;
}

/**
 * The policy as it is now: managed and Organizations policies by ARN, inline ones among their owner's.
 * Runs beside the read of the captured text (`captured`), so it costs no round trip of its own; an
 * inline policy's texts are read only when its owner has several and the captured statement must be
 * matched among them, or when AWS's captured text is missing.
 */
async function currentVersion(run: Run, info: ToolboxPolicyInfo, sid: string | null, deniedAt: Date | null, captured: Promise<PolicyStatement | null>): Promise<CurrentVersion> {
  const uri = info.uri ?? '';
  const named = parsePolicyArn(uri);
  if (named?.source === 'iam') {
    // Not updated since the denial (GetPolicy's UpdateDate): the text AWS evaluated is today's.
    const fetched = await fetchManagedPolicyChangedSince(run.session, uri, deniedAt);
    if (!fetched.ok) return { candidates: [], name: named.name, gap: `its current text could not be read (${fetched.error.code})` };
    if (!fetched.policy) return { candidates: [], name: fetched.name, gap: null, unchanged: true };
    return { candidates: [{ name: fetched.name, statement: statementBySid(fetched.policy.parsed?.raw, sid) }], name: fetched.name, gap: null };
  }
  if (named?.source === 'organizations') {
    const described = await describeOrgPolicy(run.session, named.policyId);
    if (!described.ok) {
      if (described.error.kind === 'missing-permission') run.session.report(described, `the name and current text of ${named.kind.toUpperCase()} ${named.policyId}`);
      return { candidates: [], name: null, gap: `its name and current text could not be read through Organizations (${described.error.code})` };
    }
    return { candidates: [{ name: described.value.name, statement: statementBySid(described.value.parsed?.raw, sid) }], name: described.value.name, gap: null };
  }
  if (!info.inline) return { candidates: [], name: null, gap: null };
  // An inline policy's URI is opaque: look among its owner's inline policies.
  const owner = parseIamEntityArn(info.attachedTo?.[0]?.arn);
  if (!owner) return { candidates: [], name: null, gap: 'AWS identifies the inline policy only by an opaque ID' };
  const ref: InlineOwnerRef = { owner: owner.kind, name: owner.name, arn: info.attachedTo![0]!.arn! };
  const [names, capturedStatement] = await Promise.all([listInline(run.session, ref), captured]);
  if (!names.ok) return { candidates: [], name: null, gap: `AWS identifies the inline policy only by an opaque ID, and ${ref.name}'s inline policies could not be listed (${names.error.code})` };
  if (names.value.length === 1 && capturedStatement) {
    // Its owner's only inline policy: the listing names it, and AWS's text is already in hand.
    run.session.note('iam:GetRequestAuthorizationPolicy', `the inline policy is ${ref.name}'s only one, ${names.value[0]}; its current text was not read`);
    return { candidates: [], name: names.value[0]!, gap: null, onlyInline: true };
  }
  const fetched = await Promise.all(names.value.map((n) => fetchInlinePolicy(run.session, ref, n)));
  const candidates = fetched.flatMap((f) => (f.ok && f.policy.parsed ? [{ name: f.policy.name, statement: statementBySid(f.policy.parsed.raw, sid) }] : []));
  return { candidates, name: null, gap: candidates.length ? null : `AWS identifies the inline policy only by an opaque ID, and ${ref.name}'s inline policies could not be read` };
}

/** Which current policy is the recorded one: the one holding the same statement, else the same Sid. */
function pick(current: CurrentVersion, captured: PolicyStatement | null, sid: string | null): { name: string | null; statement: PolicyStatement | null; gap: string | null } {
  if (current.unchanged || current.onlyInline) return { name: current.name, statement: captured, gap: null };
  if (current.candidates.length === 1 && current.name) return { ...current.candidates[0]!, gap: null };
  const same = captured ? current.candidates.find((c) => c.statement && canonical(c.statement) === canonical(captured)) : undefined;
  const found = same ?? (sid ? current.candidates.find((c) => c.statement?.Sid === sid) : undefined);
  if (found) return { ...found, gap: null };
  if (current.candidates.length) return { name: null, statement: null, gap: 'no inline policy of its owner holds this statement now (AWS identifies the policy only by an opaque ID)' };
  return { name: current.name, statement: null, gap: current.gap };
}

function consoleUrlFor(partition: Partition, layer: PolicyType, info: ToolboxPolicyInfo): string | null {
  const named = parsePolicyArn(info.uri ?? '');
  if (named?.source === 'iam') return managedPolicyUrl(partition, named.arn);
  if (named?.source === 'organizations') return orgPolicyUrl(partition, named.kind, named.policyId);
  const owner = info.attachedTo?.[0]?.arn;
  return (layer === 'identity' || layer === 'permissions-boundary') && owner ? iamEntityUrl(partition, owner) : null;
}

function show(value: unknown): string {
  return Array.isArray(value) ? value.map((v) => String(v)).join(', ') : typeof value === 'string' ? value : JSON.stringify(value);
}

export async function diagnoseFromRecord(run: Run, partition: Partition): Promise<Verdict | null> {
  const { denial, session, steps } = run;
  const id = denial.authorizationId!;
  const reading: RecordReading = { authorizationId: id, used: false, reason: null, pages: 0 };
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
  const deniedAt = typeof recordedTime === 'string' && Number.isFinite(Date.parse(recordedTime)) ? new Date(recordedTime) : null;
  const entries = await Promise.all(
    denying.map(async (matched) => {
      const info = record.policies.find((p) => p.uri === matched.uri) ?? { uri: matched.uri };
      const layer = LAYERS[info.type ?? 'IDENTITY_BASED_POLICY'] ?? 'identity';
      const sids = (matched.matchedStatements ?? []).filter((s) => s.evaluatedEffect === 'DENY').map((s) => s.sid ?? null);
      const sid = sids[0] ?? null;
      // The text AWS evaluated and the text now, read side by side (one round trip).
      const capturedRead = session.send('iam:GetRequestAuthorizationPolicy', (c, abortSignal) => c.toolbox().getRequestAuthorizationPolicy(id, matched.uri, abortSignal));
      const capturedText = capturedRead.then((r) => (r.ok ? statementBySid(r.value.policyDocument, sid) : null));
      const [captured, now] = await Promise.all([capturedRead, currentVersion(run, info, sid, deniedAt, capturedText)]);
      const capturedStatement = await capturedText;
      if (!captured.ok && captured.error.kind === 'missing-permission') session.report(captured);
      const current = pick(now, capturedStatement, sid);
      const statement = capturedStatement ?? current.statement;
      const entry: BlockingPolicy = {
        policyType: layer,
        name: current.name,
        arn: parsePolicyArn(info.uri ?? '') ? info.uri! : null,
        attachedTo: (info.attachedTo ?? []).map((a) => a.arn).filter(Boolean).join(', ') || null,
        statementSid: sid,
        statement,
        consoleUrl: consoleUrlFor(partition, layer, info),
        capturedAtDenial: capturedStatement !== null,
        changedSinceDenial: now.unchanged ? false : capturedStatement && now.candidates.length ? current.statement === null || canonical(current.statement) !== canonical(capturedStatement) : null,
      };
      return { entry, sids, gap: current.gap, capturedFailed: captured.ok ? null : captured.error.code };
    }),
  );

  const keys = [...new Set(entries.flatMap((e) => conditionKeys(e.entry.statement)))];
  const decided = keys.map((key) => {
    const value = contextValue(evaluation, record, key);
    return value === undefined ? `${key} was not in the request` : `${key} was ${show(value)}`;
  });
  reading.used = true;
  steps.set('aws-record', 'done', `${entries.length} deciding ${entries.length === 1 ? 'policy' : 'policies'}`);

  // A resource's policy in another account is that account's admin's to change (an S3 ARN does not say which).
  const resourceAccount = contextValue(evaluation, record, 'aws:ResourceAccount');
  const elsewhere = typeof resourceAccount === 'string' && resourceAccount !== denial.accountId ? ` in account ${resourceAccount}, not the caller's` : '';
  const sentences = entries.map(({ entry, sids }) => {
    const name = entry.name ?? (entry.arn ? entry.arn : 'a policy whose name AWS does not give');
    const where = `${entry.attachedTo ? ` attached to ${entry.attachedTo}` : ''}${entry.policyType === 'resource' ? elsewhere : ''}`;
    const statements = sids.filter(Boolean).length ? `statement ${listWords(sids.filter((s): s is string => Boolean(s)))} of ` : '';
    return `${statements}${POLICY_TYPE_WORDS[entry.policyType]} ${name}${where}`;
  });
  const notes: string[] = [];
  if (decided.length) notes.push(`AWS evaluated ${listWords(decided)}.`);
  for (const { entry, gap, capturedFailed } of entries) {
    const label = entry.name ?? entry.arn ?? 'the inline policy';
    if (entry.changedSinceDenial) notes.push(`${label} has changed since the denial; the statement shown is the one AWS evaluated then.`);
    if (capturedFailed) notes.push(`The text AWS evaluated for ${label} could not be read (${capturedFailed}); the statement shown is its current text.`);
    if (gap) notes.push(`${label[0]!.toUpperCase()}${label.slice(1)}: ${gap}.`);
  }
  const incomplete = entries.some((e) => !e.entry.statement || !e.entry.name);
  return {
    status: incomplete ? 'partial' : 'done',
    blockingLayer: entries[0]!.entry.policyType,
    verdict: `AWS's record of this denial: ${listWords(sentences)} explicitly denied ${evaluation.action}. ${notes.join(' ')}`.trim(),
    blocking: entries.map((e) => e.entry),
    decidingConditions: decided,
    decidingKeys: keys,
  };
}
