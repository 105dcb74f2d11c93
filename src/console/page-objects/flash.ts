// Page object for one Cloudscape Flashbar item (flash-header / flash-content / action wrapper).

import { flashAny, flashContent, flashHeader, flashItem } from '../selectors.ts';
import { ownSlot, slotsText } from './shared.ts';

/** The flash item `el` belongs to (the data-attribute item when there is one). */
export function flashRootOf(el: Element): Element {
  return el.closest(flashItem) ?? el.closest(flashAny) ?? el;
}

export class ConsoleFlash {
  readonly root: Element;

  constructor(el: Element) {
    this.root = flashRootOf(el);
  }

  /** The effective type Cloudscape reports (`info` for a loading flash). */
  type(): string | null {
    return this.root.getAttribute('data-analytics-flashbar');
  }

  /** Cloudscape's stable per-item id, when the console sets one. */
  itemId(): string | null {
    return this.root.getAttribute('data-itemid');
  }

  header(): Element | null {
    return ownSlot(this.root, flashHeader, flashRootOf);
  }

  content(): Element | null {
    return ownSlot(this.root, flashContent, flashRootOf);
  }

  text(skip?: (el: Element) => boolean): string {
    return slotsText(this.root, this.header(), this.content(), skip);
  }
}
