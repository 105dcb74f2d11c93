// The profile section's content: the key notice, the passphrase, the list, and the add / edit forms. The
// browser boundary comes in as props (send, hostAccess), so tests drive it against the real worker.
import { useEffect, useState } from 'preact/hooks';
import type { Send } from '../../content/panel/types.ts';
import { inertText as t } from '../../core/text.ts';
import type { ProfileView, VaultStatus } from '../../shared/protocol-profiles.ts';
import { organizationLabel, type ManagedConfig } from '../../shared/managed-config.ts';
import { errorText } from './errors.ts';
import type { HostAccess } from './host-access.ts';
import { PermissionUses, SecretNotice } from './notices.tsx';
import { ProfileForm, type Fields, type FormKind } from './profile-form.tsx';
import { ProfileItem } from './profile-item.tsx';
import { VaultPanel } from './vault-panel.tsx';

type Loaded = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'loaded'; profiles: ProfileView[]; vault: VaultStatus };
type Editing = { kind: FormKind; profile: ProfileView | null; preset?: Partial<Fields> } | null;

export interface ProfilesProps {
  send: Send;
  hostAccess: HostAccess;
  /** The organization's managed configuration: its Identity Center portal, whether access keys are allowed. */
  managed?: ManagedConfig;
}

export function Profiles({ send, hostAccess, managed = {} }: ProfilesProps) {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [editing, setEditing] = useState<Editing>(null);
  const [saved, setSaved] = useState<string | null>(null);

  // Callers show their "done" message only after this resolves, so the page has its new layout before the message
  // appears: nothing moves under a pointer that reacts to the message.
  const reload = (): Promise<void> =>
    send('profiles/list', {}).then(
      ({ profiles, vault }) => setLoaded({ kind: 'loaded', profiles, vault }),
      (e) => setLoaded({ kind: 'failed', message: errorText(e) }),
    );
  useEffect(() => void reload(), []);

  if (loaded.kind === 'loading') return <p class="muted">Loading profiles…</p>;
  if (loaded.kind === 'failed') return <p class="error">Could not read the profiles: {t(loaded.message)}</p>;
  const { profiles, vault } = loaded;

  const open = (kind: FormKind, profile: ProfileView | null = null, preset?: Partial<Fields>) => {
    setSaved(null);
    setEditing({ kind, profile, preset });
  };
  const keysAllowed = managed.allowAccessKeys !== false;
  const portal = managed.identityCenter;
  const portalMissing = portal && !profiles.some((p) => p.kind === 'identity-center' && p.startUrl === portal.startUrl);

  return (
    <div class="profiles">
      <p>
        A profile lets why-denied ask AWS why a denial happened (IAM's policy simulator, the policies, the SCPs) instead
        of reading the message alone. Use credentials that may read IAM and Organizations, not the denied user's own.
      </p>
      <SecretNotice />
      <VaultPanel send={send} vault={vault} onChange={reload} />
      <h3>Your profiles</h3>
      {profiles.length === 0 && <p class="muted" data-testid="wd-profile-none">No profile yet.</p>}
      <ul class="profile-list" data-testid="wd-profile-list">
        {profiles.map((p) => (
          <ProfileItem
            key={p.id}
            send={send}
            hostAccess={hostAccess}
            profile={p}
            onEdit={() => open(p.kind, p)}
            onChange={async (message) => {
              await reload();
              if (message) setSaved(message);
            }}
          />
        ))}
      </ul>
      {!keysAllowed && (
        <p class="notice" data-testid="wd-profile-keys-disabled">
          Your organization allows only IAM Identity Center sign-in: access-key profiles cannot be added, and existing ones are not used to diagnose.
        </p>
      )}
      <div class="actions">
        {portal && portalMissing && (
          <button
            type="button"
            class="primary"
            data-testid="wd-profile-managed-sso"
            onClick={() => open('identity-center', null, { name: organizationLabel(portal.startUrl), startUrl: portal.startUrl, ssoRegion: portal.region })}
          >
            Sign in with {t(organizationLabel(portal.startUrl))}
          </button>
        )}
        {keysAllowed && <button type="button" data-testid="wd-profile-add-keys" onClick={() => open('keys')}>Add profile with access keys</button>}
        <button type="button" data-testid="wd-profile-add-sso" onClick={() => open('identity-center')}>Add IAM Identity Center profile</button>
      </div>
      {editing && (
        <ProfileForm
          key={`${editing.kind}:${editing.profile?.id ?? 'new'}`}
          send={send}
          kind={editing.kind}
          existing={editing.profile}
          preset={editing.preset}
          onCancel={() => setEditing(null)}
          onSaved={async (message) => {
            await reload();
            setEditing(null);
            setSaved(message);
          }}
        />
      )}
      {saved && <p role="status" class="status" data-testid="wd-profile-saved">{t(saved)}</p>}
      <PermissionUses />
    </div>
  );
}
