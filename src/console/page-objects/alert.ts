// Page object for a Cloudscape Alert (and the legacy AWS-UI alert): root -> alert box ->
// focus wrapper -> icon + message -> header / content -> action slot -> dismiss.

import { readLines } from '../read-text.ts';
import { alertAny, alertContent, alertHeader, alertRoot, codeBox } from '../selectors.ts';
import { isButton, ownSlot, slotsText } from './shared.ts';

export type AlertType = 'error' | 'warning' | 'success' | 'info';
const TYPES: readonly AlertType[] = ['error', 'warning', 'success', 'info'];

/** The root of the alert `el` belongs to (the data-attribute root when there is one). */
export function alertRootOf(el: Element): Element {
  return el.closest(alertRoot) ?? el.closest(alertAny) ?? el;
}

export class ConsoleAlert {
  readonly root: Element;

  /** Normalises any element of an alert (the hashed inner box, say) to the alert's root. */
  constructor(el: Element) {
    this.root = alertRootOf(el);
  }

  type(): AlertType | null {
    const value = this.root.getAttribute('data-analytics-alert');
    if (value && (TYPES as readonly string[]).includes(value)) return value as AlertType;
    const classes = this.root.matches(alertRoot) ? this.root.querySelector('[class*="awsui_type-"]')?.className ?? '' : this.root.className;
    for (const type of TYPES) if (classes.includes(`awsui_type-${type}_`) || classes.includes(`awsui-alert-type-${type}`)) return type;
    return null;
  }

  header(): Element | null {
    return ownSlot(this.root, alertHeader, alertRootOf);
  }

  content(): Element | null {
    return ownSlot(this.root, alertContent, alertRootOf);
  }

  /** The code box with the User:/Service:/Action:/Context: lines, if the alert has one. */
  codeBox(): Element | null {
    const content = this.content() ?? this.root;
    return content.querySelector(codeBox);
  }

  /** One entry per line of the code box, with innerText semantics. */
  codeLines(): string[] {
    const box = this.codeBox();
    return box ? readLines(box, { skip: isButton }) : [];
  }

  /** Header and content text for the parser (no buttons, no plugin actions). */
  text(skip?: (el: Element) => boolean): string {
    return slotsText(this.root, this.header(), this.content(), skip);
  }
}
