// Hand-built denials for the explain and request tests (the parser is tested on its own).
import { blankDenial, type Denial, type DenialMeta } from '../../../src/core/denial.ts';

export const NULL_META: DenialMeta = blankDenial('api-sentence').meta;

/** A denial with every field null, overridden by `fields` and `meta`. */
export function denial(fields: Partial<Omit<Denial, 'meta'>> = {}, meta: Partial<DenialMeta> = {}): Denial {
  return { ...blankDenial('api-sentence'), ...fields, meta: { ...NULL_META, ...meta } };
}

export const ALICE = { principalArn: 'arn:aws:iam::111111111111:user/alice', principalType: 'user', accountId: '111111111111' } as const;
export const BOB_FINANCE = {
  principalArn: 'arn:aws:sts::222222222222:assumed-role/FinanceRole/bob',
  principalType: 'assumed-role',
  accountId: '222222222222',
} as const;
export const CAROL_SSO = {
  principalArn: 'arn:aws:sts::333333333333:assumed-role/AWSReservedSSO_AuditRole_fedcba9876543210/carol',
  principalType: 'assumed-role',
  accountId: '333333333333',
} as const;
export const ROOT = { principalArn: 'arn:aws:iam::444444444444:root', principalType: 'root', accountId: '444444444444' } as const;

export const SCP_ARN = 'arn:aws:organizations::999999999999:policy/o-exmpl12345/service_control_policy/p-exmpl111';
export const RCP_ARN = 'arn:aws:organizations::999999999999:policy/o-exmpl12345/resource_control_policy/p-exmpl222';
export const CE_PAGE = 'https://us-east-1.console.aws.amazon.com/costmanagement/home#/cost-explorer';
