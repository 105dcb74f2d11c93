// The benchmark's adversarial 1 MB inputs (test/bench/parser-inputs.mjs), checked for correctness:
// they parse without throwing, into well-formed denials, with what each one should give. Timing is
// the benchmark's business (test/bench/parser.mjs), not this test's.

import { describe, expect, it } from 'vitest';
import type { Denial } from '../../../src/core/denial.ts';
import { blankDenial, denialKey, sameKeyFields, toDenialFields } from '../../../src/core/denial.ts';
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

// Copies that follow one another reuse the last copy's key (the repeated inputs above); the rules of the one place
// each denial keeps must hold through that shortcut as they do without it.
describe('de-duplication of copies', () => {
  const sentence = (who: string, resource: string) => `User: arn:aws:iam::111111111111:user/${who} is not authorized to perform: ce:GetCostAndUsage on resource: ${resource}`;
  const ID = 'h4f6j8l0g2d5s7a9m1n3b5v7c';
  const withId = (text: string) =>
    `${text}. Go to https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/authorization-details/${ID} for complete details, or call the GetRequestAuthorizationDetails API with the following authorization id: ${ID}`;

  it('sameKeyFields says what comparing denialKeys says, field by field', () => {
    const base = { ...toDenialFields(blankDenial('api-sentence')), principalArn: ALICE, action: 'ce:X', denyKind: 'implicit' as const };
    const fields = Object.keys(base) as (keyof typeof base)[];
    expect(fields).toHaveLength(10);
    for (const field of fields) {
      const other = { ...base, [field]: field === 'denyKind' ? 'explicit' : `other ${field}` };
      expect(sameKeyFields(base, other), field).toBe(denialKey(base) === denialKey(other));
    }
    expect(sameKeyFields(base, { ...base })).toBe(true);
  });

  it('keeps the first of back-to-back copies, in its place', () => {
    const a = sentence('alice', 'arn:aws:ce:us-east-1:111111111111:/GetCostAndUsage');
    const b = sentence('bob', 'arn:aws:ce:us-east-1:111111111111:/GetCostAndUsage');
    const denials = parseDenials([a, a, b, b, a, b].join('\n'));
    expect(denials.map((d) => d.principalArn)).toEqual(['arn:aws:iam::111111111111:user/alice', 'arn:aws:iam::111111111111:user/bob']);
  });

  it('a copy that differs in one field of the key only is another denial', () => {
    const denials = parseDenials([sentence('alice', 'one'), sentence('alice', 'two'), sentence('alice', 'one')].join('\n'));
    expect(denials.map((d) => d.resource)).toEqual(['one', 'two']);
  });

  it('a next copy that carries the authorization id the first lacks replaces it', () => {
    const a = sentence('alice', 'one');
    const denials = parseDenials([a, withId(a), a].join('\n'));
    expect(denials).toHaveLength(1);
    expect(denials[0]?.authorizationId).toBe(ID);
  });

  it('each repeated input reads as its first copy alone', () => {
    for (const copy of ["You don't have permission to ", 'Access denied to ce:GetCostAndUsage\n', `${sentence('alice', 'one')}\n`]) {
      const once = parseDenials(copy).map(toDenialFields);
      expect(parseDenials(copy.repeat(50)).map(toDenialFields)).toEqual(once);
    }
  });
});
