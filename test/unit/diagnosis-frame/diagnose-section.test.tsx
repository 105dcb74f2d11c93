// @vitest-environment happy-dom
// The panel frame's "Diagnose with credentials" (src/diagnosis-frame): profiles, live steps, the diagnosis as the
// answer (first, details folded), the worker's own words, one alert per error with its own action, and the views of
// AWS's record, cross-account sides and the statement to grant. Its buttons act only on trusted events.
import { h, render } from 'preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, test } from 'vitest';
import type { Diagnosis } from '../../../src/core/diagnosis.ts';
import { explainDenial } from '../../../src/core/rules/index.ts';
import { DiagnoseSection, type DenialContext, type FrameData } from '../../../src/diagnosis-frame/diagnose-section.tsx';
import type { ProfileSummary } from '../../../src/shared/protocol.ts';
import { FakeWorker, PAGE_URL, TEXT, allByTestId, byTestId, click, parseOne, settle, untrustedClick } from '../content/helpers.ts';

const DENIAL = parseOne(TEXT.scpWithArn);
const CONTEXT: DenialContext = { denial: DENIAL, pageUrl: PAGE_URL, explanation: explainDenial(DENIAL, { pageUrl: PAGE_URL, partition: null }) };

const READY: ProfileSummary = { id: 'p-finance', name: 'finance-audit', kind: 'keys', accountId: '333333333333', state: 'ready', expiresAt: null };
const SSO_EXPIRED: ProfileSummary = { id: 'p-sso', name: 'sso-billing', kind: 'identity-center', accountId: '333333333333', state: 'sign-in-required', expiresAt: 0 };

function worker(profiles: ProfileSummary[] = [], preferredId: string | null = null): FakeWorker {
  return new FakeWorker().answer('profiles/summaries', { profiles, preferredId });
}

const text = (root: ParentNode, id: string) => byTestId(root, id).textContent;

function Section({ data, fake }: { data: FrameData; fake: FakeWorker }) {
  const [diagnosis, setDiagnosis] = useState<Diagnosis | null>(null);
  return h(DiagnoseSection, { data, send: fake.send, diagnosis, onDiagnosis: setDiagnosis, context: CONTEXT }, h('button', { 'data-testid': 'wd-copy-request' }, 'Copy request with this diagnosis'));
}

const containers: HTMLElement[] = [];
afterEach(() => {
  for (const c of containers.splice(0)) render(null, c);
  document.body.replaceChildren();
});

function mount(fake = worker(), initial: Partial<FrameData> = {}) {
  const root = document.createElement('div');
  document.body.append(root);
  containers.push(root);
  let data: FrameData = { recordId: '7:0:why-denied-1', accountId: '333333333333', progress: null, pushedDiagnosis: null, ...initial };
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
    expect(problem.textContent).toBe(DIAGNOSIS.problems[0]!.message);
    expect(byTestId(root, 'wd-error').textContent).toContain('organizations:ListPoliciesForTarget');
    expect(text(root, 'wd-diagnostic-policy')).toBe(DIAGNOSIS.diagnosticPolicySuggestion);
    expect(text(root, 'wd-deciding-conditions')).toContain('aws:MultiFactorAuthPresent');
    expect(root.querySelector('.details a')?.getAttribute('href')).toBe(DIAGNOSIS.blocking[0]!.consoleUrl);
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
    const alert = byTestId(root, 'wd-error');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.dataset.kind).toBe('failed');
    expect(alert.textContent).toContain('network down');
  });

  test('an expired Identity Center session offers "Sign in again"', async () => {
    const fake = worker([SSO_EXPIRED], 'p-sso').answer('sso/sign-in', { started: true, message: 'Confirm code WXYZ-1234 in the options page.' });
    const { root } = mount(fake);
    await settle();
    click(byTestId(root, 'wd-sign-in-again'));
    await settle();
    expect(fake.callsOf('sso/sign-in')).toEqual([{ profileId: 'p-sso' }]);
    expect(byTestId(root, 'wd-error').querySelector('[aria-live]')?.textContent).toBe('Confirm code WXYZ-1234 in the options page.');
  });

  test('expired keys and a locked vault send the user to the options page, not to an Identity Center sign-in', async () => {
    const expiredKeys: ProfileSummary = { ...READY, state: 'sign-in-required' };
    const fake = worker([expiredKeys], 'p-finance').answer('options/open', { opened: true });
    const { root } = mount(fake);
    await settle();
    expect(allByTestId(root, 'wd-sign-in-again')).toHaveLength(0);
    expect(text(root, 'wd-error')).toContain('access keys of "finance-audit" have expired');
    expect(text(root, 'wd-error')).not.toMatch(/sign in/i);
    click(byTestId(root, 'wd-update-keys'));
    await settle();
    expect(fake.callsOf('options/open')).toHaveLength(1);

    const locked = mount(worker([{ ...READY, state: 'locked' }], 'p-finance'));
    await settle();
    expect(byTestId(locked.root, 'wd-error').dataset.kind).toBe('locked');
    expect(text(locked.root, 'wd-error')).toContain('vault is locked');
  });

  test('expired keys reported three ways (profile state, failed verdict, its problem, the worker) make one alert', async () => {
    const message = 'The credentials of profile "finance-audit" have expired: for a profile signed in with IAM Identity Center, sign in again; for access keys, update the keys.';
    const failed: Diagnosis = {
      ...DIAGNOSIS,
      status: 'failed',
      blockingLayer: 'not-simulated',
      verdict: message,
      blocking: [],
      decidingConditions: [],
      problems: [{ kind: 'expired-credentials', message }],
      diagnosticPolicySuggestion: null,
    };
    const fake = worker([READY], 'p-finance').answer('diagnosis/run', { diagnosis: failed, profileId: 'p-finance', message: null });
    const { root } = mount(fake);
    await settle();
    fake.answer('profiles/summaries', { profiles: [{ ...READY, state: 'sign-in-required' }], preferredId: 'p-finance' });
    click(byTestId(root, 'wd-diagnose'));
    await settle();
    expect(root.querySelectorAll('[role=alert]')).toHaveLength(1);
    expect(byTestId(root, 'wd-error').dataset.kind).toBe('keys-expired');
    // Said once where it shows; AWS's words only behind "Show evidence" (a closed disclosure).
    const evidence = byTestId(root, 'wd-error').querySelector('details')!;
    expect(evidence.open).toBe(false);
    expect(evidence.textContent).toContain(message);
    expect(root.textContent!.split(message).length - 1).toBe(1);
    expect(allByTestId(root, 'wd-diagnosis')).toHaveLength(0); // a failed diagnosis is not the answer
    expect(byTestId(root, 'wd-update-keys').textContent).toBe('Update keys');
  });

  test('"Try again" re-checks, and what the worker says about that try shows in the alert', async () => {
    const unreachable: Diagnosis = { ...DIAGNOSIS, status: 'failed', blockingLayer: 'not-simulated', verdict: 'Could not reach AWS', blocking: [], problems: [{ kind: 'network', message: 'Could not reach AWS for sts:GetCallerIdentity (ECONNREFUSED)' }], diagnosticPolicySuggestion: null };
    const fake = worker([READY], 'p-finance').answer('diagnosis/run', { diagnosis: unreachable, profileId: 'p-finance', message: null });
    const { root } = mount(fake);
    await settle();
    click(byTestId(root, 'wd-diagnose'));
    await settle();
    expect(byTestId(root, 'wd-error').dataset.kind).toBe('unreachable');
    const soon = 'Re-checked a moment ago: wait 10 seconds between re-checks of one denial.';
    fake.answer('diagnosis/run', { diagnosis: unreachable, profileId: 'p-finance', message: soon });
    click(byTestId(root, 'wd-try-again'));
    await settle();
    expect(fake.callsOf('diagnosis/run').at(-1)).toMatchObject({ recheck: true });
    expect(byTestId(root, 'wd-error').querySelector('[role=status]')?.textContent).toBe(soon);
    expect(allByTestId(root, 'wd-diagnosis-message')).toHaveLength(0);
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

describe('the diagnosis is the answer', () => {
  const done: Diagnosis = { ...DIAGNOSIS, problems: [], diagnosticPolicySuggestion: null, decidingConditions: [], decidingKeys: [] };

  async function diagnosed(diagnosis: Diagnosis) {
    const { root, host } = mount(worker([READY], 'p-finance'));
    await settle();
    host.update({ pushedDiagnosis: diagnosis });
    await settle();
    return root;
  }

  const before = (a: Element, b: Element) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);

  test('verdict, policy, Sid and who can fix it come first, then the request; the rest is folded', async () => {
    const root = await diagnosed(done);
    const answer = byTestId(root, 'wd-diagnosis');
    expect(root.querySelector('.diagnose')!.firstElementChild).toBe(answer);
    expect(answer.textContent).toContain('DenyCostExplorer');
    expect(answer.textContent).toContain('attached to ou-ab12-finance');
    expect(text(root, 'wd-statement-sid')).toBe('DenyCE');
    expect(text(root, 'wd-diagnosis-fixer')).toContain('management account');
    expect(before(answer, byTestId(root, 'wd-copy-request'))).toBe(true);
    expect(before(byTestId(root, 'wd-copy-request'), byTestId(root, 'wd-profile-select'))).toBe(true);
    const details = byTestId(root, 'wd-diagnosis-details') as HTMLDetailsElement;
    expect(details.tagName).toBe('DETAILS');
    expect(details.open).toBe(false);
    for (const id of ['wd-statement', 'wd-evidence', 'wd-diagnosis-progress', 'wd-policy-commands']) expect(details.contains(byTestId(root, id))).toBe(true);
    // The SCP's id is known: the commands carry it, no placeholder.
    expect(text(root, 'wd-policy-commands')).toContain('--policy-id p-exmpl111');
    expect(text(root, 'wd-policy-commands')).not.toContain('<');
    // A done SCP diagnosis settled the MFA and Region questions the message left open.
    expect(CONTEXT.explanation.checklist.length).toBeGreaterThan(0);
    expect(allByTestId(root, 'wd-open-checks')).toHaveLength(0);
    expect(allByTestId(root, 'wd-error')).toHaveLength(0);
  });

  test('a partial diagnosis says plainly what it left unchecked, keeps those checks, and offers the permission', async () => {
    const root = await diagnosed({ ...DIAGNOSIS, status: 'partial' });
    expect(text(root, 'wd-unchecked')).toBe('Partial diagnosis, not checked: SCPs attached to the account itself.');
    expect(text(root, 'wd-open-checks')).toMatch(/^MFA conditions:/);
    const grant = byTestId(root, 'wd-grant-permission');
    const box = byTestId(root, 'wd-diagnostic-policy').parentElement!;
    expect(grant.getAttribute('aria-expanded')).toBe('false');
    expect(box.hidden).toBe(true);
    click(grant);
    await settle();
    expect(grant.getAttribute('aria-expanded')).toBe('true');
    expect(box.hidden).toBe(false);
    expect(root.querySelectorAll('[role=alert]')).toHaveLength(1);
  });

  test('a partial diagnosis with no named gap still says it is partial', async () => {
    const root = await diagnosed({ ...done, status: 'partial', verdict: 'Policy FinanceGuardrails (named in the message) denies ce:GetCostAndUsage; its text could not be parsed.' });
    expect(text(root, 'wd-unchecked')).toBe('Partial diagnosis, part of it could not be read, as the verdict says.');
  });

  test("AWS's record: its source, a changed-since-the-denial mark and the deciding values", async () => {
    const root = await diagnosed({
      ...done,
      blockingLayer: 'identity',
      blocking: [{ ...done.blocking[0]!, policyType: 'identity', name: 'BudgetLimits', arn: null, attachedTo: 'arn:aws:iam::111111111111:user/alice', statementSid: 'DenyBudgetChanges', capturedAtDenial: true, changedSinceDenial: true, consoleUrl: null }],
      decidingConditions: ['aws:SourceIp was 198.51.100.7'],
      decidingKeys: ['aws:SourceIp'],
      awsRecord: { authorizationId: 'c3d5f7h9j1l3n5p7r9t1v3x5z', used: true, reason: null, pages: 1 },
    });
    const record = byTestId(root, 'wd-aws-record');
    expect(record.dataset.used).toBe('true');
    expect(text(root, 'wd-changed-since-denial')).toBe('changed since the denial');
    expect(text(root, 'wd-deciding-values')).toBe('Deciding values: aws:SourceIp was 198.51.100.7');
    expect(byTestId(root, 'wd-diagnosis-details').textContent).toContain('as AWS evaluated it at the denial');
    // The inline policy's owner and name are known: the command names both.
    expect(text(root, 'wd-policy-commands')).toContain("aws iam get-user-policy --user-name alice --policy-name BudgetLimits");
  });

  test("AWS's record, not compared with today: the SCP by its id, the folded note says so, and the click asks by index", async () => {
    const scp = {
      policyType: 'scp' as const,
      name: null,
      arn: 'arn:aws:organizations::999999999999:policy/o-exmpl12345/service_control_policy/p-taxlock01',
      attachedTo: 'arn:aws:organizations::999999999999:ou/o-exmpl12345/ou-ab12-22222222',
      statementSid: 'DenyTaxSettingsChanges',
      statement: { Sid: 'DenyTaxSettingsChanges', Effect: 'Deny' as const, Action: 'tax:PutTaxRegistration', Resource: '*' },
      consoleUrl: null,
      capturedAtDenial: true,
      changedSinceDenial: null,
    };
    const recorded: Diagnosis = { ...done, awsRecord: { authorizationId: 'e5g7i9k1m3o5q7s9u1w3y5a7c', used: true, reason: null, pages: 1, deniedAt: '2026-12-06T03:10:00Z' }, blocking: [scp] };
    const fake = worker([READY], 'p-finance');
    const { root, host } = mount(fake);
    await settle();
    host.update({ pushedDiagnosis: recorded });
    await settle();
    expect(text(root, 'wd-blocking-policy')).toBe('p-taxlock01');
    // Before the click: the folded details say today's version was not compared; the verdict does not.
    expect(text(root, 'wd-aws-record-note')).toContain("Today's version was not compared");
    expect(text(root, 'wd-diagnosis-verdict')).not.toContain('compared');
    const today = { Sid: 'DenyTaxSettingsChanges', Effect: 'Deny' as const, Action: 'tax:BatchPutTaxRegistration', Resource: '*' };
    const compared: Diagnosis = {
      ...recorded,
      blocking: [{ ...scp, name: 'LockTaxSettings', changedSinceDenial: true, todaysVersion: { state: 'changed', statement: today, message: 'changed', awsCalls: 1, checkedAt: 1 } }],
    };
    fake.answer('diagnosis/current-policy', { diagnosis: compared, message: null });
    untrustedClick(byTestId(root, 'wd-compare-today'));
    await settle();
    expect(fake.callsOf('diagnosis/current-policy')).toEqual([]);
    click(byTestId(root, 'wd-compare-today'));
    await settle();
    expect(fake.callsOf('diagnosis/current-policy')).toEqual([{ recordId: '7:0:why-denied-1', policyIndex: 0 }]);
    expect(text(root, 'wd-todays-version')).toBe("Today's version: changed since the denial: the statement now reads");
    expect(JSON.parse(text(root, 'wd-todays-statement') ?? '')).toEqual(today);
    expect(text(root, 'wd-blocking-policy')).toBe('LockTaxSettings');
    expect(allByTestId(root, 'wd-compare-today')).toHaveLength(0);
    expect(text(root, 'wd-aws-record-note')).not.toContain('not compared');
  });

  /** The deny statement of the bucket policy of `bucket`, as a diagnosis names it. */
  const bucketPolicy = (bucket: string) => ({
    policyType: 'resource' as const,
    name: null,
    arn: null,
    attachedTo: `arn:aws:s3:::${bucket}`,
    statementSid: 'DenyExportReads',
    statement: { Sid: 'DenyExportReads', Effect: 'Deny' as const, Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` },
    consoleUrl: null,
  });

  test("a bucket's policy, which has no name of its own, is named by its bucket, as the verdict names it", async () => {
    const { root, host } = mount(worker([READY], 'p-finance'));
    await settle();
    host.update({ pushedDiagnosis: { ...done, blockingLayer: 'resource', blocking: [bucketPolicy('example-exports-111111111111')] } });
    await settle();
    expect(byTestId(root, 'wd-statement-sid').closest('p')!.textContent).toBe('The bucket policy of example-exports-111111111111, statement DenyExportReads');
  });

  test("another account's bucket: no Compare when the diagnosing profile reads as another account, and why", async () => {
    const captured = { ...bucketPolicy('example-exports'), resourceAccount: '111111111111', capturedAtDenial: true, changedSinceDenial: null };
    const fromRecord = { ...done, blockingLayer: 'resource' as const, awsRecord: { authorizationId: 'e5g7i9k1m3o5q7s9u1w3y5a7c', used: true, reason: null, pages: 1 }, blocking: [captured] };
    const owner = { ...READY, id: 'p-owner', name: 'exports-owner', accountId: '111111111111' };
    // The diagnosing profile reads as 333333333333: S3 would refuse it, so the button is not offered.
    const { root, host } = mount(worker([READY, owner], 'p-finance'), { diagnosedWith: 'p-finance' });
    await settle();
    host.update({ pushedDiagnosis: fromRecord });
    await settle();
    expect(allByTestId(root, 'wd-compare-today')).toHaveLength(0);
    expect(text(root, 'wd-compare-elsewhere')).toBe(
      "Today's version can be read only from account 111111111111, the bucket's owner: S3 gives the bucket policy of example-exports to that account alone, and the profile of this diagnosis reads as account 333333333333.",
    );
    // Made with a profile of the bucket's account (or one whose account is not known), it is offered.
    const second = mount(worker([READY, owner], 'p-owner'), { diagnosedWith: 'p-owner' });
    await settle();
    second.host.update({ pushedDiagnosis: fromRecord });
    await settle();
    expect(allByTestId(second.root, 'wd-compare-today')).toHaveLength(1);
    expect(allByTestId(second.root, 'wd-compare-elsewhere')).toHaveLength(0);
    const third = mount(worker([{ ...READY, accountId: null }], 'p-finance'), { diagnosedWith: 'p-finance' });
    await settle();
    third.host.update({ pushedDiagnosis: fromRecord });
    await settle();
    expect(allByTestId(third.root, 'wd-compare-today')).toHaveLength(1);
  });

  test("today's version that could not be read says why, and the button stays", async () => {
    const policy = { ...done.blocking[0]!, capturedAtDenial: true, changedSinceDenial: null, todaysVersion: { state: 'unread' as const, statement: null, message: 'The profile "audit" is not allowed organizations:DescribePolicy', permission: 'organizations:DescribePolicy', awsCalls: 1, checkedAt: 1 } };
    const root = await diagnosed({ ...done, awsRecord: { authorizationId: 'e5g7i9k1m3o5q7s9u1w3y5a7c', used: true, reason: null, pages: 1 }, blocking: [policy] });
    expect(text(root, 'wd-todays-version')).toBe('Today\'s version could not be read: The profile "audit" is not allowed organizations:DescribePolicy');
    expect(text(root, 'wd-compare-today')).toBe("Compare with today's policy again");
  });

  test("AWS's record not used: the answer says the verdict comes from simulation, the details say why", async () => {
    const reason = 'the profile "audit" may not call iam:GetRequestAuthorizationDetails';
    const root = await diagnosed({ ...done, awsRecord: { authorizationId: 'u1w3y5a7c9e1g3i5k7m9o1q3s', used: false, reason, pages: 0 } });
    expect(byTestId(root, 'wd-aws-record').dataset.used).toBe('false');
    expect(text(root, 'wd-aws-record')).toContain('simulation');
    expect(byTestId(root, 'wd-diagnosis-details').contains(byTestId(root, 'wd-aws-record-note'))).toBe(true);
    expect(text(root, 'wd-aws-record-note')).toContain(reason);
  });

  test('cross-account: each side with its state and its own request; the statement to grant with its copy button', async () => {
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (value: string) => void writes.push(value) } });
    const statement = { Sid: 'AllowCallerFromOtherAccount', Effect: 'Allow' as const, Principal: { AWS: 'arn:aws:iam::111111111111:user/alice' }, Action: 'sts:AssumeRole' };
    const root = await diagnosed({
      ...done,
      status: 'partial',
      blockingLayer: 'role-trust',
      blocking: [],
      accountSides: [
        { account: '111111111111', role: 'caller', state: 'allows', summary: "alice's own policies allow it.", request: { text: 'In account 111111111111, allow alice sts:AssumeRole.', statement: { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::222222222222:role/BillingAuditor' } } },
        { account: '222222222222', role: 'resource-owner', state: 'denies', summary: 'The trust policy trusts only role Auditors.', request: { text: 'In account 222222222222, add to the trust policy of role BillingAuditor a statement.', statement } },
      ],
      suggestedStatement: { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111111111111:role/BudgetsActionRole', Condition: { StringEquals: { 'iam:PassedToService': 'budgets.amazonaws.com' } } },
    });
    const sides = allByTestId(root, 'wd-account-side');
    expect(sides.map((s) => `${s.dataset.account}:${s.dataset.state}`)).toEqual(['111111111111:allows', '222222222222:denies']);
    click(sides[1]!.querySelector('button')!);
    await settle();
    expect(writes[0]).toMatch(/^Request for the administrator of AWS account 222222222222/);
    expect(writes[0]).toContain('"AllowCallerFromOtherAccount"');
    expect(sides[1]!.querySelector('[role=status]')?.textContent).toBe('Copied');
    expect(JSON.parse(text(root, 'wd-suggested-statement') ?? '')).toMatchObject({ Condition: { StringEquals: { 'iam:PassedToService': 'budgets.amazonaws.com' } } });
    click(byTestId(root, 'wd-copy-suggested-statement'));
    await settle();
    expect(JSON.parse(writes[1]!).Action).toBe('iam:PassRole');
  });
});
