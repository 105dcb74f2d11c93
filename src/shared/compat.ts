// The WebExtension namespace for the worker and the extension pages: everything there imports `browser` from here,
// so dropping the polyfill later (Chrome 148+ and Firefox have promise-based `browser.*`) is a one-line change. The
// content script, which needs only the runtime, takes it from runtime.ts without the polyfill.
import browser from 'webextension-polyfill';

export type { Browser, Runtime, Tabs, Storage } from 'webextension-polyfill';
export { browser };
