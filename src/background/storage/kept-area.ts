// The "kept" area: the extension origin's own IndexedDB. Profiles, long-term secrets and the vault's header live
// here and nowhere else. A content script runs with the page's origin, so its indexedDB is the page's, never this
// one; storage.local, by contrast, is open to content scripts (always in Firefox, by default in Chrome).
// Values round-trip through JSON, as in the storage areas, so nothing but plain data is ever kept.

export interface KeyValueArea {
  get(keys: string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

const DATABASE = 'why-denied';
const STORE = 'kept';

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function finished(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

let opened: Promise<IDBDatabase> | null = null;

function database(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
  });
  opened.catch(() => (opened = null));
  return opened;
}

export const keptArea: KeyValueArea = {
  async get(keys) {
    const store = (await database()).transaction(STORE, 'readonly').objectStore(STORE);
    const names = keys ?? ((await done(store.getAllKeys())) as string[]);
    const values = await Promise.all(names.map((k) => done(store.get(k))));
    const out: Record<string, unknown> = {};
    names.forEach((k, i) => {
      if (typeof values[i] === 'string') out[k] = JSON.parse(values[i] as string);
    });
    return out;
  },
  async set(items) {
    const tx = (await database()).transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    // One transaction: several values written together land together or not at all.
    for (const [k, v] of Object.entries(items)) if (v !== undefined) store.put(JSON.stringify(v), k);
    await finished(tx);
  },
  async remove(keys) {
    const tx = (await database()).transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    for (const k of keys) store.delete(k);
    await finished(tx);
  },
};
