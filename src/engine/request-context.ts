// The context keys a console request carries, as IAM's simulator and iam-simulate take them.
// MFA is unknown from the page; the baseline assumes none, and a what-if run flips it.

import type { ContextEntry, ContextKeyTypeEnum } from '@aws-sdk/client-iam';
import { PARTITIONS, type Partition } from './partitions.ts';
import { HOME_REGION_SERVICES, regionOfArn } from './regions.ts';

export interface ContextValue {
  key: string;
  type: ContextKeyTypeEnum;
  values: string[];
}

export type RequestContext = ContextValue[];

export const MFA_PRESENT = 'aws:MultiFactorAuthPresent';
export const MFA_AGE = 'aws:MultiFactorAuthAge';
export const REQUESTED_REGION = 'aws:RequestedRegion';

export interface ConsoleRequest {
  action: string;
  /** The resource as the denial printed it (an ARN), if any. */
  resource: string | null;
  /** IAM ARN of the user or role (aws:PrincipalArn is the role, not the session). */
  principalArn: string;
  partition: Partition;
  homeRegion: string;
  now: Date;
}

function requestedRegion(request: Pick<ConsoleRequest, 'action' | 'resource' | 'partition' | 'homeRegion'>): string {
  const prefix = request.action.split(':')[0]?.toLowerCase() ?? '';
  if (HOME_REGION_SERVICES.has(prefix)) return PARTITIONS[request.partition].billingRegion;
  return regionOfArn(request.resource) ?? request.homeRegion;
}

export function consoleRequestContext(request: ConsoleRequest): RequestContext {
  return [
    { key: REQUESTED_REGION, type: 'string', values: [requestedRegion(request)] },
    { key: MFA_PRESENT, type: 'boolean', values: ['false'] },
    { key: 'aws:SecureTransport', type: 'boolean', values: ['true'] },
    { key: 'aws:CurrentTime', type: 'date', values: [request.now.toISOString()] },
    { key: 'aws:PrincipalArn', type: 'string', values: [request.principalArn] },
  ];
}

/** A copy with some keys replaced (values) or removed (null). */
export function withOverrides(context: RequestContext, overrides: readonly ContextValue[], remove: readonly string[] = []): RequestContext {
  const replaced = new Set([...overrides.map((o) => o.key.toLowerCase()), ...remove.map((k) => k.toLowerCase())]);
  return [...context.filter((c) => !replaced.has(c.key.toLowerCase())), ...overrides];
}

export function valueOf(context: RequestContext, key: string): string | undefined {
  return context.find((c) => c.key.toLowerCase() === key.toLowerCase())?.values[0];
}

export function toSdkContextEntries(context: RequestContext): ContextEntry[] {
  return context.map((c) => ({ ContextKeyName: c.key, ContextKeyType: c.type, ContextKeyValues: [...c.values] }));
}

export function toSimulateContext(context: RequestContext): Record<string, string | string[]> {
  return Object.fromEntries(context.map((c) => [c.key, c.type.endsWith('List') ? [...c.values] : (c.values[0] ?? '')]));
}
