// Receiving side of the protocol: who sent it, is it allowed from there, is it well formed; then the handler.
import type { Runtime } from '../shared/compat.ts';
import { browser } from '../shared/compat.ts';
import { matchesPattern } from '../shared/match-pattern.ts';
import { checkEnvelope, PANEL_FRAME_PATH, type Reply, type ReplyOf, type RequestOf, type RequestType, type SenderKind } from '../shared/protocol.ts';
import { errorMessage } from '../core/text.ts';

export interface SenderContext {
  kind: SenderKind;
  tabId: number | null;
  frameId: number;
}

export type Handler<T extends RequestType> = (payload: RequestOf<T>, sender: SenderContext) => Promise<ReplyOf<T>>;
export type Handlers = { [T in RequestType]: Handler<T> };

/** The console pages the content script runs in: the manifest's own match patterns. */
const consolePatterns = () => browser.runtime.getManifest().content_scripts?.flatMap((s) => s.matches ?? []) ?? [];

/** The path of an extension URL (the panel frame may be loaded through Chrome's per-session dynamic origin). */
function extensionPath(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'chrome-extension:' || parsed.protocol === 'moz-extension:' ? parsed.pathname : null;
  } catch {
    return null;
  }
}

/**
 * Content scripts count only in the console pages the manifest names (checked on the sender's URL, so another
 * page the script was somehow run in is refused); the panel frame is our own page inside a console tab; extension
 * pages come from our own origin. Anything else is refused.
 */
export function classifySender(sender: Runtime.MessageSender): SenderContext | null {
  if (sender.id !== browser.runtime.id) return null;
  const frameId = sender.frameId ?? 0;
  const tabId = sender.tab?.id ?? null;
  const path = extensionPath(sender.url);
  if (path !== null) {
    if (path === PANEL_FRAME_PATH) return tabId === null ? null : { kind: 'panel-frame', tabId, frameId };
    return sender.url?.startsWith(browser.runtime.getURL('')) ? { kind: 'extension-page', tabId, frameId } : null;
  }
  // Chrome also says the sender's origin: a frame whose URL is not of that origin (about:blank, say) is refused.
  const origin = (sender as { origin?: string }).origin;
  const pageUrl = origin && sender.url && !sender.url.startsWith(origin) ? null : sender.url;
  if (tabId !== null && pageUrl && consolePatterns().some((p) => matchesPattern(p, pageUrl))) return { kind: 'content', tabId, frameId };
  return null;
}

export function listen(handlers: Handlers): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    // Own properties only, as everywhere in the protocol: an inherited "channel" does not make a message ours.
    if (typeof message !== 'object' || message === null || !Object.hasOwn(message, 'channel') || (message as { channel: unknown }).channel !== 'why-denied') return undefined;
    return dispatch(handlers, message, sender);
  });
}

async function dispatch(handlers: Handlers, message: unknown, sender: Runtime.MessageSender): Promise<Reply<RequestType>> {
  const context = classifySender(sender);
  if (!context) return { ok: false, error: 'message refused: unknown sender' };
  const checked = checkEnvelope(message, context.kind);
  if (!checked.ok) return checked;
  const { type, payload } = checked.envelope;
  try {
    const handler = handlers[type] as Handler<typeof type>;
    return { ok: true, value: await handler(payload, context) };
  } catch (error) {
    return { ok: false, error: `${type}: ${errorMessage(error)}` };
  }
}
