// The options page's profile section, wired to the browser: messages to the worker, and host-permission prompts.
import { browser } from '../../shared/compat.ts';
import type { ManagedConfig } from '../../shared/managed-config.ts';
import { request } from '../../shared/messaging.ts';
import type { HostAccess } from './host-access.ts';
import { Profiles } from './profiles.tsx';
import './profiles.css';

const askHostAccess: HostAccess = (origins) => browser.permissions.request({ origins });

export function ProfilesSection({ managed = {} }: { managed?: ManagedConfig }) {
  return (
    <section id="profiles" aria-labelledby="profiles-heading">
      <h2 id="profiles-heading">Profiles</h2>
      <Profiles send={request} hostAccess={askHostAccess} managed={managed} />
    </section>
  );
}
