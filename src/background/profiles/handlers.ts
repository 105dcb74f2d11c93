// The profile, vault and Identity Center messages. The router has already refused every one of them to a content
// script, and to the panel frame all but 'profiles/summaries' and 'sso/sign-in'; no reply ever holds a secret.
import type { ProfileTestResult, ProfileView, ProfileRequests } from '../../shared/protocol-profiles.ts';
import { browser } from '../../shared/compat.ts';
import { checkIdentity } from '../../engine/index.ts';
import { readManagedState } from '../managed.ts';
import type { Handlers } from '../router.ts';
import { identityCenterTestAccess, keysAccess } from './access.ts';
import { preferredProfile } from './choose.ts';
import { candidateOf, conditionOf, summaryOf, viewOf } from './describe.ts';
import type { StoredProfile } from './model.ts';
import { checkProfileInput, InputError, type CheckedInput } from './profile-input.ts';
import { forgetAssumedRole, forgetSessionCredentials, forgetTemporaryKeys, getProfile, listProfiles, putProfile, readTemporaryKeys, removeProfile, updateProfile, writeTemporaryKeys } from './store.ts';
import { forgetSecret, hasSecret, lock, removePassphrase, setIdleLock, setPassphrase, storeSecret, unlock, vaultStatus } from './vault.ts';
import { preferRole, signOut, ssoStatus, startSignIn } from '../sso/sign-in.ts';

type ProfileHandlers = Pick<Handlers, keyof ProfileRequests | 'profiles/summaries'>;

async function fullView(profile: StoredProfile): Promise<ProfileView> {
  const view = await viewOf(profile);
  return profile.kind === 'identity-center' ? { ...view, sso: await ssoStatus(profile.id) } : view;
}

async function existingProfile(profileId: string): Promise<StoredProfile> {
  const profile = await getProfile(profileId);
  if (!profile) throw new Error('There is no such profile (it may have been deleted in another window).');
  return profile;
}

async function testProfile(profileId: string, mfaCode: string | null): Promise<ProfileTestResult> {
  if (mfaCode !== null && !/^\d{6}$/.test(mfaCode.trim())) return { ok: false, identity: null, via: null, message: 'The MFA code is the 6 digits your device shows now.' };
  const profile = await existingProfile(profileId);
  const access = profile.kind === 'identity-center' ? await identityCenterTestAccess(profile) : await keysAccess(profile, { mfaCode: mfaCode?.trim() ?? null });
  if (!access.ok) return { ok: false, identity: null, via: null, message: access.message };
  const result = await checkIdentity(access.target);
  if (!result.ok) return { ok: false, identity: null, via: access.via, message: result.problem.message };
  const identity = { accountId: result.account, arn: result.arn, at: Date.now() };
  await updateProfile(profile.id, (p) => ({ ...p, lastTest: identity }));
  return { ok: true, identity, via: access.via, message: `Signed in as ${identity.arn} (account ${identity.accountId}).` };
}

export const profileHandlers: ProfileHandlers = {
  'profiles/summaries': async ({ accountId }) => {
    const profiles = await listProfiles();
    const now = Date.now();
    const candidates = await Promise.all(profiles.map((p) => candidateOf(p, now)));
    return {
      profiles: await Promise.all(profiles.map((p) => summaryOf(p, accountId, now))),
      preferredId: preferredProfile(candidates, accountId),
    };
  },

  'profiles/list': async () => ({
    profiles: await Promise.all((await listProfiles()).map(fullView)),
    vault: await vaultStatus(),
  }),

  'profiles/save': async (input) => {
    const existing = input.id ? await existingProfile(input.id) : null;
    const id = existing?.id ?? crypto.randomUUID();
    if (input.kind === 'keys' && (await readManagedState()).config.allowAccessKeys === false)
      throw new Error('Your organization allows only IAM Identity Center sign-in: access-key profiles cannot be saved.');
    const others = (await listProfiles()).filter((p) => p.id !== id);
    if (others.some((p) => p.name.toLowerCase() === input.name.trim().toLowerCase()))
      return { saved: false, field: 'name', message: `Name: another profile is already called "${input.name.trim()}".` };
    const saved = existing?.kind === 'keys'
      ? existing.credentialKind === 'long-term' ? await hasSecret(id) : (await readTemporaryKeys(id))?.accessKeyId === existing.accessKeyId
      : false;
    let checked: CheckedInput;
    try {
      checked = checkProfileInput(input, id, existing, saved);
    } catch (error) {
      if (error instanceof InputError) return { saved: false, field: error.field, message: error.message };
      throw error;
    }
    // Secrets first: a profile is never listed with a secret that failed to save (a locked vault, say).
    if (checked.secretAccessKey !== null) await storeSecret(id, checked.secretAccessKey);
    if (checked.temporaryKeys !== null) await writeTemporaryKeys(id, checked.temporaryKeys);
    if (checked.identityChanged) await forgetAssumedRole(id);
    if (checked.profile.kind === 'keys' && checked.profile.credentialKind === 'temporary') await forgetSecret(id);
    if (checked.profile.kind === 'keys' && checked.profile.credentialKind === 'long-term') await forgetTemporaryKeys(id);
    if (existing?.kind === 'identity-center' && checked.identityChanged) await signOut(id);
    await putProfile(checked.profile);
    const secretWord = checked.secretAccessKey !== null || checked.temporaryKeys !== null ? ' The secret is saved and will not be shown again.' : '';
    return { saved: true, profile: await fullView(checked.profile), message: `Saved "${checked.profile.name}".${secretWord}` };
  },

  'profiles/delete': async ({ profileId }) => {
    const profile = await getProfile(profileId);
    if (profile?.kind === 'identity-center') await signOut(profileId);
    await forgetSecret(profileId);
    await forgetSessionCredentials(profileId);
    return { deleted: await removeProfile(profileId) };
  },

  'profiles/test': ({ profileId, mfaCode }) => testProfile(profileId, mfaCode),

  'vault/set-passphrase': ({ passphrase, currentPassphrase }) => setPassphrase(passphrase, currentPassphrase),
  'vault/unlock': ({ passphrase }) => unlock(passphrase),
  'vault/lock': () => lock(),
  'vault/remove-passphrase': ({ currentPassphrase }) => removePassphrase(currentPassphrase),
  'vault/set-idle-lock': ({ minutes }) => setIdleLock(minutes),

  'sso/sign-in': async ({ profileId }, sender) => {
    const profile = await getProfile(profileId);
    if (!profile) return { started: false, message: 'There is no such profile (it may have been deleted).' };
    // A panel only needs "Sign in again" when the session is gone; this also keeps a page from opening tabs at will.
    if (sender.kind === 'panel-frame' && (await conditionOf(profile)).state === 'ready') {
      return { started: false, message: `"${profile.name}" is already signed in.` };
    }
    if (profile.kind === 'keys') {
      // Keys are renewed on the options page (fresh temporary keys, or an MFA code for the role): open it.
      await browser.runtime.openOptionsPage().catch(() => undefined);
      return { started: false, message: `Opened the options page: "${profile.name}" uses access keys; enter fresh keys, or press Test with an MFA code.` };
    }
    return startSignIn(profileId);
  },
  'sso/status': ({ profileId }) => ssoStatus(profileId),
  'sso/prefer-role': async ({ profileId, accountId, roleName }) => {
    await preferRole(profileId, accountId, roleName);
    return ssoStatus(profileId);
  },
  'sso/sign-out': async ({ profileId }) => {
    await signOut(profileId);
    return ssoStatus(profileId);
  },
};
