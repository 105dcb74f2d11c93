// The cheap test that keeps the parser off nodes that cannot hold a denial, the guarded parser
// call that keeps only structured denials, and small DOM helpers the detectors share.

import type { Denial } from '../core/denial.ts';
import { containsDenialTrigger, parseDenials } from '../core/parse/index.ts';
import type { DetectorId } from './detectors/detector.ts';
import { isNeverText } from './read-text.ts';
import { ownPanelHost } from './selectors.ts';
import { hasDenialStructure } from './structure.ts';

/** True when the node's raw text holds a denial trigger (the parser's check folds NBSP and line breaks itself). */
export function hasDenialTrigger(node: Node): boolean {
  const text = node.textContent;
  return !!text && containsDenialTrigger(text);
}

/** Never-text elements that hold text (a page's inline scripts may quote trigger phrases). */
const SCRIPT_LIKE = 'script,style,noscript,template,textarea';
/** How deep readableText looks for never-text elements; below that, raw text stands in (it only adds triggers). */
const READABLE_DEPTH = 4;

/**
 * hasDenialTrigger without the text of never-text elements (scripts, styles) where they sit near the top of
 * `el`: a whole page's text holds its inline scripts, and one of them quoting a trigger would otherwise send
 * the text scan on a walk of the whole page. Never false where the readable text holds a trigger.
 */
export function hasReadableTrigger(el: Element): boolean {
  const text = readableText(el, READABLE_DEPTH);
  return !!text && containsDenialTrigger(text);
}

function readableText(el: Element, depth: number): string {
  if (depth === 0 || !el.querySelector(SCRIPT_LIKE)) return el.textContent ?? '';
  let text = '';
  for (let node = el.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 3) text += (node as Text).data;
    else if (node.nodeType === 1 && !isNeverText(node as Element)) text += readableText(node as Element, depth - 1);
  }
  return text;
}

/** The parser guarded once more: a reader bug must not stop a page's whole mutation batch. */
export function parseGuarded(text: string): Denial[] {
  try {
    return parseDenials(text);
  } catch {
    return [];
  }
}

/** The denials of a container's text that have a denial's structure (structure.ts). */
export function readDenials(text: string, detector: DetectorId): Denial[] {
  return parseGuarded(text).filter((d) => hasDenialStructure(d, detector));
}

/** Elements matching `selector` under `root`, `root` itself first when it matches. */
export function queryAllWithSelf(root: ParentNode, selector: string): Element[] {
  const found = Array.from(root.querySelectorAll(selector));
  if (isElement(root) && root.matches(selector)) found.unshift(root);
  return found;
}

/** The attribute the ownPanelHost selector (`[attribute]`) tests. */
export const OWN_PANEL_ATTRIBUTE = ownPanelHost.slice(1, -1);

/** The same answer as matches(ownPanelHost) for any node, cheaper: it runs on hot paths. */
export function isOwnPanelHost(node: Node): boolean {
  return node.nodeType === 1 && (node as Element).hasAttribute(OWN_PANEL_ATTRIBUTE);
}

export function isElement(node: unknown): node is Element {
  return typeof node === 'object' && node !== null && (node as Node).nodeType === 1;
}

/** Distinct elements, document order kept. */
export function unique(elements: Iterable<Element>): Element[] {
  return Array.from(new Set(elements));
}
