// The console's own visual mode (its Settings: light, dark or browser default). Cloudscape's applyMode() marks dark
// mode with the `awsui-dark-mode` class on body, next to the older `awsui-polaris-dark-mode`
// (https://cloudscape.design/get-started/integration/global-styles/), so on a page with Cloudscape markup we take
// its absence to mean light. A page without Cloudscape markup gives no signal: the caller then falls back to
// prefers-color-scheme.

export type VisualMode = 'light' | 'dark';

const DARK_CLASSES = ['awsui-dark-mode', 'awsui-polaris-dark-mode'];
/** Cloudscape's hashed component classes, the legacy AWS-UI classes, the console's navigation header. */
const CLOUDSCAPE_PAGE = '[class*="awsui_"], [class*="awsui-"], #awsc-navigation-container';

/** The console's visual mode, or null when the page says nothing about it. */
export function readVisualMode(doc: Document): VisualMode | null {
  const body = doc.body;
  if (!body) return null;
  if (DARK_CLASSES.some((c) => body.classList.contains(c))) return 'dark';
  return doc.querySelector(CLOUDSCAPE_PAGE) ? 'light' : null;
}

/** Calls `onChange` with the mode whenever the console switches it (body's class changes); returns the stop function. */
export function watchVisualMode(doc: Document, onChange: (mode: VisualMode | null) => void): () => void {
  let last = readVisualMode(doc);
  const Observer = doc.defaultView?.MutationObserver ?? MutationObserver;
  const observer = new Observer(() => {
    const mode = readVisualMode(doc);
    if (mode !== last) onChange((last = mode));
  });
  if (doc.body) observer.observe(doc.body, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}
