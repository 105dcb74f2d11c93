// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Diagnosis } from '../../../src/core/diagnosis.ts';
import { explainDenial } from '../../../src/core/rules/index.ts';
import { formatAdminRequest } from '../../../src/core/request/admin-request.ts';
import { COPIED_MS } from '../../../src/content/panel/copy-state.tsx';
import { PopupApp, shortIdentity } from '../../../src/popup/popup-app.tsx';
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
) {
  app = document.createElement('main');
  document.body.append(app);
  render(<PopupApp send={fake.send} tabId={async () => tabId} writeClipboard={writeClipboard} showOnPage={showOnPage} />, app);
  await settle();
  return { writeClipboard, showOnPage };
}

const DIAGNOSIS = { status: 'done', verdict: 'SCP DenyCostExplorer blocks ce:GetRightsizingRecommendation.' } as Diagnosis;

describe('popup', () => {
  test("lists this tab's denials: the verdict first (the diagnosis one when saved), a short identity, action, page", async () => {
    const records = [record(TEXT.scpWithArn, '7:0:a', { diagnosis: { ...DIAGNOSIS, blocking: [], decidingConditions: [], evidence: [], problems: [], steps: [] } as Diagnosis }), record(TEXT.consoleAlert, '7:0:b')];
    const fake = new FakeWorker().answer('denials/list', { records }).answer('settings/get', settings({}));
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
    const fake = new FakeWorker().answer('denials/list', { records: [hidden, record(TEXT.scpWithArn, '7:0:printed')] }).answer('settings/get', settings({}));
    await open(fake);
    const [first, second] = allByTestId(app, 'wd-popup-denial') as [HTMLElement, HTMLElement];
    expect(byTestId(first, 'wd-popup-request').textContent).toBe("from the console's request POST /costmanagement/api/ce");
    expect(allByTestId(second, 'wd-popup-request')).toHaveLength(0);
  });

  test('copy puts the request in the format from the settings on the clipboard', async () => {
    const records = [record(TEXT.boundaryWithArn, '7:0:a')];
    const fake = new FakeWorker().answer('denials/list', { records }).answer('settings/get', settings({ requestFormat: 'markdown' }));
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
      const fake = new FakeWorker().answer('denials/list', { records: [record(TEXT.boundaryWithArn, '7:0:a')] }).answer('settings/get', settings({}));
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
    const fake = new FakeWorker().answer('denials/list', { records }).answer('settings/get', settings({}));
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
    const fake = new FakeWorker().answer('denials/list', { records: [record(TEXT.implicitIdentity, '7:0:a')] }).answer('settings/get', settings({}));
    await open(fake, 7, vi.fn(async () => Promise.reject(new Error('denied'))));
    click(byTestId(app, 'wd-popup-copy'));
    await settle();
    expect(app.querySelector('textarea')?.value).toContain('ce:GetReservationCoverage');
    expect(allByTestId(app, 'wd-popup-copied')).toHaveLength(0);
  });

  test('empty state, also when there is no tab', async () => {
    await open(new FakeWorker().answer('denials/list', { records: [] }).answer('settings/get', settings({})));
    expect(byTestId(app, 'wd-popup-empty').textContent).toContain('No access denial');
    render(null, app);
    const fake = new FakeWorker();
    await open(fake, null);
    expect(byTestId(app, 'wd-popup-empty')).toBeTruthy();
    expect(fake.calls).toHaveLength(0);
  });

  test('hostile text in a stored denial stays inert', async () => {
    const denial = { ...parseOne(TEXT.implicitIdentity), principalArn: 'arn:aws:iam::1:user/x\u202E<img src=x>' };
    const fake = new FakeWorker().answer('denials/list', { records: [{ ...record(TEXT.implicitIdentity, '7:0:a'), denial }] }).answer('settings/get', settings({}));
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
