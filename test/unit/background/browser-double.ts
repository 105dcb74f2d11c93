// An in-memory double of the WebExtension APIs the worker uses: storage.local and storage.session, and the kept
// area (the extension origin's IndexedDB in the browser: tests mock src/background/storage/kept-area.ts with it) (values
// round-trip through JSON, as Chrome stores them, so a Date or a Uint8Array would not survive here either),
// runtime identity, tabs.sendMessage / tabs.create, permissions and the badge. Tests swap it in for
// src/shared/compat.ts with vi.mock; it is the only thing the background tests fake.

type Listener = (message: unknown, sender: unknown) => unknown;

export class MemoryArea {
  private readonly items = new Map<string, string>();

  async get(keys?: null | string | string[] | Record<string, unknown>): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    const read = (key: string) => {
      const text = this.items.get(key);
      if (text !== undefined) out[key] = JSON.parse(text);
    };
    if (keys === null || keys === undefined) for (const key of this.items.keys()) read(key);
    else if (typeof keys === 'string') read(keys);
    else if (Array.isArray(keys)) keys.forEach(read);
    else for (const [key, fallback] of Object.entries(keys)) {
      read(key);
      if (!(key in out)) out[key] = fallback;
    }
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    for (const [key, value] of Object.entries(items)) if (value !== undefined) this.items.set(key, JSON.stringify(value));
  }

  async remove(keys: string | string[]): Promise<void> {
    for (const key of typeof keys === 'string' ? [keys] : keys) this.items.delete(key);
  }

  async clear(): Promise<void> {
    this.items.clear();
  }

  keys(): string[] {
    return [...this.items.keys()];
  }

  /** Everything stored, as the JSON text it is kept as: for "does this secret appear anywhere" checks. */
  dump(): string {
    return [...this.items].map(([k, v]) => `${k}=${v}`).join('\n');
  }
}

export interface SentMessage {
  tabId: number;
  message: unknown;
  options: { frameId?: number } | undefined;
}

const EXTENSION_ID = 'why-denied-test';

function makeDouble() {
  const double = {
    runtime: {
      id: EXTENSION_ID,
      getURL: (path = '') => `chrome-extension://${EXTENSION_ID}/${path.replace(/^\//, '')}`,
      optionsOpened: 0,
      async openOptionsPage(): Promise<void> {
        double.runtime.optionsOpened++;
      },
      getManifest: () => ({ content_scripts: [{ matches: ['https://*.console.aws.amazon.com/billing/*', 'https://*.console.aws.amazon.com/costmanagement/*'] }] }),
      onConnect: { addListener(_listener: (port: unknown) => void) {} },
      onMessage: {
        listeners: [] as Listener[],
        addListener(listener: Listener) {
          double.runtime.onMessage.listeners.push(listener);
        },
      },
    },
    storage: {
      local: new MemoryArea(),
      session: new MemoryArea(),
      /** The policy area: tests set it with setManagedPolicy, as an administrator's policy change would. */
      managed: new MemoryArea(),
      onChanged: {
        listeners: [] as ((changes: Record<string, unknown>, area: string) => void)[],
        addListener(listener: (changes: Record<string, unknown>, area: string) => void) {
          double.storage.onChanged.listeners.push(listener);
        },
      },
    },
    /** The kept area (IndexedDB in the browser). */
    kept: new MemoryArea(),
    tabs: {
      sent: [] as SentMessage[],
      created: [] as { url?: string }[],
      /** Tabs whose content script is gone: sendMessage rejects, as the browser does. */
      closed: new Set<number>(),
      /** Frames ("tab:frame") whose content script is gone, the tab still open. */
      goneFrames: new Set<string>(),
      /** Frames ("tab:frame") whose content script answers this many ms late. */
      slowFrames: new Map<string, number>(),
      /** A content script answers the worker's presence check (frame/present) true, and nothing else. */
      async sendMessage(tabId: number, message: unknown, options?: { frameId?: number }): Promise<unknown> {
        const frame = `${tabId}:${options?.frameId ?? 0}`;
        if (double.tabs.closed.has(tabId) || double.tabs.goneFrames.has(frame)) throw new Error('Could not establish connection. Receiving end does not exist.');
        double.tabs.sent.push({ tabId, message: structuredClone(message), options });
        const late = double.tabs.slowFrames.get(frame);
        if (late) await new Promise((resolve) => setTimeout(resolve, late));
        return (message as { type?: unknown }).type === 'frame/present' ? true : undefined;
      },
      async create(properties: { url?: string }): Promise<{ id: number }> {
        double.tabs.created.push(properties);
        return { id: 1000 + double.tabs.created.length };
      },
      onRemoved: { addListener(_listener: (tabId: number) => void) {} },
    },
    permissions: {
      granted: new Set<string>(),
      async contains({ origins = [] }: { origins?: string[] }): Promise<boolean> {
        return origins.every((o) => double.permissions.granted.has(o));
      },
      async request({ origins = [] }: { origins?: string[] }): Promise<boolean> {
        for (const o of origins) double.permissions.granted.add(o);
        return true;
      },
    },
    scripting: {
      injected: [] as unknown[],
      async executeScript(details: unknown): Promise<unknown[]> {
        double.scripting.injected.push(details);
        return [];
      },
    },
    action: {
      async setBadgeText(_details: unknown): Promise<void> {},
      async setBadgeBackgroundColor(_details: unknown): Promise<void> {},
    },
  };
  return double;
}

/**
 * One double per test process, kept on globalThis: a test that simulates a worker restart with vi.resetModules()
 * gets fresh worker modules but the same storage, as a real restart does.
 */
const slot = globalThis as { __whyDeniedBrowserDouble?: ReturnType<typeof makeDouble> };
export const browserDouble = (slot.__whyDeniedBrowserDouble ??= makeDouble());

/** Replaces the managed policy and tells the listeners, as the browser does when a policy changes. */
export async function setManagedPolicy(policy: Record<string, unknown>): Promise<void> {
  await browserDouble.storage.managed.clear();
  await browserDouble.storage.managed.set(policy);
  for (const listener of browserDouble.storage.onChanged.listeners) listener({}, 'managed');
}

export async function resetBrowserDouble(): Promise<void> {
  await browserDouble.storage.local.clear();
  await setManagedPolicy({});
  await browserDouble.storage.session.clear();
  await browserDouble.kept.clear();
  browserDouble.tabs.sent.length = 0;
  browserDouble.tabs.created.length = 0;
  browserDouble.tabs.closed.clear();
  browserDouble.tabs.goneFrames.clear();
  browserDouble.tabs.slowFrames.clear();
  browserDouble.permissions.granted.clear();
  browserDouble.runtime.optionsOpened = 0;
}

/** A sender as the browser reports a content script in a console page. */
export function contentSender(tabId = 7, frameId = 0) {
  return { id: EXTENSION_ID, url: 'https://us-east-1.console.aws.amazon.com/billing/home', tab: { id: tabId }, frameId };
}

/** A sender as the browser reports the panel frame (the extension's page inside a console tab). */
export function frameSender(tabId = 7, frameId = 3) {
  return { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/diagnosis-frame/frame.html#x`, tab: { id: tabId }, frameId };
}

/** A port as a panel frame opens it to follow a run: what the worker posts on it is kept in `messages`. */
export function framePort(recordId: string, sender = frameSender()) {
  const closers: (() => void)[] = [];
  const port = {
    name: `progress:${recordId}`,
    sender,
    messages: [] as unknown[],
    closed: false,
    postMessage(message: unknown) {
      if (port.closed) throw new Error('Attempting to use a disconnected port object');
      port.messages.push(structuredClone(message));
    },
    disconnect() {
      port.closed = true;
      for (const close of closers) close();
    },
    onDisconnect: { addListener: (close: () => void) => closers.push(close) },
    onMessage: { addListener() {} },
  };
  return port;
}

/** A sender as the browser reports the options page. */
export function optionsSender() {
  return { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/options/options.html`, frameId: 0 };
}
