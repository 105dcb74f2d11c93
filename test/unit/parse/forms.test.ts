// The forms table (test/fixtures/denials/forms.json): each text gives exactly the expected
// DenialFields, in order, and the DenialMeta fields the case names.

import { describe, expect, it } from 'vitest';
import type { DenialCause, DenialFields, DenialForm, DenialMeta, PolicyType, PrincipalType } from '../../../src/core/denial.ts';
import { toDenialFields } from '../../../src/core/denial.ts';
import { containsDenialTrigger, parseDenials } from '../../../src/core/parse/index.ts';
import forms from '../../fixtures/denials/forms.json';

interface Expected {
  fields: DenialFields;
  meta?: Partial<DenialMeta>;
}
interface FormCase {
  name: string;
  grammar: string;
  text: string;
  expected: Expected[];
}

const table = forms as unknown as { cases: FormCase[] };

describe('forms table', () => {
  it.each(table.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const denials = parseDenials(c.text);
    expect(denials.map(toDenialFields)).toEqual(c.expected.map((e) => e.fields));
    c.expected.forEach((e, i) => {
      if (e.meta) expect(denials[i]?.meta).toMatchObject(e.meta);
    });
    expect(containsDenialTrigger(c.text)).toBe(c.expected.length > 0);
  });
});

describe('forms table coverage', () => {
  const all = table.cases.flatMap((c) => c.expected);
  const has = (pred: (e: Expected) => boolean) => all.some(pred);

  it('has an explicit and an implicit case for every policy type', () => {
    const types: PolicyType[] = ['identity', 'resource', 'permissions-boundary', 'session', 'scp', 'rcp', 'vpc-endpoint', 'role-trust'];
    for (const t of types) {
      expect(has((e) => e.fields.policyType === t && e.fields.denyKind === 'explicit'), `${t} explicit`).toBe(true);
      expect(has((e) => e.fields.policyType === t && e.fields.denyKind === 'implicit'), `${t} implicit`).toBe(true);
    }
  });

  it('has every principal type, form and cause', () => {
    const principals: PrincipalType[] = ['user', 'role', 'assumed-role', 'federated-user', 'root', 'service'];
    for (const p of principals) expect(has((e) => e.fields.principalType === p), p).toBe(true);
    const forms: DenialForm[] = ['api-sentence', 'console-alert', 'billing-banner', 'service-message'];
    for (const f of forms) expect(has((e) => e.meta?.form === f), f).toBe(true);
    const causes: DenialCause[] = ['iam-billing-access-not-activated', 'cost-explorer-not-enabled', 'linked-account-cost-explorer-disabled', 'management-account-standalone-context'];
    for (const c of causes) expect(has((e) => e.fields.cause === c), c).toBe(true);
  });

  it('has all 13 constructed examples of grammar section 9', () => {
    for (let n = 1; n <= 13; n++) expect(table.cases.some((c) => c.grammar === `9.${n}`), `9.${n}`).toBe(true);
  });

  it('has partial cases, several-denial cases and a no-trigger case', () => {
    expect(has((e) => e.meta?.partial === true)).toBe(true);
    expect(table.cases.some((c) => c.expected.length > 1)).toBe(true);
    expect(table.cases.some((c) => c.expected.length === 0)).toBe(true);
  });
});
