// iam:SimulatePrincipalPolicy for one or more actions on one resource, reduced to what the
// interpretation needs. One call per context: the API takes several actions per call, not several
// contexts.

import { SimulatePrincipalPolicyCommand, type EvaluationResult } from '@aws-sdk/client-iam';
import type { TextPosition } from './policy-json.ts';
import type { SimulatedPrincipal } from './principal.ts';
import { toSdkContextEntries, type RequestContext } from './request-context.ts';
import type { AwsSession, CallOutcome } from './session.ts';

export type SimulatorDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export interface MatchedStatement {
  sourcePolicyId: string;
  sourcePolicyType: string;
  start: TextPosition | null;
}

export interface SimulationResult {
  action: string;
  decision: SimulatorDecision;
  matched: MatchedStatement[];
  /** null when the simulator said nothing about SCPs (e.g. the account is in no organization). */
  allowedByOrganizations: boolean | null;
  allowedByBoundary: boolean | null;
  missingContextValues: string[];
}

export interface SimulationRequest {
  principal: SimulatedPrincipal;
  actions: string[];
  resource: string;
  context: RequestContext;
}

const MAX_PAGES = 5;

export async function simulatePrincipal(session: AwsSession, request: SimulationRequest): Promise<CallOutcome<SimulationResult[]>> {
  const results: SimulationResult[] = [];
  let marker: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const outcome = await session.send('iam:SimulatePrincipalPolicy', (c, abortSignal) =>
      c.iam().send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: request.principal.arn,
          ActionNames: request.actions,
          ResourceArns: [request.resource],
          ContextEntries: toSdkContextEntries(request.context),
          ...(request.principal.kind === 'user' ? { CallerArn: request.principal.arn } : {}),
          ...(marker ? { Marker: marker } : {}),
        }),
        { abortSignal },
      ),
    );
    if (!outcome.ok) return outcome;
    results.push(...(outcome.value.EvaluationResults ?? []).map(toResult));
    marker = outcome.value.IsTruncated ? outcome.value.Marker : undefined;
    if (!marker) break;
  }
  return { ok: true, value: results };
}

function toResult(r: EvaluationResult): SimulationResult {
  return {
    action: r.EvalActionName ?? '',
    decision: r.EvalDecision === 'allowed' || r.EvalDecision === 'explicitDeny' ? r.EvalDecision : 'implicitDeny',
    matched: (r.MatchedStatements ?? []).map((m) => ({
      sourcePolicyId: m.SourcePolicyId ?? '',
      sourcePolicyType: m.SourcePolicyType ?? '',
      start: m.StartPosition?.Line != null && m.StartPosition.Column != null ? { line: m.StartPosition.Line, column: m.StartPosition.Column } : null,
    })),
    allowedByOrganizations: r.OrganizationsDecisionDetail?.AllowedByOrganizations ?? null,
    allowedByBoundary: r.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary ?? null,
    missingContextValues: r.MissingContextValues ?? [],
  };
}

export function describeResult(r: SimulationResult): string {
  const parts = [`${r.action}: EvalDecision=${r.decision}`];
  if (r.matched.length) parts.push(`matched ${r.matched.map((m) => m.sourcePolicyId || m.sourcePolicyType).join(', ')}`);
  if (r.allowedByOrganizations === false) parts.push('AllowedByOrganizations=false');
  if (r.allowedByBoundary === false) parts.push('AllowedByPermissionsBoundary=false');
  if (r.missingContextValues.length) parts.push(`missing context ${r.missingContextValues.join(', ')}`);
  return parts.join('; ');
}
