// What the page observer (the MAIN-world script) tells the content script about one refused request of the
// console's own: only the error's type and message it read from the body, never the body, headers or anything else
// of the response. The content script reads the message with the core parser.
// The two worlds meet once, at document_start, before any page script runs: the observer hands a MessagePort
// over in a synchronous event, and everything after that goes over the port. The content script checks every
// message with observedDenialCheck, as the worker checks envelopes.
import { obj, oneOf, str, type Check } from './validate.ts';

/** The events of the one-time handover (both are dispatched on window, synchronously, before page scripts). */
export const OBSERVER_PORT_EVENT = 'why-denied:observer-port';
export const OBSERVER_READY_EVENT = 'why-denied:observer-ready';

export const OBSERVED_CHANNEL = 'why-denied/observed';
/** Caps on what one message may carry. */
export const MAX_OBSERVED_MESSAGE = 4096;
export const MAX_OBSERVED_PATH = 2048;

export interface ObservedDenial {
  channel: typeof OBSERVED_CHANNEL;
  status: 400 | 403;
  /** The request's method and URL path (no query, no host). */
  method: string;
  path: string;
  /** The error type as AWS named it, namespace and suffix removed (AccessDeniedException, AccessDenied). */
  errorCode: string;
  /** The error's message text, capped. */
  message: string;
}

export const observedDenialCheck: Check = obj({
  channel: oneOf(OBSERVED_CHANNEL),
  status: oneOf(400, 403),
  method: (v, p) => (typeof v === 'string' && /^[A-Z]{1,16}$/.test(v) ? null : `${p}: expected an HTTP method`),
  path: (v, p) => (typeof v === 'string' && v.startsWith('/') && v.length <= MAX_OBSERVED_PATH ? null : `${p}: expected a URL path`),
  errorCode: (v, p) => (typeof v === 'string' && /^AccessDenied\w{0,64}$/.test(v) ? null : `${p}: expected an AccessDenied error type`),
  message: str(MAX_OBSERVED_MESSAGE),
});
