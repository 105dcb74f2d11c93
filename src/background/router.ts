// Receiving side of the protocol: who sent it, is it allowed from there, is it well formed; then the handler.
import type { Runtime } from '../shared/compat.ts';
import { browser } from '../shared/compat.ts';
import { checkEnvelope, type Reply, type ReplyOf, type RequestOf, type RequestType, type SenderKind } from '../shared/protocol.ts';

export interface SenderContext {
  kind: SenderKind;
  tabId: number | null;
  frameId: number;
}

export type Handler<T extends RequestType> = (payload: RequestOf<T>, sender: SenderContext) => Promise<ReplyOf<T>>;
export type Handlers = { [T in RequestType]: Handler<T> };

/** Content scripts run in https console pages; extension pages come from our own origin. Anything else is refused. */
export function classifySender(sender: Runtime.MessageSender): SenderContext | null {
  if (sender.id !== browser.runtime.id) return null;
  const ownOrigin = browser.runtime.getURL('');
  if (sender.url?.startsWith(ownOrigin)) return { kind: 'extension-page', tabId: sender.tab?.id ?? null, frameId: sender.frameId ?? 0 };
  if (sender.tab?.id !== undefined && sender.url?.startsWith('https://'))
    return { kind: 'content', tabId: sender.tab.id, frameId: sender.frameId ?? 0 };
  return null;
}

export function listen(handlers: Handlers): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if ((message as { channel?: unknown } | null)?.channel !== 'why-denied') return undefined;
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
    return { ok: false, error: `${type}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
