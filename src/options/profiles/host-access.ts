// Which AWS hosts a profile needs, and asking for them. browser.permissions.request only works while the click
// that asked is being handled, so callers start the request first, before any await.
import { AWS_HOST_PATTERNS, type Partition } from '../../shared/protocol-profiles.ts';

/** Granted at install in Chrome (manifest host_permissions); Firefox asks for them like optional ones. */
export const MANIFEST_AWS_HOSTS = [
  'https://iam.amazonaws.com/*',
  'https://sts.amazonaws.com/*',
  'https://sts.us-east-1.amazonaws.com/*',
  'https://organizations.us-east-1.amazonaws.com/*',
  'https://iam-toolbox.us-east-1.amazonaws.com/*',
  // s3:GetBucketPolicy for the bucket owner's side of a cross-account denial (buckets elsewhere redirect to their Region's host).
  'https://s3.amazonaws.com/*',
] as const;

export interface HostNeeds {
  kind: 'keys' | 'identity-center';
  partition: Partition;
  region: string;
  endpoint: string | null;
}

/**
 * Origins to ask for; none with an endpoint override (a local endpoint answers CORS itself). The wildcard is
 * needed for Identity Center (oidc.<region>, portal.sso.<region>), for STS outside us-east-1, and for the
 * other partitions; it covers the manifest hosts too.
 */
export function originsFor(profile: HostNeeds): string[] {
  if (profile.endpoint) return [];
  const regional = profile.kind === 'identity-center' || profile.partition !== 'aws' || profile.region !== 'us-east-1';
  return regional ? [AWS_HOST_PATTERNS[profile.partition]] : [...MANIFEST_AWS_HOSTS];
}

/** Resolves true when every origin is granted. Call it synchronously inside a click handler. */
export type HostAccess = (origins: string[]) => Promise<boolean>;
