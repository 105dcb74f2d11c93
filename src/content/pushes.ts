// Pushes from the worker (diagnosis progress and results), checked like every other message that crosses into
// this script: only from our own extension, only the shapes the protocol names.
import type { Runtime } from '../shared/compat.ts';
import { pushCheck, type Push } from '../shared/protocol.ts';

export interface MessageEvents {
  addListener(listener: (message: unknown, sender: Runtime.MessageSender) => undefined): void;
  removeListener(listener: (message: unknown, sender: Runtime.MessageSender) => undefined): void;
}

/** The push, when `message` is a well-formed push from our extension; null for anything else. */
export function readPush(message: unknown, sender: Runtime.MessageSender, ownId: string): Push | null {
  if (sender.id !== ownId) return null;
  if ((message as { channel?: unknown } | null)?.channel !== 'why-denied') return null;
  return pushCheck(message, 'push') === null ? (message as Push) : null;
}

/** Calls `onPush` for each valid push; returns the function that stops listening. */
export function listenForPushes(events: MessageEvents, ownId: string, onPush: (push: Push) => void): () => void {
  // Returning undefined: pushes need no reply, and other listeners keep their chance to answer.
  const listener = (message: unknown, sender: Runtime.MessageSender): undefined => {
    const push = readPush(message, sender, ownId);
    if (push) onPush(push);
    return undefined;
  };
  events.addListener(listener);
  return () => events.removeListener(listener);
}
