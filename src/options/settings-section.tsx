// The panel's settings: open automatically or on request, the request format, whether the console's refused
// requests are explained (the response observer), and where "Send to admin" sends the request. Each change is
// saved at once. A setting the organization sets or locks is shown read-only. "Saved" clears after a few seconds,
// and as soon as the "Send to admin" channel (the one field saved by its own button) is edited, so it never speaks
// for a change it did not save; any other change is saved at once and says so again.
import { useEffect, useState } from 'preact/hooks';
import { useClearCopied } from '../content/panel/copy-state.tsx';
import type { Send } from '../content/panel/types.ts';
import { inertText as t, errorMessage } from '../core/text.ts';
import { isFixedByPolicy, type Lockable, type ManagedConfig } from '../shared/managed-config.ts';
import type { Settings } from '../shared/protocol.ts';
import { ChannelField } from './channel-field.tsx';
import { SET_BY_ORGANIZATION } from './managed-section.tsx';

type State = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; settings: Settings };
type Saving = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

function Managed({ config, setting }: { config: ManagedConfig; setting: Lockable }) {
  return isFixedByPolicy(config, setting) ? <small class="managed" data-testid={`wd-managed-${setting}`}>{SET_BY_ORGANIZATION}</small> : null;
}

export function SettingsSection({ send, managed = {} }: { send: Send; managed?: ManagedConfig }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [saving, setSaving] = useState<Saving>({ kind: 'idle' });
  useClearCopied(saving, saving.kind === 'saved', () => setSaving({ kind: 'idle' }));

  useEffect(() => {
    send('settings/get', {}).then(
      (settings) => setState({ kind: 'ready', settings }),
      (e) => setState({ kind: 'failed', message: errorMessage(e) }),
    );
  }, []);

  if (state.kind === 'loading') return <p class="muted">Loading settings…</p>;
  if (state.kind === 'failed') return <p class="error">Could not read the settings: {t(state.message)}</p>;

  const save = async (next: Settings) => {
    setState({ kind: 'ready', settings: next });
    setSaving({ kind: 'saving' });
    try {
      setState({ kind: 'ready', settings: await send('settings/set', next) });
      setSaving({ kind: 'saved' });
    } catch (e) {
      setSaving({ kind: 'failed', message: errorMessage(e) });
    }
  };
  const { settings } = state;
  const fixed = (setting: Lockable) => isFixedByPolicy(managed, setting);

  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">Panel</h2>
      <div class="field">
        <label for="panel-mode">Beside each denial on a console page</label>
        <select
          id="panel-mode"
          data-testid="wd-setting-panel-mode"
          disabled={fixed('showPanel')}
          value={settings.panelMode}
          onChange={(e) => void save({ ...settings, panelMode: e.currentTarget.value === 'on-request' ? 'on-request' : 'auto' })}
        >
          <option value="auto">Show the panel automatically</option>
          <option value="on-request">Only on request (a small "Why denied?" button)</option>
        </select>
        <Managed config={managed} setting="showPanel" />
        <small class="muted">Applies to console pages you open or reload from now on.</small>
      </div>
      <div class="field">
        <label for="request-format">"Copy request for admin" copies</label>
        <select
          id="request-format"
          data-testid="wd-setting-request-format"
          disabled={fixed('requestFormat')}
          value={settings.requestFormat}
          onChange={(e) => void save({ ...settings, requestFormat: e.currentTarget.value === 'markdown' ? 'markdown' : 'text' })}
        >
          <option value="text">Plain text (email, chat)</option>
          <option value="markdown">Markdown (tickets, wikis)</option>
        </select>
        <Managed config={managed} setting="requestFormat" />
      </div>
      <div class="field">
        <label>
          <input
            type="checkbox"
            data-testid="wd-setting-response-observer"
            checked={settings.responseObserver}
            disabled={fixed('responseObserver')}
            onChange={(e) => void save({ ...settings, responseObserver: e.currentTarget.checked })}
          />{' '}
          Explain the console's own requests that AWS refused, even when the page only says "Error"
        </label>
        <details class="help">
          <summary>What the script reads</summary>
          <small class="muted" data-testid="wd-setting-response-observer-help">
            On Billing and Cost Management pages, a small script watches the console's requests to AWS. It reads a
            response only when AWS refused it: status 400 or 403, a JSON or XML error of under 64 KiB whose type is
            AccessDenied. From that it keeps the principal, action, resource and message (at most 4 KiB), and the
            request's method and path. It never reads a successful response, any other error, request bodies, query
            strings, cookies or headers other than the error type and content type, and sends nothing anywhere: the
            denial is explained on the page, like a printed one. When off, the browser still loads the script on
            those pages (its wrappers stay in place), but the extension drops whatever it reports. Applies to pages you open or reload from now on.
          </small>
        </details>
        <Managed config={managed} setting="responseObserver" />
      </div>
      <ChannelField
        key={JSON.stringify(settings.requestChannel)}
        channel={settings.requestChannel}
        fixed={fixed('requestChannel')}
        onSave={(requestChannel) => void save({ ...settings, requestChannel })}
        onEdit={() => setSaving((s) => (s.kind === 'saved' ? { kind: 'idle' } : s))}
      />
      <Managed config={managed} setting="requestChannel" />
      <p role="status" aria-live="polite" class="status">
        {saving.kind === 'saving' && 'Saving…'}
        {saving.kind === 'saved' && <span data-testid="wd-settings-saved">Saved</span>}
        {saving.kind === 'failed' && <span class="error">Not saved: {t(saving.message)}</span>}
      </p>
    </section>
  );
}
