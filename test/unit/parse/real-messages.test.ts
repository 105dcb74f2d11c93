// Real denial messages as people pasted them (test/fixtures/denials/real-messages.json, issue 15):
// SDK and CLI wrappers, CI logs, masked accounts, placeholders, byte reprs. Each case names its
// public source; the expectations were written by hand from the contract in README ("The CLI").

import { describe, expect, it } from 'vitest';
import type { DenialFields } from '../../../src/core/denial.ts';
import { toDenialFields } from '../../../src/core/denial.ts';
import { containsDenialTrigger, parseDenials } from '../../../src/core/parse/index.ts';
import real from '../../fixtures/denials/real-messages.json';
import { problemsOf } from './well-formed.ts';

interface RealCase {
  source: string;
  url: string;
  text: string;
  expected: DenialFields[];
}

const table = real as unknown as { cases: RealCase[] };

describe('real messages', () => {
  it.each(table.cases.map((c, i) => [`${i + 1} ${c.source}`, c] as const))('%s', (_name, c) => {
    const denials = parseDenials(c.text);
    expect(denials.map(toDenialFields)).toEqual(c.expected);
    for (const d of denials) expect(problemsOf(d)).toEqual([]);
    expect(containsDenialTrigger(c.text)).toBe(true);
  });

  it('has at least 40 cases, each with a public source', () => {
    expect(table.cases.length).toBeGreaterThanOrEqual(40);
    for (const c of table.cases) expect(c.url).toMatch(/^https:\/\/[^\s]+$/);
  });
});
