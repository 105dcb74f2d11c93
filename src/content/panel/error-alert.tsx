// An error in the panel, shaped like a Cloudscape error alert: an icon, the message, and its own action where one
// exists. role=alert announces it once, when it appears; each error has exactly one of these.
import type { ComponentChildren } from 'preact';
import { inertText as t } from '../../core/text.ts';
import { onTrusted } from './trusted.ts';

export interface ErrorAction {
  label: string;
  run: (event: MouseEvent) => void;
}

export function ErrorAlert({ message, action, children }: { message: string; action?: ErrorAction | null; children?: ComponentChildren }) {
  return (
    <div class="alert-error" role="alert" data-testid="wd-error">
      <svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <circle cx="8" cy="8" r="7" />
        <path d="M10.83 5.17 5.17 10.83M10.83 10.83 5.17 5.17" />
      </svg>
      <div class="alert-body">
        <p>{t(message)}</p>
        {children}
      </div>
      {action && (
        <button type="button" data-testid="wd-error-action" onClick={onTrusted(action.run)}>
          {action.label}
        </button>
      )}
    </div>
  );
}
