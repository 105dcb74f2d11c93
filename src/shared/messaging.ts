// Sending side of the protocol, for the content script and the extension pages.
import { browser } from './compat.ts';
import { envelope, type Reply, type ReplyOf, type RequestOf, type RequestType } from './protocol.ts';

export class RequestError extends Error {
  override name = 'RequestError';
}

/** Sends one request to the worker and returns its reply, or throws RequestError with the worker's reason. */
export async function request<T extends RequestType>(type: T, payload: RequestOf<T>): Promise<ReplyOf<T>> {
  const reply = (await browser.runtime.sendMessage(envelope(type, payload))) as Reply<T> | undefined;
  if (!reply || typeof reply !== 'object') throw new RequestError(`${type}: no reply from the extension's worker`);
  if (!reply.ok) throw new RequestError(reply.error);
  return reply.value;
}
