// Counterfactual runs: change one context key the console request carries (MFA, Region) and see
// whether the decision flips. Probes are chosen from the condition keys the deciding policies use,
// so no run is made for a key nothing refers to. All probes go in one run first; only when that
// flips the decision and there are several probes are they tried one by one.

import type { PolicyStatement } from '../core/explanation.ts';
import { CANDIDATE_REGIONS } from './regions.ts';
import { MFA_AGE, MFA_PRESENT, REQUESTED_REGION, valueOf, withOverrides, type ContextValue, type RequestContext } from './request-context.ts';

export type ProbeId = 'mfa' | 'region' | 'network' | 'recorded';

export interface Probe {
  id: ProbeId;
  /** The context key whose value decides, for `decidingConditions`. */
  key: string;
  overrides: ContextValue[];
  /** Keys the probe leaves out of the request (a value AWS recorded, to see whether it decides). */
  remove?: string[];
  /** The value AWS recorded for `key`, for a probe that leaves it out. */
  recorded?: string;
  /** What the probe changes, in words: "with MFA", "from eu-west-1". */
  change: string;
}

export function mfaProbe(): Probe {
  return {
    id: 'mfa',
    key: MFA_PRESENT,
    overrides: [
      { key: MFA_PRESENT, type: 'boolean', values: ['true'] },
      { key: MFA_AGE, type: 'numeric', values: ['60'] },
    ],
    change: 'with MFA',
  };
}

export function regionProbe(region: string): Probe {
  return { id: 'region', key: REQUESTED_REGION, overrides: [{ key: REQUESTED_REGION, type: 'string', values: [region] }], change: `from ${region}` };
}

/**
 * Keys of the request's circumstances, besides MFA and the Region, that a user can change by where
 * they send the request from. Keys about who the principal is (tags, ARN, "is AWS service") are not
 * probed: a what-if on them would not be something the user can do.
 */
const NETWORK_KEYS: Record<string, ContextValue['type']> = {
  'aws:sourceip': 'ip',
  'aws:sourcevpc': 'string',
  'aws:sourcevpce': 'string',
};

/** A value that makes the statement's condition on `key` not apply (Deny) or apply (Allow), from the statement itself. */
function escapingValue(statement: PolicyStatement, key: string, type: ContextValue['type']): string | null {
  for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
    const entry = Object.entries(block).find(([k]) => k.toLowerCase() === key.toLowerCase());
    if (!entry) continue;
    const values = (Array.isArray(entry[1]) ? entry[1] : [String(entry[1])]).filter(Boolean);
    const base = operator.replace(/^For(Any|All)Value:/i, '').replace(/IfExists$/i, '');
    const negated = /^(?:StringNot|ArnNot|NotIp)/i.test(base);
    // A Deny stops applying when its condition is false; an Allow starts applying when it is true.
    const wantInList = statement.Effect === 'Deny' ? negated : !negated;
    const first = values[0];
    if (wantInList) return first ? (type === 'ip' ? hostIn(first) : first.replace(/[*?]/g, 'x')) : null;
    return type === 'ip' ? '192.0.2.10' : 'why-denied-other';
  }
  return null;
}

/** An address inside an IPv4 CIDR (its first host), or the address itself. */
function hostIn(cidr: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)(?:\/(\d+))?$/.exec(cidr);
  if (!m) return cidr.split('/')[0] ?? cidr;
  const bits = Number(m[5] ?? 32);
  const address = m.slice(1, 5).reduce((n, part) => n * 256 + Number(part), 0);
  const host = bits >= 31 ? address : address + 1;
  return [24, 16, 8, 0].map((shift) => Math.floor(host / 2 ** shift) % 256).join('.');
}

/** Probes for the network keys the statements use: one per key, with a value taken from the statement. */
export function networkProbes(statements: readonly PolicyStatement[]): Probe[] {
  const probes: Probe[] = [];
  for (const statement of statements) {
    for (const key of conditionKeysOf(statement)) {
      const type = NETWORK_KEYS[key.toLowerCase()];
      if (!type || probes.some((p) => p.key.toLowerCase() === key.toLowerCase())) continue;
      const value = escapingValue(statement, key, type);
      if (value) probes.push({ id: 'network', key, overrides: [{ key, type, values: [value] }], change: `from ${value}` });
    }
  }
  return probes;
}

/**
 * For an implicit deny no statement gives a value to try, but AWS's record gives the one the request
 * had: a network key the policies use is probed by leaving the recorded value out.
 */
export function recordedNetworkProbes(recorded: RequestContext | undefined, keys: readonly string[], taken: readonly Probe[]): Probe[] {
  const used = new Set(keys.map((k) => k.toLowerCase()));
  return (recorded ?? [])
    .filter((c) => NETWORK_KEYS[c.key.toLowerCase()] && used.has(c.key.toLowerCase()) && !taken.some((p) => p.key.toLowerCase() === c.key.toLowerCase()))
    .map((c) => ({ id: 'recorded' as const, key: c.key, overrides: [], remove: [c.key], recorded: c.values.join(', '), change: `without the recorded ${c.key}` }));
}

export function conditionKeysOf(statement: PolicyStatement): string[] {
  return Object.values(statement.Condition ?? {}).flatMap((block) => Object.keys(block));
}

function refersTo(keys: readonly string[], ...wanted: string[]): boolean {
  const lower = new Set(keys.map((k) => k.toLowerCase()));
  return wanted.some((w) => lower.has(w.toLowerCase()));
}

export function refersToMfa(keys: readonly string[]): boolean {
  return refersTo(keys, MFA_PRESENT, MFA_AGE);
}

export function refersToRegion(keys: readonly string[]): boolean {
  return refersTo(keys, REQUESTED_REGION);
}

/** Region values a statement's conditions name for aws:RequestedRegion. */
export function regionValuesOf(statements: readonly PolicyStatement[]): string[] {
  const values: string[] = [];
  for (const s of statements) {
    for (const block of Object.values(s.Condition ?? {})) {
      for (const [key, v] of Object.entries(block)) {
        if (key.toLowerCase() !== REQUESTED_REGION.toLowerCase()) continue;
        for (const value of Array.isArray(v) ? v : [String(v)]) values.push(value);
      }
    }
  }
  return values;
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

/**
 * Regions worth trying as "an allowed Region", best first: the ones the policy names, the
 * profile's home Region, Regions matching the policy's wildcards, then the rest.
 */
export function candidateRegions(policyValues: readonly string[], homeRegion: string, current: string): string[] {
  const literal = policyValues.filter((v) => !/[*?$]/.test(v));
  const patterns = policyValues.filter((v) => /[*?]/.test(v)).map(globToRegExp);
  const matching = CANDIDATE_REGIONS.filter((r) => patterns.some((p) => p.test(r)));
  const ordered = [...literal, homeRegion, ...matching, ...CANDIDATE_REGIONS];
  return [...new Set(ordered)].filter((r) => r && r !== current);
}

export type Check = (context: RequestContext) => Promise<'allowed' | 'denied' | 'unknown'>;

export interface WhatIfOutcome {
  /** Probes that on their own turn the decision into "allowed". */
  deciding: Probe[];
  /** True when only all probes together allow it. */
  allTogether: boolean;
  runs: number;
  /** Some run could not be evaluated (a call failed), so "nothing decides" is not proven. */
  incomplete: boolean;
}

export async function runWhatIf(base: RequestContext, probes: readonly Probe[], check: Check): Promise<WhatIfOutcome> {
  if (!probes.length) return { deciding: [], allTogether: false, runs: 0, incomplete: false };
  const combined = await check(withOverrides(base, probes.flatMap((p) => p.overrides), probes.flatMap((p) => p.remove ?? [])));
  if (combined !== 'allowed') return { deciding: [], allTogether: false, runs: 1, incomplete: combined === 'unknown' };
  if (probes.length === 1) return { deciding: [...probes], allTogether: false, runs: 1, incomplete: false };
  const deciding: Probe[] = [];
  let incomplete = false;
  for (const probe of probes) {
    const result = await check(withOverrides(base, probe.overrides, probe.remove));
    if (result === 'allowed') deciding.push(probe);
    incomplete ||= result === 'unknown';
  }
  const runs = probes.length + 1;
  if (deciding.length || incomplete) return { deciding, allTogether: false, runs, incomplete };
  return { deciding: [...probes], allTogether: true, runs, incomplete };
}

export function currentRegion(context: RequestContext): string {
  return valueOf(context, REQUESTED_REGION) ?? '';
}
