// Principal ARN → type and account (denial-grammar.md section 3). The caller's account is field 5
// of the principal ARN; policy ARNs never pass through here.

import type { PrincipalType } from '../denial.ts';

export interface PrincipalInfo {
  principalType: PrincipalType | null;
  accountId: string | null;
  partition: string | null;
  /** The role of a role ARN or of an assumed-role session (the last path segment of a role ARN). */
  roleName: string | null;
  sessionName: string | null;
  /** The Identity Center permission set behind an AWSReservedSSO_<Set>_<16 hex> role. */
  permissionSetName: string | null;
}

const ACCOUNT_ID = /^\d{12}$/;
const PARTITION = /^aws(?:-[a-z0-9]{1,16}){0,3}$/;
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]{0,253}\.amazonaws\.com(?:\.cn)?$/;
const SSO_SUFFIX = /^[0-9a-fA-F]{16}$/;
const SSO_PREFIX = 'AWSReservedSSO_';

function none(): PrincipalInfo {
  return { principalType: null, accountId: null, partition: null, roleName: null, sessionName: null, permissionSetName: null };
}

/** <Set> of AWSReservedSSO_<Set>_<16 hex>, else null. */
export function permissionSetOf(roleName: string): string | null {
  if (!roleName.startsWith(SSO_PREFIX)) return null;
  const cut = roleName.lastIndexOf('_');
  if (cut <= SSO_PREFIX.length || !SSO_SUFFIX.test(roleName.slice(cut + 1))) return null;
  return roleName.slice(SSO_PREFIX.length, cut);
}

/** Reads a principal ARN (or a service principal such as glue.amazonaws.com). Never throws. */
export function parsePrincipalArn(arn: string): PrincipalInfo {
  const info = none();
  if (typeof arn !== 'string' || arn.length > 2048) return info;
  const s = arn.trim();
  if (SERVICE_PRINCIPAL.test(s)) return { ...info, principalType: 'service' };
  // arn:<partition>:<service>:<region>:<account>:<resource>; the resource may hold more colons.
  const fields: string[] = [];
  let from = 0;
  for (let i = 0; i < 5; i++) {
    const colon = s.indexOf(':', from);
    if (colon === -1) return info;
    fields.push(s.slice(from, colon));
    from = colon + 1;
  }
  const [prefix, partition = '', service, , account = ''] = fields;
  const resource = s.slice(from);
  if (prefix !== 'arn' || !PARTITION.test(partition)) return info;
  info.partition = partition;
  if (!ACCOUNT_ID.test(account)) return info;
  info.accountId = account;
  const segments = resource.split('/');
  const kind = segments[0];
  const last = segments[segments.length - 1] ?? '';
  if (service === 'iam') {
    if (resource === 'root') info.principalType = 'root';
    else if (kind === 'user' && segments.length >= 2 && last !== '') info.principalType = 'user';
    else if (kind === 'role' && segments.length >= 2 && last !== '') {
      info.principalType = 'role';
      info.roleName = last;
      info.permissionSetName = permissionSetOf(last);
    }
  } else if (service === 'sts') {
    if (kind === 'assumed-role' && segments.length === 3 && segments[1] && last !== '') {
      info.principalType = 'assumed-role';
      info.roleName = segments[1];
      info.sessionName = last;
      info.permissionSetName = permissionSetOf(segments[1]);
    } else if (kind === 'federated-user' && segments.length === 2 && last !== '') {
      info.principalType = 'federated-user';
    }
  }
  return info;
}
