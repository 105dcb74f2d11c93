// Watches a console page for denials and reports what appears, changes and goes away.
//
// One MutationObserver covers the document and its same-origin iframes. Mutations are checked
// cheaply as they arrive (does the added text contain a trigger? did a tracked container change or
// leave the page?) and the real work runs at most once per animation frame, with a timer fallback
// for background tabs where frames do not fire. Nothing runs while the page is quiet.
//
// Denials are keyed by denialKey: the same denial shown twice (three widgets with one cause) is one
// panel, and a denial that React re-renders into new nodes keeps its id and moves to the new anchor.

import type { Denial } from '../core/denial.ts';
import { denialKey } from '../core/denial.ts';
import type { DetectorId } from './detectors/index.ts';
import type { DenialContainer } from './find-denials.ts';
import { findDenials } from './find-denials.ts';
import { isBlockElement } from './read-text.ts';
import { ownPanelHost } from './selectors.ts';
import { hasDenialTrigger, isElement } from './trigger.ts';

export interface FoundDenial {
  /** Stable: the same container with the same denialKey keeps the same id. */
  id: string;
  /** The container to mount the panel beside (after it). */
  anchor: Element;
  denial: Denial;
  detector: DetectorId;
}

export interface WatchChange {
  added: FoundDenial[];
  updated: FoundDenial[];
  removed: string[];
}

export interface DenialWatcherOptions {
  /** Also watch same-origin iframes (default true). */
  frames?: boolean;
  /** How long to wait for an animation frame before working anyway, in ms (default 250). */
  frameTimeoutMs?: number;
}

interface Tracked extends FoundDenial {
  json: string;
  /** The anchor's parent when last seen: a re-mounted container shows up in the same place. */
  parent: Element | null;
}

interface Scheduled {
  frame: number | null;
  timer: ReturnType<typeof setTimeout>;
}

const OBSERVE: MutationObserverInit = { childList: true, subtree: true, characterData: true };

export class DenialWatcher {
  readonly #doc: Document;
  readonly #onChange: (change: WatchChange) => void;
  readonly #frames: boolean;
  readonly #frameTimeoutMs: number;
  #observer: MutationObserver | null = null;
  readonly #docs = new Set<Document>();
  #tracked = new Map<string, Tracked>();
  #textContainers = new Set<Element>();
  /** Where mutations since the last work may have put a denial (blocks, or a frame's new document). */
  readonly #pendingRoots = new Set<Element | Document>();
  #scheduled: Scheduled | null = null;
  #nextId = 0;

  constructor(doc: Document, onChange: (change: WatchChange) => void, opts: DenialWatcherOptions = {}) {
    this.#doc = doc;
    this.#onChange = onChange;
    this.#frames = opts.frames ?? true;
    this.#frameTimeoutMs = opts.frameTimeoutMs ?? 250;
  }

  /** Observes the page and reports the denials already on it. Calling it twice does nothing. */
  start(): void {
    if (this.#observer) return;
    const Observer = this.#doc.defaultView?.MutationObserver ?? globalThis.MutationObserver;
    this.#observer = new Observer(records => this.#onMutations(records));
    this.#attachDocument(this.#doc);
    this.#work(true);
  }

  /** Stops observing. Reports nothing: the caller owns whatever it mounted. */
  stop(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#cancelSchedule();
    for (const doc of this.#docs) doc.removeEventListener('load', this.#onLoad, true);
    this.#docs.clear();
    this.#pendingRoots.clear();
    this.#textContainers.clear();
    this.#tracked.clear();
  }

  /** Scans every watched document again, now, and reports the difference. */
  rescan(): void {
    if (!this.#observer) return;
    this.#cancelSchedule();
    this.#work(true);
  }

  #attachDocument(doc: Document): void {
    if (this.#docs.has(doc) || !this.#observer) return;
    this.#docs.add(doc);
    this.#observer.observe(doc, OBSERVE);
    if (!this.#frames) return;
    // Frames added later, and frames that navigate to a new document, announce it with a load
    // event; a capturing listener on the document hears every one without a look at added nodes.
    doc.addEventListener('load', this.#onLoad, true);
    for (const frame of Array.from(doc.querySelectorAll('iframe'))) this.#attachFrame(frame);
  }

  readonly #onLoad = (event: Event): void => {
    const target = event.target;
    if (isElement(target) && target.tagName === 'IFRAME' && this.#attachFrame(target as HTMLIFrameElement)) this.#schedule();
  };

  /** Watches the frame's current document; true when that document is new to the watcher. */
  #attachFrame(frame: HTMLIFrameElement): boolean {
    let doc: Document | null = null;
    try {
      doc = frame.contentDocument; // null for cross-origin frames; some browsers throw instead
    } catch {
      return false;
    }
    if (!doc || this.#docs.has(doc)) return false;
    this.#attachDocument(doc);
    this.#pendingRoots.add(doc);
    return true;
  }

  #onMutations(records: MutationRecord[]): void {
    let relevant = false;
    let removals = false;
    for (const record of records) {
      const target = record.target;
      if (record.type === 'characterData') {
        if (this.#insideTracked(target)) relevant = true;
        else if (hasDenialTrigger(target) && target.parentElement) {
          this.#pendingRoots.add(blockAround(target.parentElement));
          relevant = true;
        }
        continue;
      }
      if (record.removedNodes.length > 0) removals = true;
      if (!relevant && this.#insideTracked(target)) relevant = true;
      const added = record.addedNodes;
      if (added.length === 0 || (isElement(target) && target.matches(ownPanelHost))) continue;
      for (let i = 0; i < added.length; i++) {
        const node = added[i]!;
        if (isElement(node) && node.matches(ownPanelHost)) continue;
        const root = mayHoldDenial(node);
        if (root) {
          this.#pendingRoots.add(root);
          relevant = true;
        }
      }
    }
    if (!relevant && removals) relevant = Array.from(this.#tracked.values()).some(t => isGone(t.anchor));
    if (relevant) this.#schedule();
  }

  #insideTracked(node: Node): boolean {
    if (this.#tracked.size === 0) return false;
    for (const tracked of this.#tracked.values()) if (tracked.anchor.contains(node)) return true;
    return false;
  }

  #schedule(): void {
    if (this.#scheduled || !this.#observer) return;
    const view = this.#doc.defaultView;
    const run = () => {
      this.#cancelSchedule();
      this.#work(false);
    };
    const frame = typeof view?.requestAnimationFrame === 'function' ? view.requestAnimationFrame(run) : null;
    const timer = (view ?? globalThis).setTimeout(run, this.#frameTimeoutMs);
    this.#scheduled = { frame, timer };
  }

  #cancelSchedule(): void {
    const scheduled = this.#scheduled;
    if (!scheduled) return;
    this.#scheduled = null;
    const view = this.#doc.defaultView;
    if (scheduled.frame !== null) view?.cancelAnimationFrame(scheduled.frame);
    (view ?? globalThis).clearTimeout(scheduled.timer);
  }

  /** Finds the denials on every watched document and reports the difference to the last time. */
  #work(full: boolean): void {
    if (!this.#observer) return;
    const pending = Array.from(this.#pendingRoots);
    this.#pendingRoots.clear();
    const results: DenialContainer[] = [];
    for (const doc of Array.from(this.#docs)) {
      if (!doc.defaultView && doc !== this.#doc) {
        doc.removeEventListener('load', this.#onLoad, true);
        this.#docs.delete(doc); // the frame holding it was removed or navigated away
        continue;
      }
      const textScanRoots = full ? [doc] : outermost(pending.filter(node => node === doc || (node.isConnected && node.ownerDocument === doc)));
      const knownTextContainers = full ? [] : Array.from(this.#textContainers).filter(el => el.ownerDocument === doc);
      results.push(...findDenials(doc, { textScanRoots, knownTextContainers }));
    }
    this.#textContainers = new Set(results.filter(r => r.detector === 'text-scan').map(r => r.container));
    const change = this.#reconcile(results);
    if (change.added.length || change.updated.length || change.removed.length) this.#onChange(change);
  }

  #reconcile(results: DenialContainer[]): WatchChange {
    const shown = new Map<string, FoundDenial[]>();
    for (const { container, detector, denials } of results) {
      for (const denial of denials) {
        const key = denialKey(denial);
        const list = shown.get(key) ?? [];
        list.push({ id: '', anchor: container, denial, detector });
        shown.set(key, list);
      }
    }
    const change: WatchChange = { added: [], updated: [], removed: [] };
    const next = new Map<string, Tracked>();
    const fresh: [string, FoundDenial[]][] = [];
    for (const [key, options] of shown) {
      const previous = this.#tracked.get(key);
      if (!previous) {
        fresh.push([key, options]);
        continue;
      }
      // Keep the panel where it is while its anchor still shows the denial.
      const chosen = options.find(o => o.anchor === previous.anchor) ?? options[0]!;
      const tracked = this.#track(previous.id, chosen);
      next.set(key, tracked);
      if (tracked.anchor !== previous.anchor || tracked.detector !== previous.detector || tracked.json !== previous.json) {
        change.updated.push(found(tracked));
      }
    }
    const vanished = Array.from(this.#tracked.values()).filter(t => !shown.has(denialKey(t.denial)));
    for (const [key, options] of fresh) {
      // A container whose text now reads as another denial, or that React re-mounted in the same
      // place with new text, keeps its id: the panel updates in place.
      const reused = vanished.findIndex(t => options.some(o => succeeds(o.anchor, t)));
      if (reused >= 0) {
        const [old] = vanished.splice(reused, 1) as [Tracked];
        const tracked = this.#track(old.id, options.find(o => succeeds(o.anchor, old))!);
        next.set(key, tracked);
        change.updated.push(found(tracked));
      } else {
        const tracked = this.#track(`why-denied-${++this.#nextId}`, options[0]!);
        next.set(key, tracked);
        change.added.push(found(tracked));
      }
    }
    change.removed = vanished.map(t => t.id);
    this.#tracked = next;
    return change;
  }

  #track(id: string, shown: FoundDenial): Tracked {
    return { ...shown, id, json: JSON.stringify(shown.denial), parent: shown.anchor.parentElement };
  }
}

/** True when `anchor` is the tracked container itself, or its replacement in the same parent. */
function succeeds(anchor: Element, tracked: Tracked): boolean {
  if (anchor === tracked.anchor) return true;
  return isGone(tracked.anchor) && tracked.parent !== null && anchor.parentElement === tracked.parent;
}

/** Off the page: removed, or in the document of a frame that was removed (its nodes stay "connected"). */
function isGone(anchor: Element): boolean {
  return !anchor.isConnected || !anchor.ownerDocument.defaultView;
}

function found({ id, anchor, denial, detector }: Tracked): FoundDenial {
  return { id, anchor, denial, detector };
}

/**
 * Where to look when `node` was added, or null when it cannot complete a denial. Text and inline
 * elements are judged with their block, because they can finish a sentence begun beside them.
 */
function mayHoldDenial(node: Node): Element | null {
  if (node.nodeType === 3) {
    const parent = node.parentElement;
    if (!parent) return null;
    const block = blockAround(parent);
    return hasDenialTrigger(block) ? block : null;
  }
  if (!isElement(node)) return null;
  const root = isBlockElement(node) || !node.parentElement ? node : blockAround(node.parentElement);
  return hasDenialTrigger(root) ? root : null;
}

function blockAround(el: Element): Element {
  for (let node: Element | null = el; node; node = node.parentElement) if (isBlockElement(node)) return node;
  return el;
}

/** The roots that are not inside another root. */
function outermost<T extends Node>(nodes: T[]): T[] {
  return nodes.filter(node => !nodes.some(other => other !== node && other.contains(node)));
}
