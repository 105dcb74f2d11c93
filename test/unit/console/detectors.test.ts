// @vitest-environment happy-dom
// Every saved page -> the denials the console detectors find on it. The same denials must come out
// of the text-scan fallback alone: the console changes its DOM without notice.
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Denial } from '../../../src/core/denial.ts';
import type { DetectorId } from '../../../src/console/detectors/index.ts';
import { allDetectors, textScanDetector } from '../../../src/console/detectors/index.ts';
import { widgetDetector } from '../../../src/console/detectors/widget.ts';
import { findDenials } from '../../../src/console/find-denials.ts';
import { fixtureNames, type OpenFixture, openFixture } from './open-fixture.ts';

interface Expected {
  detector: DetectorId;
  /** Left out where the parser's policy decides (a principal holding a bidi control). */
  principalArn?: string | null;
  accountId?: string | null;
  action: string | null;
  policyType?: Denial['policyType'];
  denyKind?: Denial['denyKind'];
  cause?: Denial['cause'];
  form?: Denial['meta']['form'];
}

const BOB = 'arn:aws:sts::222222222222:assumed-role/FinanceRole/bob';
const CAROL = 'arn:aws:sts::333333333333:assumed-role/AWSReservedSSO_AuditRole_fedcba9876543210/carol';

/** Expectations as data. Every page in test/fixtures/pages is listed; identity pages show no denial. */
const EXPECTED: Record<string, Expected[]> = {
  'billing-bills-alert-denied.html': [
    { detector: 'alert', principalArn: BOB, accountId: '222222222222', action: 'invoicing:ListInvoiceSummaries', policyType: 'identity', denyKind: 'implicit', form: 'console-alert' },
  ],
  'billing-flashbar-scp-deny.html': [
    { detector: 'flashbar', principalArn: CAROL, accountId: '333333333333', action: 'billing:UpdateBillingPreferences', policyType: 'scp', denyKind: 'explicit', form: 'api-sentence' },
  ],
  'billing-home-you-need-permissions.html': [
    { detector: 'billing-banner', principalArn: null, accountId: null, action: null, denyKind: 'unknown', form: 'billing-banner' },
  ],
  'account-negative-prose.html': [],
  'billing-no-denial.html': [],
  'cost-explorer-dashboard-three-widgets-denied.html': [
    { detector: 'widget', principalArn: BOB, accountId: '222222222222', action: 'ce:GetCostAndUsage', policyType: 'identity', denyKind: 'implicit' },
    { detector: 'widget', principalArn: BOB, accountId: '222222222222', action: 'ce:GetDimensionValues', policyType: 'identity', denyKind: 'implicit' },
    { detector: 'widget', principalArn: BOB, accountId: '222222222222', action: 'ce:GetCostForecast', policyType: 'identity', denyKind: 'implicit' },
  ],
  'costmanagement-home-activation-not-activated.html': [1, 2, 3].map(() => ({
    detector: 'widget' as const, principalArn: null, accountId: '111111111111', action: null, cause: 'iam-billing-access-not-activated' as const,
  })),
  'hostile-text.html': [{ detector: 'alert', action: 'cur:GetClassicReport', policyType: 'identity', denyKind: 'implicit' }],
  'identity-iam-user.html': [],
  'identity-identity-center.html': [],
  'identity-multi-session.html': [],
  'identity-not-found.html': [],
  'identity-switched-role.html': [],
  'iframe-same-origin.html': [], // the denial is inside the frame, see below
  'legacy-awsui-alert.html': [
    { detector: 'flashbar', principalArn: 'arn:aws:iam::111111111111:user/alice', accountId: '111111111111', action: 'cur:PutReportDefinition', policyType: 'scp', denyKind: 'explicit' },
    { detector: 'alert', principalArn: 'arn:aws:iam::111111111111:user/alice', accountId: '111111111111', action: 'cur:DescribeReportDefinitions', policyType: 'identity', denyKind: 'explicit' },
  ],
  'modal-budgets-passrole-denied.html': [
    { detector: 'modal', principalArn: 'arn:aws:iam::444444444444:user/alice', accountId: '444444444444', action: 'iam:PassRole', policyType: 'identity', denyKind: 'implicit' },
  ],
  'split-inline-nbsp.html': [
    { detector: 'alert', principalArn: BOB, accountId: '222222222222', action: 'ce:GetCostForecast', policyType: 'identity', denyKind: 'implicit' },
    { detector: 'text-scan', principalArn: 'arn:aws:iam::222222222222:user/dave', accountId: '222222222222', action: 'budgets:ModifyBudget', policyType: null, denyKind: 'unknown' },
  ],
  'unknown-selectors-text-only.html': [
    { detector: 'text-scan', principalArn: BOB, accountId: '222222222222', action: 'tax:ListTaxRegistrations', policyType: 'identity', denyKind: 'implicit', form: 'console-alert' },
  ],
};

function summary(detector: DetectorId, d: Denial, keys: (keyof Expected)[]): Record<string, unknown> {
  const all: Record<string, unknown> = { detector, principalArn: d.principalArn, accountId: d.accountId, action: d.action, policyType: d.policyType, denyKind: d.denyKind, cause: d.cause, form: d.meta.form };
  return Object.fromEntries(keys.map(k => [k, all[k]]));
}

let page: OpenFixture | null = null;
afterEach(async () => {
  await page?.close();
  page = null;
});

describe('denials found on each saved page', () => {
  test('every saved page has expectations', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(fixtureNames);
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    test(name, async () => {
      page = await openFixture(name);
      const found = findDenials(page.document).flatMap(r => r.denials.map(d => ({ detector: r.detector, d })));
      expect(found).toHaveLength(expected.length);
      found.forEach(({ detector, d }, i) => {
        const want = expected[i]!;
        expect(summary(detector, d, Object.keys(want) as (keyof Expected)[])).toEqual(want);
      });
    });
  }
});

describe('the text scan alone finds the same denials', () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    if (expected.length === 0) continue;
    test(name, async () => {
      page = await openFixture(name);
      const found = findDenials(page.document, { detectors: [] }).flatMap(r => r.denials.map(d => ({ detector: r.detector, d })));
      expect(found.map(f => f.detector)).toEqual(expected.map(() => 'text-scan'));
      found.forEach(({ d }, i) => {
        const { detector: _, ...want } = expected[i]!;
        expect(summary('text-scan', d, Object.keys(want) as (keyof Expected)[])).toEqual(want);
      });
    });
  }
});

describe('specific detector behaviour', () => {
  test('a container whose text is unchanged is not parsed again; a changed one is', async () => {
    page = await openFixture('billing-bills-alert-denied.html');
    const [first] = findDenials(page.document);
    const [again] = findDenials(page.document);
    expect(again!.denials[0]).toBe(first!.denials[0]);
    // Whitespace the reader folds away is no change.
    first!.container.append('  ');
    expect(findDenials(page.document)[0]!.denials[0]).toBe(first!.denials[0]);
    const context = [...first!.container.querySelectorAll('div')].find((el) => el.textContent?.startsWith('Context:'))!;
    context.textContent = 'Context: a permissions boundary explicitly denies the action';
    const [changed] = findDenials(page.document);
    expect(changed!.container).toBe(first!.container);
    expect([first!.denials[0]!.policyType, changed!.denials[0]!.policyType]).toEqual(['identity', 'permissions-boundary']);
  });

  test('a container whose raw text is unchanged is not read again (no walk of its elements); a changed one is', async () => {
    page = await openFixture('cost-explorer-dashboard-three-widgets-denied.html');
    const first = findDenials(page.document);
    expect(first).toHaveLength(3);
    const reads = vi.spyOn(widgetDetector, 'text');
    try {
      expect(findDenials(page.document).map((r) => r.denials[0])).toEqual(first.map((r) => r.denials[0]));
      expect(reads).not.toHaveBeenCalled();
      const context = [...first[1]!.container.querySelectorAll('div')].find((el) => el.textContent?.startsWith('Context:'))!;
      context.textContent = 'Context: a permissions boundary explicitly denies the action';
      const again = findDenials(page.document);
      expect(reads.mock.calls.map(([container]) => container)).toEqual([first[1]!.container]);
      expect(again.map((r) => r.denials[0]!.policyType)).toEqual(['identity', 'permissions-boundary', 'identity']);
    } finally {
      reads.mockRestore();
    }
  });

  test('a container read before that is hidden now, by an attribute alone, shows no denial', async () => {
    page = await openFixture('cost-explorer-dashboard-three-widgets-denied.html');
    const [hidden] = findDenials(page.document);
    (hidden!.container as HTMLElement).style.display = 'none';
    expect(findDenials(page.document).map((r) => r.container)).not.toContain(hidden!.container);
  });

  test("a modal's header, beside the content slot that anchors it, is read again when it changes", async () => {
    page = await openFixture('modal-budgets-passrole-denied.html');
    const [modal] = findDenials(page.document);
    expect(modal!.detector).toBe('modal');
    const header = modal!.container.closest('[role="dialog"]')!.querySelector('#modal-run-header')!;
    expect(modal!.container.contains(header)).toBe(false);
    header.textContent = 'Budget action not saved';
    expect(findDenials(page.document)[0]!.text).toMatch(/^Budget action not saved\n/);
  });

  test('a container made inside one read before (an attribute alone) is left out of its text from then on', async () => {
    page = await openFixture('billing-no-denial.html');
    const doc = page.document;
    const sentence = (who: string, action: string) => `User: arn:aws:iam::111111111111:user/${who} is not authorized to perform: ${action}`;
    doc.body.insertAdjacentHTML(
      'beforeend',
      `<div class="awsui_root_14iqq_x"><div class="awsui_content_14iqq_x"><div>${sentence('alice', 'ce:GetCostAndUsage')}</div><div id="later">${sentence('bob', 'ce:GetCostForecast')}</div></div></div>`,
    );
    const actions = () => findDenials(doc).map((r) => [r.detector, r.denials.map((d) => d.action)]);
    expect(actions()).toEqual([['widget', ['ce:GetCostAndUsage', 'ce:GetCostForecast']]]);
    doc.getElementById('later')!.setAttribute('data-analytics-alert', 'error');
    expect(actions()).toEqual([
      ['widget', ['ce:GetCostAndUsage']],
      ['alert', ['ce:GetCostForecast']],
    ]);
  });

  test('a page whose text holds no trigger outside its scripts is read once, with no detector walk', async () => {
    page = await openFixture('billing-no-denial.html');
    const doc = page.document;
    doc.head.insertAdjacentHTML('beforeend', '<script>const copy = "User: x is not authorized to perform: ce:GetCostForecast";</script>');
    doc.body.insertAdjacentHTML('beforeend', '<script>const copy = "You need permissions";</script>');
    const walks: string[] = [];
    const querySelectorAll = doc.querySelectorAll.bind(doc);
    doc.querySelectorAll = ((selector: string) => (walks.push(selector), querySelectorAll(selector))) as Document['querySelectorAll'];
    expect(findDenials(doc)).toEqual([]);
    expect(walks).toEqual([]);
    // The same page with a denial in its text: every detector walks it.
    doc.body.insertAdjacentHTML('beforeend', '<div data-analytics-alert="error">User: arn:aws:sts::222222222222:assumed-role/FinanceRole/bob is not authorized to perform: ce:GetCostForecast</div>');
    expect(findDenials(doc).map(r => r.detector)).toEqual(['alert']);
    expect(walks.length).toBeGreaterThan(3);
  });

  test('the text scan returns one container per denial block, not one per trigger line', async () => {
    // The console block has two triggers (the prose and the Context line); both climb, one container stays.
    page = await openFixture('unknown-selectors-text-only.html');
    const containers = textScanDetector.find(page.document);
    expect(containers.map(el => el.className)).toEqual(['ux-banner__body']);
  });

  test('a same-origin frame is scanned as its own document', async () => {
    page = await openFixture('iframe-same-origin.html');
    const frameDoc = page.document.querySelector('iframe')!.contentDocument!;
    const found = findDenials(frameDoc);
    expect(found.map(r => [r.detector, r.denials[0]!.action, r.denials[0]!.policyType])).toEqual([['alert', 'billing:GetCredits', 'scp']]);
  });

  test('the live-region copy of a flash item is not a second denial', async () => {
    page = await openFixture('billing-flashbar-scp-deny.html');
    expect(page.document.querySelector('[class*="awsui_announcer_"]')!.textContent).toContain('is not authorized to perform');
    expect(findDenials(page.document).map(r => r.detector)).toEqual(['flashbar']);
  });

  test('text inside <script>, <style>, hidden elements and a spoofed panel host is never read', async () => {
    page = await openFixture('hostile-text.html');
    const found = findDenials(page.document);
    const all = found.flatMap(r => r.denials);
    expect(all.map(d => d.principalArn)).not.toContainEqual(expect.stringContaining('mallory'));
    expect(found[0]!.text).not.toContain('__hostileScriptRan');
    expect(found[0]!.text).not.toContain('content:');
  });

  test('an inline script that quotes a trigger does not send the text scan over the page; a denial beside it is still read', async () => {
    page = await openFixture('unknown-selectors-text-only.html');
    const doc = page.document;
    const banner = doc.querySelector('.ux-banner__body')!;
    const script = doc.createElement('script');
    script.type = 'text/plain'; // never run: only its text matters
    script.textContent = 'const template = "User: arn:aws:iam::111111111111:user/x is not authorized to perform: ce:GetCostForecast";';
    // Nested a few levels down, as a framework's inline data would be.
    const holder = doc.createElement('div');
    holder.append(doc.createElement('section'));
    holder.firstElementChild!.append(script);
    doc.body.append(holder);
    const walked: Node[] = [];
    const createTreeWalker = doc.createTreeWalker.bind(doc);
    doc.createTreeWalker = ((root: Node, ...rest: []) => (walked.push(root), createTreeWalker(root, ...rest))) as typeof doc.createTreeWalker;
    banner.remove();
    expect(textScanDetector.find(doc)).toEqual([]);
    expect(walked).toEqual([]);
    doc.body.prepend(banner);
    expect(textScanDetector.find(doc).map(el => el.className)).toEqual(['ux-banner__body']);
  });

  test('a bidi override in page text reaches the denial message, where the panel can mark it', async () => {
    page = await openFixture('hostile-text.html');
    const [result] = findDenials(page.document);
    expect(result!.text).toContain('eve\u202Enimda');
    expect(result!.denials[0]!.meta.message).toContain('\u202E');
  });

  test('markup in page text stays text', async () => {
    page = await openFixture('hostile-text.html');
    const [result] = findDenials(page.document);
    expect(result!.denials[0]!.meta.reason).toContain('<img src=x onerror="window.__whyDeniedPwned=1">');
    expect(page.document.querySelector('img')).toBeNull();
    expect((page.window as unknown as Record<string, unknown>)['__whyDeniedPwned']).toBeUndefined();
  });

  test('an alert inside a modal belongs to the alert; the modal keeps only what is outside it', async () => {
    page = await openFixture('modal-budgets-passrole-denied.html');
    const content = page.document.querySelectorAll('[class*="awsui_content_1d2i7_"]')[1]!;
    const alert = page.document.createElement('div');
    alert.setAttribute('data-analytics-alert', 'error');
    alert.textContent = 'User: arn:aws:iam::444444444444:user/alice is not authorized to perform: budgets:ExecuteBudgetAction';
    content.prepend(alert);
    const found = findDenials(page.document);
    expect(found.map(r => [r.detector, r.denials.map(d => d.action)])).toEqual([
      ['modal', ['iam:PassRole']],
      ['alert', ['budgets:ExecuteBudgetAction']],
    ]);
  });

  test('a closed modal and a hidden widget show no denial', async () => {
    page = await openFixture('cost-explorer-dashboard-three-widgets-denied.html');
    const widget = page.document.querySelector('[class*="awsui_root_14iqq_"]') as HTMLElement;
    widget.style.display = 'none';
    const actions = findDenials(page.document).flatMap(r => r.denials.map(d => d.action));
    expect(actions).toEqual(['ce:GetDimensionValues', 'ce:GetCostForecast']);
  });

  test('a denial inside a long raw error block is still read', async () => {
    page = await openFixture('billing-no-denial.html');
    const pre = page.document.createElement('pre');
    pre.textContent = `${'{"trace":"x"},'.repeat(600)} User: arn:aws:iam::111111111111:user/alice is not authorized to perform: cur:GetUsageReport`;
    page.document.querySelector('main')!.append(pre);
    const found = findDenials(page.document);
    expect(found.map(r => [r.detector, r.container.tagName, r.denials[0]!.action])).toEqual([['text-scan', 'PRE', 'cur:GetUsageReport']]);
  });

  test('detectors never throw on odd roots', () => {
    const fragment = document.createDocumentFragment();
    const text = document.createElement('p');
    text.textContent = 'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: ce:GetCostAndUsage';
    fragment.append(text);
    for (const detector of allDetectors) {
      expect(() => detector.find(fragment)).not.toThrow();
      expect(() => detector.find(document.createElement('div'))).not.toThrow();
    }
  });
});
