// The one place that touches the WebExtension namespace. Everything else imports `browser` from here, so
// dropping the polyfill later (Chrome 148+ and Firefox have promise-based `browser.*`) is a one-line change.
import browser from 'webextension-polyfill';

export type { Browser, Runtime, Tabs, Storage } from 'webextension-polyfill';
export { browser };
