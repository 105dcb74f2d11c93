// The panel's host element: a <div data-why-denied> right after the denial, holding a closed shadow root that
// the panel renders into (a page script gets null from host.shadowRoot, so it can neither read nor drive it).
// The page may restyle, hide or remove the host (on purpose or by re-rendering); the
// host puts itself back a bounded number of times, then gives up rather than fight the page. It follows the width of
// the denial's container (one ResizeObserver), so the panel turns compact when that narrows, and full when it widens.
import { h, render } from 'preact';
import { spaceIsScarce } from '../../console/scarce-space.ts';
import { OWN_PANEL_ATTRIBUTE as HOST_ATTRIBUTE } from '../../console/trigger.ts';
import { readVisualMode, watchVisualMode, type VisualMode } from '../../console/visual-mode.ts';
import { Panel } from './panel.tsx';
import { PANEL_CSS } from './styles.ts';
import type { FrameUrl, OpenTab, PanelData, WriteClipboard } from './types.ts';

/** How many times one host restores itself after the page changed or removed it. */
export const MAX_RESTORES = 10;

/** What only the panel frame reads (types.ts), and the frame is made once the user turns to the panel. */
const FRAME_ONLY: ReadonlySet<string> = new Set(['recordId', 'mergedRecordIds'] satisfies (keyof PanelData)[]);

export interface PanelDeps {
  writeClipboard: WriteClipboard;
  openTab: OpenTab;
  frameUrl: FrameUrl;
}

/** One parsed sheet per document, adopted by each of its panels: a dashboard of failed widgets parses it once. */
const sheets = new WeakMap<Document, CSSStyleSheet>();

/** Constructed sheets are not subject to the page's style-src CSP; a <style> element is the fallback. */
function applyStyles(root: ShadowRoot, doc: Document): void {
  try {
    const Sheet = doc.defaultView?.CSSStyleSheet;
    if (Sheet && 'adoptedStyleSheets' in root) {
      let sheet = sheets.get(doc);
      if (!sheet) {
        sheet = new Sheet();
        sheet.replaceSync(PANEL_CSS);
        sheets.set(doc, sheet);
      }
      root.adoptedStyleSheets = [sheet];
      if (root.adoptedStyleSheets.length === 1) return;
    }
  } catch {
    // Firefox content scripts cannot always hand a sheet across the page boundary.
  }
  const style = doc.createElement('style');
  style.textContent = PANEL_CSS;
  root.append(style);
}

export class PanelHost {
  readonly element: HTMLElement;
  /** The closed shadow root: this content script keeps the only reference (its tests read the panel through it). */
  readonly root: ShadowRoot;
  private readonly container: HTMLElement;
  private readonly observer: MutationObserver;
  /** Null where the page's window has no ResizeObserver: the mode then stays as it was at mount. */
  private readonly resizeObserver: ResizeObserver | null;
  private readonly stopWatchingMode: () => void;
  private anchor: Element;
  private data: PanelData;
  private styleText: string | null = null;
  private restores = 0;
  private mode: VisualMode | null = null;
  private destroyed = false;
  /** The user has turned to the panel (the panel says so): from then on its frame follows every record. */
  private turnedTo: boolean;

  constructor(anchor: Element, data: PanelData, private readonly deps: PanelDeps) {
    const doc = anchor.ownerDocument;
    this.anchor = anchor;
    this.data = data;
    this.turnedTo = Boolean(data.turned);
    this.element = doc.createElement('div');
    this.root = this.element.attachShadow({ mode: 'closed' });
    applyStyles(this.root, doc);
    this.container = doc.createElement('div');
    this.container.className = 'root';
    // The console's light or dark mode; without data-mode the styles follow prefers-color-scheme.
    const applyMode = (mode: VisualMode | null) => {
      this.mode = mode;
      if (mode) this.container.dataset.mode = mode;
      else delete this.container.dataset.mode;
    };
    applyMode(readVisualMode(doc));
    this.stopWatchingMode = watchVisualMode(doc, (mode) => {
      applyMode(mode);
      this.render();
    });
    this.root.append(this.container);
    this.applyHostAttributes();
    anchor.after(this.element);
    this.render();
    const Observer = doc.defaultView?.MutationObserver ?? MutationObserver;
    this.observer = new Observer(() => this.guard());
    const Resize = doc.defaultView?.ResizeObserver ?? globalThis.ResizeObserver;
    this.resizeObserver = Resize ? new Resize(() => this.followSpace()) : null;
    this.observe();
  }

  get watchId(): string {
    return this.data.watchId;
  }

  get recordId(): string | null {
    return this.data.recordId;
  }

  /** The user has turned to the panel: a panel that replaces it starts turned to (PanelData.turned). */
  get turned(): boolean {
    return this.turnedTo;
  }

  /** How often the host has put itself back (for tests and diagnostics). */
  get restoreCount(): number {
    return this.restores;
  }

  update(patch: Partial<Omit<PanelData, 'watchId'>>, anchor?: Element): void {
    if (this.destroyed) return;
    const changesOnlyFrame = Object.entries(patch).every(([key, value]) => FRAME_ONLY.has(key) || Object.is(this.data[key as keyof PanelData], value));
    if (!anchor && !this.turnedTo && changesOnlyFrame) {
      // Record ids (all else as it was) change only what the panel frame loads, and there is no frame until the user
      // turns to the panel: they go into the rendered data in place, for the render that turn makes to read. A render
      // is most of what a panel costs the page after its mount, and the first record arrives right after it.
      Object.assign(this.data, patch);
      return;
    }
    this.data = { ...this.data, ...patch };
    if (anchor && anchor !== this.anchor) {
      this.anchor = anchor;
      anchor.after(this.element);
      this.observe();
    }
    this.render();
  }

  /** Scrolls the panel (or its "Why denied?" button) into view and focuses it: the popup's "Show on page". */
  reveal(): void {
    if (this.destroyed) return;
    const target = this.container.querySelector<HTMLElement>('[data-testid="wd-panel"], [data-testid="wd-open"]');
    target?.scrollIntoView({ block: 'center' });
    target?.focus({ preventScroll: true });
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.observer.disconnect();
    this.resizeObserver?.disconnect();
    this.stopWatchingMode();
    render(null, this.container);
    this.element.remove();
  }

  private render(): void {
    const { writeClipboard, openTab, frameUrl } = this.deps;
    const onTurn = () => (this.turnedTo = true);
    render(h(Panel, { data: this.data, writeClipboard, openTab, frameUrl, mode: this.mode, onTurn }), this.container);
  }

  /**
   * Exactly two attributes, both ours: the watch id and `all: initial`, which resets whatever the page's CSS would
   * give the host. The shadow sheet's `:host` rules (!important, so they beat even the page's !important) do the
   * same and make it a block; this inline reset covers a page whose CSP kept the sheet out.
   */
  private applyHostAttributes(): void {
    const el = this.element;
    for (const name of el.getAttributeNames()) if (name !== HOST_ATTRIBUTE) el.removeAttribute(name);
    el.setAttribute(HOST_ATTRIBUTE, this.data.watchId);
    // A CSSOM write, not a style="" string: the page's CSP may forbid inline style attributes.
    el.style.cssText = '';
    el.style.setProperty('all', 'initial', 'important');
    // Text spacing stays adjustable by the reader's own stylesheet (WCAG 1.4.12): initial, but not !important.
    for (const name of ['letter-spacing', 'word-spacing', 'line-height']) el.style.setProperty(name, 'normal');
    this.styleText = el.getAttribute('style');
  }

  private isIntact(): boolean {
    const el = this.element;
    return (
      el.attributes.length === 2 &&
      el.getAttribute(HOST_ATTRIBUTE) === this.data.watchId &&
      el.getAttribute('style') === this.styleText &&
      el.parentNode === this.anchor.parentNode
    );
  }

  private observe(): void {
    this.observer.disconnect();
    this.observer.observe(this.element, { attributes: true });
    const parent = this.anchor.parentNode;
    if (parent) this.observer.observe(parent, { childList: true });
    this.resizeObserver?.disconnect();
    if (this.anchor.parentElement) this.resizeObserver?.observe(this.anchor.parentElement);
  }

  /** The container was resized: compact below the narrow width (and in a modal or popover), full otherwise. */
  private followSpace(): void {
    if (this.destroyed) return;
    const compact = spaceIsScarce(this.anchor);
    if (compact === this.data.compact) return;
    this.data = { ...this.data, compact };
    this.render();
  }

  private guard(): void {
    // A detached anchor means the denial itself is gone; the watcher reports that and the host is destroyed.
    if (this.destroyed || !this.anchor.isConnected || this.isIntact()) return;
    if (this.restores >= MAX_RESTORES) {
      this.observer.disconnect();
      return;
    }
    this.restores++;
    this.applyHostAttributes();
    if (this.element.parentNode !== this.anchor.parentNode) this.anchor.after(this.element);
    this.observe();
  }
}
