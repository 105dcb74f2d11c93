// The popup page: wires PopupApp to the browser. `?tabId=N` picks the tab (the e2e tests open the popup as a
// normal tab, where "the active tab" would be the popup itself).
import { render } from 'preact';
import { browser } from '../shared/compat.ts';
import { request } from '../shared/messaging.ts';
import { PopupApp } from './popup-app.tsx';

async function tabId(): Promise<number | null> {
  const asked = new URLSearchParams(location.search).get('tabId');
  if (asked !== null) return /^\d+$/.test(asked) ? Number(asked) : null;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

const app = document.getElementById('app');
if (app) render(<PopupApp send={request} tabId={tabId} writeClipboard={async (text) => navigator.clipboard.writeText(text)} />, app);
