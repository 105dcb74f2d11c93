// @vitest-environment happy-dom
// A merged panel's frame: Diagnose runs each action's record in turn with one profile; one answer "for all N actions"
// when the same policy blocks them all, one answer per action when they differ, and its single-denial view stays.
import { h, render } from 'preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, test } from 'vitest';
import type { Diagnosis } from '../../../src/core/diagnosis.ts';
import { explainDenial } from '../../../src/core/rules/index.ts';
import { DiagnoseSection, type DenialContext } from '../../../src/diagnosis-frame/diagnose-section.tsx';
import { answerGroups, type AnswerGroup, type DiagnosisTarget } from '../../../src/diagnosis-frame/merged-answers.tsx';
import type { ProfileSummary, RequestOf } from '../../../src/shared/protocol.ts';
import { FakeWorker, PAGE_URL, TEXT, allByTestId, byTestId, click, parseOne, settle } from '../content/helpers.ts';

const BASE = parseOne(TEXT.scpWithArn);
const ACTIONS = ['ce:GetCostAndUsage', 'ce:GetDimensionValues', 'ce:GetCostForecast'] as const;
const contextFor = (action: string): DenialContext => {
  const denial = { ...BASE, action };
  return { denial, pageUrl: PAGE_URL, explanation: explainDenial(denial, { pageUrl: PAGE_URL, partition: null }) };
};
const CONTEXTS = ACTIONS.map(contextFor);
const RECORD_IDS = ACTIONS.map((_, i) => `7:0:why-denied-${i + 1}:${i + 1}`);
const READY: ProfileSummary = { id: 'p-finance', name: 'finance-audit', kind: 'keys', accountId: '333333333333', state: 'ready', expiresAt: null };

function diagnosisOf(action: string, sid = 'DenyCE'): Diagnosis {
  return {
    status: 'done',
    blockingLayer: 'scp',
    verdict: `SCP DenyCostExplorer (statement ${sid}) explicitly denies ${action}.`,
    blocking: [{
      policyType: 'scp', name: 'DenyCostExplorer', arn: 'arn:aws:organizations::999999999999:policy/o-exmpl12345/service_control_policy/p-exmpl111',
      attachedTo: 'ou-ab12-finance', statementSid: sid, statement: { Sid: sid, Effect: 'Deny', Action: action, Resource: '*' }, consoleUrl: null,
    }],
    decidingConditions: [], evidence: [], problems: [], diagnosticPolicySuggestion: null, steps: [], usedProfile: 'finance-audit', awsCalls: 3, fromCache: false, finishedAt: 0,
  };
}

const target = (i: number, diagnosis: Diagnosis | null): DiagnosisTarget => ({ recordId: RECORD_IDS[i]!, context: CONTEXTS[i]!, diagnosis });

describe('answerGroups', () => {
  test('every action blocked by the same statement: one answer whose verdict names "these 3 actions"', () => {
    const groups = answerGroups(ACTIONS.map((a, i) => target(i, diagnosisOf(a))));
    expect(groups).toHaveLength(1);
    expect(groups[0]!.targets.map((t) => t.recordId)).toEqual(RECORD_IDS);
    expect(groups[0]!.diagnosis.verdict).toBe('SCP DenyCostExplorer (statement DenyCE) explicitly denies these 3 actions.');
  });

  test('a different statement for one action: one answer per action, each its own verdict', () => {
    const groups = answerGroups(ACTIONS.map((a, i) => target(i, diagnosisOf(a, i === 2 ? 'DenyForecast' : 'DenyCE'))));
    expect(groups.map((g) => g.diagnosis.verdict)).toEqual(ACTIONS.map((a, i) => diagnosisOf(a, i === 2 ? 'DenyForecast' : 'DenyCE').verdict));
  });

  test('an action without an answer yet (or a failed one) is never counted as agreeing', () => {
    const failed = { ...diagnosisOf(ACTIONS[2]), status: 'failed' as const };
    expect(answerGroups([target(0, diagnosisOf(ACTIONS[0])), target(1, diagnosisOf(ACTIONS[1])), target(2, failed)])).toHaveLength(2);
    expect(answerGroups([target(0, diagnosisOf(ACTIONS[0])), target(1, null)])).toHaveLength(1);
    expect(answerGroups([target(0, null), target(1, null)])).toEqual([]);
  });
});

/** The frame's state for three records, as frame.tsx keeps it. */
function Merged({ fake }: { fake: FakeWorker }) {
  const [diagnoses, setDiagnoses] = useState<Record<string, Diagnosis>>({});
  const on = (d: Diagnosis, id: string) => setDiagnoses((all) => ({ ...all, [id]: d }));
  const request = (group: AnswerGroup) => h('button', { 'data-testid': 'wd-copy-request', 'data-for': group.targets.map((t) => t.context.denial.action).join(' ') }, 'Copy');
  return h(DiagnoseSection, {
    data: { recordId: RECORD_IDS[0]!, accountId: '333333333333', progress: null, pushedDiagnosis: null },
    send: fake.send,
    diagnosis: diagnoses[RECORD_IDS[0]!] ?? null,
    onDiagnosis: on,
    context: CONTEXTS[0]!,
    others: [1, 2].map((i) => target(i, diagnoses[RECORD_IDS[i]!] ?? null)),
    requestFor: request,
  });
}

const containers: HTMLElement[] = [];
afterEach(() => {
  for (const c of containers.splice(0)) render(null, c);
  document.body.replaceChildren();
});

function mount(fake: FakeWorker) {
  const root = document.createElement('div');
  document.body.append(root);
  containers.push(root);
  render(h(Merged, { fake }), root);
  return root;
}

const actionOfRecord = (recordId: string) => ACTIONS[RECORD_IDS.indexOf(recordId)]!;

describe('a merged panel\'s diagnosis', () => {
  test('diagnoses each action in turn with the chosen profile; the same statement: one answer for all 3 actions', async () => {
    const fake = new FakeWorker()
      .answer('profiles/summaries', { profiles: [READY], preferredId: 'p-finance' })
      .answer('diagnosis/run', ({ recordId }: RequestOf<'diagnosis/run'>) => ({ diagnosis: diagnosisOf(actionOfRecord(recordId)), profileId: 'p-finance', message: null }));
    const root = mount(fake);
    await settle();
    expect(byTestId(root, 'wd-diagnose-scope').textContent).toBe(`Diagnoses each of the 3 actions: ${ACTIONS.join(', ')}.`);
    click(byTestId(root, 'wd-diagnose'));
    await settle(10);
    expect(fake.callsOf('diagnosis/run')).toEqual(RECORD_IDS.map((recordId) => ({ recordId, profileId: 'p-finance', recheck: false })));
    const answers = allByTestId(root, 'wd-merged-answer');
    expect(answers).toHaveLength(1);
    expect(byTestId(root, 'wd-answer-scope').textContent).toBe(`For all 3 actions: ${ACTIONS.join(', ')}`);
    expect(byTestId(root, 'wd-diagnosis-verdict').textContent).toBe('SCP DenyCostExplorer (statement DenyCE) explicitly denies these 3 actions.');
    expect(allByTestId(root, 'wd-copy-request').map((b) => b.dataset.for)).toEqual([ACTIONS.join(' ')]);
    expect(allByTestId(root, 'wd-diagnosis-details')).toHaveLength(1);
    expect(allByTestId(root, 'wd-diagnose-scope')).toHaveLength(0);
  });

  test('different statements: one answer per action, each with its own request', async () => {
    const fake = new FakeWorker()
      .answer('profiles/summaries', { profiles: [READY], preferredId: 'p-finance' })
      .answer('diagnosis/run', ({ recordId }: RequestOf<'diagnosis/run'>) => {
        const action = actionOfRecord(recordId);
        return { diagnosis: diagnosisOf(action, action === 'ce:GetCostForecast' ? 'DenyForecast' : 'DenyCE'), profileId: 'p-finance', message: null };
      });
    const root = mount(fake);
    await settle();
    click(byTestId(root, 'wd-diagnose'));
    await settle(10);
    expect(allByTestId(root, 'wd-answer-scope').map((e) => e.textContent)).toEqual([...ACTIONS]);
    expect(allByTestId(root, 'wd-diagnosis-verdict').map((e) => e.textContent)).toEqual([
      'SCP DenyCostExplorer (statement DenyCE) explicitly denies ce:GetCostAndUsage.',
      'SCP DenyCostExplorer (statement DenyCE) explicitly denies ce:GetDimensionValues.',
      'SCP DenyCostExplorer (statement DenyForecast) explicitly denies ce:GetCostForecast.',
    ]);
    expect(allByTestId(root, 'wd-copy-request').map((b) => b.dataset.for)).toEqual([...ACTIONS]);
    expect(allByTestId(root, 'wd-diagnosis-details')).toHaveLength(3);
    // The same SCP layer: who can fix it is said once, under the first answer.
    expect(allByTestId(root, 'wd-diagnosis-fixer').map((e) => e.closest('[data-testid="wd-merged-answer"]'))).toEqual([allByTestId(root, 'wd-merged-answer')[0]]);
    // The same SCP for each: named in full under the first answer; under the others, only which statement.
    expect(allByTestId(root, 'wd-blocking-policy').map((e) => e.closest('[data-testid="wd-merged-answer"]'))).toEqual([allByTestId(root, 'wd-merged-answer')[0]]);
    expect(allByTestId(root, 'wd-statement-sid').map((e) => e.closest('p')!.textContent)).toEqual([
      'Service control policy (SCP) DenyCostExplorer, attached to ou-ab12-finance, statement DenyCE',
      'Same policy, statement DenyCE',
      'Same policy, statement DenyForecast',
    ]);
  });

  test('a different policy under an answer is named in full again', async () => {
    const otherPolicy = (action: string): Diagnosis => {
      const diagnosis = diagnosisOf(action, 'DenyForecast');
      return { ...diagnosis, verdict: `SCP DenyForecasts (statement DenyForecast) explicitly denies ${action}.`, blocking: [{ ...diagnosis.blocking[0]!, name: 'DenyForecasts', arn: 'arn:aws:organizations::999999999999:policy/o-exmpl12345/service_control_policy/p-exmpl222' }] };
    };
    const fake = new FakeWorker()
      .answer('profiles/summaries', { profiles: [READY], preferredId: 'p-finance' })
      .answer('diagnosis/run', ({ recordId }: RequestOf<'diagnosis/run'>) => {
        const action = actionOfRecord(recordId);
        return { diagnosis: action === 'ce:GetCostForecast' ? otherPolicy(action) : diagnosisOf(action), profileId: 'p-finance', message: null };
      });
    const root = mount(fake);
    await settle();
    click(byTestId(root, 'wd-diagnose'));
    await settle(10);
    expect(allByTestId(root, 'wd-statement-sid').map((e) => e.closest('p')!.textContent)).toEqual([
      'Service control policy (SCP) DenyCostExplorer, attached to ou-ab12-finance, statement DenyCE',
      'Same policy, statement DenyCE',
      'Service control policy (SCP) DenyForecasts, attached to ou-ab12-finance, statement DenyForecast',
    ]);
  });

  test('when the worker cannot diagnose the first, it does not ask for the others, and says why once', async () => {
    const message = 'None of your profiles is known to be in account 333333333333.';
    const fake = new FakeWorker()
      .answer('profiles/summaries', { profiles: [READY], preferredId: 'p-finance' })
      .answer('diagnosis/run', { diagnosis: null, profileId: null, message });
    const root = mount(fake);
    await settle();
    click(byTestId(root, 'wd-diagnose'));
    await settle(10);
    expect(fake.callsOf('diagnosis/run')).toHaveLength(1);
    expect(root.textContent?.split(message)).toHaveLength(2);
    expect(allByTestId(root, 'wd-merged-answer')).toHaveLength(0);
  });
});
