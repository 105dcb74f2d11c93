// From the simulator's answer to the blocking layers: the permissions boundary and SCPs it flags,
// the identity policies whose Deny statements it matched, or, with nothing matched, no Allow at all.
// The layer the message names leads the verdict when the simulator confirms it.

import type { Verdict } from './draft.ts';
import { explainAllowed } from './allowed.ts';
import { explainBoundary } from './boundary.ts';
import { decidingConditions, type WhatIfInput } from './deciding.ts';
import { explainIdentityDeny } from './identity-deny.ts';
import type { LayerReport } from './layer-report.ts';
import { localRequestFor } from './local-request.ts';
import { explainNoAllow } from './no-allow.ts';
import { explainOrgGuardrail } from './org-guardrail.ts';
import type { Run } from './run.ts';
import type { Simulated } from './simulate-step.ts';

/** Which layer leads when several block and the message names none of them. */
const PRIORITY = ['explicit-identity', 'scp', 'permissions-boundary', 'implicit-identity'] as const;

export type RankedReport = { rank: (typeof PRIORITY)[number]; report: LayerReport };

export async function interpretSimulation(run: Run, simulated: Extract<Simulated, { ok: true }>): Promise<Verdict> {
  const { principal, context, resource, result, hint, allowedLegacy } = simulated;
  const local = await localRequestFor({
    principalArn: principal.sessionArn ?? principal.arn,
    account: principal.account,
    partition: principal.partition,
    action: run.denial.action!,
    resource,
    context,
  });
  if (result.decision === 'allowed') return explainAllowed(run, principal, hint, local, 'simulator');

  const found: RankedReport[] = [];
  let boundaryName: string | null = null;
  if (result.allowedByBoundary === false) {
    const report = await explainBoundary(run, principal, local);
    boundaryName = report.blocking[0]?.name ?? null;
    found.push({ rank: 'permissions-boundary', report });
  }
  if (result.allowedByOrganizations === false) {
    const explicit = result.decision === 'explicitDeny' && !result.matched.length;
    found.push({ rank: 'scp', report: await explainOrgGuardrail(run, 'scp', principal.account, principal.partition, local, { expectExplicit: explicit }) });
  }
  if (result.decision === 'explicitDeny' && (result.matched.length || !found.length)) {
    const report = await explainIdentityDeny(run, principal, result.matched, local, boundaryName);
    if (report.blocking.length || !found.length) found.push({ rank: 'explicit-identity', report });
  }
  if (!found.length) found.push({ rank: 'implicit-identity', report: await explainNoAllow(run, principal, resource.simulator, allowedLegacy) });
  return combineReports(run, { principal, resource, context }, found);
}

/** One verdict from the blocking layers: the one the message names (or the highest ranked) leads. */
export async function combineReports(run: Run, request: Omit<WhatIfInput, 'reports'>, found: RankedReport[]): Promise<Verdict> {
  found.sort((a, b) => PRIORITY.indexOf(a.rank) - PRIORITY.indexOf(b.rank));
  const named = found.findIndex((f) => f.report.layer === run.denial.policyType);
  if (named > 0) found.unshift(...found.splice(named, 1));
  const reports = found.map((f) => f.report);
  const [primary, ...others] = reports;

  const deciding = await decidingConditions(run, { ...request, reports });
  return {
    status: reports.every((r) => r.complete) ? 'done' : 'partial',
    blockingLayer: primary!.layer,
    verdict: [primary!.sentence, ...others.map((r) => `Also: ${r.sentence}`)].join(' '),
    blocking: reports.flatMap((r) => r.blocking),
    decidingConditions: deciding.conditions,
    decidingKeys: deciding.keys,
  };
}
