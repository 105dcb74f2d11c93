// What changed between two scans: the denials the watcher tracked and the ones the page shows now.
//
// Denials are keyed by denialKey, so the same denial shown twice (three widgets with one cause) is
// one panel. A tracked denial keeps its id while its key is shown anywhere (its anchor moves if its
// container went), and also when its own container - or a container React re-mounted in the same
// place - now reads as another denial: the panel then updates in place instead of flickering.

import type { Denial } from '../core/denial.ts';
import { denialKey } from '../core/denial.ts';
import type { DetectorId } from './detectors/index.ts';
import type { DenialContainer } from './find-denials.ts';

export interface FoundDenial {
  /** Stable: the same container with the same denialKey keeps the same id. */
  id: string;
  /** The container to mount the panel beside (after it). */
  anchor: Element;
  denial: Denial;
  detector: DetectorId;
}

export interface WatchChange {
  added: FoundDenial[];
  updated: FoundDenial[];
  removed: string[];
}

export interface Tracked extends FoundDenial {
  key: string;
  json: string;
  /** The anchor's parent when last seen: a re-mounted container shows up in the same place. */
  parent: Element | null;
}

export function reconcile(
  previous: ReadonlyMap<string, Tracked>,
  results: readonly DenialContainer[],
  newId: () => string,
): { tracked: Map<string, Tracked>; change: WatchChange } {
  const shown = new Map<string, FoundDenial[]>();
  for (const { container, detector, denials } of results) {
    for (const denial of denials) {
      const key = denialKey(denial);
      const list = shown.get(key) ?? [];
      list.push({ id: '', anchor: container, denial, detector });
      shown.set(key, list);
    }
  }
  const change: WatchChange = { added: [], updated: [], removed: [] };
  const tracked = new Map<string, Tracked>();
  const fresh: [string, FoundDenial[]][] = [];
  for (const [key, options] of shown) {
    const before = previous.get(key);
    if (!before) {
      fresh.push([key, options]);
      continue;
    }
    // Keep the panel where it is while its anchor still shows the denial.
    const now = track(before.id, key, options.find(o => o.anchor === before.anchor) ?? options[0]!);
    tracked.set(key, now);
    if (now.anchor !== before.anchor || now.detector !== before.detector || now.json !== before.json) change.updated.push(found(now));
  }
  const vanished = Array.from(previous.values()).filter(t => !shown.has(t.key));
  for (const [key, options] of fresh) {
    const reused = vanished.findIndex(t => options.some(o => succeeds(o.anchor, t)));
    if (reused >= 0) {
      const [old] = vanished.splice(reused, 1) as [Tracked];
      const now = track(old.id, key, options.find(o => succeeds(o.anchor, old))!);
      tracked.set(key, now);
      change.updated.push(found(now));
    } else {
      const now = track(newId(), key, options[0]!);
      tracked.set(key, now);
      change.added.push(found(now));
    }
  }
  change.removed = vanished.map(t => t.id);
  return { tracked, change };
}

/** Off the page: removed, or in the document of a frame that was removed (its nodes stay "connected"). */
export function isGone(anchor: Element): boolean {
  return !anchor.isConnected || !anchor.ownerDocument.defaultView;
}

/** True when `anchor` is the tracked container itself, or its replacement in the same parent. */
function succeeds(anchor: Element, tracked: Tracked): boolean {
  if (anchor === tracked.anchor) return true;
  return isGone(tracked.anchor) && tracked.parent !== null && anchor.parentElement === tracked.parent;
}

function track(id: string, key: string, shown: FoundDenial): Tracked {
  return { ...shown, id, key, json: JSON.stringify(shown.denial), parent: shown.anchor.parentElement };
}

function found({ id, anchor, denial, detector }: Tracked): FoundDenial {
  return { id, anchor, denial, detector };
}
