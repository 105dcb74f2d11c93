// Progress of one diagnosis, as the panel shows it: each step once, in the order first reported,
// with its latest state.

import type { DiagnosisStep, DiagnosisStepId } from '../core/diagnosis.ts';

export const STEP_LABELS: Record<DiagnosisStepId, string> = {
  'aws-record': "Reading AWS's record of the denial",
  identity: 'Checking who the profile signs in as',
  'resolve-principal': 'Finding the denied user or role in IAM',
  'fetch-named-policy': 'Reading the policy named in the message',
  simulate: "Asking IAM's policy simulator",
  'what-if': 'Re-running with MFA or another Region',
  'read-scps': 'Reading policies from AWS Organizations',
  'evaluate-locally': 'Evaluating the policies locally',
};

export class StepLog {
  private readonly steps = new Map<DiagnosisStepId, DiagnosisStep>();

  constructor(private readonly onStep?: (step: DiagnosisStep) => void) {}

  set(id: DiagnosisStepId, state: DiagnosisStep['state'], detail?: string): void {
    const step: DiagnosisStep = { id, label: STEP_LABELS[id], state, ...(detail ? { detail } : {}) };
    this.steps.set(id, step);
    try {
      this.onStep?.({ ...step });
    } catch {
      // A broken progress listener must not break the diagnosis.
    }
  }

  /** Marks a step running, runs it, and closes it as done/failed from the result. */
  async run<T>(id: DiagnosisStepId, work: () => Promise<T>, describe: (result: T) => { state: 'done' | 'failed' | 'skipped'; detail?: string }): Promise<T> {
    this.set(id, 'running');
    const result = await work();
    const { state, detail } = describe(result);
    this.set(id, state, detail);
    return result;
  }

  /** Steps still marked running (after an early stop) end as failed. */
  list(): DiagnosisStep[] {
    return [...this.steps.values()].map((s) => (s.state === 'running' ? { ...s, state: 'failed' as const } : { ...s }));
  }
}
