// Page object for the full-page "You Need Permissions" banner on Billing pages. Its DOM is not
// publicly known (console-dom.md section 9), so it is found by its title text: the banner is the
// nearest block around a heading-like element that reads "You need permissions".

import { isBlockElement, readText } from '../read-text.ts';
import { headingLike } from '../selectors.ts';
import { isButton } from './shared.ts';

const TITLE = /^\s*you\s+need\s+permissions?\s*\.?\s*$/i;

export class BillingBanner {
  readonly root: Element;
  readonly title: Element;

  constructor(title: Element) {
    this.title = title;
    this.root = BillingBanner.containerOf(title);
  }

  /** Heading-like elements under `root` whose whole text is the banner title. */
  static findTitles(root: ParentNode): Element[] {
    return Array.from(root.querySelectorAll(headingLike)).filter(el => TITLE.test(el.textContent ?? ''));
  }

  /** The heading's nearest block ancestor that also holds text besides the title. */
  static containerOf(title: Element): Element {
    let el = title.parentElement;
    while (el && el.parentElement) {
      if (isBlockElement(el) && readText(el, { skip: isButton }).length > (title.textContent ?? '').trim().length + 1) return el;
      el = el.parentElement;
    }
    return title.parentElement ?? title;
  }

  text(): string {
    return readText(this.root, { skip: isButton });
  }
}
