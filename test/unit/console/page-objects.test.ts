// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { ConsoleAlert } from '../../../src/console/page-objects/alert.ts';
import { BillingBanner } from '../../../src/console/page-objects/billing-banner.ts';
import { ConsoleFlash } from '../../../src/console/page-objects/flash.ts';
import { ConsoleModal } from '../../../src/console/page-objects/modal.ts';
import { ConsolePopover, ConsoleWidget } from '../../../src/console/page-objects/widget.ts';
import { readText } from '../../../src/console/read-text.ts';
import * as selectors from '../../../src/console/selectors.ts';
import { type OpenFixture, openFixture } from './open-fixture.ts';

let page: OpenFixture | null = null;
afterEach(async () => {
  await page?.close();
  page = null;
});

async function open(name: string): Promise<Document> {
  page = await openFixture(name);
  return page.document;
}

describe('ConsoleAlert', () => {
  test('reads header, content and the code box lines of the console "Access denied" alert', async () => {
    const doc = await open('billing-bills-alert-denied.html');
    const inner = doc.querySelector(selectors.alertHashedError)!;
    const alert = new ConsoleAlert(inner);
    expect(alert.root.getAttribute('data-analytics-alert')).toBe('error');
    expect(alert.type()).toBe('error');
    expect(readText(alert.header()!)).toBe('Access denied');
    expect(alert.codeLines()).toEqual([
      'User: arn:aws:sts::222222222222:assumed-role/FinanceRole/bob',
      'Service: invoicing',
      'Action: ListInvoiceSummaries',
      'Context: no identity-based policy allows the action',
    ]);
    const text = alert.text();
    expect(text.split('\n')[0]).toBe('Access denied');
    expect(text).toContain("You don't have permission to invoicing:ListInvoiceSummaries.");
    expect(text).not.toContain('Copy'); // the Copy button is not denial text
  });

  test('reads a legacy AWS-UI alert', async () => {
    const doc = await open('legacy-awsui-alert.html');
    const alert = new ConsoleAlert(doc.querySelector(selectors.alertLegacyError)!);
    expect(alert.type()).toBe('error');
    expect(readText(alert.header()!)).toBe('Error loading report definitions');
    expect(readText(alert.content()!)).toMatch(/^User: arn:aws:iam::111111111111:user\/alice is not authorized to perform: cur:DescribeReportDefinitions/);
    expect(alert.codeLines()).toEqual([]);
  });

  test('tells alert types apart', async () => {
    const doc = await open('billing-no-denial.html');
    const types = Array.from(doc.querySelectorAll(selectors.alertRoot)).map(el => new ConsoleAlert(el).type());
    expect(types).toEqual(['success', 'info']);
  });
});

describe('ConsoleFlash', () => {
  test('reads an error flash item and its id', async () => {
    const doc = await open('billing-flashbar-scp-deny.html');
    const flash = new ConsoleFlash(doc.querySelector(selectors.flashErrorItem)!);
    expect(flash.type()).toBe('error');
    expect(flash.itemId()).toBe('update-preferences-error');
    expect(readText(flash.header()!)).toBe('Failed to update billing preferences');
    expect(readText(flash.content()!)).toMatch(/with an explicit deny in a service control policy: arn:aws:organizations::999999999999:/);
    expect(flash.text()).not.toContain('Dismiss');
  });
});

describe('ConsoleModal', () => {
  test('finds the open modal, its header and its content slot; the hidden one is not open', async () => {
    const doc = await open('modal-budgets-passrole-denied.html');
    const modals = Array.from(doc.querySelectorAll(selectors.dialog)).map(el => new ConsoleModal(el));
    expect(modals.map(m => m.isOpen())).toEqual([false, true]);
    const shown = modals[1]!;
    expect(readText(shown.header()!)).toBe('Run budget action');
    expect(shown.content()!.className).toMatch(/^awsui_content_1d2i7_/);
    expect(shown.text()).toMatch(/is not authorized to perform: iam:PassRole on resource: arn:aws:iam::444444444444:role\/BudgetsActionRole/);
    expect(shown.text()).not.toMatch(/Run action$/); // footer buttons are not read
  });
});

describe('ConsoleWidget and ConsolePopover', () => {
  test('names each dashboard widget and reads only its own content', async () => {
    const doc = await open('cost-explorer-dashboard-three-widgets-denied.html');
    const widgets = Array.from(doc.querySelectorAll(selectors.widgetContainer)).map(el => new ConsoleWidget(el));
    expect(widgets.map(w => w.title())).toEqual(['Cost summary', 'Cost breakdown', 'Forecasted month-end costs', 'Recommended actions']);
    expect(widgets[0]!.text()).toContain('ce:GetCostAndUsage');
    expect(widgets[0]!.text()).not.toContain('ce:GetDimensionValues');
    expect(widgets[3]!.text()).toBe('Review 3 idle resources\nSet up a budget');
  });

  test('reads the opened error popover', async () => {
    const doc = await open('cost-explorer-dashboard-three-widgets-denied.html');
    const popover = new ConsolePopover(doc.querySelector(selectors.popoverBody)!);
    expect(readText(popover.header()!)).toBe('Access denied');
    expect(popover.text()).toContain('ce:GetCostForecast');
    expect(popover.text()).not.toContain('Close popover');
  });
});

describe('BillingBanner', () => {
  test('finds the "You Need Permissions" title and the block that holds its paragraph', async () => {
    const doc = await open('billing-home-you-need-permissions.html');
    const titles = BillingBanner.findTitles(doc);
    expect(titles).toHaveLength(1);
    const banner = new BillingBanner(titles[0]!);
    expect(banner.root.classList.contains('billing-permissions-banner')).toBe(true);
    expect(banner.text()).toMatch(/^You Need Permissions\nYou don't have permission to access billing information for this account\./);
  });

  test('finds nothing on a page without the banner', async () => {
    const doc = await open('billing-bills-alert-denied.html');
    expect(BillingBanner.findTitles(doc)).toEqual([]);
  });
});
