import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { decodePolicyText, parsePolicy, statementAt, statementRanges } from '../../../src/engine/policy-json.ts';
// @ts-expect-error plain JS module of the fake
import { statementPositions } from '../../fake-aws/policy-text.mjs';

const doc = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'AllowRead', Effect: 'Allow', Action: ['ce:Get*'], Resource: '*' },
    { Sid: 'DenyNoMfa', Effect: 'Deny', Action: '*', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': false } } },
  ],
};

describe('parsePolicy', () => {
  test('decodes the URL-encoded text IAM returns', () => {
    const text = JSON.stringify(doc, null, 4);
    const parsed = parsePolicy(encodeURIComponent(text))!;
    expect(parsed.text).toBe(text);
    expect(parsed.document.Statement.map((s) => s.Sid)).toEqual(['AllowRead', 'DenyNoMfa']);
    expect(parsed.document.Statement[1]!.Condition).toEqual({ BoolIfExists: { 'aws:MultiFactorAuthPresent': false } });
  });

  test('a single Statement object becomes a list; bad text is null, never a throw', () => {
    expect(parsePolicy('{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}')!.document.Statement).toHaveLength(1);
    for (const bad of ['', 'not json', '%7Bbroken', '[1,2]', 'null', '%E0%A4%A']) expect(parsePolicy(bad)).toBeNull();
  });

  test('plain text with a percent sign is not decoded', () => {
    expect(decodePolicyText('{"Sid":"100%25"}')).toBe('{"Sid":"100%25"}');
  });
});

describe('statement positions', () => {
  test('agree with the positions the fake (and IAM) report, for every layout', () => {
    for (const text of [JSON.stringify(doc), JSON.stringify(doc, null, 2), JSON.stringify(doc, null, 4), '{\n"Version":"2012-10-17",\n  "Statement":\n[ {"Effect":"Allow","Action":"*","Resource":"*"} ,\n {"Effect":"Deny","Action":"*","Resource":"*"}]}']) {
      const theirs = statementPositions(text) as { StartPosition: { Line: number; Column: number } }[];
      const ours = statementRanges(text);
      expect(ours.map((r) => r.start)).toEqual(theirs.map((p) => ({ line: p.StartPosition.Line, column: p.StartPosition.Column })));
      theirs.forEach((p, i) => expect(statementAt(text, { line: p.StartPosition.Line, column: p.StartPosition.Column })).toBe(i));
    }
  });

  test('any generated policy: each statement start maps back to that statement', () => {
    const statement = fc.record({
      Sid: fc.stringMatching(/^[A-Za-z0-9]{1,12}$/),
      Effect: fc.constantFrom('Allow', 'Deny'),
      Action: fc.oneof(fc.constant('*'), fc.array(fc.stringMatching(/^[a-z]{2,5}:[A-Za-z*]{1,8}$/), { minLength: 1, maxLength: 3 })),
      Resource: fc.constant('*'),
    });
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 6 }), fc.constantFrom(0, 2, 4), (statements, indent) => {
        const text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, indent);
        const ranges = statementRanges(text);
        expect(ranges).toHaveLength(statements.length);
        ranges.forEach((r, i) => expect(statementAt(text, r.start)).toBe(i));
      }),
    );
  });
});
