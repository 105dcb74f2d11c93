// An Identity Center profile's session: the access token (renewed with the refresh token before it expires, when
// the registration allows it) and role credentials per account and role, all in storage.session.
import type { IdentityCenterProfile, SessionCredentials } from '../profiles/model.ts';
import { sessionCredentialsCheck } from '../profiles/model.ts';
import { stillValid } from '../profiles/store.ts';
import { readChecked, remove, write } from '../storage/areas.ts';
import { classifyAwsError } from '../../engine/aws-errors.ts';
import { oidcClient, portalClient } from './clients.ts';
import { registrationCheck, SSO_SESSION_KEYS, tokenCheck, type SsoRegistration, type SsoToken } from './model.ts';
import { refreshSsoToken } from './oidc.ts';
import { getRoleCredentials } from './portal.ts';

/** Renew this long before expiry, so a diagnosis never starts with a token about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000;
/** A registration this close to its expiry is replaced at the next sign-in. */
const REGISTRATION_MARGIN_MS = 60 * 60_000;

export type SsoAccess<T> = { ok: true; value: T } | { ok: false; state: 'sign-in-required' | 'error'; message: string };

const signInRequired = (profile: IdentityCenterProfile, why: string): SsoAccess<never> => ({
  ok: false,
  state: 'sign-in-required',
  message: `${why} Sign in to Identity Center again for "${profile.name}".`,
});

export const readToken = (profileId: string) => readChecked<SsoToken>('session', SSO_SESSION_KEYS.token(profileId), tokenCheck);
export const writeToken = (profileId: string, token: SsoToken) => write('session', SSO_SESSION_KEYS.token(profileId), token);

export async function readRegistration(profile: IdentityCenterProfile, now = Date.now()): Promise<SsoRegistration | null> {
  const cached = await readChecked<SsoRegistration>('session', SSO_SESSION_KEYS.registration(profile.id), registrationCheck);
  const fits = cached && cached.region === profile.ssoRegion && cached.startUrl === profile.startUrl && cached.expiresAt - now > REGISTRATION_MARGIN_MS;
  return fits ? cached : null;
}

export const writeRegistration = (profileId: string, registration: SsoRegistration) =>
  write('session', SSO_SESSION_KEYS.registration(profileId), registration);

/** A usable access token, renewed first if it is close to expiry and renewable. */
export async function accessToken(profile: IdentityCenterProfile, now = Date.now()): Promise<SsoAccess<SsoToken>> {
  const token = await readToken(profile.id);
  if (!token) return signInRequired(profile, 'There is no Identity Center session in this browser session.');
  if (token.expiresAt - now > REFRESH_MARGIN_MS) return { ok: true, value: token };
  const registration = token.refreshToken ? await readRegistration(profile, now) : null;
  if (registration) {
    const renewed = await refreshSsoToken(oidcClient(profile), registration, token, now);
    if (renewed.ok) {
      await writeToken(profile.id, renewed.token);
      return { ok: true, value: renewed.token };
    }
    if (!renewed.transient) await remove('session', SSO_SESSION_KEYS.token(profile.id));
  }
  if (token.expiresAt > now + 60_000) return { ok: true, value: token };
  await remove('session', SSO_SESSION_KEYS.token(profile.id));
  return signInRequired(profile, `The Identity Center session ended at ${new Date(token.expiresAt).toISOString()}.`);
}

const roleKey = (profileId: string, accountId: string, roleName: string) => SSO_SESSION_KEYS.roleCredentials(profileId, accountId, roleName);

/**
 * Role credentials for one account and role: cached until close to expiry, then fetched again with the token.
 * `fresh` skips the cache, which also proves the session is still alive (the portal refuses an ended one).
 */
export async function roleCredentials(profile: IdentityCenterProfile, accountId: string, roleName: string, now = Date.now(), fresh = false): Promise<SsoAccess<SessionCredentials>> {
  const key = roleKey(profile.id, accountId, roleName);
  const cached = fresh ? null : await readChecked<SessionCredentials>('session', key, sessionCredentialsCheck);
  if (stillValid(cached, now)) return { ok: true, value: cached };
  const token = await accessToken(profile, now);
  if (!token.ok) return token;
  try {
    const credentials = await getRoleCredentials(portalClient(profile), token.value.accessToken, accountId, roleName);
    await write('session', key, credentials);
    return { ok: true, value: credentials };
  } catch (error) {
    const { code } = classifyAwsError(error);
    if (code === 'UnauthorizedException') {
      await remove('session', [SSO_SESSION_KEYS.token(profile.id), key]);
      return signInRequired(profile, 'Identity Center no longer accepts the session.');
    }
    if (code === 'ForbiddenException' || code === 'ResourceNotFoundException')
      return { ok: false, state: 'error', message: `Identity Center did not give credentials for role ${roleName} in account ${accountId} (${code}): the assignment may have been removed.` };
    return { ok: false, state: 'error', message: `Could not get credentials for role ${roleName} in account ${accountId} from Identity Center (${code}).` };
  }
}
