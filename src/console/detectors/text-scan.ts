// Detector: the fallback for when no selector matches, because the console changes its DOM
// without notice and some denials render outside alerts (form-field errors, empty states,
// unknown widgets). It walks the text nodes, joins each block's own text (so a sentence split
// across inline elements or &nbsp; still reads as one), and for each block with a trigger
// climbs to the ancestor whose text the parser reads as the most complete denial.
//
// Test pages: any Billing or Cost Management route after a console redesign; form errors on
// /billing/home#/preferences; the unknown-selectors-text-only.html fixture.

import type { Denial } from '../../core/denial.ts';
import { containsDenialTrigger } from '../../core/parse/index.ts';
import { isButton } from '../page-objects/shared.ts';
import { isBlockElement, isNeverText, isRendered, readText } from '../read-text.ts';
import { liveRegionAnnouncer } from '../selectors.ts';
import { hasReadableTrigger, isElement, readDenials } from '../trigger.ts';
import type { Detector } from './detector.ts';

/** How far above the hit's block to look, in elements and in characters of text. */
const MAX_LEVELS = 12;
const MAX_TEXT = 5000;

const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;
const FILTER_ACCEPT = 1;
const FILTER_REJECT = 2;
const FILTER_SKIP = 3;
const STOP_AT = new Set(['BODY', 'HTML', 'MAIN']);

export const textScanDetector: Detector = {
  id: 'text-scan',
  find(root, exclude = () => false) {
    const start = isElement(root) ? root : (root as Node).nodeType === 9 ? (root as Document).body : null;
    // A few native text reads spare the walk on pages (and subtrees) with no trigger outside their scripts.
    if (!start || !hasReadableTrigger(start) || isExcludedUpwards(start, exclude)) return [];
    const containers = new Set<Element>();
    for (const block of blocksWithTrigger(start, exclude)) {
      const best = bestContainer(block, exclude);
      if (best) containers.add(best);
    }
    // Two hits of one denial (the prose line and the Context line) climb to nested containers: keep the outer.
    const all = Array.from(containers);
    return all.filter(el => !all.some(other => other !== el && other.contains(el)));
  },
  text(container, skip) {
    return readText(container, { skip: el => isButton(el) || skip?.(el) === true });
  },
};

/** Runs for every element of the page on a full scan, so the costlier match goes last. */
function isUnreadable(el: Element): boolean {
  return isNeverText(el) || (el.hasAttribute('aria-live') && el.matches(liveRegionAnnouncer));
}

function isExcludedUpwards(el: Element, exclude: (el: Element) => boolean): boolean {
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (exclude(node) || isUnreadable(node)) return true;
  }
  return false;
}

/** Blocks whose own text (inline descendants, not nested blocks) holds a trigger. */
function blocksWithTrigger(start: Element, exclude: (el: Element) => boolean): Element[] {
  const doc = start.ownerDocument;
  const ownText = new Map<Element, string>();
  const walker = doc.createTreeWalker(start, SHOW_ELEMENT | SHOW_TEXT, {
    acceptNode(node: Node) {
      if (node.nodeType === 3) return FILTER_ACCEPT;
      const el = node as Element;
      return isUnreadable(el) || exclude(el) ? FILTER_REJECT : FILTER_SKIP;
    },
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const value = node.nodeValue;
    if (!value || !value.trim()) continue;
    const block = nearestBlock(node.parentElement, start);
    if (block) ownText.set(block, (ownText.get(block) ?? '') + value);
  }
  return Array.from(ownText)
    .filter(([block, text]) => containsDenialTrigger(text) && isRendered(block))
    .map(([block]) => block);
}

function nearestBlock(el: Element | null, start: Element): Element | null {
  for (let node = el; node; node = node.parentElement) {
    if (isBlockElement(node) || node === start) return node;
  }
  return el;
}

interface Reading {
  el: Element;
  count: number;
  filled: number;
  length: number;
}

/** Climbs from the block while the parser reads the same number of denials; keeps the most complete reading. */
function bestContainer(block: Element, exclude: (el: Element) => boolean): Element | null {
  let best: Reading | null = null;
  let el: Element | null = block;
  for (let level = 0; el && level < MAX_LEVELS && !STOP_AT.has(el.tagName.toUpperCase()); level++, el = el.parentElement) {
    const text = readText(el, { skip: child => isButton(child) || exclude(child) });
    if (text.length > MAX_TEXT && level > 0) break; // the hit's own block is always read, however long
    const denials = readDenials(text, 'text-scan');
    if (denials.length === 0) continue;
    const reading: Reading = { el, count: denials.length, filled: filledFields(denials), length: messageLength(denials) };
    if (!best) best = reading;
    else if (reading.count !== best.count) break; // the parent joins a different denial
    else if (reading.filled > best.filled || (reading.filled === best.filled && reading.length > best.length)) best = reading;
  }
  return best?.el ?? null;
}


function filledFields(denials: Denial[]): number {
  let n = 0;
  for (const d of denials) {
    for (const value of [d.principalArn, d.accountId, d.action, d.resource, d.policyType, d.policyArn, d.authorizationId, d.cause]) {
      if (value) n++;
    }
    if (d.denyKind !== 'unknown') n++;
    if (!d.meta.partial) n++;
  }
  return n;
}

function messageLength(denials: Denial[]): number {
  return denials.reduce((sum, d) => sum + d.meta.message.length, 0);
}
