// The organization's managed configuration, read from the browser's policy (storage.managed) and checked key by key
// (shared/managed-config.ts). Cached until the policy changes: Chrome and Firefox fire storage.onChanged for the
// "managed" area, so a new policy applies without a restart.
import { checkManagedConfig, NO_MANAGED_STATE, type ManagedState } from '../shared/managed-config.ts';
import { onManagedAreaChanged, readManagedArea } from './storage/areas.ts';

let cached: Promise<ManagedState> | null = null;

/** Firefox rejects storage.managed.get when no policy names the add-on; that is "no managed configuration". */
const NO_POLICY = /managed storage manifest not found/i;

async function readPolicy(): Promise<ManagedState> {
  try {
    return checkManagedConfig(await readManagedArea());
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return NO_POLICY.test(message) ? NO_MANAGED_STATE : { ...NO_MANAGED_STATE, unreadable: message };
  }
}

export function readManagedState(): Promise<ManagedState> {
  cached ??= readPolicy();
  return cached;
}

onManagedAreaChanged(() => {
  cached = null;
});
