// The policy a message names, as the engine fetches it: read by the panel's own ARN reader (console-links.ts), kept
// only where there is something to fetch.
import { describe, expect, test } from 'vitest';
import { namedPolicyOf } from '../../../src/engine/named-policy.ts';

describe('namedPolicyOf', () => {
  test('an IAM policy is fetched by its name, its path left out', () => {
    const arn = 'arn:aws-us-gov:iam::444444444444:policy/boundaries/FinanceBoundary';
    expect(namedPolicyOf(arn)).toEqual({ source: 'iam', arn, partition: 'aws-us-gov', name: 'FinanceBoundary' });
  });

  test('an SCP or RCP is fetched by its policy id, with or without the organization in its ARN', () => {
    const scp = 'arn:aws:organizations::999999999999:policy/o-exmpl12345/service_control_policy/p-exmpl111';
    const rcp = 'arn:aws:organizations::aws:policy/resource_control_policy/p-RCPFullAWSAccess';
    expect(namedPolicyOf(scp)).toEqual({ source: 'organizations', arn: scp, partition: 'aws', kind: 'scp', policyId: 'p-exmpl111' });
    expect(namedPolicyOf(rcp)).toEqual({ source: 'organizations', arn: rcp, partition: 'aws', kind: 'rcp', policyId: 'p-RCPFullAWSAccess' });
  });

  test.each([
    ['no name after the path', 'arn:aws:iam::444444444444:policy/boundaries/'],
    ['a partition AWS does not have', 'arn:aws-moon:iam::444444444444:policy/FinanceBoundary'],
    ['a masked account', 'arn:aws:iam::XXXXXXXXXXXX:policy/FinanceBoundary'],
    ['a role, not a policy', 'arn:aws:iam::444444444444:role/FinanceRole'],
    ['a tag policy', 'arn:aws:organizations::999999999999:policy/o-exmpl12345/tag_policy/p-exmpl111'],
  ])('nothing to fetch: %s', (_why, arn) => {
    expect(namedPolicyOf(arn)).toBeNull();
  });
});
