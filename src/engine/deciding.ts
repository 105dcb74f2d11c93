// Step "what-if": which context keys decide the denial. Probes come from the conditions of the
// denying statements (or the keys IAM says the policies use); when every blocking layer can be
// re-evaluated locally the runs cost nothing, otherwise each run is one SimulatePrincipalPolicy.

import type { BlockingPolicy } from '../core/diagnosis.ts';
import type { PolicyStatement } from '../core/explanation.ts';
import type { LayerReport } from './layer-report.ts';
import type { SimulatedPrincipal } from './principal.ts';
import { REQUESTED_REGION, withOverrides, type RequestContext } from './request-context.ts';
import type { MappedResource } from './resource.ts';
import type { Run } from './run.ts';
import { simulatePrincipal } from './simulate.ts';
import {
  candidateRegions,
  conditionKeysOf,
  currentRegion,
  mfaProbe,
  networkProbes,
  recordedNetworkProbes,
  refersToMfa,
  refersToRegion,
  regionProbe,
  regionValuesOf,
  runWhatIf,
  type Check,
  type Probe,
} from './what-if.ts';
import { listWords, statementWords } from './words.ts';

const MAX_REGION_TRIES = 8;

export interface WhatIfInput {
  /** null when the denial names no simulatable principal: only local re-evaluation is possible. */
  principal: SimulatedPrincipal | null;
  resource: MappedResource;
  context: RequestContext;
  reports: LayerReport[];
}

export interface Deciding {
  /** Sentences for the panel. */
  conditions: string[];
  /** The context keys they are about. */
  keys: string[];
}

const NOTHING: Deciding = { conditions: [], keys: [] };

export async function decidingConditions(run: Run, input: WhatIfInput): Promise<Deciding> {
  const { reports, context } = input;
  const statements = reports.flatMap((r) => r.statements);
  const keys = [...statements.flatMap(conditionKeysOf), ...reports.flatMap((r) => r.referencedKeys)];
  const blind = reports.some((r) => r.opaque);
  const localChecks = reports.map((r) => r.localCheck);
  const allLocal = localChecks.every((c) => c !== null);
  const current = currentRegion(context);

  const probes: Probe[] = [];
  if (refersToMfa(keys) || blind) probes.push(mfaProbe());
  if (refersToRegion(keys) || blind) {
    const region = await allowedRegion(run, statements, context, current, reports);
    if (region) probes.push(regionProbe(region));
  }
  probes.push(...networkProbes(statements));
  probes.push(...recordedNetworkProbes(run.recordedContext, keys, probes));
  if (!probes.length) {
    run.steps.set('what-if', 'skipped', 'no MFA, Region or network condition decides it');
    return NOTHING;
  }

  const check: Check = allLocal
    ? async (ctx) => {
        const results = await Promise.all(localChecks.map((c) => c!(ctx)));
        return results.includes('unknown') ? 'unknown' : results.every((r) => r === 'allowed') ? 'allowed' : 'denied';
      }
    : async (ctx) => {
        if (!input.principal) return 'unknown';
        const outcome = await simulatePrincipal(run.session, { principal: input.principal, actions: [run.denial.action!], resource: input.resource.simulator, context: ctx });
        if (!outcome.ok) {
          run.session.report(outcome, 'whether MFA or another Region changes the decision');
          return 'unknown';
        }
        const decision = outcome.value[0]?.decision ?? 'implicitDeny';
        run.session.note('iam:SimulatePrincipalPolicy', `what-if ${describeOverrides(ctx, context)}: ${decision}`);
        return decision === 'allowed' ? 'allowed' : 'denied';
      };

  run.steps.set('what-if', 'running');
  const outcome = await runWhatIf(context, probes, check);
  if (!outcome.deciding.length) {
    if (outcome.incomplete) run.steps.set('what-if', 'failed', 'the re-runs could not be evaluated');
    else run.steps.set('what-if', 'done', `still denied ${listWords(probes.map((p) => p.change))}`);
    return NOTHING;
  }
  const blocking = reports.flatMap((r) => r.blocking);
  const conditions = outcome.allTogether
    ? [`Denied as sent; allowed only ${listWords(outcome.deciding.map((p) => `${p.change} (${p.key})`))} together.`]
    : outcome.deciding.map((p) => sentenceFor(p, run.denial.action!, current, blocking));
  run.steps.set('what-if', 'done', `allowed ${listWords(outcome.deciding.map((p) => p.change))}`);
  return { conditions, keys: outcome.deciding.map((p) => p.key) };
}

/** A Region under which the Region-restricting statements stop denying, tried locally where possible. */
async function allowedRegion(run: Run, statements: PolicyStatement[], context: RequestContext, current: string, reports: LayerReport[]): Promise<string | null> {
  const candidates = candidateRegions(regionValuesOf(statements), run.target.region, current);
  const checks = reports.filter((r) => r.localCheck && r.statements.some((s) => refersToRegion(conditionKeysOf(s)))).map((r) => r.localCheck!);
  if (!checks.length) return candidates[0] ?? null;
  for (const region of candidates.slice(0, MAX_REGION_TRIES)) {
    const ctx = withOverrides(context, regionProbe(region).overrides);
    const results = await Promise.all(checks.map((c) => c(ctx)));
    if (results.every((r) => r === 'allowed')) return region;
  }
  return candidates[0] ?? null;
}

function sentenceFor(probe: Probe, action: string, current: string, blocking: BlockingPolicy[]): string {
  const deciding = blocking.filter((b) => b.statement && conditionKeysOf(b.statement).some((k) => k.toLowerCase() === probe.key.toLowerCase()));
  const where = deciding.length ? listWords(deciding.map((b) => statementWords(b.name, b.statementSid, null))) : 'a policy';
  if (probe.id === 'mfa') return `Denied without MFA, allowed with it: ${where} requires MFA (${probe.key}).`;
  if (probe.id === 'network') return `Denied from where the request comes from: ${where} limits ${probe.key}; allowed ${probe.change}.`;
  if (probe.id === 'recorded') {
    return `Denied from where the request came from: AWS recorded ${probe.key} ${probe.recorded}, which the policies' conditions on ${probe.key} do not allow; simulated ${probe.change}, it is allowed.`;
  }
  const prefix = action.split(':')[0] ?? action;
  return `Denied because the request goes to ${current}, where ${prefix} is served, and ${where} restricts Regions (${REQUESTED_REGION}) without exempting ${prefix}:*; allowed ${probe.change}.`;
}

function describeOverrides(ctx: RequestContext, base: RequestContext): string {
  const changed = ctx.filter((c) => !base.some((b) => b.key === c.key && b.values.join() === c.values.join()));
  return changed.map((c) => `${c.key}=${c.values.join(',')}`).join(', ');
}
