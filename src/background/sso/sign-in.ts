// Identity Center sign-in: start the device flow, open the verification page with the code filled in, poll for
// the token, then list the accounts and roles. The pending authorization is kept in storage.session after every
// poll, so a worker that is stopped mid-flow picks it up again at its next start (resumeSignIns) or at the next
// message about the profile (status, sign-in). No alarms: the manifest has no "alarms" permission.
import type { SsoStatus } from '../../shared/protocol-profiles.ts';
import { AWS_HOST_PATTERNS } from '../../shared/protocol-profiles.ts';
import { browser } from '../../shared/compat.ts';
import { classifyAwsError } from '../../engine/aws-errors.ts';
import type { IdentityCenterProfile } from '../profiles/model.ts';
import { getProfile, updateProfile } from '../profiles/store.ts';
import { keysWithPrefix, readChecked, remove, write } from '../storage/areas.ts';
import { oidcClient, portalClient } from './clients.ts';
import { pendingCheck, SSO_SESSION_KEYS, type PendingSignIn } from './model.ts';
import { pollOnce, registerClient, startDeviceAuthorization } from './oidc.ts';
import { listAssignments, logout } from './portal.ts';
import { accessToken, readRegistration, readToken, writeRegistration, writeToken } from './session.ts';
import { bool, obj, str } from '../../shared/validate.ts';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/** One polling loop per profile in this worker. */
const loops = new Map<string, Promise<void>>();

const readPending = (profileId: string) => readChecked<PendingSignIn>('session', SSO_SESSION_KEYS.pending(profileId), pendingCheck);
/** The last outcome of a sign-in; a problem asks for a new sign-in and the options page shows it as an error. */
interface StoredMessage {
  text: string;
  problem: boolean;
}
const messageCheck = obj({ text: str(500), problem: bool });
const readMessage = (profileId: string) => readChecked<StoredMessage>('session', SSO_SESSION_KEYS.message(profileId), messageCheck);
const writeMessage = (profileId: string, text: string, problem: boolean) =>
  write('session', SSO_SESSION_KEYS.message(profileId), { text, problem } satisfies StoredMessage);

async function identityCenterProfile(profileId: string): Promise<IdentityCenterProfile> {
  const profile = await getProfile(profileId);
  if (!profile) throw new Error('There is no such profile (it may have been deleted).');
  if (profile.kind !== 'identity-center') throw new Error(`Profile "${profile.name}" uses access keys, not Identity Center.`);
  return profile;
}

/** Only pages on https (or a local test host) are opened from what the OIDC service answered. */
export function isOpenableUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || (u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost'));
  } catch {
    return false;
  }
}

async function hasHostAccess(profile: IdentityCenterProfile): Promise<boolean> {
  if (profile.endpoint) return true; // a local endpoint answers CORS itself
  try {
    return await browser.permissions.contains({ origins: [AWS_HOST_PATTERNS[profile.partition]] });
  } catch {
    return false;
  }
}

export interface SignInStart {
  started: boolean;
  message: string;
}

/** Starts (or continues) a sign-in and opens the verification page in a tab. */
export async function startSignIn(profileId: string, clock: Clock = realClock): Promise<SignInStart> {
  const profile = await identityCenterProfile(profileId);
  const now = clock.now();
  const waiting = await readPending(profileId);
  if (waiting && waiting.expiresAt > now) {
    ensurePolling(profileId, clock);
    return { started: true, message: `Sign-in is waiting for approval: confirm the code ${waiting.userCode} at ${waiting.verificationUri}.` };
  }
  if (!(await hasHostAccess(profile))) {
    return {
      started: false,
      message: `why-denied may not reach Identity Center in ${profile.ssoRegion} yet: press "Sign in" on the options page once and allow access to ${AWS_HOST_PATTERNS[profile.partition]}.`,
    };
  }
  const oidc = oidcClient(profile);
  let pending: PendingSignIn;
  try {
    const register = async () => {
      const fresh = await registerClient(oidc, profile.ssoRegion, profile.startUrl, now);
      await writeRegistration(profileId, fresh);
      return fresh;
    };
    const cached = await readRegistration(profile, now);
    try {
      pending = await startDeviceAuthorization(oidc, cached ?? (await register()), now);
    } catch (error) {
      // A cached client registration that Identity Center no longer knows (revoked, or the instance was recreated):
      // register again, once, instead of failing every sign-in until the registration would have expired.
      if (!cached || (error as { name?: unknown } | null)?.name !== 'InvalidClientException') throw error;
      pending = await startDeviceAuthorization(oidc, await register(), now);
    }
  } catch (error) {
    const { kind, code } = classifyAwsError(error);
    const why = kind === 'network' ? `could not reach Identity Center in ${profile.ssoRegion} (${code})` : `Identity Center refused to start a sign-in (${code})`;
    return { started: false, message: `Sign-in did not start: ${why}. Check the start URL and Region.` };
  }
  await write('session', SSO_SESSION_KEYS.pending(profileId), pending);
  await remove('session', SSO_SESSION_KEYS.message(profileId));
  if (isOpenableUrl(pending.verificationUriComplete)) {
    try {
      await browser.tabs.create({ url: pending.verificationUriComplete });
    } catch {
      // No window to open a tab in; the code and the address are in the reply.
    }
  }
  ensurePolling(profileId, clock);
  return { started: true, message: `Confirm the code ${pending.userCode} on the page that opened (${pending.verificationUri}).` };
}

/** Starts the polling loop for a pending sign-in unless one is already running in this worker. */
export function ensurePolling(profileId: string, clock: Clock = realClock): Promise<void> {
  let loop = loops.get(profileId);
  if (!loop) {
    loop = pollUntilSettled(profileId, clock).finally(() => loops.delete(profileId));
    loops.set(profileId, loop);
  }
  return loop;
}

async function pollUntilSettled(profileId: string, clock: Clock): Promise<void> {
  for (;;) {
    const pending = await readPending(profileId);
    if (!pending) return;
    const wait = Math.min(pending.nextPollAt, pending.expiresAt) - clock.now();
    if (wait > 0) await clock.sleep(wait);
    // Signed out, or a new sign-in replaced this one, while we slept.
    const current = await readPending(profileId);
    if (!current || current.deviceCode !== pending.deviceCode) return;
    const profile = await getProfile(profileId);
    const registration = profile?.kind === 'identity-center' ? await readRegistration(profile, clock.now()) : null;
    if (!profile || profile.kind !== 'identity-center' || !registration) {
      await remove('session', SSO_SESSION_KEYS.pending(profileId));
      if (profile) await writeMessage(profileId, 'The sign-in was interrupted. Sign in again.', true);
      return;
    }
    const outcome = await pollOnce(oidcClient(profile), registration, current, clock.now());
    if (outcome.kind === 'pending') {
      await write('session', SSO_SESSION_KEYS.pending(profileId), outcome.next);
      continue;
    }
    await remove('session', SSO_SESSION_KEYS.pending(profileId));
    if (outcome.kind === 'failed') {
      if (outcome.reason === 'client-rejected') await remove('session', SSO_SESSION_KEYS.registration(profileId));
      await writeMessage(profileId, outcome.message, true);
      return;
    }
    await writeToken(profileId, outcome.token);
    await refreshAssignments(profile, outcome.token.accessToken);
    return;
  }
}

/** Lists accounts and roles with a fresh token and keeps them on the profile. */
async function refreshAssignments(profile: IdentityCenterProfile, token: string): Promise<void> {
  try {
    const assignments = await listAssignments(portalClient(profile), token);
    await updateProfile(profile.id, (p) => (p.kind === 'identity-center' ? { ...p, assignments } : p));
    const roles = assignments.reduce((n, a) => n + a.roles.length, 0);
    await writeMessage(profile.id, `Signed in: ${assignments.length} account${assignments.length === 1 ? '' : 's'}, ${roles} role${roles === 1 ? '' : 's'}.`, false);
  } catch (error) {
    await writeMessage(profile.id, `Signed in, but listing the accounts and roles failed (${classifyAwsError(error).code}). Sign in again to retry.`, true);
  }
}

/** At worker start: pick up every sign-in that was waiting for approval when the worker stopped. */
export async function resumeSignIns(clock: Clock = realClock): Promise<void> {
  const prefix = SSO_SESSION_KEYS.pending('');
  for (const key of await keysWithPrefix('session', prefix)) void ensurePolling(key.slice(prefix.length), clock);
}

export async function ssoStatus(profileId: string, clock: Clock = realClock): Promise<SsoStatus> {
  const profile = await identityCenterProfile(profileId);
  const now = clock.now();
  const pending = await readPending(profileId);
  if (pending) void ensurePolling(profileId, clock);
  const token = pending ? null : await accessToken(profile, now);
  const signedIn = token?.ok === true;
  const stored = await readMessage(profileId);
  return {
    profileId,
    state: pending ? 'pending' : signedIn ? 'signed-in' : 'signed-out',
    userCode: pending?.userCode ?? null,
    verificationUri: pending?.verificationUri ?? null,
    codeExpiresAt: pending?.expiresAt ?? null,
    sessionExpiresAt: token?.ok ? token.value.expiresAt : null,
    renewable: token?.ok ? token.value.refreshToken !== null && (await readRegistration(profile, now)) !== null : false,
    accounts: profile.assignments.map((a) => ({ ...a, preferredRole: profile.preferredRoles[a.accountId] ?? null })),
    // "Signed in: …" speaks only for the session it reports; a problem stays until the next sign-in starts.
    message: stored && !stored.problem && signedIn ? stored.text : null,
    problem: stored?.problem ? stored.text : token && !token.ok && profile.assignments.length > 0 ? token.message : null,
  };
}

/** Forgets the tokens, the role credentials, the probe results, the pending code and the client registration. */
export async function signOut(profileId: string): Promise<void> {
  const profile = await getProfile(profileId);
  const token = await readToken(profileId);
  if (profile?.kind === 'identity-center' && token) await logout(portalClient(profile), token.accessToken);
  const keys = new Set<string>();
  for (const prefix of SSO_SESSION_KEYS.prefixes(profileId)) for (const key of await keysWithPrefix('session', prefix)) keys.add(key);
  await remove('session', [...keys]);
  await remove('session', SSO_SESSION_KEYS.registration(profileId));
  await updateProfile(profileId, (p) => (p.kind === 'identity-center' ? { ...p, assignments: [] } : p));
}

export async function preferRole(profileId: string, accountId: string, roleName: string | null): Promise<void> {
  const profile = await identityCenterProfile(profileId);
  const assignment = profile.assignments.find((a) => a.accountId === accountId);
  if (roleName !== null && !assignment?.roles.includes(roleName)) throw new Error(`Role ${roleName} is not assigned to you in account ${accountId}.`);
  await updateProfile(profileId, (p) => {
    if (p.kind !== 'identity-center') return p;
    const preferredRoles = { ...p.preferredRoles };
    if (roleName === null) delete preferredRoles[accountId];
    else preferredRoles[accountId] = roleName;
    return { ...p, preferredRoles };
  });
}
