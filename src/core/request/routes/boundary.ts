// Permissions boundary: find which one is set, read it, and publish a changed version (or, for an
// AWS managed boundary, set another one).

import type { DenialFacts } from '../../rules/facts.ts';
import { parsePolicyArn } from '../../knowledge/console-links.ts';
import { iamNameArg } from '../shell.ts';
import { editManagedPolicyLines } from '../policy-edit.ts';
import { IAM_POLICY_ARN, type Route } from './shared.ts';

function findLines(facts: DenialFacts): string[] {
  const { principal } = facts;
  if (principal.permissionSet)
    return [
      `# The boundary of permission set ${principal.permissionSet} is set in IAM Identity Center:`,
      'aws sso-admin get-permissions-boundary-for-permission-set --instance-arn <instance-arn> --permission-set-arn <permission-set-arn>',
    ];
  if (principal.type === 'user') return [`aws iam get-user --user-name ${iamNameArg(principal.name, '<user-name>')} --query User.PermissionsBoundary`];
  if (principal.type === 'role' || principal.type === 'assumed-role') return [`aws iam get-role --role-name ${iamNameArg(principal.roleName, '<role-name>')} --query Role.PermissionsBoundary`];
  return ['aws iam get-user --user-name <user-name> --query User.PermissionsBoundary', 'aws iam get-role --role-name <role-name> --query Role.PermissionsBoundary'];
}

/** Where the boundary is, how to read it and how to publish a changed version. */
export function boundaryRoute(facts: DenialFacts, boundaryArn: string | null): Route {
  const { principal } = facts;
  const named = boundaryArn && IAM_POLICY_ARN.test(boundaryArn) ? boundaryArn : null;
  const awsManaged = parsePolicyArn(named)?.awsManaged === true;
  const replace = [
    '# This boundary is an AWS managed policy and cannot be edited: set a customer managed boundary instead.',
    principal.type === 'user'
      ? `aws iam put-user-permissions-boundary --user-name ${iamNameArg(principal.name, '<user-name>')} --permissions-boundary <new-boundary-arn>`
      : `aws iam put-role-permissions-boundary --role-name ${iamNameArg(principal.roleName, '<role-name>')} --permissions-boundary <new-boundary-arn>`,
  ];
  return {
    intro: named ? `With the AWS CLI (permissions boundary ${named}):` : 'With the AWS CLI: find which boundary is set (its ARN is <boundary-arn>), then change it:',
    commands: [...(named ? [] : findLines(facts)), ...(awsManaged ? replace : editManagedPolicyLines(named ?? '<boundary-arn>', 'boundary.json'))],
    details: [],
    links: [],
  };
}
