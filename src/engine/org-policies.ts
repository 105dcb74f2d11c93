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
  const summaries = new Map<string, PolicySummary>();
  for (const level of listed.value) for (const s of level.summaries) if (s.Id) summaries.set(s.Id, s);
  const texts = new Map<string, ParsedPolicy | null>();
  const toDescribe = [...summaries.keys()].filter((id) => !Object.hasOwn(KNOWN_POLICIES, id));
  for (const id of summaries.keys()) if (Object.hasOwn(KNOWN_POLICIES, id)) texts.set(id, KNOWN_POLICIES[id] ? parsePolicy(KNOWN_POLICIES[id]) : null);
  const described = await Promise.all(
    toDescribe.map((id) => session.send('organizations:DescribePolicy', (c, abortSignal) => c.organizations().send(new DescribePolicyCommand({ PolicyId: id }), { abortSignal }))),
  );
  for (const [i, d] of described.entries()) {
    if (!d.ok) return d;
    texts.set(toDescribe[i]!, parsePolicy(d.value.Policy?.Content ?? ''));
  }
  const levels = listed.value.map(
    (l): OrgLevel => ({
      targetId: l.targetId,
      kind: l.kind,
      policies: l.summaries
        .filter((s) => s.Id && !(kind === 'rcp' && KNOWN_POLICIES[s.Id] === null))
        .map((s) => ({ id: s.Id!, name: s.Name ?? s.Id!, arn: s.Arn ?? null, parsed: texts.get(s.Id!) ?? null })),
    }),
  );
  return { ok: true, levels };
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
