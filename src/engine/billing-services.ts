// Service prefixes of the Billing and Cost Management console: denials on them can come from the
// account's "IAM user and role access to Billing information" setting, which no simulator models.

export const BILLING_SETTING_SERVICES: ReadonlySet<string> = new Set([
  'aws-portal', 'billing', 'ce', 'cur', 'budgets', 'payments', 'tax', 'invoicing', 'account', 'consolidatedbilling',
  'freetier', 'purchase-orders', 'savingsplans', 'sustainability', 'bcm-data-exports', 'cost-optimization-hub',
  'billingconductor', 'bcm-dashboards', 'bcm-pricing-calculator', 'bcm-recommended-actions',
]);

export function serviceOf(action: string): string {
  return action.split(':')[0]?.toLowerCase() ?? '';
}
