// diagnoseDenial: from one parsed denial and a profile to a Diagnosis. Ground truth first (a
// setting named by the message, a policy ARN in the message), then IAM's simulator, then local
// evaluation for what the simulator cannot name. Never throws: every failure becomes a Diagnosis.

import type { Denial } from '../core/denial.ts';
import type { Diagnosis } from '../core/diagnosis.ts';
import { settingVerdict } from './account-settings.ts';
import { diagnoseFromRecord } from './aws-record.ts';
import { crossAccountOf, diagnoseCrossAccount } from './cross-account.ts';
import { assemble, failedDiagnosis, failedVerdict, type Verdict } from './draft.ts';
import { readDenial, targetProblem } from './input.ts';
import { interpretSimulation } from './interpret.ts';
import { diagnoseLocally } from './local-diagnosis.ts';
import { diagnoseNamedPolicy } from './named-policy.ts';
import { checkPrincipal } from './not-simulatable.ts';
import { offlineHint } from './offline-hint.ts';
import { passRoleFacts, withPassRole } from './pass-role.ts';
import { consolePageForUrl } from '../core/knowledge/console-pages.ts';
import { resolvePrincipal } from './resolve-principal.ts';
import type { Run } from './run.ts';
import { AwsSession } from './session.ts';
import { simulateDenial } from './simulate-step.ts';
import { StepLog } from './steps.ts';
import { isPartition, type Partition } from './partitions.ts';
import type { AwsTarget, DiagnoseOptions } from './target.ts';

export async function diagnoseDenial(denial: Denial, target: AwsTarget, opts: DiagnoseOptions = {}): Promise<Diagnosis> {
  const steps = new StepLog(opts.onStep);
  const usedProfile = typeof target?.profileName === 'string' ? target.profileName : null;
  try {
    const badTarget = targetProblem(target, new Date());
    if (badTarget) return failedDiagnosis(badTarget.kind, badTarget.message, usedProfile);
    const input = readDenial(denial);
    if (typeof input === 'string') return failedDiagnosis('unknown', input, usedProfile);

    const session = new AwsSession(target, opts.signal, opts.attemptTimeoutMs ? { attemptTimeoutMs: opts.attemptTimeoutMs } : {});
    const run: Run = { denial: input, target, session, steps, now: new Date() };
    const pageId = consolePageForUrl(opts.pageUrl ?? null)?.id ?? null;
    let verdict: Verdict;
    try {
      verdict = await diagnose(run, pageId);
    } catch (e) {
      const message = `The diagnosis stopped unexpectedly (${e instanceof Error ? e.name : 'error'}).`;
      session.problems.push({ kind: 'unknown', message });
      verdict = failedVerdict(message);
    } finally {
      session.close();
    }
    session.reportFatal();
    return assemble(verdict, { calls: session.calls, evidence: session.evidence, problems: session.problems, steps: steps.list(), usedProfile, awsRecord: run.record ?? null });
  } catch (e) {
    return failedDiagnosis('unknown', `The diagnosis stopped unexpectedly (${e instanceof Error ? e.name : 'error'}).`, usedProfile, steps.list());
  }
}

/** The denied principal's partition, else the profile's. */
function partitionOf(denial: Denial, target: AwsTarget): Partition {
  const partition = /^arn:([\w-]+):/.exec(denial.principalArn ?? '')?.[1] ?? '';
  return isPartition(partition) ? partition : target.partition;
}

async function diagnose(run: Run, pageId: string | null): Promise<Verdict> {
  const { denial, session, steps } = run;
  steps.set('identity', 'skipped', 'the first IAM call checks the credentials');
  const setting = settingVerdict(denial);
  if (setting) return setting;
  if (!denial.action) {
    const message = 'The denial does not say which action was denied, so there is nothing to simulate.';
    session.problems.push({ kind: 'not-simulatable', message });
    return failedVerdict(`${message}${offlineHint(denial)}`);
  }
  if (denial.authorizationId) {
    // AWS's own record first: it knows the request's real context and the policies as they were.
    const recorded = await diagnoseFromRecord(run, partitionOf(denial, run.target));
    if (recorded) return recorded;
    if (session.fatal) {
      // The credentials themselves were refused: no other call can do better.
      session.reportFatal();
      return failedVerdict(session.problems[0]?.message ?? 'The diagnosis stopped.');
    }
  }
  if (denial.policyArn) return diagnoseNamedPolicy(run);

  const principal = checkPrincipal(denial);
  if (!principal.ok) {
    session.problems.push(principal.problem);
    return principal.verdict;
  }
  const crossAccount = crossAccountOf(run);
  if (crossAccount) {
    run.resourceElsewhere = true;
    return diagnoseCrossAccount(run, crossAccount, async () => simulateAndInterpret(run, await resolvePrincipal(run, principal.ref)));
  }
  const [resolved, passRole] = await Promise.all([resolvePrincipal(run, principal.ref), passRoleFacts(run, pageId)]);
  run.passRole = passRole;
  const verdict = await simulateAndInterpret(run, resolved);
  return passRole ? withPassRole(verdict, passRole) : verdict;
}

async function simulateAndInterpret(run: Run, resolved: Awaited<ReturnType<typeof resolvePrincipal>>): Promise<Verdict> {
  const simulated = await simulateDenial(run, resolved);
  if (simulated.ok) return interpretSimulation(run, simulated);
  if (!simulated.fallback || run.session.fatal) return simulated.verdict;
  return (await diagnoseLocally(run, resolved.principal)) ?? simulated.verdict;
}
