// Links from a blocking policy to where an administrator edits it, on the partition's console host.

import { PARTITIONS, type Partition } from './partitions.ts';

function host(partition: Partition): string {
  return `https://${PARTITIONS[partition].consoleHost}`;
}

export function managedPolicyUrl(partition: Partition, arn: string): string {
  return `${host(partition)}/iam/home#/policies/details/${encodeURIComponent(arn)}`;
}

/** Inline policies live on their owner's page. `owner` is "user/alice", "group/Finance", "role/Admin". */
export function inlinePolicyOwnerUrl(partition: Partition, owner: string): string | null {
  const [type, name] = owner.split('/', 2);
  const section = type === 'user' ? 'users' : type === 'group' ? 'groups' : type === 'role' ? 'roles' : null;
  if (!section || !name) return null;
  return `${host(partition)}/iam/home#/${section}/details/${encodeURIComponent(name)}?section=permissions`;
}

export function orgPolicyUrl(partition: Partition, kind: 'scp' | 'rcp', policyId: string): string {
  const type = kind === 'scp' ? 'service-control-policy' : 'resource-control-policy';
  return `${host(partition)}/organizations/v2/home/policies/${type}/${encodeURIComponent(policyId)}`;
}
