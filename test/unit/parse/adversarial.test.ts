// The benchmark's adversarial 1 MB inputs (test/bench/parser-inputs.mjs), checked for correctness:
// they parse without throwing, into well-formed denials, with what each one should give. Timing is
// the benchmark's business (test/bench/parser.mjs), not this test's.

import { describe, expect, it } from 'vitest';
import type { Denial } from '../../../src/core/denial.ts';
import { toDenialFields } from '../../../src/core/denial.ts';
import { containsDenialTrigger, parseDenials } from '../../../src/core/parse/index.ts';
import { adversarialInputs, mixedConsoleText } from '../../bench/parser-inputs.mjs';
import { problemsOf } from './well-formed.ts';

const inputs = adversarialInputs();

const ALICE = 'arn:aws:iam::111111111111:user/alice';
const A = 'arn:aws:iam::111111111111:user/a';

/** What each input must give, beyond "well formed". */
const expectations: Record<string, (denials: Denial[]) => void> = {
  'User: repeated': (d) => expect(d).toEqual([]),
  'is not authorized to perform: repeated': (d) => {
    expect(d).toHaveLength(1);
    expect(d[0]?.meta.partial).toBe(true);
  },
  'complete sentence repeated': (d) => {
    // "User: a" is not a principal ARN; one denial, de-duplicated, partial.
    expect(d).toHaveLength(1);
    expect(d[0]?.action).toBe('b:c');
  },
  'distinct sentences repeated': (d) => {
    expect(d.length).toBeGreaterThan(10000);
    expect(d.every((x) => x.action === 'ce:X' && x.principalType === 'user' && !x.meta.partial)).toBe(true);
  },
  'huge token before and after the anchor': (d) => {
    expect(d).toHaveLength(1);
    expect(d[0]?.principalArn).toBeNull();
    expect(d[0]?.meta.partial).toBe(true);
  },
  'nested brackets around a trigger': (d) => {
    expect(d.map(toDenialFields)).toEqual([
      expect.objectContaining({ principalArn: A, principalType: 'user', accountId: '111111111111', action: 'ce:X' }),
    ]);
  },
  '&amp; repeated': (d) => expect(d).toEqual([]),
  'nested &amp;amp; encoding': (d) => expect(d).toEqual([]),
  'entity-like runs without semicolons': (d) => expect(d).toEqual([]),
  'Context lines repeated': (d) => {
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ policyType: 'identity', denyKind: 'implicit', meta: { form: 'console-alert', partial: true } });
  },
  'label lines repeated': (d) => {
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ action: 'ce:Get', policyType: 'scp', denyKind: 'explicit' });
  },
  'CLI prefix fragments': (d) => {
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ principalArn: A, action: 'ce:X', meta: { errorCode: 'AccessDenied' } });
  },
  'Go SDK prefix fragments': (d) => {
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ principalArn: A, action: 'ce:X', meta: { errorCode: 'AccessDeniedException' } });
  },
  'backslash run before a JSON body': (d) => {
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ principalArn: A, action: 'ce:X' });
  },
  'huge encoded authorization message': (d) => {
    expect(d).toHaveLength(1);
    expect(d[0]?.meta.encodedMessage?.length).toBeGreaterThan(30000);
    expect(d[0]?.meta.partial).toBe(true);
  },
  'banner headings repeated': (d) => expect(d.map((x) => x.meta.form)).toEqual(['billing-banner']),
  'console headers repeated': (d) => {
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ action: 'ce:GetCostAndUsage', meta: { form: 'console-alert', partial: true } });
  },
  'whitespace and NBSP runs with triggers': (d) => {
    expect(d).toHaveLength(1);
    expect(d[0]?.action).toBe('ce:X');
  },
};

describe('adversarial inputs', () => {
  it.each(Object.keys(inputs))('%s: parses into well-formed denials', (name) => {
    const text = (inputs[name] as () => string)();
    const denials = parseDenials(text);
    for (const d of denials) expect(problemsOf(d)).toEqual([]);
    expect(containsDenialTrigger(text)).toBe(denials.length > 0);
    expectations[name]?.(denials);
  });

  it('the mixed console text yields every form, each well formed', () => {
    const denials = parseDenials(mixedConsoleText());
    for (const d of denials) expect(problemsOf(d)).toEqual([]);
    const forms = new Set(denials.map((d) => d.meta.form));
    expect([...forms].sort()).toEqual(['api-sentence', 'billing-banner', 'console-alert', 'service-message']);
    expect(denials.some((d) => d.authorizationId !== null && d.principalArn === ALICE)).toBe(true);
    expect(denials.filter((d) => d.meta.partial)).toEqual([]);
  });
});
