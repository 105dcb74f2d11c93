// parsePrincipalArn (denial-grammar.md section 3).

import { describe, expect, it } from 'vitest';
import type { PrincipalInfo } from '../../../src/core/parse/index.ts';
import { parsePrincipalArn } from '../../../src/core/parse/index.ts';

const NONE: PrincipalInfo = { principalType: null, accountId: null, partition: null, roleName: null, sessionName: null, permissionSetName: null };

const cases: Array<[arn: string, expected: Partial<PrincipalInfo>]> = [
  ['arn:aws:iam::111111111111:user/alice', { principalType: 'user', accountId: '111111111111', partition: 'aws' }],
  ['arn:aws:iam::111111111111:user/division/finance/alice', { principalType: 'user', accountId: '111111111111', partition: 'aws' }],
  ['arn:aws:iam::111111111111:role/service-role/BudgetsActions', { principalType: 'role', accountId: '111111111111', partition: 'aws', roleName: 'BudgetsActions' }],
  [
    'arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_BillingAdmin_0123456789abcdef',
    { principalType: 'role', accountId: '111111111111', partition: 'aws', roleName: 'AWSReservedSSO_BillingAdmin_0123456789abcdef', permissionSetName: 'BillingAdmin' },
  ],
  ['arn:aws:sts::222222222222:assumed-role/FinanceRole/bob', { principalType: 'assumed-role', accountId: '222222222222', partition: 'aws', roleName: 'FinanceRole', sessionName: 'bob' }],
  [
    'arn:aws:sts::333333333333:assumed-role/AWSReservedSSO_Read_Only_Access_fedcba9876543210/jane.doe+billing@example.com',
    { principalType: 'assumed-role', accountId: '333333333333', partition: 'aws', roleName: 'AWSReservedSSO_Read_Only_Access_fedcba9876543210', sessionName: 'jane.doe+billing@example.com', permissionSetName: 'Read_Only_Access' },
  ],
  // Not <16 hex>: no permission set is read from it.
  ['arn:aws:sts::333333333333:assumed-role/AWSReservedSSO_Admin_xyz/carol', { principalType: 'assumed-role', accountId: '333333333333', partition: 'aws', roleName: 'AWSReservedSSO_Admin_xyz', sessionName: 'carol' }],
  ['arn:aws:sts::333333333333:assumed-role/AWSReservedSSO_Admin_abc123/carol', { principalType: 'assumed-role', accountId: '333333333333', partition: 'aws', roleName: 'AWSReservedSSO_Admin_abc123', sessionName: 'carol' }],
  // The account is field 5 even when field 4 (the Region) is filled in.
  ['arn:aws:iam:us-east-1:111111111111:user/alice', { principalType: 'user', accountId: '111111111111', partition: 'aws' }],
  ['arn:aws:sts::111111111111:federated-user/bob', { principalType: 'federated-user', accountId: '111111111111', partition: 'aws' }],
  ['arn:aws-us-gov:iam::444444444444:root', { principalType: 'root', accountId: '444444444444', partition: 'aws-us-gov' }],
  ['arn:aws-cn:iam::111111111111:user/bob', { principalType: 'user', accountId: '111111111111', partition: 'aws-cn' }],
  ['arn:aws-iso-b:iam::111111111111:root', { principalType: 'root', accountId: '111111111111', partition: 'aws-iso-b' }],
  ['arn:aws-eusc:sts::111111111111:assumed-role/R/s', { principalType: 'assumed-role', accountId: '111111111111', partition: 'aws-eusc', roleName: 'R', sessionName: 's' }],
  ['glue.amazonaws.com', { principalType: 'service' }],
  ['  arn:aws:iam::111111111111:user/alice  ', { principalType: 'user', accountId: '111111111111', partition: 'aws' }],
  // Account known, but not a principal.
  ['arn:aws:iam::111111111111:group/admins', { accountId: '111111111111', partition: 'aws' }],
  ['arn:aws:iam::111111111111:policy/X', { accountId: '111111111111', partition: 'aws' }],
  ['arn:aws:sts::111111111111:assumed-role/R', { accountId: '111111111111', partition: 'aws' }],
  ['arn:aws:sts::111111111111:assumed-role/R/s/extra', { accountId: '111111111111', partition: 'aws' }],
  ['arn:aws:iam::111111111111:user/', { accountId: '111111111111', partition: 'aws' }],
  // Not a principal's account: an AWS-managed policy, an organization policy.
  ['arn:aws:iam::aws:policy/job-function/Billing', { partition: 'aws' }],
  ['arn:aws:organizations::999999999999:policy/o-x/service_control_policy/p-1', { accountId: '999999999999', partition: 'aws' }],
  // The type is read from the resource part whatever the account field holds; the account only when it is 12 digits.
  ['arn:aws:iam::11111111111:user/short-account', { principalType: 'user', partition: 'aws' }],
  ['arn:aws:sts::***:assumed-role/Deploy/GitHubActions', { principalType: 'assumed-role', partition: 'aws', roleName: 'Deploy', sessionName: 'GitHubActions' }],
  ['arn:aws:iam::<account_id>:role/Admin', { principalType: 'role', partition: 'aws', roleName: 'Admin' }],
  ['arn:aws:iam:::user/alice', { principalType: 'user', partition: 'aws' }],
  ['arn:aws:iam::[child account number]:root', { principalType: 'root', partition: 'aws' }],
  ['arn:aws:sts::{accountid}:federated-user/bob', { principalType: 'federated-user', partition: 'aws' }],
  ['arn:Aws:iam::111111111111:user/bad-partition', {}],
  ['arnx:aws:iam::111111111111:user/alice', {}],
  ['arn:aws:iam:111111111111:user/alice', {}],
  ['', {}],
  ['not an arn', {}],
  [`arn:aws:iam::111111111111:user/${'a'.repeat(3000)}`, {}],
];

describe('parsePrincipalArn', () => {
  it.each(cases)('%s', (arn, expected) => {
    expect(parsePrincipalArn(arn)).toEqual({ ...NONE, ...expected });
  });

  it('never throws on values that are not strings', () => {
    expect(parsePrincipalArn(undefined as unknown as string)).toEqual(NONE);
    expect(parsePrincipalArn(42 as unknown as string)).toEqual(NONE);
  });
});
