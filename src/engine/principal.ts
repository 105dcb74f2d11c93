// Reads a denied principal's ARN into what IAM can simulate. Session ARNs drop the role path, so an
// assumed-role session maps to its role by name (Identity Center roles live under
// aws-reserved/sso.amazonaws.com/[region/], found with iam:GetRole).

import { isPartition, type Partition } from './partitions.ts';

export type PrincipalRef =
  | { kind: 'user' | 'role'; arn: string; partition: Partition; account: string; path: string; name: string }
  | {
      kind: 'assumed-role';
      arn: string;
      partition: Partition;
      account: string;
      roleName: string;
      sessionName: string;
      /** The permission-set name for an IAM Identity Center session. */
      permissionSet: string | null;
    }
  | { kind: 'federated-user' | 'root'; arn: string; partition: Partition; account: string; name: string }
  | { kind: 'service'; name: string };

const IAM_ARN = /^arn:([\w-]+):(iam|sts)::(\d{12}):(.+)$/;
const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/;
const IDENTITY_CENTER_ROLE = /^AWSReservedSSO_(.+)_[0-9a-f]{16}$/;

export function parsePrincipalArn(value: string): PrincipalRef | null {
  const text = value.trim();
  if (SERVICE_PRINCIPAL.test(text)) return { kind: 'service', name: text };
  const match = IAM_ARN.exec(text);
  if (!match) return null;
  const [, partition = '', service, account = '', rest = ''] = match;
  if (!isPartition(partition)) return null;
  if (service === 'iam' && rest === 'root') return { kind: 'root', arn: text, partition, account, name: 'root' };
  const slash = rest.indexOf('/');
  if (slash < 0) return null;
  const type = rest.slice(0, slash);
  const tail = rest.slice(slash + 1);
  if (service === 'iam' && (type === 'user' || type === 'role')) {
    const last = tail.lastIndexOf('/');
    const name = tail.slice(last + 1);
    if (!name) return null;
    return { kind: type, arn: text, partition, account, path: `/${tail.slice(0, last + 1)}`, name };
  }
  if (service === 'sts' && type === 'assumed-role') {
    const sep = tail.indexOf('/');
    if (sep <= 0) return null;
    const roleName = tail.slice(0, sep);
    return {
      kind: 'assumed-role',
      arn: text,
      partition,
      account,
      roleName,
      sessionName: tail.slice(sep + 1),
      permissionSet: IDENTITY_CENTER_ROLE.exec(roleName)?.[1] ?? null,
    };
  }
  if (service === 'sts' && type === 'federated-user' && tail) return { kind: 'federated-user', arn: text, partition, account, name: tail };
  return null;
}

/** What the simulator is asked about: always an IAM user or role ARN, with its real path. */
export interface SimulatedPrincipal {
  kind: 'user' | 'role';
  arn: string;
  name: string;
  account: string;
  partition: Partition;
  /** The session the console used, for assumed roles. */
  sessionArn: string | null;
  permissionSet: string | null;
  /** True while the role ARN is a path-less guess that GetRole has not confirmed. */
  pathGuessed: boolean;
  /** The boundary ARN once GetUser/GetRole has been read; undefined = not looked up yet, null = none. */
  boundaryArn?: string | null;
}

/** The principal's ARN when IAM has confirmed it; null while a role's path is only a guess. */
export function confirmedArn(principal: SimulatedPrincipal): string | null {
  return principal.pathGuessed ? null : principal.arn;
}

export function roleArn(partition: Partition, account: string, path: string, name: string): string {
  return `arn:${partition}:iam::${account}:role${path}${name}`;
}

/** Users and roles map directly; sessions map to a guessed path-less role ARN until GetRole confirms. */
export function directSimulatedPrincipal(ref: PrincipalRef): SimulatedPrincipal | null {
  if (ref.kind === 'user' || ref.kind === 'role') {
    return { kind: ref.kind, arn: ref.arn, name: ref.name, account: ref.account, partition: ref.partition, sessionArn: null, permissionSet: null, pathGuessed: false };
  }
  if (ref.kind === 'assumed-role') {
    return {
      kind: 'role',
      arn: roleArn(ref.partition, ref.account, '/', ref.roleName),
      name: ref.roleName,
      account: ref.account,
      partition: ref.partition,
      sessionArn: ref.arn,
      permissionSet: ref.permissionSet,
      pathGuessed: true,
    };
  }
  return null;
}

/** Identity Center role paths to try when iam:GetRole is not allowed. */
export function identityCenterRoleArns(principal: SimulatedPrincipal, homeRegion: string): string[] {
  const base = `/aws-reserved/sso.amazonaws.com/`;
  return [roleArn(principal.partition, principal.account, base, principal.name), roleArn(principal.partition, principal.account, `${base}${homeRegion}/`, principal.name)];
}
