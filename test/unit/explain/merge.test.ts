// The one merge of the offline rules' contributions, with its stated precedence (src/core/rules/merge.ts).
import { describe, expect, it } from 'vitest';
import { PRECEDENCE, contribution, type Contribution } from '../../../src/core/rules/contribution.ts';
import { decided, merge } from '../../../src/core/rules/merge.ts';
import { explainDenial } from '../../../src/core/rules/index.ts';
import { CAROL_SSO, denial } from './denials.ts';

const c = (precedence: Contribution['precedence'], fields: Partial<Contribution>): Contribution => ({ ...contribution(precedence), ...fields });

describe('merge', () => {
  it('a single-valued field takes the highest precedence, whatever the order', () => {
    const message = c(PRECEDENCE.message, { fixer: 'account-iam-admin', fixerText: 'IAM admin', verdict: 'No policy allows it.' });
    const root = c(PRECEDENCE.rootUser, { fixer: 'root-user', fixerText: 'the root user' });
    for (const order of [[message, root], [root, message]]) {
      const merged = merge(order);
      expect([merged.fixer, merged.fixerText, merged.verdict]).toEqual(['root-user', 'the root user', 'No policy allows it.']);
    }
  });

  it('between equal precedence, the earlier rule wins', () => {
    expect(merge([c(PRECEDENCE.advice, { change: 'first' }), c(PRECEDENCE.advice, { change: 'second' })]).change).toBe('first');
  });

  it('a replacement drops the steps, reasons and links of lower decisions, never advice', () => {
    const message = c(PRECEDENCE.message, { steps: ['look at the identity policy'], confidenceReasons: ['typed context'], links: [{ label: 'a', url: 'https://a' }] });
    const advice = c(PRECEDENCE.advice, { steps: ['also grant the page actions'], links: [{ label: 'b', url: 'https://b' }] });
    const setting = c(PRECEDENCE.accountSetting, { steps: ['activate IAM access'], replacesSteps: true, confidenceReasons: ['the message says so'], replacesConfidenceReasons: true, links: [{ label: 'c', url: 'https://c' }], replacesLinks: true });
    const merged = merge([message, setting, advice]);
    expect(merged.steps).toEqual(['activate IAM access', 'also grant the page actions']);
    expect(merged.confidenceReasons).toEqual(['the message says so']);
    expect(merged.links.map((link) => link.url)).toEqual(['https://c', 'https://b']);
  });

  it("leading steps go first, the later rule's first", () => {
    const named = c(PRECEDENCE.whoFixes, { firstSteps: ['the named policy'] });
    const analysis = c(PRECEDENCE.advice, { firstSteps: ["AWS's analysis"] });
    expect(merge([c(PRECEDENCE.message, { steps: ['where to look'] }), named, analysis]).steps).toEqual(["AWS's analysis", 'the named policy', 'where to look']);
  });

  it('appends the named policy to the verdict and lowers confidence last', () => {
    const merged = merge([c(PRECEDENCE.message, { verdict: 'An SCP blocks ce:GetCostAndUsage.', confidence: 'high' }), c(PRECEDENCE.whoFixes, { verdictPolicy: 'p-111' }), c(PRECEDENCE.advice, { lowerConfidence: 'partial' })]);
    expect(merged.verdict).toBe('An SCP blocks ce:GetCostAndUsage (policy p-111).');
    expect(merged.confidence).toBe('medium');
    expect(merged.confidenceReasons).toEqual(['partial']);
  });

  it('the advising rules read only what the deciding rules decided', () => {
    expect(decided([c(PRECEDENCE.message, { layer: 'identity-policy', fixer: 'account-iam-admin' }), c(PRECEDENCE.accountSetting, { layer: 'billing-access-setting', fixer: 'root-user' })])).toEqual({
      layer: 'billing-access-setting',
      fixer: 'root-user',
    });
  });
});

describe('precedence in explanations', () => {
  it('a root-only task asked by an Identity Center user goes to the root user, not to the Identity Center admin', () => {
    const explanation = explainDenial(denial({ ...CAROL_SSO, action: 'billing:UpdateIAMAccessPreference', policyType: 'identity', denyKind: 'implicit' }));
    expect(explanation.fixer).toBe('root-user');
    expect(explanation.steps).toEqual([expect.stringMatching(/^Ask the root user of account \d{12} to sign in with the root credentials/)]);
  });
});
