// Properties over generated denials (issues 15 and 10): every principal type with every mask
// style and account shape reads back whole, as printed, with its type from the ARN's structure and
// an account only when it is 12 digits; and whatever a name holds (spaces, quotes, brackets, angle
// brackets, markup-like text, ampersands, emoji, right-to-left letters), a denial stays one denial
// with its resource intact.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PrincipalType } from '../../../src/core/denial.ts';
import { toDenialFields } from '../../../src/core/denial.ts';
import { explainDenial } from '../../../src/core/rules/index.ts';
import { formatAdminRequest } from '../../../src/core/request/admin-request.ts';
import { maskedAccountOf } from '../../../src/core/parse/principal.ts';
import { containsDenialTrigger, parseDenials } from '../../../src/core/parse/index.ts';
import { problemsOf } from './well-formed.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);

/** Account fields as people print them: real, masked by CI, by hand, placeholders, mangled. */
const ACCOUNTS = [
  '111111111111', '000000000000', '***', '*********', 'xxx', 'XXXXXXXXXXXX', '858XXXXXXXXX', '{accountid}', '<account_id>',
  '<account id>', '[ID]', '[child account number]', 'REDACTED', '*redacted*', '', '123456', '67211257', 'ACCOUNTID#',
  '"my account number"', 'None', 'abc',
];
const isRealAccount = (a: string) => /^\d{12}$/.test(a);

const NAME = fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,24}$/).filter((s) => !s.endsWith('.') && !s.endsWith(','));
const PARTITION = fc.constantFrom('aws', 'aws-cn', 'aws-us-gov');

const principal = fc.tuple(fc.constantFrom<PrincipalType>('user', 'role', 'assumed-role', 'federated-user', 'root'), PARTITION, fc.constantFrom(...ACCOUNTS), NAME, NAME)
  .map(([type, partition, account, a, b]) => {
    const part = type === 'user' ? `iam::${account}:user/${a}` : type === 'role' ? `iam::${account}:role/${a}`
      : type === 'assumed-role' ? `sts::${account}:assumed-role/${a}/${b}` : type === 'federated-user' ? `sts::${account}:federated-user/${a}` : `iam::${account}:root`;
    return { arn: `arn:${partition}:${part}`, type, account };
  });

/** What a name may hold: spaces, quotes, brackets, markup-like text, ampersands, emoji, RTL letters. */
const NAME_PIECES = [
  'alpha', 'Monthly Budget', ' ', '"', "'", '(', ')', '[x y]', '{id}', '<b>', '</div>', '<img src=x onerror=alert(1)>', '<script>alert(1)</script>',
  '&', 'R&D', '&lt', '😀', '💸 costs', 'שלום', 'مرحبا', 'x/y', ':', '-', '_', '*', '#', '=', '+', '@', '%', '~', '!', '?', ',', '|',
];
const spacedName = fc.array(fc.constantFrom(...NAME_PIECES), { minLength: 1, maxLength: 6 }).map((pieces) => pieces.join(''))
  .map((s) => s.trim())
  // What the contract itself changes: surrounding quotes and sentence punctuation are not part of a resource,
  // and a ": " or ". " inside reads as a label or a sentence end.
  .filter((s) => s !== '' && !/^["'`]|["'`]$|[.,;:)]$/.test(s) && !/[:.] /.test(s) && !/ because | with an explicit deny| \(service: /i.test(s));

const CONTEXTS = [
  { text: ' with an explicit deny in a service control policy', policyType: 'scp', denyKind: 'explicit' },
  { text: ' with an explicit deny', policyType: null, denyKind: 'explicit' },
  { text: ' because no identity-based policy allows the budgets:ViewBudget action', policyType: 'identity', denyKind: 'implicit' },
] as const;

function expectOne(text: string) {
  const denials = parseDenials(text);
  expect(denials, text).toHaveLength(1);
  const [d] = denials;
  expect(problemsOf(d!), text).toEqual([]);
  expect(containsDenialTrigger(text)).toBe(true);
  return d!;
}

describe('masked and odd principals', () => {
  it('every principal type, mask style and account shape: read whole, typed by structure, account only when 12 digits', () => {
    fc.assert(fc.property(principal, (p) => {
      const d = expectOne(`User: ${p.arn} is not authorized to perform: ce:GetCostAndUsage`);
      expect(d.principalArn).toBe(p.arn);
      expect(d.principalType).toBe(p.type);
      expect(d.accountId).toBe(isRealAccount(p.account) ? p.account : null);
      expect(maskedAccountOf(d.principalArn)).toBe(isRealAccount(p.account) ? null : p.account);
      expect(d.action).toBe('ce:GetCostAndUsage');
    }), { numRuns: RUNS });
  });

  it('the same inside CLI, Go SDK, Java SDK, JSON and Python-repr wrappers, and in a code span', () => {
    const wrap = fc.constantFrom(
      (s: string) => `An error occurred (AccessDenied) when calling the GetCostAndUsage operation: ${s}`,
      (s: string) => `operation error Cost Explorer: GetCostAndUsage, https response error StatusCode: 400, RequestID: 1, api error AccessDeniedException: ${s}`,
      (s: string) => `${s} (Service: CostExplorer; Status Code: 400; Error Code: AccessDeniedException; Request ID: 1)`,
      (s: string) => `{"__type":"AccessDeniedException","message":"${s}"}`,
      (s: string) => `[ERROR] Exception: b'\\n${s}\\n'`,
      (s: string) => `2024-08-23T13:02:29Z ERROR ${s}`,
      (s: string) => `\u2502 Error: ${s}\n\u2502 `,
    );
    fc.assert(fc.property(principal.filter((p) => !p.account.includes('"')), wrap, (p, w) => {
      const d = expectOne(w(`User: ${p.arn} is not authorized to perform: ce:GetCostAndUsage`));
      expect([d.principalArn, d.principalType, d.accountId]).toEqual([p.arn, p.type, isRealAccount(p.account) ? p.account : null]);
    }), { numRuns: RUNS });
    fc.assert(fc.property(principal.filter((p) => !p.account.includes('`')), (p) => {
      const d = expectOne(`User: \`${p.arn}\` is not authorized to perform: \`ce:GetCostAndUsage\``);
      expect([d.principalArn, d.action]).toEqual([p.arn, 'ce:GetCostAndUsage']);
    }), { numRuns: RUNS / 4 });
  });

  it('a JSON string printed in a log, escaped quotes around the principal and the resource', () => {
    const d = expectOne(String.raw`{"level":"error","msg":"AccessDenied: User: \"arn:aws:sts::***:assumed-role/Deploy/gha\" is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::my bucket/k\" because no identity-based policy allows the s3:GetObject action\n"}`);
    expect(toDenialFields(d)).toMatchObject({ principalArn: 'arn:aws:sts::***:assumed-role/Deploy/gha', principalType: 'assumed-role', accountId: null, resource: 'arn:aws:s3:::my bucket/k', policyType: 'identity', denyKind: 'implicit' });
  });

  it('a run-in predicate is read only when the principal reads as an ARN', () => {
    fc.assert(fc.property(principal.filter((p) => !/[\]>}"*#]$/.test(p.arn)), (p) => {
      const d = expectOne(`User: ${p.arn}is not authorized to perform: ce:GetCostAndUsage`);
      expect(d.principalArn).toBe(p.arn);
    }), { numRuns: RUNS / 2 });
    expect(expectOne('User: aliceis not authorized to perform: ce:GetCostAndUsage').principalArn).toBeNull();
  });
});

describe('content inside a denial never splits it', () => {
  it('a resource holding spaces, quotes, brackets, markup, ampersands, emoji or RTL text, followed by its context', () => {
    fc.assert(fc.property(principal, fc.constantFrom('arn:aws:budgets::111111111111:budget/', 'arn:aws:s3:::bucket/', ''), spacedName, fc.constantFrom(...CONTEXTS), (p, prefix, name, context) => {
      const resource = `${prefix}${name}`;
      const d = expectOne(`User: ${p.arn} is not authorized to perform: budgets:ViewBudget on resource: ${resource}${context.text}`);
      // Runs of spaces fold to one, as everywhere in a normalised message.
      expect(toDenialFields(d)).toMatchObject({ principalArn: p.arn, action: 'budgets:ViewBudget', resource: resource.replace(/ {2,}/g, ' '), policyType: context.policyType, denyKind: context.denyKind });
    }), { numRuns: RUNS * 2 });
  });

  it('a resource with placeholders and masks at the end of the message', () => {
    const placeholder = fc.constantFrom('<bucket name>', '[account id]', '{accountid}', '***', '<account_id>', '*redacted*', 'ACCOUNTID#');
    fc.assert(fc.property(placeholder, NAME, placeholder, (a, name, b) => {
      const resource = `arn:aws:s3:::${a}/${name}-${b}/*`;
      const d = expectOne(`User: arn:aws:iam::111111111111:user/alice is not authorized to perform: s3:GetObject on resource: ${resource}`);
      expect(d.resource).toBe(resource);
    }), { numRuns: RUNS });
  });
});

describe('a masked account through the explanation and the admin request', () => {
  it('the explanation says the account was masked and the request asks for it; a real account needs neither', () => {
    const masked = parseDenials('User: arn:aws:sts::***:assumed-role/Deploy/GitHubActions is not authorized to perform: ce:GetCostAndUsage')[0]!;
    const real = parseDenials('User: arn:aws:sts::111111111111:assumed-role/Deploy/GitHubActions is not authorized to perform: ce:GetCostAndUsage')[0]!;
    const maskedExplanation = explainDenial(masked);
    expect(maskedExplanation.notes.find((n) => n.kind === 'masked-account')?.text).toContain('"***"');
    expect(formatAdminRequest({ denial: masked, explanation: maskedExplanation, pageUrl: null }, 'text')).toMatch(/Account: masked in the copied message: please add the 12-digit account ID/);
    const realExplanation = explainDenial(real);
    expect(realExplanation.notes.some((n) => n.kind === 'masked-account')).toBe(false);
    expect(formatAdminRequest({ denial: real, explanation: realExplanation, pageUrl: null }, 'text')).toMatch(/^Please allow ce:GetCostAndUsage for role Deploy in account 111111111111\./);
  });
});
