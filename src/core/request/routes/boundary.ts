// Permissions boundary: find which one is set, read it, and publish a changed version (or, for an
// AWS managed boundary, set another one).

import type { DenialFacts } from '../../rules/facts.ts';
import { parsePolicyArn } from '../../knowledge/console-links.ts';
import type { Block } from '../document.ts';
import { iamNameArg } from '../shell.ts';
import { IAM_POLICY_ARN, POSIX, editManagedPolicyLines } from './shared.ts';

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
  const replace = [
    '# This boundary is an AWS managed policy and cannot be edited: set a customer managed boundary instead.',
    principal.type === 'user'
      ? `aws iam put-user-permissions-boundary --user-name ${iamNameArg(principal.name, '<user-name>')} --permissions-boundary <new-boundary-arn>`
      : `aws iam put-role-permissions-boundary --role-name ${iamNameArg(principal.roleName, '<role-name>')} --permissions-boundary <new-boundary-arn>`,
  ];
  return [
    { kind: 'heading', text: 'Permissions boundary: find, read and change it' },
    {
      kind: 'code',
      language: 'sh',
      text: [POSIX, ...(boundaryArn ? [] : ['# Which boundary is set:', ...find]), ...(awsManaged ? replace : editManagedPolicyLines(arn, 'boundary.json'))].join('\n'),
    },
  ];
}
