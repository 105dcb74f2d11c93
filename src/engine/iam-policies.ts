// Fetches the text of IAM policies: inline ones from their user, group or role; managed ones through
// GetPolicy (default version) and GetPolicyVersion. The simulator gives managed policies by name
// only, so the ARN is guessed path-less first and looked up in the attachments when that fails.

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
} from '@aws-sdk/client-iam';
import type { AwsCallName } from './aws-calls.ts';
import type { ClassifiedAwsError } from './aws-errors.ts';
import { parsePolicy, type ParsedPolicy } from './policy-json.ts';
import type { InlineOwner, PolicySource } from './policy-source.ts';
import type { SimulatedPrincipal } from './principal.ts';
import type { AwsSession } from './session.ts';

export interface FetchedPolicy {
  name: string;
  /** ARN of a managed policy; null for inline policies. */
  arn: string | null;
  /** "user/alice", "group/Finance", "role/Admin"; null when a managed policy's attachment is unknown. */
  attachedTo: string | null;
  inline: { owner: InlineOwner; ownerName: string } | null;
  /** null when the text is not a valid policy document. */
  parsed: ParsedPolicy | null;
}

export type FetchResult = { ok: true; policy: FetchedPolicy } | { ok: false; call: AwsCallName; error: ClassifiedAwsError };

export async function fetchInlinePolicy(session: AwsSession, owner: InlineOwner, ownerName: string, policyName: string): Promise<FetchResult> {
  const outcome =
    owner === 'user'
      ? await session.send('iam:GetUserPolicy', (c, abortSignal) => c.iam().send(new GetUserPolicyCommand({ UserName: ownerName, PolicyName: policyName }), { abortSignal }))
      : owner === 'group'
        ? await session.send('iam:GetGroupPolicy', (c, abortSignal) => c.iam().send(new GetGroupPolicyCommand({ GroupName: ownerName, PolicyName: policyName }), { abortSignal }))
        : await session.send('iam:GetRolePolicy', (c, abortSignal) => c.iam().send(new GetRolePolicyCommand({ RoleName: ownerName, PolicyName: policyName }), { abortSignal }));
  if (!outcome.ok) return outcome;
  return {
    ok: true,
    policy: {
      name: policyName,
      arn: null,
      attachedTo: `${owner}/${ownerName}`,
      inline: { owner, ownerName },
      parsed: parsePolicy(outcome.value.PolicyDocument ?? ''),
    },
  };
}

export async function fetchManagedPolicy(session: AwsSession, arn: string, attachedTo: string | null = null): Promise<FetchResult> {
  const policy = await session.send('iam:GetPolicy', (c, abortSignal) => c.iam().send(new GetPolicyCommand({ PolicyArn: arn }), { abortSignal }));
  if (!policy.ok) return policy;
  const versionId = policy.value.Policy?.DefaultVersionId ?? 'v1';
  const version = await session.send('iam:GetPolicyVersion', (c, abortSignal) =>
    c.iam().send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId }), { abortSignal }),
  );
  if (!version.ok) return version;
  return {
    ok: true,
    policy: {
      name: policy.value.Policy?.PolicyName ?? arn.slice(arn.lastIndexOf('/') + 1),
      arn,
      attachedTo,
      inline: null,
      parsed: parsePolicy(version.value.PolicyVersion?.Document ?? ''),
    },
  };
}

/** Fetches the policy a matched statement came from. */
export async function fetchSourcePolicy(session: AwsSession, source: PolicySource, principal: SimulatedPrincipal): Promise<FetchResult | null> {
  if (source.kind === 'other') return null;
  if (source.kind === 'managed') return fetchManagedByName(session, source.policyName, source.awsManaged, principal);
  const owners = source.ownerName !== null ? [{ ownerName: source.ownerName, policyName: source.policyName }] : await groupCandidates(session, source, principal);
  if (!Array.isArray(owners)) return owners;
  for (const owner of owners) {
    const fetched = await fetchInlinePolicy(session, source.owner, owner.ownerName, owner.policyName);
    if (fetched.ok || fetched.error.kind !== 'not-found') return fetched;
  }
  // A managed policy can be named like "user_x_y"; read it as managed as a last resort.
  return fetchManagedByName(session, source.id, null, principal);
}

/** Which of the user's groups may hold an inline policy whose group the simulator did not name. */
async function groupCandidates(
  session: AwsSession,
  source: Extract<PolicySource, { kind: 'inline' }>,
  principal: SimulatedPrincipal,
): Promise<{ ownerName: string; policyName: string }[] | FetchResult> {
  if (source.owner !== 'group' || principal.kind !== 'user') return [];
  const groups = await session.send('iam:ListGroupsForUser', (c, abortSignal) => c.iam().send(new ListGroupsForUserCommand({ UserName: principal.name }), { abortSignal }));
  if (!groups.ok) return groups;
  const names = (groups.value.Groups ?? []).map((g) => g.GroupName ?? '').filter(Boolean);
  const prefixed = names.filter((name) => source.rest.startsWith(`${name}_`)).map((name) => ({ ownerName: name, policyName: source.rest.slice(name.length + 1) }));
  return prefixed.length ? prefixed : names.map((name) => ({ ownerName: name, policyName: source.policyName }));
}

async function fetchManagedByName(session: AwsSession, name: string, awsManaged: boolean | null, principal: SimulatedPrincipal): Promise<FetchResult> {
  const customer = `arn:${principal.partition}:iam::${principal.account}:policy/${name}`;
  const aws = `arn:${principal.partition}:iam::aws:policy/${name}`;
  const guesses = awsManaged === true ? [aws] : awsManaged === false ? [customer] : [customer, aws];
  const attachedTo = principal.kind === 'role' ? `role/${principal.name}` : null;
  let last: FetchResult | null = null;
  for (const arn of guesses) {
    last = await fetchManagedPolicy(session, arn, attachedTo);
    if (last.ok || last.error.kind !== 'not-found') return last;
  }
  const attached = await findAttachedPolicy(session, name, principal);
  if (attached && 'ok' in attached) return attached;
  if (attached) return fetchManagedPolicy(session, attached.arn, attached.attachedTo);
  return last!;
}

/** The managed policy's real ARN (with its path) from the principal's attachments, or its groups'. */
async function findAttachedPolicy(
  session: AwsSession,
  name: string,
  principal: SimulatedPrincipal,
): Promise<{ arn: string; attachedTo: string } | FetchResult | null> {
  const own =
    principal.kind === 'role'
      ? await session.send('iam:ListAttachedRolePolicies', (c, abortSignal) => c.iam().send(new ListAttachedRolePoliciesCommand({ RoleName: principal.name }), { abortSignal }))
      : await session.send('iam:ListAttachedUserPolicies', (c, abortSignal) => c.iam().send(new ListAttachedUserPoliciesCommand({ UserName: principal.name }), { abortSignal }));
  if (!own.ok) return own;
  const direct = own.value.AttachedPolicies?.find((p) => p.PolicyName === name)?.PolicyArn;
  if (direct) return { arn: direct, attachedTo: `${principal.kind}/${principal.name}` };
  if (principal.kind !== 'user') return null;
  const groups = await session.send('iam:ListGroupsForUser', (c, abortSignal) => c.iam().send(new ListGroupsForUserCommand({ UserName: principal.name }), { abortSignal }));
  if (!groups.ok) return groups;
  for (const group of groups.value.Groups ?? []) {
    if (!group.GroupName) continue;
    const groupName = group.GroupName;
    const attached = await session.send('iam:ListAttachedGroupPolicies', (c, abortSignal) =>
      c.iam().send(new ListAttachedGroupPoliciesCommand({ GroupName: groupName }), { abortSignal }),
    );
    if (!attached.ok) return attached;
    const arn = attached.value.AttachedPolicies?.find((p) => p.PolicyName === name)?.PolicyArn;
    if (arn) return { arn, attachedTo: `group/${groupName}` };
  }
  return null;
}
