// Settings are not secret and stay where the content script may read them; what comes back is checked.
import { DEFAULT_SETTINGS, settingsCheck, type Settings } from '../shared/protocol.ts';
import { readSettingsArea, writeSettingsArea } from './storage/areas.ts';

export async function readSettings(): Promise<Settings> {
  const settings = await readSettingsArea();
  const merged = { ...DEFAULT_SETTINGS, ...(typeof settings === 'object' && settings ? settings : {}) };
  return settingsCheck(merged, 'settings') ? DEFAULT_SETTINGS : (merged as Settings);
}

export async function writeSettings(settings: Settings): Promise<Settings> {
  await writeSettingsArea(settings);
  return settings;
}
