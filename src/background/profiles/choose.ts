// Which profile diagnoses a denial: one whose account is the denied account (known from its last successful Test,
// its role ARN, or its Identity Center assignments), the readiest first. With no match, a profile whose account is
// not known yet may still be the right one; a profile known to be in another account is never picked on its own.
import type { ProfileSummary } from '../../shared/protocol.ts';

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
