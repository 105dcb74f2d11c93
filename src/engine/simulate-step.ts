// Step "simulate": one iam:SimulatePrincipalPolicy with the console's context, for the denied action
// (and the message's second action, when it names another). Handles the role-path guess, Identity
// Center paths without iam:GetRole, and principals IAM does not know (deleted, or another account).

import { otherAccountMessage } from './caller-account.ts';
import { legacyActionsCovering } from '../core/knowledge/legacy-actions.ts';
import { failedVerdict, type Verdict } from './draft.ts';
import { boundaryOf, getRole } from './iam-entities.ts';
import { offlineHint } from './offline-hint.ts';
import { passRoleContext } from './pass-role.ts';
import { identityCenterRoleArns, type SimulatedPrincipal } from './principal.ts';
import { consoleRequestContext, type RequestContext } from './request-context.ts';
import { withRecorded } from './recorded-context.ts';
import type { Resolved } from './resolve-principal.ts';
import { simulatorResource, type MappedResource } from './resource.ts';
import type { Run } from './run.ts';
import { describeResult, simulatePrincipal, type SimulationResult } from './simulate.ts';

export type Simulated =
  | {
      ok: true;
      principal: SimulatedPrincipal;
      context: RequestContext;
      resource: MappedResource;
      result: SimulationResult;
      hint: SimulationResult | null;
      /** Retired aws-portal actions covering the denied one that the policies still allow. */
      allowedLegacy: string[];
    }
  /** `fallback`: the simulator could not answer, but local evaluation may. */
  | { ok: false; verdict: Verdict; fallback: boolean };

/** Simulator failures after which reading and evaluating the policies locally is still worth it. */
const FALLBACK_KINDS = new Set(['missing-permission', 'server-error', 'invalid-input', 'unknown']);

export function contextFor(run: Run, principal: SimulatedPrincipal, resource: MappedResource): RequestContext {
  return withRecorded([
    ...consoleRequestContext({
      action: run.denial.action!,
      resource: resource.simulator === '*' ? run.denial.resource : resource.simulator,
      principalArn: principal.arn,
      partition: principal.partition,
      homeRegion: run.target.region,
      now: run.now,
    }),
    ...passRoleContext(run.passRole),
  ], run.recordedContext);
}

export async function simulateDenial(run: Run, resolved: Resolved): Promise<Simulated> {
  const { denial, session, steps } = run;
  const principal = resolved.principal;
  const action = denial.action!;
  const resource = simulatorResource(denial.resource, principal.partition, principal.account);
  if (resource.note) session.note('resource', resource.note);
  const hint = denial.meta.hintAction && denial.meta.hintAction.toLowerCase() !== action.toLowerCase() ? [denial.meta.hintAction] : [];
  // Same call, more actions: does a policy still grant only the retired aws-portal equivalent?
  const legacy = legacyActionsCovering(action, principal.partition).filter((l) => l.toLowerCase() !== action.toLowerCase());
  const actions = [action, ...hint, ...legacy];
  const arns = resolved.roleLookupFailure ? identityCenterRoleArns(principal, run.target.region) : [principal.arn];

  steps.set('simulate', 'running');
  // The message names the boundary: look it up while the simulator runs, one round trip saved.
  if (denial.policyType === 'permissions-boundary') void boundaryOf(session, principal);
  let context: RequestContext = [];
  const simulateAs = (arn: string) => {
    principal.arn = arn;
    context = contextFor(run, principal, resource);
    return simulatePrincipal(session, { principal, actions, resource: resource.simulator, context });
  };
  let outcome = await simulateAs(arns[0]!);
  for (const arn of arns.slice(1)) {
    if (outcome.ok || outcome.error.kind !== 'not-found') break;
    outcome = await simulateAs(arn);
  }
  /** Why the role's real path is unknown when AWS did not say the role is missing. */
  let pathUnknown: string | null = null;
  if (!outcome.ok && outcome.error.kind === 'not-found' && principal.pathGuessed && !resolved.roleLookupFailure) {
    // The role has a path the session ARN does not show: look it up and simulate once more.
    const role = await getRole(session, principal.name);
    if (role.ok) {
      principal.boundaryArn = role.value.boundaryArn;
      principal.pathGuessed = false;
      outcome = await simulateAs(role.value.arn);
    } else if (role.error.kind !== 'not-found') {
      // Only GetRole's NoSuchEntity says the role is gone; any other failure leaves its path unknown.
      session.report(role, "the role's path, so the simulator could not find the role");
      pathUnknown = `IAM's simulator does not know role ${principal.name} without its path, and looking the path up (iam:GetRole) failed with ${role.error.code}`;
    }
  }
  if (!outcome.ok) {
    steps.set('simulate', 'failed', outcome.error.code);
    if (principal.pathGuessed) principal.arn = arns[0]!;
    if (pathUnknown) {
      // Its policies can still be read by role name and evaluated locally.
      session.note('iam:SimulatePrincipalPolicy', pathUnknown);
      return { ok: false, verdict: failedVerdict(`${pathUnknown}, so the diagnosis could not check the role's policies.${offlineHint(denial)}`), fallback: true };
    }
    if (outcome.error.kind === 'not-found') {
      // Unknown path of an Identity Center role: its policies can still be read by role name.
      return { ok: false, verdict: await unknownPrincipal(run, principal, resolved), fallback: resolved.roleLookupFailure !== null };
    }
    if (outcome.error.kind === 'missing-permission') {
      // AWS refuses to simulate another account's principal; that is the answer, not a missing permission.
      const elsewhere = await otherAccountMessage(run, principal);
      if (elsewhere) {
        session.problems.push({ kind: 'not-simulatable', message: elsewhere });
        return { ok: false, verdict: failedVerdict(elsewhere), fallback: false };
      }
    }
    const problem = session.report(outcome);
    return { ok: false, verdict: failedVerdict(`${problem.message}${offlineHint(denial)}`), fallback: FALLBACK_KINDS.has(outcome.error.kind) };
  }
  const results = outcome.value;
  for (const r of results) session.note('iam:SimulatePrincipalPolicy', describeResult(r));
  const main = results.find((r) => r.action.toLowerCase() === action.toLowerCase()) ?? results[0];
  if (!main) {
    steps.set('simulate', 'failed', 'no evaluation result');
    return { ok: false, verdict: failedVerdict(`IAM's simulator returned no result for ${action}.${offlineHint(denial)}`), fallback: true };
  }
  principal.pathGuessed = false;
  steps.set('simulate', 'done', `${main.decision}${main.allowedByOrganizations === false ? ', blocked by an SCP' : ''}${main.allowedByBoundary === false ? ', blocked by the permissions boundary' : ''}`);
  const hintResult = results.find((r) => r !== main && r.action.toLowerCase() === hint[0]?.toLowerCase()) ?? null;
  const allowedLegacy = results.filter((r) => r.decision === 'allowed' && legacy.some((l) => l.toLowerCase() === r.action.toLowerCase())).map((r) => r.action);
  return { ok: true, principal, context, resource, result: main, hint: hintResult, allowedLegacy };
}

/** IAM does not know the principal: another account's (the profile's account differs), or deleted. */
async function unknownPrincipal(run: Run, principal: SimulatedPrincipal, resolved: Resolved): Promise<Verdict> {
  if (resolved.roleLookupFailure) {
    return failedVerdict(`The Identity Center role ${principal.name} is not at the usual paths, and its exact path could not be looked up (iam:GetRole).`);
  }
  const message = (await otherAccountMessage(run, principal)) ?? `IAM has no ${principal.kind} ${principal.arn}: it may have been deleted or renamed since the denial.`;
  run.session.problems.push({ kind: 'not-simulatable', message });
  return failedVerdict(message);
}
