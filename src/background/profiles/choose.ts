// Which profile diagnoses a denial: one whose account is the denied account (known from its last successful Test,
// its role ARN, or its Identity Center assignments), the readiest first. With no match, a profile whose account is
// not known yet may still be the right one; a profile known to be in another account is never picked on its own.
import type { ProfileSummary } from '../../shared/protocol.ts';
import type { StoredProfile } from './model.ts';

export interface ProfileCandidate {
  id: string;
  state: ProfileSummary['state'];
  /** The accounts this profile can act in; null when not known yet. */
  accounts: readonly string[] | null;
}

const READINESS: Record<ProfileSummary['state'], number> = { ready: 0, untested: 1, 'sign-in-required': 2, locked: 3 };

function readiest(candidates: ProfileCandidate[]): ProfileCandidate | null {
  let best: ProfileCandidate | null = null;
  for (const c of candidates) if (!best || READINESS[c.state] < READINESS[best.state]) best = c;
  return best;
}

export function preferredProfile(candidates: readonly ProfileCandidate[], deniedAccount: string | null): string | null {
  if (deniedAccount === null) return readiest([...candidates])?.id ?? null;
  const matching = candidates.filter((c) => c.accounts?.includes(deniedAccount));
  if (matching.length > 0) return readiest(matching)?.id ?? null;
  return readiest(candidates.filter((c) => c.accounts === null))?.id ?? null;
}

const ACCOUNT_IN_ARN = /^arn:[\w-]+:iam::(\d{12}):/;

/** The accounts a profile acts in, or null when that is not known yet. */
export function accountsOf(profile: StoredProfile): string[] | null {
  if (profile.kind === 'identity-center') return profile.assignments.length > 0 ? profile.assignments.map((a) => a.accountId) : null;
  // An assumed role acts in the role's account, whatever account the keys belong to.
  const roleAccount = profile.role ? ACCOUNT_IN_ARN.exec(profile.role.roleArn)?.[1] : undefined;
  if (roleAccount) return [roleAccount];
  return profile.lastTest ? [profile.lastTest.accountId] : null;
}
