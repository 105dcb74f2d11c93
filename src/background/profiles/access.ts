// From a profile to an AwsTarget the engine can call AWS with: the keys (opened from the vault, or this browser
// session's temporary keys), then the role if one is configured (assumed once and cached in storage.session until
// shortly before it expires), or an Identity Center role for the denied account.
import { assumeRole } from '../../engine/index.ts';
import type { AwsCredentials, AwsTarget } from '../../engine/target.ts';
import type { IdentityCenterProfile, KeysProfile, SessionCredentials, StoredProfile } from './model.ts';
import { readAssumedRole, readTemporaryKeys, stillValid, writeAssumedRole } from './store.ts';
import { readSecret } from './vault.ts';
import { accountFor, chooseRole } from '../sso/role-choice.ts';
import { probeSimulate } from '../sso/role-probe.ts';
import { roleCredentials } from '../sso/session.ts';
import { readManagedState } from '../managed.ts';

export type AccessState = 'locked' | 'sign-in-required' | 'no-role' | 'none-can-simulate' | 'error';

export type ProfileAccess =
  | {
      ok: true;
      target: AwsTarget;
      /** Says which credentials, for cache keys. */
      identity: string;
      via: string | null;
      /** The credentials are temporary ones the worker can fetch again (role credentials, an assumed role). */
      renewable: boolean;
    }
  | { ok: false; state: AccessState; message: string };

export interface AccessOptions {
  /** Options page Test only: the code for a role behind MFA. */
  mfaCode?: string | null;
  /** Skip cached role credentials: Re-check, or AWS refused the cached ones. */
  fresh?: boolean;
}

const toSdk = (c: SessionCredentials): AwsCredentials => ({
  accessKeyId: c.accessKeyId,
  secretAccessKey: c.secretAccessKey,
  sessionToken: c.sessionToken,
  ...(c.expiresAt !== null ? { expiration: new Date(c.expiresAt) } : {}),
});

export function targetFor(profile: StoredProfile, credentials: AwsCredentials, label: string): AwsTarget {
  return { profileName: label, credentials, region: profile.region, partition: profile.partition, endpoint: profile.endpoint };
}

const roleLabel = (profile: KeysProfile, roleArn: string) => `${profile.name} (role ${roleArn.slice(roleArn.lastIndexOf('/') + 1)})`;

async function keysCredentials(profile: KeysProfile): Promise<{ ok: true; credentials: AwsCredentials } | { ok: false; state: AccessState; message: string }> {
  if (profile.credentialKind === 'temporary') {
    const keys = await readTemporaryKeys(profile.id);
    if (!stillValid(keys)) {
      return {
        ok: false,
        state: 'sign-in-required',
        message: `The temporary keys of "${profile.name}" ${keys ? 'have expired' : 'were kept only for the last browser session'}: paste fresh keys on the options page.`,
      };
    }
    return { ok: true, credentials: toSdk(keys) };
  }
  const secret = await readSecret(profile.id);
  if (!secret.ok) return { ok: false, state: secret.reason === 'locked' ? 'locked' : 'sign-in-required', message: secret.message };
  return { ok: true, credentials: { accessKeyId: profile.accessKeyId, secretAccessKey: secret.secretAccessKey } };
}

/** `mfaCode` comes only from the options page's Test; the panel relies on the role credentials cached then. */
export async function keysAccess(profile: KeysProfile, { mfaCode = null, fresh = false }: AccessOptions = {}): Promise<ProfileAccess> {
  if ((await readManagedState()).config.allowAccessKeys === false)
    return { ok: false, state: 'error', message: `Your organization allows only IAM Identity Center sign-in: the access-key profile "${profile.name}" is disabled.` };
  const { role } = profile;
  if (role && mfaCode === null && !fresh) {
    // Cached role credentials need neither the base keys (the vault may be locked again) nor a new MFA code.
    const cached = await readAssumedRole(profile.id);
    if (stillValid(cached)) return { ok: true, target: targetFor(profile, toSdk(cached), roleLabel(profile, role.roleArn)), identity: `${profile.id}:${role.roleArn}`, via: role.roleArn, renewable: !role.mfaSerial };
  }
  const base = await keysCredentials(profile);
  if (!base.ok) return base;
  if (!role) return { ok: true, target: targetFor(profile, base.credentials, profile.name), identity: profile.id, via: null, renewable: false };
  const label = roleLabel(profile, role.roleArn);
  if (role.mfaSerial && mfaCode === null) {
    return { ok: false, state: 'sign-in-required', message: `The role of "${profile.name}" needs an MFA code: press Test on the options page and enter the code.` };
  }
  const assumed = await assumeRole(targetFor(profile, base.credentials, profile.name), {
    roleArn: role.roleArn,
    ...(role.externalId ? { externalId: role.externalId } : {}),
    ...(role.mfaSerial && mfaCode ? { mfaSerial: role.mfaSerial, mfaCode } : {}),
    sessionName: 'why-denied',
  });
  if (!assumed.ok) return { ok: false, state: 'error', message: assumed.problem.message };
  const { accessKeyId, secretAccessKey, sessionToken } = assumed.target.credentials;
  if (!sessionToken) return { ok: false, state: 'error', message: 'STS answered AssumeRole without a session token.' };
  const credentials: SessionCredentials = { accessKeyId, secretAccessKey, sessionToken, expiresAt: assumed.expiresAt };
  await writeAssumedRole(profile.id, credentials);
  return { ok: true, target: targetFor(profile, toSdk(credentials), label), identity: `${profile.id}:${role.roleArn}`, via: role.roleArn, renewable: false };
}

export async function identityCenterAccess(profile: IdentityCenterProfile, deniedAccount: string | null, { fresh = false }: AccessOptions = {}): Promise<ProfileAccess> {
  const accountId = accountFor(profile, deniedAccount);
  if (!accountId) {
    const message = profile.assignments.length === 0
      ? `Sign in to Identity Center for "${profile.name}" first, so its accounts and roles are known.`
      : deniedAccount
        ? `Identity Center profile "${profile.name}" has no role in account ${deniedAccount}.`
        : `The denial does not say its account: mark a preferred role for one account of "${profile.name}" on the options page.`;
    return { ok: false, state: profile.assignments.length === 0 ? 'sign-in-required' : 'no-role', message };
  }
  const label = (name: string) => `${profile.name} (${name} in ${accountId})`;
  const choice = await chooseRole(profile, accountId, {
    probe: probeSimulate,
    target: (credentials, name) => targetFor(profile, toSdk(credentials), label(name)),
    now: Date.now,
    diagnosticRole: (await readManagedState()).config.diagnosticRole ?? null,
  }, fresh);
  if (!choice.ok) return choice;
  return {
    ok: true,
    target: targetFor(profile, toSdk(choice.credentials), label(choice.roleName)),
    identity: `${profile.id}:${accountId}:${choice.roleName}`,
    via: `${choice.roleName} in ${accountId}${choice.why === 'preferred' ? ' (preferred)' : choice.why === 'organization' ? " (your organization's diagnostic role)" : ''}`,
    renewable: !fresh,
  };
}

/** For Test: the preferred role of the first account that has one, or else the first role listed. No probe. */
export async function identityCenterTestAccess(profile: IdentityCenterProfile): Promise<ProfileAccess> {
  const account = profile.assignments.find((a) => profile.preferredRoles[a.accountId]) ?? profile.assignments.find((a) => a.roles.length > 0);
  const roleName = account ? (profile.preferredRoles[account.accountId] ?? account.roles[0]) : undefined;
  if (!account || !roleName) {
    return { ok: false, state: 'sign-in-required', message: `Sign in to Identity Center for "${profile.name}" first: no account or role is known yet.` };
  }
  // Fresh: a Test must prove the session is alive, not reuse what it gave earlier.
  const credentials = await roleCredentials(profile, account.accountId, roleName, Date.now(), true);
  if (!credentials.ok) return credentials;
  const label = `${profile.name} (${roleName} in ${account.accountId})`;
  return { ok: true, target: targetFor(profile, toSdk(credentials.value), label), identity: `${profile.id}:${account.accountId}:${roleName}`, via: `${roleName} in ${account.accountId}`, renewable: false };
}

export function profileAccess(profile: StoredProfile, deniedAccount: string | null, options: AccessOptions = {}): Promise<ProfileAccess> {
  return profile.kind === 'identity-center' ? identityCenterAccess(profile, deniedAccount, options) : keysAccess(profile, options);
}
