// Where a hidden denial (a request of the console's own that AWS refused, while the page printed no reason) is
// shown. Inside the widget whose request failed when that can be told: exactly one widget, not yet explained,
// shows an error state right after the failure. Otherwise in one page-level region at the top of the main
// content, headed "The console was refused N request(s)". Each place holds a caption (our own light-DOM line
// naming the request) that the panel goes after; the caption holds no denial trigger, so the watcher skips it.
import { isRendered } from './read-text.ts';
import { mainContent, ownPanelHost, widgetContainer, widgetContent, widgetErrorState } from './selectors.ts';

/** Our attributes: the region, and each caption (its value: the request as "METHOD /path"). */
export const REGION_ATTRIBUTE = 'data-why-denied-refused';
export const CAPTION_ATTRIBUTE = 'data-why-denied-request';

/** Words a widget shows when its data did not load, for widgets without a Cloudscape error indicator. */
const ERROR_WORDS = /\b(error loading|failed to load|unable to load|could not load|couldn't load|something went wrong)\b/i;

export interface RefusedRequest {
  method: string;
  path: string;
  /** How many times the page asked and was refused. */
  count: number;
}

/** The error state of one widget: the Cloudscape indicator, else the content slot when its text says it failed. */
function errorStateOf(widget: Element): Element | null {
  const indicator = widget.querySelector(widgetErrorState);
  if (indicator && isRendered(indicator)) return indicator;
  const content = widget.querySelector(widgetContent);
  return content && ERROR_WORDS.test(content.textContent ?? '') && isRendered(content) ? content : null;
}

/**
 * The one widget in an error state that no panel explains yet, or null when there is none or more than one (then
 * which request it made cannot be told). `claimed` holds widgets already given to a hidden denial.
 */
export function findFailedWidget(doc: Document, claimed: ReadonlySet<Element>): { widget: Element; errorState: Element } | null {
  let found: { widget: Element; errorState: Element } | null = null;
  for (const widget of Array.from(doc.querySelectorAll(widgetContainer))) {
    if (claimed.has(widget) || widget.querySelector(`${ownPanelHost}, [${CAPTION_ATTRIBUTE}]`)) continue;
    // Nested containers: the innermost one is the widget.
    if (widget.querySelector(widgetContainer)) continue;
    const errorState = errorStateOf(widget);
    if (!errorState) continue;
    if (found) return null;
    found = { widget, errorState };
  }
  return found;
}

/** A statement of its own: a refusal merged into another denial's panel has no panel right after its caption. */
function captionText({ method, path, count }: RefusedRequest): string {
  const times = count > 1 ? ` (${count} times)` : '';
  return `why-denied: the console's request ${method} ${path} was refused${times}.`;
}

function styled<T extends HTMLElement>(el: T, css: Record<string, string>): T {
  // CSSOM writes: the page's CSP may forbid style="" strings.
  for (const [name, value] of Object.entries(css)) el.style.setProperty(name, value);
  return el;
}

function makeCaption(doc: Document, request: RefusedRequest): HTMLElement {
  const caption = styled(doc.createElement('p'), { margin: '8px 0 4px', font: '13px/1.4 system-ui, sans-serif', color: '#16191f' });
  caption.setAttribute(CAPTION_ATTRIBUTE, `${request.method} ${request.path}`);
  caption.textContent = captionText(request);
  return caption;
}

export function updateCaption(caption: Element, request: RefusedRequest): void {
  caption.textContent = captionText(request);
}

/** A caption inside the widget, right after its error state; the panel goes after the caption. */
export function captionInWidget(errorState: Element, request: RefusedRequest): HTMLElement {
  const caption = makeCaption(errorState.ownerDocument, request);
  errorState.after(caption);
  return caption;
}

function regionHeading(count: number): string {
  return `The console was refused ${count} request${count === 1 ? '' : 's'}`;
}

/** The page-level region, made on first use at the top of the main content. */
function region(doc: Document): HTMLElement {
  const existing = doc.querySelector<HTMLElement>(`[${REGION_ATTRIBUTE}]`);
  if (existing) return existing;
  const section = styled(doc.createElement('section'), {
    display: 'block', margin: '12px', padding: '8px 12px', border: '1px solid #d13212', 'border-radius': '8px', background: '#fff',
  });
  section.setAttribute(REGION_ATTRIBUTE, '');
  section.setAttribute('aria-label', 'Requests the console was refused');
  const heading = styled(doc.createElement('h2'), { margin: '0 0 4px', font: 'bold 15px/1.4 system-ui, sans-serif', color: '#16191f' });
  section.append(heading);
  const parent = doc.querySelector(mainContent) ?? doc.body ?? doc.documentElement;
  parent.prepend(section);
  return section;
}

/** A caption in the page-level region; the panel goes after it. */
export function captionInRegion(doc: Document, request: RefusedRequest): HTMLElement {
  const section = region(doc);
  const caption = makeCaption(doc, request);
  section.append(caption);
  return caption;
}

/** Sets the region's heading to the number of refused requests it lists; removes the region when it lists none. */
export function updateRegion(doc: Document, refused: number): void {
  const section = doc.querySelector(`[${REGION_ATTRIBUTE}]`);
  if (!section) return;
  if (refused === 0) return void section.remove();
  const heading = section.querySelector('h2');
  if (heading) heading.textContent = regionHeading(refused);
}

/** True when the caption sits in the page-level region. */
export function inRegion(caption: Element): boolean {
  return caption.parentElement?.hasAttribute(REGION_ATTRIBUTE) ?? false;
}
