// One profile in the list: what it is (never its secret), a status badge that follows its state, Test with the
// identity it signs in as or one alert with the action that fixes it ("Update keys", "Sign in again"), an MFA code
// field when its role needs one, Edit and Delete; Identity Center profiles add their session panel.
import { useState } from 'preact/hooks';
import type { Send } from '../../content/panel/types.ts';
import { inertText as t } from '../../core/text.ts';
import type { ProfileTestResult, ProfileView } from '../../shared/protocol-profiles.ts';
import { errorText } from './errors.ts';
import { originsFor, type HostAccess } from './host-access.ts';
import { askToSignIn } from './sso-sign-in.ts';
import { SsoPanel } from './sso-panel.tsx';
import { StatusBadge, type ShownStatus } from './status-badge.tsx';
import { formatExpiry } from './time.ts';

interface Props {
  send: Send;
  hostAccess: HostAccess;
  profile: ProfileView;
  onEdit: () => void;
  /** Reloads the section; resolves once it shows the new state. */
  onChange: (message?: string) => Promise<void>;
}

function credentialsLine(p: ProfileView): string {
  if (p.kind === 'identity-center') return `IAM Identity Center, ${p.startUrl ?? ''} (${p.ssoRegion ?? ''})`;
  const kind = p.credentialKind === 'temporary' ? 'Temporary keys' : 'Long-term keys';
  const secret = p.credentialKind === 'temporary'
    ? p.temporaryKeysPresent ? 'secret and session token saved for this browser session' : 'no keys in this browser session: enter them again'
    : p.secretSaved ? 'secret saved' : 'no secret saved';
  return `${kind} ${p.accessKeyId ?? ''}, ${secret}`;
}

/** What the badge says: a sign-in waiting for approval and a failed Test come before the stored state. */
export function shownStatus(profile: ProfileView, result: ProfileTestResult | null): ShownStatus {
  if (profile.sso?.state === 'pending') return 'pending';
  if (result && !result.ok) return 'failed';
  if (profile.state === 'sign-in-required') return profile.kind === 'keys' ? 'needs-keys' : 'needs-sign-in';
  return profile.state;
}

export function ProfileItem({ send, hostAccess, profile, onEdit, onChange }: Props) {
  const [mfaCode, setMfaCode] = useState('');
  const [result, setResult] = useState<ProfileTestResult | null>(null);
  const [testing, setTesting] = useState(false);
  const failed = (message: string): ProfileTestResult => ({ ok: false, identity: null, via: null, message });

  const test = () => {
    const origins = originsFor(profile);
    const access = origins.length > 0 ? hostAccess(origins) : Promise.resolve(true);
    setTesting(true);
    setResult(null);
    void (async () => {
      try {
        const granted = await access;
        const outcome = await send('profiles/test', { profileId: profile.id, mfaCode: profile.role?.mfaSerial ? mfaCode.trim() || null : null });
        // Either way the profile's state changed (a new identity, or a failure): the section's last note goes.
        await onChange();
        setResult(granted ? outcome : { ...outcome, message: `${outcome.message} (Access to ${origins.join(', ')} was not granted.)` });
        setMfaCode('');
      } catch (e) {
        setResult(failed(errorText(e)));
      } finally {
        setTesting(false);
      }
    })();
  };

  const signInAgain = () => {
    const signIn = askToSignIn(send, hostAccess, profile);
    setResult(null);
    signIn(profile.id).then(() => onChange(), (e) => setResult(failed(errorText(e))));
  };

  const remove = async () => {
    try {
      await send('profiles/delete', { profileId: profile.id });
      await onChange(`Deleted "${profile.name}".`);
    } catch (e) {
      setResult(failed(errorText(e)));
    }
  };

  return (
    <li class="profile" data-testid="wd-profile-item" data-profile-id={profile.id} data-state={profile.state}>
      <h3>{t(profile.name)} <StatusBadge status={shownStatus(profile, result)} /></h3>
      <p class="muted">{t(credentialsLine(profile))}</p>
      <p class="muted">
        {profile.partition}, {profile.region}{profile.endpoint && <>, endpoint <span class="value">{t(profile.endpoint)}</span></>}
        {profile.role && <>; assumes <span class="value">{t(profile.role.roleArn)}</span>{profile.role.mfaSerial && ' with MFA'}</>}
      </p>
      {profile.state === 'locked' && <p>Unlock the passphrase below to use this profile.</p>}
      {profile.lastTest && <p>Account <span class="value">{profile.lastTest.accountId}</span>, signs in as <span class="value">{t(profile.lastTest.arn)}</span></p>}
      {profile.expiresAt && <p class="muted">Credentials expire {formatExpiry(profile.expiresAt)}.</p>}
      <div class="actions">
        {profile.role?.mfaSerial && (
          <label>
            MFA code{' '}
            <input data-testid="wd-mfa-code" inputMode="numeric" autocomplete="one-time-code" size={8} maxLength={6} value={mfaCode} onInput={(e) => setMfaCode(e.currentTarget.value)} />
          </label>
        )}
        <button type="button" data-testid="wd-profile-test" disabled={testing} onClick={test}>{testing ? 'Testing…' : 'Test'}</button>
        <button type="button" data-testid="wd-profile-edit" onClick={onEdit}>Edit</button>
        <button type="button" data-testid="wd-profile-delete" onClick={() => void remove()}>Delete</button>
      </div>
      {result?.ok && (
        <p role="status" class="status" data-testid="wd-profile-test-result" data-ok="true">
          {t(result.message)}{result.via && ` Used ${t(result.via)}.`}
        </p>
      )}
      {result && !result.ok && (
        <div class="alert" data-type="error" role="alert" data-testid="wd-profile-test-result" data-ok="false">
          <p>{t(result.message)}</p>
          {profile.kind === 'keys'
            ? <button type="button" data-testid="wd-profile-update-keys" onClick={onEdit}>Update keys</button>
            : <button type="button" data-testid="wd-profile-sign-in-again" onClick={signInAgain}>Sign in again</button>}
        </div>
      )}
      {profile.sso && <SsoPanel send={send} hostAccess={hostAccess} profile={profile} status={profile.sso} onChange={() => onChange()} />}
    </li>
  );
}
