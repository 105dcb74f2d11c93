// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import { DenialWatcher, type FoundDenial, type WatchChange } from '../../../src/console/watch.ts';
import { type OpenFixture, openFixture } from './open-fixture.ts';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

interface Watched {
  page: OpenFixture;
  watcher: DenialWatcher;
  changes: WatchChange[];
  /** The panels a consumer would show now, by id. */
  panels: Map<string, FoundDenial>;
}

let current: Watched | null = null;
afterEach(async () => {
  current?.watcher.stop();
  await current?.page.close();
  current = null;
  vi.restoreAllMocks();
});

async function watch(name: string, opts: { late?: boolean; delayMs?: number } = {}): Promise<Watched> {
  const page = await openFixture(name, { late: opts.late, delayMs: opts.delayMs });
  const changes: WatchChange[] = [];
  const panels = new Map<string, FoundDenial>();
  const watcher = new DenialWatcher(
    page.document,
    change => {
      changes.push(change);
      for (const f of change.added) {
        expect(panels.has(f.id), `added twice: ${f.id}`).toBe(false);
        panels.set(f.id, f);
      }
      for (const f of change.updated) {
        expect(panels.has(f.id), `updated unknown: ${f.id}`).toBe(true);
        panels.set(f.id, f);
      }
      for (const id of change.removed) {
        expect(panels.delete(id), `removed unknown: ${id}`).toBe(true);
      }
    },
  );
  current = { page, watcher, changes, panels };
  watcher.start();
  return current;
}

/** Lets the watcher's frame (or its timer fallback) run; for checking that nothing happens. */
const settle = () => sleep(80);

/** Waits (up to 3 s, the machine may be busy) until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  const end = Date.now() + 3000;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${condition}`);
    await sleep(10);
  }
}

/** Runs `action` and waits for the report it causes. */
async function reportAfter(w: Watched, action: () => void): Promise<WatchChange> {
  const seen = w.changes.length;
  action();
  await until(() => w.changes.length > seen);
  return w.changes.at(-1)!;
}

function actions(w: Watched): (string | null)[] {
  return Array.from(w.panels.values()).map(p => p.denial.action);
}

describe('DenialWatcher: appearance', () => {
  test('start() reports the denials already on the page', async () => {
    const w = await watch('billing-bills-alert-denied.html');
    expect(w.changes).toHaveLength(1);
    const [found] = w.changes[0]!.added;
    expect(found!.detector).toBe('alert');
    expect(found!.anchor.getAttribute('data-analytics-alert')).toBe('error');
    expect(found!.denial.action).toBe('invoicing:ListInvoiceSummaries');
    expect(found!.denial.principalArn).toBe('arn:aws:sts::222222222222:assumed-role/FinanceRole/bob');
  });

  test('an alert rendered late, after the page loaded, is reported once', async () => {
    const w = await watch('billing-bills-alert-denied.html', { late: true, delayMs: 40 });
    expect(w.changes).toEqual([]);
    await until(() => w.changes.length > 0);
    expect(w.changes[0]!.added.map(f => f.denial.action)).toEqual(['invoicing:ListInvoiceSummaries']);
    await settle();
    expect(w.changes).toHaveLength(1);
  });

  test('a denial is reported in the task that inserted it, before the next frame, without a frame or timer', async () => {
    const w = await watch('billing-no-denial.html');
    const frames = vi.spyOn(w.page.window, 'requestAnimationFrame');
    const timers = vi.spyOn(w.page.window, 'setTimeout');
    const p = w.page.document.createElement('p');
    p.textContent = 'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: ce:GetCostAndUsage';
    w.page.document.querySelector('main')!.append(p);
    expect(w.changes).toEqual([]); // observers report after the task's script, not inside it
    await new Promise<void>(resolve => queueMicrotask(resolve));
    await Promise.resolve();
    expect(w.changes.map(c => c.added.map(f => f.denial.action))).toEqual([['ce:GetCostAndUsage']]);
    expect(frames).not.toHaveBeenCalled();
    expect(timers).not.toHaveBeenCalled();
  });

  test('many mutations in one task make one report', async () => {
    const w = await watch('billing-no-denial.html');
    const main = w.page.document.querySelector('main')!;
    await reportAfter(w, () => {
      for (let i = 0; i < 20; i++) {
        const p = w.page.document.createElement('p');
        p.textContent = `User: arn:aws:iam::111111111111:user/u${i} is not authorized to perform: ce:GetCostAndUsage`;
        main.append(p);
      }
    });
    await settle();
    expect(w.changes).toHaveLength(1);
    expect(w.changes[0]!.added).toHaveLength(20);
  });

  test('each widget on a dashboard reports its own denial; a closed popover removes only its own', async () => {
    const w = await watch('cost-explorer-dashboard-three-widgets-denied.html');
    expect(actions(w)).toEqual(['ce:GetCostAndUsage', 'ce:GetDimensionValues', 'ce:GetCostForecast']);
    const popover = w.page.document.querySelector('[class*="awsui_body_"][role="dialog"]')!;
    const forecastId = Array.from(w.panels.values()).find(p => p.anchor === popover)!.id;
    const change = await reportAfter(w, () => popover.closest('[data-fixture-slot]')!.replaceChildren());
    expect(change).toEqual({ added: [], updated: [], removed: [forecastId] });
    expect(actions(w)).toEqual(['ce:GetCostAndUsage', 'ce:GetDimensionValues']);
  });

  test('the same denial in three widgets is one panel, which moves when its widget goes', async () => {
    const w = await watch('costmanagement-home-activation-not-activated.html');
    expect(w.panels.size).toBe(1);
    const [panel] = w.panels.values();
    expect(panel!.denial.cause).toBe('iam-billing-access-not-activated');
    const widgets = w.page.document.querySelectorAll('[class*="awsui_root_14iqq_"]');
    expect(widgets[0]!.contains(panel!.anchor)).toBe(true);
    const change = await reportAfter(w, () => widgets[0]!.remove());
    expect(change.updated.map(f => f.id)).toEqual([panel!.id]);
    expect(widgets[1]!.contains(w.panels.get(panel!.id)!.anchor)).toBe(true);
  });

  test('a same-origin frame that renders a denial late is watched', async () => {
    const w = await watch('iframe-same-origin.html', { late: true, delayMs: 30 });
    await until(() => w.panels.size === 1);
    const [found] = w.panels.values();
    const frameDoc = w.page.document.querySelector('iframe')!.contentDocument!;
    expect(found!.anchor.ownerDocument).toBe(frameDoc);
    expect(found!.denial.action).toBe('billing:GetCredits');
    await reportAfter(w, () => w.page.document.querySelector('iframe')!.remove());
    expect(w.panels.size).toBe(0);
  });

  test('an iframe added later is watched too', async () => {
    const w = await watch('billing-no-denial.html');
    const frame = w.page.document.createElement('iframe');
    frame.srcdoc = '<p>User: arn:aws:iam::111111111111:user/alice is not authorized to perform: billing:GetBillingData</p>';
    w.page.document.body.append(frame);
    await until(() => w.panels.size === 1);
    expect(actions(w)).toEqual(['billing:GetBillingData']);
  });

  test('a cross-origin frame (whose document throws or is null) is skipped without error', async () => {
    const w = await watch('billing-no-denial.html');
    for (const behaviour of ['throws', 'null'] as const) {
      const frame = w.page.document.createElement('iframe');
      Object.defineProperty(frame, 'contentDocument', {
        get() {
          if (behaviour === 'throws') throw new DOMException('Blocked a frame with origin', 'SecurityError');
          return null;
        },
      });
      w.page.document.body.append(frame);
      expect(() => frame.dispatchEvent(new w.page.window.Event('load') as unknown as Event)).not.toThrow();
    }
    expect(() => w.watcher.rescan()).not.toThrow();
    await settle();
    expect(w.changes).toEqual([]);
  });

  test('the text scan finds a denial where no selector matches, late, and keeps it through a re-render', async () => {
    const w = await watch('unknown-selectors-text-only.html', { late: true, delayMs: 20 });
    await until(() => w.panels.size === 1);
    const [found] = w.panels.values();
    expect(found!.detector).toBe('text-scan');
    expect(found!.denial.action).toBe('tax:ListTaxRegistrations');
    const change = await reportAfter(w, () => w.page.driver.rerender());
    expect(w.panels.size).toBe(1);
    expect(change.added).toEqual([]);
    expect(w.panels.get(found!.id)!.anchor.isConnected).toBe(true);
  });

  test('a sentence split across inline elements and &nbsp; is one denial', async () => {
    const w = await watch('split-inline-nbsp.html', { late: true, delayMs: 20 });
    await until(() => w.panels.size === 2);
    expect(actions(w)).toEqual(['ce:GetCostForecast', 'budgets:ModifyBudget']);
    expect(Array.from(w.panels.values()).map(p => p.detector)).toEqual(['alert', 'text-scan']);
  });

  test('a text node that turns into a denial outside any known container is found', async () => {
    const w = await watch('billing-no-denial.html');
    const p = w.page.document.createElement('p');
    p.textContent = 'Loading…';
    w.page.document.querySelector('main')!.append(p);
    await settle();
    expect(w.changes).toHaveLength(0);
    await reportAfter(w, () => {
      p.firstChild!.nodeValue = 'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: payments:ListPaymentInstruments';
    });
    expect(actions(w)).toEqual(['payments:ListPaymentInstruments']);
  });

  test.each([
    ['a text node', (doc: Document) => doc.createTextNode(' perform: ce:GetCostForecast')],
    ['an inline element', (doc: Document) => Object.assign(doc.createElement('b'), { textContent: ' perform: ce:GetCostForecast' })],
  ])('%s added beside the start of a sentence completes it in its block', async (_kind, make) => {
    const w = await watch('billing-no-denial.html');
    const p = w.page.document.createElement('p');
    const span = w.page.document.createElement('span');
    span.textContent = ' to';
    p.append('User: arn:aws:iam::111111111111:user/alice is not authorized', span);
    w.page.document.querySelector('main')!.append(p);
    await settle();
    expect(w.changes).toHaveLength(0);
    await reportAfter(w, () => span.append(make(w.page.document)));
    expect(actions(w)).toEqual(['ce:GetCostForecast']);
  });

  test('a sentence appended piece by piece to one element in one task is one denial (its block read once for all)', async () => {
    const w = await watch('billing-no-denial.html');
    const p = w.page.document.createElement('p');
    w.page.document.querySelector('main')!.append(p);
    await settle();
    await reportAfter(w, () => {
      // One record per append, all with the same target: only all of them together hold the denial.
      for (const piece of ['User: arn:aws:iam::111111111111:user/alice is not ', 'authorized to perform', ': ce:GetCostForecast']) p.append(piece);
    });
    expect(actions(w)).toEqual(['ce:GetCostForecast']);
    expect(w.changes).toHaveLength(1);
  });
});

describe('DenialWatcher: re-renders, changes and removal', () => {
  test('a React re-render into new nodes keeps the one panel (same id, new anchor, no add)', async () => {
    const w = await watch('billing-bills-alert-denied.html');
    const [before] = w.panels.values();
    await reportAfter(w, () => w.page.driver.rerender());
    expect(w.changes).toHaveLength(2);
    expect(w.changes[1]!.added).toEqual([]);
    expect(w.changes[1]!.removed).toEqual([]);
    expect(w.changes[1]!.updated.map(f => f.id)).toEqual([before!.id]);
    expect(w.panels.get(before!.id)!.anchor).not.toBe(before!.anchor);
    expect(w.panels.get(before!.id)!.anchor.isConnected).toBe(true);
  });

  test('a container re-mounted with other text is an update of the same panel', async () => {
    const w = await watch('billing-bills-alert-denied.html');
    const [before] = w.panels.values();
    const change = await reportAfter(w, () => w.page.driver.replaceDenial());
    expect(change.added).toEqual([]);
    expect(change.removed).toEqual([]);
    expect(w.panels.get(before!.id)!.denial.policyType).toBe('permissions-boundary');
  });

  test('text edited in place is an update', async () => {
    const w = await watch('billing-bills-alert-denied.html');
    const [before] = w.panels.values();
    const line = Array.from(w.page.document.querySelectorAll('code div')).find(d => d.textContent!.startsWith('Context:'))!;
    const change = await reportAfter(w, () => {
      line.firstChild!.nodeValue = 'Context: a service control policy explicitly denies the action';
    });
    expect(change.updated.map(f => f.id)).toEqual([before!.id]);
    expect(w.panels.get(before!.id)!.denial.policyType).toBe('scp');
    expect(w.panels.get(before!.id)!.denial.denyKind).toBe('explicit');
  });

  test('text edited so that it is no longer a denial removes the panel', async () => {
    const w = await watch('billing-flashbar-scp-deny.html');
    const [before] = w.panels.values();
    const content = w.page.document.querySelector('[data-analytics-flashbar="error"] [class*="awsui_flash-content_"]')!;
    const change = await reportAfter(w, () => {
      content.firstChild!.nodeValue = 'Saving…';
    });
    expect(change).toEqual({ added: [], updated: [], removed: [before!.id] });
  });

  test('hash navigation that clears the alert removes the panel; coming back adds a new one', async () => {
    const w = await watch('billing-bills-alert-denied.html', { delayMs: 0 });
    const [before] = w.panels.values();
    const change = await reportAfter(w, () => w.page.driver.navigate('#/paymentsoverview'));
    expect(change).toEqual({ added: [], updated: [], removed: [before!.id] });
    w.page.driver.navigate('#/bills');
    await until(() => w.panels.size === 1);
    const [after] = w.panels.values();
    expect(after!.id).not.toBe(before!.id);
    expect(after!.denial.action).toBe('invoicing:ListInvoiceSummaries');
  });

  test('clearing the page removes every panel', async () => {
    const w = await watch('cost-explorer-dashboard-three-widgets-denied.html');
    expect(w.panels.size).toBe(3);
    await reportAfter(w, () => w.page.driver.clearDenials());
    expect(w.panels.size).toBe(0);
  });
});

describe('DenialWatcher: what it ignores, and what it costs', () => {
  test('schedules nothing on a quiet page or for mutations that cannot hold a denial', async () => {
    const w = await watch('billing-bills-alert-denied.html');
    const view = w.page.window;
    const frames = vi.spyOn(view, 'requestAnimationFrame');
    const timers = vi.spyOn(view, 'setTimeout');
    await sleep(30);
    const p = w.page.document.createElement('p');
    p.textContent = 'Charges for October are not final.';
    w.page.document.querySelector('main')!.append(p);
    p.setAttribute('class', 'changed');
    await sleep(30);
    expect(frames).not.toHaveBeenCalled();
    expect(timers).not.toHaveBeenCalled();
    expect(w.changes).toHaveLength(1);
  });

  test('our own panel hosts and their shadow roots are not read', async () => {
    const w = await watch('billing-bills-alert-denied.html');
    const frames = vi.spyOn(w.page.window, 'requestAnimationFrame');
    const [found] = w.panels.values();
    const host = w.page.document.createElement('div');
    host.setAttribute('data-why-denied', found!.id);
    host.textContent = 'User: arn:aws:iam::999999999999:user/x is not authorized to perform: iam:CreateUser';
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>User: arn:aws:iam::999999999999:user/y is not authorized to perform: iam:DeleteUser</p>';
    found!.anchor.after(host);
    await settle();
    expect(frames).not.toHaveBeenCalled();
    w.watcher.rescan();
    expect(w.changes).toHaveLength(1);
  });

  test('text added later inside our own panel host is not read either', async () => {
    const w = await watch('billing-bills-alert-denied.html');
    const [found] = w.panels.values();
    const host = w.page.document.createElement('div');
    host.setAttribute('data-why-denied', found!.id);
    found!.anchor.after(host);
    await settle();
    const frames = vi.spyOn(w.page.window, 'requestAnimationFrame');
    host.append('User: arn:aws:iam::999999999999:user/x is not authorized to perform: iam:CreateUser');
    await settle();
    expect(frames).not.toHaveBeenCalled();
    expect(w.changes).toHaveLength(1);
  });

  test('works in a background tab where animation frames never fire', async () => {
    const page = await openFixture('billing-no-denial.html');
    vi.spyOn(page.window, 'requestAnimationFrame').mockImplementation(() => 1 as unknown as ReturnType<typeof page.window.requestAnimationFrame>);
    const changes: WatchChange[] = [];
    const watcher = new DenialWatcher(page.document, c => changes.push(c));
    current = { page, watcher, changes, panels: new Map() };
    watcher.start();
    const p = page.document.createElement('p');
    p.textContent = 'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: ce:GetCostAndUsage';
    page.document.querySelector('main')!.append(p);
    await until(() => changes.length > 0);
    expect(changes.map(c => c.added.length)).toEqual([1]);
  });

  test('stop() ends observation; start() again reports afresh', async () => {
    const w = await watch('billing-bills-alert-denied.html');
    w.watcher.stop();
    w.page.driver.rerender();
    w.page.driver.clearDenials();
    await settle();
    expect(w.changes).toHaveLength(1);
    w.page.driver.showDenial();
    w.panels.clear();
    w.watcher.start();
    expect(w.changes).toHaveLength(2);
    expect(w.changes[1]!.added).toHaveLength(1);
  });

  test('rescan() picks up what only an attribute change revealed', async () => {
    const w = await watch('modal-budgets-passrole-denied.html');
    const hidden = w.page.document.querySelector('[class*="awsui_hidden_1d2i7_"]')!;
    hidden.querySelector('p')!.textContent = 'User: arn:aws:iam::444444444444:user/alice is not authorized to perform: budgets:ModifyBudget';
    await settle();
    expect(actions(w)).toEqual(['iam:PassRole']);
    hidden.classList.remove('awsui_hidden_1d2i7_1bfka_185');
    await settle();
    expect(actions(w)).toEqual(['iam:PassRole']); // attributes are not observed
    w.watcher.rescan();
    expect(actions(w).sort()).toEqual(['budgets:ModifyBudget', 'iam:PassRole']);
  });

  test('hostile page text yields exactly the one real denial, and nothing runs', async () => {
    const w = await watch('hostile-text.html', { late: true, delayMs: 10 });
    await until(() => w.panels.size === 1);
    await settle();
    expect(w.panels.size).toBe(1);
    const [found] = w.panels.values();
    expect(found!.denial.meta.message).toContain('\u202E'); // kept, so the panel can mark it
    expect((w.page.window as unknown as Record<string, unknown>)['__whyDeniedPwned']).toBeUndefined();
  });
});
