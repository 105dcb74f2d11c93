// Step "simulate": one iam:SimulatePrincipalPolicy with the console's context, for the denied action
// (and the message's second action, when it names another). Handles the role-path guess, Identity
// Center paths without iam:GetRole, and principals IAM does not know (deleted, or another account).

import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { failedVerdict, type Verdict } from './draft.ts';
import { getRole } from './iam-entities.ts';
import { offlineHint } from './offline-hint.ts';
import { identityCenterRoleArns, type SimulatedPrincipal } from './principal.ts';
import { consoleRequestContext, type RequestContext } from './request-context.ts';
import type { Resolved } from './resolve-principal.ts';
import { simulatorResource, type MappedResource } from './resource.ts';
import type { Run } from './run.ts';
import type { CallOutcome } from './session.ts';
import { describeResult, simulatePrincipal, type SimulationResult } from './simulate.ts';

export type Simulated =
  | { ok: true; principal: SimulatedPrincipal; context: RequestContext; resource: MappedResource; result: SimulationResult; hint: SimulationResult | null }
  | { ok: false; verdict: Verdict };

export function contextFor(run: Run, principal: SimulatedPrincipal, resource: MappedResource): RequestContext {
  return consoleRequestContext({
    action: run.denial.action!,
    resource: resource.simulator === '*' ? run.denial.resource : resource.simulator,
    principalArn: principal.arn,
    partition: principal.partition,
    homeRegion: run.target.region,
    now: run.now,
  });
}

export async function simulateDenial(run: Run, resolved: Resolved): Promise<Simulated> {
  const { denial, session, steps } = run;
  const principal = resolved.principal;
  const action = denial.action!;
  const resource = simulatorResource(denial.resource, principal.partition, principal.account);
  if (resource.note) session.note('resource', resource.note);
  const hint = denial.meta.hintAction && denial.meta.hintAction.toLowerCase() !== action.toLowerCase() ? [denial.meta.hintAction] : [];
  const arns = resolved.roleLookupFailure ? identityCenterRoleArns(principal, run.target.region) : [principal.arn];

  steps.set('simulate', 'running');
  let outcome: CallOutcome<SimulationResult[]> | null = null;
  let context: RequestContext = [];
  for (const arn of arns) {
    principal.arn = arn;
    context = contextFor(run, principal, resource);
    outcome = await simulatePrincipal(session, { principal, actions: [action, ...hint], resource: resource.simulator, context });
    if (outcome.ok || outcome.error.kind !== 'not-found') break;
    if (principal.pathGuessed && !resolved.roleLookupFailure) {
      // The role has a path the session ARN does not show: look it up and simulate once more.
      const role = await getRole(session, principal.name);
      if (!role.ok) {
        session.report(role, "the role's path, so the simulator could not find the role");
        break;
      }
      principal.arn = role.value.arn;
      principal.boundaryArn = role.value.boundaryArn;
      principal.pathGuessed = false;
      context = contextFor(run, principal, resource);
      outcome = await simulatePrincipal(session, { principal, actions: [action, ...hint], resource: resource.simulator, context });
      break;
    }
  }
  if (!outcome) return { ok: false, verdict: failedVerdict('Nothing was simulated.') };
  if (!outcome.ok) {
    steps.set('simulate', 'failed', outcome.error.code);
    if (outcome.error.kind === 'not-found') return { ok: false, verdict: await unknownPrincipal(run, principal, resolved) };
    if (resolved.roleLookupFailure) session.report(resolved.roleLookupFailure);
    const problem = session.report(outcome);
    return { ok: false, verdict: failedVerdict(`${problem.message}${offlineHint(denial)}`) };
  }
  const results = outcome.value;
  for (const r of results) session.note('iam:SimulatePrincipalPolicy', describeResult(r));
  const main = results.find((r) => r.action.toLowerCase() === action.toLowerCase()) ?? results[0];
  if (!main) {
    steps.set('simulate', 'failed', 'no evaluation result');
    return { ok: false, verdict: failedVerdict(`IAM's simulator returned no result for ${action}.${offlineHint(denial)}`) };
  }
  principal.pathGuessed = false;
  steps.set('simulate', 'done', `${main.decision}${main.allowedByOrganizations === false ? ', blocked by an SCP' : ''}${main.allowedByBoundary === false ? ', blocked by the permissions boundary' : ''}`);
  const hintResult = results.find((r) => r !== main && r.action.toLowerCase() === hint[0]?.toLowerCase()) ?? null;
  return { ok: true, principal, context, resource, result: main, hint: hintResult };
}

/** IAM does not know the principal: another account's (the profile's account differs), or deleted. */
async function unknownPrincipal(run: Run, principal: SimulatedPrincipal, resolved: Resolved): Promise<Verdict> {
  const { session } = run;
  if (resolved.roleLookupFailure) {
    const problem = session.report(resolved.roleLookupFailure, "the Identity Center role's path; the usual paths were not found");
    return failedVerdict(problem.message);
  }
  run.steps.set('identity', 'running');
  const identity = await session.send('sts:GetCallerIdentity', (c, abortSignal) => c.sts().send(new GetCallerIdentityCommand({}), { abortSignal }));
  const account = identity.ok ? identity.value.Account : undefined;
  run.steps.set('identity', identity.ok ? 'done' : 'failed', account ? `account ${account}` : undefined);
  if (account && account !== principal.account) {
    const message = `The profile "${run.target.profileName}" is in account ${account}, but the denied ${principal.kind} is in account ${principal.account}; IAM simulates only principals of the profile's own account. Use a profile (or assume a role) in ${principal.account}.`;
    session.problems.push({ kind: 'not-simulatable', message });
    return failedVerdict(message);
  }
  const message = `IAM has no ${principal.kind} ${principal.arn}: it may have been deleted or renamed since the denial.`;
  session.problems.push({ kind: 'not-simulatable', message });
  return failedVerdict(message);
}
