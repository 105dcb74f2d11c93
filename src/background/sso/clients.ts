// SDK clients for one Identity Center profile. Both get the profile's endpoint override, so a local endpoint
// (the test fake) serves OIDC and the portal; otherwise the SDK's own oidc.<region> / portal.sso.<region> hosts.
// No credentials: these operations are unsigned (the portal takes the access token as a bearer header).
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { SSOClient } from '@aws-sdk/client-sso';

export interface SsoEndpoint {
  ssoRegion: string;
  endpoint: string | null;
}

/** One attempt per call: the device flow has its own schedule (interval, slow_down), and callers report errors. */
export function oidcClient({ ssoRegion, endpoint }: SsoEndpoint): SSOOIDCClient {
  return new SSOOIDCClient({ region: ssoRegion, maxAttempts: 1, ...(endpoint ? { endpoint } : {}) });
}

export function portalClient({ ssoRegion, endpoint }: SsoEndpoint): SSOClient {
  return new SSOClient({ region: ssoRegion, maxAttempts: 3, ...(endpoint ? { endpoint } : {}) });
}
