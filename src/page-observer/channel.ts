// The page observer's end of the private channel. It makes a MessageChannel and hands one port to the content
// script in a synchronous event, at document_start, before any page script can listen or dispatch: the manifest
// lists this script first, so it offers the port at once (unheard) and again when the receiver, injected right
// after it, announces itself; the receiver marks the event it took and listens no longer than its own first run.
// Only this world's end posts; nothing is ever read from the port, so nothing of the extension's reaches the page.
// (Were the port ever taken by someone else, they would learn only what the page's own responses said.)
import { OBSERVER_PORT_EVENT, OBSERVER_READY_EVENT, type ObservedDenial } from '../shared/observed-denial.ts';

export function openChannel(win: Window): (denial: ObservedDenial) => void {
  const channel = new MessageChannel();
  // Taken now, before page scripts run: a page that later replaces MessagePort.prototype.postMessage never sees it.
  const post = (Object.getPrototypeOf(channel.port1) as MessagePort).postMessage;
  let handedOver = false;
  const offer = () => {
    if (handedOver) return;
    const event = new MessageEvent(OBSERVER_PORT_EVENT, { ports: [channel.port2], cancelable: true });
    win.dispatchEvent(event);
    // The content script marks the event once it took the port.
    handedOver = event.defaultPrevented;
    if (handedOver) win.removeEventListener(OBSERVER_READY_EVENT, offer);
  };
  win.addEventListener(OBSERVER_READY_EVENT, offer);
  offer();
  return (denial) => {
    if (handedOver) Reflect.apply(post, channel.port1, [denial]);
  };
}
