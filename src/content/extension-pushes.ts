// The two messages this content script takes from the extension (tabs.sendMessage): "Show on page" from the popup,
// and the worker's "is this frame still here?", which it answers true (a frame that cannot answer has left the
// console, and the worker moves its denials to the tab's earlier ones). Diagnosis news goes only to the panel frame,
// never here. Checked like every message that crosses into this script: only from our own extension, only the shape
// the protocol names.
import type { Runtime } from '../shared/compat.ts'; // types only: the polyfill stays out of the content script
import { pushCheck, type Push } from '../shared/protocol.ts';

type Listener = (message: unknown, sender: Runtime.MessageSender, sendResponse: (answer: unknown) => void) => undefined;

export interface MessageEvents {
  addListener(listener: Listener): void;
  removeListener(listener: Listener): void;
}

type ContentPush = Extract<Push, { type: 'panel/reveal' | 'frame/present' }>;

/** `message` when it is a well-formed panel/reveal or frame/present from our extension; null for anything else. */
export function readPush(message: unknown, sender: Runtime.MessageSender, ownId: string): ContentPush | null {
  if (sender.id !== ownId) return null;
  const type = (message as { type?: unknown } | null)?.type;
  if (type !== 'panel/reveal' && type !== 'frame/present') return null;
  return pushCheck(message, 'push') === null ? (message as ContentPush) : null;
}

/** Calls `onReveal` for each valid panel/reveal and answers each frame/present; returns the function that stops listening. */
export function listenForPushes(events: MessageEvents, ownId: string, onReveal: (recordId: string) => void): () => void {
  // Returning undefined: the presence answer is given at once, and other listeners keep their chance to answer.
  const listener: Listener = (message, sender, sendResponse) => {
    const push = readPush(message, sender, ownId);
    if (push?.type === 'panel/reveal') onReveal(push.recordId);
    else if (push?.type === 'frame/present') sendResponse(true);
    return undefined;
  };
  events.addListener(listener);
  return () => events.removeListener(listener);
}
