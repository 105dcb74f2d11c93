// "Send to admin": the panel asks the worker to open the mailto: or ticket URL it made. The worker opens only a URL
// that the channel in force produces (https on the template's own host, or mailto: to the configured address), so
// a page that subverts a content script cannot make the extension open anything else.
import { urlFitsChannel } from '../core/request/send.ts';
import { browser } from '../shared/compat.ts';
import { readSettings } from './settings.ts';

export async function openAdminUrl(url: string): Promise<{ opened: boolean }> {
  const { requestChannel } = await readSettings();
  if (!requestChannel) throw new Error('No "Send to admin" channel is set up.');
  if (!urlFitsChannel(url, requestChannel)) throw new Error('That address is not the configured "Send to admin" channel.');
  await browser.tabs.create({ url });
  return { opened: true };
}
