// Which policy a simulator-matched statement came from. IAM documents the source types user, group,
// role, aws-managed, user-managed, resource and none; the real service also answers "IAM Policy" with
// ids like "user_alice_DenyCE" for inline policies and the bare name for managed ones.

import type { SimulatedPrincipal } from './principal.ts';
import type { MatchedStatement } from './simulate.ts';

export type InlineOwner = 'user' | 'group' | 'role';

export type PolicySource =
  | { kind: 'inline'; id: string; owner: InlineOwner; ownerName: string | null; policyName: string; rest: string }
  | { kind: 'managed'; policyName: string; awsManaged: boolean | null }
  | { kind: 'other'; id: string; type: string };

const INLINE_ID = /^(user|group|role)_(.+)$/;

export function policySourceOf(m: MatchedStatement, principal: SimulatedPrincipal): PolicySource {
  const type = m.sourcePolicyType.toLowerCase();
  const id = m.sourcePolicyId;
  if (type === 'aws-managed') return { kind: 'managed', policyName: id, awsManaged: true };
  if (type === 'user-managed') return { kind: 'managed', policyName: id, awsManaged: false };
  if (type === 'resource' || type === 'none') return { kind: 'other', id, type };
  if (type === 'user' || type === 'group' || type === 'role') {
    const prefixed = INLINE_ID.exec(id);
    return inline(id, type, prefixed?.[1] === type ? prefixed[2]! : id, principal, !prefixed);
  }
  const prefixed = INLINE_ID.exec(id);
  if (prefixed) return inline(id, prefixed[1] as InlineOwner, prefixed[2]!, principal, false);
  return { kind: 'managed', policyName: id, awsManaged: null };
}

/** `rest` is "<owner name>_<policy name>" unless the id was the bare policy name. */
function inline(id: string, owner: InlineOwner, rest: string, principal: SimulatedPrincipal, bare: boolean): PolicySource {
  if (owner === principal.kind) {
    const prefix = `${principal.name}_`;
    if (bare) return { kind: 'inline', id, owner, ownerName: principal.name, policyName: rest, rest };
    if (rest.startsWith(prefix)) return { kind: 'inline', id, owner, ownerName: principal.name, policyName: rest.slice(prefix.length), rest };
  }
  const parts = rest.split('_');
  // Names may contain "_"; only one underscore means the split is certain.
  if (parts.length === 2 && !bare) return { kind: 'inline', id, owner, ownerName: parts[0]!, policyName: parts[1]!, rest };
  return { kind: 'inline', id, owner, ownerName: null, policyName: rest, rest };
}
