// Principal ARN → type and account (denial-grammar.md section 3). The caller's account is field 5
// of the principal ARN; policy ARNs never pass through here. The type is read from the resource
// part (user/…, role/…, assumed-role/…/…, federated-user/…, root) whatever the account field holds:
// posters and CI logs mask it ("***", "xxx", "<account_id>", "[ID]", "") and the account is then
// null while the type stays known (maskedAccountOf gives the mask).

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
  const c1 = s.indexOf(':');
  const c2 = s.indexOf(':', c1 + 1);
  const c3 = c2 === -1 ? -1 : s.indexOf(':', c2 + 1);
  const c4 = c3 === -1 ? -1 : s.indexOf(':', c3 + 1);
  const c5 = c4 === -1 ? -1 : s.indexOf(':', c4 + 1);
  if (c1 !== 3 || c5 === -1 || !s.startsWith('arn:')) return info;
  const partition = s.slice(c1 + 1, c2);
  if (!PARTITION.test(partition)) return info;
  info.partition = partition;
  const account = s.slice(c4 + 1, c5);
  if (ACCOUNT_ID.test(account)) info.accountId = account;
  const service = s.slice(c2 + 1, c3);
  const resource = s.slice(c5 + 1);
  const slash = resource.indexOf('/');
  const kind = slash === -1 ? resource : resource.slice(0, slash);
  const last = resource.slice(resource.lastIndexOf('/') + 1);
  const hasName = slash !== -1 && last !== '';
  if (service === 'iam') {
    if (resource === 'root') info.principalType = 'root';
    else if (kind === 'user' && hasName) info.principalType = 'user';
    else if (kind === 'role' && hasName) {
      info.principalType = 'role';
      info.roleName = last;
      info.permissionSetName = permissionSetOf(last);
    }
  } else if (service === 'sts' && hasName) {
    const second = resource.indexOf('/', slash + 1);
    // assumed-role/<role>/<session> (exactly three segments); federated-user/<name> (two).
    if (kind === 'assumed-role' && second > slash + 1 && resource.indexOf('/', second + 1) === -1) {
      info.principalType = 'assumed-role';
      info.roleName = resource.slice(slash + 1, second);
      info.sessionName = last;
      info.permissionSetName = permissionSetOf(info.roleName);
    } else if (kind === 'federated-user' && second === -1) {
      info.principalType = 'federated-user';
    }
  }
  return info;
}

/**
 * The account field as printed, when `arn` is a principal ARN whose account is not a 12-digit
 * account (masked or mangled: "***", "xxx", "<account_id>", ""); null otherwise.
 */
export function maskedAccountOf(arn: string | null): string | null {
  if (arn === null) return null;
  const info = parsePrincipalArn(arn);
  if (info.principalType === null || info.principalType === 'service' || info.accountId !== null) return null;
  return arn.trim().split(':')[4] ?? null;
}
