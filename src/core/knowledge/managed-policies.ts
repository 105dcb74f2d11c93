// Which AWS managed policies grant each Billing and Cost Management action, compiled from AWS's own
// policy documents (managed-policies.json, written by `npm run refresh-data`; src/tools/
// compile-managed-policies.ts). Every claim was evaluated with iam-simulate, and the tests evaluate
// them again against the documents shipped here. Nothing in this module is inferred from page lists.

import { grants, policies } from './managed-policies.json';

export interface CompiledPolicy {
  name: string;
  arn: string;
  /** The current version id, "v30". */
  version: string;
  /** The date of the current version, YYYY-MM-DD. */
  updated: string;
  /** A job-function policy (arn:aws:iam::aws:policy/job-function/…), as opposed to a service policy. */
  jobFunction: boolean;
  /** How many actions, over every service, the policy allows: "least broad first" sorts by it. */
  breadth: number;
  /**
   * Allows at least half of every action of every service (AdministratorAccess, PowerUserAccess, …).
   * These grant nearly any action, so they are not advice: claims leave them out.
   */
  administratorLevel: boolean;
}

export interface PolicyDocument {
  Version: string;
  Statement: unknown[];
}

export interface CompiledManagedPolicies {
  source: string;
  /** The newest update of any AWS managed policy in the package: how current the package is. */
  newestPolicyUpdate: string;
  /** Least broad first. */
  policies: CompiledPolicy[];
  /** Action -> [index into policies, 1 when the grant holds only under the statement's conditions]. */
  grants: Record<string, [number, 0 | 1][]>;
  /** Per policy name: the statements that can match a BCM action (the rest of the policy is left out). */
  documents: Record<string, PolicyDocument>;
}

/** One AWS managed policy that grants an action (`explanation.managedPolicies` in the CLI JSON). */
export interface ManagedPolicyGrant {
  name: string;
  arn: string;
  version: string;
  updated: string;
  /** True when the policy grants the action only when its statement's conditions hold. */
  conditional: boolean;
  jobFunction: boolean;
}

// Only these two keys are imported, so the bundles leave the documents (for the tests) out.
const POLICIES = policies as readonly CompiledPolicy[];
const GRANTS = grants as unknown as Readonly<Record<string, readonly (readonly [number, number])[]>>;
// Built on the first lookup that is not spelled as AWS spells the action: the panel UI loads this module in every
// console frame, and most frames never ask.
let byLower: Map<string, string> | null = null;

function grantKey(action: string): string | undefined {
  const trimmed = action.trim();
  if (Object.hasOwn(GRANTS, trimmed)) return trimmed;
  byLower ??= new Map(Object.keys(GRANTS).map((key) => [key.toLowerCase(), key]));
  return byLower.get(trimmed.toLowerCase());
}

function grantsOf(action: string): { policy: CompiledPolicy; conditional: boolean }[] {
  const key = grantKey(action);
  return (key ? (GRANTS[key] ?? []) : []).flatMap(([index, conditional]) => {
    const policy = POLICIES[index];
    return policy ? [{ policy, conditional: conditional === 1 }] : [];
  });
}

/**
 * The AWS managed policies below administrator level that grant the action, least broad first. An
 * empty list means none does. Give it BCM actions the Service Authorization Reference lists: for
 * anything else there is no claim to make.
 */
export function managedPoliciesGranting(action: string): ManagedPolicyGrant[] {
  return grantsOf(action)
    .filter(({ policy }) => !policy.administratorLevel)
    .map(({ policy, conditional }) => ({ name: policy.name, arn: policy.arn, version: policy.version, updated: policy.updated, conditional, jobFunction: policy.jobFunction }));
}

/** The administrator-level AWS managed policies that grant the action without conditions. */
export function administratorPoliciesGranting(action: string): string[] {
  return grantsOf(action)
    .filter(({ policy, conditional }) => policy.administratorLevel && !conditional)
    .map(({ policy }) => policy.name);
}

/** The compiled entry for a policy name (its version and date), or null when it grants no BCM action. */
export function managedPolicy(name: string): CompiledPolicy | null {
  return POLICIES.find((policy) => policy.name === name) ?? null;
}
