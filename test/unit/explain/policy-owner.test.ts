// Who holds an inline or trust policy, read one way for the frame's command lines (policy-commands.ts) and for
// reading today's version of a recorded policy (todays-version.ts).
import { describe, expect, it } from 'vitest';
import type { BlockingPolicy } from '../../../src/core/diagnosis.ts';
import { iamOwnerOf } from '../../../src/core/knowledge/console-links.ts';
import { todaysVersionSource } from '../../../src/core/todays-version.ts';
import { policyCommands } from '../../../src/diagnosis-frame/policy-commands.ts';

const ROLE = 'arn:aws:iam::222222222222:role/finance/FinanceRole';

describe('iamOwnerOf', () => {
  it('is the first IAM user, group or role among "attached to", its path left out', () => {
    expect(iamOwnerOf(ROLE)).toEqual({ kind: 'role', name: 'FinanceRole', arn: ROLE });
    expect(iamOwnerOf(`ou-ab12-22222222, ${ROLE}, arn:aws:iam::222222222222:user/alice`)).toEqual({ kind: 'role', name: 'FinanceRole', arn: ROLE });
  });

  it('passes over a name IAM would not allow (it goes into API calls and command lines), and holds nothing else', () => {
    expect(iamOwnerOf('arn:aws:iam::222222222222:user/al;ice, arn:aws:iam::222222222222:group/Finance')).toEqual({ kind: 'group', name: 'Finance', arn: 'arn:aws:iam::222222222222:group/Finance' });
    for (const none of [null, undefined, '', 'r-ab12', 'arn:aws:sts::222222222222:assumed-role/FinanceRole/bob']) expect(iamOwnerOf(none)).toBeNull();
  });
});

describe('one owner for the command lines and for today\'s version', () => {
  const inline = (attachedTo: string): BlockingPolicy => ({
    policyType: 'identity', name: 'BudgetLimits', arn: null, attachedTo, statementSid: 'Deny', statement: null, consoleUrl: null,
  });

  it('an inline policy whose "attached to" starts with something else: both find its role', () => {
    const policy = inline(`arn:aws:sts::222222222222:assumed-role/FinanceRole/bob, ${ROLE}`);
    expect(todaysVersionSource(policy)).toEqual({ owner: { kind: 'role', name: 'FinanceRole', arn: ROLE }, policyName: 'BudgetLimits' });
    expect(policyCommands(policy)?.lines.join('\n')).toContain('--role-name FinanceRole --policy-name BudgetLimits');
  });

  it('without an owner, neither offers anything', () => {
    const policy = inline('r-ab12');
    expect(todaysVersionSource(policy)).toBeNull();
    expect(policyCommands(policy)).toBeNull();
  });
});
