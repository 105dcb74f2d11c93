// The frame's one error, as a Cloudscape error alert: an icon, a title, one sentence, its own action ("Update
// keys", "Sign in again", "Grant permission", "Try again"), and the raw evidence behind "Show evidence".
import { useState } from 'preact/hooks';
import type { Diagnosis } from '../core/diagnosis.ts';
import { inertText as t, errorMessage } from '../core/text.ts';
import type { ProfileSummary } from '../shared/protocol.ts';
import { onTrusted } from '../content/panel/trusted.ts';
import type { Send } from '../content/panel/types.ts';
import { CopyButton } from './copy-button.tsx';
import type { ErrorAction, FrameError } from './frame-error.ts';

interface ErrorAlertProps {
  error: FrameError;
  profile: ProfileSummary | null;
  diagnosis: Diagnosis | null;
  send: Send;
  /** Runs the diagnosis again, without the cache. */
  retry: () => void;
  /** What the worker said about the last "Try again". */
  note: string | null;
  canRetry: boolean;
}

const ACTION_LABEL: Readonly<Record<ErrorAction, string>> = {
  'update-keys': 'Update keys',
  unlock: 'Unlock on the options page',
  'sign-in': 'Sign in again',
  'grant-permission': 'Grant permission',
  'try-again': 'Try again',
};

const ACTION_TESTID: Readonly<Record<ErrorAction, string>> = {
  'update-keys': 'wd-update-keys',
  unlock: 'wd-open-options',
  'sign-in': 'wd-sign-in-again',
  'grant-permission': 'wd-grant-permission',
  'try-again': 'wd-try-again',
};

export function ErrorAlert({ error, profile, diagnosis, send, retry, note, canRetry }: ErrorAlertProps) {
  const [said, setSaid] = useState<string | null>(null);
  const [policyShown, setPolicyShown] = useState(false);
  const policy = diagnosis?.diagnosticPolicySuggestion ?? null;
  const policyId = 'wd-diagnostic-policy-box';
  const act = () => {
    if (error.action === 'update-keys' || error.action === 'unlock') {
      void send('options/open', {}).then(() => setSaid(null), (e) => setSaid(`Could not open the options page: ${errorMessage(e)}`));
    } else if (error.action === 'sign-in' && profile) {
      void send('sso/sign-in', { profileId: profile.id }).then(
        (reply) => setSaid(reply.message),
        (e) => setSaid(`Sign-in could not start: ${errorMessage(e)}`),
      );
    } else if (error.action === 'grant-permission') {
      setPolicyShown(!policyShown);
    } else {
      retry();
    }
  };
  const disabled = error.action === 'try-again' && !canRetry;
  const status = said ?? note;
  return (
    <div class="alert alert-error" role="alert" data-testid="wd-error" data-kind={error.kind}>
      <svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <circle cx="8" cy="8" r="7" />
        <path d="M8 4v5M8 11.5v.01" />
      </svg>
      <div class="alert-body">
        <p class="alert-title">{t(error.title)}</p>
        <p>{t(error.body)}</p>
        <p class="row">
          <button
            type="button"
            data-testid={ACTION_TESTID[error.action]}
            disabled={disabled}
            aria-expanded={error.action === 'grant-permission' ? policyShown : undefined}
            aria-controls={error.action === 'grant-permission' ? policyId : undefined}
            onClick={onTrusted(act)}
          >
            {ACTION_LABEL[error.action]}
          </button>
          <span role="status" aria-live="polite" class="status">
            {status && t(status)}
          </span>
        </p>
        {error.action === 'grant-permission' && policy && (
          <div id={policyId} hidden={!policyShown}>
            <p>Attach this read-only policy to the profile's user or role, then re-check:</p>
            <pre data-testid="wd-diagnostic-policy">{t(policy)}</pre>
            <CopyButton label="Copy policy" testid="wd-copy-diagnostic-policy" text={() => policy} />
          </div>
        )}
        {error.evidence.length > 0 && (
          <details>
            <summary>Show evidence</summary>
            <ul>
              {error.evidence.map((line, i) => (
                <li key={i} data-testid={line.problem ? 'wd-diagnosis-problem' : 'wd-error-evidence'} data-kind={line.problem}>
                  {t(line.text)}
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </div>
  );
}
