// innerText-like reading that behaves the same in every browser and in happy-dom (whose
// innerText drops block line breaks). The console's code box puts one User:/Service:/Action:
// line per <div>, and the parser needs those breaks; textContent would glue them together.

import { isOwnPanelHost } from './trigger.ts';

export interface ReadTextOptions {
  /** Subtrees to leave out, e.g. buttons, or nested containers that another detector owns. */
  skip?: (el: Element) => boolean;
}

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP',
  'HR', 'LEGEND', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TFOOT', 'THEAD',
  'TR', 'UL', 'HTML',
]);
const CELL_TAGS = new Set(['TD', 'TH']);
/** Never rendered as text (SVG and MathML keep lower-case tag names in HTML documents). */
const NON_TEXT_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'TEXTAREA', 'SELECT', 'INPUT', 'HEAD', 'TITLE', 'svg', 'math']);

// Bidi controls and zero-width characters are kept: they are evidence of a page that lies about
// what it shows, and core/text.ts inertText turns them into visible markers for display.
const FOLDABLE_SPACE = /[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g;

/** Tag name as the page spells it (upper case in HTML documents) -> block or not; saves an upper-casing per call. */
const blockByTagName = new Map<string, boolean>();
/**
 * Element interfaces that stand for tags which are all block or all not, by name. An element's constructor is found
 * on its prototype without a call into the browser, where its tag name is one; the watcher asks for every added node.
 * A content script sees the browser's own interfaces here, never a page's custom element class.
 */
const ONE_KIND_INTERFACES = new Set([
  'HTMLDivElement', 'HTMLParagraphElement', 'HTMLTableRowElement', 'HTMLTableSectionElement', 'HTMLTableElement',
  'HTMLLIElement', 'HTMLUListElement', 'HTMLOListElement', 'HTMLHeadingElement', 'HTMLFormElement',
  'HTMLSpanElement', 'HTMLAnchorElement', 'HTMLTableCellElement', 'HTMLButtonElement', 'HTMLLabelElement',
  'HTMLImageElement', 'HTMLBRElement', 'HTMLInputElement',
]);
/** Per element interface: the answer for all its tags, or null where its tags differ and the tag name decides. */
const blockByInterface = new WeakMap<object, boolean | null>();

export function isBlockElement(el: Element): boolean {
  const kind = el.constructor;
  const known = blockByInterface.get(kind);
  if (typeof known === 'boolean') return known;
  const name = el.tagName;
  let block = blockByTagName.get(name);
  if (block === undefined) {
    block = BLOCK_TAGS.has(name.toUpperCase());
    blockByTagName.set(name, block);
  }
  // Each interface's name is looked at once, not at every element of a shared one (HTMLElement: b, em, section…).
  if (known === undefined && typeof kind === 'function') blockByInterface.set(kind, ONE_KIND_INTERFACES.has(kind.name) ? block : null);
  return block;
}

/** Inline whitespace folding, NBSP and the other Unicode spaces included. */
export function foldSpaces(text: string): string {
  return text.replace(FOLDABLE_SPACE, ' ');
}

/** True when the element itself is not rendered (its own attributes, inline style, or computed style). */
export function isHiddenElement(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const inline = (el as HTMLElement).style;
  if (inline && (inline.display === 'none' || inline.visibility === 'hidden')) return true;
  const view = el.ownerDocument.defaultView;
  if (!view || typeof view.getComputedStyle !== 'function') return false;
  try {
    const style = view.getComputedStyle(el);
    return style.display === 'none' || style.visibility === 'hidden';
  } catch {
    return false;
  }
}

/** What isRendered asks checkVisibility: display and visibility (the option's names before and after Chrome 121). */
const RENDERED: CheckVisibilityOptions = { visibilityProperty: true, checkVisibilityCSS: true };

/**
 * True when neither the element nor any ancestor is hidden. One checkVisibility call where the browser has it: the
 * detectors ask for every candidate on every relevant change, and a walk asks for each ancestor's computed style.
 */
export function isRendered(el: Element): boolean {
  // The hidden attribute counts whatever a page's CSS makes of it, as in isHiddenElement.
  if (typeof el.checkVisibility === 'function') return el.checkVisibility(RENDERED) && !el.closest('[hidden]');
  for (let node: Element | null = el; node; node = node.parentElement) if (isHiddenElement(node)) return false;
  return true;
}

/** Elements whose text is never page text: scripts, styles, form controls, and our own panel hosts. Cheap. */
export function isNeverText(el: Element): boolean {
  return NON_TEXT_TAGS.has(el.tagName) || isOwnPanelHost(el);
}

function isSkipped(el: Element, opts: ReadTextOptions): boolean {
  return isNeverText(el) || isHiddenElement(el) || opts.skip?.(el) === true;
}

/**
 * The rendered text of `el`: a line break around block elements and at <br>, inline whitespace
 * folded, <script>/<style>/hidden elements skipped, empty lines dropped. Never throws.
 */
export function readText(el: Element, opts: ReadTextOptions = {}): string {
  const lines: string[] = [];
  let line = '';
  const breakLine = () => {
    const trimmed = line.replace(/ +/g, ' ').trim();
    if (trimmed) lines.push(trimmed);
    line = '';
  };
  const visit = (node: Node) => {
    if (node.nodeType === 3 /* TEXT_NODE */) {
      line += foldSpaces(node.nodeValue ?? '');
      return;
    }
    if (node.nodeType !== 1 /* ELEMENT_NODE */) return;
    const child = node as Element;
    if (isSkipped(child, opts)) return;
    const tag = child.tagName.toUpperCase();
    if (tag === 'BR') {
      breakLine();
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) breakLine();
    else if (CELL_TAGS.has(tag)) line += ' ';
    for (const grandchild of Array.from(child.childNodes)) visit(grandchild);
    if (block) breakLine();
    else if (CELL_TAGS.has(tag)) line += ' ';
  };
  try {
    if (isNeverText(el) || isHiddenElement(el)) return '';
    for (const child of Array.from(el.childNodes)) visit(child);
  } catch {
    // A node torn out mid-walk by the page: return what was read.
  }
  breakLine();
  return lines.join('\n');
}

/** The element's lines (readText split on line breaks). */
export function readLines(el: Element, opts: ReadTextOptions = {}): string[] {
  const text = readText(el, opts);
  return text ? text.split('\n') : [];
}
