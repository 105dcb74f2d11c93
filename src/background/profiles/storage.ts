// Typed access to the two storage areas. What comes back is checked, because storage outlives versions of the
// extension and a damaged value must read as "absent", never crash a handler.
import { browser } from '../../shared/compat.ts';
import type { Check } from '../../shared/validate.ts';

export type Area = 'local' | 'session';

const area = (name: Area) => (name === 'local' ? browser.storage.local : browser.storage.session);

export async function readChecked<T>(name: Area, key: string, check: Check): Promise<T | null> {
  const stored = await area(name).get(key);
  const value = stored[key];
  if (value === undefined || check(value, key)) return null;
  return value as T;
}

export async function write(name: Area, key: string, value: unknown): Promise<void> {
  await area(name).set({ [key]: value });
}

export async function remove(name: Area, keys: string | string[]): Promise<void> {
  await area(name).remove(keys);
}

export async function keysWithPrefix(name: Area, prefix: string): Promise<string[]> {
  const everything = await area(name).get(null);
  return Object.keys(everything).filter((k) => k.startsWith(prefix));
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
