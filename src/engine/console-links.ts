// Links from a blocking policy to where an administrator edits it, on the partition's console host.

import { parseIamEntityArn } from '../core/knowledge/console-links.ts';
import { PARTITIONS, type Partition } from './partitions.ts';

function host(partition: Partition): string {
  return `https://${PARTITIONS[partition].consoleHost}`;
}

export function managedPolicyUrl(partition: Partition, arn: string): string {
  return `${host(partition)}/iam/home#/policies/details/${encodeURIComponent(arn)}`;
}

const SECTIONS = { user: 'users', group: 'groups', role: 'roles' } as const;

/** The permissions tab of a user, group or role (where its inline policies are edited), from its ARN. */
export function iamEntityUrl(partition: Partition, entityArn: string): string | null {
  const entity = parseIamEntityArn(entityArn);
  if (!entity) return null;
  return `${host(partition)}/iam/home#/${SECTIONS[entity.kind]}/details/${encodeURIComponent(entity.name)}?section=permissions`;
}

export function orgPolicyUrl(partition: Partition, kind: 'scp' | 'rcp', policyId: string): string {
  const type = kind === 'scp' ? 'service-control-policy' : 'resource-control-policy';
  return `${host(partition)}/organizations/v2/home/policies/${type}/${encodeURIComponent(policyId)}`;
}
