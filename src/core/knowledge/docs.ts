// The AWS documentation pages the explanation links to, by topic.

import type { Link } from '../explanation.ts';

export const DOCS = {
  accessDenied: { label: 'Troubleshoot access denied error messages (IAM)', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html' },
  evaluationLogic: { label: 'Policy evaluation logic (IAM)', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html' },
  identityPolicies: { label: 'Identity-based policies for Billing (examples)', url: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/billing-example-policies.html' },
  permissionsBoundaries: { label: 'Permissions boundaries for IAM entities', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html' },
  sessionPolicies: { label: 'Session policies', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session' },
  scps: { label: 'Service control policies (SCPs)', url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html' },
  rcps: { label: 'Resource control policies (RCPs)', url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html' },
  vpcEndpointPolicies: { label: 'Control access to VPC endpoints using endpoint policies', url: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html' },
  resourcePolicies: { label: 'Identity-based and resource-based policies', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html' },
  crossAccount: { label: 'Cross-account policy evaluation logic (IAM)', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html' },
  roleTrust: { label: 'Role trust policies (IAM roles terms and concepts)', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html' },
  regionDenyScp: {
    label: 'SCP example: deny access to AWS based on the requested Region',
    url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html',
  },
  regionDenyIam: {
    label: 'IAM example: deny access to AWS based on the requested Region',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-requested-region.html',
  },
  controlTowerRegionDeny: { label: 'Control Tower Region deny control', url: 'https://docs.aws.amazon.com/controltower/latest/userguide/primary-region-deny-policy.html' },
  billingEndpoints: { label: 'AWS Billing and Cost Management endpoints', url: 'https://docs.aws.amazon.com/general/latest/gr/billing.html' },
  mfaCondition: {
    label: 'Condition key aws:MultiFactorAuthPresent',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent',
  },
  passRole: { label: 'Grant a user permissions to pass a role to an AWS service', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html' },
  budgetActionsRole: {
    label: 'Setting up a role for AWS Budgets to run budget actions',
    url: 'https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-action-role.html',
  },
  permissionSets: { label: 'Permission sets (IAM Identity Center)', url: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/permissionsetsconcept.html' },
  accessTroubleshooter: {
    label: 'Troubleshoot access denied with an authorization ID',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied-authorization-id.html',
  },
  billingTroubleshooting: { label: 'Troubleshooting AWS Billing identity and access', url: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/security_iam_troubleshoot.html' },
  accountTrustedAccess: {
    label: 'Enable trusted access for AWS Account Management',
    url: 'https://docs.aws.amazon.com/accounts/latest/reference/using-orgs-trusted-access.html',
  },
  accountManagementContext: {
    label: 'Account Management API modes: standalone and organizations context',
    url: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-api-modes-of-operation.html',
  },
  spendLimits: {
    label: 'AWS managed policy AWSManagedBudgetsSpendLimitManagementAccess',
    url: 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSManagedBudgetsSpendLimitManagementAccess.html',
  },
} as const satisfies Record<string, Link>;
