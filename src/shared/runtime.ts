// The extension runtime as the content script uses it, without webextension-polyfill: Firefox's `browser` and
// Chrome's MV3 `chrome` both answer runtime.sendMessage with a promise, and the content script's one listener never
// replies, so nothing here needs the polyfill, which would be 10 KiB that every console frame compiles and runs.
// Extension pages and the worker keep compat.ts.
import type { Browser } from './compat.ts';

export type ContentRuntime = Pick<Browser['runtime'], 'id' | 'getURL' | 'sendMessage' | 'onMessage'>;

const namespaces = globalThis as { browser?: { runtime?: ContentRuntime }; chrome?: { runtime?: ContentRuntime } };

export const runtime = (namespaces.browser?.runtime ?? namespaces.chrome?.runtime) as ContentRuntime;
