// Where a full panel does not fit: inside a modal (its footer buttons would be pushed off-screen), a popover, or a
// widget narrower than a panel's own narrow layout. There a denial gets only the compact "Why denied?" button.
import { dialog, popoverBody } from './selectors.ts';

/** Narrower than this, the panel's container is a narrow widget (the panel's own narrow breakpoint). */
export const NARROW_CONTAINER_PX = 500;

/** True when the panel for a denial at `anchor` (placed right after it) has no room to open in full. */
export function spaceIsScarce(anchor: Element): boolean {
  if (inModalOrPopover(anchor)) return true;
  const width = anchor.parentElement?.getBoundingClientRect().width ?? 0;
  // Zero: not laid out (hidden, or a document without layout); nothing says the space is scarce.
  return width > 0 && width < NARROW_CONTAINER_PX;
}

/**
 * The part of spaceIsScarce that needs no layout. A panel mounts with it: reading the container's width there would
 * lay the page out in the middle of the observer callback, and again once the panel is in; the panel's
 * ResizeObserver reads the width once the browser has laid it out, before the frame is painted.
 */
export function inModalOrPopover(anchor: Element): boolean {
  // popoverBody carries role="dialog" too; both are named so a change to one selector keeps the other.
  return anchor.closest(`${dialog}, ${popoverBody}`) !== null;
}
