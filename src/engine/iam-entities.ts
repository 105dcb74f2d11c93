// GetRole / GetUser: a role's real path (session ARNs drop it) and either's permissions boundary.

import { GetRoleCommand, GetUserCommand } from '@aws-sdk/client-iam';
import type { SimulatedPrincipal } from './principal.ts';
import type { AwsSession, CallOutcome } from './session.ts';

export interface EntityFacts {
  arn: string;
  boundaryArn: string | null;
  /** A role's trust policy text (URL-encoded, as IAM returns it); null for users. */
  trustPolicy: string | null;
}

export async function getRole(session: AwsSession, roleName: string): Promise<CallOutcome<EntityFacts>> {
  const outcome = await session.send('iam:GetRole', (c, abortSignal) => c.iam().send(new GetRoleCommand({ RoleName: roleName }), { abortSignal }));
  if (!outcome.ok) return outcome;
  const role = outcome.value.Role;
  session.note('iam:GetRole', `${role?.Arn ?? roleName}${role?.PermissionsBoundary?.PermissionsBoundaryArn ? `, boundary ${role.PermissionsBoundary.PermissionsBoundaryArn}` : ', no boundary'}`);
  return { ok: true, value: { arn: role?.Arn ?? '', boundaryArn: role?.PermissionsBoundary?.PermissionsBoundaryArn ?? null, trustPolicy: role?.AssumeRolePolicyDocument ?? null } };
}

async function getUser(session: AwsSession, userName: string): Promise<CallOutcome<EntityFacts>> {
  const outcome = await session.send('iam:GetUser', (c, abortSignal) => c.iam().send(new GetUserCommand({ UserName: userName }), { abortSignal }));
  if (!outcome.ok) return outcome;
  const user = outcome.value.User;
  session.note('iam:GetUser', `${user?.Arn ?? userName}${user?.PermissionsBoundary?.PermissionsBoundaryArn ? `, boundary ${user.PermissionsBoundary.PermissionsBoundaryArn}` : ', no boundary'}`);
  return { ok: true, value: { arn: user?.Arn ?? '', boundaryArn: user?.PermissionsBoundary?.PermissionsBoundaryArn ?? null, trustPolicy: null } };
}

const pendingBoundary = new WeakMap<SimulatedPrincipal, Promise<CallOutcome<string | null>>>();

/** Fills in the principal's boundary ARN (one GetUser/GetRole unless already known or already asked). */
export function boundaryOf(session: AwsSession, principal: SimulatedPrincipal): Promise<CallOutcome<string | null>> {
  if (principal.boundaryArn !== undefined) return Promise.resolve({ ok: true, value: principal.boundaryArn });
  let pending = pendingBoundary.get(principal);
  if (!pending) {
    pending = (async (): Promise<CallOutcome<string | null>> => {
      const facts = principal.kind === 'role' ? await getRole(session, principal.name) : await getUser(session, principal.name);
      if (!facts.ok) return facts;
      principal.boundaryArn = facts.value.boundaryArn;
      return { ok: true, value: facts.value.boundaryArn };
    })();
    pendingBoundary.set(principal, pending);
  }
  return pending;
}
