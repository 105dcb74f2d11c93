// The retired aws-portal:* and purchase-orders View/Modify actions and the fine-grained actions that
// replaced them. Source: Billing User Guide, "Mapping fine-grained IAM actions reference", and its
// machine-readable form (aws-samples/bulk-policy-migrator-scripts-for-account-cost-billing-consoles,
// policy_migration_scripts/config/aws/action_mapping_config.json and config/aws-cn/, MIT-0).

import { isRetiredAction } from './sar-actions.ts';

export type LegacyAction =
  | 'aws-portal:ViewAccount'
  | 'aws-portal:ModifyAccount'
  | 'aws-portal:ViewPaymentMethods'
  | 'aws-portal:ModifyPaymentMethods'
  | 'aws-portal:ViewUsage'
  | 'aws-portal:ViewBilling'
  | 'aws-portal:ModifyBilling'
  | 'purchase-orders:ViewPurchaseOrders'
  | 'purchase-orders:ModifyPurchaseOrders';

/** Commercial-partition mapping, in the order of the official table. */
export const LEGACY_ACTION_MAP: Readonly<Record<LegacyAction, readonly string[]>> = {
  'aws-portal:ViewAccount': [
    'account:GetAccountInformation',
    'account:GetAlternateContact',
    'account:GetChallengeQuestions',
    'account:GetContactInformation',
    'billing:GetContractInformation',
    'billing:GetIAMAccessPreference',
    'billing:GetSellerOfRecord',
    'payments:ListPaymentPreferences',
  ],
  'aws-portal:ModifyAccount': [
    'account:CloseAccount',
    'account:DeleteAlternateContact',
    'account:PutAlternateContact',
    'account:PutChallengeQuestions',
    'account:PutContactInformation',
    'billing:PutContractInformation',
    'billing:UpdateIAMAccessPreference',
    'payments:UpdatePaymentPreferences',
  ],
  'aws-portal:ViewPaymentMethods': [
    'account:GetAccountInformation',
    'payments:GetPaymentStatus',
    'payments:ListPaymentPreferences',
    'payments:GetPaymentInstrument',
    'invoicing:GetInvoicePDF',
  ],
  'aws-portal:ModifyPaymentMethods': [
    'payments:DeletePaymentInstrument',
    'payments:CreatePaymentInstrument',
    'payments:UpdatePaymentPreferences',
    'payments:MakePayment',
    'account:GetAccountInformation',
  ],
  'aws-portal:ViewUsage': ['cur:GetUsageReport'],
  'aws-portal:ViewBilling': [
    'account:GetAccountInformation',
    'billing:GetBillingData',
    'billing:GetBillingDetails',
    'billing:GetBillingNotifications',
    'billing:GetBillingPreferences',
    'billing:GetContractInformation',
    'billing:GetCredits',
    'billing:GetIAMAccessPreference',
    'billing:GetSellerOfRecord',
    'billing:ListBillingViews',
    'ce:DescribeNotificationSubscription',
    'ce:DescribeReport',
    'ce:GetAnomalies',
    'ce:GetAnomalyMonitors',
    'ce:GetAnomalySubscriptions',
    'ce:GetCostAndUsage',
    'ce:GetCostAndUsageWithResources',
    'ce:GetCostCategories',
    'ce:GetCostForecast',
    'ce:GetDimensionValues',
    'ce:GetPreferences',
    'ce:GetReservationCoverage',
    'ce:GetReservationPurchaseRecommendation',
    'ce:GetReservationUtilization',
    'ce:GetRightsizingRecommendation',
    'ce:GetSavingsPlansCoverage',
    'ce:GetSavingsPlansPurchaseRecommendation',
    'ce:GetSavingsPlansUtilization',
    'ce:GetSavingsPlansUtilizationDetails',
    'ce:GetTags',
    'ce:GetUsageForecast',
    'ce:ListCostAllocationTags',
    'ce:ListSavingsPlansPurchaseRecommendationGeneration',
    'consolidatedbilling:GetAccountBillingRole',
    'consolidatedbilling:ListLinkedAccounts',
    'cur:GetClassicReport',
    'cur:GetClassicReportPreferences',
    'cur:ValidateReportDestination',
    'freetier:GetFreeTierAlertPreference',
    'freetier:GetFreeTierUsage',
    'invoicing:GetInvoiceEmailDeliveryPreferences',
    'invoicing:GetInvoicePDF',
    'invoicing:ListInvoiceSummaries',
    'payments:GetPaymentInstrument',
    'payments:GetPaymentStatus',
    'payments:ListPaymentPreferences',
    'tax:GetTaxInheritance',
    'tax:GetTaxRegistrationDocument',
    'tax:ListTaxRegistrations',
  ],
  'aws-portal:ModifyBilling': [
    'billing:PutContractInformation',
    'billing:RedeemCredits',
    'billing:UpdateBillingPreferences',
    'ce:CreateAnomalyMonitor',
    'ce:CreateAnomalySubscription',
    'ce:CreateNotificationSubscription',
    'ce:CreateReport',
    'ce:DeleteAnomalyMonitor',
    'ce:DeleteAnomalySubscription',
    'ce:DeleteNotificationSubscription',
    'ce:DeleteReport',
    'ce:ProvideAnomalyFeedback',
    'ce:StartSavingsPlansPurchaseRecommendationGeneration',
    'ce:UpdateAnomalyMonitor',
    'ce:UpdateAnomalySubscription',
    'ce:UpdateCostAllocationTagsStatus',
    'ce:UpdateNotificationSubscription',
    'ce:UpdatePreferences',
    'cur:PutClassicReportPreferences',
    'freetier:PutFreeTierAlertPreference',
    'invoicing:PutInvoiceEmailDeliveryPreferences',
    'payments:CreatePaymentInstrument',
    'payments:DeletePaymentInstrument',
    'payments:MakePayment',
    'payments:UpdatePaymentPreferences',
    'tax:BatchPutTaxRegistration',
    'tax:DeleteTaxRegistration',
    'tax:PutTaxInheritance',
  ],
  'purchase-orders:ViewPurchaseOrders': [
    'purchase-orders:GetPurchaseOrder',
    'purchase-orders:ListPurchaseOrderInvoices',
    'purchase-orders:ListPurchaseOrders',
    'invoicing:GetInvoicePDF',
    'payments:ListPaymentPreferences',
  ],
  'purchase-orders:ModifyPurchaseOrders': [
    'purchase-orders:AddPurchaseOrder',
    'purchase-orders:DeletePurchaseOrder',
    'purchase-orders:UpdatePurchaseOrder',
    'purchase-orders:UpdatePurchaseOrderStatus',
  ],
};

/**
 * What the China (aws-cn) mapping leaves out of the commercial one
 * (config/aws-cn/action_mapping_config.json). Entries ending in `*` cover a whole prefix.
 */
export const CHINA_MAPPING_OMITS: readonly string[] = [
  'billing:GetIAMAccessPreference',
  'billing:UpdateIAMAccessPreference',
  'billing:ListBillingViews',
  'tax:*',
  'cur:GetUsageReport',
];

/** When the fine-grained actions became the default, and when AWS stopped honouring the legacy ones. */
export const LEGACY_RETIREMENT = {
  fineGrainedDefaultSince: { aws: '2023-03-06 11:00 PDT', 'aws-cn': '2023-11-16' },
  standardSupportEnded: 'July 2023 (extensions to late 2023 and March 2024; China Regions: March 2024)',
  /** Permission-only actions that switch which action set controls the Billing consoles. */
  actionSetSwitches: ['aws-portal:GetConsoleActionSetEnforced', 'aws-portal:UpdateConsoleActionSetEnforced'],
  blog: 'https://aws.amazon.com/blogs/aws-cloud-financial-management/changes-to-aws-billing-cost-management-and-account-consoles-permissions/',
  mappingReference:
    'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/migrate-granularaccess-iam-mapping-reference.html',
} as const;

const LEGACY_BY_LOWER = new Map<string, LegacyAction>(
  (Object.keys(LEGACY_ACTION_MAP) as LegacyAction[]).map((action) => [action.toLowerCase(), action]),
);

/** The canonical legacy action for a printed action (prefixes match case-insensitively), or null. */
export function asLegacyAction(action: string | null | undefined): LegacyAction | null {
  if (typeof action !== 'string') return null;
  return LEGACY_BY_LOWER.get(action.trim().toLowerCase()) ?? null;
}

function omittedInChina(action: string): boolean {
  const lower = action.toLowerCase();
  return CHINA_MAPPING_OMITS.some((omit) => {
    const o = omit.toLowerCase();
    return o.endsWith('*') ? lower.startsWith(o.slice(0, -1)) : lower === o;
  });
}

/**
 * The fine-grained actions that replace a legacy action in the given partition, without the retired
 * ones. Empty when AWS's mapping has none there (aws-portal:ViewUsage in aws-cn).
 */
export function legacyReplacements(legacy: LegacyAction, partition: string = 'aws'): readonly string[] {
  return LEGACY_ACTION_MAP[legacy].filter((action) => replacesIn(action, partition));
}

/** Whether a fine-grained action of AWS's mapping replaces its legacy action in the partition: not retired, and there. */
function replacesIn(action: string, partition: string): boolean {
  return !isRetiredAction(action) && (partition !== 'aws-cn' || !omittedInChina(action));
}

/** The actions AWS's mapping still lists for a legacy action that no longer exist. */
export function retiredReplacements(legacy: LegacyAction): readonly string[] {
  return LEGACY_ACTION_MAP[legacy].filter(isRetiredAction);
}

/**
 * Reverse lookup: every legacy action whose replacements include this fine-grained action, so
 * we can say "your policy may still grant only the legacy aws-portal:ViewBilling".
 */
export function legacyActionsCovering(fineGrained: string | null | undefined, partition: string = 'aws'): LegacyAction[] {
  if (typeof fineGrained !== 'string') return [];
  const wanted = fineGrained.trim().toLowerCase();
  // Only the listed action itself is checked against the partition and the retired ones: the check reads AWS's
  // actions of that action's service, and reading every listed service's would cost a panel's first explanation.
  const replaces = (legacy: LegacyAction) => LEGACY_ACTION_MAP[legacy].some((action) => action.toLowerCase() === wanted && replacesIn(action, partition));
  return (Object.keys(LEGACY_ACTION_MAP) as LegacyAction[]).filter(replaces);
}
