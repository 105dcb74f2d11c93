// Diagnoses cached in a key-value store (storage.session in the extension, a Map in tests) for a
// while, so re-rendered or repeated denials answer at once. Identical concurrent requests share one
// run; `recheck` skips the cached answer and replaces it. Failures that may pass (network,
// throttling, credentials, a permission being added) are not cached.

import type { DenialFields } from '../core/denial.ts';
import type { Diagnosis, DiagnosisFailureKind } from '../core/diagnosis.ts';
import { consolePageForUrl } from '../core/knowledge/console-pages.ts';
import { passedToService } from '../core/knowledge/passed-to-service.ts';
import { failedDiagnosis } from './draft.ts';

export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

export const DEFAULT_CACHE_TTL_MS = 10 * 60 * 1000;

/** Every cache key starts with this, so a store can prune old entries. */
export const DIAGNOSIS_CACHE_PREFIX = 'why-denied/diagnosis/';
const KEY_PREFIX = DIAGNOSIS_CACHE_PREFIX;
const LASTING_KINDS: ReadonlySet<DiagnosisFailureKind> = new Set(['not-simulatable']);

/**
 * One key per profile and denial: who, what, on what, plus what changes the answer: the message's
 * policy ARN and cause (the path taken), its authorization ID (AWS's record of that one request), and
 * for iam:PassRole the service the page passes the role to (the same denial on a Budgets page and on
 * another page is not the same question).
 */
export function diagnosisCacheKey(profileName: string, denial: DenialFields, pageUrl: string | null = null): string {
  const passedTo = denial.action?.toLowerCase() === 'iam:passrole' ? passedToService(consolePageForUrl(pageUrl)?.id ?? null, null) : null;
  return KEY_PREFIX + JSON.stringify([profileName, denial.principalArn ?? denial.accountId, denial.action, denial.resource, denial.policyArn, denial.cause, denial.authorizationId, passedTo]);
}

interface Entry {
  storedAt: number;
  diagnosis: Diagnosis;
}

function isEntry(value: unknown): value is Entry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Partial<Entry>;
  return typeof e.storedAt === 'number' && typeof e.diagnosis === 'object' && e.diagnosis !== null && typeof e.diagnosis.status === 'string' && Array.isArray(e.diagnosis.problems);
}

function isCacheable(d: Diagnosis): boolean {
  return d.problems.every((p) => LASTING_KINDS.has(p.kind));
}

export class DiagnosisCache {
  private readonly inFlight = new Map<string, Promise<Diagnosis>>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly store: KeyValueStore, opts: { ttlMs?: number; now?: () => number } = {}) {
    this.ttlMs = opts.ttlMs ?? DEFAULT_CACHE_TTL_MS;
    this.now = opts.now ?? Date.now;
  }

  run(key: string, recheck: boolean, work: () => Promise<Diagnosis>): Promise<Diagnosis> {
    const pending = recheck ? undefined : this.inFlight.get(key);
    if (pending) return pending.then((d) => ({ ...d }));
    const flight = this.fly(key, recheck, work);
    this.inFlight.set(key, flight);
    const clear = () => {
      if (this.inFlight.get(key) === flight) this.inFlight.delete(key);
    };
    flight.then(clear, clear);
    return flight.then((d) => ({ ...d }));
  }

  private async fly(key: string, recheck: boolean, work: () => Promise<Diagnosis>): Promise<Diagnosis> {
    if (!recheck) {
      const hit = await this.read(key);
      if (hit) return { ...hit, fromCache: true };
    }
    let diagnosis: Diagnosis;
    try {
      diagnosis = await work();
    } catch (e) {
      diagnosis = failedDiagnosis('unknown', `The diagnosis stopped unexpectedly (${e instanceof Error ? e.name : 'error'}).`);
    }
    if (isCacheable(diagnosis)) await this.write(key, { storedAt: this.now(), diagnosis: { ...diagnosis, fromCache: false } });
    else if (recheck) await this.remove(key);
    return diagnosis;
  }

  private async read(key: string): Promise<Diagnosis | null> {
    let value: unknown;
    try {
      value = await this.store.get(key);
    } catch {
      return null;
    }
    if (value === undefined || value === null) return null;
    if (!isEntry(value) || this.now() - value.storedAt > this.ttlMs || value.storedAt > this.now() + 60_000) {
      await this.remove(key);
      return null;
    }
    return value.diagnosis;
  }

  private async write(key: string, entry: Entry): Promise<void> {
    try {
      await this.store.set(key, entry);
    } catch {
      // Storage full or unavailable: the answer still reaches the caller, it is just not kept.
    }
  }

  private async remove(key: string): Promise<void> {
    try {
      await this.store.delete(key);
    } catch {
      // Same as write.
    }
  }
}
