// Every AWS call the engine makes, as data: the IAM permission it needs and what the diagnosis
// loses without it, in words and as the explanation's checklist topics it leaves open. The minimal
// diagnostic policy is derived from this table, so the policy a user is told to attach always
// matches what the engine really calls.

import type { ChecklistTopic } from '../core/rules/checklist-topics.ts';

export interface AwsCallInfo {
  /** The IAM action that authorizes the call; null for calls that need no permission. */
  permission: string | null;
  /** Said when the permission is missing: what could not be checked. */
  couldNotCheck: string;
  /** The explanation's open questions (checklist topics) that stay open without this call; absent: all of them. */
  leavesOpen?: readonly ChecklistTopic[];
}

/** What simulation answers: the identity policies, the boundary and SCPs, and the MFA and Region conditions. */
const SIMULATED: readonly ChecklistTopic[] = ['identity', 'permissions-boundary', 'scp', 'mfa', 'region'];
/** A statement in an SCP or RCP may test MFA or the Region too. */
const ORGANIZATIONS: readonly ChecklistTopic[] = ['scp', 'rcp', 'mfa', 'region'];
const IDENTITY: readonly ChecklistTopic[] = ['identity'];

export const AWS_CALLS = {
  'sts:GetCallerIdentity': { permission: null, couldNotCheck: 'which identity the profile signs in as' },
  'sts:AssumeRole': { permission: 'sts:AssumeRole', couldNotCheck: 'the role to diagnose with' },
  'iam:SimulatePrincipalPolicy': {
    permission: 'iam:SimulatePrincipalPolicy',
    couldNotCheck: "how IAM evaluates the principal's identity policies, permissions boundary and SCPs for this action",
    leavesOpen: SIMULATED,
  },
  'iam:GetContextKeysForPrincipalPolicy': {
    permission: 'iam:GetContextKeysForPrincipalPolicy',
    couldNotCheck: "which condition keys (MFA, Region) the principal's policies depend on",
    leavesOpen: ['mfa', 'region'],
  },
  'iam:GetRole': { permission: 'iam:GetRole', couldNotCheck: "the role's path and permissions boundary", leavesOpen: ['permissions-boundary'] },
  'iam:ListRoles': { permission: 'iam:ListRoles', couldNotCheck: "the Identity Center role's path", leavesOpen: IDENTITY },
  'iam:GetUser': { permission: 'iam:GetUser', couldNotCheck: "the user's permissions boundary", leavesOpen: ['permissions-boundary'] },
  'iam:GetUserPolicy': { permission: 'iam:GetUserPolicy', couldNotCheck: "the text of the user's inline policy", leavesOpen: IDENTITY },
  'iam:GetGroupPolicy': { permission: 'iam:GetGroupPolicy', couldNotCheck: "the text of the group's inline policy", leavesOpen: IDENTITY },
  'iam:GetRolePolicy': { permission: 'iam:GetRolePolicy', couldNotCheck: "the text of the role's inline policy", leavesOpen: IDENTITY },
  'iam:GetPolicy': { permission: 'iam:GetPolicy', couldNotCheck: "the managed policy's default version", leavesOpen: IDENTITY },
  'iam:GetPolicyVersion': { permission: 'iam:GetPolicyVersion', couldNotCheck: 'the text of the managed policy', leavesOpen: IDENTITY },
  'iam:ListAttachedUserPolicies': { permission: 'iam:ListAttachedUserPolicies', couldNotCheck: 'the ARN (path) of the managed policy', leavesOpen: IDENTITY },
  'iam:ListAttachedRolePolicies': { permission: 'iam:ListAttachedRolePolicies', couldNotCheck: 'the ARN (path) of the managed policy', leavesOpen: IDENTITY },
  'iam:ListAttachedGroupPolicies': { permission: 'iam:ListAttachedGroupPolicies', couldNotCheck: 'the ARN (path) of the managed policy', leavesOpen: IDENTITY },
  'iam:ListGroupsForUser': { permission: 'iam:ListGroupsForUser', couldNotCheck: 'which group holds the policy', leavesOpen: IDENTITY },
  'iam:ListUserPolicies': { permission: 'iam:ListUserPolicies', couldNotCheck: "the user's inline policies, for local evaluation", leavesOpen: IDENTITY },
  'iam:ListGroupPolicies': { permission: 'iam:ListGroupPolicies', couldNotCheck: "the groups' inline policies, for local evaluation", leavesOpen: IDENTITY },
  'iam:ListRolePolicies': { permission: 'iam:ListRolePolicies', couldNotCheck: "the role's inline policies, for local evaluation", leavesOpen: IDENTITY },
  'iam:GetRequestAuthorizationDetails': {
    permission: 'iam:GetRequestAuthorizationDetails',
    couldNotCheck: "AWS's own record of how it evaluated the denied request (IAM Access Troubleshooter)",
    // A shortcut: without AWS's record the diagnosis simulates, so it leaves nothing open by itself.
    leavesOpen: [],
  },
  'iam:GetRequestAuthorizationPolicy': {
    permission: 'iam:GetRequestAuthorizationPolicy',
    couldNotCheck: 'the text of the policy as AWS evaluated it at the time of the denial',
    leavesOpen: [],
  },
  's3:GetBucketPolicy': {
    permission: 's3:GetBucketPolicy',
    couldNotCheck: "the bucket policy, the bucket owner's side of access from another account",
  },
  'organizations:ListParents': {
    permission: 'organizations:ListParents',
    couldNotCheck: 'where the account sits in the organization, so which SCP or RCP blocks it',
    leavesOpen: ORGANIZATIONS,
  },
  'organizations:ListPoliciesForTarget': {
    permission: 'organizations:ListPoliciesForTarget',
    couldNotCheck: 'which SCPs or RCPs are attached to the account, its OUs and the root',
    leavesOpen: ORGANIZATIONS,
  },
  'organizations:ListTargetsForPolicy': {
    permission: 'organizations:ListTargetsForPolicy',
    couldNotCheck: 'where the SCP or RCP named in the message is attached',
    leavesOpen: ORGANIZATIONS,
  },
  'organizations:DescribePolicy': { permission: 'organizations:DescribePolicy', couldNotCheck: 'the text of the SCP or RCP', leavesOpen: ORGANIZATIONS },
} as const satisfies Record<string, AwsCallInfo>;

export type AwsCallName = keyof typeof AWS_CALLS;
