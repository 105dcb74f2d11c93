import { DEFAULT_SETTINGS, settingsCheck, type Settings } from '../shared/protocol.ts';
import { browser } from '../shared/compat.ts';

export async function readSettings(): Promise<Settings> {
  const { settings } = await browser.storage.local.get('settings');
  const merged = { ...DEFAULT_SETTINGS, ...(typeof settings === 'object' && settings ? settings : {}) };
  return settingsCheck(merged, 'settings') ? DEFAULT_SETTINGS : (merged as Settings);
}

export async function writeSettings(settings: Settings): Promise<Settings> {
  await browser.storage.local.set({ settings });
  return settings;
}
