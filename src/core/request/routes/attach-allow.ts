// How to attach the Allow, for the kind of principal the message names: an IAM user, an IAM role,
// or the IAM Identity Center permission set behind an AWSReservedSSO_ role (those roles cannot be
// edited in IAM). Page-derived names are validated or replaced by <placeholders>.

import type { PolicyDocument } from '../../explanation.ts';
import type { DenialFacts } from '../../rules/facts.ts';
import { iamRoleConsoleUrl, iamUserConsoleUrl } from '../../knowledge/console-links.ts';
import type { Block } from '../document.ts';
import { accountIdArg, iamNameArg, inlinePolicyName, isIamName, shellQuote } from '../shell.ts';
import { POSIX, compact, consoleLink } from './shared.ts';

function identityCenterCommands(facts: DenialFacts, policy: PolicyDocument): string {
  const set = facts.principal.permissionSet ?? '<permission-set-name>';
  const account = accountIdArg(facts.principal.accountId);
  return [
    POSIX,
    '# Run with credentials for the account that manages IAM Identity Center (the management account or its',
    '# delegated administrator), in the Identity Center Region (--region).',
    '# 1. The Identity Center instance: note its InstanceArn as <instance-arn>.',
    'aws sso-admin list-instances',
    `# 2. The permission sets provisioned to account ${account}; the one whose Name is ${set} is <permission-set-arn>.`,
    `aws sso-admin list-permission-sets-provisioned-to-account --instance-arn <instance-arn> --account-id ${account}`,
    'aws sso-admin describe-permission-set --instance-arn <instance-arn> --permission-set-arn <permission-set-arn>',
    '# 3. A permission set has one inline policy and the put call replaces it: read the current one first.',
    'aws sso-admin get-inline-policy-for-permission-set --instance-arn <instance-arn> --permission-set-arn <permission-set-arn>',
    '#    If it is empty, attach the statement as it is:',
    `aws sso-admin put-inline-policy-to-permission-set --instance-arn <instance-arn> --permission-set-arn <permission-set-arn> --inline-policy ${shellQuote(compact(policy))}`,
    '#    Otherwise add the statement to the current document and pass that instead: --inline-policy file://inline-policy.json',
    '# 4. Push the change to every account the permission set is assigned to.',
    'aws sso-admin provision-permission-set --instance-arn <instance-arn> --permission-set-arn <permission-set-arn> --target-type ALL_PROVISIONED_ACCOUNTS',
  ].join('\n');
}

function iamCommand(kind: 'user' | 'role', name: string, policyName: string, policy: PolicyDocument): string {
  return `aws iam put-${kind}-policy --${kind}-name ${name} --policy-name ${policyName} --policy-document ${shellQuote(compact(policy))}`;
}

/** How to attach the Allow, for the kind of principal the message names. */
export function identityRoute(facts: DenialFacts, policy: PolicyDocument): Block[] {
  const { principal } = facts;
  const policyName = inlinePolicyName(facts.canonicalAction);
  if (principal.permissionSet) {
    return [
      { kind: 'heading', text: `With IAM Identity Center (permission set ${principal.permissionSet})` },
      {
        kind: 'paragraph',
        text: `Role ${principal.roleName ?? ''} belongs to IAM Identity Center (permission set ${principal.permissionSet}) and cannot be edited in IAM. In the console: IAM Identity Center, Permission sets, ${principal.permissionSet}, Inline policy; then provision the permission set. With the AWS CLI:`,
      },
      { kind: 'code', language: 'sh', text: identityCenterCommands(facts, policy) },
    ];
  }
  if (principal.type === 'user') {
    const name = iamNameArg(principal.name, '<user-name>');
    return [
      { kind: 'heading', text: `With IAM (user ${principal.name ?? '<user-name>'})` },
      {
        kind: 'paragraph',
        text: `This is an IAM user, not an IAM Identity Center user, so the change is in IAM: IAM console, Users, ${principal.name ?? '<user-name>'}, Add permissions, Create inline policy, JSON. Or attach it to one of the user's groups. Or run:`,
      },
      { kind: 'code', language: 'sh', text: [POSIX, iamCommand('user', name, policyName, policy)].join('\n') },
      ...consoleLink(`User ${name} in the IAM console`, isIamName(principal.name) ? iamUserConsoleUrl(principal.name, facts.partition) : null),
    ];
  }
  if (principal.type === 'role' || principal.type === 'assumed-role') {
    const name = iamNameArg(principal.roleName, '<role-name>');
    return [
      { kind: 'heading', text: `With IAM (role ${principal.roleName ?? '<role-name>'})` },
      {
        kind: 'paragraph',
        text: `This role is not an IAM Identity Center role (its name does not start with AWSReservedSSO_), so the change is in IAM: IAM console, Roles, ${principal.roleName ?? '<role-name>'}, Add permissions, Create inline policy, JSON. If the role is managed by CloudFormation, Terraform or another tool, make the change there instead, or it will be overwritten. Or run:`,
      },
      { kind: 'code', language: 'sh', text: [POSIX, iamCommand('role', name, policyName, policy)].join('\n') },
      ...consoleLink(`Role ${name} in the IAM console`, isIamName(principal.roleName) ? iamRoleConsoleUrl(principal.roleName, facts.partition) : null),
    ];
  }
  if (principal.type === 'federated-user') {
    return [
      { kind: 'heading', text: 'With IAM (federated user)' },
      {
        kind: 'paragraph',
        text: 'A federated user has the permissions of the IAM user that called GetFederationToken, limited by the policy passed in that call. Grant the statement to that IAM user, and make sure the broker passes a policy that includes it.',
      },
      { kind: 'code', language: 'sh', text: [POSIX, iamCommand('user', '<federating-iam-user>', policyName, policy)].join('\n') },
    ];
  }
  return [
    { kind: 'heading', text: 'Attach the statement' },
    {
      kind: 'paragraph',
      text: 'The message does not say whether the principal is an IAM user, an IAM role or an IAM Identity Center user. Use the command for its kind.',
    },
    {
      kind: 'code',
      language: 'sh',
      text: [
        POSIX,
        '# IAM user:',
        iamCommand('user', '<user-name>', policyName, policy),
        '# IAM role (not AWSReservedSSO_):',
        iamCommand('role', '<role-name>', policyName, policy),
        '# IAM Identity Center user (role AWSReservedSSO_<permission-set>_…): edit the permission set, merging into its inline policy:',
        `aws sso-admin put-inline-policy-to-permission-set --instance-arn <instance-arn> --permission-set-arn <permission-set-arn> --inline-policy ${shellQuote(compact(policy))}`,
        'aws sso-admin provision-permission-set --instance-arn <instance-arn> --permission-set-arn <permission-set-arn> --target-type ALL_PROVISIONED_ACCOUNTS',
      ].join('\n'),
    },
  ];
}
