// The frame's pure parts: which one error it shows (merged from every source, worded for the profile kind), and the
// CLI commands for the policy a diagnosis found, with every id it knows and no placeholder.
import { describe, expect, test } from 'vitest';
import type { BlockingPolicy, Diagnosis } from '../../../src/core/diagnosis.ts';
import { frameError } from '../../../src/diagnosis-frame/frame-error.ts';
import { policyCommands } from '../../../src/diagnosis-frame/policy-commands.ts';
import type { ProfileSummary } from '../../../src/shared/protocol.ts';

const KEYS: ProfileSummary = { id: 'p', name: 'audit', kind: 'keys', accountId: '111111111111', state: 'ready', expiresAt: null };
const SSO: ProfileSummary = { ...KEYS, kind: 'identity-center' };

function failed(kind: Diagnosis['problems'][number]['kind'], message: string, patch: Partial<Diagnosis> = {}): Diagnosis {
  return {
    status: 'failed', blockingLayer: 'not-simulated', verdict: message, blocking: [], decidingConditions: [], evidence: [],
    problems: [{ kind, message }], diagnosticPolicySuggestion: null, steps: [], usedProfile: 'audit', awsCalls: 1, fromCache: false, finishedAt: 0, ...patch,
  };
}

describe('frameError', () => {
  const none = { profile: KEYS, diagnosis: null, runMessage: null, runError: null };

  test('nothing wrong: no alert', () => {
    expect(frameError(none)).toBeNull();
  });

  test('refused credentials: keys are updated, Identity Center signs in again; the raw words are evidence, once each', () => {
    const message = 'The credentials of profile "audit" have expired: for a profile signed in with IAM Identity Center, sign in again; for access keys, update the keys.';
    const keys = frameError({ ...none, diagnosis: failed('expired-credentials', message), runMessage: null })!;
    expect(keys).toMatchObject({ kind: 'keys-expired', action: 'update-keys' });
    expect(keys.title).not.toMatch(/sign in/i);
    expect(keys.evidence).toEqual([{ text: message, problem: 'expired-credentials' }]);
    expect(frameError({ ...none, profile: SSO, diagnosis: failed('expired-credentials', message) })).toMatchObject({ kind: 'sign-in', action: 'sign-in' });
    expect(frameError({ ...none, profile: { ...KEYS, state: 'sign-in-required' }, runMessage: 'The temporary keys of "audit" have expired: paste fresh keys on the options page.' }))
      .toMatchObject({ kind: 'keys-expired', evidence: [{ text: 'The temporary keys of "audit" have expired: paste fresh keys on the options page.' }] });
    expect(frameError({ ...none, diagnosis: failed('invalid-credentials', 'AWS rejected the credentials') })).toMatchObject({ kind: 'keys-rejected', action: 'update-keys' });
    expect(frameError({ ...none, profile: { ...KEYS, state: 'locked' } })).toMatchObject({ kind: 'locked', action: 'unlock' });
  });

  test('a missing permission asks to grant it, naming the permission; other failures offer to try again', () => {
    const partial = failed('missing-permission', 'not allowed', { status: 'partial', problems: [{ kind: 'missing-permission', message: 'not allowed', permission: 'iam:SimulatePrincipalPolicy' }] });
    const grant = frameError({ ...none, diagnosis: partial })!;
    expect(grant).toMatchObject({ kind: 'missing-permission', action: 'grant-permission' });
    expect(grant.body).toContain('iam:SimulatePrincipalPolicy');
    for (const [kind, want] of [['throttled', 'throttled'], ['network', 'unreachable'], ['clock-skew', 'clock-skew'], ['server-error', 'aws-error']] as const)
      expect(frameError({ ...none, diagnosis: failed(kind, 'x') })).toMatchObject({ kind: want, action: 'try-again' });
    expect(frameError({ ...none, runError: 'diagnosis/run: worker gone' })).toMatchObject({ kind: 'failed', evidence: [{ text: "The extension's worker answered: diagnosis/run: worker gone" }] });
    expect(frameError({ ...none, diagnosis: failed('unknown', 'odd') })).toMatchObject({ kind: 'failed', action: 'try-again' });
  });
});

describe('policyCommands', () => {
  const policy = (patch: Partial<BlockingPolicy>): BlockingPolicy => ({
    policyType: 'identity', name: null, arn: null, attachedTo: null, statementSid: null, statement: null, consoleUrl: null, ...patch,
  });

  test('an SCP by its id, run in the management account', () => {
    const scp = policyCommands(policy({ policyType: 'scp', arn: 'arn:aws:organizations::999999999999:policy/o-exmpl12345/service_control_policy/p-exmpl111' }))!;
    expect(scp.where).toContain('management account');
    expect(scp.lines).toEqual([
      'aws organizations describe-policy --policy-id p-exmpl111 --query Policy.Content --output text > scp.json',
      '# Change scp.json, then:',
      'aws organizations update-policy --policy-id p-exmpl111 --content file://scp.json',
    ]);
  });

  test("a managed policy by its ARN (no new version for AWS's own), an inline one by owner and name, a trust policy by role", () => {
    const managed = policyCommands(policy({ arn: 'arn:aws:iam::111111111111:policy/CorporateNetworkOnly' }))!;
    expect(managed.lines.at(-1)).toBe('aws iam create-policy-version --policy-arn arn:aws:iam::111111111111:policy/CorporateNetworkOnly --policy-document file://policy.json --set-as-default');
    expect(managed.lines).toHaveLength(3);
    expect(policyCommands(policy({ arn: 'arn:aws:iam::aws:policy/AWSBillingReadOnlyAccess' }))!.lines).toHaveLength(1);
    const inline = policyCommands(policy({ name: 'FinanceGuardrails', attachedTo: 'arn:aws:iam::111111111111:role/team/FinanceRole' }))!;
    expect(inline.lines).toEqual([
      'aws iam get-role-policy --role-name FinanceRole --policy-name FinanceGuardrails --query PolicyDocument',
      '# Save it as policy.json, change it, and put it back:',
      'aws iam put-role-policy --role-name FinanceRole --policy-name FinanceGuardrails --policy-document file://policy.json',
    ]);
    const trust = policyCommands(policy({ policyType: 'role-trust', attachedTo: 'arn:aws:iam::222222222222:role/BillingAuditor' }))!;
    expect(trust.lines[0]).toBe('aws iam get-role --role-name BillingAuditor --query Role.AssumeRolePolicyDocument');
  });

  test('no command when an id is unknown, rather than a placeholder', () => {
    expect(policyCommands(policy({ name: 'FinanceGuardrails' }))).toBeNull();
    expect(policyCommands(policy({ policyType: 'scp', name: 'FinanceCostControls' }))).toBeNull();
    expect(policyCommands(policy({ name: "bad'name;rm", attachedTo: 'arn:aws:iam::111111111111:user/alice' }))).toBeNull();
    expect(policyCommands(policy({ arn: "arn:aws:iam::111111111111:policy/x';rm -rf ~'" }))).toBeNull();
  });
});
