import {
  GetGroupPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupPoliciesCommand,
  ListGroupsForUserCommand,
  ListRolePoliciesCommand,
  ListUserPoliciesCommand,
} from '@aws-sdk/client-iam';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeAws } from '../../fake-aws/server.mjs';
import { clientsFor, failure, miniScenario, start } from './helpers.ts';

const ACCT = '111111111111';
let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('fake-aws IAM users and groups', () => {
  it('GetUser without a name returns the caller, with a stable AIDA id', async () => {
    const s = await start('identity-group-managed-deny');
    fake = s.fake;
    const { User } = await s.iam.send(new GetUserCommand({}));
    expect(User).toMatchObject({ UserName: 'diagnoser', Path: '/', Arn: `arn:aws:iam::${ACCT}:user/diagnoser` });
    expect(User?.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(User?.CreateDate).toBeInstanceOf(Date);
    expect((await s.iam.send(new GetUserCommand({}))).User?.UserId).toBe(User?.UserId);
  });

  it('GetUser by name returns the permissions boundary', async () => {
    const s = await start('boundary-explicit-deny');
    fake = s.fake;
    const { User } = await s.iam.send(new GetUserCommand({ UserName: 'erin' }));
    expect(User?.PermissionsBoundary).toEqual({ PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: `arn:aws:iam::${ACCT}:policy/boundaries/FinanceBoundary` });
  });

  it('GetUser without a name from a role session is a ValidationError, as in AWS', async () => {
    const s = await start('idc-device-flow');
    fake = s.fake;
    const error = await failure(s.iam.send(new GetUserCommand({})));
    expect(error.name).toBe('ValidationError');
    expect(error.message).toBe('Must specify userName when calling with non-User credentials');
  });

  it('lists a user\'s inline and attached policies and groups, and reads each group\'s policies', async () => {
    const s = await start('identity-group-managed-deny');
    fake = s.fake;
    expect((await s.iam.send(new ListUserPoliciesCommand({ UserName: 'bob' }))).PolicyNames).toEqual([]);
    expect((await s.iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'bob' }))).AttachedPolicies).toEqual([]);
    const groups = (await s.iam.send(new ListGroupsForUserCommand({ UserName: 'bob' }))).Groups ?? [];
    expect(groups.map((g) => [g.GroupName, g.Arn])).toEqual([
      ['Finance', `arn:aws:iam::${ACCT}:group/Finance`],
      ['Contractors', `arn:aws:iam::${ACCT}:group/Contractors`],
    ]);
    expect(groups[0]?.GroupId).toMatch(/^AGPA/);
    const attached = await s.iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'Contractors' }));
    expect(attached.AttachedPolicies).toEqual([{ PolicyName: 'ContractorRestrictions', PolicyArn: `arn:aws:iam::${ACCT}:policy/ContractorRestrictions` }]);
    expect(attached.IsTruncated).toBe(false);
    expect((await s.iam.send(new ListGroupPoliciesCommand({ GroupName: 'Finance' }))).PolicyNames).toEqual([]);
  });

  it('GetGroupPolicy returns the document URL-encoded, as IAM does', async () => {
    const scenario = miniScenario({
      users: [{ arn: `arn:aws:iam::${ACCT}:user/uma`, groups: ['Ops'] }],
      groups: [{ name: 'Ops', accountId: ACCT, inlinePolicies: { OpsReads: { Version: '2012-10-17', Statement: [{ Sid: 'Reads', Effect: 'Allow', Action: 'ce:Get*', Resource: '*' }] } } }],
    });
    const s = await start(scenario);
    fake = s.fake;
    const out = await s.iam.send(new GetGroupPolicyCommand({ GroupName: 'Ops', PolicyName: 'OpsReads' }));
    expect(out.GroupName).toBe('Ops');
    expect(out.PolicyDocument).toMatch(/^%7B/);
    expect(JSON.parse(decodeURIComponent(out.PolicyDocument ?? ''))).toEqual(scenario.groups?.[0]?.inlinePolicies?.OpsReads);
  });

  it('GetUserPolicy returns the stored policy; a missing one is NoSuchEntity (404)', async () => {
    const s = await start('identity-user-inline-deny');
    fake = s.fake;
    const out = await s.iam.send(new GetUserPolicyCommand({ UserName: 'alice', PolicyName: 'FinanceGuardrails' }));
    const policy = JSON.parse(decodeURIComponent(out.PolicyDocument ?? ''));
    expect(policy.Statement[1]).toMatchObject({ Sid: 'DenyCostAndUsage', Effect: 'Deny' });
    const error = await failure(s.iam.send(new GetUserPolicyCommand({ UserName: 'alice', PolicyName: 'Nope' })));
    expect(error.name).toBe('NoSuchEntityException');
    expect(error.message).toBe('The user policy with name Nope cannot be found.');
    expect(error.$metadata?.httpStatusCode).toBe(404);
    const noUser = await failure(s.iam.send(new ListUserPoliciesCommand({ UserName: 'zed' })));
    expect(noUser.message).toBe('The user with name zed cannot be found.');
  });

  it('pages list results with MaxItems and Marker', async () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] };
    const s = await start(miniScenario({ users: [{ arn: `arn:aws:iam::${ACCT}:user/vic`, inlinePolicies: { A: doc, B: doc, C: doc } }] }));
    fake = s.fake;
    const first = await s.iam.send(new ListUserPoliciesCommand({ UserName: 'vic', MaxItems: 2 }));
    expect(first.PolicyNames).toEqual(['A', 'B']);
    expect(first.IsTruncated).toBe(true);
    const second = await s.iam.send(new ListUserPoliciesCommand({ UserName: 'vic', MaxItems: 2, Marker: first.Marker }));
    expect(second.PolicyNames).toEqual(['C']);
    expect(second.IsTruncated).toBe(false);
    expect(second.Marker).toBeUndefined();
    expect((await failure(s.iam.send(new ListUserPoliciesCommand({ UserName: 'vic', MaxItems: 0 })))).name).toBe('ValidationError');
  });
});

describe('fake-aws IAM roles and managed policies', () => {
  it('GetRole returns the path, the ARN with the path, the trust policy and the boundary', async () => {
    const s = await start('identity-center-role-inline-deny');
    fake = s.fake;
    const { Role } = await s.iam.send(new GetRoleCommand({ RoleName: 'AWSReservedSSO_BillingAnalyst_0123456789abcdef' }));
    expect(Role?.Path).toBe('/aws-reserved/sso.amazonaws.com/eu-west-1/');
    expect(Role?.Arn).toBe(`arn:aws:iam::${ACCT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_BillingAnalyst_0123456789abcdef`);
    expect(Role?.RoleId).toMatch(/^AROA/);
    expect(Role?.MaxSessionDuration).toBe(3600);
    const trust = JSON.parse(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? ''));
    expect(trust.Statement[0].Action).toContain('sts:AssumeRoleWithSAML');
    expect((await failure(s.iam.send(new GetRoleCommand({ RoleName: 'Nope' })))).message).toBe('The role with name Nope cannot be found.');
  });

  it('lists and reads role policies', async () => {
    const s = await start('identity-role-inline-deny');
    fake = s.fake;
    expect((await s.iam.send(new ListRolePoliciesCommand({ RoleName: 'FinanceAnalyst' }))).PolicyNames).toEqual(['AnalystAccess', 'NoInvoiceAccess']);
    expect((await s.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'FinanceAnalyst' }))).AttachedPolicies).toEqual([]);
    const out = await s.iam.send(new GetRolePolicyCommand({ RoleName: 'FinanceAnalyst', PolicyName: 'NoInvoiceAccess' }));
    expect(out.RoleName).toBe('FinanceAnalyst');
    expect(JSON.parse(decodeURIComponent(out.PolicyDocument ?? '')).Statement[0].Sid).toBe('DenyInvoices');
    expect((await failure(s.iam.send(new GetRolePolicyCommand({ RoleName: 'FinanceAnalyst', PolicyName: 'x' })))).message).toBe('The role policy with name x cannot be found.');
  });

  it('GetPolicy and GetPolicyVersion serve customer and AWS managed policies', async () => {
    const s = await start('identity-managed-policy-arn');
    fake = s.fake;
    const arn = `arn:aws:iam::${ACCT}:policy/finance/DenyBudgetChanges`;
    const { Policy } = await s.iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    expect(Policy).toMatchObject({ PolicyName: 'DenyBudgetChanges', Path: '/finance/', DefaultVersionId: 'v1', AttachmentCount: 1, IsAttachable: true });
    expect(Policy?.PolicyId).toMatch(/^ANPA/);
    const { PolicyVersion } = await s.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    expect(PolicyVersion?.IsDefaultVersion).toBe(true);
    expect(JSON.parse(decodeURIComponent(PolicyVersion?.Document ?? '')).Statement[0].Sid).toBe('DenyBudgetWrites');
    const aws = await s.iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AWSBillingReadOnlyAccess' }));
    expect(aws.Policy?.DefaultVersionId).toBe('v26');
    const awsDoc = await s.iam.send(new GetPolicyVersionCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AWSBillingReadOnlyAccess', VersionId: 'v26' }));
    expect(JSON.parse(decodeURIComponent(awsDoc.PolicyVersion?.Document ?? '')).Statement[0].Action).toContain('ce:GetCostAndUsage');
    expect((await failure(s.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v9' })))).name).toBe('NoSuchEntityException');
    expect((await failure(s.iam.send(new GetPolicyCommand({ PolicyArn: `arn:aws:iam::${ACCT}:policy/Nope` })))).message).toBe(
      `Policy arn:aws:iam::${ACCT}:policy/Nope does not exist or is not attachable.`,
    );
    expect((await failure(s.iam.send(new GetPolicyCommand({ PolicyArn: 'not-an-arn' })))).name).toBe('InvalidInputException');
  });

  it('counts boundary usage separately from attachments', async () => {
    const s = await start('boundary-explicit-deny');
    fake = s.fake;
    const { Policy } = await s.iam.send(new GetPolicyCommand({ PolicyArn: `arn:aws:iam::${ACCT}:policy/boundaries/FinanceBoundary` }));
    expect(Policy?.AttachmentCount).toBe(0);
    expect(Policy?.PermissionsBoundaryUsageCount).toBe(1);
  });
});

describe('fake-aws IAM caller permissions', () => {
  it('denies a call outside the profile\'s allow-list with the real message', async () => {
    const s = await start('fail-no-getrole-permission');
    fake = s.fake;
    const error = await failure(s.iam.send(new GetRoleCommand({ RoleName: 'AWSReservedSSO_BillingAnalyst_0123456789abcdef' })));
    expect(error.name).toBe('AccessDenied');
    expect(error.$metadata?.httpStatusCode).toBe(403);
    expect(error.message).toBe(
      `User: arn:aws:iam::${ACCT}:user/diagnoser is not authorized to perform: iam:GetRole on resource: role AWSReservedSSO_BillingAnalyst_0123456789abcdef because no identity-based policy allows the iam:GetRole action`,
    );
    // Wildcards in the allow-list: iam:List* is allowed.
    expect((await s.iam.send(new ListRolePoliciesCommand({ RoleName: 'AWSReservedSSO_BillingAnalyst_0123456789abcdef' }))).PolicyNames).toEqual(['AwsSSOInlinePolicy']);
  });

  it('denies reading another account\'s customer managed policy', async () => {
    const s = await start('identity-user-inline-deny');
    fake = s.fake;
    const error = await failure(s.iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::222222222222:policy/Other' })));
    expect(error.name).toBe('AccessDenied');
    expect(error.message).toContain('on resource: policy arn:aws:iam::222222222222:policy/Other');
  });

  it('answers an unknown operation with InvalidAction', async () => {
    const s = await start('identity-user-inline-deny');
    fake = s.fake;
    const { iam } = clientsFor(s.fake, s.profile);
    const { ListUsersCommand } = await import('@aws-sdk/client-iam');
    const error = await failure(iam.send(new ListUsersCommand({})));
    expect(error.name).toBe('InvalidAction');
    expect(error.message).toBe('Could not find operation ListUsers for version 2010-05-08');
  });
});
