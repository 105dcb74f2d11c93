// Property tests (fast-check): any string, and real denial texts (the forms table and the real
// messages people pasted) mutated every way a page or a paste can mangle them, parse without throwing into well-formed denials; the pre-check agrees
// with the parser; normalisation is idempotent; a denial's own message reads back as the same denial.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Denial } from '../../../src/core/denial.ts';
import { denialKey, toDenialFields } from '../../../src/core/denial.ts';
import { containsDenialTrigger, normalizeDenialText, parseDenials } from '../../../src/core/parse/index.ts';
import forms from '../../fixtures/denials/forms.json';
import real from '../../fixtures/denials/real-messages.json';
import { problemsOf } from './well-formed.ts';

const REAL_TEXTS = [...(forms as unknown as { cases: Array<{ text: string }> }).cases, ...(real as unknown as { cases: Array<{ text: string }> }).cases]
  .map((c) => c.text)
  .filter((t) => t.length > 0);
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);

const INJECTIONS = [
  '&amp;', '&nbsp;', '&quot;', '&#39;', '&#x2F;', '&lt;br&gt;', '&amp;quot;', '&rsquo;', '&', ';', '&#',
  '\u00a0', '\u2009', '\u202f', '\u3000', '\t', '\r\n', '\n', '\n\n', '  ',
  '\u202e', '\u202d', '\u2066', '\u2069', '\u200b', '\u200f', '\ufeff', '\u00ad', '\u0000', '\u0007', '\u0085',
  '<br>', '<br />', '<script>alert(1)</script>', '<b>', '</b>', '<Message>', '</Message>', '"', '\\"', '\\', '{', '}', '[', ']', '(', ')',
  '’', '‘', '“', '”', ': ', '.', ', with policy ARN: ', 'arn:', 'User: ', 'Context: ', 'is not authorized to perform: ',
  ' with an explicit deny in a ', ' because no ', ' allows the ', 'You need permissions', 'İ', '\u212a', '😀', '\ud800',
  // What pasted text carries (issue 15): masks, placeholders, code spans, literal escapes, Terraform's gutter.
  '***', '<account_id>', '[child account number]', '{accountid}', '`', "'", '\\n', "\\'", '\\\\n', '\u2502 ', '\n\u2502 ', 'b\'', '...', 'is not',
];

type Mutation = (s: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.constantFrom(...INJECTIONS)).map(([at, chunk]) => (s: string) => {
    const i = at % (s.length + 1);
    return s.slice(0, i) + chunk + s.slice(i);
  }),
  fc.tuple(fc.nat(), fc.nat({ max: 40 })).map(([at, n]) => (s: string) => {
    const i = at % (s.length + 1);
    return s.slice(0, i) + s.slice(i + n);
  }),
  fc.tuple(fc.nat(), fc.nat({ max: 80 })).map(([at, n]) => (s: string) => {
    const i = at % (s.length + 1);
    const chunk = s.slice(i, i + n);
    return s.slice(0, i) + chunk + chunk + s.slice(i + n);
  }),
  fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: 60 })).map(([a, b, n]) => (s: string) => {
    const i = a % (s.length + 1);
    const j = b % (s.length + 1);
    const [x, y] = i < j ? [i, j] : [j, i];
    if (y - x < n) return s;
    return s.slice(0, x) + s.slice(y - n, y) + s.slice(x + n, y - n) + s.slice(x, x + n) + s.slice(y);
  }),
  fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 12 })).map(([at, chunk]) => (s: string) => {
    const i = at % (s.length + 1);
    return s.slice(0, i) + chunk + s.slice(i);
  }),
  fc.constant((s: string) => s.toUpperCase()),
  fc.constant((s: string) => s.replaceAll(' ', '\u00a0')),
  fc.constant((s: string) => s.replaceAll('\n', '<br>')),
  fc.constant((s: string) => s.replaceAll('"', '&quot;').replaceAll("'", '&#39;')),
);

const mutatedText = fc
  .tuple(fc.constantFrom(...REAL_TEXTS), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.array(fc.constantFrom(...REAL_TEXTS), { maxLength: 2 }))
  .map(([text, mutations, extra]) => mutations.reduce((s, m) => m(s), [text, ...extra].join('\n')));

const anyString = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ maxLength: 400 }));

/** JSON with every non-ASCII character escaped, so a failing input can be copied exactly. */
function show(v: unknown): string {
  return JSON.stringify(v).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function expectWellFormed(text: string, denials: Denial[]): void {
  for (const d of denials) {
    const problems = problemsOf(d);
    if (problems.length > 0) throw new Error(`${problems.join('; ')}\n  in ${show(d)}\n  from ${show(text)}`);
  }
  const keys = denials.map(denialKey);
  if (new Set(keys).size !== keys.length) throw new Error(`duplicate denials from ${show(text)}`);
}

/** Parsing a denial's own message gives back a denial with the same fields. */
function expectMessageReadsBack(text: string, denials: Denial[]): void {
  for (const d of denials) {
    const again = parseDenials(d.meta.message).map((r) => JSON.stringify(toDenialFields(r)));
    const want = JSON.stringify(toDenialFields(d));
    if (!again.includes(want)) throw new Error(`message does not read back:\n  ${want}\n  got ${again.join('\n      ')}\n  message ${show(d.meta.message)}\n  from ${show(text)}`);
  }
}

function checkAll(text: string): void {
  const denials = parseDenials(text);
  expectWellFormed(text, denials);
  if (containsDenialTrigger(text) !== denials.length > 0) throw new Error(`pre-check says ${!denials.length} for ${show(text)}`);
  const once = normalizeDenialText(text);
  const twice = normalizeDenialText(once);
  if (twice !== once) throw new Error(`normalisation not idempotent:\n  once  ${show(once)}\n  twice ${show(twice)}\n  from ${show(text)}`);
  expectMessageReadsBack(text, denials);
}

describe('parser properties', () => {
  it('any string: no throw, well formed, pre-check agrees, idempotent normalisation', () => {
    fc.assert(fc.property(anyString, (s) => checkAll(s)), { numRuns: RUNS * 2 });
  });

  it('mutated real denial texts: the same properties', () => {
    fc.assert(fc.property(mutatedText, (s) => checkAll(s)), { numRuns: RUNS * 5 });
  });

  it('texts built from grammar pieces: the same properties', () => {
    const piece = fc.constantFrom(...INJECTIONS, 'ce:GetCostAndUsage', 'arn:aws:iam::111111111111:user/alice', 'on resource: ', 'service control policy', 'identity-based policy', 'Service: ce', 'Action: GetCostAndUsage', "You don't have permission to ", 'IAM user access not activated', 'An error occurred (AccessDenied) when calling the X operation: ', '{"__type":"AccessDeniedException","message":"', '"}', 'Encoded authorization failure message: ', 'authorization id: ', ' action');
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }).map((p) => p.join('')), (s) => checkAll(s)), { numRuns: RUNS * 5 });
  });

  it('the real texts themselves satisfy the properties (and each reads at least one denial or none as listed)', () => {
    for (const text of REAL_TEXTS) checkAll(text);
  });

  it('never throws on non-string input from JavaScript callers', () => {
    for (const v of [undefined, null, 42, {}, [], Symbol('x')]) {
      expect(parseDenials(v as unknown as string)).toEqual([]);
      expect(containsDenialTrigger(v as unknown as string)).toBe(false);
      expect(normalizeDenialText(v as unknown as string)).toBe('');
    }
  });
});
