// One diagnosis's conversation with AWS. Retries are the SDK's (standard strategy, configured once in
// clients.ts); the session counts every attempt that goes on the wire, passes the caller's
// AbortSignal, and turns the final failure of each call into a DiagnosisProblem with one line.

import type { DiagnosisProblem, Evidence } from '../core/diagnosis.ts';
import { AWS_CALLS, type AwsCallInfo, type AwsCallName } from './aws-calls.ts';
import { classifyAwsError, type ClassifiedAwsError } from './aws-errors.ts';
import { createClients, MAX_ATTEMPTS, type AwsClients, type ClientOptions } from './clients.ts';
import type { AwsTarget } from './target.ts';

export type CallOutcome<T> = { ok: true; value: T } | { ok: false; call: AwsCallName; error: ClassifiedAwsError };

/** Failures after which no further call can succeed: stop the diagnosis. */
const FATAL_KINDS = new Set(['throttled', 'expired-credentials', 'invalid-credentials', 'clock-skew', 'network', 'aborted']);

/** Calls to another host than IAM's: that host being unreachable says nothing about the others. */
const OWN_HOST_CALLS = new Set<AwsCallName>(['iam:GetRequestAuthorizationDetails', 'iam:GetRequestAuthorizationPolicy', 's3:GetBucketPolicy']);

export class AwsSession {
  readonly clients: AwsClients;
  /** HTTP attempts sent, retries included. */
  calls = 0;
  readonly evidence: Evidence[] = [];
  readonly problems: DiagnosisProblem[] = [];
  /** Set by the first failure that makes further calls pointless. */
  fatal: ClassifiedAwsError | null = null;
  fatalCall: AwsCallName | null = null;
  /** Calls the profile was refused once: asking again in the same diagnosis would only be refused again. */
  private readonly refused = new Map<AwsCallName, ClassifiedAwsError>();
  private readonly abortSignal: AbortSignal;

  constructor(
    readonly target: AwsTarget,
    private readonly signal?: AbortSignal,
    options: Omit<ClientOptions, 'onAttempt'> = {},
  ) {
    this.clients = createClients(target, { ...options, onAttempt: () => this.calls++ });
    this.abortSignal = signal ?? new AbortController().signal;
  }

  async send<T>(call: AwsCallName, run: (clients: AwsClients, abortSignal: AbortSignal) => Promise<T>): Promise<CallOutcome<T>> {
    if (this.fatal) return { ok: false, call, error: this.fatal };
    const refused = this.refused.get(call);
    if (refused) return { ok: false, call, error: refused };
    if (this.signal?.aborted) return this.fail(call, { kind: 'aborted', code: 'AbortError', httpStatus: null, retryable: false });
    for (let resigned = false; ; resigned = true) {
      try {
        return { ok: true, value: await run(this.clients, this.abortSignal) };
      } catch (thrown) {
        const error = classifyAwsError(thrown);
        if (error.kind === 'clock-skew' && !resigned) {
          // The SDK has taken the clock offset from AWS's Date header but does not retry a Query
          // protocol's expired signature: sign once more with it.
          this.note(call, `${error.code}: this device's clock is off; signed again with AWS's time`);
          continue;
        }
        const attempts = (thrown as { $metadata?: { attempts?: unknown } } | null)?.$metadata?.attempts;
        if (typeof attempts === 'number' && attempts > 1) this.note(call, `tried ${attempts} times`);
        return this.fail(call, error);
      }
    }
  }

  note(call: string, said: string): void {
    this.evidence.push({ call, said });
  }

  /** Records the problem for a failed call (once per permission or kind). */
  report(outcome: { call: AwsCallName; error: ClassifiedAwsError }, couldNotCheck?: string): DiagnosisProblem {
    const problem = problemFor(this.target, outcome.call, outcome.error, MAX_ATTEMPTS, couldNotCheck);
    // A server error says what it left unchecked: each such gap is its own problem.
    const duplicate = this.problems.find(
      (p) => p.kind === problem.kind && p.permission === problem.permission && (p.kind !== 'server-error' || p.couldNotCheck === problem.couldNotCheck),
    );
    if (!duplicate) this.problems.push(problem);
    return duplicate ?? problem;
  }

  /** Makes sure the failure that stopped the run is among the problems. */
  reportFatal(): void {
    if (this.fatal && this.fatalCall) this.report({ call: this.fatalCall, error: this.fatal });
  }

  close(): void {
    this.clients.destroy();
  }

  private fail<T>(call: AwsCallName, error: ClassifiedAwsError): CallOutcome<T> {
    if (error.kind === 'missing-permission') this.refused.set(call, error);
    const ownHost = OWN_HOST_CALLS.has(call) && (error.kind === 'network' || error.kind === 'throttled');
    if (FATAL_KINDS.has(error.kind) && !this.fatal && !ownHost) {
      this.fatal = error;
      this.fatalCall = call;
    }
    this.note(call, `failed: ${error.code}${error.httpStatus ? ` (HTTP ${error.httpStatus})` : ''}`);
    return { ok: false, call, error };
  }
}

function problemFor(
  target: AwsTarget,
  call: AwsCallName,
  error: ClassifiedAwsError,
  attempts: number,
  couldNotCheck?: string,
): DiagnosisProblem {
  const info: AwsCallInfo = AWS_CALLS[call];
  const profile = `"${target.profileName}"`;
  const unchecked = info.leavesOpen ? { uncheckedTopics: [...info.leavesOpen] } : {};
  switch (error.kind) {
    case 'missing-permission': {
      const permission = info.permission ?? call;
      const what = couldNotCheck ?? info.couldNotCheck;
      const orgHint = call.startsWith('organizations:')
        ? ' Organizations policies can be read only from the management account or a delegated administrator.'
        : '';
      return {
        kind: 'missing-permission',
        permission,
        couldNotCheck: what,
        ...unchecked,
        message: `The profile ${profile} is not allowed ${permission}, so the diagnosis could not check ${what}.${orgHint}`,
      };
    }
    case 'throttled':
      return { kind: 'throttled', message: `AWS throttled ${call} ${attempts} times in a row; wait a minute and check again.` };
    case 'expired-credentials':
      return { kind: 'expired-credentials', message: `The credentials of profile ${profile} have expired: for a profile signed in with IAM Identity Center, sign in again; for access keys, update the keys.` };
    case 'invalid-credentials':
      return {
        kind: 'invalid-credentials',
        message: `AWS rejected the credentials of profile ${profile} (${error.code}); check the access key ID and secret access key.`,
      };
    case 'clock-skew':
      return {
        kind: 'clock-skew',
        message: `This device's clock is off, so AWS rejected the signed request (${error.code}); set the clock to automatic time and check again.`,
      };
    case 'network':
      return {
        kind: 'network',
        message: error.code === 'TimeoutError'
          ? `AWS did not answer ${call} in time, ${attempts} tries; check the network and try again.`
          : `Could not reach AWS for ${call} (${error.code}): no network, or the endpoint is blocked.`,
      };
    case 'server-error':
      return {
        kind: 'server-error',
        ...(couldNotCheck || info.couldNotCheck ? { couldNotCheck: couldNotCheck ?? info.couldNotCheck } : {}),
        ...unchecked,
        message: `AWS answered ${call} with a server error ${attempts} times (${error.code}${error.httpStatus ? `, HTTP ${error.httpStatus}` : ''}), so the diagnosis could not check ${couldNotCheck ?? info.couldNotCheck}; try again later.`,
      };
    case 'aborted':
      return { kind: 'unknown', message: 'The diagnosis was cancelled.' };
    default:
      return { kind: 'unknown', message: `${call} failed with ${error.code}.` };
  }
}
