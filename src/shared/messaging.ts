// Sending side of the protocol for the extension pages (options, popup, panel frame), over compat.ts.
import { browser } from './compat.ts';
import type { ReplyOf, RequestOf, RequestType } from './protocol.ts';
import { requestVia } from './request.ts';

export { RequestError } from './request.ts';

/** Sends one request to the worker and returns its reply, or throws RequestError with the worker's reason. */
export function request<T extends RequestType>(type: T, payload: RequestOf<T>): Promise<ReplyOf<T>> {
  return requestVia((message) => browser.runtime.sendMessage(message), type, payload);
}
