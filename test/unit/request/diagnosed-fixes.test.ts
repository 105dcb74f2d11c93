// The admin request carries what the diagnosis knows exactly: the statement to grant, and for access
// across accounts one request per account.

import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../../src/core/diagnosis.ts';
import { explainDenial } from '../../../src/core/rules/index.ts';
import { formatAdminRequest } from '../../../src/core/request/admin-request.ts';
import { diagnosisStub } from '../engine/helpers.ts';
import { ALICE, denial } from '../explain/denials.ts';

const base: Diagnosis = diagnosisStub({ status: 'partial', blockingLayer: 'role-trust', verdict: 'sts:AssumeRole crosses accounts.' });

const request = (diagnosis: Diagnosis) => {
  const d = denial({ ...ALICE, action: 'sts:AssumeRole', resource: 'arn:aws:iam::222222222222:role/BillingAuditor' });
  return formatAdminRequest({ denial: d, explanation: explainDenial(d), pageUrl: null, diagnosis }, 'text');
};

describe('fixes the diagnosis knows', () => {
  it('one request per account, each with its statement', () => {
    const text = request({
      ...base,
      accountSides: [
        {
          account: '111111111111',
          role: 'caller',
          state: 'allows',
          summary: "alice's own policies allow it.",
          request: { text: 'In account 111111111111, allow alice sts:AssumeRole on the role.', statement: { Sid: 'AllowCrossAccountAccess', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::222222222222:role/BillingAuditor' } },
        },
        {
          account: '222222222222',
          role: 'resource-owner',
          state: 'denies',
          summary: 'The trust policy of role BillingAuditor does not trust alice.',
          request: { text: 'In account 222222222222, add to the trust policy of role BillingAuditor a statement that allows alice.', statement: { Sid: 'AllowCallerFromOtherAccount', Effect: 'Allow', Action: 'sts:AssumeRole' } },
        },
      ],
    });
    expect(text).toContain('One request per account (each account has its own admin)');
    const [top] = text.split('\nDetails\n');
    expect(text.split('\n')[0]).toMatch(
      /^Please allow sts:AssumeRole on arn:aws:iam::222222222222:role\/BillingAuditor for user alice in account 111111111111: it takes one change in each account, asked of each account's admin below\./,
    );
    expect(top).toContain("- For the admin of account 111111111111 (the caller's account): please allow alice sts:AssumeRole on the role.");
    expect(top).toContain("- For the admin of account 222222222222 (the resource's account): please add to the trust policy of role BillingAuditor a statement that allows alice.");
    expect(text).toContain("Account 222222222222 (the resource's account; blocks it): The trust policy of role BillingAuditor does not trust alice.");
    expect(text).toContain('"Sid": "AllowCallerFromOtherAccount"');
  });

  it('the statement to grant, with its condition', () => {
    const text = request({
      ...base,
      blockingLayer: 'identity',
      suggestedStatement: { Sid: 'AllowPassRoleToService', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'budgets.amazonaws.com' } } },
    });
    expect(text).toContain('Statement to grant (from the diagnosis):');
    expect(text).toContain('"iam:PassedToService": "budgets.amazonaws.com"');
  });

  it('ignores malformed sides that crossed the message boundary', () => {
    const text = request({ ...base, accountSides: [{ account: 5 } as never] });
    expect(text).not.toContain('One request per account');
  });
});
