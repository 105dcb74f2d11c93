// Links from a blocking policy to where an administrator edits it, on the partition's console host.

import { PARTITIONS, type Partition } from './partitions.ts';

function host(partition: Partition): string {
  return `https://${PARTITIONS[partition].consoleHost}`;
}

export function managedPolicyUrl(partition: Partition, arn: string): string {
  return `${host(partition)}/iam/home#/policies/details/${encodeURIComponent(arn)}`;
}

const ENTITY_ARN = /^arn:[\w-]+:iam::\d{12}:(user|group|role)\/(?:.*\/)?([^/]+)$/;
const SECTIONS = { user: 'users', group: 'groups', role: 'roles' } as const;

/** The permissions tab of a user, group or role (where its inline policies are edited), from its ARN. */
export function iamEntityUrl(partition: Partition, entityArn: string): string | null {
  const m = ENTITY_ARN.exec(entityArn);
  if (!m) return null;
  const section = SECTIONS[m[1] as keyof typeof SECTIONS];
  return `${host(partition)}/iam/home#/${section}/details/${encodeURIComponent(m[2]!)}?section=permissions`;
}

export function orgPolicyUrl(partition: Partition, kind: 'scp' | 'rcp', policyId: string): string {
  const type = kind === 'scp' ? 'service-control-policy' : 'resource-control-policy';
  return `${host(partition)}/organizations/v2/home/policies/${type}/${encodeURIComponent(policyId)}`;
}
