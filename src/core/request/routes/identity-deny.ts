// An explicit Deny in an identity policy: which policies to read (the user's, its groups', the
// role's, or the permission set's), and how to change the one the message or the diagnosis names.

import type { DenialFacts } from '../../rules/facts.ts';
import { parsePolicyArn } from '../../knowledge/console-links.ts';
import { iamNameArg, isIamName, isInlinePolicyName } from '../shell.ts';
import { editInlinePolicyLines, editManagedPolicyLines } from '../policy-edit.ts';
import { IAM_POLICY_ARN, type Route } from './shared.ts';

function listingLines(facts: DenialFacts): string[] {
  const { principal } = facts;
  const sso = '--instance-arn <instance-arn> --permission-set-arn <permission-set-arn>';
  if (principal.permissionSet)
    return [
      `# The policies of permission set ${principal.permissionSet} (run where IAM Identity Center is managed):`,
      `aws sso-admin get-inline-policy-for-permission-set ${sso}`,
      `aws sso-admin list-managed-policies-in-permission-set ${sso}`,
      `aws sso-admin list-customer-managed-policy-references-in-permission-set ${sso}`,
    ];
  const user = iamNameArg(principal.type === 'user' ? principal.name : null, '<user-name>');
  const role = iamNameArg(principal.roleName, '<role-name>');
  const userLines = [
    `aws iam list-user-policies --user-name ${user}`,
    `aws iam list-attached-user-policies --user-name ${user}`,
    `aws iam list-groups-for-user --user-name ${user}`,
    'aws iam list-group-policies --group-name <group-name>',
    'aws iam list-attached-group-policies --group-name <group-name>',
  ];
  const roleLines = [`aws iam list-role-policies --role-name ${role}`, `aws iam list-attached-role-policies --role-name ${role}`];
  if (principal.type === 'user') return ['# The policies of the user and of its groups:', ...userLines];
  if (principal.type === 'role' || principal.type === 'assumed-role') return ['# The policies of the role:', ...roleLines];
  return ['# For an IAM user:', ...userLines, '# For an IAM role:', ...roleLines];
}

/** An inline policy of the principal, by name: read it, and put the changed document back. */
function inlineLines(facts: DenialFacts, policyName: string): string[] | null {
  const { principal } = facts;
  const kind = principal.type === 'user' ? 'user' : principal.type === 'role' || principal.type === 'assumed-role' ? 'role' : null;
  const owner = kind === 'user' ? principal.name : principal.roleName;
  if (!kind || !isIamName(owner) || !isInlinePolicyName(policyName) || principal.permissionSet) return null;
  return editInlinePolicyLines(kind, owner, policyName);
}

/** Where the Deny statement can be, and how to change the policy named by ARN (or, inline, by name). */
export function identityDenyRoute(facts: DenialFacts, policyArnValue: string | null, inlineName: string | null = null): Route {
  const named = policyArnValue && IAM_POLICY_ARN.test(policyArnValue) ? policyArnValue : null;
  const inline = !named && inlineName ? inlineLines(facts, inlineName) : null;
  if (inline) return { intro: `With the AWS CLI (inline policy ${inlineName}):`, commands: inline, details: [], links: [] };
  if (!named) {
    return {
      intro: 'With the AWS CLI: find the policy with the Deny statement that matches the action, then narrow or remove that statement.',
      commands: listingLines(facts),
      details: [],
      links: [],
    };
  }
  if (parsePolicyArn(named)?.awsManaged === true) {
    const { principal } = facts;
    return {
      intro: 'With the AWS CLI: the Deny is in an AWS managed policy, which cannot be edited: detach it (or replace it with a customer managed copy).',
      commands: [
        principal.type === 'user'
          ? `aws iam detach-user-policy --user-name ${iamNameArg(principal.name, '<user-name>')} --policy-arn ${named}`
          : `aws iam detach-role-policy --role-name ${iamNameArg(principal.roleName, '<role-name>')} --policy-arn ${named}`,
      ],
      details: [],
      links: [],
    };
  }
  return { intro: `With the AWS CLI (policy ${named}):`, commands: editManagedPolicyLines(named, 'policy.json'), details: [], links: [] };
}
