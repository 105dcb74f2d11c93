// The request's first line and what comes with it: the ask for each kind of fix, the diagnosis as
// the ask, one request for a merged panel's actions, the time and request-ID fields, the subject.

import { describe, expect, it } from 'vitest';
import type { Denial } from '../../../src/core/denial.ts';
import type { Diagnosis } from '../../../src/core/diagnosis.ts';
import { explainDenial } from '../../../src/core/rules/index.ts';
import { adminRequestSubject, formatAdminRequest, type AdminRequestInput, type RequestFormat } from '../../../src/core/request/admin-request.ts';
import { requestIdOf, utcMinute } from '../../../src/core/request/request-id.ts';
import { readableJson } from '../../../src/core/request/routes/shared.ts';
import { diagnosisStub } from '../engine/helpers.ts';
import { ALICE, BOB_FINANCE, CE_PAGE, SCP_ARN, denial } from '../explain/denials.ts';

const AT = Date.UTC(2026, 11, 6, 6, 47, 31);
const BILLS = 'https://us-east-1.console.aws.amazon.com/billing/home#/bills';

function input(d: Denial, extra: Partial<AdminRequestInput> = {}): AdminRequestInput {
  const pageUrl = extra.pageUrl === undefined ? CE_PAGE : extra.pageUrl;
  return { denial: d, explanation: explainDenial(d, { pageUrl }), pageUrl, deniedAt: AT, ...extra };
}
const request = (d: Denial, extra: Partial<AdminRequestInput> = {}, format: RequestFormat = 'text') => formatAdminRequest(input(d, extra), format);
const top = (text: string) => text.slice(0, text.indexOf('\nDetails\n'));
const firstLine = (text: string) => text.split('\n')[0];

const SCP_DIAGNOSED_ARN = 'arn:aws:organizations::999999999999:policy/o-exmpl12345/service_control_policy/p-abc123';
const scpDiagnosis: Diagnosis = diagnosisStub({
  blockingLayer: 'scp',
  verdict: 'SCP FinanceGuardrails (statement DenyCE) on OU ou-ab12-cdef3456 explicitly denies ce:GetCostAndUsage.',
  blocking: [
    {
      policyType: 'scp',
      name: 'FinanceGuardrails',
      arn: SCP_DIAGNOSED_ARN,
      attachedTo: 'ou-ab12-cdef3456',
      statementSid: 'DenyCE',
      statement: { Sid: 'DenyCE', Effect: 'Deny', Action: 'ce:*', Resource: '*' },
      consoleUrl: 'https://console.aws.amazon.com/organizations/v2/home/policies/service-control-policy/p-abc123',
    },
  ],
});

describe('the ask', () => {
  it('an Allow: the action, the page\'s other actions, the principal, the account, the page link and the UTC time', () => {
    const text = request(denial({ ...BOB_FINANCE, action: 'invoicing:ListInvoiceSummaries', policyType: 'identity', denyKind: 'implicit' }), { pageUrl: BILLS });
    expect(firstLine(text)).toBe(
      `Please allow invoicing:ListInvoiceSummaries (and the 5 other actions the Bills page needs) for role FinanceRole in account 222222222222. Denied on the Bills page (${BILLS}) at 2026-12-06 06:47 UTC.`,
    );
    // The policy grants what the text says the page needs, and the command carries the same policy.
    expect(top(text)).toContain('Policy to grant (covers the 6 actions the Bills page needs):');
    expect(top(text)).toContain('"Action": ["invoicing:ListInvoiceSummaries", "account:GetAccountInformation", "billing:Get*", "consolidatedbilling:Get*", "consolidatedbilling:List*", "payments:List*"]');
    expect(top(text)).toMatch(/aws iam put-role-policy --role-name FinanceRole --policy-name why-denied-Bills-page --policy-document '\{.*"payments:List\*"\],"Resource":"\*"\}\]\}'/);
  });

  it('in Markdown the page is a link, the principal stays text', () => {
    const md = request(denial({ ...BOB_FINANCE, action: 'invoicing:ListInvoiceSummaries', policyType: 'identity', denyKind: 'implicit' }), { pageUrl: BILLS }, 'markdown');
    expect(firstLine(md)).toContain(`Denied on [the Bills page](<${BILLS}>) at 2026-12-06 06:47 UTC.`);
    expect(md).not.toMatch(/`https:\/\/us-east-1\.console/);
  });

  it('a hostile principal name cannot become Markdown in the ask', () => {
    const d = denial({ principalArn: 'arn:aws:iam::111111111111:user/`x`[y](javascript:alert(1))**z**', principalType: 'user', accountId: '111111111111', action: 'ce:GetTags' });
    const md = request(d, { pageUrl: null }, 'markdown');
    expect(firstLine(md)).toBe('Please allow ce:GetTags for user \\`x\\`\\[y\\](javascript:alert(1))\\*\\*z\\*\\* in account 111111111111. Denied at 2026-12-06 06:47 UTC.');
  });

  it('the root-only setting: the root user\'s step', () => {
    const text = request(denial({ accountId: '999999999999', cause: 'cost-explorer-not-enabled' }, { message: 'User not enabled for cost explorer access' }));
    expect(firstLine(text)).toMatch(/^Please enable Cost Explorer for account 999999999999: the management account opens Cost Explorer once/);
    expect(top(text)).toMatch(/\n1\. Sign in to the management account/);
    expect(text).not.toContain('aws iam put-');
  });

  it('an SCP named in the message: the SCP and its id, in the ask and the commands', () => {
    const text = request(denial({ ...BOB_FINANCE, action: 'ce:GetCostAndUsage', policyType: 'scp', denyKind: 'explicit', policyArn: SCP_ARN }));
    expect(firstLine(text)).toMatch(/^Please change SCP p-exmpl111 so that it no longer blocks ce:GetCostAndUsage for role FinanceRole in account 222222222222\./);
    expect(top(text)).toContain('aws organizations update-policy --policy-id p-exmpl111 --content file://scp.json');
    expect(text).not.toContain('<policy-id>');
  });

  it('a layer without a named policy: which one to change, and how', () => {
    const scp = request(denial({ ...BOB_FINANCE, action: 'ce:GetCostAndUsage', policyType: 'scp', denyKind: 'explicit' }), { pageUrl: null });
    expect(firstLine(scp)).toMatch(/^Please change the SCP that blocks ce:GetCostAndUsage for role FinanceRole in account 222222222222, so that it no longer does\./);
    const boundary = request(denial({ ...BOB_FINANCE, action: 'freetier:GetFreeTierAlertPreference', policyType: 'permissions-boundary', denyKind: 'implicit' }), { pageUrl: null });
    expect(firstLine(boundary)).toMatch(/^Please change the permissions boundary so that it allows freetier:GetFreeTierAlertPreference for role FinanceRole in account 222222222222\./);
  });

  it('several actions of a merged panel: one request for all of them', () => {
    const d = denial({ ...BOB_FINANCE, action: 'ce:GetCostAndUsage', policyType: 'identity', denyKind: 'implicit' });
    const text = request(d, { pageUrl: null, actions: ['ce:GetCostAndUsage', 'ce:getdimensionvalues', 'ce:GetCostForecast', '[x](javascript:alert(1))'] });
    expect(firstLine(text)).toMatch(/^Please allow ce:GetCostAndUsage, ce:GetDimensionValues and ce:GetCostForecast for role FinanceRole in account 222222222222\./);
    expect(top(text)).toContain('Denied: ce:GetCostAndUsage, ce:GetDimensionValues, ce:GetCostForecast');
    expect(top(text)).toContain('Policy to grant (covers the 3 denied actions):');
    expect(top(text)).toContain('"Action": ["ce:GetCostAndUsage", "ce:GetDimensionValues", "ce:GetCostForecast"]');
    expect(text).not.toContain('javascript');
  });

  it('the single-denial call keeps working without time or actions', () => {
    const d = denial({ ...ALICE, action: 'ce:GetTags' });
    const text = formatAdminRequest({ denial: d, explanation: explainDenial(d), pageUrl: null }, 'text');
    expect(firstLine(text)).toMatch(/^Please allow ce:GetTags for user alice in account 111111111111\. Denied at \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/);
  });
});

describe('with a diagnosis', () => {
  const d = denial({ ...BOB_FINANCE, action: 'ce:GetCostAndUsage' });

  it('the ask names the blocking policy and its statement; the commands carry its id and target', () => {
    const text = request(d, { diagnosis: scpDiagnosis });
    expect(firstLine(text)).toMatch(
      /^Please change SCP FinanceGuardrails \(p-abc123, statement DenyCE\) so that it no longer denies ce:GetCostAndUsage for role FinanceRole in account 222222222222\. Denied on the Cost Explorer page/,
    );
    expect(top(text)).toContain('# POSIX shell (bash, zsh). SCP p-abc123 (attached to ou-ab12-cdef3456), with the AWS CLI');
    expect(top(text)).toContain('aws organizations describe-policy --policy-id p-abc123 --query Policy.Content --output text > scp.json');
    expect(top(text)).toContain('aws organizations update-policy --policy-id p-abc123 --content file://scp.json');
    expect(text).not.toMatch(/<policy-id>|<ou-or-root-id>/);
    expect(top(text)).toContain('Blocked by: SCP FinanceGuardrails (statement DenyCE) on OU ou-ab12-cdef3456 explicitly denies ce:GetCostAndUsage.');
  });

  it('checks the diagnosis settled disappear; they stay after a partial one', () => {
    const explanation = explainDenial(d, { pageUrl: CE_PAGE });
    expect(explanation.checklist.length).toBeGreaterThan(0);
    const done = request(d, { diagnosis: scpDiagnosis });
    expect(done).not.toContain('Still open');
    for (const item of explanation.checklist) expect(done).not.toContain(item);
    expect(request(d, { diagnosis: { ...scpDiagnosis, blockingLayer: 'none-found' } })).toContain('Still open: please check');
    // A partial diagnosis that could not read Organizations leaves the SCP question open, and only what it left open.
    const partial = request(d, { diagnosis: { ...scpDiagnosis, status: 'partial', problems: [{ kind: 'missing-permission', permission: 'organizations:ListPoliciesForTarget', message: 'AccessDenied', uncheckedTopics: ['scp', 'rcp', 'mfa', 'region'] }] } });
    expect(partial).toContain('Still open: please check');
    expect(partial).toContain(explanation.checklist.find((item) => item.startsWith('SCPs'))!);
    expect(partial).not.toContain(explanation.checklist.find((item) => item.startsWith('Identity policies'))!);
    // The message's own steps stay, as background: the diagnosis answered what they look for.
    expect(done).toContain('Background: the steps from the message alone');
    expect(request(d, { diagnosis: { ...scpDiagnosis, status: 'partial' } })).not.toContain('Background:');
  });

  it('an inline identity policy found by the diagnosis: read and put it back by name', () => {
    const diagnosis = diagnosisStub({
      blockingLayer: 'identity',
      verdict: 'Inline policy NoCostExplorer of role FinanceRole denies ce:GetCostAndUsage.',
      blocking: [{ policyType: 'identity', name: 'NoCostExplorer', arn: null, attachedTo: 'arn:aws:iam::222222222222:role/FinanceRole', statementSid: 'NoCE', statement: { Sid: 'NoCE', Effect: 'Deny', Action: 'ce:*', Resource: '*' }, consoleUrl: null }],
    });
    const text = request(d, { diagnosis });
    expect(firstLine(text)).toMatch(/^Please change policy NoCostExplorer \(statement NoCE\) so that it no longer denies ce:GetCostAndUsage for role FinanceRole/);
    expect(top(text)).toContain('aws iam get-role-policy --role-name FinanceRole --policy-name NoCostExplorer --query PolicyDocument');
    expect(top(text)).toContain('aws iam put-role-policy --role-name FinanceRole --policy-name NoCostExplorer --policy-document file://policy.json');
  });

  it('the subject is the ask in short', () => {
    expect(adminRequestSubject(input(d, { diagnosis: scpDiagnosis }))).toBe(
      'Please change SCP FinanceGuardrails (p-abc123, statement DenyCE) so that it no longer denies ce:GetCostAndUsage for role FinanceRole in account 222222222222',
    );
    const page = denial({ ...BOB_FINANCE, action: 'invoicing:ListInvoiceSummaries', policyType: 'identity', denyKind: 'implicit' });
    expect(adminRequestSubject(input(page, { pageUrl: BILLS }))).toBe('Please allow invoicing:ListInvoiceSummaries (and 5 more) for role FinanceRole in account 222222222222');
  });
});

describe('time and request ID', () => {
  it('UTC to the minute, from a number or a Date; now when missing or invalid', () => {
    expect(utcMinute(AT)).toBe('2026-12-06 06:47 UTC');
    expect(utcMinute(new Date(AT))).toBe('2026-12-06 06:47 UTC');
    expect(utcMinute(null, () => AT)).toBe('2026-12-06 06:47 UTC');
    expect(utcMinute(Number.NaN, () => AT)).toBe('2026-12-06 06:47 UTC');
    expect(utcMinute(1e20, () => AT)).toBe('2026-12-06 06:47 UTC');
  });

  it('the request ID as the message prints it', () => {
    expect(requestIdOf('Name: AccessDeniedException\nHTTP status code: 400\nRequest ID: [00000000-1111-2222-3333-444444444444]')).toBe('00000000-1111-2222-3333-444444444444');
    expect(requestIdOf('https response error StatusCode: 400, RequestID: 5d1c1234-aaaa-bbbb-cccc-1234567890ab, api error AccessDenied')).toBe('5d1c1234-aaaa-bbbb-cccc-1234567890ab');
    expect(requestIdOf('<RequestId>fa2bundlksjdlfjs0uw9ue9</RequestId>')).toBe('fa2bundlksjdlfjs0uw9ue9');
    expect(requestIdOf('"requestId": "bd67d8aa-829e-4af5-bc94-e9118818b2df"')).toBe('bd67d8aa-829e-4af5-bc94-e9118818b2df');
    expect(requestIdOf('RequestID: *redacted*')).toBeNull();
    expect(requestIdOf('User: arn:aws:iam::111111111111:user/alice is not authorized')).toBeNull();
  });

  it('the request ID is its own field, the authorization ID too', () => {
    const message = 'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: ce:GetTags (Service: CostExplorer; Status Code: 400; Error Code: AccessDeniedException; Request ID: 7329c667-e030-4948-b84b-f72eb76c104b; Proxy: null)';
    const text = request(denial({ ...ALICE, action: 'ce:GetTags', authorizationId: 'a1b2c3d4-1234' }, { message }));
    expect(top(text)).toContain('\nRequest ID: 7329c667-e030-4948-b84b-f72eb76c104b\n');
    expect(top(text)).toContain('\nAuthorization ID: a1b2c3d4-1234\n');
    expect(top(text)).toContain('\nTime: 2026-12-06 06:47 UTC\n');
  });
});

describe('readable policy JSON', () => {
  it('keeps action lists and small conditions on one line, and parses back to the same policy', () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Sid: 'A', Effect: 'Allow', Action: ['a:B', 'c:D'], Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'budgets.amazonaws.com' } } }],
    };
    const json = readableJson(policy);
    expect(JSON.parse(json)).toEqual(policy);
    expect(json).toContain('\n    "Action": ["a:B", "c:D"],\n');
    expect(json).toContain('"Condition": {"StringEquals": {"iam:PassedToService": "budgets.amazonaws.com"}}');
    expect(json.split('\n')).toHaveLength(10);
  });
});
