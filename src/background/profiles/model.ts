// What the worker keeps about profiles (where each kind lives is decided in ../storage/areas.ts). Profiles and
// long-term secret keys (sealed by the vault when the user set a passphrase) are in the kept area; every secret
// that is temporary (session-token keys, assumed-role credentials, Identity Center tokens and role credentials)
// lives only in storage.session, which never reaches disk.
import type { CredentialKind, IdentitySeen, Partition, RoleToAssume } from '../../shared/protocol-profiles.ts';
import { PARTITION_NAMES, roleCheck } from '../../shared/protocol-profiles.ts';
import { arr, bool, int, nullable, obj, oneOf, record, str, type Check } from '../../shared/validate.ts';

interface ProfileCommon {
  id: string;
  name: string;
  partition: Partition;
  /** Home Region: where STS is called and what the diagnosis assumes. */
  region: string;
  /** One URL for every AWS endpoint the profile uses (tests, compatible local endpoints). */
  endpoint: string | null;
  /** The user turned on "custom endpoint": `endpoint` need not be an AWS endpoint of the partition. */
  customEndpoint: boolean;
  /** The identity of the last successful Test; its account picks the profile for a denial. */
  lastTest: IdentitySeen | null;
}

export interface KeysProfile extends ProfileCommon {
  kind: 'keys';
  credentialKind: CredentialKind;
  accessKeyId: string;
  role: RoleToAssume | null;
}

export interface SsoAssignment {
  accountId: string;
  accountName: string;
  roles: string[];
}

export interface IdentityCenterProfile extends ProfileCommon {
  kind: 'identity-center';
  startUrl: string;
  ssoRegion: string;
  /** Accounts and roles from the last sign-in; not secret, kept so the profile can be chosen while signed out. */
  assignments: SsoAssignment[];
  /** accountId → the role the user marked as preferred for diagnoses in that account. */
  preferredRoles: Record<string, string>;
}

export type StoredProfile = KeysProfile | IdentityCenterProfile;

/** The long-term secret access key at rest: plain (no passphrase) or sealed by the vault. */
export type StoredSecret = { format: 'plain'; secretAccessKey: string } | { format: 'sealed'; iv: string; data: string };

/** Temporary credentials (storage.session only). expiresAt in ms since epoch, null when unknown. */
export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiresAt: number | null;
}

export const KEPT_KEYS = {
  profiles: 'profiles',
  vault: 'vault',
  idleLockMinutes: 'vault-idle-lock-minutes',
  secret: (profileId: string) => `profile-secret:${profileId}`,
} as const;

export const SESSION_KEYS = {
  vaultKey: 'vault-key',
  vaultUsedAt: 'vault-used-at',
  temporaryKeys: (profileId: string) => `temporary-keys:${profileId}`,
  assumedRole: (profileId: string) => `assumed-role:${profileId}`,
} as const;

const common = {
  id: str(200),
  name: str(100),
  partition: oneOf(...PARTITION_NAMES),
  region: str(40),
  endpoint: nullable(str(2048)),
  customEndpoint: bool,
  lastTest: nullable(obj({ accountId: str(12), arn: str(2048), at: int })),
};

const keysProfileCheck = obj({
  ...common,
  kind: oneOf('keys'),
  credentialKind: oneOf('long-term', 'temporary'),
  accessKeyId: str(128),
  role: nullable(roleCheck),
});

const ssoProfileCheck = obj({
  ...common,
  kind: oneOf('identity-center'),
  startUrl: str(2048),
  ssoRegion: str(40),
  assignments: arr(obj({ accountId: str(12), accountName: str(200), roles: arr(str(64), 500) }), 5000),
  preferredRoles: record(str(64), 5000),
});

export const storedProfileCheck: Check = (v, p) =>
  (v as { kind?: unknown } | null)?.kind === 'identity-center' ? ssoProfileCheck(v, p) : keysProfileCheck(v, p);

export const storedSecretCheck: Check = (v, p) =>
  (v as { format?: unknown } | null)?.format === 'sealed'
    ? obj({ format: oneOf('sealed'), iv: str(64), data: str(4096) })(v, p)
    : obj({ format: oneOf('plain'), secretAccessKey: str(1024) })(v, p);

export const sessionCredentialsCheck: Check = obj({
  accessKeyId: str(128),
  secretAccessKey: str(1024),
  sessionToken: str(16_384),
  expiresAt: nullable(int),
});
