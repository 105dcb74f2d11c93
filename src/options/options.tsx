// The options page: the panel's settings, what the extension does with its permissions, and the profiles
// used to diagnose with credentials.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from '../shared/compat.ts';
import { NO_MANAGED_STATE, type ManagedState } from '../shared/managed-config.ts';
import { request } from '../shared/messaging.ts';
import { ManagedSection } from './managed-section.tsx';
import { ProfilesSection } from './profiles/section.tsx';
import { SettingsSection } from './settings-section.tsx';
import { errorMessage } from '../core/text.ts';

/**
 * The organization's policy, read again whenever it changes (no restart, no reload of the page). `version` counts
 * the changes only: the first read must not remount the sections (that would drop what the user is typing).
 */
function useManagedState(): { state: ManagedState; version: number } {
  const [current, setCurrent] = useState({ state: NO_MANAGED_STATE, version: 0 });
  useEffect(() => {
    let changes = 0;
    let latest = 0;
    const load = () => {
      const mine = ++latest;
      const version = changes;
      const settle = (state: ManagedState) => mine === latest && setCurrent({ state, version });
      request('managed/get', {}).then(settle, (e) => settle({ ...NO_MANAGED_STATE, unreadable: errorMessage(e) }));
    };
    const onChanged = (_changes: unknown, area: string) => {
      if (area !== 'managed') return;
      changes++;
      load();
    };
    browser.storage.onChanged.addListener(onChanged);
    load();
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  return current;
}

function OptionsPage() {
  const { state, version } = useManagedState();
  // The sections read their data once; a new policy remounts them (key) so they read it again.
  return (
    <>
      <header>
        <h1>why-denied</h1>
        <p class="lead">Explains AWS Billing and Cost Management "not authorized" messages where they appear, and writes the request for your administrator.</p>
      </header>
      {/* The first step first: a profile to diagnose with, then what the organization set, then the settings. */}
      <ProfilesSection key={`profiles-${version}`} managed={state.config} />
      <ManagedSection state={state} />
      <SettingsSection key={`settings-${version}`} send={request} managed={state.config} />
      <section aria-labelledby="permissions-heading">
        <h2 id="permissions-heading">What the extension reads and calls</h2>
        <p>
          why-denied reads the text of AWS Billing and Cost Management console pages only, to find access-denied
          messages there; it reads no other site. The explanation and the request for your administrator are made in
          your browser from that text alone. It calls AWS only with a profile you add above, and only when you
          diagnose a denial, test the profile or sign in with IAM Identity Center: it reads policies (IAM, STS,
          Organizations) and runs IAM's policy simulator, and it never changes anything in your account. Nothing is
          sent anywhere else.
        </p>
      </section>
    </>
  );
}

const app = document.getElementById('app');
if (app) render(<OptionsPage />, app);
