// Between the watcher and the panels: each denial the watcher finds gets the page's identity filled in, an
// explanation, a panel beside it and a record in the worker; each one that goes away loses all three. Denials of
// one principal by one layer on one page share a panel (beside the first of them) that lists their actions.
import type { Denial } from '../core/denial.ts';
import { requestGroupKey } from '../core/request-group.ts';
import type { FoundDenial, WatchChange } from '../console/watch.ts';
import { type ConsoleIdentity, fillFromPage, readConsoleIdentity } from '../console/identity.ts';
import { inModalOrPopover } from '../console/scarce-space.ts';
import type { Settings } from '../shared/protocol.ts';
import type { PanelUi } from './load-panel-ui.ts';
import { openTabFrom } from './open-tab.ts';
import type { ExplainedDenial, FrameUrl, PanelData, Send, WriteClipboard } from './panel/types.ts';
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
  /** When the content script found the denial (the request's time). */
  seenAt: number;
  /** The denial with its explanation, once the panel UI is loaded. */
  explained: ExplainedDenial | null;
  /** The panel that shows this denial, once mounted. */
  group: Group | null;
  /** The user turned to the panel that showed this denial before it moved: the next one mounts turned to. */
  turned: boolean;
}

/** One panel and the denials it shows; the first member is the one it sits beside and whose frame it holds. */
interface Group {
  /** Denials with the same key in the same document share the panel; null: this denial has a panel of its own. */
  key: string | null;
  document: Document;
  members: string[];
  host: InstanceType<PanelUi['PanelHost']>;
}

/** Whitespace never matters when comparing what the page shows with what the denial names. */
const squash = (s: string) => s.replace(/\s+/g, '');

export class DenialPanels {
  private readonly entries = new Map<string, Entry>();
  private readonly groups = new Set<Group>();
  private readonly reporter: FrameReporter;
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

  /** The settings, from the worker's answer to the frame's first report (the defaults without the worker). */
  settings(): Promise<Settings> {
    return this.reporter.settings();
  }

  /**
   * Waits for the settings and loads the panel UI ahead of the first denial (main.ts calls it when the page is idle),
   * so that panel mounts in the frame its denial appeared in and the UI's load is not part of that frame's task.
   */
  prepare(): Promise<{ ui: PanelUi; settings: Settings }> {
    if (this.ready) return Promise.resolve(this.ready);
    return Promise.all([this.settings(), this.deps.loadUi()]).then(([settings, ui]) => (this.ready ??= { ui, settings }));
  }

  /** Applies one watcher change. Reporting starts at once; panels mount once the settings and the UI are known. */
  handle(change: PanelChange): Promise<void> {
    for (const id of change.removed) {
      this.leaveGroup(id);
      this.entries.delete(id);
      this.reporter.forget(id);
    }
    const found = [...change.added, ...change.updated];
    if (found.length === 0) {
      if (this.ready && change.removed.length > 0) this.mountWaiting(this.ready);
      return this.mounting;
    }
    // Read only for a denial that lacks its principal: the cookie read is a synchronous trip to the browser.
    let identity: ConsoleIdentity | null | undefined;
    for (const { id, anchor, denial: parsed } of found) {
      if (!parsed.principalArn && identity === undefined) identity = readConsoleIdentity(this.deps.document, this.deps.location);
      const denial = identity ? fillFromPage(parsed, identity) : parsed;
      const json = JSON.stringify(denial);
      const entry = this.entries.get(id);
      if (!entry) {
        this.entries.set(id, { anchor, denial, json, recordId: null, recordError: null, seenAt: Date.now(), explained: null, group: null, turned: false });
        this.reporter.report(id, denial);
      } else if (entry.json !== json) {
        Object.assign(entry, { anchor, denial, json, explained: this.ready ? this.explain(this.ready.ui, denial) : null });
        this.reporter.report(id, denial);
        const group = entry.group;
        // Still in the same panel: it shows the change in place (its frame and what the user opened stay).
        if (group && this.ready && group.key === this.groupKey(entry)) this.refresh(group, group.members[0] === id ? anchor : undefined);
        else this.leaveGroup(id);
      } else if (entry.anchor !== anchor) {
        entry.anchor = anchor;
        if (entry.group?.members[0] === id) entry.group.host.update({}, anchor);
      }
    }
    if (this.ready) this.mountWaiting(this.ready);
    else this.mounting = this.mounting.then(() => this.mountNew());
    return this.mounting;
  }

  /** The page is back from the back-forward cache: its denials are reported again, as on a new load of the frame. */
  reportAgain(): void {
    this.reporter.restart(Array.from(this.entries, ([id, entry]) => [id, entry.denial] as const));
  }

  /** "Show on page": scrolls to the panel of this record and focuses it. */
  reveal(recordId: string): void {
    for (const entry of this.entries.values()) if (entry.recordId === recordId) entry.group?.host.reveal();
  }

  /** Removes every panel (the extension went away under the page). */
  destroy(): void {
    for (const group of this.groups) group.host.destroy();
    this.groups.clear();
    this.entries.clear();
  }

  /** Resolves when pending reports are sent and panels mounted (tests). */
  async settled(): Promise<void> {
    await this.mounting;
    await this.reporter.idle();
  }

  private explain(ui: PanelUi, denial: Denial): ExplainedDenial {
    return { denial, explanation: ui.explain(denial, this.deps.location.href) };
  }

  /** Denials merge as one request would cover them (requestGroupKey): one principal, one blocking layer. */
  private groupKey(entry: Entry): string | null {
    return entry.explained ? requestGroupKey(entry.explained.denial, entry.explained.explanation) : null;
  }

  private async mountNew(): Promise<void> {
    if (Array.from(this.entries.values()).every((entry) => entry.group)) return;
    this.mountWaiting(await this.prepare());
  }

  private mountWaiting({ ui, settings }: { ui: PanelUi; settings: Settings }): void {
    for (const [watchId, entry] of this.entries) {
      // Mounted already, or its denial left the page while the settings and the UI were on their way.
      if (entry.group || !entry.anchor.isConnected) continue;
      entry.explained ??= this.explain(ui, entry.denial);
      const key = this.groupKey(entry);
      const document = entry.anchor.ownerDocument;
      const joined = key === null ? undefined : [...this.groups].find((g) => g.key === key && g.document === document);
      if (joined) {
        joined.members.push(watchId);
        entry.group = joined;
        this.refresh(joined);
        continue;
      }
      const group: Group = { key, document, members: [watchId], host: null! };
      group.host = new ui.PanelHost(entry.anchor, { ...this.panelData(group), settings, compact: inModalOrPopover(entry.anchor), turned: entry.turned }, this.panelDeps());
      entry.group = group;
      this.groups.add(group);
    }
  }

  private panelDeps() {
    return { writeClipboard: this.deps.writeClipboard, openTab: openTabFrom(this.deps.document.defaultView), frameUrl: this.deps.frameUrl };
  }

  /** What a group's panel shows: its first denial (and that one's record), the others (and theirs) merged in. */
  private panelData(group: Group): Omit<PanelData, 'settings' | 'compact'> {
    const [leadId, ...otherIds] = group.members as [string, ...string[]];
    const lead = this.entries.get(leadId)!;
    const others = otherIds.map((id) => this.entries.get(id)!);
    const merged = others.map((entry) => entry.explained!);
    const shown = squash(lead.anchor.textContent ?? '');
    const pageShows = {
      principal: Boolean(lead.denial.principalArn && shown.includes(squash(lead.denial.principalArn))),
      // A merged panel lists its actions itself.
      action: merged.length > 0 || Boolean(lead.denial.action && shown.includes(lead.denial.action)),
    };
    return { watchId: leadId, ...lead.explained!, pageUrl: this.deps.location.href, ...this.records(group), seenAt: lead.seenAt, merged, pageShows };
  }

  /**
   * What the worker said of a group's denials: its lead's record (the panel's) or why there is none, and the records
   * of its merged ones acknowledged so far.
   */
  private records(group: Group): Pick<PanelData, 'recordId' | 'recordError' | 'mergedRecordIds'> {
    const [lead, ...others] = group.members.map((id) => this.entries.get(id)!);
    return { recordId: lead!.recordId, recordError: lead!.recordError, mergedRecordIds: others.flatMap((entry) => (entry.recordId ? [entry.recordId] : [])) };
  }

  private refresh(group: Group, anchor?: Element): void {
    group.host.update(this.panelData(group), anchor);
  }

  /** Takes a denial out of its panel: the panel goes with its last denial, and moves on when its first one left. */
  private leaveGroup(watchId: string): void {
    const entry = this.entries.get(watchId);
    const group = entry?.group;
    if (!entry || !group) return;
    entry.group = null;
    const wasLead = group.members[0] === watchId;
    group.members = group.members.filter((id) => id !== watchId);
    if (group.members.length > 0 && !wasLead) return this.refresh(group);
    group.host.destroy();
    this.groups.delete(group);
    // The others get a panel again (beside the next of them) when handle() mounts what waits: open and with its frame
    // if the user had turned to this one, so the panel the user was reading moves rather than starts over.
    for (const id of group.members) Object.assign(this.entries.get(id)!, { group: null, turned: group.host.turned });
  }

  private patch(watchId: string, patch: Partial<Pick<Entry, 'recordId' | 'recordError'>>): void {
    const entry = this.entries.get(watchId);
    if (!entry) return;
    Object.assign(entry, patch);
    // The lead's record is the panel's; a merged one's joins the records its frame diagnoses.
    if (entry.group) entry.group.host.update(this.records(entry.group));
  }
}
