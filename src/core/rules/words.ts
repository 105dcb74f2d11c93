// How the explanation names things: the principal, the action, the resource. Short forms go into
// verdicts, long forms into the one-line reading.

import type { DenialFacts, PrincipalFacts } from './facts.ts';

/** "IAM user alice in account 111111111111", "role session bob of role FinanceRole in account …". */
export function principalLong(principal: PrincipalFacts): string {
  const account = principal.accountId ? ` in account ${principal.accountId}` : '';
  switch (principal.type) {
    case 'user':
      return principal.name ? `IAM user ${principal.name}${account}` : `an IAM user${account}`;
    case 'role':
      return principal.roleName ? `IAM role ${principal.roleName}${account}` : `an IAM role${account}`;
    case 'assumed-role':
      if (principal.permissionSet)
        return `Identity Center user ${principal.sessionName ?? '(unnamed)'} (permission set ${principal.permissionSet})${account}`;
      return `session ${principal.sessionName ?? '(unnamed)'} of role ${principal.roleName ?? '(unnamed)'}${account}`;
    case 'federated-user':
      return `federated user ${principal.name ?? '(unnamed)'}${account}`;
    case 'root':
      return `the root user${account ? ` of account ${principal.accountId}` : ''}`;
    case 'service':
      return principal.arn ? `the service principal ${principal.arn}` : 'an AWS service principal';
    default:
      if (principal.arn) return `${principal.arn}${account}`;
      return principal.accountId ? `a principal in account ${principal.accountId}` : 'a principal the message does not name';
  }
}

/** "alice", "role FinanceRole", "permission set AuditRole", "the root user", "the caller". */
export function principalShort(principal: PrincipalFacts): string {
  if (principal.permissionSet) return `permission set ${principal.permissionSet}`;
  switch (principal.type) {
    case 'user':
      return principal.name ? `user ${principal.name}` : 'the IAM user';
    case 'role':
    case 'assumed-role':
      return principal.roleName ? `role ${principal.roleName}` : 'the role';
    case 'federated-user':
      return principal.name ? `federated user ${principal.name}` : 'the federated user';
    case 'root':
      return 'the root user';
    case 'service':
      return 'the service';
    default:
      return 'the caller';
  }
}

/** The action in the SAR's spelling, or a phrase when the message names none. */
export function actionName(facts: DenialFacts): string {
  return facts.canonicalAction ?? 'the requested action';
}

export function resourcePhrase(facts: DenialFacts): string {
  const { resource } = facts;
  if (!resource.value) return '';
  if (resource.isOperationPseudoArn) return ` (the ${resource.value.slice(resource.value.lastIndexOf('/') + 1)} operation in ${resource.region ?? 'its Region'})`;
  return ` on ${resource.value}`;
}

/** Fills `{name}` slots in a template from a table of values; unknown slots stay as they are. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (slot, key: string) => values[key] ?? slot);
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
