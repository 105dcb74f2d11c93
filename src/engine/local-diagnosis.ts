// When IAM's simulator cannot be asked (permission missing, server error, role path unknown): read
// the principal's identity policies, its boundary and the SCPs, and evaluate them locally with
// iam-simulate. Slower and more calls, but it still names the policy and statement.

import { legacyActionsCovering } from '../core/knowledge/legacy-actions.ts';
import { otherAccountMessage } from './caller-account.ts';
import { failedVerdict, type Verdict } from './draft.ts';
import { explainAllowed } from './allowed.ts';
import { explainBoundary } from './boundary.ts';
import type { FetchedPolicy } from './iam-policies.ts';
import { identityDenyReport } from './identity-deny.ts';
import { readIdentityPolicies } from './identity-set.ts';
import { combineReports, type RankedReport } from './interpret.ts';
import type { LocalCheck } from './layer-report.ts';
import { evaluateIdentitySet } from './local-eval.ts';
import { localRequestFor } from './local-request.ts';
import { noAllowReport } from './no-allow.ts';
import { explainOrgGuardrail } from './org-guardrail.ts';
import type { SimulatedPrincipal } from './principal.ts';
import { simulatorResource } from './resource.ts';
import type { Run } from './run.ts';
import { contextFor } from './simulate-step.ts';
import { conditionKeysOf } from './what-if.ts';

/** null when even the policies cannot be read: the caller keeps its failure verdict. */
export async function diagnoseLocally(run: Run, principal: SimulatedPrincipal): Promise<Verdict | null> {
  const { session, steps } = run;
  const action = run.denial.action!;
  const resource = simulatorResource(run.denial.resource, principal.partition, principal.account);
  const context = contextFor(run, principal, resource);
  // IAM reads by name go to the profile's own account: make sure that is the principal's.
  const elsewhere = await otherAccountMessage(run, principal);
  if (elsewhere) {
    session.problems.push({ kind: 'not-simulatable', message: elsewhere });
    return failedVerdict(elsewhere);
  }
  steps.set('evaluate-locally', 'running', 'reading the identity policies');
  const policies = await readIdentityPolicies(session, principal);
  if (!policies.ok) {
    session.report(policies, `the identity policies of ${principal.kind} ${principal.name}, to evaluate them locally`);
    steps.set('evaluate-locally', 'failed', policies.error.code);
    return null;
  }
  const readable = policies.value.filter((p): p is FetchedPolicy & { parsed: NonNullable<FetchedPolicy['parsed']> } => p.parsed !== null);
  const local = await localRequestFor({ principalArn: principal.sessionArn ?? principal.arn, account: principal.account, partition: principal.partition, action, resource, context });
  const identity = await evaluateIdentitySet(local, readable.map((p) => p.parsed));
  if (!identity.ok) {
    steps.set('evaluate-locally', 'failed', identity.message);
    return null;
  }
  session.note('local evaluation', `${readable.length} identity polic${readable.length === 1 ? 'y' : 'ies'} of ${principal.kind} ${principal.name}: ${identity.result}`);

  const identityCheck: LocalCheck = async (ctx) => {
    const v = await evaluateIdentitySet({ ...local, context: ctx }, readable.map((p) => p.parsed));
    return v.ok ? (v.result === 'Allowed' ? 'allowed' : 'denied') : 'unknown';
  };
  const found: RankedReport[] = [];
  if (identity.denying.length) {
    const denying = identity.denying.map((d) => {
      const policy = readable[d.policy]!;
      const statement = policy.parsed.document.Statement[d.statement.index];
      return { policy, picked: statement ? { index: d.statement.index, statement } : null };
    });
    found.push({ rank: 'explicit-identity', report: { ...identityDenyReport(run, principal, dedupeByPolicy(denying)), localCheck: identityCheck } });
  } else if (identity.result !== 'Allowed') {
    const keys = readable.flatMap((p) => p.parsed.document.Statement.flatMap(conditionKeysOf));
    const allowedLegacy: string[] = [];
    for (const legacy of legacyActionsCovering(action, principal.partition)) {
      const v = await evaluateIdentitySet({ ...local, action: legacy, resource: '*' }, readable.map((p) => p.parsed));
      if (v.ok && v.result === 'Allowed') allowedLegacy.push(legacy);
    }
    found.push({ rank: 'implicit-identity', report: { ...noAllowReport(run, principal, resource.simulator, allowedLegacy), referencedKeys: keys, localCheck: identityCheck } });
  }
  const boundary = await explainBoundary(run, principal, local);
  if (boundary.blocks) found.push({ rank: 'permissions-boundary', report: boundary });
  const scp = await explainOrgGuardrail(run, 'scp', principal.account, principal.partition, local);
  if (scp.blocks) found.push({ rank: 'scp', report: scp });
  steps.set('evaluate-locally', 'done', found.length ? found.map((f) => f.report.layer).join(', ') : 'allowed');

  if (!found.length) {
    const verdict = await explainAllowed(run, principal, null, local, 'local');
    return { ...verdict, status: verdict.status === 'done' ? 'partial' : verdict.status };
  }
  const verdict = await combineReports(run, { principal: null, resource, context }, found);
  return { ...verdict, status: verdict.status === 'failed' ? 'failed' : 'partial' };
}

/** One blocking entry per policy: its first denying statement. */
function dedupeByPolicy<T extends { policy: FetchedPolicy }>(items: T[]): T[] {
  const seen = new Set<FetchedPolicy>();
  return items.filter((i) => !seen.has(i.policy) && seen.add(i.policy));
}
