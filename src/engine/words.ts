// How the engine names things in verdict lines.

import type { SimulatedPrincipal } from './principal.ts';

/** A policy type in a sentence: the words are written once, in core/knowledge/layers.ts. */
export { POLICY_TYPE_PHRASE as POLICY_TYPE_WORDS } from '../core/knowledge/layers.ts';

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
