// Console page -> the IAM actions it needs, as AWS documents them in "Migrating access control for
// AWS Billing" and "... for AWS Cost Management" (billing-actions.md section 5). Routes are hash
// fragments: /billing/home#/bills, /costmanagement/home#/cost-explorer.

import { actionPatternMatches } from './action-pattern.ts';

export type ConsoleApp = 'billing' | 'costmanagement';

export interface PageTask {
  task: string;
  actions: readonly string[];
}

export interface ConsolePage {
  id: string;
  app: ConsoleApp;
  name: string;
  /** Hash routes without the leading '#', longest match wins ("/savings-plans/overview"). */
  routes: readonly string[];
  /** Actions needed to view the page (wildcards as AWS prints them). */
  view: readonly string[];
  /** Actions for what the page lets you do beyond viewing. */
  tasks: readonly PageTask[];
}

const BUDGETS_VIEW = [
  'budgets:ViewBudget',
  'budgets:DescribeBudgetActionsForBudget',
  'budgets:DescribeBudgetAction',
  'budgets:DescribeBudgetActionsForAccount',
  'budgets:DescribeBudgetActionHistories',
];
const BUDGETS_TASKS: PageTask[] = [
  {
    task: 'create, run, update or delete budgets and budget actions',
    actions: ['budgets:CreateBudgetAction', 'budgets:ExecuteBudgetAction', 'budgets:DeleteBudgetAction', 'budgets:UpdateBudgetAction', 'budgets:ModifyBudget'],
  },
];
const CUR_BUCKET_SETUP = ['s3:ListAllMyBuckets', 's3:CreateBucket', 's3:PutBucketPolicy', 's3:GetBucketLocation'];
const SP_ALERTS: PageTask = {
  task: 'edit purchase-expiration alerts',
  actions: ['ce:CreateNotificationSubscription', 'ce:UpdateNotificationSubscription', 'ce:DeleteNotificationSubscription'],
};

export const CONSOLE_PAGES: readonly ConsolePage[] = [
  // Billing console
  {
    id: 'billing-home',
    app: 'billing',
    name: 'Billing home',
    routes: ['/', '/home'],
    view: ['account:GetAccountInformation', 'billing:Get*', 'payments:List*', 'tax:List*'],
    tasks: [],
  },
  {
    id: 'bills',
    app: 'billing',
    name: 'Bills',
    routes: ['/bills'],
    view: ['account:GetAccountInformation', 'billing:Get*', 'consolidatedbilling:Get*', 'consolidatedbilling:List*', 'invoicing:List*', 'payments:List*'],
    tasks: [
      { task: 'download an invoice', actions: ['invoicing:Get*'] },
      { task: 'download the CSV', actions: ['cur:Get*'] },
      { task: 'billing-group report preference', actions: ['billing:ListBillingViews'] },
    ],
  },
  {
    id: 'payments',
    app: 'billing',
    name: 'Payments',
    routes: ['/paymentsoverview', '/payments'],
    view: ['account:GetAccountInformation', 'billing:Get*', 'payments:Get*', 'payments:List*'],
    tasks: [
      { task: 'invoice from Transactions', actions: ['invoicing:Get*'] },
      { task: 'set up Advance Pay', actions: ['payments:Update*'] },
      { task: 'make a payment or a funding request', actions: ['payments:Make*', 'invoicing:Get*'] },
    ],
  },
  {
    id: 'credits',
    app: 'billing',
    name: 'Credits',
    routes: ['/credits'],
    view: ['billing:Get*', 'account:GetAccountInformation'],
    tasks: [{ task: 'redeem a credit', actions: ['billing:RedeemCredits'] }],
  },
  {
    id: 'purchase-orders',
    app: 'billing',
    name: 'Purchase orders',
    routes: ['/purchaseorders'],
    view: [
      'account:GetAccountInformation',
      'account:GetContactInformation',
      'payments:Get*',
      'payments:List*',
      'purchase-orders:ListPurchaseOrders',
      'purchase-orders:ListPurchaseOrderInvoices',
      'tax:ListTaxRegistrations',
      'consolidatedbilling:GetAccountBillingRole',
    ],
    tasks: [
      { task: 'view details', actions: ['purchase-orders:GetPurchaseOrder'] },
      { task: 'add', actions: ['purchase-orders:AddPurchaseOrder'] },
      { task: 'delete', actions: ['purchase-orders:DeletePurchaseOrder'] },
      { task: 'update', actions: ['purchase-orders:UpdatePurchaseOrder', 'purchase-orders:UpdatePurchaseOrderStatus'] },
    ],
  },
  {
    id: 'cost-and-usage-reports',
    app: 'billing',
    name: 'Cost and Usage Reports',
    routes: ['/reports'],
    view: ['cur:GetClassic*', 'cur:DescribeReportDefinitions'],
    tasks: [
      { task: 'show billing groups', actions: ['billing:ListBillingViews'] },
      { task: 'create a report', actions: [...CUR_BUCKET_SETUP, 'cur:Validate*', 'cur:PutReportDefinition'] },
      { task: 'edit a report', actions: [...CUR_BUCKET_SETUP, 'cur:Validate*', 'cur:PutReportDefinition', 'cur:ModifyReportDefinition'] },
      { task: 'delete a report', actions: ['cur:DeleteReportDefinition'] },
      { task: 'usage reports', actions: ['cur:GetUsage*'] },
      { task: 'carbon footprint', actions: ['sustainability:GetCarbonFootprintSummary'] },
    ],
  },
  {
    id: 'cost-categories',
    app: 'billing',
    name: 'Cost categories',
    routes: ['/costcategories'],
    view: [
      'account:GetAccountInformation',
      'ce:ListCostCategoryDefinitions',
      'ce:DescribeCostCategoryDefinition',
      'ce:GetCostAndUsage',
      'ce:ListTagsForResource',
      'consolidatedbilling:GetAccountBillingRole',
    ],
    tasks: [
      {
        task: 'create a cost category',
        actions: [
          'billing:Get*',
          'ce:TagResource',
          'ce:ListCostAllocationTags',
          'consolidatedbilling:List*',
          'ce:CreateCostCategoryDefinition',
          'pricing:DescribeServices',
          'ce:GetDimensionValues',
          'ce:GetTags',
        ],
      },
      { task: 'modify a cost category', actions: ['ce:UpdateCostCategoryDefinition', 'ce:UntagResource'] },
      { task: 'delete a cost category', actions: ['ce:DeleteCostCategoryDefinition'] },
    ],
  },
  {
    id: 'cost-allocation-tags',
    app: 'billing',
    name: 'Cost allocation tags',
    routes: ['/tags', '/preferences/tags'],
    view: ['account:GetAccountInformation', 'ce:ListCostAllocationTags', 'consolidatedbilling:GetAccountBillingRole'],
    tasks: [{ task: 'activate or deactivate tags', actions: ['ce:UpdateCostAllocationTagsStatus'] }],
  },
  { id: 'budgets-billing', app: 'billing', name: 'Budgets', routes: ['/budgets'], view: BUDGETS_VIEW, tasks: BUDGETS_TASKS },
  {
    id: 'free-tier',
    app: 'billing',
    name: 'Free tier',
    routes: ['/freetier'],
    view: ['billing:Get*', 'freetier:Get*'],
    tasks: [],
  },
  {
    id: 'billing-preferences',
    app: 'billing',
    name: 'Billing preferences',
    routes: ['/preferences'],
    view: [
      'account:GetAccountInformation',
      'billing:Get*',
      'consolidatedbilling:Get*',
      'consolidatedbilling:List*',
      'cur:GetClassic*',
      'cur:Validate*',
      'freetier:Get*',
      'invoicing:Get*',
    ],
    tasks: [
      {
        task: 'change preferences',
        actions: ['billing:Update*', 'freetier:Put*', 'cur:PutClassic*', ...CUR_BUCKET_SETUP, 'invoicing:Put*'],
      },
    ],
  },
  {
    id: 'payment-preferences',
    app: 'billing',
    name: 'Payment preferences',
    routes: ['/paymentpreferences', '/paymentmethods'],
    view: ['account:GetAccountInformation', 'billing:Get*', 'payments:GetPaymentInstrument', 'payments:List*', 'payments:GetPaymentStatus'],
    tasks: [
      {
        task: 'manage payment methods (payments:Make* only when the card needs verification)',
        actions: ['payments:Update*', 'payments:Make*', 'payments:CreatePaymentInstrument', 'payments:DeletePaymentInstrument'],
      },
      {
        task: 'tax registration numbers',
        actions: ['tax:PutTaxRegistration', 'tax:Delete*', 'payments:UpdatePaymentPreferences', 'payments:CreatePaymentInstrument'],
      },
      { task: 'payment profiles', actions: ['payments:Update*'] },
    ],
  },
  {
    id: 'tax-settings',
    app: 'billing',
    name: 'Tax settings',
    routes: ['/tax', '/tax-settings'],
    view: ['tax:List*', 'tax:Get*'],
    tasks: [
      { task: 'add or edit tax registrations', actions: ['tax:BatchPut*'] },
      { task: 'tax inheritance', actions: ['tax:Put*'] },
      { task: 'tax exemptions', actions: ['tax:UpdateExemptions', 'support:CreateCase', 'support:AddAttachmentsToSet'] },
    ],
  },
  {
    id: 'account',
    app: 'billing',
    name: 'Account',
    routes: ['/account'],
    view: ['account:Get*', 'account:List*', 'billing:Get*', 'payments:List*'],
    tasks: [
      { task: 'close the account', actions: ['account:CloseAccount'] },
      { task: 'enable or disable Regions', actions: ['account:EnableRegion', 'account:DisableRegion'] },
      {
        task: 'edit contacts',
        actions: ['account:PutAlternateContact', 'account:PutContactInformation'],
      },
      { task: 'edit contract information', actions: ['billing:PutContractInformation'] },
      { task: 'activate IAM access to billing (root user only)', actions: ['billing:Update*'] },
      { task: 'advance pay, currency, billing contact, terms', actions: ['payments:Update*'] },
    ],
  },
  // Cost Management console
  {
    id: 'cost-management-home',
    app: 'costmanagement',
    name: 'Cost Management home',
    routes: ['/', '/home'],
    view: [
      'ce:GetCostAndUsage',
      'ce:GetDimensionValues',
      'ce:GetCostForecast',
      'ce:GetReservationUtilization',
      'ce:GetReservationPurchaseRecommendation',
      'ce:DescribeReport',
    ],
    tasks: [],
  },
  {
    id: 'cost-explorer',
    app: 'costmanagement',
    name: 'Cost Explorer',
    routes: ['/cost-explorer'],
    view: [
      'ce:GetCostCategories',
      'ce:GetDimensionValues',
      'ce:GetCostAndUsageWithResources',
      'ce:GetCostAndUsage',
      'ce:GetCostForecast',
      'ce:GetTags',
      'ce:GetUsageForecast',
      'ce:DescribeReport',
    ],
    tasks: [{ task: 'save a report', actions: ['ce:CreateReport'] }],
  },
  {
    id: 'cost-explorer-reports',
    app: 'costmanagement',
    name: 'Reports',
    routes: ['/reports'],
    view: ['ce:DescribeReport'],
    tasks: [{ task: 'delete a report', actions: ['ce:DeleteReport'] }],
  },
  { id: 'budgets-cost-management', app: 'costmanagement', name: 'Budgets', routes: ['/budgets'], view: BUDGETS_VIEW, tasks: BUDGETS_TASKS },
  {
    id: 'anomaly-detection',
    app: 'costmanagement',
    name: 'Cost Anomaly Detection',
    routes: ['/anomaly-detection'],
    view: ['ce:GetDimensionValues', 'ce:GetCostAndUsage', 'ce:GetAnomalyMonitors', 'ce:GetAnomalySubscriptions', 'ce:GetAnomalies'],
    tasks: [
      {
        task: 'manage monitors, subscriptions and feedback',
        actions: [
          'ce:CreateAnomalyMonitor',
          'ce:UpdateAnomalyMonitor',
          'ce:DeleteAnomalyMonitor',
          'ce:CreateAnomalySubscription',
          'ce:UpdateAnomalySubscription',
          'ce:DeleteAnomalySubscription',
          'ce:ProvideAnomalyFeedback',
        ],
      },
    ],
  },
  {
    id: 'rightsizing',
    app: 'costmanagement',
    name: 'Rightsizing recommendations',
    routes: ['/rightsizing'],
    view: ['ce:GetDimensionValues', 'ce:GetTags', 'ce:GetRightsizingRecommendation'],
    tasks: [],
  },
  {
    id: 'savings-plans-overview',
    app: 'costmanagement',
    name: 'Savings Plans overview',
    routes: ['/savings-plans/overview', '/savings-plans'],
    view: ['ce:GetSavingsPlansUtilizationDetails', 'ce:GetSavingsPlansPurchaseRecommendation', 'ce:DescribeNotificationSubscription'],
    tasks: [SP_ALERTS],
  },
  {
    id: 'savings-plans-inventory',
    app: 'costmanagement',
    name: 'Savings Plans inventory',
    routes: ['/savings-plans/inventory'],
    view: ['savingsplans:DescribeSavingsPlans', 'ce:GetSavingsPlansUtilizationDetails'],
    tasks: [{ task: 'renew to cart', actions: ['savingsplans:DescribeSavingsPlansOfferings'] }],
  },
  {
    id: 'savings-plans-recommendations',
    app: 'costmanagement',
    name: 'Savings Plans recommendations',
    routes: ['/savings-plans/recommendations'],
    view: ['ce:GetSavingsPlansPurchaseRecommendation', 'ce:ListSavingsPlansPurchaseRecommendationGeneration'],
    tasks: [{ task: 'refresh recommendations', actions: ['ce:StartSavingsPlansPurchaseRecommendationGeneration'] }],
  },
  {
    id: 'savings-plans-purchase',
    app: 'costmanagement',
    name: 'Purchase Savings Plans',
    routes: ['/savings-plans/purchase'],
    view: ['savingsplans:DescribeSavingsPlansOfferings'],
    tasks: [],
  },
  {
    id: 'savings-plans-utilization',
    app: 'costmanagement',
    name: 'Savings Plans utilization',
    routes: ['/savings-plans/utilization'],
    view: ['ce:DescribeReport', 'ce:GetSavingsPlansUtilization', 'ce:GetSavingsPlansUtilizationDetails', 'ce:GetDimensionValues'],
    tasks: [{ task: 'see rates', actions: ['savingsplans:DescribeSavingsPlanRates'] }],
  },
  {
    id: 'savings-plans-coverage',
    app: 'costmanagement',
    name: 'Savings Plans coverage',
    routes: ['/savings-plans/coverage'],
    view: ['ce:GetDimensionValues', 'ce:GetSavingsPlansCoverage', 'ce:GetCostCategories', 'ce:DescribeReport', 'ce:GetSavingsPlansPurchaseRecommendation'],
    tasks: [],
  },
  {
    id: 'savings-plans-cart',
    app: 'costmanagement',
    name: 'Savings Plans cart',
    routes: ['/savings-plans/cart'],
    view: ['savingsplans:DescribeSavingsPlansOfferings', 'savingsplans:DescribeSavingsPlans'],
    tasks: [{ task: 'purchase', actions: ['savingsplans:CreateSavingsPlan'] }],
  },
  {
    id: 'reservations-overview',
    app: 'costmanagement',
    name: 'Reservations overview',
    routes: ['/ri/dashboard', '/ri'],
    view: ['ce:GetReservationUtilization', 'ce:GetReservationCoverage', 'ce:GetReservationPurchaseRecommendation', 'ce:DescribeReport'],
    tasks: [SP_ALERTS],
  },
  {
    id: 'reservations-recommendations',
    app: 'costmanagement',
    name: 'Reservations recommendations',
    routes: ['/ri/recommendations'],
    view: ['ce:GetReservationPurchaseRecommendation', 'ce:GetDimensionValues'],
    tasks: [],
  },
  {
    id: 'reservations-utilization',
    app: 'costmanagement',
    name: 'Reservations utilization',
    routes: ['/ri/utilization'],
    view: ['ce:GetDimensionValues', 'ce:GetReservationUtilization', 'ce:DescribeReport'],
    tasks: [{ task: 'save a report', actions: ['ce:CreateReport'] }],
  },
  {
    id: 'reservations-coverage',
    app: 'costmanagement',
    name: 'Reservations coverage',
    routes: ['/ri/coverage'],
    view: ['ce:GetReservationCoverage', 'ce:GetReservationPurchaseRecommendation', 'ce:DescribeReport', 'ce:GetDimensionValues', 'ce:GetCostCategories'],
    tasks: [{ task: 'save a report', actions: ['ce:CreateReport'] }],
  },
  {
    id: 'cost-management-preferences',
    app: 'costmanagement',
    name: 'Cost Management preferences',
    routes: ['/settings'],
    view: ['ce:GetPreferences'],
    tasks: [
      { task: 'update preferences', actions: ['ce:UpdatePreferences'] },
      { task: 'multi-year or granular data', actions: ['ce:UpdatePreferences', 'ce:GetDimensionValues', 'ce:GetApproximateUsageRecords'] },
    ],
  },
];

/** Which console app a URL path belongs to (older docs use /cost-management/). */
const APP_PATHS: readonly { app: ConsoleApp; path: RegExp }[] = [
  { app: 'billing', path: /^\/billing(\/|$)/ },
  { app: 'costmanagement', path: /^\/cost-?management(\/|$)/ },
];

/** The documented page a console URL shows, or null (not a console URL, or a route AWS documents no actions for). */
export function consolePageForUrl(url: string | null | undefined): ConsolePage | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > 4096) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const app = APP_PATHS.find((candidate) => candidate.path.test(parsed.pathname))?.app;
  if (!app) return null;
  const route = normalizeRoute(parsed.hash);
  let best: { page: ConsolePage; length: number } | null = null;
  for (const page of CONSOLE_PAGES) {
    if (page.app !== app) continue;
    for (const candidate of page.routes) {
      const matches = candidate === '/' ? route === '/' : route === candidate || route.startsWith(`${candidate}/`);
      if (matches && (!best || candidate.length > best.length)) best = { page, length: candidate.length };
    }
  }
  return best?.page ?? null;
}

function normalizeRoute(hash: string): string {
  // "#/bills?period=2026-01" -> "/bills"; "" and "#" -> "/"; trailing slashes dropped.
  const path = hash.replace(/^#!?/, '').split('?')[0] ?? '';
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** The page's view actions other than the denied one: what the next denial on this page may name. */
export function pageAlsoNeeds(page: ConsolePage, deniedAction: string | null): string[] {
  return page.view.filter((pattern) => !(deniedAction && actionPatternMatches(pattern, deniedAction)));
}

/** True when the denied action is among what the page needs to load (not one of its tasks). */
export function pageNeedsToView(page: ConsolePage, action: string): boolean {
  return page.view.some((pattern) => actionPatternMatches(pattern, action));
}
