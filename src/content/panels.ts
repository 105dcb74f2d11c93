// Between the watcher and the panels: each denial the watcher finds gets the page's identity filled in, an
// explanation, a panel beside it and a record in the worker; each one that goes away loses all three.
import type { Denial } from '../core/denial.ts';
import type { WatchChange } from '../console/watch.ts';
import { fillFromPage, readConsoleIdentity } from '../console/identity.ts';
import { DEFAULT_SETTINGS, type Push, type Settings } from '../shared/protocol.ts';
import type { PanelUi } from './load-panel-ui.ts';
import type { PanelData, Send, WriteClipboard } from './panel/types.ts';
import { FrameReporter } from './reporter.ts';

export interface DenialPanelsDeps {
  document: Document;
  location: Pick<Location, 'href' | 'hostname'>;
  send: Send;
  writeClipboard: WriteClipboard;
  /** The panel UI, loaded on the first denial (injected by the worker in the extension, imported in tests). */
  loadUi: () => Promise<PanelUi>;
}

interface Entry {
  anchor: Element;
  denial: Denial;
  json: string;
  recordId: string | null;
  recordError: string | null;
  host: InstanceType<PanelUi['PanelHost']> | null;
}

export class DenialPanels {
  private readonly entries = new Map<string, Entry>();
  private readonly reporter: FrameReporter;
  private settings: Promise<Settings> | null = null;
  private ui: PanelUi | null = null;
  private mounting: Promise<void> = Promise.resolve();

  constructor(private readonly deps: DenialPanelsDeps) {
    this.reporter = new FrameReporter(deps.send, () => deps.location.href, {
      recorded: (records) => {
        for (const { watchId, recordId } of records) this.patch(watchId, { recordId, recordError: null });
      },
      failed: (watchIds, error) => {
        const recordError = `The extension's worker could not be reached, so this denial cannot be diagnosed; reload the page to try again (${error}).`;
        for (const watchId of watchIds) this.patch(watchId, { recordError });
      },
    });
  }

  /** The frame's first report (frameStart), whether or not the page shows a denial. */
  start(): void {
    this.reporter.start();
  }

  /** Applies one watcher change. Reporting starts at once; panels mount once the settings are known. */
  handle(change: WatchChange): Promise<void> {
    for (const id of change.removed) {
      this.entries.get(id)?.host?.destroy();
      this.entries.delete(id);
      this.reporter.forget(id);
    }
    const found = [...change.added, ...change.updated];
    if (found.length === 0) return this.mounting;
    const identity = readConsoleIdentity(this.deps.document, this.deps.location);
    for (const { id, anchor, denial: parsed } of found) {
      const denial = fillFromPage(parsed, identity);
      const json = JSON.stringify(denial);
      const entry = this.entries.get(id);
      if (!entry) {
        this.entries.set(id, { anchor, denial, json, recordId: null, recordError: null, host: null });
        this.reporter.report(id, denial);
      } else if (entry.json !== json) {
        Object.assign(entry, { anchor, denial, json });
        this.reporter.report(id, denial);
        if (entry.host && this.ui) entry.host.update(this.explained(this.ui, denial), anchor);
      } else if (entry.anchor !== anchor) {
        entry.anchor = anchor;
        entry.host?.update({}, anchor);
      }
    }
    this.mounting = this.mounting.then(() => this.mountNew());
    return this.mounting;
  }

  /** Routes a push to the panel of its record. */
  onPush(push: Push): void {
    for (const entry of this.entries.values()) {
      if (entry.recordId !== push.recordId) continue;
      if (push.type === 'diagnosis/progress') entry.host?.update({ progress: push.steps });
      else if (push.type === 'diagnosis/done') entry.host?.update({ pushedDiagnosis: push.diagnosis });
      else entry.host?.reveal();
    }
  }

  /** Removes every panel (the extension went away under the page). */
  destroy(): void {
    for (const entry of this.entries.values()) entry.host?.destroy();
    this.entries.clear();
  }

  /** Resolves when pending reports are sent and panels mounted (tests). */
  async settled(): Promise<void> {
    await this.mounting;
    await this.reporter.idle();
  }

  private explained(ui: PanelUi, denial: Denial): Pick<PanelData, 'denial' | 'explanation' | 'pageUrl'> {
    const pageUrl = this.deps.location.href;
    return { denial, explanation: ui.explain(denial, pageUrl), pageUrl };
  }

  private async mountNew(): Promise<void> {
    const waiting = Array.from(this.entries).filter(([, entry]) => !entry.host);
    if (waiting.length === 0) return;
    this.settings ??= this.deps.send('settings/get', {}).catch(() => DEFAULT_SETTINGS);
    const [settings, ui] = await Promise.all([this.settings, this.deps.loadUi()]);
    this.ui = ui;
    for (const [watchId, entry] of waiting) {
      // Gone, or mounted by an earlier pass, while the settings were on their way.
      if (this.entries.get(watchId) !== entry || entry.host || !entry.anchor.isConnected) continue;
      const data: PanelData = {
        watchId,
        ...this.explained(ui, entry.denial),
        settings,
        recordId: entry.recordId,
        recordError: entry.recordError,
        progress: null,
        pushedDiagnosis: null,
      };
      entry.host = new ui.PanelHost(entry.anchor, data, { send: this.deps.send, writeClipboard: this.deps.writeClipboard });
    }
  }

  private patch(watchId: string, patch: Partial<Pick<Entry, 'recordId' | 'recordError'>>): void {
    const entry = this.entries.get(watchId);
    if (!entry) return;
    Object.assign(entry, patch);
    entry.host?.update(patch);
  }
}
