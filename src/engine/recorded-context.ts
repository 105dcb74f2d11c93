// The request context AWS recorded for the denied request (IAM Toolbox's requestContext and the
// evaluation's context), as the simulator's ContextEntries. When the record is read but cannot name
// the policy (an implicit deny), the simulation still runs with the values AWS evaluated: the caller's
// source IP, VPC endpoint, principal tags, Region and time, none of which a simulation can guess.
// Types: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html

import type { ContextKeyTypeEnum } from '@aws-sdk/client-iam';
import { withOverrides, type ContextValue, type RequestContext } from './request-context.ts';

/** Global keys whose type a JSON value does not show (an IP or a date arrives as a string). */
const KEY_TYPES: Readonly<Record<string, ContextKeyTypeEnum>> = {
  'aws:sourceip': 'ip',
  'aws:vpcsourceip': 'ip',
  'aws:currenttime': 'date',
  'aws:tokenissuetime': 'date',
  'aws:epochtime': 'numeric',
  'aws:multifactorauthage': 'numeric',
  'aws:multifactorauthpresent': 'boolean',
  'aws:securetransport': 'boolean',
  'aws:viaawsservice': 'boolean',
  'aws:principalisawsservice': 'boolean',
};

function scalarType(key: string, value: unknown): ContextKeyTypeEnum | null {
  const known = KEY_TYPES[key.toLowerCase()];
  if (known) return known;
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'numeric';
  return typeof value === 'string' ? 'string' : null;
}

function entry(key: string, value: unknown): ContextValue | null {
  if (Array.isArray(value)) {
    const type = value.length ? scalarType(key, value[0]) : 'string';
    if (!type || value.some((v) => typeof v === 'object' && v !== null)) return null;
    return { key, type: `${type}List` as ContextKeyTypeEnum, values: value.map(String) };
  }
  const type = scalarType(key, value);
  return type ? { key, type, values: [String(value)] } : null;
}

/** The recorded values as context entries (objects and nulls, which no condition compares, left out). */
export function recordedContext(values: Record<string, unknown>): RequestContext {
  return Object.entries(values).flatMap(([key, value]) => entry(key, value) ?? []);
}

/** The console's context with what AWS recorded put over it. */
export function withRecorded(context: RequestContext, recorded: RequestContext | undefined): RequestContext {
  return recorded?.length ? withOverrides(context, recorded) : context;
}
