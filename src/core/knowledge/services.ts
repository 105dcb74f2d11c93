// The Billing and Cost Management (BCM) service prefixes, where they live in the console, and the
// us-east-1 facts that matter for Region-restricting SCPs (billing-actions.md sections 1 and 10).

export interface BcmService {
  prefix: string;
  /** Console area the prefix governs, in words. */
  consoleArea: string;
  /**
   * The documented API endpoint, when billing-actions.md section 10 names one. Every BCM API is a
   * single-Region or global service hosted in us-east-1 (Budgets is global).
   */
  endpoint: string | null;
  /**
   * True when AWS's own Region-deny SCP example (Organizations "Deny access to AWS based on the
   * requested AWS Region", the IAM example and Control Tower's Region deny control) exempts the
   * prefix with NotAction. False: the example omits it, so copies of the example block it.
   */
  exemptInAwsRegionDenyExample: boolean;
}

export const BCM_SERVICES: readonly BcmService[] = [
  { prefix: 'aws-portal', consoleArea: 'legacy Billing console permissions', endpoint: null, exemptInAwsRegionDenyExample: true },
  {
    prefix: 'billing',
    consoleArea: 'Billing home, bills, credits, preferences, billing views, IAM-access setting',
    endpoint: 'billing.us-east-1.api.aws',
    exemptInAwsRegionDenyExample: true,
  },
  {
    prefix: 'ce',
    consoleArea: 'Cost Explorer, anomaly detection, cost categories, RI and Savings Plans reports, preferences',
    endpoint: 'ce.us-east-1.amazonaws.com',
    exemptInAwsRegionDenyExample: true,
  },
  { prefix: 'cur', consoleArea: 'Cost and Usage Reports, classic report, usage report', endpoint: 'cur.us-east-1.amazonaws.com', exemptInAwsRegionDenyExample: true },
  { prefix: 'budgets', consoleArea: 'Budgets and budget actions', endpoint: 'budgets.amazonaws.com', exemptInAwsRegionDenyExample: true },
  { prefix: 'payments', consoleArea: 'payment methods, payments, financing, payment preferences', endpoint: null, exemptInAwsRegionDenyExample: true },
  { prefix: 'tax', consoleArea: 'tax registrations, exemptions, documents', endpoint: null, exemptInAwsRegionDenyExample: true },
  { prefix: 'invoicing', consoleArea: 'invoices, invoice units, procurement portals', endpoint: null, exemptInAwsRegionDenyExample: true },
  { prefix: 'account', consoleArea: 'Account page: contacts, Regions, close account', endpoint: null, exemptInAwsRegionDenyExample: true },
  { prefix: 'consolidatedbilling', consoleArea: 'payer/linked role, linked accounts', endpoint: null, exemptInAwsRegionDenyExample: true },
  { prefix: 'freetier', consoleArea: 'Free Tier usage and alerts, account plan', endpoint: null, exemptInAwsRegionDenyExample: true },
  { prefix: 'purchase-orders', consoleArea: 'purchase orders', endpoint: null, exemptInAwsRegionDenyExample: false },
  { prefix: 'pricing', consoleArea: 'Price List API', endpoint: 'api.pricing.us-east-1.amazonaws.com', exemptInAwsRegionDenyExample: true },
  { prefix: 'savingsplans', consoleArea: 'Savings Plans inventory and purchase', endpoint: null, exemptInAwsRegionDenyExample: true },
  { prefix: 'bcm-data-exports', consoleArea: 'Data Exports', endpoint: 'bcm-data-exports.us-east-1.api.aws', exemptInAwsRegionDenyExample: false },
  {
    prefix: 'cost-optimization-hub',
    consoleArea: 'Cost Optimization Hub',
    endpoint: 'cost-optimization-hub.us-east-1.amazonaws.com',
    exemptInAwsRegionDenyExample: false,
  },
  { prefix: 'sustainability', consoleArea: 'carbon footprint', endpoint: null, exemptInAwsRegionDenyExample: true },
  {
    prefix: 'billingconductor',
    consoleArea: 'Billing Conductor (pro-forma billing groups)',
    endpoint: 'billingconductor.us-east-1.amazonaws.com',
    exemptInAwsRegionDenyExample: true,
  },
  { prefix: 'bcm-dashboards', consoleArea: 'BCM dashboards, scheduled reports', endpoint: null, exemptInAwsRegionDenyExample: false },
  { prefix: 'bcm-pricing-calculator', consoleArea: 'Pricing Calculator (in-console)', endpoint: null, exemptInAwsRegionDenyExample: false },
  { prefix: 'bcm-recommended-actions', consoleArea: 'recommended actions', endpoint: null, exemptInAwsRegionDenyExample: false },
];

/**
 * The global-service prefixes in the NotAction list of AWS's Region-deny examples that matter on the
 * Billing and Cost Management consoles (as of 2026; check the live page). Older copies of the
 * example exempt only a handful (for example budgets:* but not ce:*).
 */
export const AWS_REGION_DENY_EXAMPLE_BCM_EXEMPTIONS: readonly string[] = [
  'account:*',
  'aws-portal:*',
  'billing:*',
  'billingconductor:*',
  'budgets:*',
  'ce:*',
  'consolidatedbilling:*',
  'cur:*',
  'freetier:*',
  'invoicing:*',
  'payments:*',
  'pricing:*',
  'savingsplans:*',
  'sustainability:*',
  'tax:*',
  'support:*',
  'supportplans:*',
];

/** The Region every BCM API call is made in, so `aws:RequestedRegion` is this value. */
export const BILLING_REGION = 'us-east-1';

/** Every BCM service prefix, lower case. */
export const BCM_PREFIXES: readonly string[] = BCM_SERVICES.map((service) => service.prefix);

const BY_PREFIX = new Map(BCM_SERVICES.map((service) => [service.prefix, service]));

/** The BCM service for a prefix (case-insensitive), or null for anything else (iam, s3, …). */
export function bcmService(prefix: string | null | undefined): BcmService | null {
  if (typeof prefix !== 'string') return null;
  return BY_PREFIX.get(prefix.trim().toLowerCase()) ?? null;
}
