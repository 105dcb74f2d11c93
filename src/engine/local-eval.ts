// Local policy evaluation with iam-simulate, for what IAM's simulator cannot say: which SCP or RCP
// (and which statement, at which level) blocks, which statement of a fetched policy denies, and
// what-if runs that cost no AWS call. The identity side is an allow-all for the action, so only the
// guardrail under test decides.

import { runSimulation, type RequestAnalysis, type Simulation } from '@cloud-copilot/iam-simulate';
import type { OrgLevel, OrgPolicy } from './org-policies.ts';
import type { ParsedPolicy } from './policy-json.ts';
import { toSimulateContext, type RequestContext } from './request-context.ts';
import { errorMessage } from '../core/text.ts';

export interface LocalRequest {
  /** The principal as the console used it (session ARN for assumed roles). */
  principalArn: string;
  action: string;
  /** A concrete ARN (or "*" for wildcard-only actions). */
  resource: string;
  /** The account that owns the resource. */
  resourceAccount: string;
  context: RequestContext;
}

export type LocalResult = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

export interface DenyingStatement {
  /** 0-based position in the policy's Statement list. */
  index: number;
  sid: string | null;
}

export type GuardrailRole = 'identity' | 'permissions-boundary' | 'session' | 'scp' | 'rcp';

export interface OrgBlocker {
  level: OrgLevel;
  /** null when the level lacks an Allow (implicit deny), rather than a Deny statement. */
  policy: OrgPolicy | null;
  statement: DenyingStatement | null;
}

type Evaluation = { ok: true; result: LocalResult; analysis: RequestAnalysis } | { ok: false; message: string };

const ALLOW_NAME = 'why-denied-allow-action';

function allowAction(action: string) {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] };
}

async function evaluate(request: LocalRequest, policies: Partial<Simulation>): Promise<Evaluation> {
  const simulation: Simulation = {
    request: {
      principal: request.principalArn,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount },
      contextVariables: toSimulateContext(request.context),
    },
    identityPolicies: [{ name: ALLOW_NAME, policy: allowAction(request.action) }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...policies,
  };
  try {
    const run = await runSimulation(simulation, { simulationMode: 'Strict' });
    if (run.resultType === 'error') return { ok: false, message: run.errors.message };
    const analysis = run.resultType === 'single' ? run.result.analysis : run.results[0]?.analysis;
    if (!analysis) return { ok: false, message: 'no.result' };
    return { ok: true, result: run.overallResult, analysis };
  } catch (e) {
    return { ok: false, message: errorMessage(e) };
  }
}

export type SinglePolicyVerdict =
  | { ok: true; result: LocalResult; denying: DenyingStatement | null }
  | { ok: false; message: string };

/** Evaluates one fetched policy in its role and says which statement denies (explicit) or none. */
export async function evaluatePolicy(request: LocalRequest, role: GuardrailRole, policy: ParsedPolicy): Promise<SinglePolicyVerdict> {
  const doc = policy.raw;
  const placement: Partial<Simulation> =
    role === 'identity'
      ? { identityPolicies: [{ name: 'policy', policy: doc }] }
      : role === 'permissions-boundary'
        ? { permissionBoundaryPolicies: [{ name: 'policy', policy: doc }] }
        : role === 'session'
          ? { sessionPolicy: doc }
          : role === 'scp'
            ? { serviceControlPolicies: [{ orgIdentifier: 'level', policies: [{ name: 'policy', policy: doc }, { name: ALLOW_NAME, policy: allowAction(request.action) }] }] }
            : { resourceControlPolicies: [{ orgIdentifier: 'level', policies: [{ name: 'policy', policy: doc }] }] };
  const run = await evaluate(request, placement);
  if (!run.ok) return run;
  const a = run.analysis;
  const part =
    role === 'identity' ? a.identityAnalysis
      : role === 'permissions-boundary' ? a.permissionBoundaryAnalysis
        : role === 'session' ? a.sessionAnalysis
          : undefined;
  const denyStatements = part?.denyStatements ?? (role === 'scp' ? a.scpAnalysis?.ouAnalysis.flatMap((o) => o.denyStatements) : a.rcpAnalysis?.ouAnalysis.flatMap((o) => o.denyStatements)) ?? [];
  const first = denyStatements.find((s) => s.policyId !== ALLOW_NAME);
  return { ok: true, result: run.result, denying: first ? { index: first.statement.index() - 1, sid: first.statement.sid() ?? null } : null };
}

/** A resource-based policy (a role's trust policy) for a caller whose identity policies allow the action. */
export async function evaluateResourcePolicy(request: LocalRequest, policy: ParsedPolicy): Promise<SinglePolicyVerdict> {
  const run = await evaluate(request, { resourcePolicy: policy.raw });
  if (!run.ok) return run;
  const first = run.analysis.resourceAnalysis?.denyStatements[0];
  return { ok: true, result: run.result, denying: first ? { index: first.statement.index() - 1, sid: first.statement.sid() ?? null } : null };
}

export type OrgVerdict = { ok: true; result: LocalResult; blockers: OrgBlocker[] } | { ok: false; message: string };

/** Evaluates the SCP or RCP levels (root first) and names each level that blocks, and how. */
export async function evaluateOrgLevels(request: LocalRequest, kind: 'scp' | 'rcp', levels: OrgLevel[]): Promise<OrgVerdict> {
  const usable = levels.map((l) => ({ ...l, policies: l.policies.filter((p) => p.parsed) }));
  const input = usable.map((l) => ({ orgIdentifier: l.targetId, policies: l.policies.map((p) => ({ name: p.id, policy: p.parsed!.raw })) }));
  const run = await evaluate(request, kind === 'scp' ? { serviceControlPolicies: input } : { resourceControlPolicies: input });
  if (!run.ok) return run;
  const analysis = kind === 'scp' ? run.analysis.scpAnalysis : run.analysis.rcpAnalysis;
  const blockers: OrgBlocker[] = [];
  for (const ou of analysis?.ouAnalysis ?? []) {
    const level = levels.find((l) => l.targetId === ou.orgIdentifier);
    if (!level) continue;
    const denies = ou.denyStatements.filter((s) => s.policyId !== ALLOW_NAME);
    for (const s of denies) {
      blockers.push({ level, policy: level.policies.find((p) => p.id === s.policyId) ?? null, statement: { index: s.statement.index() - 1, sid: s.statement.sid() ?? null } });
    }
    if (!denies.length && ou.result === 'ImplicitlyDenied') blockers.push({ level, policy: null, statement: null });
  }
  return { ok: true, result: run.result, blockers };
}

export type IdentitySetVerdict =
  | { ok: true; result: LocalResult; denying: { policy: number; statement: DenyingStatement }[] }
  | { ok: false; message: string };

/** Evaluates all identity policies of a principal together: allowed, no Allow, or which statements deny. */
export async function evaluateIdentitySet(request: LocalRequest, policies: readonly ParsedPolicy[]): Promise<IdentitySetVerdict> {
  const run = await evaluate(request, { identityPolicies: policies.map((p, i) => ({ name: `identity:${i}`, policy: p.raw })) });
  if (!run.ok) return run;
  const denying = (run.analysis.identityAnalysis?.denyStatements ?? []).map((s) => ({
    policy: Number(s.policyId.slice('identity:'.length)),
    statement: { index: s.statement.index() - 1, sid: s.statement.sid() ?? null },
  }));
  return { ok: true, result: run.analysis.identityAnalysis?.result ?? run.result, denying };
}
