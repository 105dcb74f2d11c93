// Between the watcher and the panels: each denial the watcher finds gets the page's identity filled in, an
// explanation, a panel beside it and a record in the worker; each one that goes away loses all three.
import type { Denial } from '../core/denial.ts';
import type { FoundDenial, WatchChange } from '../console/watch.ts';
import { type ConsoleIdentity, fillFromPage, readConsoleIdentity } from '../console/identity.ts';
import { DEFAULT_SETTINGS, type Settings } from '../shared/protocol.ts';
import type { PanelUi } from './load-panel-ui.ts';
import type { FrameUrl, PanelData, Send, WriteClipboard } from './panel/types.ts';
import { FrameReporter } from './reporter.ts';

/** What the panels need of a change: the watcher's, or the hidden denials' (which have no detector). */
export interface PanelChange {
  added: Pick<FoundDenial, 'id' | 'anchor' | 'denial'>[];
  updated: Pick<FoundDenial, 'id' | 'anchor' | 'denial'>[];
  removed: WatchChange['removed'];
}

export interface DenialPanelsDeps {
  document: Document;
  location: Pick<Location, 'href' | 'hostname'>;
  send: Send;
  writeClipboard: WriteClipboard;
  /** The panel frame's URL for a record (the credentialed part of each panel). */
  frameUrl: FrameUrl;
  /** The panel UI, loaded at idle or on the first denial (injected by the worker in Firefox, imported in Chrome and tests). */
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
  /** Both known: panels mount at once, in the observer callback that found their denial. */
  private ready: { ui: PanelUi; settings: Settings } | null = null;
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

  /**
   * Fetches the settings and loads the panel UI ahead of the first denial (main.ts calls it when the page is idle),
   * so that panel mounts in the frame its denial appeared in and the UI's load is not part of that frame's task.
   */
  prepare(): Promise<{ ui: PanelUi; settings: Settings }> {
    if (this.ready) return Promise.resolve(this.ready);
    this.settings ??= this.deps.send('settings/get', {}).catch(() => DEFAULT_SETTINGS);
    return Promise.all([this.settings, this.deps.loadUi()]).then(([settings, ui]) => (this.ready ??= { ui, settings }));
  }

  /** Applies one watcher change. Reporting starts at once; panels mount once the settings and the UI are known. */
  handle(change: PanelChange): Promise<void> {
    for (const id of change.removed) {
      this.entries.get(id)?.host?.destroy();
      this.entries.delete(id);
      this.reporter.forget(id);
    }
    const found = [...change.added, ...change.updated];
    if (found.length === 0) return this.mounting;
    // Read only for a denial that lacks its principal: the cookie read is a synchronous trip to the browser.
    let identity: ConsoleIdentity | null | undefined;
    for (const { id, anchor, denial: parsed } of found) {
      if (!parsed.principalArn && identity === undefined) identity = readConsoleIdentity(this.deps.document, this.deps.location);
      const denial = identity ? fillFromPage(parsed, identity) : parsed;
      const json = JSON.stringify(denial);
      const entry = this.entries.get(id);
      if (!entry) {
        this.entries.set(id, { anchor, denial, json, recordId: null, recordError: null, host: null });
        this.reporter.report(id, denial);
      } else if (entry.json !== json) {
        Object.assign(entry, { anchor, denial, json });
        this.reporter.report(id, denial);
        if (entry.host && this.ready) entry.host.update(this.explained(this.ready.ui, denial), anchor);
      } else if (entry.anchor !== anchor) {
        entry.anchor = anchor;
        entry.host?.update({}, anchor);
      }
    }
    if (this.ready) this.mountWaiting(this.ready);
    else this.mounting = this.mounting.then(() => this.mountNew());
    return this.mounting;
  }

  /** "Show on page": scrolls to the panel of this record and focuses it. */
  reveal(recordId: string): void {
    for (const entry of this.entries.values()) if (entry.recordId === recordId) entry.host?.reveal();
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
    if (Array.from(this.entries.values()).every((entry) => entry.host)) return;
    this.mountWaiting(await this.prepare());
  }

  private mountWaiting({ ui, settings }: { ui: PanelUi; settings: Settings }): void {
    for (const [watchId, entry] of this.entries) {
      // Mounted already, or its denial left the page while the settings and the UI were on their way.
      if (entry.host || !entry.anchor.isConnected) continue;
      const data: PanelData = {
        watchId,
        ...this.explained(ui, entry.denial),
        settings,
        recordId: entry.recordId,
        recordError: entry.recordError,
      };
      entry.host = new ui.PanelHost(entry.anchor, data, { writeClipboard: this.deps.writeClipboard, send: this.deps.send, frameUrl: this.deps.frameUrl });
    }
  }

  private patch(watchId: string, patch: Partial<Pick<Entry, 'recordId' | 'recordError'>>): void {
    const entry = this.entries.get(watchId);
    if (!entry) return;
    Object.assign(entry, patch);
    entry.host?.update(patch);
  }
}
