// An explicit Deny in an identity policy: which policies to read (the user's, its groups', the
// role's, or the permission set's), and how to change the one the message names.

import type { DenialFacts } from '../../rules/facts.ts';
import { parsePolicyArn } from '../../knowledge/console-links.ts';
import type { Block } from '../document.ts';
import { iamNameArg } from '../shell.ts';
import { IAM_POLICY_ARN, POSIX, editManagedPolicyLines } from './shared.ts';

function listingLines(facts: DenialFacts): string[] {
  const { principal } = facts;
  if (principal.permissionSet)
    return [
      `# The policies of permission set ${principal.permissionSet} (run where IAM Identity Center is managed):`,
      'aws sso-admin get-inline-policy-for-permission-set --instance-arn <instance-arn> --permission-set-arn <permission-set-arn>',
      'aws sso-admin list-managed-policies-in-permission-set --instance-arn <instance-arn> --permission-set-arn <permission-set-arn>',
      'aws sso-admin list-customer-managed-policy-references-in-permission-set --instance-arn <instance-arn> --permission-set-arn <permission-set-arn>',
    ];
  const user = iamNameArg(principal.type === 'user' ? principal.name : null, '<user-name>');
  const role = iamNameArg(principal.roleName, '<role-name>');
  const userLines = [
    `aws iam list-user-policies --user-name ${user}`,
    `aws iam list-attached-user-policies --user-name ${user}`,
    `aws iam get-user-policy --user-name ${user} --policy-name <inline-policy-name>`,
    `aws iam list-groups-for-user --user-name ${user}`,
    'aws iam list-group-policies --group-name <group-name>',
    'aws iam list-attached-group-policies --group-name <group-name>',
  ];
  const roleLines = [
    `aws iam list-role-policies --role-name ${role}`,
    `aws iam list-attached-role-policies --role-name ${role}`,
    `aws iam get-role-policy --role-name ${role} --policy-name <inline-policy-name>`,
  ];
  if (principal.type === 'user') return ['# The policies of the user and of its groups:', ...userLines];
  if (principal.type === 'role' || principal.type === 'assumed-role') return ['# The policies of the role:', ...roleLines];
  return ['# For an IAM user:', ...userLines, '# For an IAM role:', ...roleLines];
}

/** Where the Deny statement can be, and how to change the policy the message names. */
export function identityDenyRoute(facts: DenialFacts, policyArnValue: string | null): Block[] {
  const named = policyArnValue && IAM_POLICY_ARN.test(policyArnValue) ? policyArnValue : null;
  const awsManaged = parsePolicyArn(named)?.awsManaged === true;
  const lines = [POSIX];
  if (!named) {
    lines.push(...listingLines(facts), '# Find the statement with "Effect": "Deny" that matches the action, then narrow or remove it.');
  } else if (awsManaged) {
    const { principal } = facts;
    lines.push(
      '# The Deny is in an AWS managed policy, which cannot be edited: detach it (or replace it with a customer managed copy).',
      principal.type === 'user'
        ? `aws iam detach-user-policy --user-name ${iamNameArg(principal.name, '<user-name>')} --policy-arn ${named}`
        : `aws iam detach-role-policy --role-name ${iamNameArg(principal.roleName, '<role-name>')} --policy-arn ${named}`,
    );
  } else {
    lines.push(...editManagedPolicyLines(named, 'policy.json'));
  }
  return [
    { kind: 'heading', text: 'Identity policies: find and change the Deny' },
    { kind: 'code', language: 'sh', text: lines.join('\n') },
  ];
}
