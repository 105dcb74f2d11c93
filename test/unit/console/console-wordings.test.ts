// @vitest-environment happy-dom
// Issue 15: the console's other permission wordings, with no principal in the message, are denials with the
// action, and the principal comes from the page (its signed-in identity) when there is one.

import { describe, expect, it } from 'vitest';
import { findDenials } from '../../../src/console/find-denials.ts';
import { fillFromPage, readConsoleIdentity } from '../../../src/console/identity.ts';
import { openFixture } from './open-fixture.ts';

const BOB = 'arn:aws:sts::222222222222:assumed-role/FinanceRole/bob';

const WORDINGS: Array<[text: string, action: string]> = [
  ["You don't have permission to perform ce:GetCostAndUsage", 'ce:GetCostAndUsage'],
  ['You don\u2019t have permission to perform ce:DescribeReport', 'ce:DescribeReport'],
  ['You or your AWS administrator must update your IAM permissions to allow budgets:ViewBudget.', 'budgets:ViewBudget'],
  ['You or your AWS administrator must update your IAM permissions to allow ce:GetCostForecast. Learn more', 'ce:GetCostForecast'],
];

describe('console permission wordings', () => {
  it.each(WORDINGS)('%s', async (text, action) => {
    const page = await openFixture('billing-no-denial.html', { late: true, delayMs: 10_000 });
    const content = page.document.querySelector('[data-analytics-alert="info"] [class*="awsui_content_"]')!;
    content.textContent = text;
    const found = findDenials(page.document);
    expect(found.map((r) => r.denials.map((d) => d.action))).toEqual([[action]]);
    const denial = fillFromPage(found[0]!.denials[0]!, readConsoleIdentity(page.document, page.window.location));
    expect([denial.principalArn, denial.accountId, denial.meta.principalSource]).toEqual([BOB, '222222222222', 'page']);
    await page.close();
  });
});
