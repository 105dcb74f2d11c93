// How to attach the Allow, for the kind of principal the message names: an IAM user, an IAM role,
// or the IAM Identity Center permission set behind an AWSReservedSSO_ role (those roles cannot be
// edited in IAM). Page-derived names are validated or replaced by <placeholders>.

import type { PolicyDocument } from '../../explanation.ts';
import type { DenialFacts } from '../../rules/facts.ts';
import { iamRoleConsoleUrl, iamUserConsoleUrl } from '../../knowledge/console-links.ts';
import { accountIdArg, iamNameArg, isIamName, shellQuote } from '../shell.ts';
import { compact, consoleLink, shellBlock, type Route } from './shared.ts';

const SSO = '--instance-arn <instance-arn> --permission-set-arn <permission-set-arn>';

function putInlineToPermissionSet(policy: PolicyDocument): string {
  return `aws sso-admin put-inline-policy-to-permission-set ${SSO} --inline-policy ${shellQuote(compact(policy))}`;
}
const PROVISION = `aws sso-admin provision-permission-set ${SSO} --target-type ALL_PROVISIONED_ACCOUNTS`;

function identityCenterLookups(facts: DenialFacts): string {
  const set = facts.principal.permissionSet ?? '<permission-set-name>';
  const account = accountIdArg(facts.principal.accountId);
  return shellBlock([
    '# Run with credentials for the account that manages IAM Identity Center (the management account or its',
    '# delegated administrator), in the Identity Center Region (--region).',
    '# The Identity Center instance: its InstanceArn is <instance-arn>.',
    'aws sso-admin list-instances',
    `# The permission sets provisioned to account ${account}; the one whose Name is ${set} is <permission-set-arn>.`,
    `aws sso-admin list-permission-sets-provisioned-to-account --instance-arn <instance-arn> --account-id ${account}`,
    `aws sso-admin describe-permission-set ${SSO}`,
    '# A permission set has one inline policy and the put call replaces it: read the current one first.',
    `aws sso-admin get-inline-policy-for-permission-set ${SSO}`,
    '# If it is not empty, add the statement to it and pass that instead: --inline-policy file://inline-policy.json',
  ]);
}

function iamCommand(kind: 'user' | 'role', name: string, policyName: string, policy: PolicyDocument): string {
  return `aws iam put-${kind}-policy --${kind}-name ${name} --policy-name ${policyName} --policy-document ${shellQuote(compact(policy))}`;
}

/** How to attach the Allow, for the kind of principal the message names. */
export function identityRoute(facts: DenialFacts, policy: PolicyDocument, policyName: string): Route {
  const { principal } = facts;
  if (principal.permissionSet) {
    return {
      intro: `With the AWS CLI, in IAM Identity Center (permission set ${principal.permissionSet}; its role cannot be edited in IAM). The put replaces the set's inline policy: if it has one, merge into it first. <instance-arn>, <permission-set-arn> and the current inline policy: see Details.`,
      commands: [putInlineToPermissionSet(policy), PROVISION],
      details: [
        {
          kind: 'paragraph',
          text: `Role ${principal.roleName ?? ''} belongs to IAM Identity Center (permission set ${principal.permissionSet}) and cannot be edited in IAM. In the console: IAM Identity Center, Permission sets, ${principal.permissionSet}, Inline policy; then provision the permission set. To find the ARNs:`,
        },
        { kind: 'code', language: 'sh', text: identityCenterLookups(facts) },
      ],
      links: [],
    };
  }
  if (principal.type === 'user') {
    const name = iamNameArg(principal.name, '<user-name>');
    return {
      intro: `With the AWS CLI (IAM user ${principal.name ?? '<user-name>'}):`,
      commands: [iamCommand('user', name, policyName, policy)],
      details: [
        {
          kind: 'paragraph',
          text: `This is an IAM user, not an IAM Identity Center user, so the change is in IAM: IAM console, Users, ${principal.name ?? '<user-name>'}, Add permissions, Create inline policy, JSON. Or attach it to one of the user's groups.`,
        },
      ],
      links: consoleLink(`User ${name} in the IAM console`, isIamName(principal.name) ? iamUserConsoleUrl(principal.name, facts.partition) : null),
    };
  }
  if (principal.type === 'role' || principal.type === 'assumed-role') {
    const name = iamNameArg(principal.roleName, '<role-name>');
    return {
      intro: `With the AWS CLI (IAM role ${principal.roleName ?? '<role-name>'}):`,
      commands: [iamCommand('role', name, policyName, policy)],
      details: [
        {
          kind: 'paragraph',
          text: `This role is not an IAM Identity Center role (its name does not start with AWSReservedSSO_), so the change is in IAM: IAM console, Roles, ${principal.roleName ?? '<role-name>'}, Add permissions, Create inline policy, JSON. If the role is managed by CloudFormation, Terraform or another tool, make the change there instead, or it will be overwritten.`,
        },
      ],
      links: consoleLink(`Role ${name} in the IAM console`, isIamName(principal.roleName) ? iamRoleConsoleUrl(principal.roleName, facts.partition) : null),
    };
  }
  if (principal.type === 'federated-user') {
    return {
      intro: 'With the AWS CLI, on the IAM user that called GetFederationToken:',
      commands: [iamCommand('user', '<federating-iam-user>', policyName, policy)],
      details: [
        {
          kind: 'paragraph',
          text: 'A federated user has the permissions of the IAM user that called GetFederationToken, limited by the policy passed in that call. Grant the statement to that IAM user, and make sure the broker passes a policy that includes it.',
        },
      ],
      links: [],
    };
  }
  // The kind is unknown: one line per kind, under Details, so the ask and the policy stay on top.
  return {
    intro: '',
    commands: [],
    details: [
      { kind: 'paragraph', text: 'The message does not say whether the principal is an IAM user, an IAM role or an IAM Identity Center user. With the AWS CLI, use the line for its kind:' },
      {
        kind: 'code',
        language: 'sh',
        text: shellBlock([
          '# IAM user:',
          iamCommand('user', '<user-name>', policyName, policy),
          '# IAM role (not AWSReservedSSO_):',
          iamCommand('role', '<role-name>', policyName, policy),
          "# IAM Identity Center (role AWSReservedSSO_<permission-set>_…): merge into the permission set's inline policy:",
          putInlineToPermissionSet(policy),
          PROVISION,
        ]),
      },
    ],
    links: [],
  };
}
