// The content script runs in every matching frame (all_frames), and the top frame's watcher also reads its
// same-origin frames. A same-origin frame whose parent runs this script too is therefore read twice: its own
// instance stands down, or each denial would get two panels and each instance would remove the other's.
import { matchesPattern } from '../shared/match-pattern.ts';

export { matchesPattern };

/** True when this frame's parent is same-origin and runs this content script (its watcher covers this frame). */
export function parentRunsThisScript(win: Window, patterns: readonly string[]): boolean {
  if (win.parent === win) return false;
  let parentUrl: string;
  try {
    parentUrl = win.parent.location.href; // throws for a cross-origin parent
  } catch {
    return false;
  }
  return patterns.some((pattern) => matchesPattern(pattern, parentUrl));
}
