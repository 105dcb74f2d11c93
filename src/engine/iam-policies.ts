// Fetches the text of IAM policies: inline ones from their user, group or role; managed ones through
// GetPolicy (default version) and GetPolicyVersion. The simulator names managed policies without
// their path or where they are attached, so a user's attachments (direct, then through groups) are
// listed to find both; a role can only have its own.

import {
  GetGroupPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRolePolicyCommand,
  GetUserPolicyCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupsForUserCommand,
  type AttachedPolicy,
  type Group,
} from '@aws-sdk/client-iam';
import type { AwsCallName } from './aws-calls.ts';
import type { ClassifiedAwsError } from './aws-errors.ts';
import { parsePolicy, type ParsedPolicy } from './policy-json.ts';
import type { InlineOwner, PolicySource } from './policy-source.ts';
import { confirmedArn, type SimulatedPrincipal } from './principal.ts';
import type { AwsSession, CallOutcome } from './session.ts';

export interface FetchedPolicy {
  name: string;
  /** ARN of a managed policy; null for inline policies. */
  arn: string | null;
  /** ARN of the user, group or role it is attached to; null when not known. */
  attachedTo: string | null;
  inline: { owner: InlineOwner; ownerName: string } | null;
  /** null when the text is not a valid policy document. */
  parsed: ParsedPolicy | null;
}

type Failure = { ok: false; call: AwsCallName; error: ClassifiedAwsError };
export type FetchResult = { ok: true; policy: FetchedPolicy } | Failure;

export interface InlineOwnerRef {
  owner: InlineOwner;
  name: string;
  /** null while a role's path is unknown. */
  arn: string | null;
}

export async function fetchInlinePolicy(session: AwsSession, owner: InlineOwnerRef, policyName: string): Promise<FetchResult> {
  const outcome =
    owner.owner === 'user'
      ? await session.send('iam:GetUserPolicy', (c, abortSignal) => c.iam().send(new GetUserPolicyCommand({ UserName: owner.name, PolicyName: policyName }), { abortSignal }))
      : owner.owner === 'group'
        ? await session.send('iam:GetGroupPolicy', (c, abortSignal) => c.iam().send(new GetGroupPolicyCommand({ GroupName: owner.name, PolicyName: policyName }), { abortSignal }))
        : await session.send('iam:GetRolePolicy', (c, abortSignal) => c.iam().send(new GetRolePolicyCommand({ RoleName: owner.name, PolicyName: policyName }), { abortSignal }));
  if (!outcome.ok) return outcome;
  return {
    ok: true,
    policy: { name: policyName, arn: null, attachedTo: owner.arn, inline: { owner: owner.owner, ownerName: owner.name }, parsed: parsePolicy(outcome.value.PolicyDocument ?? '') },
  };
}

export async function fetchManagedPolicy(session: AwsSession, arn: string, attachedTo: string | null = null): Promise<FetchResult> {
  const fetched = await fetchManagedPolicyChangedSince(session, arn, null, attachedTo);
  // Without a date to compare with, the text is always read.
  return fetched.ok ? { ok: true, policy: fetched.policy! } : fetched;
}

/**
 * The managed policy's default version, unless GetPolicy shows it has not been updated since `since`
 * (then `policy` is null and the one call is all it cost).
 */
export async function fetchManagedPolicyChangedSince(
  session: AwsSession,
  arn: string,
  since: Date | null,
  attachedTo: string | null = null,
): Promise<{ ok: true; policy: FetchedPolicy | null; name: string } | Failure> {
  const policy = await session.send('iam:GetPolicy', (c, abortSignal) => c.iam().send(new GetPolicyCommand({ PolicyArn: arn }), { abortSignal }));
  if (!policy.ok) return policy;
  const name = policy.value.Policy?.PolicyName ?? arn.slice(arn.lastIndexOf('/') + 1);
  const updated = policy.value.Policy?.UpdateDate;
  if (since && updated && updated.getTime() <= since.getTime()) return { ok: true, policy: null, name };
  const versionId = policy.value.Policy?.DefaultVersionId ?? 'v1';
  const version = await session.send('iam:GetPolicyVersion', (c, abortSignal) =>
    c.iam().send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId }), { abortSignal }),
  );
  if (!version.ok) return version;
  return { ok: true, name, policy: { name, arn, attachedTo, inline: null, parsed: parsePolicy(version.value.PolicyVersion?.Document ?? '') } };
}

export function groupArn(principal: SimulatedPrincipal, group: Group): string {
  return group.Arn ?? `arn:${principal.partition}:iam::${principal.account}:group${group.Path ?? '/'}${group.GroupName ?? ''}`;
}

export async function listGroups(session: AwsSession, principal: SimulatedPrincipal): Promise<CallOutcome<Group[]>> {
  const outcome = await session.send('iam:ListGroupsForUser', (c, abortSignal) => c.iam().send(new ListGroupsForUserCommand({ UserName: principal.name }), { abortSignal }));
  return outcome.ok ? { ok: true, value: (outcome.value.Groups ?? []).filter((g) => g.GroupName) } : outcome;
}

/** Fetches the policy a matched statement came from. */
export async function fetchSourcePolicy(session: AwsSession, source: PolicySource, principal: SimulatedPrincipal): Promise<FetchResult | null> {
  if (source.kind === 'other') return null;
  if (source.kind === 'managed') return fetchManagedByName(session, source.policyName, source.awsManaged, principal);
  const owners = source.ownerName !== null ? [ownerRef(source.owner, source.ownerName, source.policyName, principal)] : await groupCandidates(session, source, principal);
  if (!Array.isArray(owners)) return owners;
  for (const { owner, policyName } of owners) {
    const fetched = await fetchInlinePolicy(session, owner, policyName);
    if (fetched.ok || fetched.error.kind !== 'not-found') return fetched;
  }
  // A managed policy can be named like "user_x_y"; read it as managed as a last resort.
  return fetchManagedByName(session, source.id, null, principal);
}

function ownerRef(owner: InlineOwner, name: string, policyName: string, principal: SimulatedPrincipal): { owner: InlineOwnerRef; policyName: string } {
  const arn = owner === principal.kind && name === principal.name ? confirmedArn(principal) : `arn:${principal.partition}:iam::${principal.account}:${owner}/${name}`;
  return { owner: { owner, name, arn }, policyName };
}

/** Which of the user's groups may hold an inline policy whose group the simulator did not name. */
async function groupCandidates(session: AwsSession, source: Extract<PolicySource, { kind: 'inline' }>, principal: SimulatedPrincipal): Promise<{ owner: InlineOwnerRef; policyName: string }[] | Failure> {
  if (source.owner !== 'group' || principal.kind !== 'user') return [];
  const groups = await listGroups(session, principal);
  if (!groups.ok) return groups;
  const refs = groups.value.map((g) => ({ owner: 'group' as const, name: g.GroupName!, arn: groupArn(principal, g) }));
  const prefixed = refs.filter((g) => source.rest.startsWith(`${g.name}_`)).map((g) => ({ owner: g, policyName: source.rest.slice(g.name.length + 1) }));
  return prefixed.length ? prefixed : refs.map((g) => ({ owner: g, policyName: source.policyName }));
}

async function fetchManagedByName(session: AwsSession, name: string, awsManaged: boolean | null, principal: SimulatedPrincipal): Promise<FetchResult> {
  if (principal.kind === 'user') {
    // A user's managed policy may come through a group: the attachments say which, and give the path.
    const attached = await findUserAttachment(session, name, principal);
    if (!attached.ok) return attached;
    if (attached.value) return fetchManagedPolicy(session, attached.value.arn, attached.value.attachedTo);
  }
  const customer = `arn:${principal.partition}:iam::${principal.account}:policy/${name}`;
  const aws = `arn:${principal.partition}:iam::aws:policy/${name}`;
  const guesses = awsManaged === true ? [aws] : awsManaged === false ? [customer] : [customer, aws];
  const attachedTo = principal.kind === 'role' ? confirmedArn(principal) : null;
  let last: FetchResult | null = null;
  for (const arn of guesses) {
    last = await fetchManagedPolicy(session, arn, attachedTo);
    if (last.ok || last.error.kind !== 'not-found') return last;
  }
  if (principal.kind !== 'role') return last!;
  const listed = await session.send('iam:ListAttachedRolePolicies', (c, abortSignal) => c.iam().send(new ListAttachedRolePoliciesCommand({ RoleName: principal.name }), { abortSignal }));
  if (!listed.ok) return listed;
  const arn = listed.value.AttachedPolicies?.find((p) => p.PolicyName === name)?.PolicyArn;
  return arn ? fetchManagedPolicy(session, arn, confirmedArn(principal)) : last!;
}

/** Where a user's managed policy is attached: the user, or one of its groups (looked at only if needed). */
export async function findUserAttachment(session: AwsSession, name: string, principal: SimulatedPrincipal): Promise<CallOutcome<{ arn: string; attachedTo: string } | null>> {
  const byName = (policies: AttachedPolicy[] | undefined) => policies?.find((p) => p.PolicyName === name || p.PolicyArn === name)?.PolicyArn;
  const own = await session.send('iam:ListAttachedUserPolicies', (c, abortSignal) => c.iam().send(new ListAttachedUserPoliciesCommand({ UserName: principal.name }), { abortSignal }));
  if (!own.ok) return own;
  const direct = byName(own.value.AttachedPolicies);
  if (direct) return { ok: true, value: { arn: direct, attachedTo: principal.arn } };
  const groups = await listGroups(session, principal);
  if (!groups.ok) return groups;
  const listed = await Promise.all(
    groups.value.map((g) => session.send('iam:ListAttachedGroupPolicies', (c, abortSignal) => c.iam().send(new ListAttachedGroupPoliciesCommand({ GroupName: g.GroupName! }), { abortSignal }))),
  );
  for (const [i, l] of listed.entries()) {
    if (!l.ok) return l;
    const arn = byName(l.value.AttachedPolicies);
    if (arn) return { ok: true, value: { arn, attachedTo: groupArn(principal, groups.value[i]!) } };
  }
  return { ok: true, value: null };
}
