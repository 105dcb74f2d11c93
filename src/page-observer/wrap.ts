// Wraps the page's fetch and XMLHttpRequest so that a refused request's error can be read. The page keeps what it
// had: fetch returns the very promise the native fetch returned, and a response the observer reads is a clone
// (read to a small cap, then dropped); an XMLHttpRequest's response is read the way the page may read it, which
// changes nothing. A successful call costs one extra function call and one promise reaction or listener.
import type { ObservedDenial } from '../shared/observed-denial.ts';
import { BODY_CAP, mayBeDenial, readDenialError } from './error-body.ts';
import { observation, requestMethod, requestPath } from './observation.ts';

export type Report = (denial: ObservedDenial) => void;

/** The page's world, as far as the wrappers need it. */
export interface PageWindow {
  fetch: typeof fetch;
  XMLHttpRequest: typeof XMLHttpRequest;
  Request: typeof Request;
  location: { href: string };
}

/** At most `cap` bytes of a stream, as text; null when it is longer (then the rest is never read). */
async function readCapped(body: ReadableStream<Uint8Array> | null, cap: number): Promise<string | null> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      void reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

export function wrapFetch(win: PageWindow, report: Report): void {
  const nativeFetch = win.fetch;
  const RequestClass = win.Request;
  const clone = Response.prototype.clone;

  async function inspect(response: Response, input: RequestInfo | URL, init: RequestInit | undefined): Promise<void> {
    const headers = response.headers;
    const contentType = headers.get('content-type');
    if (!mayBeDenial(response.status, contentType, headers.get('content-length'))) return;
    const text = await readCapped(Reflect.apply(clone, response, []).body, BODY_CAP);
    if (text === null) return;
    const error = readDenialError(headers.get('x-amzn-errortype'), contentType ?? '', text);
    if (!error) return;
    const isRequest = input instanceof RequestClass;
    const method = requestMethod(init?.method ?? (isRequest ? input.method : undefined));
    const url = isRequest ? input.url : String(input);
    report(observation(response.status as 400 | 403, method, requestPath(url, win.location.href), error));
  }

  const ignore = () => undefined;
  // A plain function named fetch, so the page sees the same name and length.
  const wrapped = function fetch(this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const pending = Reflect.apply(nativeFetch, this, [input, init]) as Promise<Response>;
    // Registered before the page gets the promise, so the clone is taken before the page can read the body.
    pending.then((response) => {
      const status = response.status;
      if (status === 400 || status === 403) inspect(response, input, init).catch(ignore);
    }, ignore);
    return pending;
  };
  win.fetch = wrapped as typeof fetch;
}

/** What an XMLHttpRequest's response is, read as the page could read it (never responseText for json). */
function xhrBody(xhr: XMLHttpRequest): string | object | null {
  switch (xhr.responseType) {
    case '':
    case 'text':
      return xhr.responseText;
    case 'json':
      return typeof xhr.response === 'object' && xhr.response !== null ? (xhr.response as object) : null;
    case 'arraybuffer':
      return xhr.response instanceof ArrayBuffer && xhr.response.byteLength <= BODY_CAP ? new TextDecoder().decode(xhr.response) : null;
    default:
      return null; // blob and document: not read
  }
}

export function wrapXhr(win: PageWindow, report: Report): void {
  const proto = win.XMLHttpRequest.prototype;
  const nativeOpen = proto.open;
  const opened = new WeakMap<XMLHttpRequest, { method: string; url: string }>();

  function onLoadEnd(this: XMLHttpRequest): void {
    const status = this.status;
    if (status !== 400 && status !== 403) return;
    const contentType = this.getResponseHeader('content-type');
    if (!mayBeDenial(status, contentType, this.getResponseHeader('content-length'))) return;
    const body = xhrBody(this);
    if (body === null || (typeof body === 'string' && body.length > BODY_CAP)) return;
    const error = readDenialError(this.getResponseHeader('x-amzn-errortype'), contentType ?? '', body);
    const request = opened.get(this);
    if (!error || !request) return;
    report(observation(status, request.method, requestPath(this.responseURL || request.url, win.location.href), error));
  }

  proto.open = function open(this: XMLHttpRequest, ...args: unknown[]) {
    if (!opened.has(this)) this.addEventListener('loadend', onLoadEnd);
    opened.set(this, { method: requestMethod(typeof args[0] === 'string' ? args[0] : null), url: String(args[1]) });
    return Reflect.apply(nativeOpen, this, args);
  } as typeof proto.open;
}
