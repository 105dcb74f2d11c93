// The panel's settings, not secret (the content script may read them; what comes back is checked): the user's
// choices (storage.local) under the organization's managed values, which win.
// A setting that a policy sets or locks cannot be changed here, whatever the options page sends.
import { channelProblem } from '../core/request/send.ts';
import { effectiveSettings, fixedSettingChanges, userSettingsToStore, type ManagedState } from '../shared/managed-config.ts';
import { DEFAULT_SETTINGS, settingsCheck, type Settings } from '../shared/protocol.ts';
import { readManagedState, readManagedStatePromptly } from './managed.ts';
import { readSettingsArea, writeSettingsArea } from './storage/areas.ts';

async function readUserSettings(): Promise<Settings> {
  const settings = await readSettingsArea();
  const merged = { ...DEFAULT_SETTINGS, ...(typeof settings === 'object' && settings ? settings : {}) };
  return settingsCheck(merged, 'settings') ? DEFAULT_SETTINGS : (merged as Settings);
}

async function settingsUnder(policy: Promise<ManagedState>): Promise<Settings> {
  const [user, { config }] = await Promise.all([readUserSettings(), policy]);
  return effectiveSettings(user, config);
}

export const readSettings = (): Promise<Settings> => settingsUnder(readManagedState());

/** The settings a panel shows with: without waiting seconds for a slow policy read (managed.ts says why). */
export const readSettingsPromptly = (): Promise<Settings> => settingsUnder(readManagedStatePromptly());

export async function writeSettings(settings: Settings): Promise<Settings> {
  const [user, { config }] = await Promise.all([readUserSettings(), readManagedState()]);
  const current = effectiveSettings(user, config);
  const refused = fixedSettingChanges(current, settings, config);
  if (refused.length > 0) throw new Error(`Set by your organization, so it cannot be changed here: ${refused.join(', ')}.`);
  const problem = settings.requestChannel ? channelProblem(settings.requestChannel) : null;
  if (problem) throw new Error(`"Send to admin": ${problem}.`);
  await writeSettingsArea(userSettingsToStore(settings, user, config));
  return readSettings();
}
