// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Diagnosis } from '../../../src/core/diagnosis.ts';
import { explainDenial } from '../../../src/core/rules/index.ts';
import { formatAdminRequest } from '../../../src/core/request/admin-request.ts';
import { COPIED_MS } from '../../../src/content/panel/copy-state.tsx';
import { PopupApp, shortIdentity } from '../../../src/popup/popup-app.tsx';
import { combinedRequests, explainedRecord } from '../../../src/popup/combined-requests.ts';
import { diagnosisStub } from '../engine/helpers.ts';
import type { DenialRecord } from '../../../src/shared/protocol.ts';
import { FakeWorker, PAGE_URL, TEXT, allByTestId, byTestId, click, parseOne, settings, settle } from '../content/helpers.ts';

let app: HTMLElement;
afterEach(() => {
  render(null, app);
  app.remove();
});

function record(text: string, id: string, patch: Partial<DenialRecord> = {}): DenialRecord {
  return { id, tabId: 7, frameId: 0, watchId: id, pageUrl: PAGE_URL, seenAt: Date.UTC(2026, 11, 6, 6, 47), denial: parseOne(text), diagnosis: null, ...patch };
}

async function open(
  fake: FakeWorker,
  tabId: number | null = 7,
  writeClipboard = vi.fn(async (_text: string) => {}),
  showOnPage = vi.fn(async (_record: DenialRecord) => {}),
  openTab = vi.fn((_url: string) => {}),
) {
  app = document.createElement('main');
  document.body.append(app);
  render(<PopupApp send={fake.send} tabId={async () => tabId} writeClipboard={writeClipboard} openTab={openTab} showOnPage={showOnPage} />, app);
  await settle();
  return { writeClipboard, showOnPage, openTab };
}

const DIAGNOSIS = { status: 'done', verdict: 'SCP DenyCostExplorer blocks ce:GetRightsizingRecommendation.' } as Diagnosis;

describe('popup', () => {
  test("lists this tab's denials: the verdict first (the diagnosis one when saved), a short identity, action, page", async () => {
    const records = [record(TEXT.scpWithArn, '7:0:a', { diagnosis: { ...DIAGNOSIS, blocking: [], decidingConditions: [], evidence: [], problems: [], steps: [] } as Diagnosis }), record(TEXT.consoleAlert, '7:0:b')];
    const fake = new FakeWorker().answer('denials/list', { records, earlier: [] }).answer('settings/get', settings({}));
    await open(fake);
    expect(fake.callsOf('denials/list')).toEqual([{ tabId: 7 }]);
    const items = allByTestId(app, 'wd-popup-denial');
    expect(items).toHaveLength(2);
    const [scp, alert] = items as [HTMLElement, HTMLElement];
    // The diagnosis leads; the guess from the message is folded away.
    expect(scp.querySelector('p')?.dataset.testid).toBe('wd-popup-diagnosis');
    expect(byTestId(scp, 'wd-verdict').closest('details')).not.toBeNull();
    expect(byTestId(alert, 'wd-verdict')).toBe(alert.querySelector('p'));
    expect(byTestId(scp, 'wd-principal').title).toBe(records[0]!.denial.principalArn);
    expect(byTestId(scp, 'wd-action').textContent).toBe('ce:GetRightsizingRecommendation');
    expect(byTestId(scp, 'wd-verdict').textContent).toBe(explainDenial(records[0]!.denial, { pageUrl: PAGE_URL }).verdict);
    expect(byTestId(scp, 'wd-popup-diagnosis').textContent).toContain(DIAGNOSIS.verdict);
    expect(scp.textContent).toContain(PAGE_URL);
    expect(byTestId(alert, 'wd-action').textContent).toBe('cur:GetClassicReport');
    expect(byTestId(alert, 'wd-verdict').dataset.layer).toBe('permissions-boundary');
    expect(allByTestId(alert, 'wd-popup-diagnosis')).toHaveLength(0);
    expect(allByTestId(app, 'wd-popup-empty')).toHaveLength(0);
  });

  test("a hidden denial is marked \"from the console's request\" with its method and path; a printed one is not", async () => {
    const hidden = record(TEXT.implicitIdentity, '7:0:hidden');
    hidden.denial = { ...hidden.denial, meta: { ...hidden.denial.meta, request: { method: 'POST', path: '/costmanagement/api/ce' } } };
    const fake = new FakeWorker().answer('denials/list', { records: [hidden, record(TEXT.scpWithArn, '7:0:printed')], earlier: [] }).answer('settings/get', settings({}));
    await open(fake);
    const [first, second] = allByTestId(app, 'wd-popup-denial') as [HTMLElement, HTMLElement];
    expect(byTestId(first, 'wd-popup-request').textContent).toBe("from the console's request POST /costmanagement/api/ce");
    expect(allByTestId(second, 'wd-popup-request')).toHaveLength(0);
  });

  test('copy puts the request in the format from the settings on the clipboard', async () => {
    const records = [record(TEXT.boundaryWithArn, '7:0:a')];
    const fake = new FakeWorker().answer('denials/list', { records, earlier: [] }).answer('settings/get', settings({ requestFormat: 'markdown' }));
    const { writeClipboard } = await open(fake);
    click(byTestId(app, 'wd-popup-copy'));
    await settle();
    const denial = records[0]!.denial;
    const explanation = explainDenial(denial, { pageUrl: PAGE_URL, partition: null });
    expect(writeClipboard).toHaveBeenCalledWith(formatAdminRequest({ denial, explanation, pageUrl: PAGE_URL, diagnosis: null, deniedAt: records[0]!.seenAt }, 'markdown'));
    expect(writeClipboard.mock.calls[0]![0]).toContain('2026-12-06 06:47 UTC');
    expect(byTestId(app, 'wd-popup-copied').textContent).toBe('Copied');
  });

  test('"Copied" clears after a few seconds, so the next copy is announced again', async () => {
    vi.useFakeTimers();
    try {
      const fake = new FakeWorker().answer('denials/list', { records: [record(TEXT.boundaryWithArn, '7:0:a')], earlier: [] }).answer('settings/get', settings({}));
      const opened = open(fake);
      await vi.runAllTimersAsync();
      await opened;
      click(byTestId(app, 'wd-popup-copy'));
      await vi.advanceTimersByTimeAsync(10);
      expect(allByTestId(app, 'wd-popup-copied')).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(COPIED_MS - 100);
      expect(allByTestId(app, 'wd-popup-copied')).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(200);
      expect(allByTestId(app, 'wd-popup-copied')).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });

  test('"Show on page" asks for the denial\'s panel and says so when the page does not answer', async () => {
    const records = [record(TEXT.scpWithArn, '7:0:a'), record(TEXT.consoleAlert, '7:0:b')];
    const fake = new FakeWorker().answer('denials/list', { records, earlier: [] }).answer('settings/get', settings({}));
    const showOnPage = vi.fn(async (r: DenialRecord) => {
      if (r.id === '7:0:b') throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    await open(fake, 7, undefined, showOnPage);
    const [scp, alert] = allByTestId(app, 'wd-popup-denial') as [HTMLElement, HTMLElement];
    click(byTestId(scp, 'wd-popup-show'));
    await settle();
    expect(showOnPage.mock.calls.map(([r]) => r.id)).toEqual(['7:0:a']);
    expect(allByTestId(scp, 'wd-popup-show-error')).toHaveLength(0);
    click(byTestId(alert, 'wd-popup-show'));
    await settle();
    expect(byTestId(alert, 'wd-popup-show-error').textContent).toContain('Receiving end does not exist');
  });

  test.each([
    ['arn:aws:sts::222222222222:assumed-role/FinanceRole/bob', 'bob · FinanceRole'],
    ['arn:aws:sts::222222222222:assumed-role/AWSReservedSSO_BillingReaders_0123456789abcdef/carol@example.com', 'carol@example.com · BillingReaders'],
    ['arn:aws:iam::111111111111:user/finance/alice', 'alice'],
    ['arn:aws:iam::111111111111:role/service-role/Reporter', 'Reporter'],
    ['arn:aws:iam::111111111111:root', 'root user · 111111111111'],
  ])('short identity of %s is %s', (arn, short) => {
    const r = record(TEXT.implicitIdentity, '7:0:a');
    expect(shortIdentity({ ...r, denial: { ...r.denial, principalArn: arn } })).toBe(short);
  });

  test('a refused clipboard shows the text to copy by hand', async () => {
    const fake = new FakeWorker().answer('denials/list', { records: [record(TEXT.implicitIdentity, '7:0:a')], earlier: [] }).answer('settings/get', settings({}));
    await open(fake, 7, vi.fn(async () => Promise.reject(new Error('denied'))));
    click(byTestId(app, 'wd-popup-copy'));
    await settle();
    expect(app.querySelector('textarea')?.value).toContain('ce:GetReservationCoverage');
    expect(allByTestId(app, 'wd-popup-copied')).toHaveLength(0);
  });

  test('empty state, also when there is no tab', async () => {
    await open(new FakeWorker().answer('denials/list', { records: [], earlier: [] }).answer('settings/get', settings({})));
    expect(byTestId(app, 'wd-popup-empty').textContent).toContain('No access denial');
    render(null, app);
    const fake = new FakeWorker();
    await open(fake, null);
    expect(byTestId(app, 'wd-popup-empty')).toBeTruthy();
    expect(fake.calls).toHaveLength(0);
  });

  test('hostile text in a stored denial stays inert', async () => {
    const denial = { ...parseOne(TEXT.implicitIdentity), principalArn: 'arn:aws:iam::1:user/x\u202E<img src=x>' };
    const fake = new FakeWorker().answer('denials/list', { records: [{ ...record(TEXT.implicitIdentity, '7:0:a'), denial }], earlier: [] }).answer('settings/get', settings({}));
    await open(fake);
    // The ARN's structure names a user (whatever the account holds), so the short identity is the name, as text.
    expect(byTestId(app, 'wd-principal').textContent).toBe('x⟨U+202E⟩<img src=x>');
    expect(app.querySelector('img')).toBeNull();
  });

  test('a worker failure is shown, not thrown', async () => {
    await open(new FakeWorker().answer('denials/list', new Error('denials/list: storage unavailable')));
    expect(app.querySelector('.error')?.textContent).toContain('storage unavailable');
  });
});

describe('one request for several denials', () => {
  const BOB_FORECAST = TEXT.implicitIdentity.replaceAll('GetReservationCoverage', 'GetCostForecast');
  const BOB_BUDGET =
    'User: arn:aws:sts::222222222222:assumed-role/FinanceRole/bob is not authorized to perform: budgets:ViewBudget on resource: arn:aws:budgets::222222222222:budget/* because no identity-based policy allows the budgets:ViewBudget action';
  const BUDGETS_URL = 'https://us-east-1.console.aws.amazon.com/costmanagement/home#/budgets';
  const explained = (records: DenialRecord[]) => records.map((r) => explainedRecord(r, explainDenial(r.denial, { pageUrl: r.pageUrl, partition: null })));
  const groupsOf = (records: DenialRecord[]) => combinedRequests(explained(records)).map((g) => [g.lead.record.id, ...g.others.map((o) => o.record.id)]);
  const scpAnswer = (sid: string) =>
    diagnosisStub({ blockingLayer: 'scp', verdict: 'SCP Guardrails denies it.', blocking: [{ policyType: 'scp', name: 'Guardrails', arn: 'arn:aws:organizations::999999999999:policy/o-a/service_control_policy/p-1', statementSid: sid, statement: null }] as Diagnosis['blocking'] });

  test('groups one principal\'s denials that one layer blocks, across pages; another principal or layer, or one action, stays alone', () => {
    const records = [
      record(TEXT.implicitIdentity, '7:0:a'),
      record(TEXT.scpWithArn, '7:0:carol'),
      record(BOB_BUDGET, '7:0:b', { pageUrl: BUDGETS_URL }),
      record(TEXT.boundaryWithArn, '7:0:alice'),
      record(BOB_FORECAST, '7:0:c'),
      record(TEXT.boundaryWithArn, '7:0:alice-again', { pageUrl: BUDGETS_URL }),
    ];
    expect(groupsOf(records)).toEqual([['7:0:a', '7:0:b', '7:0:c']]);
    const [group] = combinedRequests(explained(records));
    expect(group!.actions).toEqual(['ce:GetReservationCoverage', 'budgets:ViewBudget', 'ce:GetCostForecast']);
    expect(group!.pages).toEqual([PAGE_URL, BUDGETS_URL]);
  });

  test('diagnosed denials join only those with the same answer; a failed diagnosis counts as none', () => {
    const failed = diagnosisStub({ status: 'failed' });
    expect(groupsOf([record(TEXT.implicitIdentity, 'a', { diagnosis: scpAnswer('DenyCE') }), record(BOB_FORECAST, 'b', { diagnosis: scpAnswer('DenyCE') })])).toEqual([['a', 'b']]);
    expect(groupsOf([record(TEXT.implicitIdentity, 'a', { diagnosis: scpAnswer('DenyCE') }), record(BOB_FORECAST, 'b', { diagnosis: scpAnswer('DenyAll') })])).toEqual([]);
    expect(groupsOf([record(TEXT.implicitIdentity, 'a', { diagnosis: scpAnswer('DenyCE') }), record(BOB_FORECAST, 'b')])).toEqual([]);
    expect(groupsOf([record(TEXT.implicitIdentity, 'a', { diagnosis: failed }), record(BOB_FORECAST, 'b')])).toEqual([['a', 'b']]);
  });

  test('the popup offers it above the list, and copies one request with every action, page and message', async () => {
    const records = [record(TEXT.implicitIdentity, '7:0:a'), record(BOB_BUDGET, '7:0:b', { pageUrl: BUDGETS_URL, seenAt: Date.UTC(2026, 11, 6, 6, 52) }), record(TEXT.scpWithArn, '7:0:carol')];
    const fake = new FakeWorker().answer('denials/list', { records, earlier: [] }).answer('settings/get', settings({}));
    const { writeClipboard } = await open(fake);
    const combined = allByTestId(app, 'wd-popup-combined');
    expect(combined).toHaveLength(1);
    expect(combined[0]!.textContent).toContain('2 actions of bob · FinanceRole blocked by an identity-based policy, on 2 pages:');
    expect(combined[0]!.textContent).toContain('on 2 pages');
    expect(allByTestId(combined[0]!, 'wd-popup-combined-actions')[0]!.textContent).toBe('ce:GetReservationCoveragebudgets:ViewBudget');
    expect(allByTestId(app, 'wd-popup-denial')).toHaveLength(3);
    expect(byTestId(app, 'wd-popup-copy-combined').textContent).toBe('Copy one request for these 2 actions (plain text)');
    click(byTestId(app, 'wd-popup-copy-combined'));
    await settle();
    const text = writeClipboard.mock.calls[0]![0];
    expect(text.split('\n')[0]).toMatch(/^Please allow ce:GetReservationCoverage and budgets:ViewBudget .*for role FinanceRole in account 222222222222\. Denied on the Bills page .* Also denied on the Budgets page/);
    expect(text).toContain(`ORIGINAL MESSAGE 1 OF 2 (ce:GetReservationCoverage) -----\n${TEXT.implicitIdentity}`);
    expect(text).toContain(`ORIGINAL MESSAGE 2 OF 2 (budgets:ViewBudget, the Budgets page, 2026-12-06 06:52 UTC) -----\n${BOB_BUDGET}`);
    expect(text).not.toContain('carol');
    expect(byTestId(app, 'wd-popup-copied').textContent).toBe('Copied');
  });

  test('with a shared diagnosis, the request leads with it, its verdict said for every action', async () => {
    const answer = (action: string) => ({ ...scpAnswer('DenyCE'), verdict: `SCP Guardrails (statement DenyCE) explicitly denies ${action}.` });
    const records = [
      record(TEXT.implicitIdentity, '7:0:a', { diagnosis: answer('ce:GetReservationCoverage') }),
      record(BOB_FORECAST, '7:0:b', { diagnosis: answer('ce:GetCostForecast') }),
    ];
    const fake = new FakeWorker().answer('denials/list', { records, earlier: [] }).answer('settings/get', settings({ requestFormat: 'markdown' }));
    const { writeClipboard } = await open(fake);
    expect(byTestId(app, 'wd-popup-combined').textContent).toContain('2 actions of bob · FinanceRole blocked by a service control policy (SCP):');
    click(byTestId(app, 'wd-popup-copy-combined'));
    await settle();
    const text = writeClipboard.mock.calls[0]![0];
    expect(text).toContain('**Blocked by:** SCP Guardrails (statement DenyCE) explicitly denies these 2 actions.');
    expect(text).toContain('ORIGINAL MESSAGE 2 OF 2');
  });

  test('"Send to admin" (with a channel set) sends the combined request, as the copy would read it', async () => {
    const records = [record(TEXT.implicitIdentity, '7:0:a'), record(BOB_FORECAST, '7:0:b')];
    const channel = { kind: 'email' as const, to: 'admins@example.com', cc: [], subject: '' };
    const fake = new FakeWorker().answer('denials/list', { records, earlier: [] }).answer('settings/get', settings({ requestChannel: channel }));
    const { writeClipboard, openTab } = await open(fake);
    // One per denial, and one for the combined request.
    expect(allByTestId(app, 'wd-send-admin')).toHaveLength(3);
    click(byTestId(byTestId(app, 'wd-popup-combined'), 'wd-send-admin'));
    await settle();
    expect(openTab.mock.calls).toHaveLength(1);
    const url = new URL(openTab.mock.calls[0]![0]);
    expect(url.protocol).toBe('mailto:');
    expect(url.searchParams.get('subject')).toContain('ce:GetReservationCoverage and ce:GetCostForecast');
    expect(writeClipboard.mock.calls[0]![0]).toContain('ORIGINAL MESSAGE 2 OF 2 (ce:GetCostForecast)');
    expect(byTestId(byTestId(app, 'wd-popup-combined'), 'wd-send-status').textContent).toContain('Opened an email');
  });

  test('denials that left the page are listed folded, without "Show on page", and one request covers them too', async () => {
    const earlier = [record(BOB_BUDGET, '7:0:gone', { pageUrl: BUDGETS_URL })];
    const fake = new FakeWorker().answer('denials/list', { records: [record(TEXT.implicitIdentity, '7:0:a')], earlier }).answer('settings/get', settings({}));
    const { writeClipboard } = await open(fake);
    expect(allByTestId(app, 'wd-popup-denial')).toHaveLength(1);
    const folded = byTestId(app, 'wd-popup-earlier');
    expect(folded.tagName).toBe('DETAILS');
    expect(folded.querySelector('summary')?.textContent).toBe('Earlier on this tab, no longer on the page (1)');
    const [gone] = allByTestId(folded, 'wd-popup-earlier-denial');
    expect(allByTestId(gone!, 'wd-popup-show')).toHaveLength(0);
    expect(byTestId(app, 'wd-popup-combined').textContent).toContain('on 2 pages');
    click(byTestId(app, 'wd-popup-copy-combined'));
    await settle();
    expect(writeClipboard.mock.calls[0]![0]).toContain(`ORIGINAL MESSAGE 2 OF 2 (budgets:ViewBudget, the Budgets page) -----\n${BOB_BUDGET}`);
    click(byTestId(gone!, 'wd-popup-copy'));
    await settle();
    expect(writeClipboard.mock.calls[1]![0]).toContain(BOB_BUDGET);
  });

  test('with only earlier denials, the page has none now, and they are still listed', async () => {
    const fake = new FakeWorker().answer('denials/list', { records: [], earlier: [record(BOB_BUDGET, '7:0:gone')] }).answer('settings/get', settings({}));
    await open(fake);
    expect(byTestId(app, 'wd-popup-empty').textContent).toContain('No access denial on this page now.');
    expect(allByTestId(app, 'wd-popup-earlier-denial')).toHaveLength(1);
  });

  test('a refused clipboard shows the combined text by hand, in the combined item only', async () => {
    const records = [record(TEXT.implicitIdentity, '7:0:a'), record(BOB_FORECAST, '7:0:b')];
    const fake = new FakeWorker().answer('denials/list', { records, earlier: [] }).answer('settings/get', settings({}));
    await open(fake, 7, vi.fn(async () => Promise.reject(new Error('denied'))));
    click(byTestId(app, 'wd-popup-copy-combined'));
    await settle();
    const boxes = app.querySelectorAll('textarea');
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.closest('[data-testid="wd-popup-combined"]')).not.toBeNull();
    expect(boxes[0]!.value).toContain('ORIGINAL MESSAGE 2 OF 2 (ce:GetCostForecast)');
  });
});
