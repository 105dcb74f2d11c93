// Settings and "Send to admin" from the tests' side: protocol messages sent from an extension page (as the options page
// sends them), and the URL of the tab a "Send to admin" button opened.

/** Sends one protocol message from an extension page; returns the worker's reply. */
export function workerMessage(driver, type, payload) {
  return driver.extension(([t, p]) => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ channel: 'why-denied', type: t, payload: p }), [type, payload]);
}

/** Changes some settings as the options page would (the rest kept); returns the worker's reply. */
export async function changeSettings(driver, change) {
  const current = await workerMessage(driver, 'settings/get', {});
  return workerMessage(driver, 'settings/set', { ...current.value, ...change });
}

/**
 * The URL a tab was opened with. The ticket host is not on the network here: Chromium's tab gets a stand-in page
 * (a route the test sets), Firefox's shows its network error page, which carries the requested URL in its `u` parameter.
 */
function openedUrl(url) {
  return url.startsWith('about:neterror?') ? new URLSearchParams(url.slice('about:neterror?'.length)).get('u') ?? '' : url;
}

/** The URL of the first tab opened with a matching URL (not waiting for it to load: Firefox's error page cannot be scripted). */
export async function waitForOpenedUrl(driver, matches, timeout = 10_000) {
  if (driver.browser) {
    const target = await driver.browser.waitForTarget((t) => t.type() === 'page' && matches(openedUrl(t.url())), { timeout });
    return openedUrl(target.url());
  }
  const page = await driver.waitForTab((url) => matches(openedUrl(url)), { timeout });
  return openedUrl(page.url);
}

/** The URLs of the open tabs that match (as waitForOpenedUrl reads them). */
export async function openedUrls(driver, matches) {
  const urls = driver.browser ? driver.browser.targets().filter((t) => t.type() === 'page').map((t) => t.url()) : driver.context.pages().map((p) => p.url());
  return urls.map(openedUrl).filter(matches);
}
