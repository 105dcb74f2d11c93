// Hidden denials: the console's own requests that AWS refused while the page printed no reason (a widget that only
// says "Error"). The page observer reports each one over its port (observed-receiver.ts); here each becomes a denial
// read by the same parser, one per principal, action and resource, placed by console/refused-requests.ts and then
// handled like a printed denial (panel, record in the worker, diagnosis). A denial the page also prints keeps only
// its printed panel.
import { parseGuarded } from '../console/trigger.ts';
import type { WatchChange } from '../console/watch.ts';
import {
  captionInRegion, captionInWidget, findFailedWidget, inRegion, updateCaption, updateRegion, type RefusedRequest,
} from '../console/refused-requests.ts';
import { blankDenial, type Denial } from '../core/denial.ts';
import type { ObservedDenial } from '../shared/observed-denial.ts';
import type { ObservedInbox } from './observed-receiver.ts';
import type { Settings } from '../shared/protocol.ts';
import type { PanelChange } from './panels.ts';

export interface HiddenDenialsDeps {
  document: Document;
  inbox: ObservedInbox;
  /** The settings (DenialPanels.settings). */
  settings: () => Promise<Settings>;
  /** The panels' handler (DenialPanels.handle). */
  handle: (change: PanelChange) => void;
  /** How long refusals are gathered before they are placed: the page shows its error state meanwhile (ms). */
  settleMs?: number;
  /** How often shown captions are checked for having left the page (ms). */
  sweepMs?: number;
}

interface Hidden {
  id: string;
  key: string;
  denial: Denial;
  request: RefusedRequest;
  /** Where the panel is (our caption), or null while it is not shown (the page prints the denial itself). */
  caption: HTMLElement | null;
  /** The widget the denial was placed in, if it could be told. */
  widget: Element | null;
}

/** Same principal, action and resource: one panel. A denial that names none of them is told apart by its request. */
function hiddenKey(denial: Denial, request?: { method: string; path: string }): string {
  const { principalArn, action, resource } = denial;
  if (!principalArn && !action && !resource && request) return `request|${request.method} ${request.path}`;
  return [principalArn, action, resource].join('|');
}

/**
 * The denial the message says, read in this world by the parser (the observer sends the message unparsed); a message
 * that names nothing is still an AccessDenied error.
 */
export function denialFromObserved(observed: ObservedDenial): Denial {
  // AWS said it is a denial, so the structure that page prose must show (console/structure.ts) is not asked of it.
  const parsed = parseGuarded(observed.message)[0] ?? null;
  const base = parsed ?? blankDenial('api-sentence');
  return {
    ...base,
    meta: {
      ...base.meta,
      partial: base.meta.partial || !parsed,
      message: base.meta.message || observed.message || observed.errorCode,
      errorCode: base.meta.errorCode ?? observed.errorCode,
      request: { method: observed.method, path: observed.path },
    },
  };
}

export class HiddenDenials {
  private readonly byKey = new Map<string, Hidden>();
  /** The printed denials' keys, by the watcher's id. */
  private readonly printed = new Map<string, string>();
  private readonly pending = new Set<Hidden>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private sweeper: ReturnType<typeof setInterval> | null = null;
  private enabled: Promise<boolean> | null = null;
  private nextId = 0;
  private stopped = false;

  constructor(private readonly deps: HiddenDenialsDeps) {}

  start(): void {
    this.deps.inbox.take((observed) => void this.receive(observed));
  }

  /** Places and sweeps no more (the extension went away under the page): what is shown stays, as the panels do. */
  stop(): void {
    this.stopped = true;
    const view = this.deps.document.defaultView ?? globalThis;
    if (this.timer !== null) view.clearTimeout(this.timer);
    if (this.sweeper !== null) view.clearInterval(this.sweeper);
    this.timer = null;
    this.sweeper = null;
  }

  /** The watcher's change (before the panels see it): denials the page prints now, and those it no longer prints. */
  notePrinted(change: WatchChange): void {
    for (const id of change.removed) this.printed.delete(id);
    for (const found of [...change.added, ...change.updated]) this.printed.set(found.id, hiddenKey(found.denial));
    const removed: string[] = [];
    for (const hidden of this.byKey.values()) {
      if (this.isPrinted(hidden.key)) {
        if (hidden.caption) removed.push(this.unplace(hidden));
        this.pending.delete(hidden);
      } else if (!hidden.caption && !this.pending.has(hidden)) {
        this.pending.add(hidden);
        this.schedule();
      }
    }
    if (removed.length) {
      this.refreshRegion();
      this.deps.handle({ added: [], updated: [], removed });
    }
  }

  private isPrinted(key: string): boolean {
    for (const printedKey of this.printed.values()) if (printedKey === key) return true;
    return false;
  }

  private async receive(observed: ObservedDenial): Promise<void> {
    this.enabled ??= this.deps.settings().then((settings) => settings.responseObserver);
    if (!(await this.enabled)) return this.deps.inbox.close();
    if (this.stopped) return;
    const denial = denialFromObserved(observed);
    const request = { method: observed.method, path: observed.path };
    const key = hiddenKey(denial, request);
    const known = this.byKey.get(key);
    if (known) {
      known.request.count++;
      if (known.caption) updateCaption(known.caption, known.request);
      this.refreshRegion();
      return;
    }
    const hidden: Hidden = { id: `why-denied-hidden-${++this.nextId}`, key, denial, request: { ...request, count: 1 }, caption: null, widget: null };
    this.byKey.set(key, hidden);
    if (this.isPrinted(key)) return;
    this.pending.add(hidden);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== null || this.stopped) return;
    const view = this.deps.document.defaultView ?? globalThis;
    this.timer = view.setTimeout(() => {
      this.timer = null;
      this.place();
    }, this.deps.settleMs ?? 400);
  }

  /** Places what arrived together: in its widget when one refusal meets one failed widget, else in the region. */
  private place(): void {
    const batch = Array.from(this.pending).filter((hidden) => !this.isPrinted(hidden.key));
    this.pending.clear();
    if (batch.length === 0) return;
    const doc = this.deps.document;
    const claimed = new Set(Array.from(this.byKey.values(), (h) => h.widget).filter((w): w is Element => w !== null && w.isConnected));
    const failed = batch.length === 1 ? findFailedWidget(doc, claimed) : null;
    for (const hidden of batch) {
      hidden.widget = failed?.widget ?? null;
      hidden.caption = failed ? captionInWidget(failed.errorState, hidden.request) : captionInRegion(doc, hidden.request);
    }
    this.refreshRegion();
    this.deps.handle({ added: batch.map((h) => ({ id: h.id, anchor: h.caption!, denial: h.denial })), updated: [], removed: [] });
    const view = doc.defaultView ?? globalThis;
    this.sweeper ??= view.setInterval(() => this.sweep(), this.deps.sweepMs ?? 1000);
  }

  /**
   * A caption the page removed (it re-rendered the widget, or went to another route) takes its denial with it, as
   * a printed denial that goes away does; a new refusal brings it back. A timer, not another subtree observer: it
   * runs only while a hidden denial is shown.
   */
  private sweep(): void {
    const removed: string[] = [];
    for (const [key, hidden] of this.byKey) {
      if (!hidden.caption || hidden.caption.isConnected) continue;
      this.byKey.delete(key);
      removed.push(hidden.id);
    }
    if (removed.length) {
      this.refreshRegion();
      this.deps.handle({ added: [], updated: [], removed });
    }
    if (this.sweeper !== null && !Array.from(this.byKey.values()).some((h) => h.caption)) {
      (this.deps.document.defaultView ?? globalThis).clearInterval(this.sweeper);
      this.sweeper = null;
    }
  }

  private unplace(hidden: Hidden): string {
    hidden.caption?.remove();
    hidden.caption = null;
    hidden.widget = null;
    return hidden.id;
  }

  private refreshRegion(): void {
    let refused = 0;
    for (const hidden of this.byKey.values()) if (hidden.caption && inRegion(hidden.caption)) refused += hidden.request.count;
    updateRegion(this.deps.document, refused);
  }
}
