// Helpers the page objects share: slot lookup that stays inside one component, and reading the
// header + content of a component without its buttons.

import { readText } from '../read-text.ts';
import { buttons } from '../selectors.ts';

/** The first element under `root` matching `selector` that belongs to `root` itself, not to a nested component. */
export function ownSlot(root: Element, selector: string, rootOf: (el: Element) => Element): Element | null {
  for (const el of Array.from(root.querySelectorAll(selector))) {
    if (el.parentElement && rootOf(el.parentElement) === root) return el;
  }
  return null;
}

export function isButton(el: Element): boolean {
  return el.matches(buttons);
}

/** Header line(s), then content, as the parser wants them; falls back to the whole root. */
export function slotsText(root: Element, header: Element | null, content: Element | null, skip?: (el: Element) => boolean): string {
  const skipAll = (el: Element) => isButton(el) || skip?.(el) === true;
  if (!content) return readText(root, { skip: skipAll });
  const parts = [header ? readText(header, { skip: skipAll }) : '', readText(content, { skip: skipAll })];
  return parts.filter(Boolean).join('\n');
}
