// Where and as whom the engine calls AWS. Resolved by the background (profiles, Identity Center) or
// the CLI (shared config); the engine never reads credentials itself.

import type { DiagnosisStep } from '../core/diagnosis.ts';
import type { Partition } from './partitions.ts';

export type AwsService = 'iam' | 'sts' | 'organizations' | 'iam-toolbox' | 's3';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export interface AwsTarget {
  profileName: string;
  credentials: AwsCredentials;
  /** Home Region of the profile. */
  region: string;
  partition: Partition;
  /** One URL for IAM, STS and Organizations (tests, local endpoints). */
  endpoint?: string | null;
  /** Per-service overrides (CLI environment variables); win over `endpoint`. */
  endpoints?: Partial<Record<AwsService, string>>;
  systemClockOffsetMs?: number;
}

export interface DiagnoseOptions {
  onStep?: (step: DiagnosisStep) => void;
  signal?: AbortSignal;
  /** How long one HTTP attempt may take before it is abandoned (and retried); 8 s by default. */
  attemptTimeoutMs?: number;
  /** The console page the denial was on: tells iam:PassRole which service the role is passed to. */
  pageUrl?: string | null;
}
