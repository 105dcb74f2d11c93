// What an Identity Center profile keeps, and where. The access token, the refresh token, a pending device code
// and role credentials are in storage.session only. The client registration (an OAuth client id and secret for
// this extension, not a user credential) is cached in storage.local until it expires, as the AWS CLI does.
import { bool, int, nullable, obj, str } from '../../shared/validate.ts';

export interface SsoToken {
  accessToken: string;
  /** ms since epoch */
  expiresAt: number;
  refreshToken: string | null;
}

export interface SsoRegistration {
  clientId: string;
  clientSecret: string;
  /** ms since epoch */
  expiresAt: number;
  /** A registration belongs to one Identity Center Region and start URL. */
  region: string;
  startUrl: string;
}

/** A device authorization waiting for the user's approval; enough to resume polling after a worker restart. */
export interface PendingSignIn {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  intervalMs: number;
  /** When the device code expires, ms since epoch. */
  expiresAt: number;
  nextPollAt: number;
}

/** The cheap capability probe's answer for one role, cached for the browser session. */
export interface RoleProbe {
  canSimulate: boolean;
  detail: string;
  checkedAt: number;
}

export const SSO_SESSION_KEYS = {
  token: (profileId: string) => `sso-token:${profileId}`,
  pending: (profileId: string) => `sso-pending:${profileId}`,
  message: (profileId: string) => `sso-message:${profileId}`,
  roleCredentials: (profileId: string, accountId: string, roleName: string) => `sso-role:${profileId}:${accountId}:${roleName}`,
  probe: (profileId: string, accountId: string, roleName: string) => `sso-probe:${profileId}:${accountId}:${roleName}`,
  /** The OIDC client registration holds a client secret, so it stays in memory too (a new browser session registers again). */
  registration: (profileId: string) => `sso-registration:${profileId}`,
  /** Every session key of one profile starts with one of these. */
  prefixes: (profileId: string) => ['sso-token:', 'sso-pending:', 'sso-message:', 'sso-registration:'].map((p) => p + profileId).concat(
    [`sso-role:${profileId}:`, `sso-probe:${profileId}:`],
  ),
} as const;

export const tokenCheck = obj({ accessToken: str(16_384), expiresAt: int, refreshToken: nullable(str(16_384)) });
export const registrationCheck = obj({ clientId: str(4096), clientSecret: str(16_384), expiresAt: int, region: str(40), startUrl: str(2048) });
export const pendingCheck = obj({
  deviceCode: str(4096),
  userCode: str(64),
  verificationUri: str(2048),
  verificationUriComplete: str(2048),
  intervalMs: int,
  expiresAt: int,
  nextPollAt: int,
});
export const probeCheck = obj({ canSimulate: bool, detail: str(500), checkedAt: int });
