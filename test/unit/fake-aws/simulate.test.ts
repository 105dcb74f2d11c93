import {
  GetContextKeysForPrincipalPolicyCommand,
  GetRoleCommand,
  GetUserPolicyCommand,
  SimulatePrincipalPolicyCommand,
  type ContextEntry,
  type EvaluationResult,
} from '@aws-sdk/client-iam';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeAws } from '../../fake-aws/server.mjs';
import { failure, miniScenario, start } from './helpers.ts';

const ACCT = '111111111111';
let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function simulate(scenario: string, input: { source: string; actions: string[]; resources?: string[]; context?: ContextEntry[]; extra?: Record<string, unknown> }) {
  const s = await start(scenario);
  fake = s.fake;
  const out = await s.iam.send(
    new SimulatePrincipalPolicyCommand({
      PolicySourceArn: input.source,
      ActionNames: input.actions,
      ...(input.resources ? { ResourceArns: input.resources } : {}),
      ...(input.context ? { ContextEntries: input.context } : {}),
      ...input.extra,
    }),
  );
  return { ...s, out, first: out.EvaluationResults?.[0] as EvaluationResult };
}

const user = (name: string) => `arn:aws:iam::${ACCT}:user/${name}`;
const bool = (key: string, value: boolean): ContextEntry => ({ ContextKeyName: key, ContextKeyValues: [String(value)], ContextKeyType: 'boolean' });
const str = (key: string, value: string): ContextEntry => ({ ContextKeyName: key, ContextKeyValues: [value], ContextKeyType: 'string' });

describe('SimulatePrincipalPolicy: identity policies', () => {
  it('names the user inline policy that explicitly denies, with its statement position', async () => {
    const { first, iam } = await simulate('identity-user-inline-deny', { source: user('alice'), actions: ['ce:GetCostAndUsage'] });
    expect(first.EvalDecision).toBe('explicitDeny');
    expect(first.EvalResourceName).toBe('*');
    expect(first.MatchedStatements).toHaveLength(1);
    const [matched] = first.MatchedStatements ?? [];
    expect(matched).toMatchObject({ SourcePolicyId: 'FinanceGuardrails', SourcePolicyType: 'user' });
    // The position points at the DenyCostAndUsage statement in the text GetUserPolicy returns.
    const text = decodeURIComponent((await iam.send(new GetUserPolicyCommand({ UserName: 'alice', PolicyName: 'FinanceGuardrails' }))).PolicyDocument ?? '');
    const lines = text.split('\n');
    const start = matched?.StartPosition;
    const end = matched?.EndPosition;
    const startOffset = lines.slice(0, (start?.Line ?? 1) - 1).join('\n').length + (start?.Line === 1 ? 0 : 1) + (start?.Column ?? 1) - 1;
    const endOffset = lines.slice(0, (end?.Line ?? 1) - 1).join('\n').length + 1 + (end?.Column ?? 1) - 1;
    expect(JSON.parse(text.slice(startOffset, endOffset))).toMatchObject({ Sid: 'DenyCostAndUsage', Effect: 'Deny' });
    expect(first.EvalDecisionDetails).toBeUndefined();
    expect(first.ResourceSpecificResults).toBeUndefined();
    expect(first.OrganizationsDecisionDetail).toEqual({ AllowedByOrganizations: true });
    expect(first.PermissionsBoundaryDecisionDetail).toBeUndefined();
  });

  it('names a group\'s customer managed policy as user-managed', async () => {
    const { first } = await simulate('identity-group-managed-deny', { source: user('bob'), actions: ['payments:ListPaymentPreferences'] });
    expect(first.EvalDecision).toBe('explicitDeny');
    expect(first.MatchedStatements?.map((m) => [m.SourcePolicyId, m.SourcePolicyType])).toEqual([['ContractorRestrictions', 'user-managed']]);
  });

  it('allows what the group\'s AWS managed policy grants, naming it aws-managed', async () => {
    const { first } = await simulate('identity-group-managed-deny', { source: user('bob'), actions: ['billing:GetBillingDetails'] });
    expect(first.EvalDecision).toBe('allowed');
    expect(first.MatchedStatements?.map((m) => [m.SourcePolicyId, m.SourcePolicyType])).toEqual([['AWSBillingReadOnlyAccess', 'aws-managed']]);
  });

  it('simulates a role by its ARN with the path; the path-less ARN is not found', async () => {
    const s = await start('identity-center-role-inline-deny');
    fake = s.fake;
    const role = (await s.iam.send(new GetRoleCommand({ RoleName: 'AWSReservedSSO_BillingAnalyst_0123456789abcdef' }))).Role;
    const out = await s.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: role?.Arn, ActionNames: ['tax:ListTaxRegistrations', 'ce:GetCostAndUsage'] }));
    expect(out.EvaluationResults?.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ['tax:ListTaxRegistrations', 'explicitDeny'],
      ['ce:GetCostAndUsage', 'allowed'],
    ]);
    expect(out.EvaluationResults?.[0]?.MatchedStatements?.[0]).toMatchObject({ SourcePolicyId: 'AwsSSOInlinePolicy', SourcePolicyType: 'role' });
    const error = await failure(s.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCT}:role/AWSReservedSSO_BillingAnalyst_0123456789abcdef`, ActionNames: ['tax:ListTaxRegistrations'] })));
    expect(error.name).toBe('NoSuchEntityException');
  });

  it('reports an implicit deny with no matched statements when nothing allows', async () => {
    const { first } = await simulate('identity-legacy-aws-portal', { source: user('kim'), actions: ['ce:GetCostAndUsage', 'aws-portal:ViewBilling'] });
    expect(first.EvalDecision).toBe('implicitDeny');
    expect(first.MatchedStatements).toEqual([]);
  });

  it('evaluates conditions with the context entries and lists missing context keys', async () => {
    const without = await simulate('identity-mfa-deny', { source: user('grace'), actions: ['billing:GetBillingDetails'] });
    expect(without.first.EvalDecision).toBe('explicitDeny');
    expect(without.first.MissingContextValues).toEqual(['aws:MultiFactorAuthPresent']);
    await without.fake.close();
    const withMfa = await simulate('identity-mfa-deny', { source: user('grace'), actions: ['billing:GetBillingDetails'], context: [bool('aws:MultiFactorAuthPresent', true)] });
    expect(withMfa.first.EvalDecision).toBe('allowed');
    expect(withMfa.first.MissingContextValues).toEqual([]);
  });
});

describe('SimulatePrincipalPolicy: boundaries and SCPs', () => {
  it('reports a boundary explicit deny with the boundary statement and AllowedByPermissionsBoundary=false', async () => {
    const { first } = await simulate('boundary-explicit-deny', { source: user('erin'), actions: ['payments:UpdatePaymentPreferences'] });
    expect(first.EvalDecision).toBe('explicitDeny');
    expect(first.PermissionsBoundaryDecisionDetail).toEqual({ AllowedByPermissionsBoundary: false });
    expect(first.MatchedStatements?.map((m) => m.SourcePolicyId)).toEqual(['FinanceBoundary']);
  });

  it('reports a boundary implicit deny', async () => {
    const { first } = await simulate('boundary-implicit-deny', { source: user('frank'), actions: ['ce:GetCostForecast'] });
    expect(first.EvalDecision).toBe('implicitDeny');
    expect(first.PermissionsBoundaryDecisionDetail).toEqual({ AllowedByPermissionsBoundary: false });
    expect(first.OrganizationsDecisionDetail).toEqual({ AllowedByOrganizations: true });
  });

  it('uses PermissionsBoundaryPolicyInputList instead of the attached boundary', async () => {
    const boundary = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ce:*', Resource: '*' }] });
    const { first } = await simulate('boundary-implicit-deny', { source: user('frank'), actions: ['ce:GetCostForecast'], extra: { PermissionsBoundaryPolicyInputList: [boundary] } });
    expect(first.EvalDecision).toBe('allowed');
    expect(first.PermissionsBoundaryDecisionDetail).toEqual({ AllowedByPermissionsBoundary: true });
    expect(first.MatchedStatements?.map((m) => [m.SourcePolicyId, m.SourcePolicyType])).toContainEqual(['PermissionsBoundaryPolicyInputList.1', 'none']);
  });

  it('reports an SCP deny only as AllowedByOrganizations=false, never naming the SCP', async () => {
    const { first, out } = await simulate('scp-ou-level-deny', { source: user('dave'), actions: ['ce:CreateAnomalyMonitor'] });
    expect(first.EvalDecision).toBe('explicitDeny');
    expect(first.OrganizationsDecisionDetail).toEqual({ AllowedByOrganizations: false });
    expect(first.MatchedStatements).toEqual([]);
    expect(JSON.stringify(out)).not.toContain('FinanceCostControls');
    expect(JSON.stringify(out)).not.toContain('DenyAnomalyDetectionChanges');
  });

  it('reports an SCP allow-list gap as an implicit deny', async () => {
    const { first } = await simulate('scp-allow-list-missing-service', { source: user('noah'), actions: ['ce:GetCostAndUsage', 'budgets:ViewBudget'], resources: ['*'] });
    expect(first.EvalDecision).toBe('implicitDeny');
    expect(first.OrganizationsDecisionDetail).toEqual({ AllowedByOrganizations: false });
  });

  it('lets the Region context decide a Region SCP', async () => {
    const us = await simulate('scp-region-deny', { source: user('ivan'), actions: ['ce:GetCostAndUsage'], context: [str('aws:RequestedRegion', 'us-east-1')] });
    expect(us.first.EvalDecision).toBe('explicitDeny');
    await us.fake.close();
    const eu = await simulate('scp-region-deny', { source: user('ivan'), actions: ['ce:GetCostAndUsage'], context: [str('aws:RequestedRegion', 'eu-west-1')] });
    expect(eu.first.EvalDecision).toBe('allowed');
    expect(eu.first.OrganizationsDecisionDetail).toEqual({ AllowedByOrganizations: true });
  });

  it('does not evaluate RCPs, as the IAM simulator does not', async () => {
    const object = 'arn:aws:s3:::example-cur-111111111111/cur/finance/20260801-20260901/finance-00001.csv.gz';
    const { first } = await simulate('rcp-cur-bucket-deny', { source: user('olivia'), actions: ['s3:GetObject'], resources: [object], context: [{ ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['198.51.100.7'], ContextKeyType: 'ip' }] });
    expect(first.EvalDecision).toBe('allowed');
  });
});

describe('SimulatePrincipalPolicy: resources, paging and input checks', () => {
  it('matches "*" literally: a statement scoped to a bucket does not match the default resource', async () => {
    const object = 'arn:aws:s3:::example-cur-111111111111/report.csv';
    const { out } = await simulate('rcp-cur-bucket-deny', { source: user('olivia'), actions: ['s3:GetObject'], resources: ['*', object] });
    expect(out.EvaluationResults?.map((r) => [r.EvalResourceName, r.EvalDecision])).toEqual([
      ['*', 'implicitDeny'],
      [object, 'allowed'],
    ]);
    const specific = out.EvaluationResults?.[1];
    expect(specific?.EvalDecisionDetails).toEqual({});
    expect(specific?.ResourceSpecificResults).toEqual([
      expect.objectContaining({ EvalResourceName: object, EvalResourceDecision: 'allowed', MatchedStatements: [expect.objectContaining({ SourcePolicyId: 'CurBucketRead' })] }),
    ]);
  });

  it('compares Resource and NotResource patterns with "*" as strings, in identity policies and SCPs', async () => {
    const policy = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [statement] });
    const scenario = miniScenario({
      users: [
        { arn: user('scoped'), inlinePolicies: { Scoped: policy({ Effect: 'Allow', Action: 'ce:*', Resource: `arn:aws:ce::${ACCT}:anomalymonitor/*` }) } },
        { arn: user('fenced'), inlinePolicies: { All: policy({ Effect: 'Allow', Action: 'ce:*', Resource: '*' }), Fence: policy({ Sid: 'DenyOutsideBucket', Effect: 'Deny', Action: 'ce:*', NotResource: 'arn:aws:s3:::only-this' }) } },
      ],
      organization: {
        id: 'o-exmpl12345', managementAccountId: '999999999999', rootId: 'r-ab12',
        accounts: [{ id: '999999999999', name: 'management', parentId: 'r-ab12' }, { id: ACCT, name: 'finance', parentId: 'r-ab12' }],
        policies: [{ id: 'p-scoped0001', name: 'ScopedAllow', type: 'SERVICE_CONTROL_POLICY', document: policy({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::secret-bucket' }), targets: ['r-ab12', ACCT] }],
      },
    });
    const s = await start(scenario);
    fake = s.fake;
    const run = async (name: string, resource: string) =>
      (await s.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: user(name), ActionNames: ['ce:GetAnomalyMonitors'], ResourceArns: [resource] }))).EvaluationResults?.[0];
    expect((await run('scoped', '*'))?.EvalDecision).toBe('implicitDeny');
    expect((await run('scoped', `arn:aws:ce::${ACCT}:anomalymonitor/m-1`))?.EvalDecision).toBe('allowed');
    const fenced = await run('fenced', '*');
    expect(fenced?.EvalDecision).toBe('explicitDeny');
    expect(fenced?.MatchedStatements?.map((m) => m.SourcePolicyId)).toEqual(['Fence']);
    expect(fenced?.OrganizationsDecisionDetail).toEqual({ AllowedByOrganizations: true });
  });

  it('accepts the console\'s pseudo-resource ARNs and matches them as strings', async () => {
    const { first } = await simulate('identity-user-inline-deny', { source: user('alice'), actions: ['ce:GetCostAndUsage'], resources: [`arn:aws:ce:us-east-1:${ACCT}:/GetCostAndUsage`] });
    expect(first.EvalDecision).toBe('explicitDeny');
    expect(first.EvalResourceName).toBe(`arn:aws:ce:us-east-1:${ACCT}:/GetCostAndUsage`);
  });

  it('pages results with MaxItems and Marker', async () => {
    const s = await start('identity-user-inline-deny');
    fake = s.fake;
    const actions = ['ce:GetCostAndUsage', 'ce:GetCostForecast', 'ce:GetDimensionValues'];
    const first = await s.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: user('alice'), ActionNames: actions, MaxItems: 2 }));
    expect(first.EvaluationResults?.map((r) => r.EvalActionName)).toEqual(actions.slice(0, 2));
    expect(first.IsTruncated).toBe(true);
    const rest = await s.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: user('alice'), ActionNames: actions, MaxItems: 2, Marker: first.Marker }));
    expect(rest.EvaluationResults?.map((r) => r.EvalActionName)).toEqual(['ce:GetDimensionValues']);
    expect(rest.IsTruncated).toBe(false);
  });

  it('adds PolicyInputList documents with SourcePolicyType none', async () => {
    const extra = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'budgets:ViewBudget', Resource: '*' }] });
    const { first } = await simulate('identity-no-policy-allows', { source: user('mia'), actions: ['budgets:ViewBudget'], extra: { PolicyInputList: [extra] } });
    expect(first.EvalDecision).toBe('allowed');
    expect(first.MatchedStatements?.[0]).toMatchObject({ SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'none' });
  });

  it('rejects bad input as AWS does', async () => {
    const s = await start('identity-user-inline-deny');
    fake = s.fake;
    const missing = await failure(s.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: user('nobody'), ActionNames: ['ce:GetCostAndUsage'] })));
    expect(missing.message).toBe('The user with name nobody cannot be found.');
    const crossAccount = await failure(s.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: 'arn:aws:iam::222222222222:user/x', ActionNames: ['ce:GetCostAndUsage'] })));
    expect(crossAccount.name).toBe('AccessDenied');
    const badCaller = await failure(s.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: user('alice'), ActionNames: ['ce:GetCostAndUsage'], CallerArn: `arn:aws:iam::${ACCT}:role/x` })));
    expect(badCaller.name).toBe('InvalidInputException');
    const badPolicy = await failure(s.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: user('alice'), ActionNames: ['ce:GetCostAndUsage'], PolicyInputList: ['{not json'] })));
    expect(badPolicy.name).toBe('MalformedPolicyDocumentException');
    const noActions = await failure(s.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: user('alice'), ActionNames: [] })));
    expect(noActions.name).toBe('ValidationError');
  });

  it('denies the call itself when the profile lacks iam:SimulatePrincipalPolicy', async () => {
    const s = await start('fail-no-simulate-permission');
    fake = s.fake;
    const error = await failure(s.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: user('alice'), ActionNames: ['ce:GetCostAndUsage'] })));
    expect(error.name).toBe('AccessDenied');
    expect(error.message).toBe(
      `User: arn:aws:iam::${ACCT}:user/diagnoser is not authorized to perform: iam:SimulatePrincipalPolicy on resource: user alice because no identity-based policy allows the iam:SimulatePrincipalPolicy action`,
    );
  });
});

describe('GetContextKeysForPrincipalPolicy', () => {
  it('lists the condition keys of the user\'s identity policies', async () => {
    const s = await start('identity-mfa-deny');
    fake = s.fake;
    const out = await s.iam.send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: user('grace') }));
    expect(out.ContextKeyNames).toEqual(['aws:MultiFactorAuthPresent']);
  });

  it('includes keys from PolicyInputList and reads nothing from SCPs', async () => {
    const s = await start(
      miniScenario({
        users: [{ arn: user('wes'), inlinePolicies: { P: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ce:*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } }] } } }],
      }),
    );
    fake = s.fake;
    const extra = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:requestedregion': 'x' } } }] });
    const out = await s.iam.send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: user('wes'), PolicyInputList: [extra] }));
    expect(out.ContextKeyNames).toEqual(['aws:RequestedRegion', 'aws:SecureTransport']);
  });
});
