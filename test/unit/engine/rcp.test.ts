// RCPs are read whenever Organizations can be read and the action is one RCPs guard, even when the
// message does not name an RCP; when Organizations cannot be read, that is said, not counted as a gap.

import { expect, test } from 'vitest';
import { loadScenario, type Scenario } from '../../fake-aws/server.mjs';
import { scenarioDiagnoser } from './fake-target.ts';

const diagnose = scenarioDiagnoser();

const unnamed = loadScenario('rcp-unnamed-bucket-deny');

test('an RCP the message does not name is found', async () => {
  const { d, actions } = await diagnose(unnamed);
  expect(actions).toContain('ListPoliciesForTarget');
  expect(d).toMatchObject({ blockingLayer: 'rcp', status: 'done' });
  expect(d.blocking[0]).toMatchObject({ name: 'EnforceCorporateNetwork', statementSid: 'DenyCurOutsideCorpNetwork' });
});

test('without Organizations access the RCPs are noted as unchecked, not reported as a missing permission', async () => {
  const blind = { ...unnamed, credentials: unnamed.credentials.map((c, i) => (i === 0 ? { ...c, allow: (c.allow as string[]).filter((a) => !a.startsWith('organizations:')) } : c)) };
  const { d } = await diagnose(blind);
  expect(d.problems).toEqual([]);
  expect(d.evidence.some((e) => /RCPs not checked/.test(e.said))).toBe(true);
  expect(d.blockingLayer).not.toBe('rcp');
});

test('a billing action reads no RCPs: they never apply to it', async () => {
  const { actions } = await diagnose(loadScenario('identity-no-policy-allows'));
  expect(actions).not.toContain('ListPoliciesForTarget');
});
