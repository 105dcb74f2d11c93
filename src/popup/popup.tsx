// The popup page: wires PopupApp to the browser. `?tabId=N` picks the tab (the e2e tests open the popup as a
// normal tab, where "the active tab" would be the popup itself).
import { render } from 'preact';
import { browser } from '../shared/compat.ts';
import { request } from '../shared/messaging.ts';
import type { Push } from '../shared/protocol.ts';
import { PopupApp, type ShowOnPage } from './popup-app.tsx';

const asked = new URLSearchParams(location.search).get('tabId');

async function tabId(): Promise<number | null> {
  if (asked !== null) return /^\d+$/.test(asked) ? Number(asked) : null;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/** The denial's frame scrolls to its panel and focuses it; the tab comes to the front and the popup gets out of the way. */
const showOnPage: ShowOnPage = async (record) => {
  const reveal: Push = { channel: 'why-denied', type: 'panel/reveal', recordId: record.id };
  await browser.tabs.update(record.tabId, { active: true });
  await browser.tabs.sendMessage(record.tabId, reveal, { frameId: record.frameId });
  // Opened as a tab (?tabId=N) it stays; as the toolbar popup it closes so the page keeps the focus.
  if (asked === null) window.close();
};

/** "Send to admin" opens its link in a new tab with the tabs API: a page of the extension, not a web page, opens it. */
const openTab = (url: string) => void browser.tabs.create({ url }).catch((error: unknown) => console.error('why-denied could not open the link:', error));

const app = document.getElementById('app');
if (app) render(<PopupApp send={request} tabId={tabId} writeClipboard={async (text) => navigator.clipboard.writeText(text)} openTab={openTab} showOnPage={showOnPage} />, app);
