// Profile, vault and Identity Center messages. Only extension pages (options, popup) may send most of them;
// the panel may only start an Identity Center sign-in. No reply ever carries a secret key or a token: the
// types below have no field that could hold one, and test/unit/background/secrets-boundary.test.ts checks it.
import type { MessageSpec } from './protocol.ts';
import { bool, int, nullable, obj, oneOf, str, type Check } from './validate.ts';

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';
export const PARTITION_NAMES: readonly Partition[] = ['aws', 'aws-cn', 'aws-us-gov'];

/**
 * The optional host permission that reaches a partition's regional endpoints: Identity Center (oidc.<region>,
 * portal.sso.<region>) and STS outside us-east-1. The manifest lists these under optional_host_permissions.
 */
export const AWS_HOST_PATTERNS: Record<Partition, string> = {
  aws: 'https://*.amazonaws.com/*',
  'aws-us-gov': 'https://*.amazonaws.com/*',
  'aws-cn': 'https://*.amazonaws.com.cn/*',
};

/** Long-term keys (AKIA…) or temporary keys that come with a session token (ASIA…). */
export type CredentialKind = 'long-term' | 'temporary';

export interface RoleToAssume {
  roleArn: string;
  externalId: string | null;
  /** When set, an MFA code is asked for each time the role is assumed. */
  mfaSerial: string | null;
}

/** The fields of the options page's profile form: a refused save names the one to fix. */
export type ProfileField = 'name' | 'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'startUrl' | 'ssoRegion' | 'region' | 'endpoint' | 'roleArn' | 'externalId' | 'mfaSerial';

/** A save: done, or refused with what to fix and the field it is about (null: the form as a whole). */
export type ProfileSaveResult = { saved: true; profile: ProfileView; message: string } | { saved: false; field: ProfileField | null; message: string };

/** The options page's form, sent on save. Secrets travel only this way: page → worker, never back. */
export interface ProfileInput {
  /** null: a new profile. */
  id: string | null;
  kind: 'keys' | 'identity-center';
  name: string;
  partition: Partition;
  region: string;
  endpoint: string | null;
  /** The user confirmed an endpoint that is not AWS's own (the options page names its host in a warning). */
  customEndpoint: boolean;
  credentialKind: CredentialKind | null;
  accessKeyId: string | null;
  /** null keeps the saved secret (it is never shown again, so the form cannot send it back). */
  secretAccessKey: string | null;
  sessionToken: string | null;
  role: RoleToAssume | null;
  startUrl: string | null;
  ssoRegion: string | null;
}

export interface IdentitySeen {
  accountId: string;
  arn: string;
  at: number;
}

export interface SsoAccountView {
  accountId: string;
  accountName: string;
  roles: string[];
  preferredRole: string | null;
}

export interface SsoStatus {
  profileId: string;
  /** signed-out: no session; pending: waiting for the user to approve the code; signed-in: a usable token. */
  state: 'signed-out' | 'pending' | 'signed-in';
  userCode: string | null;
  verificationUri: string | null;
  /** When the code shown stops working (pending), ms since epoch. */
  codeExpiresAt: number | null;
  /** When the access token expires, ms since epoch. */
  sessionExpiresAt: number | null;
  /** True when the token can be renewed without a new sign-in. */
  renewable: boolean;
  accounts: SsoAccountView[];
  /** How the last sign-in ended, while that session lasts ("Signed in: 2 accounts, 3 roles."). */
  message: string | null;
  /** Why a new sign-in is needed ("the code expired", "sign-in was denied", "the sign-in was interrupted"). */
  problem: string | null;
}

/** What the options page sees of a profile. The secret key, session token and tokens have no field here. */
export interface ProfileView {
  id: string;
  name: string;
  kind: 'keys' | 'identity-center';
  partition: Partition;
  region: string;
  endpoint: string | null;
  customEndpoint: boolean;
  credentialKind: CredentialKind | null;
  accessKeyId: string | null;
  /** The secret access key is saved (and will never be shown). */
  secretSaved: boolean;
  /** Temporary keys are present in this browser session (they are forgotten when the browser closes). */
  temporaryKeysPresent: boolean;
  role: RoleToAssume | null;
  startUrl: string | null;
  ssoRegion: string | null;
  lastTest: IdentitySeen | null;
  state: 'ready' | 'locked' | 'sign-in-required' | 'untested';
  expiresAt: number | null;
  sso: SsoStatus | null;
}

export interface VaultStatus {
  /** A passphrase is set: long-term secret keys are encrypted at rest. */
  encrypted: boolean;
  unlocked: boolean;
  iterations: number | null;
  /** Profiles whose secret key is stored without encryption. */
  plainSecrets: number;
  /** The vault locks itself after this many minutes without use. */
  idleLockMinutes: number;
}

/** The choices for the vault's idle lock, in minutes. */
export const IDLE_LOCK_MINUTES = { min: 1, max: 24 * 60, default: 15 } as const;

export interface ProfileTestResult {
  ok: boolean;
  identity: IdentitySeen | null;
  /** The role used, for assumed roles and Identity Center. */
  via: string | null;
  message: string;
}

export interface ProfileRequests {
  'profiles/list': { req: Record<string, never>; res: { profiles: ProfileView[]; vault: VaultStatus } };
  'profiles/save': { req: ProfileInput; res: ProfileSaveResult };
  'profiles/delete': { req: { profileId: string }; res: { deleted: boolean } };
  'profiles/test': { req: { profileId: string; mfaCode: string | null }; res: ProfileTestResult };
  'vault/set-passphrase': { req: { passphrase: string; currentPassphrase: string | null }; res: VaultStatus };
  'vault/unlock': { req: { passphrase: string }; res: VaultStatus };
  'vault/lock': { req: Record<string, never>; res: VaultStatus };
  'vault/remove-passphrase': { req: { currentPassphrase: string }; res: VaultStatus };
  'vault/set-idle-lock': { req: { minutes: number }; res: VaultStatus };
  'sso/sign-in': { req: { profileId: string }; res: { started: boolean; message: string } };
  'sso/status': { req: { profileId: string }; res: SsoStatus };
  'sso/prefer-role': { req: { profileId: string; accountId: string; roleName: string | null }; res: SsoStatus };
  'sso/sign-out': { req: { profileId: string }; res: SsoStatus };
}

const id = str(200);
const text = (max: number) => nullable(str(max));
const pageOnly = ['extension-page'] as const;

export const roleCheck: Check = obj({ roleArn: str(2048), externalId: text(1224), mfaSerial: text(256) });

export const profileInputCheck: Check = obj({
  id: nullable(id),
  kind: oneOf('keys', 'identity-center'),
  name: str(100),
  partition: oneOf(...PARTITION_NAMES),
  region: str(40),
  endpoint: text(2048),
  customEndpoint: bool,
  credentialKind: nullable(oneOf('long-term', 'temporary')),
  accessKeyId: text(128),
  secretAccessKey: text(1024),
  sessionToken: text(16_384),
  role: nullable(roleCheck),
  startUrl: text(2048),
  ssoRegion: text(40),
});

const passphrase = str(1024);

export const profileMessages: Record<keyof ProfileRequests, MessageSpec> = {
  'profiles/list': { from: pageOnly, check: obj({}) },
  'profiles/save': { from: pageOnly, check: profileInputCheck },
  'profiles/delete': { from: pageOnly, check: obj({ profileId: id }) },
  'profiles/test': { from: pageOnly, check: obj({ profileId: id, mfaCode: text(16) }) },
  'vault/set-passphrase': { from: pageOnly, check: obj({ passphrase, currentPassphrase: nullable(passphrase) }) },
  'vault/unlock': { from: pageOnly, check: obj({ passphrase }) },
  'vault/lock': { from: pageOnly, check: obj({}) },
  'vault/remove-passphrase': { from: pageOnly, check: obj({ currentPassphrase: passphrase }) },
  'vault/set-idle-lock': { from: pageOnly, check: obj({ minutes: int }) },
  // The panel frame's "Sign in again" button: it starts the device flow and opens the verification page.
  'sso/sign-in': { from: ['panel-frame', 'extension-page'], check: obj({ profileId: id }) },
  'sso/status': { from: pageOnly, check: obj({ profileId: id }) },
  'sso/prefer-role': { from: pageOnly, check: obj({ profileId: id, accountId: str(12), roleName: text(64) }) },
  'sso/sign-out': { from: pageOnly, check: obj({ profileId: id }) },
};
