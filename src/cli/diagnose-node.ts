// --profile: credentials from the SDK's standard Node provider chain (environment, shared config and
// credentials files, SSO, credential_process, assume-role profiles), region and endpoints as the AWS CLI
// resolves them, then the extension's own diagnosis engine.
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { toDenialFields, type Denial } from '../core/denial.ts';
import type { Diagnosis, DiagnosisProblem } from '../core/diagnosis.ts';
import { policyNamedByAttachment } from '../core/knowledge/console-links.ts';
import { compareWithTodaysVersion, diagnoseDenial, type AwsTarget } from '../engine/index.ts';
import { partitionOf, resolveConfig } from './aws-config.ts';
import { errorMessage } from '../core/text.ts';
import type { DiagnoseOptions } from './run.ts';

export async function diagnoseWithProfile(
  denials: Denial[],
  profileFlag: string | null,
  env: NodeJS.ProcessEnv,
  onStep: (line: string) => void,
  options: DiagnoseOptions = { compareToday: false },
): Promise<Diagnosis[]> {
  const config = resolveConfig(env, profileFlag);
  let credentials: AwsTarget['credentials'];
  try {
    const resolved = await defaultProvider(profileFlag ? { profile: profileFlag } : {})();
    credentials = {
      accessKeyId: resolved.accessKeyId,
      secretAccessKey: resolved.secretAccessKey,
      ...(resolved.sessionToken ? { sessionToken: resolved.sessionToken } : {}),
      ...(resolved.expiration ? { expiration: resolved.expiration } : {}),
    };
  } catch (error) {
    const problem: DiagnosisProblem = {
      kind: 'invalid-credentials',
      message: `No credentials for profile "${config.profile}": ${errorMessage(error)}`,
    };
    return denials.map(() => failed(problem, config.profile));
  }
  const target: AwsTarget = {
    profileName: config.profile,
    credentials,
    region: config.region,
    partition: partitionOf(config.region),
    endpoints: config.endpoints,
  };
  const results: Diagnosis[] = [];
  const seen = new Map<string, Diagnosis>();
  for (const denial of denials) {
    const key = JSON.stringify(toDenialFields(denial));
    const known = seen.get(key);
    if (known) {
      results.push(known);
      continue;
    }
    const diagnosed = await diagnoseDenial(denial, target, {
      onStep: (step) => {
        if (step.state !== 'running') onStep(`[${step.state}] ${step.label}${step.detail ? `: ${step.detail}` : ''}`);
      },
    });
    const diagnosis = options.compareToday ? await withTodaysVersions(diagnosed, target, onStep) : diagnosed;
    seen.set(key, diagnosis);
    results.push(diagnosis);
  }
  return results;
}

/**
 * --compare-today: each blocking policy whose statement AWS's record gave as it was evaluated at the denial, read as
 * it is today with the same profile (the extension's "Compare with today's policy").
 */
async function withTodaysVersions(diagnosis: Diagnosis, target: AwsTarget, onStep: (line: string) => void): Promise<Diagnosis> {
  let current = diagnosis;
  for (let index = 0; index < diagnosis.blocking.length; index++) {
    const result = await compareWithTodaysVersion(current, index, target);
    if (!result) continue;
    const { compared } = result;
    const label = compared.name ?? compared.arn ?? policyNamedByAttachment(compared) ?? 'the policy';
    onStep(`[${compared.todaysVersion.state === 'unread' ? 'failed' : 'done'}] Compare ${label} with today's version: ${compared.todaysVersion.state}`);
    current = result.diagnosis;
  }
  return current;
}

function failed(problem: DiagnosisProblem, profile: string): Diagnosis {
  return {
    status: 'failed',
    blockingLayer: 'not-simulated',
    verdict: problem.message,
    blocking: [],
    decidingConditions: [],
    evidence: [],
    problems: [problem],
    diagnosticPolicySuggestion: null,
    steps: [],
    usedProfile: profile,
    awsCalls: 0,
    fromCache: false,
    finishedAt: Date.now(),
  };
}
