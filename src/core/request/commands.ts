// The exact change as commands an admin can run: attach the Allow (IAM user, IAM role, or the
// Identity Center permission set behind an AWSReservedSSO_ role), edit a permissions boundary, or
// read and edit an SCP/RCP. Page-derived values are validated or replaced by <placeholders>.

import type { PolicyDocument } from '../explanation.ts';
import type { DenialFacts } from '../explain/facts.ts';
import { parsePolicyArn } from '../knowledge/console-links.ts';
import type { Block } from './document.ts';
import { accountIdArg, iamNameArg, inlinePolicyName, shellQuote } from './shell.ts';

const POSIX = '# POSIX shell (bash, zsh). Replace every <placeholder> before running.';

function compact(policy: PolicyDocument): string {
  return JSON.stringify(policy);
}

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

const IAM_POLICY_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/[\w+=,.@/-]+$/;

/** Where the boundary is, how to read it and how to publish a changed version. */
export function boundaryRoute(facts: DenialFacts, boundaryArn: string | null): Block[] {
  const { principal } = facts;
  const arn = boundaryArn && IAM_POLICY_ARN.test(boundaryArn) ? boundaryArn : '<boundary-arn>';
  const awsManaged = parsePolicyArn(boundaryArn)?.awsManaged === true;
  const find =
    principal.permissionSet
      ? [
          `# The boundary of permission set ${principal.permissionSet} is set in IAM Identity Center:`,
          'aws sso-admin get-permissions-boundary-for-permission-set --instance-arn <instance-arn> --permission-set-arn <permission-set-arn>',
        ]
      : principal.type === 'user'
        ? [`aws iam get-user --user-name ${iamNameArg(principal.name, '<user-name>')} --query User.PermissionsBoundary`]
        : principal.type === 'role' || principal.type === 'assumed-role'
          ? [`aws iam get-role --role-name ${iamNameArg(principal.roleName, '<role-name>')} --query Role.PermissionsBoundary`]
          : ['aws iam get-user --user-name <user-name> --query User.PermissionsBoundary', 'aws iam get-role --role-name <role-name> --query Role.PermissionsBoundary'];
  const publish = awsManaged
    ? [
        '# This boundary is an AWS managed policy and cannot be edited: set a customer managed boundary instead.',
        principal.type === 'user'
          ? `aws iam put-user-permissions-boundary --user-name ${iamNameArg(principal.name, '<user-name>')} --permissions-boundary <new-boundary-arn>`
          : `aws iam put-role-permissions-boundary --role-name ${iamNameArg(principal.roleName, '<role-name>')} --permissions-boundary <new-boundary-arn>`,
      ]
    : [
        '# Save the document as boundary.json, change it, and publish it as the default version',
        '# (a managed policy keeps at most five versions: delete an old one first if needed).',
        `aws iam create-policy-version --policy-arn ${arn} --policy-document file://boundary.json --set-as-default`,
      ];
  return [
    { kind: 'heading', text: 'Permissions boundary: find, read and change it' },
    {
      kind: 'code',
      language: 'sh',
      text: [
        POSIX,
        ...(boundaryArn ? [] : ['# Which boundary is set:', ...find]),
        '# Its current document:',
        `aws iam get-policy-version --policy-arn ${arn} --version-id "$(aws iam get-policy --policy-arn ${arn} --query Policy.DefaultVersionId --output text)" --query PolicyVersion.Document`,
        ...publish,
      ].join('\n'),
    },
  ];
}

const ORGANIZATIONS_POLICY_ID = /^p-[A-Za-z0-9_]{1,128}$/;

/** How to read the SCP or RCP named in the message, or find the ones that apply to the account. */
export function organizationsRoute(facts: DenialFacts, kind: 'scp' | 'rcp', policyArnValue: string | null): Block[] {
  const parsed = parsePolicyArn(policyArnValue);
  const id = parsed && parsed.kind === kind && ORGANIZATIONS_POLICY_ID.test(parsed.name) ? parsed.name : null;
  const filter = kind === 'scp' ? 'SERVICE_CONTROL_POLICY' : 'RESOURCE_CONTROL_POLICY';
  const account = accountIdArg(facts.principal.accountId);
  const label = kind === 'scp' ? 'SCP' : 'RCP';
  const lines = [POSIX, '# Run in the management account (or a delegated administrator account for Organizations policies).'];
  if (id) {
    lines.push(`# The ${label} named in the message:`, `aws organizations describe-policy --policy-id ${id} --query Policy.Content --output text`);
  } else {
    lines.push(
      `# The ${label}s attached to account ${account}, then to each parent up to the root:`,
      `aws organizations list-policies-for-target --target-id ${account} --filter ${filter}`,
      `aws organizations list-parents --child-id ${account}`,
      `aws organizations list-policies-for-target --target-id <ou-or-root-id> --filter ${filter}`,
      'aws organizations describe-policy --policy-id <policy-id> --query Policy.Content --output text',
    );
  }
  lines.push(
    `# After changing the document (saved as ${kind}.json):`,
    `aws organizations update-policy --policy-id ${id ?? '<policy-id>'} --content file://${kind}.json`,
  );
  return [
    { kind: 'heading', text: `${label}: read and change it` },
    { kind: 'code', language: 'sh', text: lines.join('\n') },
  ];
}
