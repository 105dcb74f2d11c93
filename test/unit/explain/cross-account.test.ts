// Offline: a resource in another account names both accounts' sides and a part of the request for each admin.

import { describe, expect, it } from 'vitest';
import { explainDenial } from '../../../src/core/rules/index.ts';
import { ALICE, denial } from './denials.ts';

describe('cross-account access, offline', () => {
  it('sts:AssumeRole on a role in another account: both sides, one step per admin', () => {
    const e = explainDenial(denial({ ...ALICE, action: 'sts:AssumeRole', resource: 'arn:aws:iam::222222222222:role/BillingAuditor' }));
    expect(e.verdict).toContain('crosses accounts');
    expect(e.verdict).toContain('the trust policy of role BillingAuditor in account 222222222222');
    expect(e.notes.map((n) => n.kind)).toContain('cross-account');
    expect(e.steps.some((s) => s.startsWith('Ask the admin of account 111111111111'))).toBe(true);
    expect(e.steps.some((s) => s.startsWith('Ask the admin of account 222222222222') && s.includes('trust policy of role BillingAuditor'))).toBe(true);
    expect(e.links.map((l) => l.url)).toContain('https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html');
  });

  it("a resource policy in another account names the owner's side", () => {
    const e = explainDenial(denial({ ...ALICE, action: 'kms:Decrypt', resource: 'arn:aws:kms:us-east-1:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab', policyType: 'resource', denyKind: 'implicit' }));
    expect(e.notes.find((n) => n.kind === 'cross-account')?.text).toContain('account 333333333333 in the resource-based policy');
  });

  it('a resource in the same account is not cross-account', () => {
    const e = explainDenial(denial({ ...ALICE, action: 'budgets:ViewBudget', resource: 'arn:aws:budgets::111111111111:budget/team' }));
    expect(e.notes.map((n) => n.kind)).not.toContain('cross-account');
  });
});
