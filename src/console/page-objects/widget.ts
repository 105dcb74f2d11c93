// Page objects for Cost Management widgets (Cloudscape Containers / board items) and the
// popovers their error indicators open.

import { readText } from '../read-text.ts';
import { popoverBody, widgetContainer, widgetContent, widgetHeader } from '../selectors.ts';
import { isButton, ownSlot, slotsText } from './shared.ts';

export function widgetRootOf(el: Element): Element {
  return el.closest(widgetContainer) ?? el;
}

export class ConsoleWidget {
  readonly root: Element;

  constructor(el: Element) {
    this.root = widgetRootOf(el);
  }

  header(): Element | null {
    return ownSlot(this.root, widgetHeader, widgetRootOf);
  }

  content(): Element | null {
    return ownSlot(this.root, widgetContent, widgetRootOf);
  }

  /** The widget's title, e.g. "Cost summary". */
  title(): string {
    const header = this.header();
    return header ? readText(header, { skip: isButton }).split('\n')[0] ?? '' : '';
  }

  /** Content text without nested widgets (a dashboard section may hold several). */
  text(skip?: (el: Element) => boolean): string {
    const content = this.content() ?? this.root;
    const nested = (el: Element) => el !== this.root && el.matches(widgetContainer);
    return readText(content, { skip: el => isButton(el) || nested(el) || skip?.(el) === true });
  }
}

export class ConsolePopover {
  readonly root: Element;

  constructor(el: Element) {
    this.root = el.closest(popoverBody) ?? el;
  }

  header(): Element | null {
    return this.root.querySelector('h2');
  }

  content(): Element | null {
    return this.root.querySelector('[class*="awsui_content_"]');
  }

  text(skip?: (el: Element) => boolean): string {
    return slotsText(this.root, this.header(), this.content(), skip);
  }
}
