// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Denial } from '../../../src/core/denial.ts';
import type { Diagnosis } from '../../../src/core/diagnosis.ts';
import { formatAdminRequest } from '../../../src/core/request/admin-request.ts';
import { fillFromPage, readConsoleIdentity } from '../../../src/console/identity.ts';
import { COPIED_MS } from '../../../src/content/panel/copy-state.tsx';
import { joinRecordIds } from '../../../src/content/panel/frame-records.ts';
import { PanelHost, MAX_RESTORES } from '../../../src/content/panel/host.ts';
import { PANEL_CSS } from '../../../src/content/panel/styles.ts';
import type { PanelData } from '../../../src/content/panel/types.ts';
import type { ProfileSummary } from '../../../src/shared/protocol.ts';
import { PAGE_URL, TEXT, allByTestId, byTestId, choose, click, openConsolePage, panelData, parseOne, pointAt, settings, settle, unfold, untrustedClick } from './helpers.ts';

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

function mount(data: PanelData, writeClipboard = vi.fn(async (_text: string) => {})) {
  const at = anchor(data.denial.meta.message);
  const host = new PanelHost(at, data, { writeClipboard, openTab: () => {}, frameUrl: (id) => `chrome-extension://test/diagnosis-frame/frame.html#${encodeURIComponent(id)}` });
  hosts.push(host);
  const root = host.root;
  return { host, root, at, writeClipboard };
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
    { name: 'boundaryWithArn', resource: '* (payments:GetPaymentStatus has no resource types)', layer: 'permissions-boundary', policyArn: 'arn:aws:iam::444444444444:policy/boundaries/FinanceBoundary' },
    { name: 'consoleAlert', resource: '* (cur:GetClassicReport has no resource types)', layer: 'permissions-boundary', policyArn: null },
    { name: 'troubleshooter', resource: 'role FinanceRole', layer: 'identity-policy', policyArn: null },
  ];

  test.each(cases)('$name: principal, action, resource, reading, verdict, layer, fixer', ({ name, resource, layer, policyArn }) => {
    const denial = parseOne(TEXT[name]);
    const data = panelData(denial);
    const { root } = mount(data);
    unfold(root);
    expect(text(root, 'wd-principal')).toBe(denial.principalArn);
    expect(text(root, 'wd-action')).toBe(denial.action);
    expect(text(root, 'wd-resource')).toBe(resource);
    expect(text(root, 'wd-reading')).toBe(data.explanation.reading);
    expect(text(root, 'wd-verdict')).toBe(data.explanation.verdict);
    expect(byTestId(root, 'wd-layer').dataset.layer).toBe(layer);
    expect(text(root, 'wd-fixer')).toBe(data.explanation.fixerText);
    expect(allByTestId(root, 'wd-steps')[0]?.querySelectorAll('li').length ?? 0).toBe(data.explanation.steps.length);
    expect(byTestId(root, 'wd-confidence').dataset.confidence).toBe(data.explanation.confidence);
    expect(text(root, 'wd-data-date')).toMatch(/^AWS data as of \d{4}-\d{2}-\d{2}$/);
    expect(allByTestId(root, 'wd-policy-arn').map((el) => el.textContent)).toEqual(policyArn ? [policyArn] : []);
    // No "from the page" badge: the message named the principal.
    expect(root.querySelector('.badge')).toBeNull();
  });

  test('a resource the message does not name: a dash, unless the action has no resource types (then "*")', () => {
    // budgets:ViewBudget has a resource type (budget): the message could have named one and did not.
    const { root } = mount(panelData(parseOne('User: arn:aws:iam::111111111111:user/alice is not authorized to perform: budgets:ViewBudget')));
    unfold(root);
    expect(text(root, 'wd-resource')).toBe('—');
  });

  test('the policy ARN links to its console page', () => {
    const { root } = mount(panelData(parseOne(TEXT.boundaryWithArn)));
    unfold(root);
    const link = byTestId(root, 'wd-policy-arn').parentElement!.querySelector('a')!;
    expect(link.getAttribute('href')).toBe(
      'https://console.aws.amazon.com/iam/home#/policies/details/arn%3Aaws%3Aiam%3A%3A444444444444%3Apolicy%2Fboundaries%2FFinanceBoundary?section=permissions',
    );
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
  });

  test('the Access Troubleshooter link comes first', () => {
    const { root } = mount(panelData(parseOne(TEXT.troubleshooter)));
    unfold(root);
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
    unfold(root);
    expect(text(root, 'wd-principal')).toBe('arn:aws:sts::999999999999:assumed-role/BillingRole/dana');
    expect(root.querySelector('.badge')?.textContent).toBe('from the page');
    expect(byTestId(root, 'wd-layer').dataset.layer).toBe('billing-access-setting');
    expect(byTestId(root, 'wd-fixer').dataset.fixer).toBe('root-user');
  });

  test('a denial that names only an account says so', () => {
    const { root } = mount(panelData(parseOne(TEXT.activationWidget)));
    unfold(root);
    expect(text(root, 'wd-principal')).toContain('999999999999');
    // A value the message does not give is a muted dash, not a code chip that looks like data.
    expect(text(root, 'wd-action')).toBe('—');
    expect(byTestId(root, 'wd-action').className).toBe('missing');
  });

  test('action names wrap only after the colon', () => {
    const { root } = mount(panelData(parseOne(TEXT.scpWithArn)));
    unfold(root);
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

  test('markup and scripts in page text stay text: no element is made from them', async () => {
    const hostile = mount(panelData(denialWith(HOSTILE, `${HOSTILE.principalArn} <iframe src="https://evil.example">`)));
    const benign = mount(panelData(denialWith(BENIGN, BENIGN.principalArn)));
    await settle();
    unfold(hostile.root);
    unfold(benign.root);
    // Same structure as the benign twin: page text created no element.
    expect(tags(hostile.root)).toBe(tags(benign.root));
    for (const tag of ['img', 'script', 'b']) expect(hostile.root.querySelector(tag)).toBeNull();
    // The one frame is the extension's own, for the record; none comes from the page's text.
    expect(Array.from(hostile.root.querySelectorAll('iframe'), (f) => f.getAttribute('src'))).toEqual([expect.stringMatching(/^chrome-extension:\/\/test\/diagnosis-frame\/frame\.html#/)]);
    expect(hostile.root.querySelector('a[href^="javascript:"]')).toBeNull();
    expect(text(hostile.root, 'wd-action')).toBe(HOSTILE.action);
    expect(text(hostile.root, 'wd-policy-arn')).toBe(HOSTILE.policyArn);
    expect((window as { pwned?: number }).pwned).toBeUndefined();
  });

  test('bidi controls are shown as inert markers', () => {
    const { root } = mount(panelData(denialWith(HOSTILE, HOSTILE.principalArn)));
    unfold(root);
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
    unfold(root);
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
    const input = { denial, explanation: data.explanation, pageUrl: PAGE_URL, diagnosis: null, deniedAt: data.seenAt };
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
    const { root } = mount(data, refuse);
    click(byTestId(root, 'wd-copy-request'));
    await settle();
    const box = byTestId(root, 'wd-copy-fallback') as HTMLTextAreaElement;
    expect(box.value).toBe(formatAdminRequest({ denial, explanation: data.explanation, pageUrl: PAGE_URL, diagnosis: null, deniedAt: data.seenAt }, 'text'));
    expect(box.readOnly).toBe(true);
    expect(allByTestId(root, 'wd-copied')).toHaveLength(0);
  });
});

describe('on-request mode', () => {
  test('only a "Why denied?" button until it is clicked', async () => {
    const { root } = mount(panelData(parseOne(TEXT.scpWithArn), { settings: settings({ panelMode: 'on-request' }) }));
    expect(allByTestId(root, 'wd-panel')).toHaveLength(0);
    expect(byTestId(root, 'wd-open').tagName).toBe('BUTTON');
    click(byTestId(root, 'wd-open'));
    await settle();
    unfold(root);
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

describe('what the page can reach', () => {
  test('the shadow root is closed: a page script gets null from host.shadowRoot', () => {
    const { host } = mount(panelData(parseOne(TEXT.scpWithArn)));
    expect(host.element.shadowRoot).toBeNull();
    expect(byTestId(host.root, 'wd-panel')).toBeTruthy();
  });

  test('what needs credentials is a frame of the extension, for this record; until the record exists, a notice', async () => {
    const { root, host } = mount(panelData(parseOne(TEXT.scpWithArn), { recordId: null }));
    await settle();
    pointAt(root);
    await settle();
    expect(allByTestId(root, 'wd-diagnosis-frame')).toHaveLength(0);
    expect(root.textContent).toContain('Waiting for the extension to register this denial');
    expect(allByTestId(root, 'wd-profile-select')).toHaveLength(0);
    host.update({ recordId: '7:0:why-denied-1' });
    await settle();
    expect(byTestId(root, 'wd-diagnosis-frame').getAttribute('src')).toBe('chrome-extension://test/diagnosis-frame/frame.html#7%3A0%3Awhy-denied-1');
  });

  test('before the user turns to the panel, its frame\'s place is there without a record, and a record renders nothing', async () => {
    const data = panelData(parseOne(TEXT.scpWithArn), { recordId: null });
    // Every render of a panel with a record asks for its frame's URL.
    const frameUrl = vi.fn((id: string) => `chrome-extension://test/diagnosis-frame/frame.html#${encodeURIComponent(id)}`);
    const host = new PanelHost(anchor(data.denial.meta.message), data, { writeClipboard: async () => {}, openTab: () => {}, frameUrl });
    hosts.push(host);
    const root = host.root;
    await settle();
    // The place the frame will take, from the mount on: nothing moves when the record comes.
    expect(byTestId(root, 'wd-diagnosis-frame-slot').style.height).toBe('60px');
    host.update({ recordId: '7:0:why-denied-1', mergedRecordIds: ['7:0:why-denied-2'] });
    await settle();
    expect(frameUrl).not.toHaveBeenCalled();
    // Turning to it makes the frame, for the records that came meanwhile.
    pointAt(root);
    await settle();
    expect(byTestId(root, 'wd-diagnosis-frame').getAttribute('src')).toBe(
      `chrome-extension://test/diagnosis-frame/frame.html#${encodeURIComponent(joinRecordIds(['7:0:why-denied-1', '7:0:why-denied-2']))}`,
    );
    // From then on, every record renders.
    frameUrl.mockClear();
    host.update({ mergedRecordIds: [] });
    await settle();
    expect(frameUrl).toHaveBeenCalledWith('7:0:why-denied-1');
    expect(byTestId(root, 'wd-diagnosis-frame').getAttribute('src')).toBe('chrome-extension://test/diagnosis-frame/frame.html#7%3A0%3Awhy-denied-1');
  });

  test('the place\'s button pressed before the record exists: a notice, then the frame, with the focus', async () => {
    const { root, host } = mount(panelData(parseOne(TEXT.scpWithArn), { recordId: null }));
    await settle();
    byTestId(root, 'wd-diagnosis-load').focus();
    await settle();
    expect(root.textContent).toContain('Waiting for the extension to register this denial');
    host.update({ recordId: '7:0:why-denied-1' });
    await settle();
    expect(root.activeElement).toBe(byTestId(root, 'wd-diagnosis-frame'));
    // Once: a later record (a denial merged in) makes a new frame without taking the focus back.
    (root.activeElement as HTMLElement).blur();
    host.update({ mergedRecordIds: ['7:0:why-denied-2'] });
    await settle();
    expect(byTestId(root, 'wd-diagnosis-frame').getAttribute('src')).toContain(encodeURIComponent('why-denied-2'));
    expect(root.activeElement).toBeNull();
  });

  describe('the frame is made once the user turns to the panel, and then kept', () => {
    const frames = (root: ShadowRoot) => allByTestId(root, 'wd-diagnosis-frame');
    const ways: [string, (root: ShadowRoot) => void][] = [
      ['the pointer comes over the panel', pointAt],
      ['focus comes into the panel', (root) => root.querySelector<HTMLButtonElement>('header .toggle')!.focus()],
      ['a click in the panel (a tap)', (root) => click(byTestId(root, 'wd-details-toggle'))],
      ["a click on its place's button", (root) => click(byTestId(root, 'wd-diagnosis-load'))],
    ];
    test.each(ways)('%s', async (_, turn) => {
      const { root } = mount(panelData(parseOne(TEXT.scpWithArn)));
      await settle();
      expect(frames(root)).toHaveLength(0);
      // Its place holds the frame's first height, so nothing moves when it comes.
      expect(byTestId(root, 'wd-diagnosis-frame-slot').style.height).toBe('60px');
      turn(root);
      await settle();
      expect(allByTestId(root, 'wd-diagnosis-frame-slot')).toHaveLength(0);
      expect(frames(root)[0]!.getAttribute('src')).toMatch(/^chrome-extension:\/\/test\/diagnosis-frame\/frame\.html#/);
      const frame = frames(root)[0];
      pointAt(root);
      byTestId(root, 'wd-panel').dispatchEvent(new Event('pointerleave'));
      await settle();
      expect(frames(root)).toEqual([frame]);
    });

    test("focus on the place's button goes on to the frame that replaces it", async () => {
      const { root } = mount(panelData(parseOne(TEXT.scpWithArn)));
      await settle();
      byTestId(root, 'wd-diagnosis-load').focus();
      await settle();
      expect(root.activeElement).toBe(frames(root)[0]);
    });

    test('"Why denied?" opens the panel with its frame', async () => {
      const { root } = mount(panelData(parseOne(TEXT.scpWithArn), { settings: settings({ panelMode: 'on-request' }) }));
      await settle();
      click(byTestId(root, 'wd-open'));
      await settle();
      expect(frames(root)).toHaveLength(1);
    });
  });

  test('a synthetic click on Copy request writes nothing to the clipboard', async () => {
    const { root, writeClipboard } = mount(panelData(parseOne(TEXT.scpWithArn)));
    untrustedClick(byTestId(root, 'wd-copy-request'));
    await settle();
    expect(writeClipboard).not.toHaveBeenCalled();
    click(byTestId(root, 'wd-copy-request'));
    await settle();
    expect(writeClipboard).toHaveBeenCalledTimes(1);
  });
});

describe('the answer first (issue 14)', () => {
  test('the verdict, who can fix it, the copy button and the frame show; everything else is one folded section', async () => {
    const { root } = mount(panelData(parseOne(TEXT.scpWithArn)));
    await settle();
    const body = root.querySelector('.body')!;
    const visible = [...body.children].filter((el) => !(el as HTMLElement).hidden).map((el) => el.getAttribute('data-testid') ?? el.className);
    expect(visible).toEqual(['fixer', 'copy', 'wd-diagnosis-frame-slot', 'disclosure']);
    // The verdict is the heading: the answer stays in view when the panel is folded.
    expect(root.querySelector('header h2 [data-testid="wd-verdict"]')).toBeTruthy();
    const toggle = byTestId(root, 'wd-details-toggle');
    const details = byTestId(root, 'wd-details');
    expect(toggle.tagName).toBe('BUTTON');
    expect(toggle.textContent).toBe('Details for your administrator');
    expect(toggle.getAttribute('aria-controls')).toBe(details.id);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(details.hidden).toBe(true);
    // Built on its first opening: a panel mounts with only what shows.
    expect(details.childElementCount).toBe(0);
    click(toggle);
    await settle(1);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(details.hidden).toBe(false);
    // Steps, checks, notes, the facts: all inside the folded section.
    for (const id of ['wd-steps', 'wd-checklist', 'wd-reading', 'wd-layer', 'wd-confidence']) expect(details.contains(byTestId(root, id))).toBe(true);
    // Folded again, it keeps what it built.
    click(toggle);
    await settle(1);
    expect(details.hidden).toBe(true);
    expect(details.contains(byTestId(root, 'wd-layer'))).toBe(true);
  });

  test('the Who and Tried rows are left out when the alert beside the panel shows them, kept when it does not', () => {
    const denial = parseOne(TEXT.scpWithArn);
    const repeated = mount(panelData(denial, { pageShows: { principal: true, action: true } })).root;
    unfold(repeated);
    expect(allByTestId(repeated, 'wd-principal')).toHaveLength(0);
    expect(allByTestId(repeated, 'wd-action')).toHaveLength(0);
    const unseen = mount(panelData(denial, { pageShows: { principal: false, action: false } })).root;
    unfold(unseen);
    expect(text(unseen, 'wd-principal')).toBe(denial.principalArn);
    expect(text(unseen, 'wd-action')).toBe(denial.action);
  });

  test('where space is scarce, only the compact button; a synthetic click does not open it, a real one does', async () => {
    const { root } = mount(panelData(parseOne(TEXT.scpWithArn), { compact: true }));
    expect(allByTestId(root, 'wd-panel')).toHaveLength(0);
    untrustedClick(byTestId(root, 'wd-open'));
    await settle();
    expect(allByTestId(root, 'wd-panel')).toHaveLength(0);
    click(byTestId(root, 'wd-open'));
    await settle();
    expect(byTestId(root, 'wd-panel').classList.contains('compact')).toBe(true);
  });

  test('follows its container\'s width: compact below 500 px, full again when it widens; one observer, gone at unmount', async () => {
    const observers: { callback: () => void; observed: Element[]; disconnected: boolean }[] = [];
    class FakeResizeObserver {
      state = { callback: () => {}, observed: [] as Element[], disconnected: false };
      constructor(callback: () => void) {
        this.state.callback = callback;
        observers.push(this.state);
      }
      observe(el: Element) { this.state.observed.push(el); this.state.disconnected = false; }
      disconnect() { this.state.observed = []; this.state.disconnected = true; }
      unobserve() {}
    }
    const realRO = window.ResizeObserver;
    (window as { ResizeObserver: unknown }).ResizeObserver = FakeResizeObserver;
    try {
      const { host, root, at } = mount(panelData(parseOne(TEXT.scpWithArn)));
      expect(observers).toHaveLength(1);
      expect(observers[0]!.observed).toEqual([at.parentElement]);
      let width = 900;
      at.parentElement!.getBoundingClientRect = () => ({ width }) as DOMRect;
      const resized = async (to: number) => {
        width = to;
        observers[0]!.callback();
        await settle();
      };
      expect(allByTestId(root, 'wd-panel')).toHaveLength(1);
      await resized(420);
      expect(allByTestId(root, 'wd-panel')).toHaveLength(0);
      expect(allByTestId(root, 'wd-open')).toHaveLength(1);
      await resized(460);
      expect(allByTestId(root, 'wd-open')).toHaveLength(1);
      await resized(900);
      expect(allByTestId(root, 'wd-panel')).toHaveLength(1);
      expect(byTestId(root, 'wd-panel').classList.contains('compact')).toBe(false);
      host.destroy();
      expect(observers[0]!.disconnected).toBe(true);
      expect(observers).toHaveLength(1);
    } finally {
      (window as { ResizeObserver: unknown }).ResizeObserver = realRO;
    }
  });

  test('a panel mounted compact opens in full when its container widens, in on-request mode stays the button', async () => {
    let callback = () => {};
    const realRO = window.ResizeObserver;
    (window as { ResizeObserver: unknown }).ResizeObserver = class {
      constructor(cb: () => void) { callback = cb; }
      observe() {}
      disconnect() {}
    };
    try {
      const auto = mount(panelData(parseOne(TEXT.scpWithArn), { compact: true }));
      auto.at.parentElement!.getBoundingClientRect = () => ({ width: 900 }) as DOMRect;
      expect(allByTestId(auto.root, 'wd-panel')).toHaveLength(0);
      callback();
      await settle();
      expect(allByTestId(auto.root, 'wd-panel')).toHaveLength(1);

      const onRequest = mount(panelData(parseOne(TEXT.scpWithArn), { compact: true, settings: settings({ panelMode: 'on-request' }) }));
      onRequest.at.parentElement!.getBoundingClientRect = () => ({ width: 900 }) as DOMRect;
      callback();
      await settle();
      expect(allByTestId(onRequest.root, 'wd-panel')).toHaveLength(0);
      expect(allByTestId(onRequest.root, 'wd-open')).toHaveLength(1);
    } finally {
      (window as { ResizeObserver: unknown }).ResizeObserver = realRO;
    }
  });

  test('when the worker cannot be reached: one error alert, with its action', () => {
    const { root } = mount(panelData(parseOne(TEXT.scpWithArn), { recordId: null, recordError: 'The worker could not be reached.' }));
    const alerts = root.querySelectorAll('[role="alert"]');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.textContent).toContain('The worker could not be reached.');
    expect(byTestId(root, 'wd-error-action').textContent).toBe('Reload page');
  });

  test('a merged panel names every action, and its request covers each of them', async () => {
    const first = parseOne(TEXT.scpWithArn);
    const second = { ...first, action: 'ce:GetCostAndUsage' };
    const data = panelData(first, { merged: [panelData(second)].map(({ denial, explanation }) => ({ denial, explanation })) });
    const { root, writeClipboard } = mount(data);
    expect(byTestId(root, 'wd-panel').getAttribute('aria-label')).toBe(`Why denied: ${first.action}, ce:GetCostAndUsage`);
    expect(text(root, 'wd-verdict')).toContain('these 2 actions');
    click(byTestId(root, 'wd-copy-request'));
    await settle();
    const copied = writeClipboard.mock.calls[0]![0];
    // One request, whose first line (the ask) names both actions, timed when the denial was seen.
    const ask = copied.split('\n')[0]!;
    expect(ask).toContain(first.action!);
    expect(ask).toContain('ce:GetCostAndUsage');
    expect(copied).toContain('2026-12-06 06:47 UTC');
    expect(copied.match(/^Please /gm)).toHaveLength(1);
    // Each denial's own message is quoted, numbered; they are on the same page, so no page is named in the label.
    expect(copied).toContain(`----- BEGIN ORIGINAL MESSAGE 1 OF 2 (${first.action}) -----`);
    expect(copied).toContain('----- BEGIN ORIGINAL MESSAGE 2 OF 2 (ce:GetCostAndUsage) -----');
  });
});

describe('once the frame has a diagnosis, it is the answer', () => {
  const post = (win: Window, data: unknown, source: unknown) => win.dispatchEvent(new MessageEvent('message', { data, source: source as MessageEventSource }));

  test("only the frame's own window can say so; then the guess folds into Background and the checklist goes", async () => {
    const { root } = mount(panelData(parseOne(TEXT.scpWithArn)));
    await settle();
    unfold(root);
    const frame = byTestId(root, 'wd-diagnosis-frame') as HTMLIFrameElement;
    // happy-dom loads no frame page: the frame's window is stood in for by an object of its own.
    const frameWindow = {};
    Object.defineProperty(frame, 'contentWindow', { value: frameWindow });
    const offline = () => ({ state: byTestId(root, 'wd-panel').dataset.state, verdictShown: allByTestId(root, 'wd-verdict').some((el) => !el.closest('[hidden]')) });
    // The page itself, or any other window, posting the flag: nothing changes.
    post(window, { whyDeniedFrameState: 'diagnosed' }, window);
    post(window, { whyDeniedFrameState: 'diagnosed' }, null);
    await settle();
    expect(offline()).toEqual({ state: 'offline', verdictShown: true });
    expect(allByTestId(root, 'wd-checklist')).toHaveLength(1);

    post(window, { whyDeniedFrameState: 'diagnosed' }, frameWindow);
    await settle();
    expect(offline()).toEqual({ state: 'diagnosed', verdictShown: false });
    expect(allByTestId(root, 'wd-fixer').every((el) => el.closest('[hidden]'))).toBe(true);
    expect(allByTestId(root, 'wd-checklist')).toHaveLength(0);
    // The frame is the first thing in the body; the same frame element, not a reloaded one.
    expect(root.querySelector('.body')!.firstElementChild).toBe(frame);
    expect(byTestId(root, 'wd-background-toggle').getAttribute('aria-expanded')).toBe('false');

    post(window, { whyDeniedFrameState: 'idle' }, frameWindow);
    await settle();
    expect(offline()).toEqual({ state: 'offline', verdictShown: true });
  });

  test('Escape pressed inside the frame folds the panel, said by the frame only', async () => {
    const { root } = mount(panelData(parseOne(TEXT.scpWithArn)));
    await settle();
    unfold(root);
    const frame = byTestId(root, 'wd-diagnosis-frame') as HTMLIFrameElement;
    const frameWindow = {};
    Object.defineProperty(frame, 'contentWindow', { value: frameWindow });
    const toggle = root.querySelector<HTMLButtonElement>('header .toggle')!;
    post(window, { whyDeniedFrameEscape: true }, window);
    await settle();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    post(window, { whyDeniedFrameEscape: true }, frameWindow);
    await settle();
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(root.activeElement).toBe(toggle);
  });
});
