// Every identity policy of a user (its own, and its groups') or role, read one by one. Used when
// IAM's simulator cannot be asked, so the policies can be evaluated locally instead.

import { ListGroupPoliciesCommand, ListRolePoliciesCommand, ListUserPoliciesCommand, ListAttachedGroupPoliciesCommand, ListAttachedRolePoliciesCommand, ListAttachedUserPoliciesCommand, type AttachedPolicy } from '@aws-sdk/client-iam';
import { fetchInlinePolicy, fetchManagedPolicy, groupArn, listGroups, type FetchedPolicy, type InlineOwnerRef } from './iam-policies.ts';
import { confirmedArn, type SimulatedPrincipal } from './principal.ts';
import type { AwsSession, CallOutcome } from './session.ts';

type Failure = Extract<CallOutcome<unknown>, { ok: false }>;

export async function readIdentityPolicies(session: AwsSession, principal: SimulatedPrincipal): Promise<CallOutcome<FetchedPolicy[]>> {
  const owners: InlineOwnerRef[] = [{ owner: principal.kind, name: principal.name, arn: confirmedArn(principal) }];
  if (principal.kind === 'user') {
    const groups = await listGroups(session, principal);
    if (!groups.ok) return groups;
    owners.push(...groups.value.map((g) => ({ owner: 'group' as const, name: g.GroupName!, arn: groupArn(principal, g) })));
  }
  const perOwner = await Promise.all(owners.map((o) => ownerPolicies(session, o)));
  const failed = perOwner.find((r): r is Failure => !r.ok);
  if (failed) return failed;
  return { ok: true, value: perOwner.flatMap((r) => (r.ok ? r.value : [])) };
}

async function ownerPolicies(session: AwsSession, owner: InlineOwnerRef): Promise<CallOutcome<FetchedPolicy[]>> {
  const [inline, attached] = await Promise.all([listInline(session, owner), listAttached(session, owner)]);
  if (!inline.ok) return inline;
  if (!attached.ok) return attached;
  const fetched = await Promise.all([
    ...inline.value.map((name) => fetchInlinePolicy(session, owner, name)),
    ...attached.value.map((p) => fetchManagedPolicy(session, p.PolicyArn!, owner.arn)),
  ]);
  const failed = fetched.find((f): f is Failure => !f.ok);
  if (failed) return failed;
  return { ok: true, value: fetched.flatMap((f) => (f.ok ? [f.policy] : [])) };
}

export async function listInline(session: AwsSession, owner: InlineOwnerRef): Promise<CallOutcome<string[]>> {
  const outcome =
    owner.owner === 'user'
      ? await session.send('iam:ListUserPolicies', (c, abortSignal) => c.iam().send(new ListUserPoliciesCommand({ UserName: owner.name }), { abortSignal }))
      : owner.owner === 'group'
        ? await session.send('iam:ListGroupPolicies', (c, abortSignal) => c.iam().send(new ListGroupPoliciesCommand({ GroupName: owner.name }), { abortSignal }))
        : await session.send('iam:ListRolePolicies', (c, abortSignal) => c.iam().send(new ListRolePoliciesCommand({ RoleName: owner.name }), { abortSignal }));
  return outcome.ok ? { ok: true, value: outcome.value.PolicyNames ?? [] } : outcome;
}

async function listAttached(session: AwsSession, owner: InlineOwnerRef): Promise<CallOutcome<AttachedPolicy[]>> {
  const outcome =
    owner.owner === 'user'
      ? await session.send('iam:ListAttachedUserPolicies', (c, abortSignal) => c.iam().send(new ListAttachedUserPoliciesCommand({ UserName: owner.name }), { abortSignal }))
      : owner.owner === 'group'
        ? await session.send('iam:ListAttachedGroupPolicies', (c, abortSignal) => c.iam().send(new ListAttachedGroupPoliciesCommand({ GroupName: owner.name }), { abortSignal }))
        : await session.send('iam:ListAttachedRolePolicies', (c, abortSignal) => c.iam().send(new ListAttachedRolePoliciesCommand({ RoleName: owner.name }), { abortSignal }));
  return outcome.ok ? { ok: true, value: (outcome.value.AttachedPolicies ?? []).filter((p) => p.PolicyArn) } : outcome;
}
