import { describe, expect, it } from 'vitest';
import type { Explanation, NoteKind } from '../../../src/core/explanation.ts';
import { explainDenial } from '../../../src/core/rules/index.ts';
import { ALICE, BOB_FINANCE, CAROL_SSO, CE_PAGE, RCP_ARN, ROOT, SCP_ARN, denial } from './denials.ts';

const note = (explanation: Explanation, kind: NoteKind): string | undefined => explanation.notes.find((n) => n.kind === kind)?.text;

describe('billing-activation', () => {
  it('"IAM user access not activated": root user, exact steps, no policy', () => {
    const explanation = explainDenial(
      denial({ accountId: '999999999999', action: 'ce:GetCostForecast', cause: 'iam-billing-access-not-activated' }, { form: 'console-alert' }),
    );
    expect(explanation.layer).toBe('billing-access-setting');
    expect(explanation.fixer).toBe('root-user');
    expect(explanation.fixerText).toBe('the root user of account 999999999999: only the root user can change this setting');
    expect(explanation.change).toBe('The root user of account 999999999999 must activate IAM access to billing information. Adding permissions does not help.');
    expect(explanation.steps.slice(0, 5)).toEqual([
      'Sign in to the AWS Management Console as the root user of the account (the account email address and password).',
      'Open the Account page of the Billing console (top-right account menu, "Account").',
      'Find "IAM user and role access to Billing information" and choose "Edit".',
      'Select "Activate IAM Access".',
      'Choose "Update". The page then says "IAM user/role access to billing information is activated".',
    ]);
    expect(explanation.confidence).toBe('high');
    expect(explanation.suggestedPolicy).toBeNull();
    expect(explanation.checklist).toEqual([]);
    expect(note(explanation, 'billing-activation')).toContain('whatever their IAM policies allow');
    expect(explanation.links.map((link) => link.url)).toEqual([
      'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/control-access-billing.html',
      'https://repost.aws/knowledge-center/iam-billing-access',
    ]);
  });

  it('the "You need permissions" banner names both causes and leaves both open', () => {
    const explanation = explainDenial(denial({}, { form: 'billing-banner', message: 'You Need Permissions' }), {
      pageUrl: 'https://console.aws.amazon.com/billing/home#/bills',
    });
    expect(explanation.layer).toBe('unknown');
    expect(explanation.confidence).toBe('medium');
    expect(explanation.verdict).toMatch(/^Either the account setting "IAM user and role access to Billing information" is off, or /);
    expect(explanation.checklist.map((item) => item.split(':')[0])).toEqual([
      'Billing access setting',
      'Identity policies',
      'SCPs (member accounts only; they never apply to the management account)',
      'Permissions boundary',
    ]);
    expect(note(explanation, 'billing-activation')).toContain('If other denials on this page name an IAM action, the setting is probably on');
    expect(explanation.reading).toBe('The Billing console refused to show billing information to a principal the message does not name on the Bills page.');
  });

  it('is not an open item for the root user or for non-billing actions', () => {
    const root = explainDenial(denial({ ...ROOT, action: 'ce:GetCostAndUsage' }));
    expect(root.checklist.some((item) => item.startsWith('Billing access setting'))).toBe(false);
    expect(root.checklist.some((item) => item.startsWith('Identity policies'))).toBe(false);
    expect(root.checklist.some((item) => item.startsWith('SCPs'))).toBe(true);
    const s3 = explainDenial(denial({ ...ALICE, action: 's3:GetObject' }));
    expect(s3.checklist.some((item) => item.startsWith('Billing access setting'))).toBe(false);
    expect(s3.checklist.some((item) => item.startsWith('Region'))).toBe(false);
    expect(s3.checklist.some((item) => item.startsWith('RCPs'))).toBe(true);
  });
});

describe('cost-explorer-member', () => {
  it('linked account without access: the management account, no IAM change', () => {
    const explanation = explainDenial(denial({ ...BOB_FINANCE, action: 'ce:GetCostAndUsage', cause: 'linked-account-cost-explorer-disabled' }));
    expect(explanation.layer).toBe('cost-explorer-setting');
    expect(explanation.fixer).toBe('management-account-admin');
    expect(explanation.verdict).toContain('No IAM change in this account can fix it');
    expect(explanation.steps[1]).toContain('"Cost Management preferences"');
    expect(explanation.steps[2]).toContain('"Linked account access"');
    expect(explanation.suggestedPolicy).toBeNull();
    expect(note(explanation, 'cost-explorer-member')).toContain('regardless of IAM policies');
  });

  it('"User not enabled for cost explorer access": enabling steps and member steps', () => {
    const explanation = explainDenial(denial({ action: 'ce:GetTags', cause: 'cost-explorer-not-enabled' }, { form: 'service-message' }));
    expect(explanation.layer).toBe('cost-explorer-setting');
    expect(explanation.steps).toContain('For a member account:');
    expect(explanation.steps.some((step) => step.includes('there is no API for this'))).toBe(true);
    expect(explanation.confidenceReasons[0]).toContain('It does not say which of the two settings is off');
  });

  it('is an open item for ce denials without context', () => {
    const explanation = explainDenial(denial({ ...BOB_FINANCE, action: 'ce:GetCostAndUsage' }));
    expect(explanation.checklist.at(-1)).toMatch(/^Cost Explorer access: if this is a member account/);
  });
});

describe('management-account-context', () => {
  it('standalone context', () => {
    const explanation = explainDenial(
      denial({ ...BOB_FINANCE, action: 'account:PutAlternateContact', cause: 'management-account-standalone-context' }, {
        reason: 'The management account can only be managed using the standalone context from the management account.',
      }),
    );
    expect(explanation.layer).toBe('management-account-context');
    expect(explanation.fixer).toBe('management-account-admin');
    expect(explanation.change).toContain('leave out the AccountId parameter');
    expect(explanation.suggestedPolicy).toBeNull();
  });

  it('trusted access not enabled', () => {
    const explanation = explainDenial(
      denial({ ...BOB_FINANCE, action: 'account:GetAlternateContact' }, { reason: 'Your organization must first enable trusted access with AWS Account Management.' }),
    );
    expect(explanation.layer).toBe('management-account-context');
    expect(explanation.fixer).toBe('organization-admin');
    expect(explanation.steps[1]).toContain('aws organizations enable-aws-service-access --service-principal account.amazonaws.com');
  });
});

describe('legacy-action', () => {
  it('a denied aws-portal action names its replacements', () => {
    const explanation = explainDenial(denial({ ...ALICE, action: 'aws-portal:ViewUsage', policyType: 'identity', denyKind: 'implicit' }));
    expect(note(explanation, 'legacy-action')).toMatch(/aws-portal:ViewUsage is a legacy Billing action .* replacements are: cur:GetUsageReport\.$/);
    expect(explanation.suggestedPolicy?.Statement[0]?.Action).toBe('aws-portal:ViewUsage');
    expect(explanation.steps.some((step) => step.includes('grant cur:GetUsageReport as well'))).toBe(true);
  });

  it('uses the China mapping in aws-cn', () => {
    const explanation = explainDenial(
      denial({ principalArn: 'arn:aws-cn:iam::111111111111:user/bob', principalType: 'user', accountId: '111111111111', action: 'aws-portal:ViewAccount' }),
    );
    const text = note(explanation, 'legacy-action') ?? '';
    expect(text).toContain('in the China Regions');
    expect(text).not.toContain('billing:GetIAMAccessPreference');
    expect(text).toContain('account:GetChallengeQuestions');
  });

  it('a denied fine-grained action: the policy may still grant only the legacy action', () => {
    const explanation = explainDenial(denial({ ...ALICE, action: 'ce:GetCostAndUsage', policyType: 'identity', denyKind: 'implicit' }));
    expect(note(explanation, 'legacy-action')).toBe(
      'If the policies of user alice were written before 2023, they may still grant only the legacy aws-portal:ViewBilling, which no longer controls this. Add ce:GetCostAndUsage itself.',
    );
  });

  it('an implicit SCP denial: an old allow-list SCP may allow only aws-portal:*', () => {
    const explanation = explainDenial(denial({ ...ALICE, action: 'payments:UpdatePaymentPreferences', policyType: 'scp', denyKind: 'implicit' }));
    expect(note(explanation, 'legacy-action')).toContain('aws-portal:ModifyAccount or aws-portal:ModifyPaymentMethods or aws-portal:ModifyBilling');
  });

  it('says nothing for explicit denies or actions aws-portal never covered', () => {
    expect(note(explainDenial(denial({ ...ALICE, action: 'ce:GetCostAndUsage', policyType: 'identity', denyKind: 'explicit' })), 'legacy-action')).toBeUndefined();
    expect(note(explainDenial(denial({ ...ALICE, action: 'budgets:ViewBudget', policyType: 'identity', denyKind: 'implicit' })), 'legacy-action')).toBeUndefined();
  });
});

describe('region-scp', () => {
  it('explicit SCP deny on a billing action: suspect a Region SCP and name the NotAction exemption', () => {
    const explanation = explainDenial(denial({ ...BOB_FINANCE, action: 'ce:GetCostAndUsage', policyType: 'scp', denyKind: 'explicit' }));
    const text = note(explanation, 'region') ?? '';
    expect(text).toContain('ce is served from us-east-1 (ce.us-east-1.amazonaws.com)');
    expect(text).toContain('exempts ce:* with NotAction');
    expect(explanation.steps.some((step) => step.startsWith('If it is, add "ce:*" to that statement\'s NotAction list'))).toBe(true);
    expect(explanation.checklist.some((item) => item.startsWith('Region:'))).toBe(true);
  });

  it('warns when AWS\'s example omits the prefix', () => {
    const explanation = explainDenial(
      denial({ ...BOB_FINANCE, action: 'bcm-data-exports:ListExports', resource: 'arn:aws:bcm-data-exports:us-east-1:222222222222:/ListExports', policyType: 'scp', denyKind: 'explicit' }),
    );
    expect(note(explanation, 'region')).toContain("None of AWS's Region-deny policies exempts bcm-data-exports:*");
  });

  it('an explicit identity deny on a us-east-1 pseudo-resource is suspect too', () => {
    const explanation = explainDenial(
      denial({ ...ALICE, action: 'ce:GetCostForecast', resource: 'arn:aws:ce:us-east-1:111111111111:/GetCostForecast', policyType: 'identity', denyKind: 'explicit' }),
    );
    expect(note(explanation, 'region')).toBeDefined();
    expect(explanation.confidenceReasons).toContain(
      'The resource is a us-east-1 operation pseudo-resource and the deny is explicit: a Region-restricting policy is a common cause.',
    );
  });

  it('an implicit deny on a us-east-1 pseudo-resource: an existing Allow may be limited to other Regions', () => {
    const explanation = explainDenial(
      denial({ ...BOB_FINANCE, action: 'ce:GetReservationCoverage', resource: 'arn:aws:ce:us-east-1:222222222222:/GetReservationCoverage', policyType: 'identity', denyKind: 'implicit' }),
    );
    expect(note(explanation, 'region')).toBeUndefined();
    expect(explanation.steps).toContain(
      'If an Allow for ce:GetReservationCoverage already exists, check its Condition: a condition on aws:RequestedRegion must include us-east-1, where this call is made whichever Region the console shows.',
    );
  });

  it('only in the commercial partition, where billing is served from us-east-1', () => {
    const china = explainDenial(
      denial({ principalArn: 'arn:aws-cn:iam::111111111111:user/bob', principalType: 'user', action: 'ce:GetUsageForecast', denyKind: 'explicit' }),
    );
    expect(note(china, 'region')).toBeUndefined();
    expect(china.checklist.some((item) => item.startsWith('Region'))).toBe(false);
  });

  it('not for implicit denies, non-billing actions, or explicit identity denies without the pseudo-resource', () => {
    expect(note(explainDenial(denial({ ...ALICE, action: 'ce:GetCostAndUsage', policyType: 'scp', denyKind: 'implicit' })), 'region')).toBeUndefined();
    expect(note(explainDenial(denial({ ...ALICE, action: 'ec2:RunInstances', policyType: 'scp', denyKind: 'explicit' })), 'region')).toBeUndefined();
    expect(note(explainDenial(denial({ ...ALICE, action: 'ce:GetCostAndUsage', policyType: 'identity', denyKind: 'explicit' })), 'region')).toBeUndefined();
  });
});

describe('mfa', () => {
  it('explicit identity deny: suspect an MFA condition and say how to check', () => {
    const explanation = explainDenial(denial({ ...ALICE, action: 'billing:GetBillingData', policyType: 'identity', denyKind: 'explicit' }));
    expect(note(explanation, 'mfa')).toContain('"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}');
    expect(explanation.steps.some((step) => step.includes('aws:MultiFactorAuthPresent = true'))).toBe(true);
    expect(explanation.checklist).toEqual([expect.stringMatching(/^MFA conditions: does a Deny statement that matches billing:GetBillingData/)]);
  });

  it('not for implicit denies, the root user, or resource policies', () => {
    expect(note(explainDenial(denial({ ...ALICE, action: 'billing:GetBillingData', policyType: 'identity', denyKind: 'implicit' })), 'mfa')).toBeUndefined();
    expect(note(explainDenial(denial({ ...ROOT, action: 'billing:GetBillingData', policyType: 'scp', denyKind: 'explicit' })), 'mfa')).toBeUndefined();
    expect(note(explainDenial(denial({ ...ALICE, action: 's3:GetObject', policyType: 'resource', denyKind: 'explicit' })), 'mfa')).toBeUndefined();
  });

  it('explains payments:MakePayment on the Payment preferences page', () => {
    const explanation = explainDenial(denial({ ...ALICE, action: 'payments:MakePayment', policyType: 'identity', denyKind: 'implicit' }), {
      pageUrl: 'https://console.aws.amazon.com/billing/home#/paymentpreferences',
    });
    expect(note(explanation, 'mfa')).toContain('only when a card needs verification');
  });
});

describe('managed-policy-gap', () => {
  it('"Billing is not Cost Explorer" for CE forecasts, and the page\'s other needs', () => {
    const explanation = explainDenial(denial({ ...CAROL_SSO, action: 'ce:GetCostForecast', policyType: 'identity', denyKind: 'implicit' }), { pageUrl: CE_PAGE });
    expect(note(explanation, 'managed-policy-gap')).toMatch(/^Billing is not Cost Explorer: AWSBillingReadOnlyAccess and the Billing job-function policy do not grant ce:GetCostForecast\./);
    expect(explanation.steps).toContain(
      'The Cost Explorer page also needs these actions to load: ce:GetCostCategories, ce:GetDimensionValues, ce:GetCostAndUsageWithResources, ce:GetCostAndUsage, ce:GetTags, ce:GetUsageForecast, ce:DescribeReport. Grant them together, or the next denial will name one of them.',
    );
    // From AWS's documents: ReadOnlyAccess grants it, the two billing policies do not.
    const step = explanation.steps.find((candidate) => candidate.startsWith('Instead of a custom statement'));
    expect(step).toMatch(/least broad first\): .*ReadOnlyAccess/);
    expect(step).not.toMatch(/\bBilling\b/);
    expect(explanation.managedPolicies?.map((policy) => policy.name)).toContain('ReadOnlyAccess');
  });

  it('account:GetContactInformation: the billing policies lack it, AWSAccountManagementReadOnlyAccess comes first', () => {
    const explanation = explainDenial(denial({ ...ALICE, action: 'account:GetContactInformation', policyType: 'identity', denyKind: 'implicit' }), {
      pageUrl: 'https://console.aws.amazon.com/billing/home#/purchaseorders',
    });
    expect(note(explanation, 'managed-policy-gap')).toBe('account:GetContactInformation is not granted by the AWS managed policies AWSBillingReadOnlyAccess, Billing.');
    expect(explanation.managedPolicies?.[0]).toMatchObject({ name: 'AWSAccountManagementReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/AWSAccountManagementReadOnlyAccess', conditional: false });
    expect(explanation.steps.some((step) => step.includes('least broad first): AWSAccountManagementReadOnlyAccess, '))).toBe(true);
  });

  it('says when no AWS managed policy grants the action', () => {
    const explanation = explainDenial(denial({ ...ALICE, action: 'tax:ListDocuments', policyType: 'identity', denyKind: 'implicit' }));
    expect(explanation.managedPolicies).toEqual([]);
    expect(explanation.steps.some((step) => step.startsWith('No AWS managed policy grants tax:ListDocuments other than administrator-level ones ('))).toBe(true);
  });

  it('makes no claim for actions outside the Billing and Cost Management prefixes', () => {
    expect(explainDenial(denial({ ...ALICE, action: 's3:GetObject', policyType: 'identity', denyKind: 'implicit' })).managedPolicies).toBeNull();
  });

  it('ReadOnlyAccess lacks cur:DescribeReportDefinitions', () => {
    const explanation = explainDenial(denial({ ...ALICE, action: 'cur:DescribeReportDefinitions', policyType: 'identity', denyKind: 'implicit' }));
    expect(note(explanation, 'managed-policy-gap')).toBe('cur:DescribeReportDefinitions is not granted by the AWS managed policy ReadOnlyAccess.');
  });

  it('names the page task a denied action belongs to', () => {
    const explanation = explainDenial(denial({ ...ALICE, action: 'ce:CreateReport', policyType: 'identity', denyKind: 'implicit' }), { pageUrl: CE_PAGE });
    expect(explanation.steps).toContain('On the Cost Explorer page, ce:CreateReport is what "save a report" needs; AWS lists these actions for it: ce:CreateReport.');
  });

  it('stays quiet for explicit denies', () => {
    expect(note(explainDenial(denial({ ...ALICE, action: 'ce:GetCostForecast', policyType: 'identity', denyKind: 'explicit' })), 'managed-policy-gap')).toBeUndefined();
  });
});

describe('root-only', () => {
  it('activation by an IAM principal: ask the root user, no policy', () => {
    const explanation = explainDenial(denial({ ...ALICE, action: 'billing:UpdateIAMAccessPreference', policyType: 'identity', denyKind: 'implicit' }));
    expect(explanation.fixer).toBe('root-user');
    expect(explanation.change).toBe(
      'Ask the root user of account 111111111111 to do this: activate iam access to the billing and cost management console. No IAM policy can grant it.',
    );
    expect(explanation.suggestedPolicy).toBeNull();
    expect(note(explanation, 'root-only')).toContain('No IAM policy can grant it');
  });

  it('an SCP still blocks the root user, so the SCP stays the fix', () => {
    const explanation = explainDenial(denial({ ...ALICE, action: 'billing:UpdateIAMAccessPreference', policyType: 'scp', denyKind: 'explicit' }));
    expect(explanation.fixer).toBe('organization-admin');
  });

  it('closing the account: root in a standalone account, the management account in an organization', () => {
    const explanation = explainDenial(denial({ ...ALICE, action: 'account:CloseAccount', policyType: 'identity', denyKind: 'implicit' }));
    expect(note(explanation, 'root-only')).toMatch(/^Close the AWS account needs the root user in a standalone account\. In an organization, the management account closes member accounts with organizations:CloseAccount/);
    expect(explanation.fixer).toBe('account-iam-admin');
  });
});

describe('passrole', () => {
  it('names the role and the service, with the iam:PassedToService condition', () => {
    const explanation = explainDenial(
      denial({ ...ALICE, action: 'iam:PassRole', resource: 'arn:aws:iam::111111111111:role/service/BudgetsActionRole', policyType: 'identity', denyKind: 'implicit' }),
      { pageUrl: 'https://console.aws.amazon.com/billing/home#/budgets' },
    );
    expect(note(explanation, 'passrole')).toBe(
      'user alice must be allowed to pass role BudgetsActionRole to budgets.amazonaws.com. That takes iam:PassRole on the role, limited with the condition iam:PassedToService = budgets.amazonaws.com, so the role can be passed only to that service.',
    );
    expect(explanation.suggestedPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'WhyDeniedIamPassRole',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: 'arn:aws:iam::111111111111:role/service/BudgetsActionRole',
          Condition: { StringEquals: { 'iam:PassedToService': 'budgets.amazonaws.com' } },
        },
      ],
    });
  });

  it('without a known service or role: no condition, "*" and a step to narrow it', () => {
    const explanation = explainDenial(denial({ ...ALICE, action: 'iam:PassRole' }));
    const statement = explanation.suggestedPolicy?.Statement[0];
    expect(statement?.Resource).toBe('*');
    expect(statement?.Condition).toBeUndefined();
    expect(explanation.steps.some((step) => step.includes('"StringEquals": {"iam:PassedToService": "<service>.amazonaws.com"}'))).toBe(true);
  });

  it('builds the role ARN from an IAM type-word resource', () => {
    const explanation = explainDenial(denial({ ...ALICE, action: 'iam:PassRole', resource: 'role BudgetsActionRole', policyType: 'identity', denyKind: 'implicit' }));
    expect(explanation.suggestedPolicy?.Statement[0]?.Resource).toBe('arn:aws:iam::111111111111:role/BudgetsActionRole');
    expect(explanation.steps.some((step) => step.includes('if the role has a path, insert it after role/'))).toBe(true);
  });
});

describe('identity-center', () => {
  it('AWSReservedSSO_ roles: the Identity Center admin edits the permission set', () => {
    const explanation = explainDenial(denial({ ...CAROL_SSO, action: 'ce:GetRightsizingRecommendation', policyType: 'identity', denyKind: 'implicit' }));
    expect(explanation.fixer).toBe('identity-center-admin');
    expect(explanation.fixerText).toContain('who edits permission set AuditRole');
    expect(explanation.steps[0]).toContain('Change the permission set, not the role');
    expect(explanation.steps.at(-1)).toMatch(/^Add the suggested statement to the inline policy of permission set AuditRole\./);
    expect(explanation.reading).toMatch(/^Identity Center user carol \(permission set AuditRole\) in account 333333333333 was denied/);
  });

  it('does not take over SCP denials', () => {
    const explanation = explainDenial(denial({ ...CAROL_SSO, action: 'ce:GetRightsizingRecommendation', policyType: 'scp', denyKind: 'explicit' }));
    expect(explanation.fixer).toBe('organization-admin');
  });

  it('a plain role with a similar name is not Identity Center', () => {
    const explanation = explainDenial(
      denial({ principalArn: 'arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_Short_123/x', principalType: 'assumed-role', action: 'ce:GetTags', policyType: 'identity', denyKind: 'implicit' }),
    );
    expect(explanation.fixer).toBe('account-iam-admin');
  });
});

describe('several-types', () => {
  it('warns that fixing the named type may uncover another', () => {
    const explanation = explainDenial(denial({ ...ALICE, action: 'ce:GetTags', policyType: 'scp', denyKind: 'implicit' }));
    expect(note(explanation, 'several-types')).toBe(
      'The message names only one policy type. If several deny the request, fixing a service control policy (SCP) may uncover a second denial from the identity policy, which may still lack an Allow; the new message will name it.',
    );
    expect(note(explainDenial(denial({ ...ALICE, action: 'ce:GetTags' })), 'several-types')).toBeUndefined();
  });
});

describe('policy-arn', () => {
  it('SCP ARN: Organizations console link, management account, named in the verdict', () => {
    const explanation = explainDenial(denial({ ...CAROL_SSO, action: 'ce:GetRightsizingRecommendation', policyType: 'scp', denyKind: 'explicit', policyArn: SCP_ARN }));
    expect(explanation.links).toContainEqual({
      label: 'SCP p-exmpl111 in the Organizations console',
      url: 'https://console.aws.amazon.com/organizations/v2/home/policies/service-control-policy/p-exmpl111',
    });
    expect(explanation.verdict).toMatch(/\(policy p-exmpl111\)\.$/);
    expect(explanation.fixerText).toContain('in the management account 999999999999');
    expect(explanation.steps[0]).toContain('management account is 999999999999');
    expect(note(explanation, 'spend-limit')).toBeUndefined();
  });

  it('RCP ARN in GovCloud: the GovCloud Organizations console', () => {
    const arn = 'arn:aws-us-gov:organizations::999999999999:policy/o-exmpl12345/resource_control_policy/p-exmpl222';
    const explanation = explainDenial(
      denial({ principalArn: 'arn:aws-us-gov:iam::444444444444:user/bob', principalType: 'user', action: 's3:GetObject', policyType: 'rcp', denyKind: 'explicit', policyArn: arn }),
    );
    expect(explanation.links.map((link) => link.url)).toContain('https://console.amazonaws-us-gov.com/organizations/v2/home/policies/resource-control-policy/p-exmpl222');
    expect(RCP_ARN).toContain('resource_control_policy');
  });

  it('IAM policy ARN in China: the China IAM console', () => {
    const explanation = explainDenial(
      denial({
        principalArn: 'arn:aws-cn:iam::111111111111:user/bob',
        principalType: 'user',
        action: 'ce:GetUsageForecast',
        policyType: 'identity',
        denyKind: 'explicit',
        policyArn: 'arn:aws-cn:iam::111111111111:policy/DenyForecasts',
      }),
    );
    expect(explanation.links).toContainEqual({
      label: 'Policy DenyForecasts in the IAM console',
      url: 'https://console.amazonaws.cn/iam/home#/policies/details/arn%3Aaws-cn%3Aiam%3A%3A111111111111%3Apolicy%2FDenyForecasts?section=permissions',
    });
  });

  it('AWS managed policy: cannot be edited', () => {
    const explanation = explainDenial(
      denial({ ...ALICE, action: 'ce:GetTags', policyType: 'permissions-boundary', denyKind: 'explicit', policyArn: 'arn:aws:iam::aws:policy/AWSDenyAll' }),
    );
    expect(explanation.steps[0]).toContain('AWS managed policies cannot be edited');
  });

  it('an unrecognised ARN is shown, not linked', () => {
    const explanation = explainDenial(denial({ ...ALICE, action: 'ce:GetTags', policyType: 'identity', denyKind: 'explicit', policyArn: 'arn:aws:iam::111111111111:policy' }));
    expect(explanation.steps[0]).toBe('The message names the policy arn:aws:iam::111111111111:policy; open it and read the statement that matches.');
    expect(explanation.links.some((link) => link.url.includes('policies/details'))).toBe(false);
  });

  it('spend-limit SCPs are suggested when the SCP is not named', () => {
    const explanation = explainDenial(denial({ ...ALICE, action: 'ec2:RunInstances', policyType: 'scp', denyKind: 'explicit' }));
    expect(note(explanation, 'spend-limit')).toContain('ManagedBy=SpendLimit');
  });
});

describe('authorization-id', () => {
  const troubleshooter = 'https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/authorization-details/h4f6j8l0g2d5s7a9m1n3b5v7c';

  it('offers AWS\'s own analysis first', () => {
    const explanation = explainDenial(
      denial({ ...ALICE, action: 'iam:AttachRolePolicy', resource: 'role FinanceRole', policyType: 'identity', denyKind: 'implicit', authorizationId: 'h4f6j8l0g2d5s7a9m1n3b5v7c' }, { troubleshooterUrl: troubleshooter }),
    );
    expect(explanation.links[0]).toEqual({ label: "AWS's analysis of this denial (IAM Access Troubleshooter)", url: troubleshooter });
    expect(explanation.links[1]?.url).toBe('https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied-authorization-id.html');
    expect(explanation.steps[0]).toMatch(/^First open AWS's own analysis of this denial at https:\/\/us-east-1\.console\.aws\.amazon\.com/);
  });

  it('never links a troubleshooter URL from another host; builds the real one from the id', () => {
    const explanation = explainDenial(
      denial({ ...ALICE, action: 'ce:GetTags', authorizationId: 'abc123' }, { troubleshooterUrl: 'https://evil.example/iam/home#/authorization-details/abc123' }),
    );
    expect(explanation.links[0]?.url).toBe('https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/authorization-details/abc123');
    expect(JSON.stringify(explanation)).not.toContain('evil.example');
  });

  it('outside the commercial partition: the API call instead of a link', () => {
    const explanation = explainDenial(
      denial({ principalArn: 'arn:aws-cn:iam::111111111111:user/bob', principalType: 'user', action: 'ce:GetTags', authorizationId: 'abc123' }),
    );
    expect(explanation.steps[0]).toBe(
      "First read AWS's own analysis: call GetRequestAuthorizationDetails (IAM Access Troubleshooter) with authorization ID abc123. It lists every policy that was evaluated and the statements that matched.",
    );
    expect(explanation.links.some((link) => link.url.includes('authorization-details'))).toBe(false);
  });
});

describe('suggested-policy resources', () => {
  const resourceFor = (action: string, resource: string | null): unknown =>
    explainDenial(denial({ ...ALICE, action, resource, policyType: 'identity', denyKind: 'implicit' })).suggestedPolicy?.Statement[0]?.Resource;

  it('"*" for actions without resource types', () => {
    expect(resourceFor('tax:ListTaxRegistrations', null)).toBe('*');
    expect(resourceFor('ce:GetReservationCoverage', 'arn:aws:ce:us-east-1:111111111111:/GetReservationCoverage')).toBe('*');
  });

  it('"*", not the Cost Explorer pseudo-resource, for actions that have resource types', () => {
    expect(resourceFor('ce:GetCostAndUsage', 'arn:aws:ce:us-east-1:111111111111:/GetCostAndUsage')).toBe('*');
  });

  it('the real resource ARN when it fits the action\'s resource types', () => {
    expect(resourceFor('ce:GetCostAndUsage', 'arn:aws:billing::111111111111:billingview/primary')).toBe('arn:aws:billing::111111111111:billingview/primary');
    expect(resourceFor('budgets:ViewBudget', 'arn:aws:budgets::111111111111:budget/*')).toBe('arn:aws:budgets::111111111111:budget/*');
    expect(resourceFor('cur:PutReportDefinition', 'arn:aws:cur:us-east-1:111111111111:definition/daily')).toBe('arn:aws:cur:us-east-1:111111111111:definition/daily');
    expect(resourceFor('s3:GetBucketAcl', 'arn:aws:s3:::example-cur-delivery')).toBe('arn:aws:s3:::example-cur-delivery');
  });

  it('a resource ARN whose account was masked before it was pasted: the account left for the admin to fill in, never a wildcard', () => {
    for (const mask of ['***', 'xxxxxxxxxxxx', '<account_id>', '[ID]']) {
      const explanation = explainDenial(denial({ ...ALICE, action: 'budgets:ViewBudget', resource: `arn:aws:budgets::${mask}:budget/monthly`, policyType: 'identity', denyKind: 'implicit' }));
      expect(explanation.suggestedPolicy?.Statement[0]?.Resource, mask).toBe('arn:aws:budgets::<ACCOUNT-ID>:budget/monthly');
      expect(explanation.steps.join(' '), mask).toContain(`whose account was masked there: put the account ID in place of <ACCOUNT-ID>.`);
    }
    // Still judged against the action's resource types: a masked ARN of another type gives "*".
    expect(resourceFor('budgets:ViewBudget', 'arn:aws:cur:us-east-1:***:definition/daily')).toBe('*');
    // AWS's own account and an ARN with no account are not masks.
    expect(resourceFor('iam:GetPolicy', 'arn:aws:iam::aws:policy/AWSBillingReadOnlyAccess')).toBe('arn:aws:iam::aws:policy/AWSBillingReadOnlyAccess');
    expect(resourceFor('s3:GetBucketAcl', 'arn:aws:s3:::example-cur-delivery')).toBe('arn:aws:s3:::example-cur-delivery');
  });

  it('"*" when the ARN does not fit, or is not an ARN', () => {
    expect(resourceFor('budgets:ViewBudget', 'arn:aws:s3:::bucket')).toBe('*');
    expect(resourceFor('kms:Decrypt', 'my-example-widget')).toBe('*');
    expect(resourceFor('s3:GetObject', 'arn:aws:s3:::bucket/key with "quotes"')).toBe('*');
  });

  it('uses the SAR spelling of the action', () => {
    const explanation = explainDenial(denial({ ...ALICE, action: 'CE:getcostandusage', policyType: 'identity', denyKind: 'implicit' }));
    expect(explanation.suggestedPolicy?.Statement[0]).toEqual({ Sid: 'WhyDeniedCeGetCostAndUsage', Effect: 'Allow', Action: 'ce:GetCostAndUsage', Resource: '*' });
  });

  it('writes the service prefix of an action outside the SAR snapshot in lower case, as SNS prints it in upper case', () => {
    const explanation = explainDenial(denial({ ...ALICE, action: 'SNS:ListSubscriptions', policyType: 'identity', denyKind: 'implicit' }));
    expect(explanation.verdict).toBe('No identity-based policy of user alice allows sns:ListSubscriptions.');
    expect(explanation.suggestedPolicy?.Statement[0]).toMatchObject({ Sid: 'WhyDeniedSnsListSubscriptions', Action: 'sns:ListSubscriptions' });
  });

  it('no policy for the root user, service principals, or invalid action tokens', () => {
    expect(explainDenial(denial({ ...ROOT, action: 'ce:GetTags' })).suggestedPolicy).toBeNull();
    expect(explainDenial(denial({ principalType: 'service', action: 'ce:GetTags' })).suggestedPolicy).toBeNull();
    expect(explainDenial(denial({ ...ALICE, action: 'ce:Get*' })).suggestedPolicy).toBeNull();
    expect(explainDenial(denial({ ...ALICE, action: 'Cost Explorer:' })).suggestedPolicy).toBeNull();
  });
});

describe('partial-parse', () => {
  it('lowers confidence and says so', () => {
    const full = explainDenial(denial({ ...ALICE, action: 'ce:GetTags', policyType: 'identity', denyKind: 'implicit' }));
    const partial = explainDenial(denial({ ...ALICE, action: 'ce:GetTags', policyType: 'identity', denyKind: 'implicit' }, { partial: true }));
    expect(full.confidence).toBe('high');
    expect(partial.confidence).toBe('medium');
    expect(partial.confidenceReasons.at(-1)).toBe('The message matched no known form completely.');
    expect(note(partial, 'partial-parse')).toBeDefined();
  });
});
