// Page object for a Cloudscape Modal: root[role=dialog] -> focus lock -> dialog -> container ->
// header / content / footer. Hidden modals stay in the DOM with a hidden class.

import { isRendered } from '../read-text.ts';
import { dialog, modalContent, modalHeader } from '../selectors.ts';
import { ownSlot, slotsText } from './shared.ts';

export function modalRootOf(el: Element): Element {
  return el.closest(dialog) ?? el;
}

export class ConsoleModal {
  readonly root: Element;

  constructor(el: Element) {
    this.root = modalRootOf(el);
  }

  isOpen(): boolean {
    return isRendered(this.root);
  }

  header(): Element | null {
    return ownSlot(this.root, modalHeader, modalRootOf);
  }

  /** Where a panel belongs: after the content, inside the modal (after the root it would sit behind the overlay). */
  content(): Element | null {
    return ownSlot(this.root, modalContent, modalRootOf);
  }

  text(skip?: (el: Element) => boolean): string {
    return slotsText(this.root, this.header(), this.content(), skip);
  }
}
