import {
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListParentsCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
} from '@aws-sdk/client-organizations';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario, type FakeAws, type Scenario } from '../../fake-aws/server.mjs';
import { clientsFor, failure, miniScenario, start } from './helpers.ts';

const ACCT = '111111111111';
const MGMT = '999999999999';
let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('fake-aws Organizations', () => {
  it('walks from the account to the root and lists the SCPs at every level', async () => {
    const s = await start('scp-ou-level-deny');
    fake = s.fake;
    const chain: string[] = [];
    for (let child = ACCT; ; ) {
      const parent = (await s.org.send(new ListParentsCommand({ ChildId: child }))).Parents?.[0];
      if (!parent?.Id) break;
      chain.push(`${parent.Id}:${parent.Type}`);
      if (parent.Type === 'ROOT') break;
      child = parent.Id;
    }
    expect(chain).toEqual(['ou-ab12-22222222:ORGANIZATIONAL_UNIT', 'ou-ab12-11111111:ORGANIZATIONAL_UNIT', 'r-ab12:ROOT']);
    const names = async (TargetId: string) =>
      ((await s.org.send(new ListPoliciesForTargetCommand({ TargetId, Filter: 'SERVICE_CONTROL_POLICY' }))).Policies ?? []).map((p) => p.Name);
    expect(await names('r-ab12')).toEqual(['FullAWSAccess', 'DenyLeaveOrganization']);
    expect(await names('ou-ab12-11111111')).toEqual(['FullAWSAccess', 'ProtectSecurityServices']);
    expect(await names('ou-ab12-22222222')).toEqual(['FullAWSAccess', 'FinanceCostControls']);
    expect(await names(ACCT)).toEqual(['FullAWSAccess', 'DenyRootUser']);
  });

  it('gives policy summaries with the ARNs AWS uses, and the content as a JSON string', async () => {
    const s = await start('scp-ou-level-deny');
    fake = s.fake;
    const policies = (await s.org.send(new ListPoliciesForTargetCommand({ TargetId: 'ou-ab12-22222222', Filter: 'SERVICE_CONTROL_POLICY' }))).Policies ?? [];
    expect(policies[0]).toEqual({ Id: 'p-FullAWSAccess', Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess', Name: 'FullAWSAccess', Description: 'Allows access to every operation', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: true });
    expect(policies[1]?.Arn).toBe(`arn:aws:organizations::${MGMT}:policy/o-exmpl12345/service_control_policy/p-fin00001`);
    const { Policy } = await s.org.send(new DescribePolicyCommand({ PolicyId: 'p-fin00001' }));
    expect(Policy?.PolicySummary?.Name).toBe('FinanceCostControls');
    const content = JSON.parse(Policy?.Content ?? '');
    expect(content.Statement[0].Sid).toBe('DenyAnomalyDetectionChanges');
    expect((await failure(s.org.send(new DescribePolicyCommand({ PolicyId: 'p-nothere1' })))).name).toBe('PolicyNotFoundException');
  });

  it('pages ListPoliciesForTarget with MaxResults and NextToken', async () => {
    const s = await start('scp-ou-level-deny');
    fake = s.fake;
    const first = await s.org.send(new ListPoliciesForTargetCommand({ TargetId: 'r-ab12', Filter: 'SERVICE_CONTROL_POLICY', MaxResults: 1 }));
    expect(first.Policies?.map((p) => p.Name)).toEqual(['FullAWSAccess']);
    expect(first.NextToken).toBeTruthy();
    const second = await s.org.send(new ListPoliciesForTargetCommand({ TargetId: 'r-ab12', Filter: 'SERVICE_CONTROL_POLICY', MaxResults: 1, NextToken: first.NextToken }));
    expect(second.Policies?.map((p) => p.Name)).toEqual(['DenyLeaveOrganization']);
    expect(second.NextToken).toBeUndefined();
  });

  it('filters RCPs separately from SCPs', async () => {
    const s = await start('rcp-cur-bucket-deny');
    fake = s.fake;
    const rcps = (await s.org.send(new ListPoliciesForTargetCommand({ TargetId: ACCT, Filter: 'RESOURCE_CONTROL_POLICY' }))).Policies ?? [];
    expect(rcps.map((p) => [p.Name, p.Arn])).toEqual([
      ['RCPFullAWSAccess', 'arn:aws:organizations::aws:policy/resource_control_policy/p-RCPFullAWSAccess'],
      ['EnforceCorporateNetwork', `arn:aws:organizations::${MGMT}:policy/o-exmpl12345/resource_control_policy/p-rcp00001`],
    ]);
    const roots = (await s.org.send(new ListRootsCommand({}))).Roots ?? [];
    expect(roots[0]?.PolicyTypes?.map((t) => t.Type)).toEqual(['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY']);
  });

  it('describes the organization, its root and an account', async () => {
    const s = await start('scp-region-deny');
    fake = s.fake;
    const { Organization } = await s.org.send(new DescribeOrganizationCommand({}));
    expect(Organization).toMatchObject({ Id: 'o-exmpl12345', MasterAccountId: MGMT, FeatureSet: 'ALL', Arn: `arn:aws:organizations::${MGMT}:organization/o-exmpl12345` });
    const { Roots } = await s.org.send(new ListRootsCommand({}));
    expect(Roots?.[0]).toMatchObject({ Id: 'r-ab12', Name: 'Root', Arn: `arn:aws:organizations::${MGMT}:root/o-exmpl12345/r-ab12` });
    const { Account } = await s.org.send(new DescribeAccountCommand({ AccountId: ACCT }));
    expect(Account).toMatchObject({ Id: ACCT, Name: 'finance-prod', Email: 'finance-prod@example.com', Status: 'ACTIVE' });
    expect(Account?.JoinedTimestamp).toBeInstanceOf(Date);
  });

  it('answers bad ids with the Organizations errors', async () => {
    const s = await start('scp-region-deny');
    fake = s.fake;
    expect((await failure(s.org.send(new ListParentsCommand({ ChildId: '333333333333' })))).name).toBe('ChildNotFoundException');
    expect((await failure(s.org.send(new ListPoliciesForTargetCommand({ TargetId: 'ou-ab12-99999999', Filter: 'SERVICE_CONTROL_POLICY' })))).name).toBe('TargetNotFoundException');
    expect((await failure(s.org.send(new DescribeAccountCommand({ AccountId: '333333333333' })))).name).toBe('AccountNotFoundException');
    const badFilter = await failure(s.org.send(new ListPoliciesForTargetCommand({ TargetId: ACCT, Filter: 'NOPE' as never })));
    expect(badFilter.name).toBe('InvalidInputException');
  });

  it('denies a profile without organizations permissions with the Organizations wording', async () => {
    const s = await start('fail-no-organizations-permission');
    fake = s.fake;
    const error = await failure(s.org.send(new ListParentsCommand({ ChildId: ACCT })));
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toBe("You don't have permissions to access this resource.");
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('lets a member account that is not a delegated administrator call only DescribeOrganization', async () => {
    const base = loadScenario('scp-region-deny');
    const scenario: Scenario = { ...base, organization: { ...base.organization!, delegatedAdministrators: [] } };
    const s = await start(scenario);
    fake = s.fake;
    expect((await s.org.send(new DescribeOrganizationCommand({}))).Organization?.Id).toBe('o-exmpl12345');
    expect((await failure(s.org.send(new ListPoliciesForTargetCommand({ TargetId: ACCT, Filter: 'SERVICE_CONTROL_POLICY' })))).name).toBe('AccessDeniedException');
  });

  it('answers AWSOrganizationsNotInUseException outside an organization', async () => {
    const s = await start(miniScenario());
    fake = s.fake;
    const error = await failure(s.org.send(new DescribeOrganizationCommand({})));
    expect(error.name).toBe('AWSOrganizationsNotInUseException');
    expect(error.message).toBe('Your account is not a member of an organization.');
    // A fresh client for the same credential sees the same answer.
    expect((await failure(clientsFor(s.fake, s.profile).org.send(new ListRootsCommand({})))).name).toBe('AWSOrganizationsNotInUseException');
  });
});

