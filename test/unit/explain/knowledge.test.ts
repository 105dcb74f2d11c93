import { describe, expect, it } from 'vitest';
import { actionPatternMatches } from '../../../src/core/knowledge/action-pattern.ts';
import {
  accessTroubleshooterUrl,
  parsePolicyArn,
  partitionOfConsoleUrl,
  policyConsoleUrl,
  trustedTroubleshooterUrl,
} from '../../../src/core/knowledge/console-links.ts';
import { CONSOLE_PAGES, consolePageForUrl, pageAlsoNeeds } from '../../../src/core/knowledge/console-pages.ts';
import { LEGACY_ACTION_MAP, asLegacyAction, legacyActionsCovering, legacyReplacements, retiredReplacements } from '../../../src/core/knowledge/legacy-actions.ts';
import { rootOnlyTaskFor } from '../../../src/core/knowledge/root-only.ts';
import { arnMatchesTemplate, rcpApplies, sarAction } from '../../../src/core/knowledge/sar-actions.ts';
import { BCM_SERVICES, bcmService } from '../../../src/core/knowledge/services.ts';

describe('legacy actions', () => {
  it('holds the full official mapping', () => {
    expect(Object.keys(LEGACY_ACTION_MAP)).toHaveLength(9);
    expect(LEGACY_ACTION_MAP['aws-portal:ViewBilling']).toHaveLength(49);
    expect(LEGACY_ACTION_MAP['aws-portal:ModifyBilling']).toHaveLength(28);
    expect(LEGACY_ACTION_MAP['aws-portal:ViewUsage']).toEqual(['cur:GetUsageReport']);
    expect(LEGACY_ACTION_MAP['aws-portal:ViewAccount']).toContain('account:GetChallengeQuestions');
    expect(LEGACY_ACTION_MAP['purchase-orders:ModifyPurchaseOrders']).toEqual([
      'purchase-orders:AddPurchaseOrder',
      'purchase-orders:DeletePurchaseOrder',
      'purchase-orders:UpdatePurchaseOrder',
      'purchase-orders:UpdatePurchaseOrderStatus',
    ]);
  });

  it('every replacement is a real SAR action, except the console-only challenge questions', () => {
    const unknown = Object.values(LEGACY_ACTION_MAP)
      .flat()
      .filter((action) => sarAction(action) === null);
    expect([...new Set(unknown)].sort()).toEqual(['account:GetChallengeQuestions', 'account:PutChallengeQuestions']);
  });

  it('matches legacy actions case-insensitively', () => {
    expect(asLegacyAction('AWS-Portal:viewbilling')).toBe('aws-portal:ViewBilling');
    expect(asLegacyAction('ce:GetCostAndUsage')).toBeNull();
    expect(asLegacyAction(null)).toBeNull();
  });

  it('drops what the China mapping leaves out', () => {
    const cn = legacyReplacements('aws-portal:ViewBilling', 'aws-cn');
    expect(cn).not.toContain('billing:GetIAMAccessPreference');
    expect(cn).not.toContain('billing:ListBillingViews');
    expect(cn.some((action) => action.startsWith('tax:'))).toBe(false);
    expect(cn).toHaveLength(49 - 5);
    expect(legacyReplacements('aws-portal:ViewUsage', 'aws-cn')).toEqual([]);
    expect(legacyReplacements('aws-portal:ModifyAccount', 'aws-cn')).not.toContain('billing:UpdateIAMAccessPreference');
    expect(legacyReplacements('aws-portal:ViewBilling', 'aws-us-gov')).toHaveLength(49);
  });

  it('looks up the legacy actions that covered a fine-grained one', () => {
    expect(legacyActionsCovering('ce:GetCostAndUsage')).toEqual(['aws-portal:ViewBilling']);
    expect(legacyActionsCovering('payments:UpdatePaymentPreferences')).toEqual([
      'aws-portal:ModifyAccount',
      'aws-portal:ModifyPaymentMethods',
      'aws-portal:ModifyBilling',
    ]);
    expect(legacyActionsCovering('invoicing:GetInvoicePDF')).toEqual([
      'aws-portal:ViewPaymentMethods',
      'aws-portal:ViewBilling',
      'purchase-orders:ViewPurchaseOrders',
    ]);
    expect(legacyActionsCovering('budgets:ViewBudget')).toEqual([]);
    expect(legacyActionsCovering('tax:ListTaxRegistrations', 'aws-cn')).toEqual([]);
    expect(legacyActionsCovering('tax:ListTaxRegistrations', 'aws')).toEqual(['aws-portal:ViewBilling']);
  });

  it('answers the reverse lookup as the replacement lists do, for every listed action in every partition', () => {
    const legacies = Object.keys(LEGACY_ACTION_MAP) as (keyof typeof LEGACY_ACTION_MAP)[];
    const listed = [...new Set(Object.values(LEGACY_ACTION_MAP).flat())];
    const retired = legacies.flatMap((legacy) => retiredReplacements(legacy));
    expect(retired.length).toBeGreaterThan(0);
    for (const partition of ['aws', 'aws-cn', 'aws-us-gov']) {
      for (const action of listed) {
        const expected = legacies.filter((legacy) => legacyReplacements(legacy, partition).some((a) => a.toLowerCase() === action.toLowerCase()));
        expect(legacyActionsCovering(action.toUpperCase(), partition), `${action} in ${partition}`).toEqual(expected);
      }
      // A retired action replaces nothing, though AWS's mapping still lists it.
      for (const action of retired) expect(legacyActionsCovering(action, partition)).toEqual([]);
    }
  });
});

describe('services', () => {
  it('lists the 21 BCM prefixes once each', () => {
    expect(BCM_SERVICES).toHaveLength(21);
    expect(new Set(BCM_SERVICES.map((service) => service.prefix)).size).toBe(21);
    expect(bcmService('CE')?.endpoints).toEqual(['ce.us-east-1.amazonaws.com']);
    expect(bcmService('s3')).toBeNull();
    expect(bcmService(undefined)).toBeNull();
  });
});

describe('console pages', () => {
  it('finds the page from a console URL, longest route first', () => {
    expect(consolePageForUrl('https://us-east-1.console.aws.amazon.com/costmanagement/home#/savings-plans/coverage')?.id).toBe('savings-plans-coverage');
    expect(consolePageForUrl('https://us-east-1.console.aws.amazon.com/costmanagement/home#/savings-plans')?.id).toBe('savings-plans-overview');
    expect(consolePageForUrl('https://console.aws.amazon.com/billing/home#/bills?year=2026&month=1')?.id).toBe('bills');
    expect(consolePageForUrl('https://111111111111-ab12cd34.us-east-1.console.aws.amazon.com/billing/home#/paymentsoverview/payments-due')?.id).toBe('payments');
    expect(consolePageForUrl('https://console.aws.amazon.com/cost-management/home#/anomaly-detection/monitors')?.id).toBe('anomaly-detection');
    expect(consolePageForUrl('https://console.aws.amazon.com/billing/home#/')?.id).toBe('billing-home');
    expect(consolePageForUrl('https://console.aws.amazon.com/billing/home')?.id).toBe('billing-home');
    expect(consolePageForUrl('https://console.aws.amazon.com/costmanagement/home#/home')?.id).toBe('cost-management-home');
    expect(consolePageForUrl('https://console.aws.amazon.com/costmanagement/home#/reports')?.id).toBe('cost-explorer-reports');
    expect(consolePageForUrl('https://console.aws.amazon.com/billing/home#/reports')?.id).toBe('cost-and-usage-reports');
  });

  it('returns null for other URLs and junk', () => {
    expect(consolePageForUrl('https://console.aws.amazon.com/ec2/home#/instances')).toBeNull();
    expect(consolePageForUrl('https://console.aws.amazon.com/billing/home#/no-such-route')).toBeNull();
    expect(consolePageForUrl('not a url')).toBeNull();
    expect(consolePageForUrl(null)).toBeNull();
  });

  it('says what else a page needs besides the denied action', () => {
    const explorer = CONSOLE_PAGES.find((page) => page.id === 'cost-explorer');
    expect(explorer && pageAlsoNeeds(explorer, 'ce:GetCostForecast')).toEqual([
      'ce:GetCostCategories',
      'ce:GetDimensionValues',
      'ce:GetCostAndUsageWithResources',
      'ce:GetCostAndUsage',
      'ce:GetTags',
      'ce:GetUsageForecast',
      'ce:DescribeReport',
    ]);
    const home = CONSOLE_PAGES.find((page) => page.id === 'billing-home');
    // billing:Get* covers the denied billing:GetBillingData.
    expect(home && pageAlsoNeeds(home, 'billing:GetBillingData')).toEqual(['account:GetAccountInformation', 'payments:List*', 'tax:List*']);
  });

  it('has unique ids and only valid action patterns', () => {
    expect(new Set(CONSOLE_PAGES.map((page) => page.id)).size).toBe(CONSOLE_PAGES.length);
    for (const page of CONSOLE_PAGES)
      for (const action of [...page.view, ...page.tasks.flatMap((task) => task.actions)]) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z*]+$/);
  });
});

describe('root-only tasks', () => {
  it('maps actions to tasks', () => {
    expect(rootOnlyTaskFor('billing:UpdateIAMAccessPreference')?.grantable).toBe('never');
    expect(rootOnlyTaskFor('ACCOUNT:closeaccount')?.id).toBe('close-account');
    expect(rootOnlyTaskFor('billing:GetIAMAccessPreference')).toBeNull();
  });
});

describe('SAR snapshot', () => {
  it('knows resource types per action', () => {
    expect(sarAction('ce:GetReservationCoverage')?.resourceArnTemplates).toEqual([]);
    expect(sarAction('CE:getcostandusage')?.action).toBe('ce:GetCostAndUsage');
    expect(sarAction('budgets:ViewBudget')?.resourceArnTemplates).toEqual(['arn:${Partition}:budgets::${Account}:budget/${BudgetName}']);
    expect(sarAction('ce:GetWidget')).toBeNull();
    expect(rcpApplies('budgets')).toBe(true);
    expect(rcpApplies('ce')).toBe(false);
  });

  it('matches ARNs against templates', () => {
    const budget = 'arn:${Partition}:budgets::${Account}:budget/${BudgetName}';
    expect(arnMatchesTemplate('arn:aws:budgets::111111111111:budget/monthly', budget)).toBe(true);
    expect(arnMatchesTemplate('arn:aws:budgets::111111111111:budget/*', budget)).toBe(true);
    expect(arnMatchesTemplate('arn:aws:ce:us-east-1:111111111111:/GetCostAndUsage', budget)).toBe(false);
    const cur = 'arn:${Partition}:cur:${Region}:${Account}:definition/${ReportName}';
    expect(arnMatchesTemplate('arn:aws-cn:cur:cn-north-1:111111111111:definition/daily', cur)).toBe(true);
    expect(arnMatchesTemplate('arn:aws:cur:us-east-1:111111111111:other/daily', cur)).toBe(false);
  });
});

describe('action patterns', () => {
  it('matches IAM wildcards case-insensitively', () => {
    expect(actionPatternMatches('billing:Get*', 'BILLING:GetBillingData')).toBe(true);
    expect(actionPatternMatches('cur:Validate*', 'cur:ValidateReportDestination')).toBe(true);
    expect(actionPatternMatches('ce:Get?ags', 'ce:GetTags')).toBe(true);
    expect(actionPatternMatches('ce:Get*', 'cex:GetTags')).toBe(false);
    expect(actionPatternMatches('ce:GetTags', 'ce:GetTagsX')).toBe(false);
  });
});

describe('console links', () => {
  it('links IAM policies in the IAM console of their partition', () => {
    expect(policyConsoleUrl('arn:aws:iam::444444444444:policy/boundaries/FinanceBoundary')).toBe(
      'https://console.aws.amazon.com/iam/home#/policies/details/arn%3Aaws%3Aiam%3A%3A444444444444%3Apolicy%2Fboundaries%2FFinanceBoundary?section=permissions',
    );
    expect(policyConsoleUrl('arn:aws-cn:iam::111111111111:policy/Deny')).toBe(
      'https://console.amazonaws.cn/iam/home#/policies/details/arn%3Aaws-cn%3Aiam%3A%3A111111111111%3Apolicy%2FDeny?section=permissions',
    );
    expect(policyConsoleUrl('arn:aws-us-gov:iam::aws:policy/job-function/Billing')).toBe(
      'https://console.amazonaws-us-gov.com/iam/home#/policies/details/arn%3Aaws-us-gov%3Aiam%3A%3Aaws%3Apolicy%2Fjob-function%2FBilling?section=permissions',
    );
  });

  it('links SCPs and RCPs in the Organizations console', () => {
    expect(policyConsoleUrl('arn:aws:organizations::999999999999:policy/o-exmpl12345/service_control_policy/p-exmpl111')).toBe(
      'https://console.aws.amazon.com/organizations/v2/home/policies/service-control-policy/p-exmpl111',
    );
    expect(policyConsoleUrl('arn:aws-us-gov:organizations::999999999999:policy/o-exmpl12345/resource_control_policy/p-exmpl222')).toBe(
      'https://console.amazonaws-us-gov.com/organizations/v2/home/policies/resource-control-policy/p-exmpl222',
    );
    expect(policyConsoleUrl('arn:aws-cn:organizations::aws:policy/service_control_policy/p-FullAWSAccess')).toBe(
      'https://console.amazonaws.cn/organizations/v2/home/policies/service-control-policy/p-FullAWSAccess',
    );
    expect(parsePolicyArn('arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess')).toEqual({
      kind: 'scp',
      partition: 'aws',
      account: 'aws',
      name: 'p-FullAWSAccess',
      awsManaged: true,
    });
  });

  it('gives no link where the console host is unknown or the ARN is not a policy', () => {
    expect(policyConsoleUrl('arn:aws-iso:iam::111111111111:policy/Deny')).toBeNull();
    expect(policyConsoleUrl('arn:aws:iam::111111111111:role/Deny')).toBeNull();
    expect(policyConsoleUrl('javascript:alert(1)')).toBeNull();
  });

  it('tells the partition from a console URL', () => {
    expect(partitionOfConsoleUrl('https://111111111111-ab12cd34.us-east-1.console.aws.amazon.com/billing/home')).toBe('aws');
    expect(partitionOfConsoleUrl('https://cn-north-1.console.amazonaws.cn/billing/home')).toBe('aws-cn');
    expect(partitionOfConsoleUrl('https://console.amazonaws-us-gov.com/billing/home')).toBe('aws-us-gov');
    expect(partitionOfConsoleUrl('https://console.aws.amazon.com.evil.example/billing/home')).toBeNull();
  });

  it('accepts only genuine Access Troubleshooter links', () => {
    const good = 'https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/authorization-details/h4f6j8l0g2d5s7a9m1n3b5v7c';
    expect(trustedTroubleshooterUrl(good)).toBe(good);
    expect(trustedTroubleshooterUrl('https://evil.example/iam/home#/authorization-details/abc')).toBeNull();
    expect(trustedTroubleshooterUrl('https://us-east-1.console.aws.amazon.com.evil.example/iam/home#/authorization-details/abc')).toBeNull();
    expect(trustedTroubleshooterUrl('http://us-east-1.console.aws.amazon.com/iam/home#/authorization-details/abc')).toBeNull();
    expect(trustedTroubleshooterUrl('https://user@us-east-1.console.aws.amazon.com/iam/home#/authorization-details/abc')).toBeNull();
    expect(trustedTroubleshooterUrl('https://us-east-1.console.aws.amazon.com/iam/home#/users')).toBeNull();
    expect(accessTroubleshooterUrl('abc123', 'aws')).toBe('https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/authorization-details/abc123');
    expect(accessTroubleshooterUrl('abc123', 'aws-cn')).toBeNull();
    expect(accessTroubleshooterUrl('ABC-123', 'aws')).toBeNull();
  });
});
