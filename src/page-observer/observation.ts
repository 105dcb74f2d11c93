// One refused request as the content script is told about it: the error's type and message (capped), and the
// request's method and path. Nothing else leaves the page's world. The message is parsed in the content script's
// world, not here: the parser would cost every console frame its compile, and a page could forge its result anyway.
import { MAX_OBSERVED_MESSAGE, MAX_OBSERVED_PATH, OBSERVED_CHANNEL, type ObservedDenial } from '../shared/observed-denial.ts';
import type { ErrorParts } from './error-body.ts';

/** The URL's path only: the query may hold the page's data, the host is the page's own or AWS's. */
export function requestPath(url: string, base: string): string {
  try {
    return new URL(url, base).pathname.slice(0, MAX_OBSERVED_PATH) || '/';
  } catch {
    return '/';
  }
}

export function requestMethod(method: string | null | undefined): string {
  const upper = (method ?? 'GET').toUpperCase();
  return /^[A-Z]{1,16}$/.test(upper) ? upper : 'GET';
}

export function observation(status: 400 | 403, method: string, path: string, error: ErrorParts): ObservedDenial {
  return { channel: OBSERVED_CHANNEL, status, method, path, errorCode: error.errorCode, message: error.message.slice(0, MAX_OBSERVED_MESSAGE) };
}
