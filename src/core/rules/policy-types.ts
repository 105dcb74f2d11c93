// Per policy type (its layer and name are in knowledge/layers.ts): who fixes it, and the verdict and change for explicit and implicit
// denies (denial-grammar.md section 2.1). Slots: {action}, {who}, {resource} (" on <resource>"),
// {resourcePolicy} ("the bucket policy of <bucket>", "the resource-based policy of <resource>"; {ResourcePolicy} to
// begin a sentence) and {resourcePolicyKinds} (which kinds it may be, where the resource does not say), {theRole},
// {attachments}.

import type { PolicyType } from '../denial.ts';
import type { Fixer, Link } from '../explanation.ts';
import { DOCS } from '../knowledge/docs.ts';

interface DenyWording {
  verdict: string;
  change: string;
}

export interface PolicyTypeWording {
  fixer: Fixer;
  fixerText: string;
  /** Where the fixer looks, as the first step. */
  whereToLook: string;
  explicit: DenyWording;
  implicit: DenyWording;
  doc: Link;
}

export const POLICY_TYPE_WORDING: Readonly<Record<PolicyType, PolicyTypeWording>> = {
  identity: {
    fixer: 'account-iam-admin',
    fixerText: "the account's IAM administrator (whoever gave you your sign-in credentials)",
    whereToLook: 'Look at the identity policies of {who}: {attachments}.',
    explicit: {
      verdict: 'A Deny statement in an identity-based policy of {who} blocks {action}.',
      change: 'Remove or narrow the Deny statement that matches {action}. Adding an Allow does not help: an explicit Deny always wins.',
    },
    implicit: {
      verdict: 'No identity-based policy of {who} allows {action}.',
      change: 'Add an Allow for {action} to an identity-based policy of {who}.',
    },
    doc: DOCS.identityPolicies,
  },
  'permissions-boundary': {
    fixer: 'account-iam-admin',
    fixerText: "whoever manages permissions boundaries in the account, usually the account's IAM administrator",
    whereToLook: 'Find the permissions boundary set on {who} (PermissionsBoundary on the user or role) and read its statements.',
    explicit: {
      verdict: 'A Deny statement in the permissions boundary of {who} blocks {action}.',
      change: 'Remove or narrow the Deny statement for {action} in the permissions boundary, or set a boundary without it.',
    },
    implicit: {
      verdict: 'The permissions boundary of {who} does not allow {action}, so no identity policy can grant it.',
      change: 'Add {action} to an Allow statement of the permissions boundary. The identity policy must allow it as well.',
    },
    doc: DOCS.permissionsBoundaries,
  },
  session: {
    fixer: 'session-creator',
    fixerText: 'whoever created the session: the caller of AssumeRole or GetFederationToken, your SSO or federation broker, or the lab platform',
    whereToLook: 'Find out which tool or broker starts this session and what session policy it passes. A session policy cannot be read after the session starts.',
    explicit: {
      verdict: 'A Deny statement in the session policy passed when this session was created blocks {action}.',
      change: 'Start a new session whose session policy does not deny {action}. A running session cannot be changed.',
    },
    implicit: {
      verdict: 'The session policy passed when this session was created does not allow {action}.',
      change: 'Start a new session whose session policy allows {action}, or one without a session policy. A running session cannot be changed.',
    },
    doc: DOCS.sessionPolicies,
  },
  scp: {
    fixer: 'organization-admin',
    fixerText: "an administrator of your AWS Organization, in the organization's management account or a delegated administrator account",
    whereToLook: 'Look at the SCPs attached to the account, to each OU above it and to the organization root.',
    explicit: {
      verdict: 'A service control policy (SCP) in your organization blocks {action}: either a Deny statement or no Allow.',
      change: 'Exempt {action} from the SCP statement that blocks it (for example in its NotAction list or with a condition), or, if your SCPs are an allow list, add {action} to it.',
    },
    implicit: {
      verdict: 'No service control policy allows {action}: an SCP on the account, one of its OUs or the root has no Allow for it.',
      change: 'Add {action} to the Allow statements of the SCPs at every level from the root down to the account.',
    },
    doc: DOCS.scps,
  },
  rcp: {
    fixer: 'organization-admin',
    fixerText: "an administrator of your AWS Organization, in the organization's management account or a delegated administrator account",
    whereToLook: 'Look at the RCPs attached to the account that owns the resource, to each OU above it and to the organization root.',
    explicit: {
      verdict: 'A resource control policy (RCP) in your organization denies {action}{resource}.',
      change: 'Exempt this request from the RCP statement that denies it (RCPs hold only Deny statements), for example with a condition on the caller.',
    },
    // AWS attaches RCPFullAWSAccess at every level and it cannot be detached, so an RCP never lacks an
    // Allow: what blocks is a Deny statement, whatever the message's wording (docs/denial-grammar.md).
    implicit: {
      verdict: 'A resource control policy (RCP) in your organization denies {action}{resource}: RCPFullAWSAccess, which cannot be detached, allows everything else.',
      change: 'Exempt this request from the RCP statement that denies it (RCPs hold only Deny statements), for example with a condition on the caller.',
    },
    doc: DOCS.rcps,
  },
  'vpc-endpoint': {
    fixer: 'network-admin',
    fixerText: 'your network administrator, who manages the VPC endpoint the request went through',
    whereToLook: 'Find the VPC endpoint the request went through and read its endpoint policy.',
    explicit: {
      verdict: 'The policy of the VPC endpoint the request went through denies {action}.',
      change: 'Narrow the Deny for {action} in the VPC endpoint policy, or send the request another way.',
    },
    implicit: {
      verdict: 'The policy of the VPC endpoint the request went through does not allow {action}.',
      change: 'Allow {action} in the VPC endpoint policy.',
    },
    doc: DOCS.vpcEndpointPolicies,
  },
  resource: {
    fixer: 'resource-owner',
    fixerText: 'the owner of the resource (for example the S3 bucket owner)',
    whereToLook: 'Read {resourcePolicy}{resourcePolicyKinds}.',
    explicit: {
      verdict: '{ResourcePolicy} denies {action} to {who}.',
      change: 'Narrow the Deny statement for {action} in {resourcePolicy}.',
    },
    implicit: {
      verdict: '{ResourcePolicy} does not allow {action} for {who}.',
      change: 'Allow {who} to use {action} in {resourcePolicy} (needed across accounts), or, within one account, in the identity policy of {who}.',
    },
    doc: DOCS.resourcePolicies,
  },
  'role-trust': {
    fixer: 'resource-owner',
    fixerText: 'the owner of the role, in the account that holds it',
    whereToLook: 'Read the trust policy of {theRole}.',
    explicit: {
      verdict: 'The trust policy of {theRole} denies {action} to {who}.',
      change: 'Narrow the Deny statement in the role trust policy.',
    },
    implicit: {
      verdict: 'The trust policy of {theRole} does not allow {who} to use {action}.',
      change: 'Add {who} as a Principal allowed to use {action} in the role trust policy.',
    },
    doc: DOCS.roleTrust,
  },
};
