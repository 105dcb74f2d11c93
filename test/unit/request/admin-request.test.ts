import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Denial } from '../../../src/core/denial.ts';
import type { Diagnosis } from '../../../src/core/diagnosis.ts';
import type { Explanation } from '../../../src/core/explanation.ts';
import { explainDenial } from '../../../src/core/rules/index.ts';
import { formatAdminRequest, type RequestFormat } from '../../../src/core/request/admin-request.ts';
import { shellQuote } from '../../../src/core/request/shell.ts';
import { ALICE, BOB_FINANCE, CAROL_SSO, CE_PAGE, SCP_ARN, denial } from '../explain/denials.ts';
import { markdownProse } from './markdown-prose.ts';

function request(d: Denial, format: RequestFormat = 'text', extra: { diagnosis?: Diagnosis; requester?: string; pageUrl?: string | null } = {}): string {
  const pageUrl = extra.pageUrl === undefined ? CE_PAGE : extra.pageUrl;
  return formatAdminRequest({ denial: d, explanation: explainDenial(d, { pageUrl }), pageUrl, diagnosis: extra.diagnosis, requester: extra.requester }, format);
}

/** Runs one command line in bash with `aws` replaced by a function that prints its arguments. */
function awsArguments(commandLine: string): string[] {
  const out = execFileSync('bash', ['-c', `aws() { printf '%s\\0' "$@"; }\n${commandLine}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

function line(text: string, start: string): string {
  const found = text.split('\n').find((candidate) => candidate.startsWith(start));
  if (!found) throw new Error(`no line starting with ${start}`);
  return found;
}

const MESSAGE = 'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: ce:GetCostAndUsage because no identity-based policy allows the ce:GetCostAndUsage action';

describe('identity fix: statement and the command that attaches it', () => {
  it('IAM user: put-user-policy, and the quoted JSON round-trips through the shell', () => {
    const d = denial({ ...ALICE, action: 'ce:GetCostAndUsage', resource: 'arn:aws:ce:us-east-1:111111111111:/GetCostAndUsage', policyType: 'identity', denyKind: 'implicit' }, { message: MESSAGE });
    const text = request(d, 'text', { pageUrl: null });
    const command = line(text, 'aws iam put-user-policy');
    const args = awsArguments(command);
    expect(args.slice(0, 7)).toEqual(['iam', 'put-user-policy', '--user-name', 'alice', '--policy-name', 'why-denied-ce-GetCostAndUsage', '--policy-document']);
    expect(JSON.parse(args[7] ?? '')).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'WhyDeniedCeGetCostAndUsage', Effect: 'Allow', Action: 'ce:GetCostAndUsage', Resource: '*' }],
    });
    expect(text).toContain('This is an IAM user, not an IAM Identity Center user, so the change is in IAM');
    expect(text).not.toContain('sso-admin');
  });

  it('links the user in the IAM console of its partition', () => {
    const d = denial({ principalArn: 'arn:aws-cn:iam::111111111111:user/bob', principalType: 'user', action: 'ce:GetTags', policyType: 'identity', denyKind: 'implicit' });
    expect(request(d, 'text', { pageUrl: null })).toContain('- User bob in the IAM console: https://console.amazonaws.cn/iam/home#/users/details/bob?section=permissions');
  });

  it('IAM role session: put-role-policy on the role', () => {
    const d = denial({ ...BOB_FINANCE, action: 'ce:GetReservationCoverage', policyType: 'identity', denyKind: 'implicit' });
    const args = awsArguments(line(request(d), 'aws iam put-role-policy'));
    expect(args.slice(0, 6)).toEqual(['iam', 'put-role-policy', '--role-name', 'FinanceRole', '--policy-name', 'why-denied-ce-GetReservationCoverage']);
    expect(JSON.parse(args[7] ?? '').Statement[0].Action).toBe('ce:GetReservationCoverage');
  });

  it('Identity Center role: the permission-set route, never IAM', () => {
    const text = request(denial({ ...CAROL_SSO, action: 'ce:GetCostForecast', policyType: 'identity', denyKind: 'implicit' }));
    expect(text).toContain('With the AWS CLI, in IAM Identity Center (permission set AuditRole; its role cannot be edited in IAM)');
    expect(text.slice(0, text.indexOf('\nDetails\n'))).toContain("The put replaces the set's inline policy: if it has one, merge into it first.");
    expect(text).toContain('aws sso-admin list-permission-sets-provisioned-to-account --instance-arn <instance-arn> --account-id 333333333333');
    expect(text).toContain('aws sso-admin get-inline-policy-for-permission-set --instance-arn <instance-arn> --permission-set-arn <permission-set-arn>');
    expect(text).toContain('aws sso-admin provision-permission-set --instance-arn <instance-arn> --permission-set-arn <permission-set-arn> --target-type ALL_PROVISIONED_ACCOUNTS');
    const put = line(text, 'aws sso-admin put-inline-policy-to-permission-set');
    const policy = put.slice(put.indexOf("--inline-policy '") + "--inline-policy '".length, -1);
    expect(JSON.parse(policy).Statement[0].Action).toContain('ce:GetCostForecast');
    expect(text).not.toContain('aws iam put-role-policy');
    expect(text.split('\n')[0]).toMatch(/^Please allow ce:GetCostForecast \(and the \d+ other actions the Cost Explorer page needs\) for permission set AuditRole in account 333333333333\. Denied on the Cost Explorer page \(https:/);
  });

  it('unknown principal: user, role and permission-set commands with placeholders', () => {
    const text = request(denial({ action: 'budgets:ViewBudget' }), 'text', { pageUrl: null });
    expect(text).toContain('aws iam put-user-policy --user-name <user-name> --policy-name why-denied-budgets-ViewBudget');
    expect(text).toContain('aws iam put-role-policy --role-name <role-name> --policy-name why-denied-budgets-ViewBudget');
    expect(text).toContain('aws sso-admin put-inline-policy-to-permission-set --instance-arn <instance-arn>');
  });

  it('federated user: the federating IAM user', () => {
    const text = request(denial({ principalArn: 'arn:aws:sts::111111111111:federated-user/dana', principalType: 'federated-user', action: 'ce:GetTags', policyType: 'identity', denyKind: 'implicit' }));
    expect(text).toContain('aws iam put-user-policy --user-name <federating-iam-user>');
    expect(text).toContain('called GetFederationToken');
  });

  it('a hostile principal name never reaches the shell', () => {
    const d = denial({ principalArn: 'arn:aws:iam::111111111111:user/alice$(touch /tmp/pwned);x', principalType: 'user', action: 'ce:GetTags', policyType: 'identity', denyKind: 'implicit' });
    const command = line(request(d), 'aws iam put-user-policy');
    expect(command).toContain('--user-name <user-name>');
    expect(command).not.toContain('touch');
  });

  it('single quotes are quoted for the shell', () => {
    expect(awsArguments(`aws ${shellQuote("it's $(nope) `x`")}`)).toEqual(["it's $(nope) `x`"]);
  });

  it('no commands when the diagnosis found a blocking SCP', () => {
    const d = denial({ ...ALICE, action: 'ce:GetCostAndUsage' });
    const diagnosis = makeDiagnosis({ blockingLayer: 'scp', verdict: 'An SCP denies ce:GetCostAndUsage unless aws:RequestedRegion is eu-west-1.' });
    const text = request(d, 'text', { diagnosis });
    expect(text).not.toContain('aws iam put-user-policy');
    expect(text).toContain('aws organizations list-policies-for-target --target-id 111111111111 --filter SERVICE_CONTROL_POLICY');
  });
});

describe('identity Deny: where to find it and how to change it', () => {
  it('the customer managed policy named in the message: read it, publish a new version', () => {
    const arn = 'arn:aws:iam::111111111111:policy/FinanceGuardrails';
    const text = request(denial({ ...ALICE, action: 'ce:GetCostAndUsage', policyType: 'identity', denyKind: 'explicit', policyArn: arn }));
    expect(text.split('\n')[0]).toMatch(/^Please change policy FinanceGuardrails so that it no longer blocks ce:GetCostAndUsage for user alice in account 111111111111\./);
    expect(text).toContain(`aws iam create-policy-version --policy-arn ${arn} --policy-document file://policy.json --set-as-default`);
    expect(text).not.toContain('put-user-policy');
  });

  it('an AWS managed policy: detach it', () => {
    const text = request(denial({ ...BOB_FINANCE, action: 'ce:GetCostAndUsage', policyType: 'identity', denyKind: 'explicit', policyArn: 'arn:aws:iam::aws:policy/AWSDenyAll' }));
    expect(text).toContain('aws iam detach-role-policy --role-name FinanceRole --policy-arn arn:aws:iam::aws:policy/AWSDenyAll');
  });

  it('no ARN: list the user\'s and its groups\' policies, or the permission set\'s', () => {
    const user = request(denial({ ...ALICE, action: 'ce:GetCostAndUsage', policyType: 'identity', denyKind: 'explicit' }));
    expect(user).toContain('aws iam list-attached-user-policies --user-name alice');
    expect(user).toContain('aws iam list-groups-for-user --user-name alice');
    const sso = request(denial({ ...CAROL_SSO, action: 'ce:GetCostAndUsage', policyType: 'identity', denyKind: 'explicit' }));
    expect(sso).toContain('aws sso-admin list-managed-policies-in-permission-set --instance-arn <instance-arn> --permission-set-arn <permission-set-arn>');
    expect(sso).not.toContain('aws iam list-role-policies');
  });
});

describe('other layers', () => {
  it('permissions boundary named in the message: read and publish a new version of that policy', () => {
    const arn = 'arn:aws:iam::444444444444:policy/boundaries/FinanceBoundary';
    const text = request(denial({ principalArn: 'arn:aws:iam::444444444444:user/alice', principalType: 'user', action: 'payments:GetPaymentStatus', policyType: 'permissions-boundary', denyKind: 'explicit', policyArn: arn }));
    expect(text).toContain(`aws iam create-policy-version --policy-arn ${arn} --policy-document file://boundary.json --set-as-default`);
    expect(text).not.toContain('Statement the boundary must allow');
    expect(text).toContain('Blocked by: A Deny statement in the permissions boundary of user alice blocks payments:GetPaymentStatus (policy FinanceBoundary).');
  });

  it('implicit boundary without ARN: how to find it, and the statement it must allow', () => {
    const text = request(denial({ ...BOB_FINANCE, action: 'freetier:GetFreeTierAlertPreference', policyType: 'permissions-boundary', denyKind: 'implicit' }));
    expect(text).toContain('aws iam get-role --role-name FinanceRole --query Role.PermissionsBoundary');
    expect(text).toContain('Statement the boundary must allow:');
    expect(text).toContain('"Action": "freetier:GetFreeTierAlertPreference"');
    expect(text).toContain('--policy-arn <boundary-arn>');
  });

  it('SCP named in the message: describe-policy on its id', () => {
    const text = request(denial({ ...CAROL_SSO, action: 'ce:GetRightsizingRecommendation', policyType: 'scp', denyKind: 'explicit', policyArn: SCP_ARN }));
    expect(text).toContain(`Policy named in the message: ${SCP_ARN}`);
    expect(text).toContain('aws organizations describe-policy --policy-id p-exmpl111 --query Policy.Content --output text');
    expect(text).toContain('aws organizations update-policy --policy-id p-exmpl111 --content file://scp.json');
    expect(text).toContain('- SCP p-exmpl111 in the Organizations console: https://console.aws.amazon.com/organizations/v2/home/policies/service-control-policy/p-exmpl111');
    expect(text).not.toContain('sso-admin');
  });

  it('SCP not named: list the SCPs on the account and its parents', () => {
    const text = request(denial({ ...BOB_FINANCE, action: 'ce:GetTags', policyType: 'scp', denyKind: 'implicit' }));
    expect(text).toContain('aws organizations list-policies-for-target --target-id 222222222222 --filter SERVICE_CONTROL_POLICY');
    expect(text).toContain('aws organizations list-parents --child-id 222222222222');
    expect(text).toContain('- SCPs in the Organizations console (management account): https://console.aws.amazon.com/organizations/v2/home/policies/service-control-policy');
  });

  it('activation: addressed to the root user, with the exact steps', () => {
    const text = request(denial({ accountId: '999999999999', action: 'ce:GetCostForecast', cause: 'iam-billing-access-not-activated' }, { message: 'IAM user access not activated' }));
    expect(text.split('\n')[0]).toMatch(/^Please activate IAM access to billing information in account 999999999999: a root-user step \(Account page, "IAM user and role access to Billing information", Edit, Activate IAM Access\)\. Denied on the Cost Explorer page/);
    expect(text).toContain('Who can change it: the root user of account 999999999999: only the root user can change this setting');
    expect(text.indexOf('4. Select "Activate IAM Access".')).toBeLessThan(text.indexOf('\nDetails\n'));
    expect(text).toContain('4. Select "Activate IAM Access".');
    expect(text).not.toContain('aws iam');
  });

  it('open cases carry the admin checklist', () => {
    const text = request(denial({ ...ALICE, action: 'tax:ListTaxRegistrations' }));
    expect(text).toContain('Still open: please check\n------------------------');
    expect(text).toContain('- Billing access setting: is "IAM user and role access to Billing information" activated for this account?');
    expect(text).toContain('- Region: does an SCP or policy deny requests outside an allowed list of Regions');
  });
});

function makeDiagnosis(overrides: Partial<Diagnosis> = {}): Diagnosis {
  return {
    status: 'done',
    blockingLayer: 'identity',
    verdict: 'FinanceGuardrails denies ce:GetCostAndUsage without MFA.',
    blocking: [],
    decidingConditions: [],
    evidence: [],
    problems: [],
    diagnosticPolicySuggestion: null,
    steps: [],
    usedProfile: null,
    awsCalls: 3,
    fromCache: false,
    finishedAt: 0,
    ...overrides,
  };
}

describe('with a diagnosis', () => {
  const d = denial({ ...ALICE, action: 'ce:GetCostAndUsage', policyType: 'identity', denyKind: 'explicit' });
  const diagnosis = makeDiagnosis({
    blocking: [
      {
        policyType: 'identity',
        name: 'FinanceGuardrails',
        arn: 'arn:aws:iam::111111111111:policy/FinanceGuardrails',
        attachedTo: 'user alice',
        statementSid: 'DenyCostExplorerWithoutMfa',
        statement: { Sid: 'DenyCostExplorerWithoutMfa', Effect: 'Deny', Action: 'ce:*', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
        consoleUrl: null,
      },
    ],
    decidingConditions: ['Allowed when aws:MultiFactorAuthPresent is true.'],
    problems: [{ kind: 'missing-permission', message: 'Could not read SCPs.', permission: 'organizations:ListPoliciesForTarget', couldNotCheck: 'SCPs' }],
    status: 'partial',
  });

  it('names the blocking policy, its Sid, the statement and the deciding conditions', () => {
    const text = request(d, 'text', { diagnosis });
    expect(text).toContain('Diagnosis (checked with credentials)');
    expect(text).toContain('FinanceGuardrails denies ce:GetCostAndUsage without MFA.');
    expect(text).toContain(
      '- Blocking policy: identity FinanceGuardrails, ARN arn:aws:iam::111111111111:policy/FinanceGuardrails, attached to user alice, statement Sid DenyCostExplorerWithoutMfa.',
    );
    expect(text).toContain('"aws:MultiFactorAuthPresent": "false"');
    expect(text).toContain('- Allowed when aws:MultiFactorAuthPresent is true.');
    expect(text.split('\n')[0]).toMatch(
      /^Please change policy FinanceGuardrails \(statement DenyCostExplorerWithoutMfa\) so that it no longer denies ce:GetCostAndUsage for user alice in account 111111111111\./,
    );
    const [top] = text.split('\nDetails\n');
    expect(top).toContain('aws iam create-policy-version --policy-arn arn:aws:iam::111111111111:policy/FinanceGuardrails');
    expect(top).not.toContain('<policy-arn>');
    expect(text).toContain('- Could not read SCPs. (missing organizations:ListPoliciesForTarget) Not checked: SCPs.');
    expect(text).toContain('https://console.aws.amazon.com/iam/home#/policies/details/arn%3Aaws%3Aiam%3A%3A111111111111%3Apolicy%2FFinanceGuardrails?section=permissions');
  });

  it('a failed diagnosis says so and falls back to the message', () => {
    const text = request(d, 'text', { diagnosis: makeDiagnosis({ status: 'failed', verdict: '' }) });
    expect(text).toContain('The diagnosis with credentials failed, so this request relies on the message alone.');
  });

  it('markdown puts the statement in a json fence', () => {
    const markdown = request(d, 'markdown', { diagnosis });
    expect(markdown).toMatch(/```json\n\{\n {2}"Sid": "DenyCostExplorerWithoutMfa",/);
    expect(markdown).toContain('## Diagnosis (checked with credentials)');
  });
});


describe('markdown: page text cannot inject markup', () => {
  const hostile = 'Hi [x](javascript:alert(1)) <img src=x onerror=alert(1)> ```js\nevil()\n``` **bold** ![i](http://x/i.png) <https://evil.example>';
  const d = denial(
    {
      principalArn: 'arn:aws:iam::111111111111:user/[x](javascript:alert(1))',
      principalType: 'user',
      accountId: '111111111111',
      action: 'ce:GetCostAndUsage',
      resource: '<img src=x onerror=alert(1)>',
    },
    { message: hostile, reason: '[click](javascript:alert(2)) <script>alert(3)</script>' },
  );
  const markdown = request(d, 'markdown', { requester: '`rm -rf` [me](javascript:x)', pageUrl: 'https://console.aws.amazon.com/billing/home#/bills"><img src=x>' });

  it('no link, image, autolink or HTML outside code', () => {
    const prose = markdownProse(markdown);
    // The only links are our own documentation links, in the pointy-bracket form.
    const targets = [...prose.matchAll(/(?<!\\)\[[^\]]*(?<!\\)\]\(([^)]*)/g)].map((match) => match[1]);
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(target).toMatch(/^<https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com)\//);
    expect(prose).not.toMatch(/(?<![\\(])<(img|script|https?:)/i);
    expect(prose).toContain('for user \\[x\\](javascript:alert(1)) in account 111111111111');
    expect(markdown).toContain('Denied on this page: `https://console.aws.amazon.com/billing/home#/bills"><img src=x>`');
    expect(prose).toContain('\\`rm -rf\\` \\[me\\](javascript:x)');
    expect(prose).not.toMatch(/(?<!\\)\*\*bold/);
  });

  it('the original message is verbatim in a fence longer than its backtick runs', () => {
    expect(markdown).toContain(`ORIGINAL MESSAGE:\n\n\`\`\`\`text\n${hostile}\n\`\`\`\`\n`);
    expect(markdown.slice(markdown.indexOf('ORIGINAL MESSAGE:'))).toMatch(/````\n\n## Links\n\n(- \[[^\]]+\]\(<https:[^>]+>\)\n)+$/);
  });

  it('values with backticks stay inside their code spans', () => {
    const withTicks = denial({ ...ALICE, action: 'ce:GetTags', resource: 'arn:aws:s3:::a`b``c' });
    const out = request(withTicks, 'markdown');
    expect(out).toContain('**Resource:** ```arn:aws:s3:::a`b``c```  ');
  });

  it('only https links become Markdown links', () => {
    const explanation: Explanation = { ...explainDenial(d), links: [{ label: 'bad', url: 'javascript:alert(1)' }, { label: 'good', url: 'https://docs.aws.amazon.com/x' }] };
    const out = formatAdminRequest({ denial: d, explanation, pageUrl: null }, 'markdown');
    expect(out).toContain('- bad: `javascript:alert(1)`');
    expect(out).toContain('- [good](<https://docs.aws.amazon.com/x>)');
  });
});

describe('plain text', () => {
  it('ends with the original message verbatim, then the links; invisible controls made visible', () => {
    const message = `${MESSAGE}\n\u001b[31mred\u001b[0m \u202Egnp.exe`;
    const text = request(denial({ ...ALICE, action: 'ce:GetCostAndUsage', policyType: 'identity', denyKind: 'implicit' }, { message }));
    expect(text).toContain(`----- BEGIN ORIGINAL MESSAGE -----\n${MESSAGE}\n\uFFFD[31mred\uFFFD[0m \uFFFDgnp.exe\n----- END ORIGINAL MESSAGE -----\n\nLinks\n-----\n\n- `);
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^- .*: https:\/\//);
    expect(text).not.toContain('\u001b');
  });

  it('says who, what, where at the top', () => {
    const text = request(denial({ ...BOB_FINANCE, action: 'ce:GetCostForecast', resource: 'arn:aws:ce:us-east-1:222222222222:/GetCostForecast', policyType: 'identity', denyKind: 'implicit' }), 'text', {
      requester: 'bob@example.com',
    });
    const head = text.split('\n\n').slice(0, 2).join('\n\n');
    expect(head).toMatch(/^Please allow ce:GetCostForecast \(and the \d+ other actions the Cost Explorer page needs\) for role FinanceRole in account 222222222222\. Denied on the Cost Explorer page \(https:\/\/[^)]+\) at \d{4}-\d\d-\d\d \d\d:\d\d UTC\.\n/);
    expect(head).toContain('Who: arn:aws:sts::222222222222:assumed-role/FinanceRole/bob');
    expect(head).toMatch(/\nTime: \d{4}-\d\d-\d\d \d\d:\d\d UTC\n/);
    expect(head).not.toContain('Confidence');
    expect(head).toContain('Resource: arn:aws:ce:us-east-1:222222222222:/GetCostForecast');
    expect(head).toContain(CE_PAGE);
    expect(head).toContain('Requested by: bob@example.com');
    expect(head).toContain('Blocked by: No identity-based policy of role FinanceRole allows ce:GetCostForecast.');
  });

  it('an all-null denial still produces a usable request', () => {
    const text = request(denial(), 'text', { pageUrl: null });
    expect(text).toContain('Who: not named in the message');
    expect(text.split('\n')[0]).toMatch(/^Please allow the access the message describes for me\. Denied at \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/);
    expect(text).toContain('----- BEGIN ORIGINAL MESSAGE -----\n(no message text)\n----- END ORIGINAL MESSAGE -----');
  });
});

describe('robustness', () => {
  it('never throws, whatever crosses the message boundary', () => {
    const junk = fc.oneof(fc.constant(null), fc.constant(undefined), fc.string(), fc.integer(), fc.array(fc.string()), fc.dictionary(fc.string(), fc.string()));
    fc.assert(
      fc.property(junk, junk, junk, fc.constantFrom<RequestFormat>('text', 'markdown'), (explanationJunk, diagnosisJunk, requester, format) => {
        const d = denial({ ...ALICE, action: 'ce:GetTags' });
        const out = formatAdminRequest(
          {
            denial: d,
            explanation: explanationJunk as unknown as Explanation,
            pageUrl: null,
            diagnosis: diagnosisJunk as unknown as Diagnosis,
            requester: requester as unknown as string,
          },
          format,
        );
        expect(out).toContain('ORIGINAL MESSAGE');
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});
