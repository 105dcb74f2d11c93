import { describe, expect, test } from 'vitest';
import { policySourceOf } from '../../../src/engine/policy-source.ts';
import { directSimulatedPrincipal, parsePrincipalArn } from '../../../src/engine/principal.ts';
import { iamEntityUrl, managedPolicyUrl, orgPolicyUrl } from '../../../src/engine/console-links.ts';

const alice = directSimulatedPrincipal(parsePrincipalArn('arn:aws:iam::111111111111:user/alice_smith')!)!;
const matched = (id: string, type: string) => ({ sourcePolicyId: id, sourcePolicyType: type, start: null });

describe('policySourceOf', () => {
  test('documented source types', () => {
    expect(policySourceOf(matched('DenyCE', 'user'), alice)).toMatchObject({ kind: 'inline', owner: 'user', ownerName: 'alice_smith', policyName: 'DenyCE' });
    expect(policySourceOf(matched('Finance', 'group'), alice)).toMatchObject({ kind: 'inline', owner: 'group', ownerName: null, policyName: 'Finance' });
    expect(policySourceOf(matched('AWSDenyAll', 'aws-managed'), alice)).toEqual({ kind: 'managed', policyName: 'AWSDenyAll', awsManaged: true });
    expect(policySourceOf(matched('Guardrails', 'user-managed'), alice)).toEqual({ kind: 'managed', policyName: 'Guardrails', awsManaged: false });
    expect(policySourceOf(matched('x', 'resource'), alice).kind).toBe('other');
  });

  test('"IAM Policy" ids as the real service prints them, names with underscores included', () => {
    expect(policySourceOf(matched('user_alice_smith_Deny_CE', 'IAM Policy'), alice)).toMatchObject({ kind: 'inline', owner: 'user', ownerName: 'alice_smith', policyName: 'Deny_CE' });
    expect(policySourceOf(matched('group_Finance_DenyCE', 'IAM Policy'), alice)).toMatchObject({ kind: 'inline', owner: 'group', ownerName: 'Finance', policyName: 'DenyCE' });
    // Ambiguous split: left for ListGroupsForUser to decide.
    expect(policySourceOf(matched('group_Fin_Ops_DenyCE', 'IAM Policy'), alice)).toMatchObject({ kind: 'inline', owner: 'group', ownerName: null, rest: 'Fin_Ops_DenyCE' });
    expect(policySourceOf(matched('FinanceGuardrails', 'IAM Policy'), alice)).toEqual({ kind: 'managed', policyName: 'FinanceGuardrails', awsManaged: null });
  });
});

describe('console links', () => {
  test('per partition host, encoded ARNs and names', () => {
    expect(managedPolicyUrl('aws', 'arn:aws:iam::111111111111:policy/finance/Deny')).toBe('https://console.aws.amazon.com/iam/home#/policies/details/arn%3Aaws%3Aiam%3A%3A111111111111%3Apolicy%2Ffinance%2FDeny');
    expect(iamEntityUrl('aws-cn', 'arn:aws-cn:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_X_0123456789abcdef')).toBe('https://console.amazonaws.cn/iam/home#/roles/details/AWSReservedSSO_X_0123456789abcdef?section=permissions');
    expect(orgPolicyUrl('aws-us-gov', 'scp', 'p-abc12345')).toBe('https://console.amazonaws-us-gov.com/organizations/v2/home/policies/service-control-policy/p-abc12345');
    expect(orgPolicyUrl('aws', 'rcp', 'p-rcp00001')).toContain('/resource-control-policy/p-rcp00001');
    expect(iamEntityUrl('aws', 'not an arn')).toBeNull();
  });
});
