// Service prefixes of the Billing and Cost Management console: denials on them can come from the
// account's "IAM user and role access to Billing information" setting, which no simulator models.
// The prefixes come from the one services table (core/knowledge/services.ts).

import { BILLING_SETTING_PREFIXES } from '../core/knowledge/services.ts';

export const BILLING_SETTING_SERVICES: ReadonlySet<string> = new Set(BILLING_SETTING_PREFIXES);

export function serviceOf(action: string): string {
  return action.split(':')[0]?.toLowerCase() ?? '';
}
