// Shared test helpers for the engine: Denial objects, an in-memory KeyValueStore, a Diagnosis stub.

import { blankDenial, type Denial } from '../../../src/core/denial.ts';
import type { Diagnosis } from '../../../src/core/diagnosis.ts';
import type { KeyValueStore } from '../../../src/engine/index.ts';

export function denial(fields: Partial<Denial> = {}): Denial {
  const blank = blankDenial('api-sentence');
  return {
    ...blank,
    principalArn: 'arn:aws:iam::111111111111:user/alice',
    principalType: 'user',
    accountId: '111111111111',
    action: 'ce:GetCostAndUsage',
    ...fields,
    meta: { ...blank.meta, principalSource: 'message', ...fields.meta },
  };
}

export class MapStore implements KeyValueStore {
  readonly map = new Map<string, unknown>();
  gets = 0;
  async get(key: string) {
    this.gets++;
    // Like storage.session: values come back as copies.
    const value = this.map.get(key);
    return value === undefined ? undefined : structuredClone(value);
  }
  async set(key: string, value: unknown) {
    this.map.set(key, structuredClone(value));
  }
  async delete(key: string) {
    this.map.delete(key);
  }
}

export function diagnosisStub(fields: Partial<Diagnosis> = {}): Diagnosis {
  return {
    status: 'done',
    blockingLayer: 'identity',
    verdict: 'stub',
    blocking: [],
    decidingConditions: [],
    evidence: [],
    problems: [],
    diagnosticPolicySuggestion: null,
    steps: [],
    usedProfile: 'p',
    awsCalls: 2,
    fromCache: false,
    finishedAt: 0,
    ...fields,
  };
}
