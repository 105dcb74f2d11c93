// The background worker: receives denials from content scripts, keeps them per tab, runs diagnoses.
import { browser } from '../shared/compat.ts';
import { acceptProgressPort, diagnosisHandlers, recoverInterruptedDiagnoses } from './diagnose.ts';
import { forgetDenials, forgetTab, leaveFrames, listEarlier, listRecords, reportDenials } from './denial-store.ts';
import { goneFrames } from './frame-presence.ts';
import { profileHandlers } from './profiles/handlers.ts';
import { listen, type SenderContext } from './router.ts';
import { readManagedState } from './managed.ts';
import { compareWithToday } from './todays-version.ts';
import { readSettingsPromptly, writeSettings } from './settings.ts';
import { resumeSignIns } from './sso/sign-in.ts';
import { lockIfIdle } from './profiles/vault.ts';
import { whenReady } from './storage/areas.ts';

function contentTab(sender: SenderContext): number {
  if (sender.tabId === null) throw new Error('this request needs a tab');
  return sender.tabId;
}

listen({
  'denials/report': async ({ pageUrl, frameStart, denials }, sender) => {
    const [records, settings] = await Promise.all([
      reportDenials(contentTab(sender), sender.frameId, pageUrl, denials, frameStart),
      frameStart ? readSettingsPromptly() : null,
    ]);
    return { records, settings };
  },
  'denials/gone': async ({ watchIds }, sender) => ({ removed: await forgetDenials(contentTab(sender), sender.frameId, watchIds) }),
  'denials/list': async ({ tabId }) => {
    // Those of frames that left the console are earlier ones now, though no report said so.
    const frames = [...new Set((await listRecords(tabId)).map((r) => r.frameId))];
    await leaveFrames(tabId, await goneFrames(tabId, frames));
    const [records, earlier] = await Promise.all([listRecords(tabId), listEarlier(tabId)]);
    return { records, earlier };
  },
  'settings/get': () => readSettingsPromptly(),
  'settings/set': (settings) => writeSettings(settings),
  'managed/get': () => readManagedState(),
  // The panel UI is injected into the asking frame only, on its first denial (see content/load-panel-ui.ts).
  'panel/load': async (_payload, sender) => {
    await browser.scripting.executeScript({ target: { tabId: contentTab(sender), frameIds: [sender.frameId] }, files: ['panel.js'] });
    return { loaded: true };
  },
  'options/open': async () => {
    await browser.runtime.openOptionsPage();
    return { opened: true };
  },
  'diagnosis/current-policy': compareWithToday,
  ...diagnosisHandlers,
  ...profileHandlers,
});

// Chrome can be slow to answer the first policy read after the browser starts: begin it now, not at the first panel.
void readManagedState();

// A panel frame follows its diagnosis' progress over a port it opens for the run.
browser.runtime.onConnect.addListener(acceptProgressPort);

// A reloaded frame drops its old records itself (frameStart); a closed tab drops them all.
browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));

// First of all: the storage areas to trusted contexts, and profiles an earlier version left in storage.local moved
// out of it (every read and write waits for this). Then a vault left unlocked past its idle time locks.
void whenReady().then(() => lockIfIdle());

// A worker stopped mid-flow picks up where it was: Identity Center sign-ins waiting for approval, and the
// diagnoses that were running (their answers are saved on the records, where a retrying panel finds them).
void resumeSignIns();
void recoverInterruptedDiagnoses();
