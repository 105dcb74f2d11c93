// The page observer: a MAIN-world script on Billing and Cost Management pages, injected at document_start (before
// the page's own scripts, inline <head> scripts included) in every frame. It wraps fetch and XMLHttpRequest and
// tells the content script, over a private port, about each of the console's own requests that AWS refused with
// an AccessDenied error, so that a widget that only says "Error" still gets its explanation.
import { openChannel } from './channel.ts';
import { wrapFetch, wrapXhr } from './wrap.ts';

const INSTALLED = Symbol.for('why-denied.page-observer');
const marked = window as unknown as Record<symbol, boolean>;

if (!marked[INSTALLED]) {
  Object.defineProperty(marked, INSTALLED, { value: true });
  const report = openChannel(window);
  wrapFetch(window, report);
  wrapXhr(window, report);
}
