// @vitest-environment happy-dom
// The content script's glue, on saved console pages with the real watcher, parser and explainer; only the
// worker is fake.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { DenialWatcher } from '../../../src/console/watch.ts';
import { splitRecordIds } from '../../../src/content/panel/frame-records.ts';
import { DenialPanels } from '../../../src/content/panels.ts';
import type { Diagnosis } from '../../../src/core/diagnosis.ts';
import type { RequestOf, Settings } from '../../../src/shared/protocol.ts';
import { FakeWorker, allByTestId, byTestId, click, openConsolePage, pointAt, settings, settle, unfold, type ConsolePage } from './helpers.ts';

const open: ConsolePage[] = [];
afterEach(async () => {
  for (const page of open.splice(0)) await page.close();
});

/** The worker: it answers the frame's first report (frameStart) with `workerSettings`, and nothing asks it for them. */
function fakeWorker(workerSettings: Promise<Settings> | Settings = settings({})): FakeWorker {
  let n = 0;
  return new FakeWorker()
    .answer('denials/report', async ({ frameStart, denials }) => ({
      records: denials.map(({ watchId }) => ({ watchId, recordId: `7:0:${watchId}:${++n}` })),
      settings: frameStart ? await workerSettings : null,
    }))
    .answer('denials/gone', ({ watchIds }) => ({ removed: watchIds.length }))
    .answer('profiles/summaries', { profiles: [], preferredId: null });
}

async function run(fixture: string, show: boolean, fake = fakeWorker(), { wait = true } = {}) {
  const page = openConsolePage(fixture);
  open.push(page);
  if (show) page.show();
  const clipboard = vi.fn(async (_text: string) => {});
  const ElementClass = (page.window as unknown as { Element: typeof Element }).Element;
  const attach = ElementClass.prototype.attachShadow;
  ElementClass.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
    const root = attach.call(this, init);
    roots.set(this, root);
    return root;
  };
  const frameUrl = (recordId: string) => `chrome-extension://test/diagnosis-frame/frame.html#${encodeURIComponent(recordId)}`;
  const panels = new DenialPanels({ document: page.document, location: page.window.location as unknown as Location, send: fake.send, writeClipboard: clipboard, frameUrl, loadUi: async () => (await import('../../../src/content/panel/entry.ts')).panelUi });
  const watcher = new DenialWatcher(page.document, (change) => void panels.handle(change));
  watcher.start();
  panels.start();
  const settled = async () => {
    await settle(3);
    await panels.settled();
    await settle(3);
  };
  if (wait) await settled();
  return { page, panels, watcher, fake, settled, hosts: () => Array.from(page.document.querySelectorAll<HTMLElement>('[data-why-denied]')) };
}

const reports = (fake: FakeWorker) => fake.callsOf('denials/report');
/** The panels' shadow roots are closed; these tests keep them as the content script does, when they are made. */
const roots = new WeakMap<Element, ShadowRoot>();
const shadow = (host: HTMLElement) => roots.get(host)!;

describe('content script glue', () => {
  test('a page without a denial: one frameStart report with no denial, nothing else', async () => {
    const { fake, hosts, page } = await run('billing-no-denial.html', false);
    expect(fake.calls.map((c) => c.type)).toEqual(['denials/report']);
    expect(reports(fake)[0]).toEqual({ pageUrl: 'https://us-east-1.console.aws.amazon.com/billing/home#/bills', frameStart: true, denials: [] });
    // The page keeps changing, without denial text: still nothing.
    page.document.body.insertAdjacentHTML('beforeend', '<div><p>Charges for September</p></div>');
    await settle(10);
    expect(fake.calls).toHaveLength(1);
    expect(hosts()).toHaveLength(0);
  });

  test('a denial already on the page goes out in the frameStart report, and its panel mounts after it', async () => {
    const { fake, hosts } = await run('billing-bills-alert-denied.html', true);
    const [first, ...rest] = reports(fake);
    expect(rest).toHaveLength(0);
    expect(first?.frameStart).toBe(true);
    expect(first?.denials.map((d) => d.denial.action)).toEqual(['invoicing:ListInvoiceSummaries']);
    const [host] = hosts();
    expect(host).toBeDefined();
    expect(host!.getAttribute('data-why-denied')).toBe(first!.denials[0]!.watchId);
    expect(host!.previousElementSibling?.getAttribute('data-analytics-alert')).toBe('error');
    // The alert beside it names the principal and the action: the panel does not repeat them.
    expect(shadow(host!).querySelector('[data-testid="wd-principal"], [data-testid="wd-action"]')).toBeNull();
    expect(byTestId(shadow(host!), 'wd-panel').getAttribute('aria-label')).toBe('Why denied: invoicing:ListInvoiceSummaries');
    unfold(shadow(host!));
    expect(byTestId(shadow(host!), 'wd-layer').dataset.layer).toBe('identity-policy');
  });

  test('once prepared, a denial gets its panel in the observer callback that found it, before any frame or timer', async () => {
    const { page, panels, hosts } = await run('billing-bills-alert-denied.html', false);
    await panels.prepare();
    const frames = vi.spyOn(page.window, 'requestAnimationFrame');
    const timers = vi.spyOn(page.window, 'setTimeout');
    page.show();
    expect(hosts()).toHaveLength(0);
    await new Promise<void>((resolve) => queueMicrotask(resolve)); // the watcher's mutation callback runs
    expect(hosts()).toHaveLength(1);
    expect(byTestId(shadow(hosts()[0]!), 'wd-verdict').textContent).toContain('invoicing:ListInvoiceSummaries');
    expect(frames).not.toHaveBeenCalled();
    expect(timers).not.toHaveBeenCalled();
  });

  test('denials that render late, change and go away: report, update, gone', async () => {
    const { page, fake, hosts, settled } = await run('billing-bills-alert-denied.html', false);
    expect(reports(fake)).toEqual([expect.objectContaining({ frameStart: true, denials: [] })]);

    page.show();
    await vi.waitFor(() => expect(hosts()).toHaveLength(1));
    await settled();
    const added = reports(fake)[1]!;
    expect(added.frameStart).toBe(false);
    const watchId = added.denials[0]!.watchId;

    page.replace();
    await vi.waitFor(() => {
      unfold(shadow(hosts()[0]!));
      expect(byTestId(shadow(hosts()[0]!), 'wd-layer').dataset.layer).toBe('permissions-boundary');
    });
    await settled();
    const changed = reports(fake)[2]!;
    expect(changed.denials.map((d) => [d.watchId, d.denial.policyType])).toEqual([[watchId, 'permissions-boundary']]);
    expect(hosts()).toHaveLength(1);

    page.clear();
    await vi.waitFor(() => expect(hosts()).toHaveLength(0));
    await settled();
    expect(fake.callsOf('denials/gone')).toEqual([{ watchIds: [watchId] }]);
    // The settings came with the answer to the first report: one frameStart, no other message for them.
    expect(reports(fake).filter((report) => report.frameStart)).toHaveLength(1);
    expect(fake.calls.map((c) => c.type)).not.toContain('settings/get');
  });

  test('the record id from the worker reaches the panel: its frame loads the extension page for that record', async () => {
    const { hosts } = await run('billing-bills-alert-denied.html', true);
    pointAt(shadow(hosts()[0]!));
    await settle();
    const src = byTestId(shadow(hosts()[0]!), 'wd-diagnosis-frame').getAttribute('src') ?? '';
    expect(decodeURIComponent(src.slice(src.indexOf('#') + 1))).toMatch(/^7:0:why-denied-\d+:1$/);
    expect(src.startsWith('chrome-extension://test/diagnosis-frame/frame.html#')).toBe(true);
  });

  test('"Show on page" focuses the panel of its record only', async () => {
    const { panels, hosts, settled, fake } = await run('billing-bills-alert-denied.html', true);
    await settled();
    const root = shadow(hosts()[0]!);
    const [report] = reports(fake);
    panels.reveal('someone-else');
    expect(root.activeElement).toBeNull();
    const recordId = `7:0:${report!.denials[0]!.watchId}:1`;
    panels.reveal(recordId);
    expect(root.activeElement).toBe(byTestId(root, 'wd-panel'));
  });

  test('when the worker cannot be told, the panel still explains and says why it cannot diagnose', async () => {
    const fake = fakeWorker()
      .answer('denials/report', new Error('Could not establish connection. Receiving end does not exist.'))
      .answer('profiles/summaries', {
        profiles: [{ id: 'p1', name: 'audit', kind: 'keys', accountId: null, state: 'ready', expiresAt: null }],
        preferredId: null,
      });
    const { hosts, fake: worker, settled } = await run('billing-bills-alert-denied.html', true, fake);
    await settled();
    const root = shadow(hosts()[0]!);
    expect(byTestId(root, 'wd-verdict').textContent).toBeTruthy();
    expect(root.querySelector('[data-testid="wd-diagnosis-frame"]')).toBeNull();
    expect(root.textContent).toContain('could not be reached');
    expect(reports(worker)[0]?.frameStart).toBe(true);
  });

  test('a record that comes after the worker could not be told takes the panel\'s error away', async () => {
    let calls = 0;
    const working = fakeWorker();
    const fake = fakeWorker().answer('denials/report', async (payload) => {
      if (++calls === 1) throw new Error('Could not establish connection. Receiving end does not exist.');
      return working.send('denials/report', payload);
    });
    const { page, hosts, settled } = await run('billing-bills-alert-denied.html', true, fake);
    expect(shadow(hosts()[0]!).textContent).toContain('could not be reached');
    // The denial changes: its new report gets through.
    page.replace();
    await settled();
    const root = shadow(hosts()[0]!);
    expect(root.textContent).not.toContain('could not be reached');
    expect(byTestId(root, 'wd-diagnosis-frame-slot')).toBeTruthy();
  });

  test('on-request mode mounts only the button', async () => {
    const fake = fakeWorker(settings({ panelMode: 'on-request' }));
    const { hosts } = await run('billing-bills-alert-denied.html', true, fake);
    const root = shadow(hosts()[0]!);
    expect(root.querySelector('[data-testid="wd-panel"]')).toBeNull();
    expect(byTestId(root, 'wd-open').textContent).toBe('Why denied?');
  });

  test('three denials of one principal by one layer share one panel that lists them, and our host is not re-read as a denial', async () => {
    const { hosts, fake } = await run('cost-explorer-dashboard-three-widgets-denied.html', true);
    const reported = reports(fake).flatMap((r) => r.denials);
    expect(reported.map((d) => d.denial.action)).toEqual(['ce:GetCostAndUsage', 'ce:GetDimensionValues', 'ce:GetCostForecast']);
    expect(new Set(reported.map((d) => d.watchId)).size).toBe(3);
    expect(hosts()).toHaveLength(1);
    const root = shadow(hosts()[0]!);
    expect(hosts()[0]!.getAttribute('data-why-denied')).toBe(reported[0]!.watchId);
    expect(byTestId(root, 'wd-panel').getAttribute('aria-label')).toBe('Why denied: ce:GetCostAndUsage, ce:GetDimensionValues, ce:GetCostForecast');
    expect(byTestId(root, 'wd-verdict').textContent).toContain('these 3 actions');
    expect(byTestId(root, 'wd-actions').textContent).toBe('ce:GetCostAndUsage, ce:GetDimensionValues, ce:GetCostForecast');
      // Its frame diagnoses all three: every record id, the panel's own first.
    pointAt(root);
    await settle();
    const src = byTestId(root, 'wd-diagnosis-frame').getAttribute('src') ?? '';
    expect(splitRecordIds(decodeURIComponent(src.slice(src.indexOf('#') + 1)))).toEqual(reported.map((d, i) => `7:0:${d.watchId}:${i + 1}`));
  });

  test('a merged panel: "Show on page" for any of its denials finds it; when its first denial goes, it moves to the next', async () => {
    const { page, panels, hosts, fake, settled } = await run('cost-explorer-dashboard-three-widgets-denied.html', true);
    const watchIds = reports(fake).flatMap((r) => r.denials).map((d) => d.watchId);
    const root = shadow(hosts()[0]!);
    panels.reveal(`7:0:${watchIds[2]}:3`);
    expect(root.activeElement).toBe(byTestId(root, 'wd-panel'));

    page.document.querySelector('[data-fixture-slot="1"]')!.replaceChildren();
    await settled();
    expect(hosts()).toHaveLength(1);
    expect(hosts()[0]!.getAttribute('data-why-denied')).toBe(watchIds[1]);
    expect(byTestId(shadow(hosts()[0]!), 'wd-panel').getAttribute('aria-label')).toBe('Why denied: ce:GetDimensionValues, ce:GetCostForecast');
    // The new panel holds the frame of its own first denial's record, and of the one merged with it.
    pointAt(shadow(hosts()[0]!));
    await settle();
    expect(byTestId(shadow(hosts()[0]!), 'wd-diagnosis-frame').getAttribute('src')).toMatch(new RegExp(`#${encodeURIComponent(`7:0:${watchIds[1]}:2,7:0:${watchIds[2]}:3`)}$`));

    page.document.querySelector('[data-fixture-slot="3"]')!.replaceChildren();
    await settled();
    expect(byTestId(shadow(hosts()[0]!), 'wd-panel').getAttribute('aria-label')).toBe('Why denied: ce:GetDimensionValues');
    page.document.querySelector('[data-fixture-slot="2"]')!.replaceChildren();
    await settled();
    expect(hosts()).toHaveLength(0);
  });

  test.each([
    ['auto', (root: ShadowRoot) => pointAt(root)],
    ['on-request', (root: ShadowRoot) => click(byTestId(root, 'wd-open'))],
  ] as const)('%s mode: a merged panel the user turned to moves to its next denial open, with its frame, at every move', async (panelMode, turnTo) => {
    const { page, hosts, fake, settled } = await run('cost-explorer-dashboard-three-widgets-denied.html', true, fakeWorker(settings({ panelMode })));
    const watchIds = reports(fake).flatMap((r) => r.denials).map((d) => d.watchId);
    const recordOf = (i: number) => `7:0:${watchIds[i]}:${i + 1}`;
    turnTo(shadow(hosts()[0]!));
    await settle();
    expect(allByTestId(shadow(hosts()[0]!), 'wd-diagnosis-frame')).toHaveLength(1);

    page.document.querySelector('[data-fixture-slot="1"]')!.replaceChildren();
    await settled();
    expect(hosts()[0]!.getAttribute('data-why-denied')).toBe(watchIds[1]);
    const moved = shadow(hosts()[0]!);
    expect(allByTestId(moved, 'wd-open')).toHaveLength(0);
    expect(byTestId(moved, 'wd-diagnosis-frame').getAttribute('src')).toMatch(new RegExp(`#${encodeURIComponent(`${recordOf(1)},${recordOf(2)}`)}$`));

    // The moved panel was not turned to again: the user's turn moves with it.
    page.document.querySelector('[data-fixture-slot="2"]')!.replaceChildren();
    await settled();
    expect(hosts()[0]!.getAttribute('data-why-denied')).toBe(watchIds[2]);
    expect(byTestId(shadow(hosts()[0]!), 'wd-diagnosis-frame').getAttribute('src')).toMatch(new RegExp(`#${encodeURIComponent(recordOf(2))}$`));
  });

  test('a merged panel nobody turned to moves to its next denial as it was: no frame until the user turns to it', async () => {
    const { page, hosts, settled } = await run('cost-explorer-dashboard-three-widgets-denied.html', true);
    page.document.querySelector('[data-fixture-slot="1"]')!.replaceChildren();
    await settled();
    const moved = shadow(hosts()[0]!);
    expect(allByTestId(moved, 'wd-diagnosis-frame')).toHaveLength(0);
    expect(allByTestId(moved, 'wd-diagnosis-frame-slot')).toHaveLength(1);
  });

  test('a denial inside a modal gets only the compact "Why denied?" button', async () => {
    const { hosts } = await run('modal-budgets-passrole-denied.html', true);
    const root = shadow(hosts()[0]!);
    expect(allByTestId(root, 'wd-panel')).toHaveLength(0);
    expect(byTestId(root, 'wd-open').getAttribute('aria-label')).toBe('Why denied? Explain this access denial (iam:PassRole)');
  });

  test('a denial removed while the settings are on their way never mounts', async () => {
    let release: () => void = () => {};
    const fake = fakeWorker(new Promise((resolve) => (release = () => resolve(settings({})))));
    const { page, hosts, settled } = await run('billing-bills-alert-denied.html', true, fake, { wait: false });
    await settle(5);
    expect(reports(fake)).toEqual([expect.objectContaining({ frameStart: true })]);
    page.clear();
    await settle(20);
    release();
    await settled();
    expect(hosts()).toHaveLength(0);
  });
});
