// iam:PassRole: the diagnosis names the service the role is passed to, simulates with
// iam:PassedToService set to it, and writes the fix with that condition.

import { afterAll, describe, expect, test } from 'vitest';
import { parseDenials } from '../../../src/core/parse/index.ts';
import { diagnoseDenial } from '../../../src/engine/index.ts';
import { loadScenario, startFakeAws, type FakeAws, type Scenario } from '../../fake-aws/server.mjs';
import { targetFor } from './fake-target.ts';

const fakes: FakeAws[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

async function diagnose(scenario: Scenario, pageUrl: string | null = null) {
  const fake = await startFakeAws({ scenario });
  fakes.push(fake);
  const d = await diagnoseDenial(parseDenials(scenario.denial)[0]!, targetFor(fake.url, scenario), { pageUrl });
  return { d, actions: fake.calls.map((c) => c.action) };
}

const base = loadScenario('passrole-budgets-action-role');

describe('iam:PassRole', () => {
  test("the role's trust policy names the service; the fix carries iam:PassedToService", async () => {
    const { d, actions } = await diagnose(base);
    expect(actions).toContain('GetRole');
    expect(d.verdict).toContain('budgets.amazonaws.com');
    expect(d.suggestedStatement).toEqual({
      Sid: 'AllowPassRoleToService',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: 'arn:aws:iam::111111111111:role/BudgetsActionRole',
      Condition: { StringEquals: { 'iam:PassedToService': 'budgets.amazonaws.com' } },
    });
  });

  test('on the Budgets console page the service is known without reading the role', async () => {
    const { d, actions } = await diagnose(base, 'https://us-east-1.console.aws.amazon.com/billing/home#/budgets/create');
    expect(actions).not.toContain('GetRole');
    expect(d.verdict).toContain('budgets.amazonaws.com (from the console page)');
  });

  test('the simulation gets iam:PassedToService: a policy that allows passing to Budgets is seen as allowing it', async () => {
    const allowsBudgets: Scenario = {
      ...base,
      name: 'passrole-allowed-for-budgets',
      users: base.users!.map((u) => ({
        ...u,
        inlinePolicies: {
          BudgetsOperator: {
            Version: '2012-10-17',
            Statement: [{ Sid: 'PassToBudgets', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'budgets.amazonaws.com' } } }],
          },
        },
      })),
    };
    const { d } = await diagnose(allowsBudgets);
    // Without the key the condition is false and IAM would answer implicitDeny.
    expect(d.evidence).toContainEqual({ call: 'iam:SimulatePrincipalPolicy', said: expect.stringContaining('allowed') });
    expect(d.suggestedStatement).toBeUndefined();
  });
});
