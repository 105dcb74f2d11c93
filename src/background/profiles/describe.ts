// How a profile looks from outside the worker: its state (ready, locked, sign-in-required, untested), when its
// credentials expire, who it is for the panel. Read from storage only, no network, so the panel's profile list
// is instant. None of these shapes has room for a secret.
import type { ProfileSummary } from '../../shared/protocol.ts';
import type { ProfileView } from '../../shared/protocol-profiles.ts';
import { accountsOf, type ProfileCandidate } from './choose.ts';
import { KEPT_KEYS, storedSecretCheck, type StoredProfile, type StoredSecret } from './model.ts';
import { readChecked } from '../storage/areas.ts';
import { readAssumedRole, readTemporaryKeys, stillValid } from './store.ts';
import { hasSecret, isLocked } from './vault.ts';
import { pendingCheck, SSO_SESSION_KEYS, type PendingSignIn } from '../sso/model.ts';
import { readRegistration, readToken } from '../sso/session.ts';

export interface ProfileCondition {
  state: ProfileSummary['state'];
  expiresAt: number | null;
}

export async function conditionOf(profile: StoredProfile, now = Date.now()): Promise<ProfileCondition> {
  if (profile.kind === 'identity-center') {
    const pending = await readChecked<PendingSignIn>('session', SSO_SESSION_KEYS.pending(profile.id), pendingCheck);
    const token = await readToken(profile.id);
    if (pending || !token) return { state: 'sign-in-required', expiresAt: null };
    const renewable = token.refreshToken !== null && (await readRegistration(profile, now)) !== null;
    return { state: token.expiresAt > now + 60_000 || renewable ? 'ready' : 'sign-in-required', expiresAt: token.expiresAt };
  }
  const tested = profile.lastTest ? 'ready' : 'untested';
  if (profile.role) {
    // Cached role credentials work whatever the state of the keys they came from (see keysAccess).
    const assumed = await readAssumedRole(profile.id);
    if (stillValid(assumed, now)) return { state: tested, expiresAt: assumed.expiresAt };
  }
  let expiresAt: number | null = null;
  if (profile.credentialKind === 'temporary') {
    const keys = await readTemporaryKeys(profile.id);
    expiresAt = keys?.expiresAt ?? null;
    if (!stillValid(keys, now)) return { state: 'sign-in-required', expiresAt };
  } else {
    const secret = await readChecked<StoredSecret>('kept', KEPT_KEYS.secret(profile.id), storedSecretCheck);
    if (!secret) return { state: 'sign-in-required', expiresAt: null };
    if (secret.format === 'sealed' && (await isLocked())) return { state: 'locked', expiresAt: null };
  }
  // Without an MFA code the worker cannot assume the role by itself: the user presses Test with a code.
  if (profile.role?.mfaSerial) return { state: 'sign-in-required', expiresAt: null };
  return { state: tested, expiresAt };
}

export async function candidateOf(profile: StoredProfile, now = Date.now()): Promise<ProfileCandidate> {
  return { id: profile.id, state: (await conditionOf(profile, now)).state, accounts: accountsOf(profile) };
}

export async function summaryOf(profile: StoredProfile, deniedAccount: string | null, now = Date.now()): Promise<ProfileSummary> {
  const { state, expiresAt } = await conditionOf(profile, now);
  const accounts = accountsOf(profile) ?? [];
  const accountId = deniedAccount && accounts.includes(deniedAccount) ? deniedAccount : accounts.length === 1 ? (accounts[0] ?? null) : null;
  return { id: profile.id, name: profile.name, kind: profile.kind, accountId, state, expiresAt };
}

/** The options page's view. `sso` is filled in by the handler (it may renew a token). */
export async function viewOf(profile: StoredProfile, now = Date.now()): Promise<ProfileView> {
  const { state, expiresAt } = await conditionOf(profile, now);
  const common = {
    id: profile.id,
    name: profile.name,
    kind: profile.kind,
    partition: profile.partition,
    region: profile.region,
    endpoint: profile.endpoint,
    customEndpoint: profile.customEndpoint,
    lastTest: profile.lastTest,
    state,
    expiresAt,
    sso: null,
  };
  if (profile.kind === 'identity-center') {
    return {
      ...common,
      credentialKind: null, accessKeyId: null, secretSaved: false, temporaryKeysPresent: false, role: null,
      startUrl: profile.startUrl, ssoRegion: profile.ssoRegion,
    };
  }
  const temporary = profile.credentialKind === 'temporary' ? await readTemporaryKeys(profile.id) : null;
  return {
    ...common,
    credentialKind: profile.credentialKind,
    accessKeyId: profile.accessKeyId,
    secretSaved: profile.credentialKind === 'long-term' ? await hasSecret(profile.id) : temporary !== null,
    temporaryKeysPresent: temporary !== null,
    role: profile.role,
    startUrl: null,
    ssoRegion: null,
  };
}
