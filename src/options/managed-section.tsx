// "Set by your organization": the managed configuration in force, and every policy value that was ignored, with the
// reason. Shown only when a policy exists (or could not be read).
import { inertText as t } from '../core/text.ts';
import type { ManagedConfig, ManagedState } from '../shared/managed-config.ts';

export const SET_BY_ORGANIZATION = 'Set by your organization';

/** A managed value in words, for the list. */
function describe(key: keyof ManagedConfig, config: ManagedConfig): string {
  const value = config[key];
  if (key === 'identityCenter' && config.identityCenter) return `${config.identityCenter.startUrl} (${config.identityCenter.region})`;
  if (key === 'admin' && config.admin) return [config.admin.name, config.admin.email, config.admin.url].filter(Boolean).join(' · ');
  if (key === 'requestChannel' && config.requestChannel)
    return config.requestChannel.kind === 'email' ? `email to ${config.requestChannel.to}` : `ticket form ${config.requestChannel.url}`;
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

const LABELS: Record<keyof ManagedConfig, string> = {
  identityCenter: 'IAM Identity Center',
  diagnosticRole: 'Diagnostic role',
  admin: 'Administrator',
  requestChannel: 'Send to admin',
  allowAccessKeys: 'Access-key profiles allowed',
  responseObserver: 'Response observer',
  showPanel: 'Show the panel',
  requestFormat: 'Request format',
  locked: 'Locked settings',
};

export function ManagedSection({ state }: { state: ManagedState }) {
  const keys = (Object.keys(LABELS) as (keyof ManagedConfig)[]).filter((k) => state.config[k] !== undefined);
  if (keys.length === 0 && state.ignored.length === 0 && !state.unreadable) return null;
  return (
    <section aria-labelledby="managed-heading" data-testid="wd-managed">
      <h2 id="managed-heading">{SET_BY_ORGANIZATION}</h2>
      {state.unreadable && <p class="error" data-testid="wd-managed-unreadable">The organization's policy could not be read: {t(state.unreadable)}</p>}
      {keys.length > 0 && (
        <dl class="managed-values">
          {keys.map((key) => (
            <div key={key} data-testid={`wd-managed-value-${key}`}>
              <dt>{LABELS[key]}</dt>
              <dd>{t(describe(key, state.config))}</dd>
            </div>
          ))}
        </dl>
      )}
      {state.ignored.length > 0 && (
        <>
          <p>These policy values were ignored:</p>
          <ul data-testid="wd-managed-ignored">
            {state.ignored.map((item, i) => (
              <li key={i} data-key={item.key}>
                <code>{t(item.key)}</code>: {t(item.reason)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
