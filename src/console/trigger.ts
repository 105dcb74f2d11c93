// The cheap test that keeps the parser off nodes that cannot hold a denial.

import { containsDenialTrigger } from '../core/parse/index.ts';
import { foldSpaces } from './read-text.ts';

/** True when the node's raw text (NBSP and line breaks folded) contains a denial trigger phrase. */
export function hasDenialTrigger(node: Node): boolean {
  const text = node.textContent;
  return !!text && containsDenialTrigger(foldSpaces(text));
}

/** Elements matching `selector` under `root`, `root` itself first when it matches. */
export function queryAllWithSelf(root: ParentNode, selector: string): Element[] {
  const found = Array.from(root.querySelectorAll(selector));
  if (isElement(root) && root.matches(selector)) found.unshift(root);
  return found;
}

export function isElement(node: unknown): node is Element {
  return typeof node === 'object' && node !== null && (node as Node).nodeType === 1;
}

/** Distinct elements, document order kept. */
export function unique(elements: Iterable<Element>): Element[] {
  return Array.from(new Set(elements));
}
