// The toolbar badge: how many denials this tab has.
import { browser } from '../shared/compat.ts';

export async function updateBadge(tabId: number, count: number): Promise<void> {
  try {
    await browser.action.setBadgeBackgroundColor({ tabId, color: '#d13212' });
    await browser.action.setBadgeText({ tabId, text: count > 0 ? String(Math.min(count, 99)) : '' });
  } catch {
    // The tab closed between the report and the badge update; nothing to show.
  }
}
