// The passphrase: set it (long-term secret keys are then encrypted at rest), unlock once per browser session,
// change it, lock now, or remove it. The passphrase goes to the worker and is never kept by this page. Until a
// long-term secret is saved there is nothing to protect: the panel is folded and warns of nothing.
import { useState } from 'preact/hooks';
import type { Send } from '../../content/panel/types.ts';
import { inertText as t } from '../../core/text.ts';
import { IDLE_LOCK_MINUTES, type VaultStatus } from '../../shared/protocol-profiles.ts';
import { ENCRYPTED_NOTICE, NO_SECRET_NOTICE, UNENCRYPTED_NOTICE } from './notices.tsx';
import { errorText } from './errors.ts';

interface Props {
  send: Send;
  vault: VaultStatus;
  /** Reloads the section; resolves once it shows the new state. */
  onChange: () => Promise<void>;
}

/** How long the unlocked vault may sit unused before it locks itself. */
function IdleLock({ send, vault, onChange }: Props) {
  const [minutes, setMinutes] = useState(String(vault.idleLockMinutes));
  const [said, setSaid] = useState<{ text: string; error: boolean } | null>(null);
  const save = async () => {
    try {
      await send('vault/set-idle-lock', { minutes: Number(minutes) });
      await onChange();
      setSaid({ text: `The vault now locks itself after ${minutes} minutes without use.`, error: false });
    } catch (e) {
      setSaid({ text: errorText(e), error: true });
    }
  };
  return (
    <div class="field">
      <label for="wd-idle-lock">Lock the vault after this many minutes without use</label>
      <input id="wd-idle-lock" data-testid="wd-idle-lock" type="number" min={IDLE_LOCK_MINUTES.min} max={IDLE_LOCK_MINUTES.max} value={minutes}
        onInput={(e) => setMinutes(e.currentTarget.value)} />
      <button type="button" data-testid="wd-idle-lock-save" onClick={() => void save()}>Save</button>
      {said && (said.error
        ? <div class="alert" data-type="error" role="alert">{t(said.text)}</div>
        : <p role="status" class="status">{t(said.text)}</p>)}
    </div>
  );
}

export function VaultPanel({ send, vault, onChange }: Props) {
  const [passphrase, setPassphrase] = useState('');
  const [current, setCurrent] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await work();
      await onChange();
      setPassphrase('');
      setCurrent('');
      setMessage({ text: done, error: false });
    } catch (e) {
      setMessage({ text: errorText(e), error: true });
    } finally {
      setBusy(false);
    }
  };

  const locked = vault.encrypted && !vault.unlocked;
  const noSecret = !vault.encrypted && vault.plainSecrets === 0;
  const body = (
    <>
      {noSecret ? <p class="muted">{NO_SECRET_NOTICE}</p> : vault.encrypted ? <p class="muted">{ENCRYPTED_NOTICE}</p> : (
        <div class="alert" data-type="warning" data-testid="wd-vault-warning">{UNENCRYPTED_NOTICE}</div>
      )}
      {locked && <p>The keys are locked. Enter the passphrase to use them in this browser session.</p>}
      {vault.encrypted && vault.unlocked && (
        <div class="field">
          <label for="wd-current-passphrase">Current passphrase (to change or remove it)</label>
          <input id="wd-current-passphrase" type="password" autocomplete="current-password" value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
        </div>
      )}
      <div class="field">
        <label for="wd-passphrase">{locked ? 'Passphrase' : vault.encrypted ? 'New passphrase' : 'Choose a passphrase (at least 8 characters)'}</label>
        <input
          id="wd-passphrase"
          data-testid="wd-passphrase"
          type="password"
          autocomplete={locked ? 'current-password' : 'new-password'}
          value={passphrase}
          onInput={(e) => setPassphrase(e.currentTarget.value)}
        />
      </div>
      <div class="actions">
        {locked ? (
          <button type="button" data-testid="wd-vault-unlock" disabled={busy} onClick={() => void act(() => send('vault/unlock', { passphrase }), 'Unlocked for this browser session.')}>
            Unlock
          </button>
        ) : (
          <button
            type="button"
            data-testid="wd-passphrase-set"
            disabled={busy}
            onClick={() => void act(
              () => send('vault/set-passphrase', { passphrase, currentPassphrase: vault.encrypted ? current : null }),
              vault.encrypted ? 'Passphrase changed.' : 'Passphrase set: the secret keys are encrypted.',
            )}
          >
            {vault.encrypted ? 'Change passphrase' : 'Set passphrase'}
          </button>
        )}
        {vault.encrypted && vault.unlocked && (
          <>
            <button type="button" disabled={busy} onClick={() => void act(() => send('vault/lock', {}), 'Locked.')}>Lock now</button>
            <button type="button" disabled={busy} onClick={() => void act(() => send('vault/remove-passphrase', { currentPassphrase: current }), 'Passphrase removed: the keys are stored unencrypted.')}>
              Remove passphrase
            </button>
          </>
        )}
      </div>
      {vault.encrypted && <IdleLock send={send} vault={vault} onChange={onChange} />}
      {message && (message.error
        ? <div class="alert" data-type="error" role="alert" data-testid="wd-vault-status">{t(message.text)}</div>
        : <p role="status" class="status" data-testid="wd-vault-status">{t(message.text)}</p>)}
    </>
  );
  const state = locked ? 'locked' : vault.encrypted ? 'unlocked' : 'none';
  return noSecret ? (
    <details class="vault" data-state={state} data-testid="wd-vault">
      <summary data-testid="wd-vault-summary">Passphrase (optional)</summary>
      {body}
    </details>
  ) : (
    <div class="vault" data-state={state} data-testid="wd-vault">
      <h3>Passphrase</h3>
      {body}
    </div>
  );
}
