// @vitest-environment happy-dom
// The content script entry as the browser runs it, with only `browser` (the extension boundary) faked: it talks
// to a fake worker through runtime.sendMessage, which can be made to fail as a restarting worker does.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Envelope } from '../../../src/shared/protocol.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/protocol.ts';
import { TEXT, pointAt, settle } from './helpers.ts';

const fakeBrowser = vi.hoisted(() => ({
  sent: [] as { type: string; payload: unknown }[],
  /** The next requests of this type fail with these errors, in order. */
  failNext: [] as Error[],
  failType: 'denials/report',
  listeners: [] as ((message: unknown, sender: { id?: string }, sendResponse?: (answer: unknown) => void) => unknown)[],
  runtime: {
    id: 'why-denied-test',
    getURL: (path: string) => `chrome-extension://why-denied-test${path}`,
    sendMessage: async (_message: unknown): Promise<unknown> => undefined,
    onMessage: {
      addListener: (l: (message: unknown, sender: { id?: string }) => unknown) => fakeBrowser.listeners.push(l),
      removeListener: (l: (message: unknown, sender: { id?: string }) => unknown) => {
        fakeBrowser.listeners = fakeBrowser.listeners.filter((x) => x !== l);
      },
    },
  },
}));
vi.mock('../../../src/shared/runtime.ts', () => ({ runtime: fakeBrowser.runtime }));
// The worker injects the panel UI into the frame; here the source module is imported instead.
vi.mock('../../../src/content/load-panel-ui.ts', () => ({ loadPanelUi: async () => (await import('../../../src/content/panel/entry.ts')).panelUi }));

function worker(envelope: Envelope): unknown {
  const { type, payload } = envelope;
  fakeBrowser.sent.push({ type, payload });
  const failure = type === fakeBrowser.failType ? fakeBrowser.failNext.shift() : undefined;
  if (failure) throw failure;
  switch (type) {
    case 'denials/report': {
      const { denials, frameStart } = payload as Envelope<'denials/report'>['payload'];
      return { ok: true, value: { records: denials.map((d) => ({ watchId: d.watchId, recordId: `1:0:${d.watchId}` })), settings: frameStart ? DEFAULT_SETTINGS : null } };
    }
    case 'profiles/summaries':
      return { ok: true, value: { profiles: [], preferredId: null } };
    default:
      return { ok: true, value: {} };
  }
}

function alert(text: string): HTMLElement {
  const el = document.createElement('div');
  el.setAttribute('data-analytics-alert', 'error');
  el.innerText = text;
  el.textContent = text;
  document.body.append(el);
  return el;
}

async function startContentScript(): Promise<void> {
  vi.resetModules();
  globalThis.whyDeniedStarted = undefined;
  await import('../../../src/content/main.ts');
  await settle(10);
}

const reports = () => fakeBrowser.sent.filter((m) => m.type === 'denials/report').map((m) => m.payload as Envelope<'denials/report'>['payload']);

/**
 * Panels' shadow roots are closed. A content script reaches them as Firefox lets it (element.openOrClosedShadowRoot;
 * Chrome: chrome.dom.openOrClosedShadowRoot); happy-dom has neither, so the test gives elements the Firefox one.
 */
const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
  const root = attachShadow.call(this, init);
  Object.defineProperty(this, 'openOrClosedShadowRoot', { value: root, configurable: true });
  return root;
};
const panelRoot = () => (document.querySelector('[data-why-denied]') as (Element & { openOrClosedShadowRoot?: ShadowRoot }) | null)?.openOrClosedShadowRoot ?? null;

beforeEach(() => {
  fakeBrowser.sent = [];
  fakeBrowser.failNext = [];
  fakeBrowser.failType = 'denials/report';
  fakeBrowser.listeners = [];
  fakeBrowser.runtime.sendMessage = async (message) => worker(message as Envelope);
});
// Each test imports a fresh instance into the same document; the extension "goes away" after each test, so the
// instance shuts itself down (as it does in a browser) and cannot react to the next test's page.
afterEach(async () => {
  fakeBrowser.runtime.sendMessage = async () => {
    throw new Error('Extension context invalidated.');
  };
  alert(`${TEXT.boundaryWithArn} (end of test)`);
  await settle(30);
  document.body.replaceChildren();
});

describe('content script entry', () => {
  test('removes dead panels of an earlier instance, keeps the page\'s own [data-why-denied], reports frameStart', async () => {
    const dead = document.createElement('div');
    dead.setAttribute('data-why-denied', 'why-denied-1');
    dead.attachShadow({ mode: 'closed' });
    const pageOwn = document.createElement('div');
    pageOwn.setAttribute('data-why-denied', 'spoof');
    document.body.append(dead, pageOwn);
    await startContentScript();
    expect(dead.isConnected).toBe(false);
    expect(pageOwn.isConnected).toBe(true);
    expect(reports()).toEqual([{ pageUrl: location.href, frameStart: true, denials: [] }]);
    // One listener, for the popup's "Show on page" and the worker's presence check; diagnosis news is for the panel
    // frame and is ignored here.
    expect(fakeBrowser.listeners).toHaveLength(1);
    expect(fakeBrowser.listeners[0]!({ channel: 'why-denied', type: 'diagnosis/done', recordId: 'r', diagnosis: { status: 'done' } }, { id: fakeBrowser.runtime.id })).toBeUndefined();
  });

  test('answers the worker\'s presence check, and back from the back-forward cache reports its denials again', async () => {
    alert(TEXT.implicitIdentity);
    await startContentScript();
    await vi.waitFor(() => expect(reports().flatMap((r) => r.denials)).toHaveLength(1));
    const answers: unknown[] = [];
    fakeBrowser.listeners[0]!({ channel: 'why-denied', type: 'frame/present' }, { id: fakeBrowser.runtime.id }, (answer: unknown) => answers.push(answer));
    expect(answers).toEqual([true]);
    const pageShow = (persisted: boolean) => window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted }));
    // A first load's pageshow is no return from the cache.
    pageShow(false);
    await settle(10);
    expect(reports()).toHaveLength(1);
    pageShow(true);
    await vi.waitFor(() => expect(reports()).toHaveLength(2));
    expect(reports()[1]).toMatchObject({ frameStart: true, denials: [{ watchId: reports()[0]!.denials[0]!.watchId }] });
  });

  test('survives a worker restart: the failed report is sent again', async () => {
    alert(TEXT.implicitIdentity);
    fakeBrowser.failNext = [new Error('Could not establish connection. Receiving end does not exist.')];
    await startContentScript();
    await vi.waitFor(() => expect(reports()).toHaveLength(2), { timeout: 2000 });
    const [failed, retried] = reports();
    expect(retried).toEqual(failed);
    expect(retried?.frameStart).toBe(true);
    expect(retried?.denials.map((d) => d.denial.action)).toEqual(['ce:GetReservationCoverage']);
    await vi.waitFor(() => expect(panelRoot()?.querySelector('[data-testid="wd-panel"]')).toBeTruthy());
  });

  test('the panel embeds the extension\'s own frame for its record, at runtime.getURL, and asks for no profile', async () => {
    alert(TEXT.implicitIdentity);
    await startContentScript();
    await vi.waitFor(() => expect(panelRoot()?.querySelector('[data-testid="wd-diagnosis-load"]')).toBeTruthy());
    pointAt(panelRoot()!);
    await vi.waitFor(() => expect(panelRoot()?.querySelector('[data-testid="wd-diagnosis-frame"]')).toBeTruthy());
    const watchId = document.querySelector('[data-why-denied]')!.getAttribute('data-why-denied')!;
    expect(panelRoot()!.querySelector('[data-testid="wd-diagnosis-frame"]')!.getAttribute('src'))
      .toBe(`chrome-extension://why-denied-test/diagnosis-frame/frame.html#${encodeURIComponent(`1:0:${watchId}`)}`);
    expect(document.querySelector('[data-why-denied]')!.shadowRoot).toBeNull();
    expect(fakeBrowser.sent.map((m) => m.type)).not.toContain('profiles/summaries');
  });

  test('when the extension is gone, the script stops watching and listening', async () => {
    fakeBrowser.failNext = [new Error('Extension context invalidated.')];
    fakeBrowser.failType = 'denials/report';
    await startContentScript();
    expect(reports()).toHaveLength(1); // not retried
    expect(fakeBrowser.listeners).toHaveLength(0);
    alert(TEXT.scpWithArn);
    await settle(30);
    expect(reports()).toHaveLength(1);
    expect(document.querySelector('[data-why-denied]')).toBeNull();
  });
});
