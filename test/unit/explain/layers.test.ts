import { describe, expect, it } from 'vitest';
import type { PolicyType } from '../../../src/core/denial.ts';
import type { Fixer, Layer } from '../../../src/core/explanation.ts';
import { explainDenial } from '../../../src/core/rules/index.ts';
import { ALICE, BOB_FINANCE, denial } from './denials.ts';

const EXPECTED: Record<PolicyType, { layer: Layer; fixer: Fixer; explicit: RegExp; implicit: RegExp }> = {
  identity: {
    layer: 'identity-policy',
    fixer: 'account-iam-admin',
    explicit: /^A Deny statement in an identity-based policy of role FinanceRole blocks ce:GetCostAndUsage\.$/,
    implicit: /^No identity-based policy of role FinanceRole allows ce:GetCostAndUsage\.$/,
  },
  'permissions-boundary': {
    layer: 'permissions-boundary',
    fixer: 'account-iam-admin',
    explicit: /^A Deny statement in the permissions boundary of role FinanceRole blocks ce:GetCostAndUsage\.$/,
    implicit: /^The permissions boundary of role FinanceRole does not allow ce:GetCostAndUsage, so no identity policy can grant it\.$/,
  },
  session: {
    layer: 'session-policy',
    fixer: 'session-creator',
    explicit: /Deny statement in the session policy passed when this session was created/,
    implicit: /session policy passed when this session was created does not allow ce:GetCostAndUsage/,
  },
  scp: {
    layer: 'scp',
    fixer: 'organization-admin',
    explicit: /^A service control policy \(SCP\) in your organization blocks ce:GetCostAndUsage: either a Deny statement or no Allow\.$/,
    implicit: /^No service control policy allows ce:GetCostAndUsage/,
  },
  rcp: {
    layer: 'rcp',
    fixer: 'organization-admin',
    explicit: /^A resource control policy \(RCP\) in your organization denies ce:GetCostAndUsage/,
    implicit: /^A resource control policy \(RCP\) in your organization denies ce:GetCostAndUsage.*RCPFullAWSAccess, which cannot be detached/,
  },
  'vpc-endpoint': {
    layer: 'vpc-endpoint-policy',
    fixer: 'network-admin',
    explicit: /VPC endpoint the request went through denies ce:GetCostAndUsage/,
    implicit: /VPC endpoint the request went through does not allow ce:GetCostAndUsage/,
  },
  resource: {
    layer: 'resource-policy',
    fixer: 'resource-owner',
    explicit: /resource-based policy of the resource denies ce:GetCostAndUsage to role FinanceRole/,
    implicit: /resource-based policy of the resource does not allow ce:GetCostAndUsage for role FinanceRole/,
  },
  'role-trust': {
    layer: 'role-trust-policy',
    fixer: 'resource-owner',
    explicit: /trust policy of the role denies ce:GetCostAndUsage to role FinanceRole/,
    implicit: /trust policy of the role does not allow role FinanceRole to use ce:GetCostAndUsage/,
  },
};

describe('layer from the policy type', () => {
  for (const [policyType, expected] of Object.entries(EXPECTED) as [PolicyType, (typeof EXPECTED)[PolicyType]][]) {
    for (const denyKind of ['explicit', 'implicit'] as const) {
      it(`${policyType}, ${denyKind}`, () => {
        const explanation = explainDenial(denial({ ...BOB_FINANCE, action: 'ce:GetCostAndUsage', policyType, denyKind }));
        expect(explanation.layer).toBe(expected.layer);
        expect(explanation.fixer).toBe(expected.fixer);
        expect(explanation.verdict).toMatch(expected[denyKind]);
        expect(explanation.confidence).toBe('high');
        expect(explanation.confidenceReasons[0]).toMatch(/^The message names the policy type explicitly/);
        expect(explanation.confidenceReasons[0]).toContain(denyKind === 'explicit' ? 'an explicit deny' : 'an implicit deny');
        expect(explanation.notes.some((note) => note.kind === 'several-types')).toBe(true);
        expect(explanation.checklist.some((item) => item.startsWith('Identity policies'))).toBe(false);
      });
    }
  }

  it('names the resource and the role in resource-based and trust-policy verdicts', () => {
    const key = 'arn:aws-us-gov:kms:us-gov-west-1:444444444444:key/1111aaaa-2222-bbbb-3333-cccc4444dddd';
    const kms = explainDenial(
      denial({ principalArn: 'arn:aws-us-gov:iam::444444444444:root', principalType: 'root', action: 'kms:Decrypt', resource: key, policyType: 'resource', denyKind: 'explicit' }),
    );
    expect(kms.verdict).toBe(`The resource-based policy of ${key} denies kms:Decrypt to the root user.`);
    const trust = explainDenial(
      denial({ ...ALICE, action: 'sts:AssumeRole', resource: 'arn:aws:iam::111111111111:role/AuditRole', policyType: 'role-trust', denyKind: 'implicit' }),
    );
    expect(trust.verdict).toBe('The trust policy of arn:aws:iam::111111111111:role/AuditRole does not allow user alice to use sts:AssumeRole.');
  });

  it("names an S3 object's or bucket's resource-based policy as its bucket's policy: an object has none of its own", () => {
    const object = 'arn:aws:s3:::example-exports-111111111111/exports/data.parquet';
    const explicit = explainDenial(denial({ ...ALICE, action: 's3:GetObject', resource: object, policyType: 'resource', denyKind: 'explicit' }));
    expect(explicit.verdict).toBe('The bucket policy of example-exports-111111111111 denies s3:GetObject to user alice.');
    expect(explicit.change).toBe('Narrow the Deny statement for s3:GetObject in the bucket policy of example-exports-111111111111.');
    expect(explicit.steps[0]).toBe('Read the bucket policy of example-exports-111111111111.');
    const implicit = explainDenial(denial({ ...ALICE, action: 's3:ListBucket', resource: 'arn:aws:s3:::example-exports-111111111111', policyType: 'resource', denyKind: 'implicit' }));
    expect(implicit.verdict).toBe('The bucket policy of example-exports-111111111111 does not allow s3:ListBucket for user alice.');
    // Any other resource keeps the general name, with the kinds it may be; so does a message that names no resource.
    const queue = 'arn:aws:sqs:us-east-1:111111111111:exports';
    expect(explainDenial(denial({ ...ALICE, action: 'sqs:SendMessage', resource: queue, policyType: 'resource', denyKind: 'explicit' })).steps[0]).toBe(
      `Read the resource-based policy of ${queue} (bucket policy, key policy, …).`,
    );
    expect(explainDenial(denial({ ...ALICE, action: 'sqs:SendMessage', resource: null, policyType: 'resource', denyKind: 'implicit' })).verdict).toBe(
      'The resource-based policy of the resource does not allow sqs:SendMessage for user alice.',
    );
  });

  it('says an explicit identity Deny cannot be fixed with an Allow, and suggests no policy', () => {
    const explanation = explainDenial(denial({ ...ALICE, action: 'ce:GetCostAndUsage', policyType: 'identity', denyKind: 'explicit' }));
    expect(explanation.change).toContain('Adding an Allow does not help');
    expect(explanation.suggestedPolicy).toBeNull();
  });

  it('adds the SCP wording caveat to explicit SCP denials only', () => {
    const explicit = explainDenial(denial({ ...ALICE, action: 'tax:ListTaxRegistrations', policyType: 'scp', denyKind: 'explicit' }));
    const implicit = explainDenial(denial({ ...ALICE, action: 'tax:ListTaxRegistrations', policyType: 'scp', denyKind: 'implicit' }));
    expect(explicit.notes.find((note) => note.kind === 'scp-wording')?.text).toContain('allow-list SCP only lacks an Allow');
    expect(implicit.notes.some((note) => note.kind === 'scp-wording')).toBe(false);
  });

  it('treats the transitive VPC endpoint form as an SCP and says to fix the SCP', () => {
    const message =
      'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: ce:GetCostAndUsage with an explicit deny in a VPC endpoint policy transitively through a service control policy';
    const explanation = explainDenial(denial({ ...ALICE, action: 'ce:GetCostAndUsage', policyType: 'scp', denyKind: 'explicit' }, { message }));
    expect(explanation.layer).toBe('scp');
    expect(explanation.steps.some((step) => step.includes('AWS says to fix this in the SCP'))).toBe(true);
  });

  it('credits the console Context line when the alert names the type', () => {
    const explanation = explainDenial(
      denial({ ...BOB_FINANCE, action: 'cur:GetClassicReport', policyType: 'permissions-boundary', denyKind: 'explicit' }, { form: 'console-alert' }),
    );
    expect(explanation.confidenceReasons[0]).toMatch(/^The console's Context line names the policy type explicitly \(the permissions boundary\)/);
  });

  it('bare explicit deny: layer unknown, medium confidence, the Deny-oriented checklist', () => {
    const explanation = explainDenial(denial({ ...BOB_FINANCE, action: 'ce:GetUsageForecast', denyKind: 'explicit' }));
    expect(explanation.layer).toBe('unknown');
    expect(explanation.confidence).toBe('medium');
    expect(explanation.verdict).toBe('An explicit Deny blocks ce:GetUsageForecast, but the message does not say which kind of policy holds it.');
    expect(explanation.suggestedPolicy).toBeNull();
    expect(explanation.checklist.map((item) => item.split(':')[0])).toEqual([
      'Identity policies',
      'SCPs (member accounts only; they never apply to the management account)',
      'MFA conditions',
      'Permissions boundary',
      'Region',
      'Session policy',
    ]);
    expect(explanation.checklist[0]).toContain('have a Deny that matches ce:GetUsageForecast');
    // An explicit deny means IAM evaluated the request, so the billing setting is not what is open.
    expect(explanation.checklist.some((item) => item.startsWith('Billing access setting'))).toBe(false);
  });

  it('no context: low confidence, every open item in order', () => {
    const explanation = explainDenial(denial({ ...ALICE, action: 'ce:GetCostAndUsage' }));
    expect(explanation.layer).toBe('unknown');
    expect(explanation.confidence).toBe('low');
    expect(explanation.confidenceReasons).toEqual(['No context in the message: older services and many Billing APIs do not say which policy type denied the request.']);
    expect(explanation.checklist.map((item) => item.split(':')[0])).toEqual([
      'Billing access setting',
      'Identity policies',
      'SCPs (member accounts only; they never apply to the management account)',
      'MFA conditions',
      'Permissions boundary',
      'Region',
      'Cost Explorer access',
    ]);
    expect(explanation.checklist[1]).toBe('Identity policies: does a policy of user alice (attached directly or through its IAM groups) allow ce:GetCostAndUsage?');
    expect(explanation.suggestedPolicy?.Statement[0]?.Action).toBe('ce:GetCostAndUsage');
  });

  it('a service reason instead of a policy type is shown verbatim and lowers nothing it cannot know', () => {
    const explanation = explainDenial(
      denial({ ...ALICE, action: 'account:GetAlternateContact' }, { reason: 'Some service-specific reason.' }),
    );
    expect(explanation.reading).toContain('The service gave this reason: "Some service-specific reason."');
    expect(explanation.confidenceReasons[0]).toBe('The message gives only a service-specific reason, no policy type.');
  });
});
