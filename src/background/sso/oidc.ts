// The OAuth 2.0 device authorization grant (RFC 8628) against IAM Identity Center's OIDC service:
// RegisterClient → StartDeviceAuthorization → CreateToken polled at `interval`, +5 s on slow_down, until the code
// expires; and the refresh-token grant for renewing a session without a new sign-in.
import { CreateTokenCommand, RegisterClientCommand, StartDeviceAuthorizationCommand, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { classifyAwsError } from '../../engine/aws-errors.ts';
import type { PendingSignIn, SsoRegistration, SsoToken } from './model.ts';

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** The scope that makes CreateToken return a refresh token, as the AWS CLI registers with. */
export const SSO_SCOPES = ['sso:account:access'];
/** RFC 8628 section 3.2: without an interval, poll every 5 s; slow_down adds 5 s. */
const DEFAULT_INTERVAL_MS = 5000;
export const SLOW_DOWN_STEP_MS = 5000;
const CLIENT_NAME = 'why-denied';

const seconds = (s: number | undefined, fallbackMs: number) => (typeof s === 'number' && Number.isFinite(s) && s >= 0 ? s * 1000 : fallbackMs);

function required(value: string | undefined, what: string): string {
  if (!value) throw new Error(`Identity Center answered without ${what}.`);
  return value;
}

export async function registerClient(client: SSOOIDCClient, region: string, startUrl: string, now: number): Promise<SsoRegistration> {
  const out = await client.send(new RegisterClientCommand({ clientName: CLIENT_NAME, clientType: 'public', scopes: SSO_SCOPES }));
  return {
    clientId: required(out.clientId, 'a client id'),
    clientSecret: required(out.clientSecret, 'a client secret'),
    // clientSecretExpiresAt is in seconds since the epoch; without it, assume the documented 90 days.
    expiresAt: typeof out.clientSecretExpiresAt === 'number' ? out.clientSecretExpiresAt * 1000 : now + 90 * 86_400_000,
    region,
    startUrl,
  };
}

export async function startDeviceAuthorization(client: SSOOIDCClient, registration: SsoRegistration, now: number): Promise<PendingSignIn> {
  const out = await client.send(new StartDeviceAuthorizationCommand({
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    startUrl: registration.startUrl,
  }));
  const intervalMs = seconds(out.interval, DEFAULT_INTERVAL_MS);
  const verificationUri = required(out.verificationUri ?? out.verificationUriComplete, 'a verification page');
  return {
    deviceCode: required(out.deviceCode, 'a device code'),
    userCode: required(out.userCode, 'a user code'),
    verificationUri,
    verificationUriComplete: out.verificationUriComplete ?? verificationUri,
    intervalMs,
    expiresAt: now + seconds(out.expiresIn, 600_000),
    nextPollAt: now + intervalMs,
  };
}

export type PollOutcome =
  | { kind: 'token'; token: SsoToken }
  | { kind: 'pending'; next: PendingSignIn }
  | { kind: 'failed'; reason: 'expired' | 'denied' | 'client-rejected' | 'error'; message: string };

function tokenFrom(out: { accessToken?: string; expiresIn?: number; refreshToken?: string }, now: number, previousRefresh: string | null): SsoToken {
  return {
    accessToken: required(out.accessToken, 'an access token'),
    expiresAt: now + seconds(out.expiresIn, 3_600_000),
    refreshToken: out.refreshToken ?? previousRefresh,
  };
}

/** One CreateToken poll. Transient failures (network, throttling, 5xx) keep waiting until the code expires. */
export async function pollOnce(client: SSOOIDCClient, registration: SsoRegistration, pending: PendingSignIn, now: number): Promise<PollOutcome> {
  if (now >= pending.expiresAt) return expired(pending);
  try {
    const out = await client.send(new CreateTokenCommand({
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      grantType: DEVICE_CODE_GRANT,
      deviceCode: pending.deviceCode,
    }));
    return { kind: 'token', token: tokenFrom(out, now, null) };
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    const wait = (intervalMs: number): PollOutcome => ({ kind: 'pending', next: { ...pending, intervalMs, nextPollAt: now + intervalMs } });
    switch (name) {
      case 'AuthorizationPendingException':
        return wait(pending.intervalMs);
      case 'SlowDownException':
        return wait(pending.intervalMs + SLOW_DOWN_STEP_MS);
      case 'ExpiredTokenException':
        return expired(pending);
      case 'AccessDeniedException':
        return { kind: 'failed', reason: 'denied', message: 'The sign-in request was denied on the verification page. Sign in again to get a new code.' };
      case 'InvalidClientException':
      case 'UnauthorizedClientException':
      case 'InvalidGrantException':
        return { kind: 'failed', reason: 'client-rejected', message: `Identity Center rejected the sign-in (${name}). Sign in again.` };
    }
    const classified = classifyAwsError(error);
    if (['network', 'throttled', 'server-error'].includes(classified.kind)) return wait(Math.max(pending.intervalMs, 1000));
    return { kind: 'failed', reason: 'error', message: `Identity Center refused the token request (${classified.code}). Sign in again.` };
  }
}

function expired(pending: PendingSignIn): PollOutcome {
  return { kind: 'failed', reason: 'expired', message: `The code ${pending.userCode} expired before it was approved. Sign in again to get a new code.` };
}

export type RefreshOutcome = { ok: true; token: SsoToken } | { ok: false; transient: boolean; code: string };

/** The refresh-token grant. A transient failure keeps the current token; anything else ends the session. */
export async function refreshSsoToken(client: SSOOIDCClient, registration: SsoRegistration, token: SsoToken, now: number): Promise<RefreshOutcome> {
  if (!token.refreshToken) return { ok: false, transient: false, code: 'NoRefreshToken' };
  try {
    const out = await client.send(new CreateTokenCommand({
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      grantType: 'refresh_token',
      refreshToken: token.refreshToken,
    }));
    return { ok: true, token: tokenFrom(out, now, token.refreshToken) };
  } catch (error) {
    const classified = classifyAwsError(error);
    return { ok: false, transient: ['network', 'throttled', 'server-error'].includes(classified.kind), code: classified.code };
  }
}
