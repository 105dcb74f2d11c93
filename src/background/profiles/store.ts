// Profile settings in the kept area (no secrets in them), and the session-only temporary credentials.
import { KEPT_KEYS, SESSION_KEYS, sessionCredentialsCheck, storedProfileCheck, type SessionCredentials, type StoredProfile } from './model.ts';
import { readChecked, remove, serialiser, write } from '../storage/areas.ts';
import { arr } from '../../shared/validate.ts';
import { storedProfileProblem } from './profile-input.ts';

const queue = serialiser();

/**
 * Every profile is checked when read, by shape and by the rules of the options form (endpoint, Regions, ARNs). A
 * damaged entry is dropped from the list rather than failing every profile.
 */
export async function listProfiles(): Promise<StoredProfile[]> {
  const raw = await readChecked<unknown[]>('kept', KEPT_KEYS.profiles, arr(() => null, 1000));
  return (raw ?? []).filter((p): p is StoredProfile => storedProfileCheck(p, 'profile') === null && storedProfileProblem(p as StoredProfile) === null);
}

export async function getProfile(id: string): Promise<StoredProfile | null> {
  return (await listProfiles()).find((p) => p.id === id) ?? null;
}

export function putProfile(profile: StoredProfile): Promise<void> {
  return queue(async () => {
    const profiles = await listProfiles();
    const at = profiles.findIndex((p) => p.id === profile.id);
    if (at >= 0) profiles[at] = profile;
    else profiles.push(profile);
    await write('kept', KEPT_KEYS.profiles, profiles);
  });
}

/** Applies a change to the stored profile as it is now (not as a handler read it earlier). */
export function updateProfile(id: string, change: (p: StoredProfile) => StoredProfile): Promise<StoredProfile | null> {
  return queue(async () => {
    const profiles = await listProfiles();
    const at = profiles.findIndex((p) => p.id === id);
    const current = profiles[at];
    if (!current) return null;
    const next = change(current);
    profiles[at] = next;
    await write('kept', KEPT_KEYS.profiles, profiles);
    return next;
  });
}

export function removeProfile(id: string): Promise<boolean> {
  return queue(async () => {
    const profiles = await listProfiles();
    const kept = profiles.filter((p) => p.id !== id);
    await write('kept', KEPT_KEYS.profiles, kept);
    return kept.length !== profiles.length;
  });
}

const EXPIRY_MARGIN_MS = 5 * 60_000;

/** Usable credentials: unexpired, with a margin so a diagnosis does not run out of time half-way. */
export function stillValid(credentials: SessionCredentials | null, now = Date.now()): credentials is SessionCredentials {
  return credentials !== null && (credentials.expiresAt === null || credentials.expiresAt - now > EXPIRY_MARGIN_MS);
}

export const readTemporaryKeys = (profileId: string) =>
  readChecked<SessionCredentials>('session', SESSION_KEYS.temporaryKeys(profileId), sessionCredentialsCheck);
export const writeTemporaryKeys = (profileId: string, credentials: SessionCredentials) =>
  write('session', SESSION_KEYS.temporaryKeys(profileId), credentials);

export const readAssumedRole = (profileId: string) =>
  readChecked<SessionCredentials>('session', SESSION_KEYS.assumedRole(profileId), sessionCredentialsCheck);
export const writeAssumedRole = (profileId: string, credentials: SessionCredentials) =>
  write('session', SESSION_KEYS.assumedRole(profileId), credentials);

export const forgetAssumedRole = (profileId: string) => remove('session', SESSION_KEYS.assumedRole(profileId));
export const forgetTemporaryKeys = (profileId: string) => remove('session', SESSION_KEYS.temporaryKeys(profileId));

export function forgetSessionCredentials(profileId: string): Promise<void> {
  return remove('session', [SESSION_KEYS.temporaryKeys(profileId), SESSION_KEYS.assumedRole(profileId)]);
}
