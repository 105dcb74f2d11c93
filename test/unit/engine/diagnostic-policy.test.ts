import { expect, test } from 'vitest';
import { minimalDiagnosticPolicy } from '../../../src/engine/index.ts';
import { AWS_CALLS } from '../../../src/engine/aws-calls.ts';

test('the diagnostic policy is read-only and covers every permission the engine calls with', () => {
  const policy = minimalDiagnosticPolicy();
  const actions = policy.Statement.flatMap((s) => [s.Action ?? []].flat());
  for (const call of Object.values(AWS_CALLS)) {
    if (call.permission && call.permission !== 'sts:AssumeRole') expect(actions).toContain(call.permission);
  }
  for (const action of actions) expect(action).toMatch(/^(iam|organizations|s3):(Get|List|Describe|Simulate)/);
  expect(policy.Statement.every((s) => s.Effect === 'Allow' && s.Resource === '*')).toBe(true);
});
