// The one table of Billing and Cost Management (BCM) service prefixes: where each lives in the
// console, its home Region and documented endpoints, whether the account's billing setting gates it,
// and which of AWS's Region-deny policies exempt it (docs/billing-actions.md sections 1
// and 10). core, engine and the build import it; no other module lists
// these prefixes (test/unit/architecture/one-list.test.ts).

/** AWS's published Region-deny policies, each with its own NotAction list. */
export type RegionDenySource = 'control-tower' | 'organizations-example' | 'iam-example';

export const REGION_DENY_SOURCES: Readonly<Record<RegionDenySource, { name: string; url: string }>> = {
  'control-tower': {
    name: "Control Tower's Region deny control",
    url: 'https://docs.aws.amazon.com/controltower/latest/controlreference/primary-region-deny-policy.html',
  },
  'organizations-example': {
    name: 'the Organizations example SCP "Deny access to AWS based on the requested AWS Region"',
    url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html',
  },
  'iam-example': {
    name: 'the IAM example policy "Denies access to AWS based on the requested Region"',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-requested-region.html',
  },
};

export type RegionDenyExemptions = Readonly<Record<RegionDenySource, boolean>>;

export interface BcmService {
  prefix: string;
  /** Console area the prefix governs, in words. */
  consoleArea: string;
  /** The Region its API is served from in the commercial partition, so `aws:RequestedRegion` holds it. */
  homeRegion: string;
  /** The documented API endpoints (first is the home Region's); empty when AWS documents none. */
  endpoints: readonly string[];
  /** Denied, whatever the policies say, while "IAM user and role access to Billing information" is off. */
  billingSettingGated: boolean;
  /** Whether each of AWS's Region-deny policies exempts `prefix:*` with NotAction. */
  regionDenyExempt: RegionDenyExemptions;
}

const HOME = 'us-east-1';

/** Exempt in the listed sources only. */
function exemptIn(...sources: RegionDenySource[]): RegionDenyExemptions {
  return { 'control-tower': sources.includes('control-tower'), 'organizations-example': sources.includes('organizations-example'), 'iam-example': sources.includes('iam-example') };
}

const CONTROL_TOWER = exemptIn('control-tower');
const CONTROL_TOWER_AND_ORGANIZATIONS = exemptIn('control-tower', 'organizations-example');
const NONE = exemptIn();

function row(prefix: string, consoleArea: string, endpoints: readonly string[], regionDenyExempt: RegionDenyExemptions, billingSettingGated = true): BcmService {
  return { prefix, consoleArea, homeRegion: HOME, endpoints, billingSettingGated, regionDenyExempt };
}

export const BCM_SERVICES: readonly BcmService[] = [
  row('aws-portal', 'legacy Billing console permissions', [], CONTROL_TOWER_AND_ORGANIZATIONS),
  row('billing', 'Billing home, bills, credits, preferences, billing views, IAM-access setting', ['billing.us-east-1.api.aws'], CONTROL_TOWER),
  row('ce', 'Cost Explorer, anomaly detection, cost categories, RI and Savings Plans reports, preferences', ['ce.us-east-1.amazonaws.com'], CONTROL_TOWER_AND_ORGANIZATIONS),
  row('cur', 'Cost and Usage Reports, classic report, usage report', ['cur.us-east-1.amazonaws.com'], CONTROL_TOWER_AND_ORGANIZATIONS),
  row('budgets', 'Budgets and budget actions', ['budgets.amazonaws.com'], CONTROL_TOWER_AND_ORGANIZATIONS),
  row('payments', 'payment methods, payments, financing, payment preferences', [], CONTROL_TOWER),
  row('tax', 'tax registrations, exemptions, documents', [], CONTROL_TOWER),
  row('invoicing', 'invoices, invoice units, procurement portals', [], CONTROL_TOWER),
  row('account', 'Account page: contacts, Regions, close account', [], CONTROL_TOWER),
  row('consolidatedbilling', 'payer/linked role, linked accounts', [], CONTROL_TOWER),
  row('freetier', 'Free Tier usage and alerts, account plan', [], CONTROL_TOWER),
  row('purchase-orders', 'purchase orders', [], NONE),
  // The Price List API has endpoints in three Regions; the SDKs default to us-east-1.
  row(
    'pricing',
    'Price List API',
    ['api.pricing.us-east-1.amazonaws.com', 'api.pricing.eu-central-1.amazonaws.com', 'api.pricing.ap-south-1.amazonaws.com'],
    CONTROL_TOWER_AND_ORGANIZATIONS,
    false,
  ),
  row('savingsplans', 'Savings Plans inventory and purchase', [], CONTROL_TOWER),
  row('bcm-data-exports', 'Data Exports', ['bcm-data-exports.us-east-1.api.aws'], NONE),
  row('cost-optimization-hub', 'Cost Optimization Hub', ['cost-optimization-hub.us-east-1.amazonaws.com'], NONE),
  row('sustainability', 'carbon footprint', [], CONTROL_TOWER),
  row('billingconductor', 'Billing Conductor (pro-forma billing groups)', ['billingconductor.us-east-1.amazonaws.com'], CONTROL_TOWER),
  row('bcm-dashboards', 'BCM dashboards, scheduled reports', [], NONE),
  row('bcm-pricing-calculator', 'Pricing Calculator (in-console)', [], NONE),
  row('bcm-recommended-actions', 'recommended actions', [], NONE),
];

/**
 * Services outside BCM that the billing consoles also call and that are served from us-east-1 too
 * (global services), with the same per-source exemptions.
 */
export const RELATED_GLOBAL_SERVICES: readonly { prefix: string; regionDenyExempt: RegionDenyExemptions }[] = [
  { prefix: 'iam', regionDenyExempt: exemptIn('control-tower', 'organizations-example', 'iam-example') },
  { prefix: 'organizations', regionDenyExempt: CONTROL_TOWER_AND_ORGANIZATIONS },
  { prefix: 'support', regionDenyExempt: exemptIn('control-tower', 'organizations-example', 'iam-example') },
  { prefix: 'supportplans', regionDenyExempt: CONTROL_TOWER },
];

/** Every BCM service prefix, lower case. */
export const BCM_PREFIXES: readonly string[] = BCM_SERVICES.map((service) => service.prefix);

/** Prefixes whose calls carry the home Region in `aws:RequestedRegion`, whatever Region the console shows. */
export const HOME_REGION_PREFIXES: readonly string[] = [...BCM_PREFIXES, ...RELATED_GLOBAL_SERVICES.map((service) => service.prefix)];

/** Prefixes the billing setting gates. */
export const BILLING_SETTING_PREFIXES: readonly string[] = BCM_SERVICES.filter((service) => service.billingSettingGated).map((service) => service.prefix);

/** The Region BCM API calls are made in, in the commercial partition, so `aws:RequestedRegion` is this value. */
export const BILLING_REGION = HOME;

const BY_PREFIX = new Map(BCM_SERVICES.map((service) => [service.prefix, service]));
const EXEMPTIONS = new Map([...BCM_SERVICES, ...RELATED_GLOBAL_SERVICES].map((service) => [service.prefix, service.regionDenyExempt]));

/** The BCM service for a prefix (case-insensitive), or null for anything else (iam, s3, …). */
export function bcmService(prefix: string | null | undefined): BcmService | null {
  if (typeof prefix !== 'string') return null;
  return BY_PREFIX.get(prefix.trim().toLowerCase()) ?? null;
}

/** Which Region-deny sources exempt a home-Region prefix; null for prefixes served per Region. */
export function regionDenyExemptions(prefix: string | null | undefined): RegionDenyExemptions | null {
  if (typeof prefix !== 'string') return null;
  return EXEMPTIONS.get(prefix.trim().toLowerCase()) ?? null;
}
