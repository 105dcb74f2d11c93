// Watches a console page for denials and reports what appears, changes and goes away.
//
// One MutationObserver covers the document and its same-origin iframes. Mutations are checked
// cheaply as they arrive (does the added text contain a trigger? did a tracked container change or
// leave the page?) and, when one may matter, the real work runs right there in the observer's
// callback: that callback already runs once per batch of the page's changes and before the next
// paint, so a denial gets its panel in the frame it appeared in, and waiting for an animation frame
// would only add one. Nothing runs while the page is quiet. How one scan is compared with the last
// is in reconcile.ts.

import type { DenialContainer } from './find-denials.ts';
import { findDenials } from './find-denials.ts';
import { isBlockElement } from './read-text.ts';
import type { Tracked, WatchChange } from './reconcile.ts';
import { isGone, reconcile } from './reconcile.ts';
import { hasDenialTrigger, isElement, isOwnPanelHost } from './trigger.ts';

export type { FoundDenial, WatchChange } from './reconcile.ts';

export interface DenialWatcherOptions {
  /** Also watch same-origin iframes (default true). */
  frames?: boolean;
}

const OBSERVE: MutationObserverInit = { childList: true, subtree: true, characterData: true };

export class DenialWatcher {
  readonly #doc: Document;
  readonly #onChange: (change: WatchChange) => void;
  readonly #frames: boolean;
  #observer: MutationObserver | null = null;
  readonly #docs = new Set<Document>();
  #tracked = new Map<string, Tracked>();
  #textContainers = new Set<Element>();
  /** Where mutations since the last work may have put a denial (blocks, or a frame's new document). */
  readonly #pendingRoots = new Set<Element | Document>();
  #nextId = 0;

  constructor(doc: Document, onChange: (change: WatchChange) => void, opts: DenialWatcherOptions = {}) {
    this.#doc = doc;
    this.#onChange = onChange;
    this.#frames = opts.frames ?? true;
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
    for (const doc of this.#docs) doc.removeEventListener('load', this.#onLoad, true);
    this.#docs.clear();
    this.#pendingRoots.clear();
    this.#textContainers.clear();
    this.#tracked.clear();
  }

  /** Scans every watched document again, now, and reports the difference. */
  rescan(): void {
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
    if (isElement(target) && target.tagName === 'IFRAME' && this.#attachFrame(target as HTMLIFrameElement)) this.#work(false);
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

  // Runs for every mutation batch of the page, so it touches as little as it can: each read of a record or a node
  // is a call into the browser, which costs more than the rest of the loop. A record's type is read only when it
  // adds nothing (removals and text edits), its target only for inline additions (and while a denial is tracked),
  // removed nodes only while a denial is tracked, each added node's text once (an inline addition's block once per
  // run of records with the same target), our own hosts only on a hit.
  #onMutations(records: MutationRecord[]): void {
    const tracking = this.#tracked.size > 0;
    let relevant = false;
    let removals = false;
    // The block (with a trigger) judged for the last record's target, reused while the target repeats.
    let lastTarget: Node | null = null;
    let lastAround: Element | null = null;
    for (const record of records) {
      const added = record.addedNodes;
      const count = added.length;
      if (count === 0 && record.type === 'characterData') {
        const target = record.target;
        if (tracking && this.#insideTracked(target)) relevant = true;
        else if (hasDenialTrigger(target) && target.parentElement) {
          this.#pendingRoots.add(blockAround(target.parentElement));
          relevant = true;
        }
        continue;
      }
      if (tracking) {
        if (!removals && record.removedNodes.length > 0) removals = true;
        if (!relevant && this.#insideTracked(record.target)) relevant = true;
      }
      if (count === 0) continue;
      let target: Node | null = null;
      let around: Element | null | undefined;
      for (let i = 0; i < count; i++) {
        const node = added[i]!;
        const type = node.nodeType;
        let root: Element | null;
        // A block element is judged by its own text; text and inline elements can finish a sentence begun beside
        // them, so they are judged with the target's block, read once for all of them.
        if (type === 1 && isBlockElement(node as Element)) root = hasDenialTrigger(node) ? (node as Element) : null;
        else if (type === 1 || type === 3) {
          target ??= record.target;
          if (target.nodeType !== 1) root = type === 1 && hasDenialTrigger(node) ? (node as Element) : null;
          else {
            if (around === undefined) {
              around = target === lastTarget ? lastAround : blockWithTrigger(target as Element);
              lastTarget = target;
              lastAround = around;
            }
            root = around;
          }
        } else continue;
        if (root && !isOwnPanelHost(target ?? record.target) && !isOwnPanelHost(node)) {
          this.#pendingRoots.add(root);
          relevant = true;
        }
      }
    }
    if (!relevant && removals) relevant = Array.from(this.#tracked.values()).some(t => isGone(t.anchor));
    if (relevant) this.#work(false);
  }

  #insideTracked(node: Node): boolean {
    if (this.#tracked.size === 0) return false;
    for (const tracked of this.#tracked.values()) if (tracked.anchor.contains(node)) return true;
    return false;
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
    const { tracked, change } = reconcile(this.#tracked, results, () => `why-denied-${++this.#nextId}`);
    this.#tracked = tracked;
    if (change.added.length || change.updated.length || change.removed.length) this.#onChange(change);
  }
}

/** The block around `el` when its text holds a trigger, else null. */
function blockWithTrigger(el: Element): Element | null {
  const block = blockAround(el);
  return hasDenialTrigger(block) ? block : null;
}

function blockAround(el: Element): Element {
  for (let node: Element | null = el; node; node = node.parentElement) if (isBlockElement(node)) return node;
  return el;
}

/** The roots that are not inside another root. */
function outermost<T extends Node>(nodes: T[]): T[] {
  return nodes.filter(node => !nodes.some(other => other !== node && other.contains(node)));
}
