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
import { evaluateIdentitySet, type LocalRequest } from './local-eval.ts';
import { localRequestFor } from './local-request.ts';
import { noAllowReport } from './no-allow.ts';
import { explainOrgGuardrail } from './org-guardrail.ts';
import type { SimulatedPrincipal } from './principal.ts';
import { simulatorResource, type MappedResource } from './resource.ts';
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
  const local = await localRequestFor({ principalArn: principal.sessionArn ?? principal.arn, account: principal.account, partition: principal.partition, action, resource, context });
  const named = run.denial.policyType;
  // The boundary and the SCPs are read alongside the identity policies, unless the message names the
  // identity layer: then only when the identity policies do not explain the denial.
  const others = () => [
    explainBoundary(run, principal, local).then((boundary): RankedReport | null => (boundary.blocks ? { rank: 'permissions-boundary', report: boundary } : null)),
    named === 'permissions-boundary'
      ? Promise.resolve(null)
      : explainOrgGuardrail(run, 'scp', principal.account, principal.partition, local).then((scp): RankedReport | null => (scp.blocks ? { rank: 'scp', report: scp } : null)),
  ];
  const early = named === 'identity' ? [] : others();
  const identityFound = await identityLayer(run, principal, resource, local);
  if (identityFound === null) {
    await Promise.all(early);
    return null;
  }
  const explained = named === 'identity' && identityFound.some((f) => f.rank === (run.denial.denyKind === 'implicit' ? 'implicit-identity' : 'explicit-identity'));
  if (explained) session.note('local evaluation', 'the identity policies explain the denial the message names; the boundary and SCPs were not read');
  const rest = named === 'identity' ? (explained ? [] : others()) : early;
  const found: RankedReport[] = [...identityFound, ...(await Promise.all(rest)).filter((f): f is RankedReport => f !== null)];
  steps.set('evaluate-locally', 'done', found.length ? found.map((f) => f.report.layer).join(', ') : 'allowed');

  if (!found.length) {
    const verdict = await explainAllowed(run, principal, null, local, 'local');
    return { ...verdict, status: verdict.status === 'done' ? 'partial' : verdict.status };
  }
  const verdict = await combineReports(run, { principal: null, resource, context }, found);
  return { ...verdict, status: verdict.status === 'failed' ? 'failed' : 'partial' };
}

/** The identity policies read and evaluated: what they block, or null when they cannot be read. */
async function identityLayer(run: Run, principal: SimulatedPrincipal, resource: MappedResource, local: LocalRequest): Promise<RankedReport[] | null> {
  const { session, steps } = run;
  const action = run.denial.action!;
  const policies = await readIdentityPolicies(session, principal);
  if (!policies.ok) {
    session.report(policies, `the identity policies of ${principal.kind} ${principal.name}, to evaluate them locally`);
    steps.set('evaluate-locally', 'failed', policies.error.code);
    return null;
  }
  const readable = policies.value.filter((p): p is FetchedPolicy & { parsed: NonNullable<FetchedPolicy['parsed']> } => p.parsed !== null);
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
  if (identity.denying.length) {
    const denying = identity.denying.map((d) => {
      const policy = readable[d.policy]!;
      const statement = policy.parsed.document.Statement[d.statement.index];
      return { policy, picked: statement ? { index: d.statement.index, statement } : null };
    });
    return [{ rank: 'explicit-identity', report: { ...identityDenyReport(run, principal, dedupeByPolicy(denying)), localCheck: identityCheck } }];
  }
  if (identity.result === 'Allowed') return [];
  const keys = readable.flatMap((p) => p.parsed.document.Statement.flatMap(conditionKeysOf));
  const allowedLegacy: string[] = [];
  for (const legacy of legacyActionsCovering(action, principal.partition)) {
    const v = await evaluateIdentitySet({ ...local, action: legacy, resource: '*' }, readable.map((p) => p.parsed));
    if (v.ok && v.result === 'Allowed') allowedLegacy.push(legacy);
  }
  return [{ rank: 'implicit-identity', report: { ...noAllowReport(run, principal, resource.simulator, allowedLegacy), referencedKeys: keys, localCheck: identityCheck } }];
}

/** One blocking entry per policy: its first denying statement. */
function dedupeByPolicy<T extends { policy: FetchedPolicy }>(items: T[]): T[] {
  const seen = new Set<FetchedPolicy>();
  return items.filter((i) => !seen.has(i.policy) && seen.add(i.policy));
}
