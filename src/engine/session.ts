// One diagnosis's conversation with AWS: counts every HTTP attempt, retries throttling with bounded
// exponential backoff and jitter (about 1 s worst case for 3 tries), applies a per-attempt timeout
// and the caller's AbortSignal, and turns failures into DiagnosisProblems with one-line messages.

import type { DiagnosisProblem, Evidence } from '../core/diagnosis.ts';
import { AWS_CALLS, type AwsCallName } from './aws-calls.ts';
import { classifyAwsError, type ClassifiedAwsError } from './aws-errors.ts';
import { createClients, type AwsClients } from './clients.ts';
import type { AwsTarget } from './target.ts';

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  attemptTimeoutMs: number;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 300, attemptTimeoutMs: 8000 };

export type CallOutcome<T> = { ok: true; value: T } | { ok: false; call: AwsCallName; error: ClassifiedAwsError };

/** Failures after which no further call can succeed: stop the diagnosis. */
const FATAL_KINDS = new Set(['throttled', 'expired-credentials', 'invalid-credentials', 'clock-skew', 'network', 'aborted']);

export class AwsSession {
  readonly clients: AwsClients;
  calls = 0;
  readonly evidence: Evidence[] = [];
  readonly problems: DiagnosisProblem[] = [];
  /** Set by the first failure that makes further calls pointless. */
  fatal: ClassifiedAwsError | null = null;
  fatalCall: AwsCallName | null = null;
  /** Calls the profile was refused once: asking again in the same diagnosis would only be refused again. */
  private readonly refused = new Map<AwsCallName, ClassifiedAwsError>();

  constructor(
    readonly target: AwsTarget,
    private readonly signal?: AbortSignal,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    private readonly random: () => number = Math.random,
  ) {
    this.clients = createClients(target);
  }

  async send<T>(call: AwsCallName, run: (clients: AwsClients, abortSignal: AbortSignal) => Promise<T>): Promise<CallOutcome<T>> {
    if (this.fatal) return { ok: false, call, error: this.fatal };
    const refused = this.refused.get(call);
    if (refused) return { ok: false, call, error: refused };
    let resigned = false;
    for (let attempt = 1; ; ) {
      if (this.signal?.aborted) return this.fail(call, { kind: 'aborted', code: 'AbortError', httpStatus: null, retryable: false });
      this.calls++;
      try {
        const timeout = AbortSignal.timeout(this.retry.attemptTimeoutMs);
        const abortSignal = this.signal ? AbortSignal.any([this.signal, timeout]) : timeout;
        return { ok: true, value: await run(this.clients, abortSignal) };
      } catch (thrown) {
        const error = classifyAwsError(thrown);
        if (error.kind === 'aborted' && !this.signal?.aborted) {
          // Our own per-attempt timeout, not the caller's cancel.
          return this.fail(call, { kind: 'network', code: 'TimeoutError', httpStatus: null, retryable: false });
        }
        if (error.kind === 'clock-skew' && !resigned) {
          // The SDK has just taken the clock offset from AWS's Date header: sign once more with it.
          resigned = true;
          this.note(call, `${error.code}: this device's clock is off; signed again with AWS's time`);
          continue;
        }
        if (!error.retryable || attempt >= this.retry.attempts) return this.fail(call, error);
        await this.backoff(attempt++);
      }
    }
  }

  note(call: string, said: string): void {
    this.evidence.push({ call, said });
  }

  /** Records the problem for a failed call (once per permission or kind). */
  report(outcome: { call: AwsCallName; error: ClassifiedAwsError }, couldNotCheck?: string): DiagnosisProblem {
    const problem = problemFor(this.target, outcome.call, outcome.error, this.retry.attempts, couldNotCheck);
    const duplicate = this.problems.find((p) => p.kind === problem.kind && p.permission === problem.permission);
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
    if (FATAL_KINDS.has(error.kind) && !this.fatal) {
      this.fatal = error;
      this.fatalCall = call;
    }
    this.note(call, `failed: ${error.code}${error.httpStatus ? ` (HTTP ${error.httpStatus})` : ''}`);
    return { ok: false, call, error };
  }

  /** Equal jitter: half the exponential step fixed, half random, so retries spread but stay bounded. */
  private async backoff(attempt: number): Promise<void> {
    const step = this.retry.baseDelayMs * 2 ** (attempt - 1);
    const delay = step / 2 + this.random() * (step / 2);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delay);
      this.signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
    });
  }
}

function problemFor(
  target: AwsTarget,
  call: AwsCallName,
  error: ClassifiedAwsError,
  attempts: number,
  couldNotCheck?: string,
): DiagnosisProblem {
  const info = AWS_CALLS[call];
  const profile = `"${target.profileName}"`;
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
        message: `The profile ${profile} is not allowed ${permission}, so the diagnosis could not check ${what}.${orgHint}`,
      };
    }
    case 'throttled':
      return { kind: 'throttled', message: `AWS throttled ${call} ${attempts} times in a row; wait a minute and check again.` };
    case 'expired-credentials':
      return { kind: 'expired-credentials', message: `The credentials of profile ${profile} have expired; sign in again or refresh them.` };
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
          ? `AWS did not answer ${call} in time; check the network and try again.`
          : `Could not reach AWS for ${call} (${error.code}): no network, or the endpoint is blocked.`,
      };
    case 'server-error':
      return { kind: 'server-error', message: `AWS answered ${call} with a server error (${error.code}${error.httpStatus ? `, HTTP ${error.httpStatus}` : ''}); try again later.` };
    case 'aborted':
      return { kind: 'unknown', message: 'The diagnosis was cancelled.' };
    default:
      return { kind: 'unknown', message: `${call} failed with ${error.code}.` };
  }
}
