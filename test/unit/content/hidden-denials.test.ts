// @vitest-environment happy-dom
// Hidden denials in the content script: each observed refusal read again by the parser, one panel per principal,
// action and resource, placed in the failed widget or the page-level region, never doubling a printed denial.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { hasDenialTrigger } from '../../../src/console/trigger.ts';
import { denialFromObserved, HiddenDenials } from '../../../src/content/hidden-denials.ts';
import type { ObservedInbox } from '../../../src/content/observed-receiver.ts';
import type { PanelChange } from '../../../src/content/panels.ts';
import { parseDenials } from '../../../src/core/parse/index.ts';
import { OBSERVED_CHANNEL, type ObservedDenial } from '../../../src/shared/observed-denial.ts';
import { settings } from './helpers.ts';

const BOB = 'arn:aws:sts::222222222222:assumed-role/FinanceRole/bob';
const sentence = (action: string) => `User: ${BOB} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`;

function observed(action: string, path = '/costmanagement/api/ce'): ObservedDenial {
  return { channel: OBSERVED_CHANNEL, status: 400, method: 'POST', path, errorCode: 'AccessDeniedException', message: sentence(action) };
}

class FakeInbox implements ObservedInbox {
  listener: ((d: ObservedDenial) => void) | null = null;
  closed = false;
  take(listener: (d: ObservedDenial) => void) { this.listener = listener; }
  whenAny() {}
  close() { this.closed = true; }
  send(d: ObservedDenial) { this.listener?.(d); }
}

const WIDGET = (id: string, content: string) => `<div id="${id}" class="awsui_root_14iqq_x"><div class="awsui_content_14iqq_x">${content}</div></div>`;
const ERROR = '<span class="awsui_status-error_1cbgc_x">Error loading data</span>';
const wait = (ms = 30) => new Promise((r) => setTimeout(r, ms));

let changes: PanelChange[];
let inbox: FakeInbox;
let current: HiddenDenials | null = null;

function start(body: string, enabled = true) {
  document.body.innerHTML = `<main>${body}</main>`;
  // Each instance reports into its own list: an earlier test's sweep timer cannot reach this one's.
  const own: PanelChange[] = [];
  changes = own;
  inbox = new FakeInbox();
  const hidden = new HiddenDenials({ document, inbox, settings: async () => settings({ responseObserver: enabled }), handle: (c) => own.push(c), settleMs: 5, sweepMs: 10 });
  hidden.start();
  current = hidden;
  return hidden;
}
const added = () => changes.flatMap((c) => c.added);
const removed = () => changes.flatMap((c) => c.removed);

beforeEach(() => (document.body.innerHTML = ''));
// The document is shared: an earlier test's sweep, finding its captions gone, would take this one's region with it.
afterEach(() => {
  current?.stop();
  document.body.innerHTML = '';
});

describe('HiddenDenials', () => {
  test('one refusal and one failed widget: the panel goes inside that widget, after its error state', async () => {
    start(WIDGET('ok', '<p>fine</p>') + WIDGET('chart', ERROR));
    inbox.send(observed('ce:GetCostAndUsage'));
    await wait();
    const [one] = added();
    expect(one!.denial.action).toBe('ce:GetCostAndUsage');
    expect(one!.denial.meta.request).toEqual({ method: 'POST', path: '/costmanagement/api/ce' });
    expect(one!.anchor.closest('#chart')).not.toBeNull();
    expect(one!.anchor.previousElementSibling?.textContent).toBe('Error loading data');
    expect(document.querySelector('[data-why-denied-refused]')).toBeNull();
  });

  test('no failed widget: the page-level region counts the refused requests; the same denial again is one panel', async () => {
    start(WIDGET('budgets', 'Loading…'));
    inbox.send(observed('budgets:ViewBudget', '/billing/rest/v1.0/budgets'));
    inbox.send(observed('budgets:ViewBudget', '/billing/rest/v1.0/budgets'));
    await wait();
    inbox.send(observed('budgets:ViewBudget', '/billing/rest/v1.0/budgets'));
    await wait();
    expect(added()).toHaveLength(1);
    const region = document.querySelector('main > [data-why-denied-refused]')!;
    expect(region.querySelector('h2')!.textContent).toBe('The console was refused 3 requests');
    const caption = added()[0]!.anchor;
    expect(caption.textContent).toContain("the console's request POST /billing/rest/v1.0/budgets was refused (3 times)");
    // Our own light-DOM words never read as a denial to the watcher.
    expect(hasDenialTrigger(region)).toBe(false);
    expect(parseDenials(region.textContent ?? '')).toEqual([]);
  });

  test('two refusals together cannot be told apart: both go to the region, even with failed widgets', async () => {
    start(WIDGET('a', ERROR) + WIDGET('b', ERROR));
    inbox.send(observed('ce:GetCostForecast'));
    inbox.send(observed('ce:GetDimensionValues'));
    await wait();
    expect(added()).toHaveLength(2);
    expect(added().every((a) => a.anchor.parentElement?.hasAttribute('data-why-denied-refused'))).toBe(true);
    expect(document.querySelector('[data-why-denied-refused] h2')!.textContent).toBe('The console was refused 2 requests');
  });

  test('a denial the page prints is not doubled: suppressed while printed, back when the print goes', async () => {
    const hidden = start(WIDGET('w', 'Loading…'));
    const printedDenial = parseDenials(sentence('payments:ListPaymentInstruments'))[0]!;
    hidden.notePrinted({ added: [{ id: 'why-denied-1', anchor: document.body, denial: printedDenial, detector: 'text-scan' }], updated: [], removed: [] });
    inbox.send(observed('payments:ListPaymentInstruments'));
    await wait();
    expect(added()).toEqual([]);
    hidden.notePrinted({ added: [], updated: [], removed: ['why-denied-1'] });
    await wait();
    expect(added().map((a) => a.denial.action)).toEqual(['payments:ListPaymentInstruments']);
    // Printed again after the hidden panel is up: the hidden one goes.
    hidden.notePrinted({ added: [{ id: 'why-denied-2', anchor: document.body, denial: printedDenial, detector: 'text-scan' }], updated: [], removed: [] });
    expect(removed()).toEqual([added()[0]!.id]);
    expect(document.querySelector('[data-why-denied-request]')).toBeNull();
    expect(document.querySelector('[data-why-denied-refused]')).toBeNull();
  });

  test('the page removes the widget: its hidden denial goes too, and a new refusal brings it back', async () => {
    start(WIDGET('chart', ERROR));
    inbox.send(observed('ce:GetCostAndUsage'));
    await wait();
    const [first] = added();
    document.getElementById('chart')!.remove();
    await wait();
    expect(removed()).toEqual([first!.id]);
    inbox.send(observed('ce:GetCostAndUsage'));
    await wait();
    expect(added()).toHaveLength(2);
    expect(added()[1]!.anchor.isConnected).toBe(true);
  });

  test('stopped (the extension went away): what is shown stays, and nothing more is placed or swept', async () => {
    const hidden = start(WIDGET('chart', ERROR));
    inbox.send(observed('ce:GetCostAndUsage'));
    await wait();
    expect(added()).toHaveLength(1);
    hidden.stop();
    inbox.send(observed('ce:GetCostForecast'));
    document.getElementById('chart')!.remove();
    await wait();
    expect(changes).toHaveLength(1);
  });

  test('the option off: nothing is placed and the inbox is closed', async () => {
    start(WIDGET('chart', ERROR), false);
    inbox.send(observed('ce:GetCostAndUsage'));
    await wait();
    expect(added()).toEqual([]);
    expect(inbox.closed).toBe(true);
  });
});

describe('denialFromObserved', () => {
  test('the principal, action and resource are what the parser in this world reads from the message', () => {
    const d = denialFromObserved(observed('ce:GetCostAndUsage'));
    expect([d.principalArn, d.action]).toEqual([BOB, 'ce:GetCostAndUsage']);
    expect(d.meta.request).toEqual({ method: 'POST', path: '/costmanagement/api/ce' });
  });
  test('a message that names nothing: a partial denial with the error code', () => {
    const d = denialFromObserved({ ...observed('x'), message: 'Access Denied' });
    expect(d.meta).toMatchObject({ partial: true, message: 'Access Denied', errorCode: 'AccessDeniedException' });
    expect(d.action).toBeNull();
  });
});
