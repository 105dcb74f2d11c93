// What the product says about one denial without credentials. Produced by core/rules, shown by the
// panel, the popup and the CLI (`explanation` in the JSON contract).

import type { Layer } from './knowledge/layers.ts';

/** The layer that blocks the request: the one list is in knowledge/layers.ts. */
export type { Layer };

export type Fixer =
  | 'account-iam-admin'
  | 'identity-center-admin'
  | 'organization-admin'
  | 'root-user'
  | 'management-account-admin'
  | 'resource-owner'
  | 'session-creator'
  | 'network-admin'
  | 'unknown';

export type Confidence = 'high' | 'medium' | 'low';

export interface Link {
  label: string;
  url: string;
}

export type NoteKind =
  | 'legacy-action'
  | 'region'
  | 'mfa'
  | 'managed-policy-gap'
  | 'root-only'
  | 'passrole'
  | 'cross-account'
  | 'cost-explorer-member'
  | 'billing-activation'
  | 'several-types'
  | 'scp-wording'
  | 'partial-parse'
  | 'spend-limit'
  | 'masked-account';

export interface Note {
  kind: NoteKind;
  text: string;
}

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

/** An AWS managed policy that grants the denied action (`explanation.managedPolicies` in the CLI JSON). */
export interface ManagedPolicyClaim {
  name: string;
  arn: string;
  /** The policy's current version id, "v30". */
  version: string;
  /** The date of that version, YYYY-MM-DD. */
  updated: string;
  /** True when the policy grants the action only when its statement's conditions hold. */
  conditional: boolean;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface Explanation {
  /** One line: what happened, in plain words. */
  reading: string;
  /** One line: the verdict, e.g. "An SCP in your organization blocks ce:GetCostAndUsage." */
  verdict: string;
  layer: Layer;
  /** What must change for the request to succeed. */
  change: string;
  fixer: Fixer;
  /** Who can change it, in words ("the organization's administrator, in the management account"). */
  fixerText: string;
  /** Ordered steps for the person who fixes it. */
  steps: string[];
  confidence: Confidence;
  /** Why we are as sure as `confidence` says. */
  confidenceReasons: string[];
  links: Link[];
  notes: Note[];
  /** Least-privilege statement to grant, when the fix is an identity policy. */
  suggestedPolicy: PolicyDocument | null;
  /** Open items for the admin when the layer cannot be decided from the message alone. */
  checklist: string[];
  /**
   * The AWS managed policies below administrator level that grant the action, least broad first,
   * evaluated on AWS's documents; empty when none does; null when the action is not a Billing and
   * Cost Management action the Service Authorization Reference lists.
   */
  managedPolicies: ManagedPolicyClaim[] | null;
}
