// One refused request as the content script is told about it: what the core parser read from the error's
// message, the message itself (capped), and the request's method and path. Nothing else leaves the page's world.
import { parseDenials } from '../core/parse/index.ts';
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
  const message = error.message.slice(0, MAX_OBSERVED_MESSAGE);
  const first = parseDenials(message)[0];
  return {
    channel: OBSERVED_CHANNEL,
    status,
    method,
    path,
    errorCode: error.errorCode,
    principal: first?.principalArn ?? null,
    action: first?.action ?? null,
    resource: first?.resource ?? null,
    message,
  };
}
