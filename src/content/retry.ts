// The MV3 worker sleeps and restarts at any time. A message sent while it restarts fails with "Receiving end
// does not exist" (or gets no reply); sending again a moment later reaches the new worker. Answers from the
// worker itself (it refused or failed) are final, and so is a dead extension context (the extension was
// updated or removed under this page).
import { RequestError } from '../shared/request.ts';
import type { Send } from './panel/types.ts';
import { errorMessage } from '../core/text.ts';

/** Waits before each retry; three retries span about 2.5 s, longer than a worker takes to start. */
export const RETRY_DELAYS_MS: readonly number[] = [150, 600, 1800];

const NO_WORKER = /Receiving end does not exist|Could not establish connection|message port closed|message channel closed|Message manager disconnected|no reply from the extension's worker/i;
const CONTEXT_GONE = /Extension context invalidated/i;

/** True when the error says this content script's extension is gone for good (no retry can help). */
export function isContextGone(error: unknown): boolean {
  return CONTEXT_GONE.test(errorMessage(error));
}

/** True when the error says the worker was not there to answer, so the same request may succeed later. */
export function isWorkerAbsent(error: unknown): boolean {
  if (isContextGone(error)) return false;
  // The worker's own refusals are RequestErrors too; only "no reply" among them means it was absent.
  if (error instanceof RequestError) return NO_WORKER.test(error.message);
  return NO_WORKER.test(errorMessage(error));
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `send` that retries, after the given delays, requests that failed because the worker was absent. */
export function retrying(send: Send, delays: readonly number[] = RETRY_DELAYS_MS, sleep: (ms: number) => Promise<void> = wait): Send {
  return async (type, payload) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await send(type, payload);
      } catch (error) {
        const delay = delays[attempt];
        if (delay === undefined || !isWorkerAbsent(error)) throw error;
        await sleep(delay);
      }
    }
  };
}
