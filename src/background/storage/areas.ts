// The one storage module: it decides where each kind of data lives, and nothing else in the worker touches a
// storage area. Two areas hold what the worker trusts, and no content script can read or write either:
//   kept     profiles, long-term secret keys (sealed by the vault when a passphrase is set), the vault's salt,
//            iterations and verifier: the extension origin's IndexedDB (kept-area.ts), in both browsers.
//   session  temporary keys, assumed-role and Identity Center credentials, tokens, registrations, the unlocked
//            vault key, this tab's denials and diagnoses: storage.session (memory only), set to trusted contexts.
// The organization's managed configuration (storage.managed) is read here too; the browser alone writes it.
// Settings that are not secret (panel mode, request format) stay in storage.local, where the content script may
// read them; the worker checks them on every read. What comes back from any area is checked, because storage
// outlives versions of the extension and a damaged value must read as "absent", never crash a handler.
import { browser } from '../../shared/compat.ts';
import type { Check } from '../../shared/validate.ts';
import { keptArea, type KeyValueArea } from './kept-area.ts';

export type Area = 'kept' | 'session';

/** Keys that earlier versions kept in storage.local, where content scripts can read them. */
const LEGACY_LOCAL_KEYS = ['profiles', 'vault'];
const LEGACY_LOCAL_PREFIXES = ['profile-secret:'];

interface Guardable {
  setAccessLevel?: (details: { accessLevel: 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS' }) => Promise<void>;
}

/** Whether storage.session is known to be closed to content scripts: until it is, no credential is written there. */
let sessionRestricted = false;

async function restrict(area: Guardable): Promise<boolean> {
  if (typeof area.setAccessLevel !== 'function') return false;
  try {
    await area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return true;
  } catch {
    return false;
  }
}

/**
 * At worker start: storage.session (both browsers) and storage.local (Chrome; Firefox supports the call on
 * session only) to trusted contexts, then profiles and secrets an earlier version left in storage.local move
 * into the kept area and the old copies are erased.
 */
async function prepare(): Promise<void> {
  const session = browser.storage.session as unknown as Guardable;
  // Both browsers restrict storage.session to trusted contexts by default; the call makes sure of it.
  sessionRestricted = typeof session.setAccessLevel === 'function' ? await restrict(session) : true;
  // storage.local holds only settings now; closing it too (Chrome) is defence in depth, so a refusal is not fatal.
  const local = browser.storage.local as unknown as Guardable;
  if (typeof local.setAccessLevel === 'function') await restrict(local);
  await migrateLegacyLocal();
}

/** Set in the kept area once the one migration ran: later copies in storage.local are not ours and are only erased. */
const MIGRATED = 'migrated-from-storage-local';

/**
 * Moves what an earlier version kept in storage.local into the kept area, once, and erases the old copies. Any
 * content script can write storage.local, so after that one time, whatever appears there under those keys is
 * erased without being read. Profiles saved before the "custom endpoint" flag existed keep the endpoint the user
 * gave them: it counts as custom.
 */
export async function migrateLegacyLocal(): Promise<number> {
  const everything = await browser.storage.local.get(null);
  const legacy = Object.keys(everything).filter((k) => LEGACY_LOCAL_KEYS.includes(k) || LEGACY_LOCAL_PREFIXES.some((p) => k.startsWith(p)));
  const done = Object.hasOwn(await keptArea.get([MIGRATED]), MIGRATED);
  if (!done) {
    const moving: Record<string, unknown> = { [MIGRATED]: Date.now() };
    for (const key of legacy) moving[key] = key === 'profiles' ? withEndpointFlag(everything[key]) : everything[key];
    await keptArea.set(moving);
  }
  if (legacy.length > 0) await browser.storage.local.remove(legacy);
  return done ? 0 : legacy.length;
}

function withEndpointFlag(profiles: unknown): unknown {
  if (!Array.isArray(profiles)) return profiles;
  return profiles.map((p: unknown) =>
    p && typeof p === 'object' && !Object.hasOwn(p, 'customEndpoint') ? { ...p, customEndpoint: (p as { endpoint?: unknown }).endpoint != null } : p);
}

let ready: Promise<void> | null = null;
/** Every read and write waits for prepare(): nothing is read from or written to an area before it is locked down. */
export const whenReady = () => (ready ??= prepare());

function area(name: Area): KeyValueArea {
  if (name === 'kept') return keptArea;
  return {
    get: (keys) => browser.storage.session.get(keys),
    set: async (items) => {
      if (!sessionRestricted) throw new Error('storage.session could not be restricted to the extension, so no credential is kept in it.');
      await browser.storage.session.set(items);
    },
    remove: (keys) => browser.storage.session.remove(keys),
  };
}

/** The stored value, unchecked: for values the worker itself wrote into memory only (denial records). */
export async function readRaw(name: Area, key: string): Promise<unknown> {
  await whenReady();
  return (await area(name).get([key]))[key];
}

export async function readChecked<T>(name: Area, key: string, check: Check): Promise<T | null> {
  const value = await readRaw(name, key);
  if (value === undefined || check(value, key)) return null;
  return value as T;
}

export async function write(name: Area, key: string, value: unknown): Promise<void> {
  await writeMany(name, { [key]: value });
}

/** Several values at once (one IndexedDB transaction in the kept area): a vault header with its sealed secrets. */
export async function writeMany(name: Area, items: Record<string, unknown>): Promise<void> {
  await whenReady();
  await area(name).set(items);
}

export async function remove(name: Area, keys: string | string[]): Promise<void> {
  await whenReady();
  await area(name).remove(typeof keys === 'string' ? [keys] : keys);
}

export async function keysWithPrefix(name: Area, prefix: string): Promise<string[]> {
  await whenReady();
  const everything = await area(name).get(null);
  return Object.keys(everything).filter((k) => k.startsWith(prefix));
}

/** Settings: the one thing in storage.local. The content script may read it; the caller checks what comes back. */
export async function readSettingsArea(): Promise<unknown> {
  return (await browser.storage.local.get('settings')).settings;
}

export async function writeSettingsArea(settings: unknown): Promise<void> {
  await browser.storage.local.set({ settings });
}

/** The organization's policy (storage.managed): read-only, set by the browser from enterprise policy. */
export async function readManagedArea(): Promise<Record<string, unknown>> {
  return browser.storage.managed.get(null);
}

/** Calls back whenever the browser applies a new enterprise policy. */
export function onManagedAreaChanged(listener: () => void): void {
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') listener();
  });
}

/** Runs read-modify-write sequences on one key one after another, so concurrent handlers do not lose writes. */
export function serialiser(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) => {
    const next = tail.then(work, work);
    tail = next.catch(() => undefined);
    return next;
  };
}
