// One pass over a document (or part of one): every detector's containers, each container's text
// with nested containers left out (an alert inside a modal belongs to the alert, not the modal),
// and the denials the parser reads from it.

import type { Denial } from '../core/denial.ts';
import type { Detector, DetectorId } from './detectors/index.ts';
import { selectorDetectors, textScanDetector } from './detectors/index.ts';
import { isHiddenElement } from './read-text.ts';
import { hasReadableTrigger, readDenials } from './trigger.ts';

export interface DenialContainer {
  container: Element;
  detector: DetectorId;
  text: string;
  denials: Denial[];
}

export interface FindDenialsOptions {
  /** Defaults to every selector detector. */
  detectors?: readonly Detector[];
  /** Where the text scan walks; defaults to `root`. Pass [] to skip it. */
  textScanRoots?: readonly ParentNode[];
  /** Containers the text scan found earlier, re-read instead of re-walking the whole page. */
  knownTextContainers?: Iterable<Element>;
}

/** Denial containers under `root` in document order. Never throws; bad markup yields fewer results. */
export function findDenials(root: ParentNode, opts: FindDenialsOptions = {}): DenialContainer[] {
  if (isQuietDocument(root, opts)) return [];
  const owner = new Map<Element, Detector>();
  for (const detector of opts.detectors ?? selectorDetectors) {
    for (const el of safeFind(detector, root)) if (!owner.has(el)) owner.set(el, detector);
  }
  const claimed = (el: Element) => owner.has(el);
  const textHits = new Set<Element>();
  for (const el of opts.knownTextContainers ?? []) {
    if (el.isConnected && !insideAny(el, owner)) textHits.add(el);
  }
  for (const scanRoot of opts.textScanRoots ?? [root]) {
    for (const el of safeFind(textScanDetector, scanRoot, claimed)) textHits.add(el);
  }
  for (const el of textHits) if (!owner.has(el) && !insideOther(el, textHits)) owner.set(el, textScanDetector);

  // Containers new since the last scan: one may sit inside a container read before, which must leave it out now.
  const fresh = Array.from(owner.keys()).filter((el) => !seenOwners.has(el));
  for (const el of fresh) seenOwners.add(el);
  const results: DenialContainer[] = [];
  for (const [container, detector] of owner) {
    const { text, denials } = readContainer(container, detector, owner, fresh);
    if (denials.length > 0) results.push({ container, detector: detector.id, text, denials });
  }
  return results.sort((a, b) => documentOrder(a.container, b.container));
}

/**
 * A whole document (its text scanned too) whose readable text holds no trigger has no denial: every container's text
 * is part of it, and the parser reads nothing without a trigger. Most console pages, at the watcher's first scan: one
 * read of the page's text spares every detector's walk. (Below a document, a container may reach above the root.)
 */
function isQuietDocument(root: ParentNode, opts: FindDenialsOptions): boolean {
  if (root.nodeType !== 9 || !(opts.textScanRoots ?? [root]).includes(root)) return false;
  const body = (root as Document).body;
  return body !== null && !hasReadableTrigger(body);
}

/**
 * Each container's last reading. Every relevant change scans the whole document again, and reading a container walks
 * each of its elements and asks the browser for its computed style: at 40 panels that was about 3 ms per change. So a
 * container is read again only when its raw text (what the detector reads, as textContent), the containers it left
 * out, or its own visibility changed; and parsed again only when its text did. What only an attribute changes inside
 * it (a class that hides a line) waits for its next text change: the watcher observes no attributes either.
 */
interface Reading {
  detector: DetectorId;
  raw: string;
  /** The containers of other detectors inside it, left out of its text. */
  nested: Element[];
  text: string;
  denials: Denial[];
}
const lastRead = new WeakMap<Element, Reading>();
/** Every element that was a container in a scan so far. */
const seenOwners = new WeakSet<Element>();

function readContainer(container: Element, detector: Detector, owner: Map<Element, Detector>, fresh: Element[]): Reading {
  const raw = (detector.textRoot?.(container) ?? container).textContent ?? '';
  const last = lastRead.get(container);
  if (
    last &&
    last.detector === detector.id &&
    last.raw === raw &&
    last.nested.every((el) => owner.has(el)) &&
    !fresh.some((el) => el !== container && container.contains(el)) &&
    !isHiddenElement(container)
  ) {
    return last;
  }
  const nested: Element[] = [];
  const skip = (el: Element) => {
    const other = el !== container && owner.has(el);
    if (other) nested.push(el);
    return other;
  };
  const text = safeText(detector, container, skip);
  const denials = last && last.text === text && last.detector === detector.id ? last.denials : text ? readDenials(text, detector.id) : [];
  const reading = { detector: detector.id, raw, nested, text, denials };
  lastRead.set(container, reading);
  return reading;
}

function safeFind(detector: Detector, root: ParentNode, exclude?: (el: Element) => boolean): Element[] {
  try {
    return detector.find(root, exclude);
  } catch {
    return [];
  }
}

function safeText(detector: Detector, container: Element, skip: (el: Element) => boolean): string {
  try {
    return detector.text(container, skip);
  } catch {
    return '';
  }
}


function insideAny(el: Element, owners: Map<Element, Detector>): boolean {
  for (let node = el.parentElement; node; node = node.parentElement) if (owners.has(node)) return true;
  return false;
}

/** Of two nested text-scan containers the outer one reads the whole denial (as in the detector itself). */
function insideOther(el: Element, others: Set<Element>): boolean {
  for (const other of others) if (other !== el && other.contains(el)) return true;
  return false;
}

function documentOrder(a: Element, b: Element): number {
  if (a === b) return 0;
  if (a.ownerDocument !== b.ownerDocument) return 0;
  return a.compareDocumentPosition(b) & 4 /* DOCUMENT_POSITION_FOLLOWING */ ? -1 : 1;
}
