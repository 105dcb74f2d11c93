// One Identity Center profile's session: sign in (the verification page opens with the code filled in; the code
// is shown here too), when the session expires, the accounts and roles with the preferred role per account, and
// sign out. While a code waits for approval the page asks for the status every 2 s; each ask also lets a worker
// that was stopped pick up the polling again. A note belongs to the state it was made in and goes when that ends.
import { useEffect, useState } from 'preact/hooks';
import type { Send } from '../../content/panel/types.ts';
import { inertText as t } from '../../core/text.ts';
import type { ProfileView, SsoStatus } from '../../shared/protocol-profiles.ts';
import { errorText } from './errors.ts';
import type { HostAccess } from './host-access.ts';
import { askToSignIn } from './sso-sign-in.ts';
import { formatExpiry } from './time.ts';

const STATUS_POLL_MS = 2000;

interface Props {
  send: Send;
  hostAccess: HostAccess;
  profile: ProfileView;
  status: SsoStatus;
  /** Reloads the section; resolves once it shows the new state. */
  onChange: () => Promise<void>;
}

function statusText(status: SsoStatus): string {
  if (status.state === 'pending') return 'Waiting for your approval on the page that opened.';
  if (status.state === 'signed-in') return `Signed in${status.renewable ? '; the session renews itself while it can' : ''}.`;
  return 'Signed out.';
}

export function SsoPanel({ send, hostAccess, profile, status: initialStatus, onChange }: Props) {
  const [status, setStatus] = useState(initialStatus);
  const [note, setNote] = useState<{ text: string; error: boolean; state: SsoStatus['state'] } | null>(null);
  useEffect(() => setStatus(initialStatus), [initialStatus]);

  useEffect(() => {
    if (status.state !== 'pending') return undefined;
    const timer = setInterval(() => {
      send('sso/status', { profileId: profile.id }).then((next) => {
        if (next.state === 'pending') setStatus(next);
        else void onChange();
      }, () => undefined);
    }, STATUS_POLL_MS);
    return () => clearInterval(timer);
  }, [status.state, profile.id]);

  const run = async (work: () => Promise<SsoStatus>, done?: string) => {
    setNote(null);
    try {
      const next = await work();
      setStatus(next);
      if (done) setNote({ text: done, error: false, state: next.state });
    } catch (e) {
      setNote({ text: errorText(e), error: true, state: status.state });
    }
  };

  const signIn = () => {
    const start = askToSignIn(send, hostAccess, profile);
    // The section reloads: the badge and this panel show the code waiting for approval.
    void run(async () => {
      await start(profile.id);
      const next = await send('sso/status', { profileId: profile.id });
      await onChange();
      return next;
    });
  };
  const shownNote = note && note.state === status.state ? note : null;

  return (
    <div class="sso" data-state={status.state}>
      <p data-testid="wd-sso-status" data-state={status.state}>{statusText(status)}</p>
      {status.state === 'pending' && status.userCode && (
        <p>
          Code: <code class="user-code" data-testid="wd-sso-code">{t(status.userCode)}</code>
          {status.verificationUri && <> at <span class="value">{t(status.verificationUri)}</span></>}
          {status.codeExpiresAt && <span class="muted"> (valid until {formatExpiry(status.codeExpiresAt)})</span>}
        </p>
      )}
      {status.state === 'signed-in' && status.sessionExpiresAt && (
        <p>
          Session expires <time data-testid="wd-sso-expires" dateTime={new Date(status.sessionExpiresAt).toISOString()}>{formatExpiry(status.sessionExpiresAt)}</time>.
        </p>
      )}
      {status.problem && (
        <div class="alert" data-type="error" role="alert" data-testid="wd-sso-sign-in-problem">
          <p>{t(status.problem)}</p>
          <button type="button" data-testid="wd-sso-sign-in-again" onClick={signIn}>Sign in again</button>
        </div>
      )}
      {status.message && <p class="muted" data-testid="wd-sso-message">{t(status.message)}</p>}
      {status.accounts.length > 0 && (
        <ul class="sso-roles" data-testid="wd-sso-roles">
          {status.accounts.flatMap((account) =>
            account.roles.map((role) => {
              const preferred = account.preferredRole === role;
              return (
                <li key={`${account.accountId}/${role}`} data-testid="wd-sso-role" data-account-id={account.accountId} data-role-name={role} data-preferred={String(preferred)}>
                  <span class="value">{t(role)}</span> in {t(account.accountName)} ({account.accountId})
                  <button
                    type="button"
                    data-testid="wd-sso-role-prefer"
                    aria-pressed={preferred}
                    onClick={() => void run(() => send('sso/prefer-role', { profileId: profile.id, accountId: account.accountId, roleName: preferred ? null : role }))}
                  >
                    {preferred ? 'Preferred for diagnoses (undo)' : 'Prefer for diagnoses'}
                  </button>
                </li>
              );
            }),
          )}
        </ul>
      )}
      {status.accounts.length > 0 && (
        <p class="muted">
          Without a preferred role, a diagnosis uses the first role that may call iam:SimulatePrincipalPolicy (checked once per session with a harmless simulation of its own ARN).
        </p>
      )}
      <div class="actions">
        <button type="button" data-testid="wd-sso-sign-in" onClick={signIn}>{status.state === 'signed-in' ? 'Sign in again' : 'Sign in'}</button>
        <button
          type="button"
          data-testid="wd-sso-sign-out"
          onClick={() => void run(async () => {
            const next = await send('sso/sign-out', { profileId: profile.id });
            await onChange();
            return next;
          }, 'Signed out: tokens, role credentials and the client registration are forgotten.')}
        >
          Sign out
        </button>
      </div>
      {shownNote && (shownNote.error
        ? <div class="alert" data-type="error" role="alert" data-testid="wd-sso-problem">{t(shownNote.text)}</div>
        : <p role="status" class="status">{t(shownNote.text)}</p>)}
    </div>
  );
}
