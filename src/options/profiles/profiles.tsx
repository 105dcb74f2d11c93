// The profile section's content: the way to add a profile first (Identity Center, the recommended one, as the
// primary button), the form, the list, then the passphrase and the folded notes. The browser boundary comes in as
// props (send, hostAccess), so tests drive it against the real worker.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Send } from '../../content/panel/types.ts';
import { inertText as t } from '../../core/text.ts';
import type { ProfileView, VaultStatus } from '../../shared/protocol-profiles.ts';
import { organizationLabel, type ManagedConfig } from '../../shared/managed-config.ts';
import { errorText } from './errors.ts';
import type { HostAccess } from './host-access.ts';
import { PermissionUses, SecretNotice } from './notices.tsx';
import { ProfileForm } from './profile-form.tsx';
import type { Fields, FormKind } from './profile-form-input.ts';
import { ProfileItem } from './profile-item.tsx';
import { VaultPanel } from './vault-panel.tsx';

type Loaded = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'loaded'; profiles: ProfileView[]; vault: VaultStatus };
type Editing = { kind: FormKind; profile: ProfileView | null; preset?: Partial<Fields> } | null;
/** The last change's note: what was saved, and a sign-in that did not start after it. */
type Said = { text: string; problem: string | null } | null;

export interface ProfilesProps {
  send: Send;
  hostAccess: HostAccess;
  /** The organization's managed configuration: its Identity Center portal, whether access keys are allowed. */
  managed?: ManagedConfig;
}

export function Profiles({ send, hostAccess, managed = {} }: ProfilesProps) {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [editing, setEditing] = useState<Editing>(null);
  const [said, setSaid] = useState<Said>(null);
  // Bumped when a profile is saved: its item starts afresh, so no note about the old settings stays.
  const [revisions, setRevisions] = useState<Record<string, number>>({});

  // Callers show their "done" message only after this resolves, so the page has its new layout before the message
  // appears: nothing moves under a pointer that reacts to the message.
  const reload = (): Promise<void> =>
    send('profiles/list', {}).then(
      ({ profiles, vault }) => setLoaded({ kind: 'loaded', profiles, vault }),
      (e) => setLoaded({ kind: 'failed', message: errorText(e) }),
    );
  useEffect(() => void reload(), []);
  // The button that opened the form gets the focus back when the form closes (saved or cancelled).
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (editing || !opener.current?.isConnected) return;
    opener.current.focus();
    opener.current = null;
  }, [editing]);

  if (loaded.kind === 'loading') return <p class="muted">Loading profiles…</p>;
  if (loaded.kind === 'failed') return <p class="error" role="alert">Could not read the profiles: {t(loaded.message)}</p>;
  const { profiles, vault } = loaded;

  const open = (kind: FormKind, profile: ProfileView | null = null, preset?: Partial<Fields>) => {
    opener.current = document.activeElement as HTMLElement | null;
    setSaid(null);
    setEditing({ kind, profile, preset });
  };
  const keysAllowed = managed.allowAccessKeys !== false;
  const portal = managed.identityCenter;
  const portalOffered = portal !== undefined && !profiles.some((p) => p.kind === 'identity-center' && p.startUrl === portal.startUrl);

  return (
    <div class="profiles">
      <p class="intro">
        A profile lets why-denied ask AWS why a denial happened, instead of reading the message alone. Use a sign-in that
        may read IAM and Organizations.
      </p>
      {!keysAllowed && (
        <p class="notice" data-testid="wd-profile-keys-disabled">
          Your organization allows only IAM Identity Center sign-in: access-key profiles cannot be added, and existing ones are not used to diagnose.
        </p>
      )}
      <div class="actions add-profile">
        {portal && portalOffered && (
          <button
            type="button"
            class="primary"
            data-testid="wd-profile-managed-sso"
            onClick={() => open('identity-center', null, { name: organizationLabel(portal.startUrl), startUrl: portal.startUrl, ssoRegion: portal.region })}
          >
            Sign in with {t(organizationLabel(portal.startUrl))}
          </button>
        )}
        <button type="button" class={portalOffered ? undefined : 'primary'} data-testid="wd-profile-add-sso" onClick={() => open('identity-center')}>
          Sign in with IAM Identity Center
        </button>
        {keysAllowed && <button type="button" data-testid="wd-profile-add-keys" onClick={() => open('keys')}>Use access keys</button>}
      </div>
      {editing && (
        <ProfileForm
          key={`${editing.kind}:${editing.profile?.id ?? 'new'}`}
          send={send}
          hostAccess={hostAccess}
          kind={editing.kind}
          existing={editing.profile}
          preset={editing.preset}
          onCancel={() => setEditing(null)}
          onSaved={async (text, problem) => {
            const edited = editing.profile?.id;
            await reload();
            if (edited) setRevisions((r) => ({ ...r, [edited]: (r[edited] ?? 0) + 1 }));
            setEditing(null);
            setSaid({ text, problem });
          }}
        />
      )}
      {said && <p role="status" class="status" data-testid="wd-profile-saved">{t(said.text)}</p>}
      {said?.problem && <div class="alert" data-type="error" role="alert" data-testid="wd-profile-sign-in-problem">{t(said.problem)}</div>}
      {profiles.length > 0 ? <h3>Your profiles</h3> : <p class="muted" data-testid="wd-profile-none">No profile yet.</p>}
      <ul class="profile-list" data-testid="wd-profile-list">
        {profiles.map((p) => (
          <ProfileItem
            key={`${p.id}:${revisions[p.id] ?? 0}`}
            send={send}
            hostAccess={hostAccess}
            profile={p}
            onEdit={() => open(p.kind, p)}
            onChange={async (message) => {
              await reload();
              // The state changed: the last note no longer describes it.
              setSaid(message ? { text: message, problem: null } : null);
            }}
          />
        ))}
      </ul>
      <VaultPanel send={send} vault={vault} onChange={reload} />
      <details class="about" data-testid="wd-secret-notice-details">
        <summary>How your access keys are kept</summary>
        <SecretNotice />
      </details>
      <PermissionUses />
    </div>
  );
}
