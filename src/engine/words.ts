// How the engine names things in verdict lines.

import type { PolicyType } from '../core/denial.ts';
import type { SimulatedPrincipal } from './principal.ts';

export const POLICY_TYPE_WORDS: Record<PolicyType, string> = {
  identity: 'an identity-based policy',
  resource: 'a resource-based policy',
  'permissions-boundary': 'the permissions boundary',
  session: 'a session policy',
  scp: 'a service control policy (SCP)',
  rcp: 'a resource control policy (RCP)',
  'vpc-endpoint': 'a VPC endpoint policy',
  'role-trust': 'the role trust policy',
};

export function principalWords(p: SimulatedPrincipal): string {
  if (p.permissionSet) return `the Identity Center permission set ${p.permissionSet} (role ${p.name})`;
  return `${p.kind} ${p.name}`;
}

export function statementWords(policyName: string | null, sid: string | null, index: number | null): string {
  const statement = sid ? `statement ${sid}` : index !== null ? `statement ${index + 1}` : null;
  const policy = policyName ?? 'a policy';
  return statement ? `${policy} (${statement})` : policy;
}

export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
