import { describe, expect, test } from 'vitest';
import { directSimulatedPrincipal, identityCenterRoleArns, parsePrincipalArn } from '../../../src/engine/principal.ts';

describe('parsePrincipalArn', () => {
  test('IAM users and roles keep their path', () => {
    expect(parsePrincipalArn('arn:aws:iam::111111111111:user/finance/alice')).toMatchObject({ kind: 'user', account: '111111111111', path: '/finance/', name: 'alice' });
    expect(parsePrincipalArn('arn:aws-us-gov:iam::111111111111:role/Admin')).toMatchObject({ kind: 'role', partition: 'aws-us-gov', path: '/', name: 'Admin' });
  });

  test('Identity Center sessions name their permission set', () => {
    const ref = parsePrincipalArn('arn:aws:sts::333333333333:assumed-role/AWSReservedSSO_AuditRole_fedcba9876543210/carol@example.com');
    expect(ref).toMatchObject({ kind: 'assumed-role', roleName: 'AWSReservedSSO_AuditRole_fedcba9876543210', sessionName: 'carol@example.com', permissionSet: 'AuditRole' });
    expect(parsePrincipalArn('arn:aws:sts::333333333333:assumed-role/FinanceRole/bob')).toMatchObject({ permissionSet: null });
  });

  test('root, federated users and service principals are recognised', () => {
    expect(parsePrincipalArn('arn:aws:iam::444444444444:root')?.kind).toBe('root');
    expect(parsePrincipalArn('arn:aws-cn:sts::111111111111:federated-user/bob')?.kind).toBe('federated-user');
    expect(parsePrincipalArn('glue.amazonaws.com')?.kind).toBe('service');
  });

  test('anything else is not a principal', () => {
    for (const text of ['', 'alice', 'arn:aws:iam::1234:user/x', 'arn:aws-iso:iam::111111111111:user/x', 'arn:aws:s3:::bucket', 'arn:aws:iam::111111111111:user/']) {
      expect(parsePrincipalArn(text)).toBeNull();
    }
  });
});

describe('simulated principal', () => {
  test('a session maps to a path-less role ARN until GetRole confirms it', () => {
    const p = directSimulatedPrincipal(parsePrincipalArn('arn:aws:sts::222222222222:assumed-role/FinanceRole/bob')!)!;
    expect(p).toMatchObject({ kind: 'role', arn: 'arn:aws:iam::222222222222:role/FinanceRole', sessionArn: 'arn:aws:sts::222222222222:assumed-role/FinanceRole/bob', pathGuessed: true });
  });

  test('Identity Center paths with and without the Region segment', () => {
    const p = directSimulatedPrincipal(parsePrincipalArn('arn:aws:sts::333333333333:assumed-role/AWSReservedSSO_AuditRole_fedcba9876543210/carol')!)!;
    expect(identityCenterRoleArns(p, 'eu-west-1')).toEqual([
      'arn:aws:iam::333333333333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AuditRole_fedcba9876543210',
      'arn:aws:iam::333333333333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_AuditRole_fedcba9876543210',
    ]);
  });
});
