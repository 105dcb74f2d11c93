// The content script's end of the page observer's channel (see page-observer/channel.ts), its own tiny script at
// document_start in the isolated world, injected right after the observer. It takes the port only while it runs
// (before any page script could offer a forged one), checks every message as the worker checks envelopes, and
// keeps the valid ones in an inbox on this world's global, where the content script (document_idle) takes them.
import { OBSERVER_PORT_EVENT, OBSERVER_READY_EVENT, observedDenialCheck, type ObservedDenial } from '../shared/observed-denial.ts';

/** Messages kept until the content script takes over; a page that sends more is not listened to further. */
const MAX_QUEUED = 200;

export interface ObservedInbox {
  /** Hands every message so far, then each new one, to `listener` (one listener; a second replaces the first). */
  take(listener: (denial: ObservedDenial) => void): void;
  /** Calls `ready` once, when the first message is there (at once if one is), without taking it. */
  whenAny(ready: () => void): void;
  /** Stops listening and drops the port (the user turned the response observer off). */
  close(): void;
}

declare global {
  var whyDeniedObserved: ObservedInbox | undefined;
}

export function receiveObserved(win: Window): ObservedInbox {
  const queued: ObservedDenial[] = [];
  let listener: ((denial: ObservedDenial) => void) | null = null;
  let port: MessagePort | null = null;
  let onFirst: (() => void) | null = null;

  const onPort = (event: Event) => {
    const offered = (event as MessageEvent).ports?.[0];
    if (port || !offered) return;
    port = offered;
    event.preventDefault();
  };
  win.addEventListener(OBSERVER_PORT_EVENT, onPort);
  win.dispatchEvent(new Event(OBSERVER_READY_EVENT));
  win.removeEventListener(OBSERVER_PORT_EVENT, onPort);

  const taken = port as MessagePort | null; // set by onPort during the dispatch above
  if (taken) {
    taken.onmessage = (event: MessageEvent) => {
      const data: unknown = event.data;
      if (observedDenialCheck(data, 'observed') !== null) return;
      const { channel, status, method, path, errorCode, message } = data as ObservedDenial;
      // A copy made in this world: nothing of the page's object is kept.
      const denial: ObservedDenial = { channel, status, method, path, errorCode, message };
      if (listener) return listener(denial);
      if (queued.length < MAX_QUEUED) queued.push(denial);
      const ready = onFirst;
      onFirst = null;
      ready?.();
    };
  }
  return {
    take(next) {
      listener = next;
      for (const denial of queued.splice(0)) next(denial);
    },
    whenAny(ready) {
      if (queued.length > 0) ready();
      else onFirst = ready;
    },
    close() {
      listener = null;
      queued.length = 0;
      taken?.close();
    },
  };
}
