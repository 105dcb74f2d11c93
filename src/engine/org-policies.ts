// Reads the SCPs or RCPs that apply to an account, level by level from the root through the OUs to
// the account (the order iam-simulate wants). Levels and policy texts are fetched in parallel; the
// AWS-managed FullAWSAccess text is known, so it costs no DescribePolicy.

import { DescribePolicyCommand, ListParentsCommand, ListPoliciesForTargetCommand, type PolicySummary } from '@aws-sdk/client-organizations';
import type { AwsCallName } from './aws-calls.ts';
import type { ClassifiedAwsError } from './aws-errors.ts';
import { parsePolicy, type ParsedPolicy } from './policy-json.ts';
import type { AwsSession, CallOutcome } from './session.ts';

export type OrgPolicyKind = 'scp' | 'rcp';

const FILTER: Record<OrgPolicyKind, 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY'> = {
  scp: 'SERVICE_CONTROL_POLICY',
  rcp: 'RESOURCE_CONTROL_POLICY',
};

/** AWS-managed policies whose text never changes. iam-simulate adds RCPFullAWSAccess by itself. */
const KNOWN_POLICIES: Record<string, string | null> = {
  'p-FullAWSAccess': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
  'p-RCPFullAWSAccess': null,
};

export interface OrgPolicy {
  id: string;
  name: string;
  arn: string | null;
  parsed: ParsedPolicy | null;
}

export interface OrgLevel {
  targetId: string;
  kind: 'root' | 'ou' | 'account';
  policies: OrgPolicy[];
}

export type OrgChainResult = { ok: true; levels: OrgLevel[] } | { ok: false; call: AwsCallName; error: ClassifiedAwsError };

const MAX_DEPTH = 7; // Organizations allows five OU levels under the root.
const MAX_PAGES = 5;

export interface ListedLevel {
  targetId: string;
  kind: OrgLevel['kind'];
  summaries: PolicySummary[];
}

/** The levels from the root to the account, each with the policies attached to it (not their text). */
export async function listOrgLevels(session: AwsSession, accountId: string, kind: OrgPolicyKind): Promise<CallOutcome<ListedLevel[]>> {
  const targets: { targetId: string; kind: OrgLevel['kind'] }[] = [{ targetId: accountId, kind: 'account' }];
  const listings = [listPolicies(session, accountId, kind)];
  let child = accountId;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const parents = await session.send('organizations:ListParents', (c, abortSignal) => c.organizations().send(new ListParentsCommand({ ChildId: child }), { abortSignal }));
    if (!parents.ok) {
      await Promise.allSettled(listings);
      return parents;
    }
    const parent = parents.value.Parents?.[0];
    if (!parent?.Id) break;
    const level = parent.Type === 'ROOT' ? 'root' : 'ou';
    targets.unshift({ targetId: parent.Id, kind: level });
    listings.unshift(listPolicies(session, parent.Id, kind));
    if (level === 'root') break;
    child = parent.Id;
  }
  const listed = await Promise.all(listings);
  const levels: ListedLevel[] = [];
  for (const [i, l] of listed.entries()) {
    if (!l.ok) return l;
    levels.push({ ...targets[i]!, summaries: l.value });
  }
  return { ok: true, value: levels };
}

export async function readOrgPolicyChain(session: AwsSession, accountId: string, kind: OrgPolicyKind): Promise<OrgChainResult> {
  const listed = await listOrgLevels(session, accountId, kind);
  if (!listed.ok) return listed;
  const texts: PolicyTexts = new Map();
  const read = await Promise.all(listed.value.map((level) => readLevel(session, level, kind, texts)));
  const levels: OrgLevel[] = [];
  for (const r of read) {
    if (!r.ok) return r;
    levels.push(r.value);
  }
  return { ok: true, levels };
}

/** Policy texts by id, asked once per chain even when a policy is attached at several levels. */
type PolicyTexts = Map<string, Promise<CallOutcome<ParsedPolicy | null>>>;

/**
 * Reads the levels from the account up, one at a time, and stops at the first that `decides` (an
 * explicit deny there settles it): fewer calls than the whole chain when the deny sits near the account.
 * `complete` is false when it stopped early; `levels` is then that one level.
 */
export async function readOrgLevelsUntil(
  session: AwsSession,
  accountId: string,
  kind: OrgPolicyKind,
  decides: (level: OrgLevel) => Promise<boolean>,
): Promise<(OrgChainResult & { ok: true; complete: boolean }) | Exclude<OrgChainResult, { ok: true }>> {
  const levels: OrgLevel[] = [];
  const texts: PolicyTexts = new Map();
  let target: { targetId: string; kind: OrgLevel['kind'] } | null = { targetId: accountId, kind: 'account' };
  for (let depth = 0; target && depth <= MAX_DEPTH; depth++) {
    const current: { targetId: string; kind: OrgLevel['kind'] } = target;
    const [summaries, parents] = await Promise.all([
      listPolicies(session, current.targetId, kind),
      current.kind === 'root' ? null : session.send('organizations:ListParents', (c, abortSignal) => c.organizations().send(new ListParentsCommand({ ChildId: current.targetId }), { abortSignal })),
    ]);
    if (!summaries.ok) return summaries;
    if (parents && !parents.ok) return parents;
    const read = await readLevel(session, { ...current, summaries: summaries.value }, kind, texts);
    if (!read.ok) return read;
    if (await decides(read.value)) return { ok: true, levels: [read.value], complete: false };
    levels.unshift(read.value);
    const parent = parents?.value.Parents?.[0];
    target = parent?.Id ? { targetId: parent.Id, kind: parent.Type === 'ROOT' ? 'root' : 'ou' } : null;
  }
  return { ok: true, levels, complete: true };
}

/** One level's policies with their text (DescribePolicy in parallel; FullAWSAccess is known). */
async function readLevel(session: AwsSession, level: ListedLevel, kind: OrgPolicyKind, cache: PolicyTexts): Promise<CallOutcome<OrgLevel>> {
  const summaries = level.summaries.filter((s) => s.Id && !(kind === 'rcp' && KNOWN_POLICIES[s.Id] === null));
  const textOf = (id: string): Promise<CallOutcome<ParsedPolicy | null>> => {
    const known = KNOWN_POLICIES[id];
    if (known !== undefined) return Promise.resolve({ ok: true, value: known ? parsePolicy(known) : null });
    let pending = cache.get(id);
    if (!pending) {
      pending = session
        .send('organizations:DescribePolicy', (c, abortSignal) => c.organizations().send(new DescribePolicyCommand({ PolicyId: id }), { abortSignal }))
        .then((d): CallOutcome<ParsedPolicy | null> => (d.ok ? { ok: true, value: parsePolicy(d.value.Policy?.Content ?? '') } : d));
      cache.set(id, pending);
    }
    return pending;
  };
  const texts = await Promise.all(summaries.map((s) => textOf(s.Id!)));
  const failed = texts.find((t) => !t.ok);
  if (failed && !failed.ok) return failed;
  return {
    ok: true,
    value: {
      targetId: level.targetId,
      kind: level.kind,
      policies: summaries.map((s, i) => ({ id: s.Id!, name: s.Name ?? s.Id!, arn: s.Arn ?? null, parsed: texts[i]!.ok ? (texts[i] as { value: ParsedPolicy | null }).value : null })),
    },
  };
}

async function listPolicies(session: AwsSession, targetId: string, kind: OrgPolicyKind): Promise<CallOutcome<PolicySummary[]>> {
  const all: PolicySummary[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const outcome = await session.send('organizations:ListPoliciesForTarget', (c, abortSignal) =>
      c.organizations().send(new ListPoliciesForTargetCommand({ TargetId: targetId, Filter: FILTER[kind], ...(token ? { NextToken: token } : {}) }), { abortSignal }),
    );
    if (!outcome.ok) return outcome;
    all.push(...(outcome.value.Policies ?? []));
    token = outcome.value.NextToken;
    if (!token) break;
  }
  return { ok: true, value: all };
}

/** Reads one SCP or RCP by id, e.g. from the ARN in a denial message. */
export async function describeOrgPolicy(session: AwsSession, policyId: string): Promise<CallOutcome<OrgPolicy>> {
  const known = KNOWN_POLICIES[policyId];
  if (known) return { ok: true, value: { id: policyId, name: policyId.slice(2), arn: null, parsed: parsePolicy(known) } };
  const outcome = await session.send('organizations:DescribePolicy', (c, abortSignal) => c.organizations().send(new DescribePolicyCommand({ PolicyId: policyId }), { abortSignal }));
  if (!outcome.ok) return outcome;
  const summary = outcome.value.Policy?.PolicySummary;
  return {
    ok: true,
    value: { id: policyId, name: summary?.Name ?? policyId, arn: summary?.Arn ?? null, parsed: parsePolicy(outcome.value.Policy?.Content ?? '') },
  };
}
