// The pieces every diagnosis module returns, and how they become a Diagnosis: the session's call
// count, evidence and problems are added here, and the diagnostic-policy suggestion whenever a
// permission was missing.

import type { AccountSide, BlockingLayer, BlockingPolicy, Diagnosis, DiagnosisFailureKind, DiagnosisProblem, DiagnosisStep, Evidence, RecordReading } from '../core/diagnosis.ts';
import type { PolicyStatement } from '../core/explanation.ts';
import { minimalDiagnosticPolicy } from './diagnostic-policy.ts';

export interface Verdict {
  status: Diagnosis['status'];
  blockingLayer: BlockingLayer;
  verdict: string;
  blocking: BlockingPolicy[];
  decidingConditions: string[];
  decidingKeys?: string[];
  suggestedStatement?: PolicyStatement;
  accountSides?: AccountSide[];
}

export interface RunRecord {
  calls: number;
  evidence: Evidence[];
  problems: DiagnosisProblem[];
  steps: DiagnosisStep[];
  usedProfile: string | null;
  awsRecord?: RecordReading | null;
}

/** Problems that do not make a reached verdict partial: they are the verdict. */
const VERDICT_KINDS: ReadonlySet<DiagnosisFailureKind> = new Set(['not-simulatable']);

export function assemble(verdict: Verdict, record: RunRecord, now: () => number = Date.now): Diagnosis {
  const gaps = record.problems.some((p) => !VERDICT_KINDS.has(p.kind));
  const status = verdict.status === 'done' && gaps ? 'partial' : verdict.status;
  const missingPermission = record.problems.some((p) => p.kind === 'missing-permission');
  return {
    status,
    blockingLayer: verdict.blockingLayer,
    verdict: verdict.verdict,
    blocking: verdict.blocking,
    decidingConditions: verdict.decidingConditions,
    decidingKeys: verdict.decidingKeys ?? [],
    ...(verdict.suggestedStatement ? { suggestedStatement: verdict.suggestedStatement } : {}),
    ...(verdict.accountSides ? { accountSides: verdict.accountSides } : {}),
    evidence: record.evidence,
    problems: record.problems,
    diagnosticPolicySuggestion: missingPermission ? JSON.stringify(minimalDiagnosticPolicy(), null, 2) : null,
    steps: record.steps,
    usedProfile: record.usedProfile,
    ...(record.awsRecord ? { awsRecord: record.awsRecord } : {}),
    awsCalls: record.calls,
    fromCache: false,
    finishedAt: now(),
  };
}

export function failedVerdict(message: string, blockingLayer: BlockingLayer = 'not-simulated'): Verdict {
  return { status: 'failed', blockingLayer, verdict: message, blocking: [], decidingConditions: [] };
}

/** A Diagnosis for failures before any AWS call (bad input, expired credentials, internal error). */
export function failedDiagnosis(kind: DiagnosisFailureKind, message: string, usedProfile: string | null = null, steps: DiagnosisStep[] = []): Diagnosis {
  return assemble(failedVerdict(message), { calls: 0, evidence: [], problems: [{ kind, message }], steps, usedProfile });
}
