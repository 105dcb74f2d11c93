// The tab's denials in storage.session: those on the page, and the earlier ones that left it (another route of the
// console, a reloaded frame), kept so one request can still cover them; a closed tab drops both.
import { beforeEach, expect, test, vi } from 'vitest';
import { parseDenials } from '../../../src/core/parse/index.ts';
import type { Denial } from '../../../src/core/denial.ts';

vi.mock('../../../src/shared/compat.ts', async () => ({ browser: (await import('./browser-double.ts')).browserDouble }));
vi.mock('../../../src/background/storage/kept-area.ts', async () => ({ keptArea: (await import('./browser-double.ts')).browserDouble.kept }));

const { browserDouble, resetBrowserDouble } = await import('./browser-double.ts');
const { EARLIER_KEPT, changeDiagnosis, forgetDenials, forgetTab, leaveFrames, listEarlier, listRecords, reportDenials } = await import('../../../src/background/denial-store.ts');
const { goneFrames } = await import('../../../src/background/frame-presence.ts');
const { diagnosisStub } = await import('../engine/helpers.ts');

const TAB = 7;
const BILLS = 'https://us-east-1.console.aws.amazon.com/billing/home#/bills';
const BUDGETS = 'https://us-east-1.console.aws.amazon.com/costmanagement/home#/budgets';
const denialOf = (action: string): Denial =>
  parseDenials(`User: arn:aws:sts::222222222222:assumed-role/FinanceRole/bob is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`)[0]!;
const actions = (records: { denial: Denial }[]) => records.map((r) => r.denial.action);

beforeEach(() => resetBrowserDouble());

test('a denial that leaves the page moves to the earlier ones, newest first, with its page', async () => {
  await reportDenials(TAB, 0, BILLS, [{ watchId: 'w1', denial: denialOf('invoicing:ListInvoiceSummaries') }, { watchId: 'w2', denial: denialOf('ce:GetCostForecast') }], true);
  expect(await forgetDenials(TAB, 0, ['w1'])).toBe(1);
  await reportDenials(TAB, 0, BUDGETS, [{ watchId: 'w3', denial: denialOf('budgets:ViewBudget') }], false);
  await forgetDenials(TAB, 0, ['w2']);
  expect(actions(await listRecords(TAB))).toEqual(['budgets:ViewBudget']);
  const earlier = await listEarlier(TAB);
  expect(actions(earlier)).toEqual(['ce:GetCostForecast', 'invoicing:ListInvoiceSummaries']);
  expect(earlier[1]!.pageUrl).toBe(BILLS);
});

test("a reloaded frame's denials become earlier ones; another frame's stay on the page", async () => {
  await reportDenials(TAB, 0, BILLS, [{ watchId: 'w1', denial: denialOf('invoicing:ListInvoiceSummaries') }], true);
  await reportDenials(TAB, 5, BILLS, [{ watchId: 'w1', denial: denialOf('ce:GetCostForecast') }], true);
  await reportDenials(TAB, 0, BUDGETS, [{ watchId: 'w1', denial: denialOf('budgets:ViewBudget') }], true);
  const present = await listRecords(TAB);
  expect(actions(present)).toEqual(['ce:GetCostForecast', 'budgets:ViewBudget']);
  const earlier = await listEarlier(TAB);
  expect(actions(earlier)).toEqual(['invoicing:ListInvoiceSummaries']);
  // The reloaded frame's new denial has the old one's watch id; the earlier record keeps an id of its own.
  expect(present[1]!.id).toBe(`${TAB}:0:w1`);
  expect(earlier[0]!.id).toMatch(new RegExp(`^${TAB}:0:w1@\\d+$`));
});

test('a denial seen again is on the page, not among the earlier ones; each earlier denial is listed once', async () => {
  const forecast = denialOf('ce:GetCostForecast');
  await reportDenials(TAB, 0, BILLS, [{ watchId: 'w1', denial: forecast }], true);
  await forgetDenials(TAB, 0, ['w1']);
  await reportDenials(TAB, 0, BILLS, [{ watchId: 'w2', denial: forecast }], false);
  expect(await listEarlier(TAB)).toEqual([]);
  await forgetDenials(TAB, 0, ['w2']);
  await reportDenials(TAB, 0, BILLS, [{ watchId: 'w3', denial: forecast }], false);
  await forgetDenials(TAB, 0, ['w3']);
  expect(actions(await listEarlier(TAB))).toEqual(['ce:GetCostForecast']);
});

test(`at most ${EARLIER_KEPT} earlier denials, the newest; a closed tab drops them all`, async () => {
  for (let i = 0; i < EARLIER_KEPT + 5; i++) {
    await reportDenials(TAB, 0, BILLS, [{ watchId: `w${i}`, denial: denialOf(`ce:GetCost${i}`) }], false);
    await forgetDenials(TAB, 0, [`w${i}`]);
  }
  const earlier = await listEarlier(TAB);
  expect(earlier).toHaveLength(EARLIER_KEPT);
  expect(earlier[0]!.denial.action).toBe(`ce:GetCost${EARLIER_KEPT + 4}`);
  await forgetTab(TAB);
  expect(await listEarlier(TAB)).toEqual([]);
  expect(await listRecords(TAB)).toEqual([]);
});

test('a denial seen again (the console came back to its route) keeps the diagnosis it had', async () => {
  const forecast = denialOf('ce:GetCostForecast');
  const [first] = await reportDenials(TAB, 0, BILLS, [{ watchId: 'w1', denial: forecast }], true);
  const diagnosis = diagnosisStub({ verdict: 'SCP Guardrails denies ce:GetCostForecast.' });
  await changeDiagnosis(first!.recordId, () => ({ diagnosis, diagnosedWith: 'profile-1' }));
  await forgetDenials(TAB, 0, ['w1']);
  await reportDenials(TAB, 0, BILLS, [{ watchId: 'w2', denial: forecast }, { watchId: 'w3', denial: denialOf('ce:GetTags') }], false);
  const [again, other] = await listRecords(TAB);
  expect(again).toMatchObject({ id: `${TAB}:0:w2`, diagnosis: { verdict: diagnosis.verdict }, diagnosedWith: 'profile-1' });
  expect(other!.diagnosis).toBeNull();
  // After a reload of its frame, too.
  await reportDenials(TAB, 0, BILLS, [{ watchId: 'w1', denial: forecast }], true);
  expect((await listRecords(TAB))[0]).toMatchObject({ diagnosis: { verdict: diagnosis.verdict } });
});

test("a frame that left the console (its content script does not answer) gives its denials to the earlier ones", async () => {
  await reportDenials(TAB, 0, BILLS, [{ watchId: 'w1', denial: denialOf('invoicing:ListInvoiceSummaries') }, { watchId: 'w2', denial: denialOf('ce:GetCostForecast') }], true);
  await reportDenials(TAB, 5, BUDGETS, [{ watchId: 'w1', denial: denialOf('budgets:ViewBudget') }], true);
  // Both frames answer: nothing moves.
  expect(await goneFrames(TAB, [0, 5])).toEqual([]);
  expect(await leaveFrames(TAB, [])).toBe(0);
  // The top frame went to another site; the other frame answers, if late.
  browserDouble.tabs.goneFrames.add(`${TAB}:0`);
  browserDouble.tabs.slowFrames.set(`${TAB}:5`, 50);
  const gone = await goneFrames(TAB, [0, 5]);
  expect(gone).toEqual([0]);
  expect(browserDouble.tabs.sent.map((s) => [s.options?.frameId, s.message])).toEqual([
    [0, { channel: 'why-denied', type: 'frame/present' }],
    [5, { channel: 'why-denied', type: 'frame/present' }],
    [5, { channel: 'why-denied', type: 'frame/present' }],
  ]);
  expect(await leaveFrames(TAB, gone)).toBe(2);
  expect(actions(await listRecords(TAB))).toEqual(['budgets:ViewBudget']);
  expect(actions(await listEarlier(TAB))).toEqual(['ce:GetCostForecast', 'invoicing:ListInvoiceSummaries']);
});

test('a frame too busy to answer within the wait counts as there', async () => {
  await reportDenials(TAB, 0, BILLS, [{ watchId: 'w1', denial: denialOf('ce:GetCostForecast') }], true);
  browserDouble.tabs.slowFrames.set(`${TAB}:0`, 2000);
  expect(await goneFrames(TAB, [0])).toEqual([]);
});
