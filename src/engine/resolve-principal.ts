// Step "resolve-principal": from the denied principal to the IAM user or role the simulator takes.
// Identity Center roles always need iam:GetRole (their path has an optional Region segment); other
// sessions try the path-less role ARN first and look the role up only if IAM does not know it.

import type { SimulatableRef } from './not-simulatable.ts';
import type { SimulatedPrincipal } from './principal.ts';
import { directSimulatedPrincipal } from './principal.ts';
import { getRole } from './iam-entities.ts';
import type { Run } from './run.ts';
import type { CallOutcome } from './session.ts';

export interface Resolved {
  principal: SimulatedPrincipal;
  /** A failed iam:GetRole, reported only if no usual path works either. */
  roleLookupFailure: Extract<CallOutcome<unknown>, { ok: false }> | null;
}

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
  if (!role.ok) {
    run.steps.set('resolve-principal', 'failed', `iam:GetRole failed (${role.error.code}); trying the usual Identity Center paths`);
    return { principal, roleLookupFailure: role };
  }
  principal.arn = role.value.arn || principal.arn;
  principal.boundaryArn = role.value.boundaryArn;
  principal.pathGuessed = false;
  run.steps.set('resolve-principal', 'done', `Identity Center role ${principal.arn}`);
  return { principal, roleLookupFailure: null };
}
