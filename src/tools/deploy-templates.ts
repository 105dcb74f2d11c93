// The files in docs/deploy/, generated from the engine's own minimal policy (src/engine/diagnostic-policy.ts), so
// the role an organization deploys allows exactly what the engine asks for when a permission is missing.
// test/unit/deploy/templates.test.ts checks that the files match; `npm run deploy-templates` rewrites them.

import type { PolicyDocument } from '../core/explanation.ts';
import { minimalDiagnosticPolicy } from '../engine/diagnostic-policy.ts';

export const DIAGNOSTIC_ROLE_NAME = 'WhyDeniedDiagnostics';

const DESCRIPTION = 'Read-only: lets why-denied simulate IAM policies and read the organization\'s SCPs to explain a denial. Generated from why-denied\'s src/engine/diagnostic-policy.ts.';

/** The Organizations reads of the diagnostic policy (they name the SCP and need the management account or a delegate). */
export function organizationsReads(policy: PolicyDocument = minimalDiagnosticPolicy()): string[] {
  return policy.Statement.flatMap((s) => [s.Action ?? []].flat()).filter((a) => a.startsWith('organizations:'));
}

/** An IAM Identity Center permission set whose inline policy is the diagnostic policy. */
function permissionSetTemplate(policy: PolicyDocument) {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `why-denied diagnostic permission set. ${DESCRIPTION}`,
    Parameters: {
      InstanceArn: { Type: 'String', Description: 'The IAM Identity Center instance ARN (arn:aws:sso:::instance/ssoins-…).', AllowedPattern: '^arn:aws[\\w-]*:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}$' },
      PermissionSetName: { Type: 'String', Default: DIAGNOSTIC_ROLE_NAME, Description: 'The name users see; set the managed "diagnosticRole" to the same name.', AllowedPattern: '^[\\w+=,.@-]{1,32}$' },
      SessionDuration: { Type: 'String', Default: 'PT1H', Description: 'ISO-8601 duration of the role sessions.' },
    },
    Resources: {
      DiagnosticPermissionSet: {
        Type: 'AWS::SSO::PermissionSet',
        Properties: {
          InstanceArn: { Ref: 'InstanceArn' },
          Name: { Ref: 'PermissionSetName' },
          Description: 'why-denied: read-only diagnosis of access denials',
          SessionDuration: { Ref: 'SessionDuration' },
          InlinePolicy: policy,
        },
      },
    },
    Outputs: {
      PermissionSetArn: { Description: 'Assign it to the groups that diagnose denials, in every account.', Value: { 'Fn::GetAtt': ['DiagnosticPermissionSet', 'PermissionSetArn'] } },
    },
  };
}

/** An IAM role for every member account (deploy with a service-managed StackSet); no account id is written in. */
function roleStackSetTemplate(policy: PolicyDocument) {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `why-denied diagnostic role, one per account (StackSets-ready). ${DESCRIPTION}`,
    Parameters: {
      RoleName: { Type: 'String', Default: DIAGNOSTIC_ROLE_NAME, Description: 'The same name in every account; set the managed "diagnosticRole" to it.', AllowedPattern: '^[\\w+=,.@-]{1,64}$' },
      TrustedPrincipalArn: { Type: 'String', Description: 'Who may assume the role: the ARN of a role or account root (arn:aws:iam::<account id>:root) in your identity account.', AllowedPattern: '^arn:aws[\\w-]*:iam::\\d{12}:(root|role/.+)$' },
      MaxSessionDuration: { Type: 'Number', Default: 3600, MinValue: 3600, MaxValue: 43200 },
    },
    Resources: {
      DiagnosticRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: { Ref: 'RoleName' },
          Description: 'why-denied: read-only diagnosis of access denials',
          MaxSessionDuration: { Ref: 'MaxSessionDuration' },
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: { Ref: 'TrustedPrincipalArn' } }, Action: 'sts:AssumeRole' }],
          },
          Policies: [{ PolicyName: 'WhyDeniedDiagnosticReads', PolicyDocument: policy }],
        },
      },
    },
    Outputs: {
      RoleArn: { Description: 'The role a why-denied profile assumes in this account.', Value: { 'Fn::GetAtt': ['DiagnosticRole', 'Arn'] } },
    },
  };
}

/** The management account's resource-based delegation policy: lets one member account read the SCPs. */
function delegationTemplate(policy: PolicyDocument) {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'why-denied: lets a delegated administrator account read the organization\'s policies (SCP naming). Deploy in the management account. Generated from why-denied\'s src/engine/diagnostic-policy.ts.',
    Parameters: {
      DelegatedAccountId: { Type: 'String', Description: 'The member account whose diagnostic role reads the organization\'s policies.', AllowedPattern: '^\\d{12}$' },
    },
    Resources: {
      OrganizationsReadDelegation: {
        Type: 'AWS::Organizations::ResourcePolicy',
        Properties: {
          Content: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'WhyDeniedReadPolicies',
                Effect: 'Allow',
                Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${DelegatedAccountId}:root' } },
                Action: organizationsReads(policy),
                Resource: '*',
              },
            ],
          },
        },
      },
    },
  };
}

/** Every generated file under docs/deploy/, by name. */
export function deployFiles(): Record<string, unknown> {
  const policy = minimalDiagnosticPolicy();
  return {
    'diagnostic-policy.json': policy,
    'permission-set.template.json': permissionSetTemplate(policy),
    'diagnostic-role-stackset.template.json': roleStackSetTemplate(policy),
    'organizations-delegation.template.json': delegationTemplate(policy),
  };
}

export const deployFileText = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
