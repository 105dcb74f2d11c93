// The one error the frame shows, from everything that may report it: the profile's state, the diagnosis' problems,
// the worker's own message and a failed request. The same trouble reaches the frame by several of these at once
// (expired keys: the profile's state, the failed verdict and its problem), so they are merged into one alert worded
// for the profile's kind, with its own action; the raw texts are its evidence.

import type { Diagnosis, DiagnosisFailureKind } from '../core/diagnosis.ts';
import type { ProfileSummary } from '../shared/protocol.ts';

export type ErrorAction = 'update-keys' | 'unlock' | 'sign-in' | 'grant-permission' | 'try-again';

export interface FrameError {
  kind: 'locked' | 'keys-expired' | 'keys-rejected' | 'sign-in' | 'missing-permission' | 'throttled' | 'unreachable' | 'clock-skew' | 'aws-error' | 'failed';
  title: string;
  body: string;
  action: ErrorAction;
  /** The raw texts behind it (the worker's, AWS's), behind "Show evidence". */
  evidence: EvidenceLine[];
}

/** One raw text; `problem` when it is one of the diagnosis' problems. */
export interface EvidenceLine {
  text: string;
  problem?: DiagnosisFailureKind;
}

export interface FrameErrorInput {
  profile: ProfileSummary | null;
  diagnosis: Diagnosis | null;
  /** The worker's own words when it did not diagnose. */
  runMessage: string | null;
  /** The request to the worker failed. */
  runError: string | null;
}

const CREDENTIALS_REFUSED: ReadonlySet<DiagnosisFailureKind> = new Set(['expired-credentials', 'invalid-credentials', 'sign-in-required']);

/** Kinds after the credential ones, most telling first. */
const BY_KIND: readonly [DiagnosisFailureKind, Omit<FrameError, 'evidence'>][] = [
  ['throttled', { kind: 'throttled', title: 'AWS is throttling the diagnosis', body: 'Wait a minute, then try again.', action: 'try-again' }],
  ['network', { kind: 'unreachable', title: 'AWS could not be reached', body: "Check the network, or the profile's endpoint on the options page, then try again.", action: 'try-again' }],
  ['clock-skew', { kind: 'clock-skew', title: "This device's clock is off", body: 'AWS refuses requests signed with a wrong time: set the clock to automatic time, then try again.', action: 'try-again' }],
  ['server-error', { kind: 'aws-error', title: 'AWS could not answer a lookup', body: 'It answered with a server error, so part of the diagnosis could not run. Try again in a moment.', action: 'try-again' }],
];

function problemsOf(diagnosis: Diagnosis | null): Diagnosis['problems'] {
  return diagnosis && Array.isArray(diagnosis.problems) ? diagnosis.problems : [];
}

function credentialsError(profile: ProfileSummary | null, refused: DiagnosisFailureKind | null): Omit<FrameError, 'evidence'> | null {
  if (!profile) return null;
  const name = `"${profile.name}"`;
  if (profile.state === 'locked') {
    return { kind: 'locked', title: 'The profile vault is locked', body: 'Unlock it with your passphrase on the options page, then diagnose.', action: 'unlock' };
  }
  if (profile.state !== 'sign-in-required' && refused === null) return null;
  if (profile.kind === 'identity-center') {
    return { kind: 'sign-in', title: `The IAM Identity Center session of ${name} has ended`, body: 'Sign in again, then re-check.', action: 'sign-in' };
  }
  if (refused === 'invalid-credentials') {
    return { kind: 'keys-rejected', title: `AWS rejected the access keys of ${name}`, body: 'Check the access key ID and secret access key on the options page.', action: 'update-keys' };
  }
  // The worker does not tell expired temporary keys from a role that wants a new MFA code: both need the options page.
  return {
    kind: 'keys-expired',
    title: `The access keys of ${name} have expired or need an MFA code`,
    body: 'Paste fresh keys on the options page (or enter the MFA code there for its role), then diagnose again.',
    action: 'update-keys',
  };
}

/** The one error to show, or null when there is none. */
export function frameError({ profile, diagnosis, runMessage, runError }: FrameErrorInput): FrameError | null {
  const problems = problemsOf(diagnosis);
  const evidence: EvidenceLine[] = [
    ...(runMessage ? [{ text: runMessage }] : []),
    ...(runError ? [{ text: `The extension's worker answered: ${runError}` }] : []),
    ...(diagnosis?.status === 'failed' && !problems.some((p) => p.message === diagnosis.verdict) ? [{ text: diagnosis.verdict }] : []),
    ...problems.map((p) => ({ text: p.message, problem: p.kind })),
  ];
  const refused = problems.find((p) => CREDENTIALS_REFUSED.has(p.kind))?.kind ?? null;
  const credentials = credentialsError(profile, refused);
  if (credentials) return { ...credentials, evidence };
  const missing = problems.filter((p) => p.kind === 'missing-permission' && p.permission);
  if (missing.length > 0) {
    const permissions = [...new Set(missing.map((p) => p.permission!))].join(', ');
    const who = diagnosis?.usedProfile ? `"${diagnosis.usedProfile}"` : 'this profile';
    return {
      kind: 'missing-permission',
      title: diagnosis?.status === 'failed' ? 'The profile may not run the diagnosis' : 'The profile may not read everything',
      body: `The profile ${who} is not allowed ${permissions}. Grant it the read-only diagnostic policy to check the rest.`,
      action: 'grant-permission',
      evidence,
    };
  }
  for (const [kind, error] of BY_KIND) if (problems.some((p) => p.kind === kind)) return { ...error, evidence };
  if (runError) return { kind: 'failed', title: 'The diagnosis could not run', body: "The extension's worker did not answer; try again.", action: 'try-again', evidence };
  if (diagnosis?.status === 'failed') {
    return { kind: 'failed', title: 'The diagnosis reached no verdict', body: 'The explanation from the message still stands; the evidence says why.', action: 'try-again', evidence };
  }
  return null;
}
