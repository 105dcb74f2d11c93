// Who can fix what the diagnosis found, in the offline rules' own words: the denial is explained again as if its
// message had named the layer the diagnosis found (and the policy it found), so an Identity Center permission set,
// an SCP's management account or the billing setting's root user are named the same way as offline.

import type { Denial } from '../core/denial.ts';
import type { Diagnosis } from '../core/diagnosis.ts';
import { POLICY_TYPES, type PolicyType } from '../core/knowledge/layers.ts';
import { explainDenial } from '../core/rules/index.ts';

const isPolicyType = (layer: string): layer is PolicyType => (POLICY_TYPES as readonly string[]).includes(layer);

export function diagnosedFixer(denial: Denial, diagnosis: Diagnosis, pageUrl: string): string | null {
  if (diagnosis.status === 'failed') return null;
  const layer = diagnosis.blockingLayer;
  let as: Denial;
  if (layer === 'billing-access-setting') as = { ...denial, cause: 'iam-billing-access-not-activated' };
  else if (isPolicyType(layer)) as = { ...denial, policyType: layer, policyArn: diagnosis.blocking.find((p) => p.policyType === layer)?.arn ?? denial.policyArn };
  else return null;
  const fixer = explainDenial(as, { pageUrl, partition: null }).fixerText;
  return fixer || null;
}
