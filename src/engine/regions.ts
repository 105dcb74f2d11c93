// Region facts for aws:RequestedRegion. Billing and Cost Management, IAM, Organizations and Support
// are served from one Region per partition (docs/billing-actions.md), so a console request to
// them carries that Region whatever Region the console shows. The prefixes come from the one
// services table (core/knowledge/services.ts).

import { HOME_REGION_PREFIXES } from '../core/knowledge/services.ts';

export const HOME_REGION_SERVICES: ReadonlySet<string> = new Set(HOME_REGION_PREFIXES);

/** Regions tried, in order, when a what-if needs "a Region the policy allows". */
export const CANDIDATE_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-central-2',
  'eu-north-1', 'eu-south-1', 'eu-south-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1',
  'ap-southeast-2', 'ap-south-1', 'ca-central-1', 'sa-east-1', 'me-central-1', 'af-south-1', 'il-central-1',
  'cn-north-1', 'cn-northwest-1', 'us-gov-west-1', 'us-gov-east-1',
];

const REGION_IN_ARN = /^arn:[\w-]+:[\w-]+:([a-z]{2}(?:-gov)?-[a-z]+-\d):/;

export function regionOfArn(arn: string | null): string | null {
  return arn ? (REGION_IN_ARN.exec(arn)?.[1] ?? null) : null;
}
