// Which Identity Center role diagnoses a denial in an account: the role the user marked as preferred there, or
// else the organization's diagnostic role (managed configuration) when the account has it, or else the first (in
// name order) whose capability probe says it may call iam:SimulatePrincipalPolicy.
import type { AwsTarget } from '../../engine/target.ts';
import type { IdentityCenterProfile, SessionCredentials } from '../profiles/model.ts';
import { readChecked, write } from '../storage/areas.ts';
import { probeCheck, SSO_SESSION_KEYS, type RoleProbe } from './model.ts';
import type { ProbeOutcome } from './role-probe.ts';
import { roleCredentials } from './session.ts';

export type RoleChoice =
  | { ok: true; accountId: string; roleName: string; credentials: SessionCredentials; why: 'preferred' | 'organization' | 'probe' }
  | { ok: false; state: 'sign-in-required' | 'no-role' | 'none-can-simulate' | 'error'; message: string };

export interface RoleChoiceDeps {
  probe(target: AwsTarget): Promise<ProbeOutcome>;
  target(credentials: SessionCredentials, roleName: string, accountId: string): AwsTarget;
  now(): number;
  /** The organization's diagnostic permission set or role name, preferred over the probe. */
  diagnosticRole?: string | null;
}

/** The account to use when the denial does not say: the only one, or the first with a preferred role. */
export function accountFor(profile: IdentityCenterProfile, deniedAccount: string | null): string | null {
  if (deniedAccount) return profile.assignments.some((a) => a.accountId === deniedAccount) ? deniedAccount : null;
  const withPreference = profile.assignments.find((a) => profile.preferredRoles[a.accountId]);
  return (withPreference ?? (profile.assignments.length === 1 ? profile.assignments[0] : undefined))?.accountId ?? null;
}

/** `fresh`: fetch the chosen role's credentials anew (Re-check, or after AWS refused the cached ones). */
export async function chooseRole(profile: IdentityCenterProfile, accountId: string, deps: RoleChoiceDeps, fresh = false): Promise<RoleChoice> {
  const assignment = profile.assignments.find((a) => a.accountId === accountId);
  if (!assignment || assignment.roles.length === 0)
    return { ok: false, state: 'no-role', message: `Identity Center profile "${profile.name}" has no role in account ${accountId}.` };

  const preferred = profile.preferredRoles[accountId];
  const chosen = preferred && assignment.roles.includes(preferred) ? { roleName: preferred, why: 'preferred' as const }
    : deps.diagnosticRole && assignment.roles.includes(deps.diagnosticRole) ? { roleName: deps.diagnosticRole, why: 'organization' as const }
      : null;
  if (chosen) {
    const credentials = await roleCredentials(profile, accountId, chosen.roleName, deps.now(), fresh);
    if (!credentials.ok) return credentials;
    return { ok: true, accountId, roleName: chosen.roleName, credentials: credentials.value, why: chosen.why };
  }

  const refused: string[] = [];
  for (const roleName of assignment.roles) {
    const key = SSO_SESSION_KEYS.probe(profile.id, accountId, roleName);
    let probe = await readChecked<RoleProbe>('session', key, probeCheck);
    // A role already known not to simulate needs no credentials at all.
    if (probe && !probe.canSimulate) {
      refused.push(`${roleName}: ${probe.detail}`);
      continue;
    }
    const credentials = await roleCredentials(profile, accountId, roleName, deps.now(), fresh);
    if (!credentials.ok) {
      if (credentials.state === 'sign-in-required') return credentials;
      refused.push(`${roleName}: ${credentials.message}`);
      continue;
    }
    if (!probe) {
      const outcome = await deps.probe(deps.target(credentials.value, roleName, accountId));
      if (!outcome.ok) {
        refused.push(`${roleName}: could not check (${outcome.detail})`);
        continue;
      }
      probe = { ...outcome.probe, checkedAt: deps.now() };
      await write('session', key, probe);
    }
    if (probe.canSimulate) return { ok: true, accountId, roleName, credentials: credentials.value, why: 'probe' };
    refused.push(`${roleName}: ${probe.detail}`);
  }
  return {
    ok: false,
    state: 'none-can-simulate',
    message: `None of your Identity Center roles in account ${accountId} may call iam:SimulatePrincipalPolicy (${refused.join('; ')}). `
      + 'The explanation below comes from the message alone; the request for your administrator names what to check.',
  };
}
