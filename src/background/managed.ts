// The organization's managed configuration, read from the browser's policy (storage.managed) and checked key by key
// (shared/managed-config.ts). Cached until the policy changes: Chrome and Firefox fire storage.onChanged for the
// "managed" area, so a new policy applies without a restart.
import { checkManagedConfig, NO_MANAGED_STATE, type ManagedState } from '../shared/managed-config.ts';
import { onManagedAreaChanged, readManagedArea } from './storage/areas.ts';
import { errorMessage } from '../core/text.ts';

let cached: Promise<ManagedState> | null = null;

/** Firefox rejects storage.managed.get when no policy names the add-on; that is "no managed configuration". */
const NO_POLICY = /managed storage manifest not found/i;

async function readPolicy(): Promise<ManagedState> {
  try {
    return checkManagedConfig(await readManagedArea());
  } catch (error) {
    const message = errorMessage(error);
    return NO_POLICY.test(message) ? NO_MANAGED_STATE : { ...NO_MANAGED_STATE, unreadable: message };
  }
}

export function readManagedState(): Promise<ManagedState> {
  cached ??= readPolicy();
  return cached;
}

/**
 * How long the panel's settings wait for the policy. Chrome can take seconds to answer storage.managed right after
 * the browser starts, and a denial's panel must not wait that long: past this, the panel gets the last policy read
 * in this worker (none yet: the user's settings), and the next read has the policy. Everything that enforces policy
 * (access keys, the diagnostic role, Send to admin's URL check, settings changes) waits for it in full.
 */
export const PROMPT_POLICY_WAIT_MS = 250;

let lastRead: ManagedState | null = null;

export async function readManagedStatePromptly(): Promise<ManagedState> {
  const reading = readManagedState().then((state) => (lastRead = state));
  const late = new Promise<null>((resolve) => setTimeout(() => resolve(null), PROMPT_POLICY_WAIT_MS));
  return (await Promise.race([reading, late])) ?? lastRead ?? NO_MANAGED_STATE;
}

onManagedAreaChanged(() => {
  cached = null;
});
