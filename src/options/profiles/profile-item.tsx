// One profile in the list: what it is (never its secret), its state, Test with the identity it signs in as or a
// precise error, an MFA code field when its role needs one, Edit and Delete; Identity Center profiles add their
// session panel.
import { useState } from 'preact/hooks';
import type { Send } from '../../content/panel/types.ts';
import { inertText as t } from '../../core/text.ts';
import type { ProfileTestResult, ProfileView } from '../../shared/protocol-profiles.ts';
import { errorText } from './errors.ts';
import { originsFor, type HostAccess } from './host-access.ts';
import { SsoPanel } from './sso-panel.tsx';
import { formatExpiry } from './time.ts';

interface Props {
  send: Send;
  hostAccess: HostAccess;
  profile: ProfileView;
  onEdit: () => void;
  /** Reloads the section; resolves once it shows the new state. */
  onChange: (message?: string) => Promise<void>;
}

const STATE_LABELS: Record<ProfileView['state'], string> = {
  ready: 'ready',
  untested: 'not tested yet',
  locked: 'locked: unlock with your passphrase',
  'sign-in-required': 'needs sign-in or fresh credentials',
};

function credentialsLine(p: ProfileView): string {
  if (p.kind === 'identity-center') return `IAM Identity Center, ${p.startUrl ?? ''} (${p.ssoRegion ?? ''})`;
  const kind = p.credentialKind === 'temporary' ? 'Temporary keys' : 'Long-term keys';
  const secret = p.credentialKind === 'temporary'
    ? p.temporaryKeysPresent ? 'secret and session token saved for this browser session' : 'no keys in this browser session: enter them again'
    : p.secretSaved ? 'secret saved' : 'no secret saved';
  return `${kind} ${p.accessKeyId ?? ''}, ${secret}`;
}

export function ProfileItem({ send, hostAccess, profile, onEdit, onChange }: Props) {
  const [mfaCode, setMfaCode] = useState('');
  const [result, setResult] = useState<ProfileTestResult | null>(null);
  const [testing, setTesting] = useState(false);

  const test = () => {
    const origins = originsFor(profile);
    const access = origins.length > 0 ? hostAccess(origins) : Promise.resolve(true);
    setTesting(true);
    setResult(null);
    void (async () => {
      try {
        const granted = await access;
        const outcome = await send('profiles/test', { profileId: profile.id, mfaCode: profile.role?.mfaSerial ? mfaCode.trim() || null : null });
        if (outcome.ok) await onChange();
        setResult(granted ? outcome : { ...outcome, message: `${outcome.message} (Access to ${origins.join(', ')} was not granted.)` });
        setMfaCode('');
      } catch (e) {
        setResult({ ok: false, identity: null, via: null, message: errorText(e) });
      } finally {
        setTesting(false);
      }
    })();
  };

  const remove = async () => {
    try {
      await send('profiles/delete', { profileId: profile.id });
      await onChange(`Deleted "${profile.name}".`);
    } catch (e) {
      setResult({ ok: false, identity: null, via: null, message: errorText(e) });
    }
  };

  return (
    <li class="profile" data-testid="wd-profile-item" data-profile-id={profile.id} data-state={profile.state}>
      <h3>{t(profile.name)} <span class="badge" data-state={profile.state}>{STATE_LABELS[profile.state]}</span></h3>
      <p class="muted">{t(credentialsLine(profile))}</p>
      <p class="muted">
        {profile.partition}, {profile.region}{profile.endpoint && <>, endpoint <span class="value">{t(profile.endpoint)}</span></>}
        {profile.role && <>; assumes <span class="value">{t(profile.role.roleArn)}</span>{profile.role.mfaSerial && ' with MFA'}</>}
      </p>
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
      {result && (
        <p role="status" data-testid="wd-profile-test-result" data-ok={String(result.ok)} class={result.ok ? 'status' : 'error'}>
          {t(result.message)}{result.via && result.ok && ` Used ${t(result.via)}.`}
        </p>
      )}
      {profile.sso && <SsoPanel send={send} hostAccess={hostAccess} profile={profile} status={profile.sso} onChange={() => onChange()} />}
    </li>
  );
}
