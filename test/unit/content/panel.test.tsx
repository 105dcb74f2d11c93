// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Denial } from '../../../src/core/denial.ts';
import type { Diagnosis } from '../../../src/core/diagnosis.ts';
import { formatAdminRequest } from '../../../src/core/request/admin-request.ts';
import { fillFromPage, readConsoleIdentity } from '../../../src/console/identity.ts';
import { COPIED_MS } from '../../../src/content/panel/copy-request.tsx';
import { PanelHost, MAX_RESTORES } from '../../../src/content/panel/host.ts';
import { PANEL_CSS } from '../../../src/content/panel/styles.ts';
import type { PanelData } from '../../../src/content/panel/types.ts';
import type { ProfileSummary } from '../../../src/shared/protocol.ts';
import { FakeWorker, PAGE_URL, TEXT, allByTestId, byTestId, choose, click, openConsolePage, panelData, parseOne, settings, settle } from './helpers.ts';

const hosts: PanelHost[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) host.destroy();
  document.body.replaceChildren();
  document.head.replaceChildren();
});

function anchor(text = 'Access denied'): HTMLElement {
  const alert = document.createElement('div');
  alert.setAttribute('data-analytics-alert', 'error');
  alert.textContent = text;
  const wrapper = document.createElement('div');
  wrapper.append(alert);
  document.body.append(wrapper);
  return alert;
}

const READY: ProfileSummary = { id: 'p-finance', name: 'finance-audit', kind: 'keys', accountId: '333333333333', state: 'ready', expiresAt: null };
const SSO_EXPIRED: ProfileSummary = { id: 'p-sso', name: 'sso-billing', kind: 'identity-center', accountId: '333333333333', state: 'sign-in-required', expiresAt: 0 };

function worker(profiles: ProfileSummary[] = [], preferredId: string | null = null): FakeWorker {
  return new FakeWorker().answer('profiles/summaries', { profiles, preferredId });
}

function mount(data: PanelData, fake = worker(), writeClipboard = vi.fn(async (_text: string) => {})) {
  const at = anchor(data.denial.meta.message);
  const host = new PanelHost(at, data, { send: fake.send, writeClipboard });
  hosts.push(host);
  const root = host.element.shadowRoot;
  if (!root) throw new Error('no open shadow root');
  return { host, root, at, fake, writeClipboard };
}

const text = (root: ParentNode, id: string) => byTestId(root, id).textContent;

describe('panel host', () => {
  test('sits right after the denial, with an open shadow root, the watch id and a style that resets page CSS', () => {
    const { host, at, root } = mount(panelData(parseOne(TEXT.scpWithArn)));
    expect(at.nextElementSibling).toBe(host.element);
    expect(host.element.getAttribute('data-why-denied')).toBe('why-denied-1');
    expect(host.element.style.getPropertyValue('all')).toBe('initial');
    expect(host.element.style.getPropertyPriority('all')).toBe('important');
    expect(PANEL_CSS).toContain(':host{all:initial!important;display:block!important}');
    expect(byTestId(root, 'wd-panel').getAttribute('role')).toBe('region');
    // A landmark named after its action, so several panels on one page are told apart.
    expect(byTestId(root, 'wd-panel').getAttribute('aria-label')).toBe('Why denied: ce:GetRightsizingRecommendation');
    // Styles live inside the shadow root, never in the page.
    const css = [...root.adoptedStyleSheets].length + root.querySelectorAll('style').length;
    expect(css).toBeGreaterThan(0);
    expect(document.head.querySelector('style')).toBeNull();
  });

  test('puts back a host the page restyled, hid or removed', async () => {
    const { host, at } = mount(panelData(parseOne(TEXT.scpWithArn)));
    host.element.style.setProperty('display', 'none', 'important');
    host.element.setAttribute('hidden', '');
    await settle(1);
    expect(host.element.style.getPropertyValue('display')).toBe('');
    expect(host.element.style.getPropertyValue('all')).toBe('initial');
    expect(host.element.hasAttribute('hidden')).toBe(false);
    host.element.remove();
    await settle(1);
    expect(at.nextElementSibling).toBe(host.element);
    expect(host.restoreCount).toBe(2);
  });

  test('gives up after a bounded number of restorations', async () => {
    const { host } = mount(panelData(parseOne(TEXT.scpWithArn)));
    for (let i = 0; i < MAX_RESTORES + 5; i++) {
      host.element.remove();
      await settle(1);
    }
    expect(host.restoreCount).toBe(MAX_RESTORES);
    expect(host.element.isConnected).toBe(false);
  });

  test('does not fight the page when the denial itself is gone', async () => {
    const { host, at } = mount(panelData(parseOne(TEXT.scpWithArn)));
    at.parentElement!.remove();
    await settle(1);
    expect(host.restoreCount).toBe(0);
  });

  test('destroy removes the host and its panel', () => {
    const { host } = mount(panelData(parseOne(TEXT.scpWithArn)));
    host.destroy();
    expect(document.querySelector('[data-why-denied]')).toBeNull();
  });
});

describe('what the panel says', () => {
  const cases: { name: keyof typeof TEXT; resource: string; layer: string; policyArn: string | null }[] = [
    { name: 'scpWithArn', resource: 'arn:aws:ce:us-east-1:333333333333:/GetRightsizingRecommendation', layer: 'scp', policyArn: 'arn:aws:organizations::999999999999:policy/o-exmpl12345/service_control_policy/p-exmpl111' },
    { name: 'implicitIdentity', resource: 'arn:aws:ce:us-east-1:222222222222:/GetReservationCoverage', layer: 'identity-policy', policyArn: null },
    { name: 'boundaryWithArn', resource: '—', layer: 'permissions-boundary', policyArn: 'arn:aws:iam::444444444444:policy/boundaries/FinanceBoundary' },
    { name: 'consoleAlert', resource: '—', layer: 'permissions-boundary', policyArn: null },
    { name: 'troubleshooter', resource: 'role FinanceRole', layer: 'identity-policy', policyArn: null },
  ];

  test.each(cases)('$name: principal, action, resource, reading, verdict, layer, fixer', ({ name, resource, layer, policyArn }) => {
    const denial = parseOne(TEXT[name]);
    const data = panelData(denial);
    const { root } = mount(data);
    expect(text(root, 'wd-principal')).toBe(denial.principalArn);
    expect(text(root, 'wd-action')).toBe(denial.action);
    expect(text(root, 'wd-resource')).toBe(resource);
    expect(text(root, 'wd-reading')).toBe(data.explanation.reading);
    expect(text(root, 'wd-verdict')).toBe(data.explanation.verdict);
    expect(byTestId(root, 'wd-layer').dataset.layer).toBe(layer);
    expect(text(root, 'wd-fixer')).toBe(data.explanation.fixerText);
    expect(allByTestId(root, 'wd-steps')[0]?.querySelectorAll('li').length ?? 0).toBe(data.explanation.steps.length);
    expect(byTestId(root, 'wd-confidence').dataset.confidence).toBe(data.explanation.confidence);
    expect(allByTestId(root, 'wd-policy-arn').map((el) => el.textContent)).toEqual(policyArn ? [policyArn] : []);
    // No "from the page" badge: the message named the principal.
    expect(root.querySelector('.badge')).toBeNull();
  });

  test('the policy ARN links to its console page', () => {
    const { root } = mount(panelData(parseOne(TEXT.boundaryWithArn)));
    const link = byTestId(root, 'wd-policy-arn').parentElement!.querySelector('a')!;
    expect(link.getAttribute('href')).toBe(
      'https://console.aws.amazon.com/iam/home#/policies/details/arn%3Aaws%3Aiam%3A%3A444444444444%3Apolicy%2Fboundaries%2FFinanceBoundary?section=permissions',
    );
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
  });

  test('the Access Troubleshooter link comes first', () => {
    const { root } = mount(panelData(parseOne(TEXT.troubleshooter)));
    const first = byTestId(root, 'wd-links').querySelector('a')!;
    expect(first.getAttribute('href')).toBe(
      'https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/authorization-details/h4f6j8l0g2d5s7a9m1n3b5v7c',
    );
  });

  test('a principal taken from the page carries the "from the page" badge', () => {
    document.head.insertAdjacentHTML(
      'beforeend',
      `<meta name="awsc-session-data" content='{"accountId":"999999999999","sessionARN":"arn:aws:sts::999999999999:assumed-role/BillingRole/dana"}'>`,
    );
    const identity = readConsoleIdentity(document, { hostname: 'us-east-1.console.aws.amazon.com' });
    const denial = fillFromPage(parseOne(TEXT.activationWidget), identity);
    const data = panelData(denial);
    const { root } = mount(data);
    expect(text(root, 'wd-principal')).toBe('arn:aws:sts::999999999999:assumed-role/BillingRole/dana');
    expect(root.querySelector('.badge')?.textContent).toBe('from the page');
    expect(byTestId(root, 'wd-layer').dataset.layer).toBe('billing-access-setting');
    expect(byTestId(root, 'wd-fixer').dataset.fixer).toBe('root-user');
  });

  test('a denial that names only an account says so', () => {
    const { root } = mount(panelData(parseOne(TEXT.activationWidget)));
    expect(text(root, 'wd-principal')).toContain('999999999999');
    // A value the message does not give is a muted dash, not a code chip that looks like data.
    expect(text(root, 'wd-action')).toBe('—');
    expect(byTestId(root, 'wd-action').className).toBe('missing');
  });

  test('action names wrap only after the colon', () => {
    const { root } = mount(panelData(parseOne(TEXT.scpWithArn)));
    const action = byTestId(root, 'wd-action');
    expect(action.innerHTML).toBe('ce:<wbr>GetRightsizingRecommendation');
    expect(action.classList.contains('action')).toBe(true);
  });
});

describe('keyboard, announcements, show on page, visual mode', () => {
  test('Escape folds the panel and leaves focus on its toggle', async () => {
    const { root } = mount(panelData(parseOne(TEXT.scpWithArn)));
    const body = root.querySelector<HTMLElement>('.body')!;
    byTestId(root, 'wd-copy-request').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await settle();
    expect(body.hidden).toBe(true);
    const toggle = root.querySelector<HTMLButtonElement>('.toggle')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(root.activeElement).toBe(toggle);
  });

  test('"Copied" clears after a few seconds, so the next copy is announced again', async () => {
    vi.useFakeTimers();
    try {
      const { root } = mount(panelData(parseOne(TEXT.scpWithArn)));
      click(byTestId(root, 'wd-copy-request'));
      await vi.advanceTimersByTimeAsync(10);
      expect(allByTestId(root, 'wd-copied')).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(COPIED_MS + 100);
      expect(allByTestId(root, 'wd-copied')).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });

  test('reveal focuses the panel (the popup\'s "Show on page")', () => {
    const { host, root } = mount(panelData(parseOne(TEXT.scpWithArn)));
    host.reveal();
    expect(root.activeElement).toBe(byTestId(root, 'wd-panel'));
  });

  test('the panel follows the console\'s visual mode, and says nothing when the page gives no signal', async () => {
    const { root } = mount(panelData(parseOne(TEXT.scpWithArn)));
    const container = root.querySelector<HTMLElement>('.root')!;
    // A bare page: no Cloudscape markup, so prefers-color-scheme decides.
    expect(container.dataset.mode).toBeUndefined();
    document.body.classList.add('awsui-dark-mode');
    await settle();
    expect(container.dataset.mode).toBe('dark');
    document.body.classList.remove('awsui-dark-mode');
    document.body.append(Object.assign(document.createElement('div'), { className: 'awsui_root_hi4gx_1nfsv_145' }));
    document.body.classList.add('unrelated');
    await settle();
    expect(container.dataset.mode).toBe('light');
  });
});

describe('hostile page text', () => {
  const HOSTILE = {
    principalArn: 'arn:aws:sts::111111111111:assumed-role/AuditRole/eve\u202Enimda<img src=x onerror="window.pwned=1">',
    action: 'cur:<script>window.pwned=2</script>GetClassicReport',
    resource: '<a href="javascript:alert(1)">click</a>\u2066x\u2069',
    policyArn: 'arn:aws:iam::111111111111:policy/<b>bold</b>',
  };
  const BENIGN = {
    principalArn: 'arn:aws:sts::111111111111:assumed-role/AuditRole/eve',
    action: 'cur:GetClassicReport',
    resource: 'arn:aws:cur:us-east-1:111111111111:definition/x',
    policyArn: 'arn:aws:iam::111111111111:policy/Plain',
  };
  const denialWith = (fields: typeof BENIGN, message: string): Denial => ({
    ...parseOne(TEXT.boundaryWithArn),
    ...fields,
    accountId: '111111111111',
    meta: { ...parseOne(TEXT.boundaryWithArn).meta, message, reason: fields.resource },
  });

  const tags = (root: ShadowRoot) => Array.from(root.querySelectorAll('*'), (el) => el.tagName).join(',');

  test('markup and scripts in page text stay text: no element is made from them', () => {
    const hostile = mount(panelData(denialWith(HOSTILE, `${HOSTILE.principalArn} <iframe src="https://evil.example">`)));
    const benign = mount(panelData(denialWith(BENIGN, BENIGN.principalArn)));
    // Same structure as the benign twin: page text created no element.
    expect(tags(hostile.root)).toBe(tags(benign.root));
    for (const tag of ['img', 'script', 'iframe', 'b']) expect(hostile.root.querySelector(tag)).toBeNull();
    expect(hostile.root.querySelector('a[href^="javascript:"]')).toBeNull();
    expect(text(hostile.root, 'wd-action')).toBe(HOSTILE.action);
    expect(text(hostile.root, 'wd-policy-arn')).toBe(HOSTILE.policyArn);
    expect((window as { pwned?: number }).pwned).toBeUndefined();
  });

  test('bidi controls are shown as inert markers', () => {
    const { root } = mount(panelData(denialWith(HOSTILE, HOSTILE.principalArn)));
    expect(text(root, 'wd-principal')).toBe(
      'arn:aws:sts::111111111111:assumed-role/AuditRole/eve⟨U+202E⟩nimda<img src=x onerror="window.pwned=1">',
    );
    expect(text(root, 'wd-resource')).toBe('<a href="javascript:alert(1)">click</a>⟨U+2066⟩x⟨U+2069⟩');
    expect(root.textContent).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });

  test('the hostile fixture page: the console alert with an RLO principal and an <img> context', async () => {
    const page = openConsolePage('hostile-text.html');
    page.show();
    const code = page.document.querySelector('[data-fixture-slot] code')!;
    const lines = Array.from(code.children, (div) => div.textContent).join('\n');
    const denial = parseOne(`Access denied\nYou don't have permission to cur:GetClassicReport.\n${lines}`);
    await page.close();
    const { root } = mount(panelData(denial));
    // Whether or not the parser accepts that principal, the message is shown with the override made visible.
    expect(text(root, 'wd-message')).toContain('eve⟨U+202E⟩nimda');
    expect(text(root, 'wd-message')).toContain('<img src=x onerror="window.__whyDeniedPwned=1">');
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).not.toContain('\u202E');
  });
});

describe('copy request for admin', () => {
  test('copies formatAdminRequest output in the settings format, then in the one picked', async () => {
    const denial = parseOne(TEXT.scpWithArn);
    const data = panelData(denial, { settings: settings({ requestFormat: 'markdown' }) });
    const { root, writeClipboard } = mount(data);
    const select = byTestId(root, 'wd-copy-format') as HTMLSelectElement;
    expect(select.value).toBe('markdown');
    click(byTestId(root, 'wd-copy-request'));
    await settle();
    const input = { denial, explanation: data.explanation, pageUrl: PAGE_URL, diagnosis: null };
    expect(writeClipboard).toHaveBeenLastCalledWith(formatAdminRequest(input, 'markdown'));
    expect(text(root, 'wd-copied')).toBe('Copied');
    expect(byTestId(root, 'wd-copied').closest('[aria-live]')).not.toBeNull();

    choose(select, 'text');
    await settle();
    expect(allByTestId(root, 'wd-copied')).toHaveLength(0);
    click(byTestId(root, 'wd-copy-request'));
    await settle();
    expect(writeClipboard).toHaveBeenLastCalledWith(formatAdminRequest(input, 'text'));
    expect(formatAdminRequest(input, 'text')).not.toBe(formatAdminRequest(input, 'markdown'));
  });

  test('when the clipboard is refused, the text is shown selected in a read-only box', async () => {
    const denial = parseOne(TEXT.implicitIdentity);
    const data = panelData(denial);
    const refuse = vi.fn(async () => {
      throw new DOMException('Write permission denied.', 'NotAllowedError');
    });
    const { root } = mount(data, worker(), refuse);
    click(byTestId(root, 'wd-copy-request'));
    await settle();
    const box = byTestId(root, 'wd-copy-fallback') as HTMLTextAreaElement;
    expect(box.value).toBe(formatAdminRequest({ denial, explanation: data.explanation, pageUrl: PAGE_URL, diagnosis: null }, 'text'));
    expect(box.readOnly).toBe(true);
    expect(allByTestId(root, 'wd-copied')).toHaveLength(0);
  });
});

describe('on-request mode', () => {
  test('only a "Why denied?" button until it is clicked', async () => {
    const { root, fake } = mount(panelData(parseOne(TEXT.scpWithArn), { settings: settings({ panelMode: 'on-request' }) }));
    expect(allByTestId(root, 'wd-panel')).toHaveLength(0);
    expect(byTestId(root, 'wd-open').tagName).toBe('BUTTON');
    expect(fake.calls).toHaveLength(0); // nothing asked of the worker before the user asks
    click(byTestId(root, 'wd-open'));
    await settle();
    expect(text(root, 'wd-principal')).toBe('arn:aws:sts::333333333333:assumed-role/AWSReservedSSO_AuditRole_fedcba9876543210/carol');
    expect(allByTestId(root, 'wd-open')).toHaveLength(0);
  });

  test('auto mode shows the panel at once, and it collapses', async () => {
    const { root } = mount(panelData(parseOne(TEXT.scpWithArn)));
    const toggle = root.querySelector<HTMLButtonElement>('button.toggle')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    click(toggle);
    await settle(1);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(root.querySelector('.body')!.hasAttribute('hidden')).toBe(true);
  });
});

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
    const { root } = mount(panelData(parseOne(TEXT.scpWithArn)), fake);
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
    const { root, host } = mount(panelData(parseOne(TEXT.scpWithArn)), fake);
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

  test('the copied request includes the diagnosis once there is one', async () => {
    const fake = worker([READY], 'p-finance').answer('diagnosis/run', { diagnosis: DIAGNOSIS, profileId: 'p-finance', message: null });
    const denial = parseOne(TEXT.scpWithArn);
    const data = panelData(denial);
    const { root, writeClipboard } = mount(data, fake);
    await settle();
    click(byTestId(root, 'wd-diagnose'));
    await settle();
    click(byTestId(root, 'wd-copy-request'));
    await settle();
    const expected = formatAdminRequest({ denial, explanation: data.explanation, pageUrl: PAGE_URL, diagnosis: DIAGNOSIS }, 'text');
    expect(writeClipboard).toHaveBeenLastCalledWith(expected);
    expect(expected).toContain('DenyCE');
  });

  test('a diagnosis pushed by the worker is shown', async () => {
    const { root, host } = mount(panelData(parseOne(TEXT.scpWithArn)), worker([READY], 'p-finance'));
    await settle();
    host.update({ pushedDiagnosis: DIAGNOSIS });
    await settle();
    expect(text(root, 'wd-diagnosis-verdict')).toBe(DIAGNOSIS.verdict);
  });

  test('when the worker says diagnosis is unavailable, its message is shown verbatim, as text', async () => {
    const message = 'Diagnosis with credentials is not available yet: <b>this</b> explanation comes from the message alone.';
    const fake = worker([READY], 'p-finance').answer('diagnosis/run', { diagnosis: null, profileId: null, message });
    const { root } = mount(panelData(parseOne(TEXT.scpWithArn)), fake);
    await settle();
    click(byTestId(root, 'wd-diagnose'));
    await settle();
    expect(text(root, 'wd-diagnosis-message')).toBe(message);
    expect(root.querySelector('b')).toBeNull();
    expect(text(root, 'wd-verdict')).toBeTruthy(); // the offline explanation stays
  });

  test('a worker failure is reported, not thrown', async () => {
    const fake = worker([READY], 'p-finance').answer('diagnosis/run', new Error('diagnosis/run: network down'));
    const { root } = mount(panelData(parseOne(TEXT.scpWithArn)), fake);
    await settle();
    click(byTestId(root, 'wd-diagnose'));
    await settle();
    expect(root.querySelector('.diagnose .error')?.textContent).toContain('network down');
  });

  test('Diagnose waits until the worker registered the denial', async () => {
    const { root, host } = mount(panelData(parseOne(TEXT.scpWithArn), { recordId: null }), worker([READY], 'p-finance'));
    await settle();
    expect((byTestId(root, 'wd-diagnose') as HTMLButtonElement).disabled).toBe(true);
    host.update({ recordId: '7:0:why-denied-1' });
    await settle();
    expect((byTestId(root, 'wd-diagnose') as HTMLButtonElement).disabled).toBe(false);
  });

  test('an expired Identity Center session offers "Sign in again"; the denial stays shown', async () => {
    const fake = worker([SSO_EXPIRED], 'p-sso').answer('sso/sign-in', { started: true, message: 'Confirm code WXYZ-1234 in the options page.' });
    const { root } = mount(panelData(parseOne(TEXT.scpWithArn)), fake);
    await settle();
    click(byTestId(root, 'wd-sign-in-again'));
    await settle();
    expect(fake.callsOf('sso/sign-in')).toEqual([{ profileId: 'p-sso' }]);
    expect(root.querySelector('.sign-in [aria-live]')?.textContent).toBe('Confirm code WXYZ-1234 in the options page.');
    expect(text(root, 'wd-principal')).toContain('carol');
  });

  test('expired keys and a locked vault send the user to the options page, not to an Identity Center sign-in', async () => {
    const expiredKeys: ProfileSummary = { ...READY, state: 'sign-in-required' };
    const fake = worker([expiredKeys], 'p-finance').answer('options/open', { opened: true });
    const { root } = mount(panelData(parseOne(TEXT.scpWithArn)), fake);
    await settle();
    expect(allByTestId(root, 'wd-sign-in-again')).toHaveLength(0);
    expect(root.querySelector('.locked')?.textContent).toContain('temporary keys of finance-audit have expired');
    click(root.querySelector<HTMLButtonElement>('.locked button')!);
    await settle();
    expect(fake.callsOf('options/open')).toHaveLength(1);

    const locked = mount(panelData(parseOne(TEXT.scpWithArn)), worker([{ ...READY, state: 'locked' }], 'p-finance'));
    await settle();
    expect(locked.root.querySelector('.locked')?.textContent).toContain('vault is locked');
  });

  test('a ready profile has no sign-in button', async () => {
    const { root } = mount(panelData(parseOne(TEXT.scpWithArn)), worker([READY], 'p-finance'));
    await settle();
    expect(allByTestId(root, 'wd-sign-in-again')).toHaveLength(0);
  });
});
