// AWS managed policies for Billing and Cost Management and what they lack on each console page
// (billing-actions.md sections 6.1 and 6.2; policy versions as of mid-2026).

import { anyPatternMatches } from './action-pattern.ts';
import { CONSOLE_PAGES } from './console-pages.ts';

export interface ManagedPolicy {
  name: string;
  arn: string;
  version: string;
  /** What it grants, in short. */
  summary: string;
  /** The exact action list, for the small policies where the summary is the whole policy. */
  grants: readonly string[] | null;
}

export const MANAGED_POLICIES: readonly ManagedPolicy[] = [
  {
    name: 'AWSBillingReadOnlyAccess',
    arn: 'arn:aws:iam::aws:policy/AWSBillingReadOnlyAccess',
    version: 'v28 (2026-07-30)',
    summary:
      'Billing reads (billing, budgets, consolidatedbilling, cur, freetier, invoicing, payments, purchase-orders, tax reads) and aws-portal:ViewBilling, but only a small ce: set: no Cost Explorer forecasts, RI, Savings Plans or anomaly reads',
    grants: null,
  },
  {
    name: 'Billing',
    arn: 'arn:aws:iam::aws:policy/job-function/Billing',
    version: 'v30 (2026-07-30)',
    summary:
      'The AWSBillingReadOnlyAccess reads plus billing writes (billing views, credits, preferences, the IAM-access setting, budgets, CUR report definitions, payments, purchase orders, tax). No Cost Explorer forecasts, RI, Savings Plans or anomaly reads',
    grants: null,
  },
  {
    name: 'AWSBudgetsReadOnlyAccess',
    arn: 'arn:aws:iam::aws:policy/AWSBudgetsReadOnlyAccess',
    version: 'v2 (2024-06-17)',
    summary: 'Budget reads',
    grants: ['aws-portal:ViewBilling', 'budgets:ViewBudget', 'budgets:Describe*', 'budgets:ListTagsForResource'],
  },
  {
    name: 'AWSBudgetsActionsWithAWSResourceControlAccess',
    arn: 'arn:aws:iam::aws:policy/AWSBudgetsActionsWithAWSResourceControlAccess',
    version: 'v1 (2020-10-15)',
    summary: 'All of Budgets, iam:PassRole limited to budgets.amazonaws.com, and list actions for budget-action targets',
    grants: null,
  },
  {
    name: 'AWSAccountManagementReadOnlyAccess',
    arn: 'arn:aws:iam::aws:policy/AWSAccountManagementReadOnlyAccess',
    version: 'v1 (2021-09-30)',
    summary: 'Account page reads',
    grants: ['account:Get*', 'account:List*'],
  },
  {
    name: 'AWSAccountManagementFullAccess',
    arn: 'arn:aws:iam::aws:policy/AWSAccountManagementFullAccess',
    version: 'v1 (2021-09-30)',
    summary: 'All of the Account API',
    grants: ['account:*'],
  },
  {
    name: 'AWSAccountUsageReportAccess',
    arn: 'arn:aws:iam::aws:policy/AWSAccountUsageReportAccess',
    version: 'v1 (2015-02-06)',
    summary: 'The legacy aws-portal:ViewUsage only',
    grants: ['aws-portal:ViewUsage'],
  },
  {
    name: 'AWSSavingsPlansReadOnlyAccess',
    arn: 'arn:aws:iam::aws:policy/AWSSavingsPlansReadOnlyAccess',
    version: 'v1 (2019-11-06)',
    summary: 'Savings Plans inventory reads',
    grants: ['savingsplans:Describe*', 'savingsplans:List*'],
  },
  {
    name: 'AWSSavingsPlansFullAccess',
    arn: 'arn:aws:iam::aws:policy/AWSSavingsPlansFullAccess',
    version: 'v1 (2019-11-06)',
    summary: 'All of Savings Plans',
    grants: ['savingsplans:*'],
  },
  {
    name: 'ReadOnlyAccess',
    arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    version: 'v188 (2026-07-21)',
    summary: 'About 120 BCM reads, including all Cost Explorer Get/Describe/List; no cur:DescribeReportDefinitions, no bcm-data-exports',
    grants: null,
  },
  {
    name: 'AWSManagedBudgetsSpendLimitManagementAccess',
    arn: 'arn:aws:iam::aws:policy/AWSManagedBudgetsSpendLimitManagementAccess',
    version: 'v2 (2026-08-07)',
    summary: 'Attaches and detaches SCPs tagged ManagedBy=SpendLimit; those SCPs can cause SCP denials',
    grants: null,
  },
];

/** The three policies whose documents were matched against every documented page. */
export type AnalyzedPolicy = 'AWSBillingReadOnlyAccess' | 'Billing' | 'ReadOnlyAccess';

export const ANALYZED_POLICIES: readonly AnalyzedPolicy[] = ['AWSBillingReadOnlyAccess', 'Billing', 'ReadOnlyAccess'];

const CE_HOME_GAP = ['ce:GetCostForecast', 'ce:GetReservationUtilization', 'ce:GetReservationPurchaseRecommendation', 'ce:DescribeReport'];
const CE_EXPLORER_GAP = ['ce:GetCostCategories', 'ce:GetCostAndUsageWithResources', 'ce:GetCostForecast', 'ce:GetUsageForecast', 'ce:DescribeReport'];
const CE_ANOMALY_GAP = ['ce:GetAnomalyMonitors', 'ce:GetAnomalySubscriptions', 'ce:GetAnomalies'];
const CE_SP_UTILIZATION_GAP = ['ce:DescribeReport', 'ce:GetSavingsPlansUtilization', 'ce:GetSavingsPlansUtilizationDetails'];
const CE_SP_COVERAGE_GAP = ['ce:GetSavingsPlansCoverage', 'ce:GetCostCategories', 'ce:DescribeReport', 'ce:GetSavingsPlansPurchaseRecommendation'];
const CE_RI_GAP = ['ce:GetReservationUtilization', 'ce:GetReservationCoverage', 'ce:GetReservationPurchaseRecommendation', 'ce:DescribeReport'];

/** The two billing policies lack the same Cost Explorer reads ("Billing is not Cost Explorer"). */
const BILLING_POLICY_GAPS: Readonly<Record<string, readonly string[]>> = {
  'purchase-orders': ['account:GetContactInformation'],
  account: ['account:List*'],
  'cost-management-home': CE_HOME_GAP,
  'cost-explorer': CE_EXPLORER_GAP,
  'anomaly-detection': CE_ANOMALY_GAP,
  rightsizing: ['ce:GetRightsizingRecommendation'],
  'savings-plans-utilization': CE_SP_UTILIZATION_GAP,
  'savings-plans-coverage': CE_SP_COVERAGE_GAP,
  'reservations-overview': CE_RI_GAP,
  'cost-management-preferences': ['ce:GetPreferences'],
};

/**
 * Page id -> view actions the policy lacks (section 6.2). Pages not listed lack nothing; pages
 * AWS documents no table for are not analyzed at all.
 */
export const COVERAGE_GAPS: Readonly<Record<AnalyzedPolicy, Readonly<Record<string, readonly string[]>>>> = {
  AWSBillingReadOnlyAccess: { ...BILLING_POLICY_GAPS, 'billing-preferences': ['cur:Validate*'] },
  Billing: BILLING_POLICY_GAPS,
  ReadOnlyAccess: { 'cost-and-usage-reports': ['cur:DescribeReportDefinitions'], 'billing-preferences': ['cur:Validate*'] },
};

/** Pages whose documented view actions went into the 6.2 analysis (its rows). */
export const ANALYZED_PAGE_IDS: ReadonlySet<string> = new Set([
  'billing-home',
  'bills',
  'payments',
  'credits',
  'cost-categories',
  'cost-allocation-tags',
  'budgets-billing',
  'budgets-cost-management',
  'free-tier',
  'payment-preferences',
  'tax-settings',
  'purchase-orders',
  'cost-and-usage-reports',
  'billing-preferences',
  'account',
  'cost-management-home',
  'cost-explorer',
  'anomaly-detection',
  'rightsizing',
  'savings-plans-utilization',
  'savings-plans-coverage',
  'reservations-overview',
  'cost-management-preferences',
]);

function gapActions(policy: AnalyzedPolicy): string[] {
  return Object.values(COVERAGE_GAPS[policy]).flat();
}

/** The analyzed managed policies that do not grant this page-view action. */
export function analyzedPoliciesLacking(action: string): AnalyzedPolicy[] {
  return ANALYZED_POLICIES.filter((policy) => anyPatternMatches(gapActions(policy), action));
}

/**
 * The analyzed managed policies known to grant this action: it is a view action of an analyzed
 * page and not in the policy's gaps. Empty when the action is outside the analysis.
 */
export function analyzedPoliciesGranting(action: string): AnalyzedPolicy[] {
  const analyzed = CONSOLE_PAGES.some((page) => ANALYZED_PAGE_IDS.has(page.id) && anyPatternMatches(page.view, action));
  if (!analyzed) return [];
  const lacking = new Set(analyzedPoliciesLacking(action));
  return ANALYZED_POLICIES.filter((policy) => !lacking.has(policy));
}

/** Small managed policies whose exact grants include this action. */
export function smallPoliciesGranting(action: string): ManagedPolicy[] {
  return MANAGED_POLICIES.filter((policy) => policy.grants !== null && anyPatternMatches(policy.grants, action));
}
