import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Denial } from '../../../src/core/denial.ts';
import type { Layer } from '../../../src/core/explanation.ts';
import { explainDenial } from '../../../src/core/rules/index.ts';
import { denial } from './denials.ts';

const LAYERS: Layer[] = [
  'identity-policy',
  'permissions-boundary',
  'scp',
  'rcp',
  'session-policy',
  'resource-policy',
  'vpc-endpoint-policy',
  'role-trust-policy',
  'billing-access-setting',
  'cost-explorer-setting',
  'management-account-context',
  'unknown',
];

describe('partial denials', () => {
  it('all-null fields: a full, honest explanation', () => {
    const explanation = explainDenial(denial());
    expect(explanation.reading).toBe('A principal the message does not name was denied an action the message does not name.');
    expect(explanation.verdict).toBe("The caller is not allowed to use the requested action; the message does not say which policy blocks it.");
    expect(explanation.layer).toBe('unknown');
    expect(explanation.confidence).toBe('low');
    expect(explanation.suggestedPolicy).toBeNull();
    expect(explanation.checklist.map((item) => item.split(':')[0])).toEqual([
      'Identity policies',
      'SCPs (member accounts only; they never apply to the management account)',
      'Permissions boundary',
    ]);
    expect(explanation.links.length).toBeGreaterThan(0);
  });

  it('only an account id (Cost Explorer widget form)', () => {
    const explanation = explainDenial(denial({ accountId: '999999999999' }, { form: 'console-alert' }));
    expect(explanation.reading).toBe('A principal in account 999999999999 was denied an action the message does not name.');
  });

  it('tolerates a denial that lost its meta or carries wrong types across a message boundary', () => {
    const broken = { action: 42, principalArn: { arn: 'x' }, policyType: 'nonsense', denyKind: 'explicit', meta: undefined } as unknown as Denial;
    const explanation = explainDenial(broken, { pageUrl: 'javascript:alert(1)', partition: 'mars' });
    expect(explanation.layer).toBe('unknown');
    expect(explanation.verdict).toContain('An explicit Deny blocks the requested action');
    expect(explainDenial(undefined as unknown as Denial).reading).toContain('was denied');
    expect(explainDenial(null as unknown as Denial).layer).toBe('unknown');
  });

  it('never throws and always fills the contract, for any field values', () => {
    const text = fc.oneof(
      fc.constant(null),
      fc.string(),
      fc.constantFrom(
        'arn:aws:iam::111111111111:user/alice',
        'arn:aws:sts::333333333333:assumed-role/AWSReservedSSO_X_0123456789abcdef/me',
        'arn:aws:ce:us-east-1:111111111111:/GetCostAndUsage',
        'arn:aws:organizations::999999999999:policy/o-abc/service_control_policy/p-1',
        'ce:GetCostAndUsage',
        'iam:PassRole',
        'aws-portal:ViewBilling',
        'role x',
        '[x](javascript:alert(1))',
      ),
    );
    const arbitraryDenial = fc.record({
      principalArn: text,
      principalType: fc.constantFrom(null, 'user', 'role', 'assumed-role', 'federated-user', 'root', 'service', 'bogus'),
      accountId: fc.oneof(text, fc.constant('111111111111')),
      action: text,
      resource: text,
      policyType: fc.constantFrom(null, 'identity', 'resource', 'permissions-boundary', 'session', 'scp', 'rcp', 'vpc-endpoint', 'role-trust', 'bogus'),
      denyKind: fc.constantFrom('explicit', 'implicit', 'unknown', 'bogus'),
      policyArn: text,
      authorizationId: text,
      cause: fc.constantFrom(null, 'iam-billing-access-not-activated', 'cost-explorer-not-enabled', 'linked-account-cost-explorer-disabled', 'management-account-standalone-context'),
      meta: fc.record({
        form: fc.constantFrom('api-sentence', 'console-alert', 'billing-banner', 'service-message'),
        partial: fc.boolean(),
        message: fc.string(),
        reason: text,
        troubleshooterUrl: text,
        encodedMessage: fc.constant(null),
        hintAction: fc.constant(null),
        errorCode: fc.constant(null),
        principalSource: fc.constantFrom(null, 'message', 'page'),
      }),
    });
    fc.assert(
      fc.property(arbitraryDenial, fc.oneof(fc.constant(null), fc.webUrl(), fc.constant('https://console.aws.amazon.com/billing/home#/bills')), (input, pageUrl) => {
        const explanation = explainDenial(input as unknown as Denial, { pageUrl });
        expect(LAYERS).toContain(explanation.layer);
        expect(explanation.reading.length).toBeGreaterThan(0);
        expect(explanation.verdict.length).toBeGreaterThan(0);
        expect(explanation.change.length).toBeGreaterThan(0);
        expect(explanation.confidenceReasons.length).toBeGreaterThan(0);
        expect(explanation.confidenceReasons.join(' ')).not.toContain('Explaining failed');
        for (const link of explanation.links) expect(link.url).toMatch(/^https:\/\//);
      }),
      { numRuns: 200 },
    );
    // Property runs are slow on a loaded 2-core machine; the default 5 s is not about correctness.
  }, 30_000);
});
