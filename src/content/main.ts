// The content script of Billing and Cost Management console pages (every frame). It watches the page for
// denial text and puts a panel beside each denial; on a page without one, only the watcher's cheap mutation
// checks run, after one idle-time load of the panel UI. Besides that load it sends one message per frame load (the
// frameStart report, whose answer carries the settings) and otherwise stays quiet.
import { content_scripts } from '../../manifest.json';
import { ownPanelHost } from '../console/selectors.ts';
import { DenialWatcher } from '../console/watch.ts';
import { requestVia } from '../shared/request.ts';
import { runtime } from '../shared/runtime.ts';
import { PANEL_FRAME_PATH } from '../shared/protocol.ts';
import { parentRunsThisScript } from './frame-owner.ts';
import { HiddenDenials } from './hidden-denials.ts';
import { loadPanelUi } from './load-panel-ui.ts';
import type { Send } from './panel/types.ts';
import { DenialPanels } from './panels.ts';
import { listenForPushes, type MessageEvents } from './extension-pushes.ts';
import { isContextGone, retrying } from './retry.ts';

declare global {
  // Set in the content script's own world, so a second injection into the same frame does nothing.
  var whyDeniedStarted: boolean | undefined;
}

/** A content script may see closed shadow roots: Firefox through the element, Chrome through chrome.dom. */
function closedShadowRoot(element: Element): ShadowRoot | null {
  const viaElement = (element as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot;
  const dom = (globalThis as { chrome?: { dom?: { openOrClosedShadowRoot?: (e: Element) => ShadowRoot | null } } }).chrome?.dom;
  return viaElement ?? dom?.openOrClosedShadowRoot?.(element) ?? element.shadowRoot;
}

/** `watchPage` false: a frame whose parent's watcher reads it; it still explains its own refused requests. */
function start(watchPage: boolean): void {
  // Panels left by an earlier instance of the extension (updated or reloaded under this page) are dead. Only hosts
  // with a (closed) shadow root are ours; a page element that merely carries the attribute is the page's own.
  for (const stale of Array.from(document.querySelectorAll(ownPanelHost))) if (closedShadowRoot(stale)) stale.remove();

  const frameBase = runtime.getURL(PANEL_FRAME_PATH);
  const retried = retrying((type, payload) => requestVia((message) => runtime.sendMessage(message), type, payload));
  const send: Send = (type, payload) =>
    retried(type, payload).catch((error: unknown) => {
      if (isContextGone(error)) shutdown();
      throw error;
    });
  const panels = new DenialPanels({
    document,
    location,
    send,
    writeClipboard: async (text) => navigator.clipboard.writeText(text),
    frameUrl: (recordId) => `${frameBase}#${encodeURIComponent(recordId)}`,
    loadUi: () => loadPanelUi(send),
  });
  const inbox = globalThis.whyDeniedObserved;
  const hidden = inbox ? new HiddenDenials({ document, inbox, settings: () => panels.settings(), handle: (change) => void panels.handle(change) }) : null;
  const watcher = watchPage
    ? new DenialWatcher(document, (change) => {
        hidden?.notePrinted(change);
        void panels.handle(change);
      })
    : null;
  // Cast: the polyfill's types let a listener answer by sendResponse only if it returns true (an answer to come); this
  // one answers at once or not at all and returns nothing, which both browsers take.
  const stopListening = listenForPushes(runtime.onMessage as unknown as MessageEvents, runtime.id, (recordId) => panels.reveal(recordId));

  // The extension is gone: stop watching; the panels stay, since the explanation and copy need no worker.
  function shutdown(): void {
    watcher?.stop();
    hidden?.stop();
    stopListening();
    window.removeEventListener('pageshow', onPageShow);
  }

  // Back from the back-forward cache: the worker may have found this frame gone meanwhile (frame-presence.ts).
  const onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted) panels.reportAgain();
  };
  window.addEventListener('pageshow', onPageShow);

  watcher?.start();
  hidden?.start();
  panels.start();
  // Ready before the first denial: its panel then mounts in the observer callback that found it, within the frame,
  // and the panel UI's parse and first run are an idle task of their own instead of part of that frame.
  whenIdle(() => void panels.prepare().catch(() => undefined));
}

/**
 * Runs `task` in the page's next idle period, and within 200 ms: a page busy every frame may have none for seconds,
 * and a denial that arrives before the task ran waits for the panel UI inside its own frame.
 */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 200 });
  else setTimeout(task, 0);
}

// From the manifest at build time: runtime.getManifest() builds the whole manifest as an object on every call.
const patterns = content_scripts.flatMap((script) => script.matches);
if (!globalThis.whyDeniedStarted) {
  globalThis.whyDeniedStarted = true;
  if (!parentRunsThisScript(window, patterns)) start(true);
  // A frame read by its parent starts only when the console's own request here was refused.
  else globalThis.whyDeniedObserved?.whenAny(() => start(false));
}
