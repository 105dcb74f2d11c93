// The engine's inputs cross a message boundary (panel -> service worker) or come from a CLI: check
// them, and turn bad ones into a clear message instead of a crash.

import { blankDenial, type Denial, type DenialMeta } from '../core/denial.ts';
import type { DiagnosisFailureKind } from '../core/diagnosis.ts';
import { isPartition } from './partitions.ts';
import type { AwsTarget } from './target.ts';

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

const EMPTY_META: DenialMeta = { ...blankDenial('api-sentence').meta, partial: true };

/** A clean copy of the denial, or why it cannot be diagnosed. */
export function readDenial(value: unknown): Denial | string {
  if (typeof value !== 'object' || value === null) return 'No denial was given to diagnose.';
  const d = value as Record<string, unknown>;
  const meta = typeof d.meta === 'object' && d.meta !== null ? (d.meta as Partial<DenialMeta>) : {};
  const denyKind = d.denyKind === 'explicit' || d.denyKind === 'implicit' ? d.denyKind : 'unknown';
  return {
    principalArn: text(d.principalArn),
    principalType: (text(d.principalType) as Denial['principalType']) ?? null,
    accountId: text(d.accountId),
    action: text(d.action),
    resource: text(d.resource),
    policyType: (text(d.policyType) as Denial['policyType']) ?? null,
    denyKind,
    policyArn: text(d.policyArn),
    authorizationId: text(d.authorizationId),
    cause: (text(d.cause) as Denial['cause']) ?? null,
    meta: { ...EMPTY_META, ...meta, hintAction: text(meta.hintAction) },
  };
}

export function targetProblem(target: unknown, now: Date): { kind: DiagnosisFailureKind; message: string } | null {
  if (typeof target !== 'object' || target === null) return { kind: 'no-profile', message: 'No AWS profile is set up to diagnose with.' };
  const t = target as Partial<AwsTarget>;
  const c = t.credentials;
  if (!c || !text(c.accessKeyId) || !text(c.secretAccessKey)) {
    return { kind: 'no-profile', message: `The profile${t.profileName ? ` "${t.profileName}"` : ''} has no credentials.` };
  }
  if (!t.partition || !isPartition(t.partition)) return { kind: 'no-profile', message: `The profile's partition "${String(t.partition)}" is not aws, aws-cn or aws-us-gov.` };
  if (c.expiration instanceof Date && c.expiration.getTime() <= now.getTime()) {
    return { kind: 'expired-credentials', message: `The credentials of profile "${t.profileName ?? ''}" expired at ${c.expiration.toISOString()}: for a profile signed in with IAM Identity Center, sign in again; for access keys, update the keys.` };
  }
  return null;
}
