// "Show on page" from the popup (tabs.sendMessage): the one message this content script takes from the extension.
// Diagnosis news goes only to the panel frame, never here. Checked like every message that crosses into this
// script: only from our own extension, only the shape the protocol names.
import type { Runtime } from '../shared/compat.ts'; // types only: the polyfill stays out of the content script
import { pushCheck, type Push } from '../shared/protocol.ts';

export interface MessageEvents {
  addListener(listener: (message: unknown, sender: Runtime.MessageSender) => undefined): void;
  removeListener(listener: (message: unknown, sender: Runtime.MessageSender) => undefined): void;
}

/** The record to reveal, when `message` is a well-formed panel/reveal from our extension; null for anything else. */
export function readReveal(message: unknown, sender: Runtime.MessageSender, ownId: string): string | null {
  if (sender.id !== ownId) return null;
  if ((message as { type?: unknown } | null)?.type !== 'panel/reveal') return null;
  return pushCheck(message, 'push') === null ? (message as Extract<Push, { type: 'panel/reveal' }>).recordId : null;
}

/** Calls `onReveal` for each valid panel/reveal; returns the function that stops listening. */
export function listenForReveal(events: MessageEvents, ownId: string, onReveal: (recordId: string) => void): () => void {
  // Returning undefined: no reply is needed, and other listeners keep their chance to answer.
  const listener = (message: unknown, sender: Runtime.MessageSender): undefined => {
    const recordId = readReveal(message, sender, ownId);
    if (recordId !== null) onReveal(recordId);
    return undefined;
  };
  events.addListener(listener);
  return () => events.removeListener(listener);
}
