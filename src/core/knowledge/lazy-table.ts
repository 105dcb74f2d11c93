// A generated knowledge table keyed by service ("ce") or by action ("ce:GetCostAndUsage"), as the browser bundles
// carry it (a plugin in vite.config.ts writes it at build time): each service's entries as one JSON text, parsed when
// the table is first asked about that service. The panel UI loads in every console frame, and a frame asks about one
// or two services, if any: parsing the whole tables at load was about 1 ms of the page's own script time.
// To its readers it is the plain object it stands for: lookups, Object.hasOwn, `in` and Object.keys answer the same.

/** The service an entry belongs to: the part before the colon of an action, or the whole key of a service. */
export function serviceOfKey(key: string): string {
  const colon = key.indexOf(':');
  return colon === -1 ? key : key.slice(0, colon);
}

/** Each service's entries of `table` as one JSON text (at build time). */
export function textsByService(table: Record<string, unknown>): Record<string, string> {
  const groups: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(table)) (groups[serviceOfKey(key)] ??= {})[key] = value;
  return Object.fromEntries(Object.entries(groups).map(([service, entries]) => [service, JSON.stringify(entries)]));
}

/** The table that `texts` (from textsByService) stands for, each service parsed on first use. */
export function lazyTable<T>(texts: Readonly<Record<string, string>>): Readonly<Record<string, T>> {
  const parsed = new Map<string, Record<string, T>>();
  const entriesOf = (service: string): Record<string, T> | null => {
    if (!Object.hasOwn(texts, service)) return null;
    let entries = parsed.get(service);
    if (!entries) {
      entries = JSON.parse(texts[service]!) as Record<string, T>;
      parsed.set(service, entries);
    }
    return entries;
  };
  const own = (key: string | symbol): { value: T } | null => {
    if (typeof key !== 'string') return null;
    const entries = entriesOf(serviceOfKey(key));
    return entries && Object.hasOwn(entries, key) ? { value: entries[key]! } : null;
  };
  return new Proxy({} as Record<string, T>, {
    // What is not an entry is what a plain object has too (inherited names such as toString).
    get: (target, key) => {
      const found = own(key);
      return found ? found.value : Reflect.get(target, key);
    },
    has: (target, key) => own(key) !== null || Reflect.has(target, key),
    getOwnPropertyDescriptor: (_target, key) => {
      const found = own(key);
      return found ? { value: found.value, writable: false, enumerable: true, configurable: true } : undefined;
    },
    ownKeys: () => Object.keys(texts).flatMap((service) => Object.keys(entriesOf(service)!)),
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
}
