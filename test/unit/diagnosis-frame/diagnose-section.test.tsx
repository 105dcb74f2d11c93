// @vitest-environment happy-dom
// The panel frame's "Diagnose with credentials" (src/diagnosis-frame): profiles, live steps, the diagnosis, the
// worker's own words, Identity Center's "Sign in again". Its buttons act only on trusted events.
import { h, render } from 'preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, test } from 'vitest';
import type { Diagnosis } from '../../../src/core/diagnosis.ts';
import { DiagnoseSection, type FrameData } from '../../../src/diagnosis-frame/diagnose-section.tsx';
import type { ProfileSummary } from '../../../src/shared/protocol.ts';
import { FakeWorker, allByTestId, byTestId, click, settle, untrustedClick } from '../content/helpers.ts';

const READY: ProfileSummary = { id: 'p-finance', name: 'finance-audit', kind: 'keys', accountId: '333333333333', state: 'ready', expiresAt: null };
const SSO_EXPIRED: ProfileSummary = { id: 'p-sso', name: 'sso-billing', kind: 'identity-center', accountId: '333333333333', state: 'sign-in-required', expiresAt: 0 };

function worker(profiles: ProfileSummary[] = [], preferredId: string | null = null): FakeWorker {
  return new FakeWorker().answer('profiles/summaries', { profiles, preferredId });
}

const text = (root: ParentNode, id: string) => byTestId(root, id).textContent;

function Section({ data, fake }: { data: FrameData; fake: FakeWorker }) {
  const [diagnosis, setDiagnosis] = useState<Diagnosis | null>(null);
  return h(DiagnoseSection, { data, send: fake.send, diagnosis, onDiagnosis: setDiagnosis });
}

const containers: HTMLElement[] = [];
afterEach(() => {
  for (const c of containers.splice(0)) render(null, c);
  document.body.replaceChildren();
});

function mount(fake = worker()) {
  const root = document.createElement('div');
  document.body.append(root);
  containers.push(root);
  let data: FrameData = { recordId: '7:0:why-denied-1', accountId: '333333333333', progress: null, pushedDiagnosis: null };
  const draw = () => render(h(Section, { data, fake }), root);
  draw();
  return { root, fake, host: { update: (patch: Partial<FrameData>) => { data = { ...data, ...patch }; draw(); } } };
}

const DIAGNOSIS: Diagnosis = {
  status: 'done',
  blockingLayer: 'scp',
  verdict: 'SCP DenyCostExplorer (Sid DenyCE) in OU Finance blocks ce:GetRightsizingRecommendation.',
  blocking: [
    {
      policyType: 'scp',
      name: 'DenyCostExplorer',
      arn: 'arn:aws:organizations::999999999999:policy/o-exmpl12345/service_control_policy/p-exmpl111',
      attachedTo: 'ou-ab12-finance',
      statementSid: 'DenyCE',
      statement: { Sid: 'DenyCE', Effect: 'Deny', Action: 'ce:*', Resource: '*' },
      consoleUrl: 'https://console.aws.amazon.com/organizations/v2/home/policies/service-control-policy/p-exmpl111',
    },
  ],
  decidingConditions: ['allowed when aws:MultiFactorAuthPresent is true'],
  evidence: [{ call: 'organizations:DescribePolicy', said: 'p-exmpl111 denies ce:*' }],
  problems: [
    {
      kind: 'missing-permission',
      message: 'The profile may not list the policies of the account.',
      permission: 'organizations:ListPoliciesForTarget',
      couldNotCheck: 'SCPs attached to the account itself',
    },
  ],
  diagnosticPolicySuggestion: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"organizations:ListPoliciesForTarget","Resource":"*"}]}',
  steps: [
    { id: 'identity', label: 'Who the profile is', state: 'done' },
    { id: 'read-scps', label: 'Read the SCPs', state: 'done' },
  ],
  usedProfile: 'finance-audit',
  awsCalls: 6,
  fromCache: false,
  finishedAt: 0,
};

describe('diagnose with credentials', () => {
  test('no profile: the explanation comes from the message alone, and a button opens the options', async () => {
    const fake = worker().answer('options/open', { opened: true });
    const { root } = mount(fake);
    await settle();
    expect(fake.callsOf('profiles/summaries')).toEqual([{ accountId: '333333333333' }]);
    const notice = byTestId(root, 'wd-no-profile');
    expect(notice.textContent).toContain('comes from the message alone');
    expect(allByTestId(root, 'wd-diagnose')).toHaveLength(0);
    click(notice.querySelector('button')!);
    await settle();
    expect(fake.callsOf('options/open')).toEqual([{}]);
  });

  test('preselects the preferred profile, runs, shows live steps, then the diagnosis', async () => {
    let finish: (value: { diagnosis: Diagnosis; profileId: string; message: null }) => void = () => {};
    const other: ProfileSummary = { ...READY, id: 'p-other', name: 'other', accountId: '111111111111' };
    const fake = worker([other, READY], 'p-finance').answer('diagnosis/run', () => new Promise((resolve) => (finish = resolve)));
    const { root, host } = mount(fake);
    await settle();
    expect((byTestId(root, 'wd-profile-select') as HTMLSelectElement).value).toBe('p-finance');

    click(byTestId(root, 'wd-diagnose'));
    await settle();
    expect(fake.callsOf('diagnosis/run')).toEqual([{ recordId: '7:0:why-denied-1', profileId: 'p-finance', recheck: false }]);
    host.update({
      progress: [
        { id: 'identity', label: 'Who the profile is', state: 'done' },
        { id: 'simulate', label: 'Simulate the request', state: 'running' },
      ],
    });
    await settle();
    const live = byTestId(root, 'wd-diagnosis-progress');
    expect(Array.from(live.querySelectorAll('li'), (li) => li.dataset.state)).toEqual(['done', 'running']);
    expect(live.closest('[aria-live]')).not.toBeNull();

    finish({ diagnosis: DIAGNOSIS, profileId: 'p-finance', message: null });
    await settle();
    expect(text(root, 'wd-diagnosis-verdict')).toBe(DIAGNOSIS.verdict);
    expect(text(root, 'wd-blocking-policy')).toBe('DenyCostExplorer');
    expect(text(root, 'wd-statement-sid')).toBe('DenyCE');
    expect(JSON.parse(text(root, 'wd-statement') ?? '')).toEqual(DIAGNOSIS.blocking[0]!.statement);
    expect(byTestId(root, 'wd-statement').tagName).toBe('PRE');
    expect(text(root, 'wd-evidence')).toContain('organizations:DescribePolicy');
    const problem = byTestId(root, 'wd-diagnosis-problem');
    expect(problem.dataset.kind).toBe('missing-permission');
    expect(problem.textContent).toContain('organizations:ListPoliciesForTarget');
    expect(text(root, 'wd-diagnostic-policy')).toBe(DIAGNOSIS.diagnosticPolicySuggestion);
    expect(text(root, 'wd-deciding-conditions')).toContain('aws:MultiFactorAuthPresent');
    expect(root.querySelector('.diagnosis a')?.getAttribute('href')).toBe(DIAGNOSIS.blocking[0]!.consoleUrl);
    // The final steps replace the live ones.
    expect(Array.from(byTestId(root, 'wd-diagnosis-progress').querySelectorAll('li'), (li) => li.dataset.step)).toEqual(['identity', 'read-scps']);

    fake.answer('diagnosis/run', { diagnosis: DIAGNOSIS, profileId: 'p-finance', message: null });
    click(byTestId(root, 'wd-recheck'));
    await settle();
    expect(fake.callsOf('diagnosis/run').at(-1)).toEqual({ recordId: '7:0:why-denied-1', profileId: 'p-finance', recheck: true });
  });

  test('a diagnosis pushed by the worker is shown', async () => {
    const { root, host } = mount(worker([READY], 'p-finance'));
    await settle();
    host.update({ pushedDiagnosis: DIAGNOSIS });
    await settle();
    expect(text(root, 'wd-diagnosis-verdict')).toBe(DIAGNOSIS.verdict);
  });

  test('when the worker says diagnosis is unavailable, its message is shown verbatim, as text', async () => {
    const message = 'Diagnosis with credentials is not available yet: <b>this</b> explanation comes from the message alone.';
    const fake = worker([READY], 'p-finance').answer('diagnosis/run', { diagnosis: null, profileId: null, message });
    const { root } = mount(fake);
    await settle();
    click(byTestId(root, 'wd-diagnose'));
    await settle();
    expect(text(root, 'wd-diagnosis-message')).toBe(message);
    expect(root.querySelector('b')).toBeNull();
      });

  test('a worker failure is reported, not thrown', async () => {
    const fake = worker([READY], 'p-finance').answer('diagnosis/run', new Error('diagnosis/run: network down'));
    const { root } = mount(fake);
    await settle();
    click(byTestId(root, 'wd-diagnose'));
    await settle();
    expect(root.querySelector('.diagnose .error')?.textContent).toContain('network down');
  });

  test('an expired Identity Center session offers "Sign in again"', async () => {
    const fake = worker([SSO_EXPIRED], 'p-sso').answer('sso/sign-in', { started: true, message: 'Confirm code WXYZ-1234 in the options page.' });
    const { root } = mount(fake);
    await settle();
    click(byTestId(root, 'wd-sign-in-again'));
    await settle();
    expect(fake.callsOf('sso/sign-in')).toEqual([{ profileId: 'p-sso' }]);
    expect(root.querySelector('.sign-in [aria-live]')?.textContent).toBe('Confirm code WXYZ-1234 in the options page.');
  });

  test('expired keys and a locked vault send the user to the options page, not to an Identity Center sign-in', async () => {
    const expiredKeys: ProfileSummary = { ...READY, state: 'sign-in-required' };
    const fake = worker([expiredKeys], 'p-finance').answer('options/open', { opened: true });
    const { root } = mount(fake);
    await settle();
    expect(allByTestId(root, 'wd-sign-in-again')).toHaveLength(0);
    expect(root.querySelector('.locked')?.textContent).toContain('temporary keys of finance-audit have expired');
    click(root.querySelector<HTMLButtonElement>('.locked button')!);
    await settle();
    expect(fake.callsOf('options/open')).toHaveLength(1);

    const locked = mount(worker([{ ...READY, state: 'locked' }], 'p-finance'));
    await settle();
    expect(locked.root.querySelector('.locked')?.textContent).toContain('vault is locked');
  });

  test('a ready profile has no sign-in button', async () => {
    const { root } = mount(worker([READY], 'p-finance'));
    await settle();
    expect(allByTestId(root, 'wd-sign-in-again')).toHaveLength(0);
  });

  test('a synthetic click (event.isTrusted false) on Diagnose, Re-check or Sign in again does nothing', async () => {
    const fake = worker([READY], 'p-finance').answer('diagnosis/run', { diagnosis: DIAGNOSIS, profileId: 'p-finance', message: null });
    const { root } = mount(fake);
    await settle();
    untrustedClick(byTestId(root, 'wd-diagnose'));
    await settle();
    expect(fake.callsOf('diagnosis/run')).toEqual([]);
    click(byTestId(root, 'wd-diagnose'));
    await settle();
    expect(fake.callsOf('diagnosis/run')).toHaveLength(1);
    untrustedClick(byTestId(root, 'wd-recheck'));
    await settle();
    expect(fake.callsOf('diagnosis/run')).toHaveLength(1);
  });
});
