// Step "resolve-principal": from the denied principal to the IAM user or role the simulator takes.
// Identity Center roles need their path (aws-reserved/sso.amazonaws.com/[region/]): iam:GetRole,
// else iam:ListRoles under that path, else the usual paths are tried. Other sessions try the
// path-less role ARN first and look the role up only if IAM does not know it.

import { ListRolesCommand } from '@aws-sdk/client-iam';
import { getRole } from './iam-entities.ts';
import type { SimulatableRef } from './not-simulatable.ts';
import type { SimulatedPrincipal } from './principal.ts';
import { directSimulatedPrincipal } from './principal.ts';
import type { Run } from './run.ts';
import type { CallOutcome } from './session.ts';

export interface Resolved {
  principal: SimulatedPrincipal;
  /** iam:GetRole failed and the path is still a guess. */
  roleLookupFailure: Extract<CallOutcome<unknown>, { ok: false }> | null;
}

const IDENTITY_CENTER_PATH = '/aws-reserved/sso.amazonaws.com/';
const MAX_PAGES = 5;

export async function resolvePrincipal(run: Run, ref: SimulatableRef): Promise<Resolved> {
  const principal = directSimulatedPrincipal(ref)!;
  if (ref.kind !== 'assumed-role') {
    run.steps.set('resolve-principal', 'skipped', `IAM ${ref.kind}s are simulated as themselves`);
    return { principal, roleLookupFailure: null };
  }
  if (!ref.permissionSet) {
    run.steps.set('resolve-principal', 'done', `session of role ${ref.roleName}; path checked by the simulator`);
    return { principal, roleLookupFailure: null };
  }
  run.steps.set('resolve-principal', 'running');
  const role = await getRole(run.session, ref.roleName);
  if (role.ok) {
    principal.arn = role.value.arn || principal.arn;
    principal.boundaryArn = role.value.boundaryArn;
    principal.pathGuessed = false;
    run.steps.set('resolve-principal', 'done', `Identity Center role ${principal.arn}`);
    return { principal, roleLookupFailure: null };
  }
  run.session.report(role, "the Identity Center role's exact path and its permissions boundary");
  const listed = await findIdentityCenterRole(run, ref.roleName);
  if (listed) {
    principal.arn = listed;
    principal.pathGuessed = false;
    run.steps.set('resolve-principal', 'done', `Identity Center role ${listed} (from iam:ListRoles)`);
    return { principal, roleLookupFailure: null };
  }
  run.steps.set('resolve-principal', 'failed', `iam:GetRole failed (${role.error.code}); trying the usual Identity Center paths`);
  return { principal, roleLookupFailure: role };
}

async function findIdentityCenterRole(run: Run, roleName: string): Promise<string | null> {
  let marker: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const outcome = await run.session.send('iam:ListRoles', (c, abortSignal) =>
      c.iam().send(new ListRolesCommand({ PathPrefix: IDENTITY_CENTER_PATH, ...(marker ? { Marker: marker } : {}) }), { abortSignal }),
    );
    if (!outcome.ok) return null;
    const role = outcome.value.Roles?.find((r) => r.RoleName === roleName);
    if (role?.Arn) return role.Arn;
    marker = outcome.value.IsTruncated ? outcome.value.Marker : undefined;
    if (!marker) return null;
  }
  return null;
}
