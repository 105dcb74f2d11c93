// The options page: the panel's settings, what the extension does with its permissions, and the profiles
// used to diagnose with credentials.
import { render } from 'preact';
import { request } from '../shared/messaging.ts';
import { ProfilesSection } from './profiles/section.tsx';
import { SettingsSection } from './settings-section.tsx';

function OptionsPage() {
  return (
    <>
      <header>
        <h1>why-denied</h1>
        <p class="lead">Explains AWS Billing and Cost Management "not authorized" messages where they appear, and writes the request for your administrator.</p>
      </header>
      <SettingsSection send={request} />
      <section aria-labelledby="permissions-heading">
        <h2 id="permissions-heading">What the extension reads and calls</h2>
        <p>
          why-denied reads the text of AWS Billing and Cost Management console pages only, to find access-denied
          messages there; it reads no other site. The explanation and the request for your administrator are made in
          your browser from that text alone. It calls AWS only with a profile you add below, and only when you
          diagnose a denial, test the profile or sign in with IAM Identity Center: it reads policies (IAM, STS,
          Organizations) and runs IAM's policy simulator, and it never changes anything in your account. Nothing is
          sent anywhere else.
        </p>
      </section>
      <ProfilesSection />
    </>
  );
}

const app = document.getElementById('app');
if (app) render(<OptionsPage />, app);
