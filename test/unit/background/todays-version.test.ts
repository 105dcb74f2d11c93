// The 'diagnosis/current-policy' handler against the real engine and the fake AWS: the worker reads today's version
// of the record's blocking policy with the profile that made the diagnosis, from what it stored (the frame sends only
// the record id and an index), and stores the comparison on the diagnosis so a reopened frame shows it.
import { afterAll, beforeAll, beforeEach, expect, test, vi } from 'vitest';
import { parseDenials } from '../../../src/core/parse/index.ts';
import { loadScenario } from '../../fake-aws/server.mjs';
import { startFakeAws, type FakeAws } from './fake-aws.ts';
import { keysInput, saved } from './fixtures.ts';

vi.mock('../../../src/shared/compat.ts', async () => ({ browser: (await import('./browser-double.ts')).browserDouble }));
vi.mock('../../../src/background/storage/kept-area.ts', async () => ({ keptArea: (await import('./browser-double.ts')).browserDouble.kept }));

const { resetBrowserDouble } = await import('./browser-double.ts');
const { diagnosisHandlers } = await import('../../../src/background/diagnose.ts');
const { compareWithToday } = await import('../../../src/background/todays-version.ts');
const { profileHandlers } = await import('../../../src/background/profiles/handlers.ts');
const { reportDenials } = await import('../../../src/background/denial-store.ts');

const SCENARIO = 'record-managed-policy-changed';
const TAB = 7;
const page = { kind: 'extension-page' as const, tabId: null, frameId: 0 };
const panel = (tabId = TAB) => ({ kind: 'panel-frame' as const, tabId, frameId: 3 });
const [diagnoser] = loadScenario(SCENARIO).credentials;

let fake: FakeAws;
beforeAll(async () => {
  fake = await startFakeAws(SCENARIO);
});
afterAll(() => fake.close());
beforeEach(async () => {
  await fake.setScenario(SCENARIO);
  await fake.clearCalls();
  await resetBrowserDouble();
});

/** The scenario's denial on record in TAB, diagnosed from AWS's record with a keys profile. */
async function diagnosed(): Promise<string> {
  const { profile } = saved(await profileHandlers['profiles/save'](keysInput(fake.url, { accessKeyId: diagnoser!.accessKeyId, secretAccessKey: diagnoser!.secretAccessKey }), page));
  const denial = parseDenials(loadScenario(SCENARIO).denial)[0]!;
  const [reported] = await reportDenials(TAB, 0, 'https://us-east-1.console.aws.amazon.com/billing/home#/budgets', [{ watchId: 'w1', denial }], true);
  const { diagnosis } = await diagnosisHandlers['diagnosis/run']({ recordId: reported!.recordId, profileId: profile.id, recheck: false }, panel());
  expect(diagnosis).toMatchObject({ awsCalls: 2, awsRecord: { used: true } });
  expect(diagnosis!.blocking[0]!.todaysVersion).toBeUndefined();
  return reported!.recordId;
}

test("reads today's version with the diagnosing profile, and stores it on the diagnosis", async () => {
  const recordId = await diagnosed();
  await fake.clearCalls();
  const reply = await compareWithToday({ recordId, policyIndex: 0 }, panel());
  expect(reply.message).toBeNull();
  expect(reply.diagnosis!.blocking[0]).toMatchObject({ changedSinceDenial: true, todaysVersion: { state: 'changed', statement: { Action: ['budgets:DeleteBudget'] } } });
  const calls = await fake.calls();
  expect(calls.map((c) => c.action)).toEqual(['GetPolicy', 'GetPolicyVersion']);
  expect(calls.every((c) => c.accessKeyId === diagnoser!.accessKeyId)).toBe(true);
  // A reopened frame reads the record: the comparison is there.
  const { record } = await diagnosisHandlers['panel/record']({ recordId }, panel());
  expect(record?.diagnosis?.blocking[0]?.todaysVersion).toMatchObject({ state: 'changed' });
  // Diagnose again: the cache's answer is the same run, and keeps the comparison; a re-check is a new run, without it.
  const again = await diagnosisHandlers['diagnosis/run']({ recordId, profileId: null, recheck: false }, panel());
  expect(again.diagnosis).toMatchObject({ fromCache: true, blocking: [{ todaysVersion: { state: 'changed' } }] });
  const rechecked = await diagnosisHandlers['diagnosis/run']({ recordId, profileId: null, recheck: true }, panel());
  expect(rechecked.diagnosis).toMatchObject({ fromCache: false, blocking: [{ changedSinceDenial: null }] });
  expect(rechecked.diagnosis!.blocking[0]!.todaysVersion).toBeUndefined();
  await compareWithToday({ recordId, policyIndex: 0 }, panel());
  // Compared once: nothing left to compare, and no AWS call for asking again.
  await fake.clearCalls();
  expect(await compareWithToday({ recordId, policyIndex: 0 }, panel())).toMatchObject({ message: expect.stringContaining('no statement') });
  expect(await fake.calls()).toEqual([]);
});

test("another tab's frame, or an index without a policy, gets nothing and costs no call", async () => {
  const recordId = await diagnosed();
  await fake.clearCalls();
  expect(await compareWithToday({ recordId, policyIndex: 0 }, panel(8))).toEqual({ diagnosis: null, message: expect.stringContaining('no diagnosis on record') });
  expect(await compareWithToday({ recordId, policyIndex: 3 }, panel())).toMatchObject({ message: expect.stringContaining('no statement') });
  expect(await fake.calls()).toEqual([]);
});
