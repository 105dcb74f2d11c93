// Sending side of the protocol: one request to the worker, its reply unwrapped, over the caller's runtime
// (messaging.ts on extension pages, runtime.ts in the content script, which must not load the polyfill).
import { envelope, type Reply, type ReplyOf, type RequestOf, type RequestType } from './protocol.ts';

export class RequestError extends Error {
  override name = 'RequestError';
}

export type SendMessage = (message: unknown) => Promise<unknown>;

/** Sends one request to the worker and returns its reply, or throws RequestError with the worker's reason. */
export async function requestVia<T extends RequestType>(sendMessage: SendMessage, type: T, payload: RequestOf<T>): Promise<ReplyOf<T>> {
  const reply = (await sendMessage(envelope(type, payload))) as Reply<T> | undefined;
  if (!reply || typeof reply !== 'object') throw new RequestError(`${type}: no reply from the extension's worker`);
  if (!reply.ok) throw new RequestError(reply.error);
  return reply.value;
}
