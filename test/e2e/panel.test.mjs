// Issues 2, 3 and 10 in real browsers: the panel beside each denial on real console URLs, dashboards, late and
// replaced alerts, hostile text, no panel on help prose, the copy button (the clipboard read back in both browsers),
// the popup and the badge. Each body runs in Chromium and Firefox.
import assert from 'node:assert/strict';
import { BILLS_URL, forEachBrowser, fixtureHtml } from './harness.mjs';

const BOB = 'arn:aws:sts::222222222222:assumed-role/FinanceRole/bob';

/**
 * Fixture pages and what a reader of each fixture's message expects the panels to say. Each page is served at a
 * console URL whose hash is the fixture's own route (its data-fixture-route), on each kind of console host.
 */
const PAGES = {
  billsRegional: {
    fixture: 'billing-bills-alert-denied.html',
    url: BILLS_URL,
    denials: [{ principal: BOB, action: 'invoicing:ListInvoiceSummaries', layer: 'identity-policy' }],
  },
  billsMultiSession: {
    fixture: 'billing-bills-alert-denied.html',
    url: 'https://222222222222-ab12cd34.us-east-1.console.aws.amazon.com/billing/home#/bills',
    denials: [{ principal: BOB, action: 'invoicing:ListInvoiceSummaries', layer: 'identity-policy' }],
  },
  costExplorerGlobalSplitText: {
    fixture: 'split-inline-nbsp.html',
    url: 'https://console.aws.amazon.com/costmanagement/home#/cost-explorer',
    denials: [
      { principal: BOB, action: 'ce:GetCostForecast', layer: 'identity-policy' },
      { principal: 'arn:aws:iam::222222222222:user/dave', action: 'budgets:ModifyBudget' },
    ],
  },
  flashbarScp: {
    // Slot 2 is the flashbar's aria-live announcer repeating the same text: still one denial, one panel.
    fixture: 'billing-flashbar-scp-deny.html',
    url: 'https://us-east-1.console.aws.amazon.com/billing/home#/preferences',
    denials: [{
      principal: 'arn:aws:sts::333333333333:assumed-role/AWSReservedSSO_AuditRole_fedcba9876543210/carol',
      action: 'billing:UpdateBillingPreferences',
      layer: 'scp',
      policyArn: 'arn:aws:organizations::999999999999:policy/o-exmpl12345/service_control_policy/p-exmpl111',
    }],
  },
  legacyAlert: {
    // A pre-Cloudscape AWS-UI alert and a legacy flash.
    fixture: 'legacy-awsui-alert.html',
    url: 'https://us-east-1.console.aws.amazon.com/billing/home#/reports',
    denials: [
      { principal: 'arn:aws:iam::111111111111:user/alice', action: 'cur:DescribeReportDefinitions', layer: 'identity-policy', policyArn: 'arn:aws:iam::111111111111:policy/DenyCUR' },
      { principal: 'arn:aws:iam::111111111111:user/alice', action: 'cur:PutReportDefinition', layer: 'scp' },
    ],
  },
  budgetsModal: {
    // Inside a modal: only the compact "Why denied?" button, until it is clicked.
    fixture: 'modal-budgets-passrole-denied.html',
    url: 'https://us-east-1.console.aws.amazon.com/billing/home#/budgets',
    compact: true,
    denials: [{ principal: 'arn:aws:iam::444444444444:user/alice', action: 'iam:PassRole', layer: 'identity-policy' }],
  },
  unknownSelectors: {
    fixture: 'unknown-selectors-text-only.html',
    url: 'https://us-east-1.console.aws.amazon.com/billing/home#/tax',
    denials: [{ principal: BOB, action: 'tax:ListTaxRegistrations', layer: 'identity-policy' }],
  },
  dashboard: {
    // Three denied widgets (one in a popover), one principal, one layer: one panel beside the first, listing all three.
    fixture: 'cost-explorer-dashboard-three-widgets-denied.html',
    url: 'https://us-east-1.console.aws.amazon.com/costmanagement/home#/home',
    denials: [{ principal: BOB, actions: ['ce:GetCostAndUsage', 'ce:GetDimensionValues', 'ce:GetCostForecast'], layer: 'identity-policy' }],
  },
  billingNotActivated: {
    // "IAM user access not activated": the billing setting only the root user can turn on. The message names only
    // the account; the page's session data names the user. Three widgets show the same denial: one panel (the
    // watcher's rule: one panel per distinct denial on the page).
    fixture: 'costmanagement-home-activation-not-activated.html',
    url: 'https://us-east-1.console.aws.amazon.com/costmanagement/home#/home',
    denials: [{ principal: 'arn:aws:iam::111111111111:user/alice', layer: 'billing-access-setting', fixer: 'root-user', beside: 'IAM user access not activated' }],
  },
  sameOriginFrame: {
    fixture: 'iframe-same-origin.html',
    url: 'https://us-east-1.console.aws.amazon.com/billing/home#/credits',
    denials: [{ principal: BOB, action: 'billing:GetCredits', layer: 'scp', frameIndex: 1 }],
  },
  noDenial: { fixture: 'billing-no-denial.html', url: 'https://us-east-1.console.aws.amazon.com/billing/home#/bills', denials: [] },
  // The negative corpus (test/fixtures/denials/negative-prose.json): help prose about authorization, no denial.
  negativeProse: { fixture: 'account-negative-prose.html', url: 'https://us-east-1.console.aws.amazon.com/billing/home#/account', denials: [] },
  hostile: { fixture: 'hostile-text.html', url: 'https://us-east-1.console.aws.amazon.com/billing/home#/reports' },
};

/** Our panels: hosts with a shadow root holding wd-panel (a page's own [data-why-denied] element is not one). */
const realPanels = (panels) => panels.filter((p) => p.shadow && p.panel);

/** How long the fixture waits before it renders its alerts (data-fixture-delay). */
const fixtureDelay = (fixture) => Number(/data-fixture-delay="(\d+)"/.exec(fixtureHtml(fixture))?.[1] ?? 300);

/** Asserts that the panels say exactly the expected denials (in any order), each beside its own denial text. */
function assertPanelsMatch(panels, expected, where) {
  assert.equal(panels.length, expected.length, `${where}: ${panels.length} panel(s), expected ${expected.length}`);
  const left = [...panels];
  const squash = (s) => s.replace(/\s+/g, '');
  for (const want of expected) {
    const actions = want.actions ?? (want.action ? [want.action] : undefined);
    const i = left.findIndex((p) => (actions === undefined || p.actions.join() === actions.join()) && p.principal === want.principal);
    assert.notEqual(i, -1, `${where}: no panel shows ${want.principal} / ${actions}; panels: ${JSON.stringify(left.map((p) => [p.principal, p.actions]))}`);
    const [panel] = left.splice(i, 1);
    const what = actions?.join(', ');
    if (want.layer) assert.equal(panel.data['layer.layer'], want.layer, `${where}: layer of ${what}`);
    if (want.fixer) assert.equal(panel.data['fixer.fixer'], want.fixer, `${where}: fixer of ${what}`);
    if (want.policyArn) assert.equal(panel['policy-arn'], want.policyArn, `${where}: policy ARN of ${what}`);
    if (want.frameIndex !== undefined) assert.equal(panel.frameIndex, want.frameIndex, `${where}: frame of ${what}`);
    // The panel sits right after the denial it explains (its own widget's alert, not another one).
    const beside = want.beside ?? actions?.[0].split(':')[1];
    assert.ok(squash(panel.besideText).includes(squash(beside)),
      `${where}: the element before the panel of ${what} does not hold its denial: ${panel.besideText.slice(0, 300)}`);
    // Who was denied is on screen once: in the alert beside the panel, or (when the alert does not say) in the panel.
    const inAlert = squash(panel.besideText).includes(squash(want.principal));
    assert.equal(panel.whoRow, !inAlert, `${where}: the panel ${inAlert ? 'repeats' : 'does not show'} the principal ${want.principal}`);
    for (const field of ['reading', 'verdict', 'layer', 'fixer', 'confidence']) assert.ok(panel[field], `${where}: ${what}: wd-${field} is empty`);
    // The details say how current the compiled AWS data is.
    assert.match(panel.confidence, /AWS data as of \d{4}-\d{2}-\d{2}/, `${where}: ${what}: no data date in the details`);
  }
}

forEachBrowser('panel', ({ test }) => {
  for (const [name, page] of Object.entries(PAGES)) {
    if (!page.denials?.length) continue;
    test(`explains each denial beside it: ${name} (${new URL(page.url).host})`, async (driver) => {
      const tab = await driver.openConsolePage(page.url, page.fixture);
      if (page.compact) {
        const [button] = await tab.waitForPanels((all) => all.length === 1 && all[0].openButton && !all[0].panel, { what: 'the compact "Why denied?" button' });
        await tab.click({ host: button.watchId, testid: 'wd-open' });
      }
      await tab.waitForPanels((all) => realPanels(all).length >= page.denials.length, { what: `${page.denials.length} panel(s)` });
      // Nothing more arrives later (no duplicate from a re-scan or an announcer region).
      await tab.frames(2);
      assertPanelsMatch(realPanels(await tab.panels()), page.denials, name);
      await tab.screenshot(`panel-${name}`);
    });
  }

  test('in a modal: only the compact button; opened by a real click, the dialog\'s footer buttons stay on screen', async (driver) => {
    const { fixture, url } = PAGES.budgetsModal;
    const tab = await driver.openConsolePage(url, fixture);
    const [button] = await tab.waitForPanels((all) => all.length === 1 && all[0].openButton, { what: 'the compact button' });
    assert.equal(button.panel, false, 'a full panel inside the modal');
    const footer = () => [...document.querySelectorAll('[role="dialog"]:not([class*="awsui_hidden_"]) [class*="awsui_footer_"] button')]
      .map((b) => { const r = b.getBoundingClientRect(); return { text: b.textContent, inView: r.top >= 0 && r.bottom <= innerHeight }; });
    assert.deepEqual(await tab.evaluate(footer), [{ text: 'Cancel', inView: true }, { text: 'Run action', inView: true }]);
    // A script's click does not open it.
    await driver.eachPanelHost(tab, (host, root) => root?.querySelector('[data-testid="wd-open"]')?.click(), {});
    await tab.frames(2);
    assert.equal(realPanels(await tab.panels()).length, 0, 'an untrusted click opened the panel');
    await tab.click({ host: button.watchId, testid: 'wd-open' });
    await tab.waitForPanels((all) => realPanels(all).length === 1, { what: 'the opened panel' });
    await tab.frames(3);
    assert.deepEqual(await tab.evaluate(footer), [{ text: 'Cancel', inView: true }, { text: 'Run action', inView: true }]);
    await tab.screenshot('modal-compact-open');
  });

  test('a panel makes its frame only once the user turns to it (the pointer over it), and keeps it', async (driver) => {
    const { fixture, url } = PAGES.billsRegional;
    const tab = await driver.openConsolePage(url, fixture);
    const [panel] = realPanels(await tab.waitForPanels((all) => realPanels(all).length === 1 && all[0].frameSlot, { what: 'the bills panel, its record known', unfold: false }));
    // Scrolled into the middle of the view (away from the mouse, still in its corner), and left alone: no frame.
    await tab.evaluate(() => document.querySelector('[data-why-denied]').scrollIntoView({ block: 'center' }));
    await tab.frames(3);
    const alone = realPanels(await tab.panels({ unfold: false }))[0];
    assert.deepEqual([alone.frameSrc, alone.frameSlot], [null, true], 'a frame was made for a panel no one turned to');
    await tab.pointAtPanel(panel.watchId);
    const [pointed] = realPanels(await tab.waitForPanels((all) => realPanels(all).length === 1 && all[0].frameSrc, { what: 'the frame once the pointer is over the panel', unfold: false }));
    // The pointer leaves, the page scrolls away and back: the same frame.
    await tab.raw.mouse.move(0, 0);
    await tab.evaluate(() => scrollTo(0, 0));
    await tab.frames(3);
    assert.equal(realPanels(await tab.panels({ unfold: false }))[0].frameSrc, pointed.frameSrc, 'the frame went when the pointer left');
  });

  test("a message that claims a diagnosis from anywhere but the panel's own frame changes nothing", async (driver) => {
    const { fixture, url } = PAGES.billsRegional;
    const tab = await driver.openConsolePage(url, fixture);
    const [panel] = realPanels(await tab.waitForPanels((all) => realPanels(all).length === 1 && all[0].frameSrc, { what: 'the bills panel and its frame' }));
    const state = (host, root) => ({ state: root?.querySelector('[data-testid="wd-panel"]')?.dataset.state, verdictShown: Boolean(root?.querySelector('[data-testid="wd-verdict"]')?.checkVisibility()) });
    assert.deepEqual((await driver.eachPanelHost(tab, state, {}))[0], { state: 'offline', verdictShown: true });
    // The page, and a frame of the page's own, post the flag the diagnosis frame would send.
    await tab.evaluate(() => {
      window.postMessage({ whyDeniedFrameState: 'diagnosed' }, '*');
      const own = document.createElement('iframe');
      own.srcdoc = "<script>parent.postMessage({ whyDeniedFrameState: 'diagnosed' }, '*')</script>";
      document.body.append(own);
    });
    await new Promise((r) => setTimeout(r, 300));
    await tab.frames(2);
    assert.deepEqual((await driver.eachPanelHost(tab, state, {}))[0], { state: 'offline', verdictShown: true }, `${panel.watchId} changed`);
  });

  test('no panel on a page without a denial, though the content script is running there', async (driver) => {
    const { fixture, url } = PAGES.noDenial;
    const tab = await driver.openConsolePage(url, fixture);
    // Past the moment the fixture's late insert would happen, then two frames for the watcher and the render.
    await new Promise((r) => setTimeout(r, fixtureDelay(fixture) + 250));
    await tab.frames(2);
    assert.deepEqual(await tab.panels(), [], 'a page without a denial got a panel');
    assert.equal(await driver.badgeText(tab.tabId), '', 'badge on a page without a denial');
    await tab.screenshot('no-denial');
    // Control: the same page, same content script, now shows a denial; the panel must appear, so the silence above
    // was the extension deciding, not the extension missing.
    const bills = fixtureHtml(PAGES.billsRegional.fixture);
    const alert = /<template data-fixture-denial="1">([\s\S]*?)<\/template>/.exec(bills)?.[1];
    assert.ok(alert, 'the bills fixture has its denial template');
    await tab.evaluate((html) => {
      const slot = document.createElement('div');
      slot.innerHTML = html; // test code writing the console's own markup into the fixture page
      document.querySelector('main')?.prepend(slot);
    }, alert);
    const panels = realPanels(await tab.waitForPanels((all) => realPanels(all).length === 1, { what: 'the control denial panel' }));
    assert.equal(panels[0].action, 'invoicing:ListInvoiceSummaries');
  });

  test('no panel on help prose about authorization (the negative corpus on an Account page), before and after its help panel opens', async (driver) => {
    const { fixture, url } = PAGES.negativeProse;
    const tab = await driver.openConsolePage(url, fixture);
    // The help panel renders late, as the console's tools panel does; wait past it, then two frames.
    await new Promise((r) => setTimeout(r, fixtureDelay(fixture) + 250));
    await tab.frames(2);
    assert.ok(await tab.evaluate(() => document.querySelector('aside p') !== null), 'the late help panel did not render');
    assert.deepEqual(await tab.panels(), [], 'help prose got a panel');
    assert.equal(await driver.badgeText(tab.tabId), '', 'badge on a page without a denial');
    await tab.screenshot('negative-prose');
    // Control: a denial in that same help panel gets its panel, so the silence above was the extension deciding.
    await tab.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'User: arn:aws:sts::222222222222:assumed-role/FinanceRole/bob is not authorized to perform: account:GetAccountInformation because no identity-based policy allows the account:GetAccountInformation action';
      document.querySelector('aside')?.append(p);
    });
    const panels = realPanels(await tab.waitForPanels((all) => realPanels(all).length === 1, { what: 'the control denial panel' }));
    assert.equal(panels[0].action, 'account:GetAccountInformation');
  });

  test('content inside a denial never splits it: markup, quotes, brackets, ampersands, emoji and RTL text in the resource', async (driver) => {
    const { fixture, url } = PAGES.noDenial;
    const tab = await driver.openConsolePage(url, fixture);
    await new Promise((r) => setTimeout(r, fixtureDelay(fixture) + 100));
    const resource = 'arn:aws:budgets::222222222222:budget/Q3 "Team" <img src=x onerror=alert(1)> [R&D] {x} 💸 שלום';
    await tab.evaluate((text) => {
      const p = document.createElement('p');
      p.textContent = text; // page text, not markup
      document.querySelector('main')?.append(p);
    }, `User: arn:aws:sts::222222222222:assumed-role/FinanceRole/bob is not authorized to perform: budgets:ViewBudget on resource: ${resource} with an explicit deny in a service control policy`);
    await tab.waitForPanels((all) => realPanels(all).length >= 1, { what: 'the budget denial panel' });
    await tab.frames(3);
    const panels = realPanels(await tab.panels());
    assert.equal(panels.length, 1, `${panels.length} panels for one denial`);
    assert.equal(panels[0].action, 'budgets:ViewBudget');
    assert.ok(panels[0].text.includes(resource), `the panel does not show the resource whole, as text: ${panels[0].text.slice(0, 400)}`);
    assert.equal(await tab.evaluate(() => window.__whyDeniedPwned ?? null), null, 'markup in the resource ran');
  });

  test('late, replaced, re-rendered, removed alerts: one panel per denial, gone when the denial goes', async (driver) => {
    const { fixture, url } = PAGES.billsRegional;
    const tab = await driver.openConsolePage(url, fixture);
    const one = (all) => realPanels(all).length === 1;
    // The fixture renders its alert late (after its delay), as the console does after its API calls.
    let [panel] = realPanels(await tab.waitForPanels(one, { what: 'the late alert panel' }));
    assert.equal(panel.data['layer.layer'], 'identity-policy');
    assert.equal(await driver.badgeText(tab.tabId), '1');

    // Same slot, new message (a permissions boundary now): still one panel, and it says the new layer.
    await tab.evaluate(() => window.__fixture.replaceDenial());
    [panel] = realPanels(await tab.waitForPanels((all) => one(all) && realPanels(all)[0].data['layer.layer'] === 'permissions-boundary',
      { what: 'one panel showing the replaced (permissions boundary) denial' }));
    assert.equal(panel.action, 'invoicing:ListInvoiceSummaries');
    await tab.screenshot('replaced-denial');

    // React re-renders the same alert with new nodes: no second panel.
    await tab.evaluate(() => window.__fixture.rerender());
    await tab.frames(3);
    const afterRerender = realPanels(await tab.panels());
    assert.equal(afterRerender.length, 1, `after a re-render: ${afterRerender.length} panels`);
    assert.equal(await tab.count({ css: '[data-why-denied]' }), 1, 'one host element on the page');

    // The alert goes away: so does the panel, and the worker forgets it (badge).
    await tab.evaluate(() => window.__fixture.clearDenials());
    await tab.waitForPanels((all) => all.length === 0, { what: 'no panel after clearDenials()' });
    await waitForBadge(driver, tab.tabId, '');

    // It comes back, then hash navigation to another route removes it.
    await tab.evaluate(() => window.__fixture.showDenial());
    await tab.waitForPanels(one, { what: 'the panel after showDenial()' });
    await waitForBadge(driver, tab.tabId, '1');
    await tab.evaluate(() => window.__fixture.navigate('#/paymentsoverview'));
    await tab.waitForPanels((all) => all.length === 0, { what: 'no panel after navigating to #/paymentsoverview' });
    await waitForBadge(driver, tab.tabId, '');
    await tab.screenshot('after-navigation');
  });

  test('hostile page text stays text: markup, scripts, hidden and spoofed text, bidi controls', async (driver) => {
    const { fixture, url } = PAGES.hostile;
    const tab = await driver.openConsolePage(url, fixture);
    await tab.waitForPanels((all) => realPanels(all).length >= 1, { what: 'the hostile page panel' });
    await new Promise((r) => setTimeout(r, fixtureDelay(fixture)));
    await tab.frames(2);
    const settled = realPanels(await tab.panels());
    // Only the visible alert is a denial: not the display:none / hidden copies, the JSON <script>, CSS content, or
    // the page's own fake [data-why-denied] element.
    assert.equal(settled.length, 1, `hostile page: ${settled.length} panels: ${JSON.stringify(settled.map((p) => p.principal))}`);
    const [panel] = settled;
    assert.equal(panel.action, 'cur:GetClassicReport');
    // The session name carries a right-to-left override ("eve‮nimda" displays as "eveadmin"). Wherever the panel
    // shows it, the override is a visible marker; a principal it does not trust is not shown as the principal.
    assert.ok(panel.text.includes('eve⟨U+202E⟩nimda'), 'the message with its bidi override (as a marker) is not in the panel');
    assert.ok(!panel.principal?.includes('nimda') || panel.principal.includes('eve⟨U+202E⟩nimda'), `principal shown as ${panel.principal}`);
    // Inside the panels' closed shadow roots (read with the driver's privileged access); the one frame there is ours.
    const roots = (await driver.eachPanelHost(tab, (host, root) => (root ? {
      created: [...root.querySelectorAll('*')].filter((e) => (['IMG', 'SCRIPT', 'IFRAME', 'OBJECT', 'EMBED'].includes(e.tagName) && e.dataset.testid !== 'wd-diagnosis-frame')
        || e.getAttribute('onerror') !== null).map((e) => e.outerHTML),
      text: root.textContent,
    } : null), {})).filter(Boolean);
    const text = roots.map((r) => r.text).join('\n');
    const inPage = {
      pwned: await tab.evaluate(() => window.__whyDeniedPwned ?? null),
      createdFromText: roots.flatMap((r) => r.created),
      rawBidi: /[\u202A-\u202E\u2066-\u2069]/.test(text),
      literalMarkup: text.includes('<img src=x onerror='),
    };
    assert.equal(inPage.pwned, null, 'page markup in the denial ran');
    assert.deepEqual(inPage.createdFromText, [], 'elements were created from page text inside the panel');
    assert.equal(inPage.rawBidi, false, 'a raw bidi control character reached the panel');
    assert.equal(inPage.literalMarkup, true, 'the markup in the message is shown literally, as text');
    await tab.screenshot('hostile-text');
  });

  test('copy request for admin: the text names the principal, the action, the page and the message', async (driver) => {
    const { fixture, url } = PAGES.billsRegional;
    const tab = await driver.openConsolePage(url, fixture);
    const [panel] = realPanels(await tab.waitForPanels((all) => realPanels(all).length === 1, { what: 'the bills panel' }));
    await tab.bringToFront();
    await tab.click({ host: panel.watchId, testid: 'wd-copy-request' });
    await tab.waitForText({ host: panel.watchId, testid: 'wd-copied' }, 'Copied');
    assert.equal(await tab.count({ host: panel.watchId, testid: 'wd-copy-fallback' }), 0, 'the clipboard was refused');
    await tab.screenshot('copied');
    const text = await driver.readClipboard(tab);
    for (const part of [BOB, 'invoicing:ListInvoiceSummaries', url, 'no identity-based policy allows the action'])
      assert.ok(text.includes(part), `the copied request lacks ${JSON.stringify(part)}:\n${text}`);
    // The ask comes first, with the page and the UTC time; the time is also a field.
    assert.ok(
      text.startsWith(`Please allow invoicing:ListInvoiceSummaries (and the 5 other actions the Bills page needs) for role FinanceRole in account 222222222222. Denied on the Bills page (${url}) at `),
      `the copied request does not start with the ask:\n${text}`,
    );
    assert.match(text, /\nTime: \d{4}-\d\d-\d\d \d\d:\d\d UTC\n/);

    // Markdown on request.
    await tab.select({ host: panel.watchId, testid: 'wd-copy-format' }, 'markdown');
    await tab.click({ host: panel.watchId, testid: 'wd-copy-request' });
    await tab.waitForText({ host: panel.watchId, testid: 'wd-copied' }, 'Copied');
    const markdown = await driver.readClipboard(tab);
    assert.notEqual(markdown, text, 'the Markdown request equals the plain one');
    assert.ok(markdown.includes('`invoicing:ListInvoiceSummaries`') || markdown.includes('**'), `not Markdown:\n${markdown}`);
    assert.ok(markdown.includes(BOB) && markdown.includes(`[the Bills page](<${url}>)`), `the Markdown request lacks the principal or the page link:\n${markdown}`);
  });

  test('the popup lists the tab\'s denials, copies a request, and the badge counts them', async (driver) => {
    const { fixture, url, denials } = PAGES.dashboard;
    const tab = await driver.openConsolePage(url, fixture);
    assert.ok(tab.tabId !== null, 'could not tell the console tab id');
    const actions = denials[0].actions;
    await tab.waitForPanels((all) => realPanels(all).flatMap((p) => p.actions).length === actions.length, { what: 'the dashboard panel' });
    await waitForBadge(driver, tab.tabId, String(actions.length));

    const popup = await driver.openPopup(tab.tabId);
    await popup.waitFor(() => document.querySelectorAll('[data-testid="wd-popup-denial"]').length === 3, null, { what: 'three popup entries' });
    const entries = await popup.evaluate(() => [...document.querySelectorAll('[data-testid="wd-popup-denial"]')].map((e) => ({
      principal: e.querySelector('[data-testid="wd-principal"]')?.getAttribute('title') ?? null,
      identity: e.querySelector('[data-testid="wd-principal"]')?.textContent?.trim() ?? null,
      action: e.querySelector('[data-testid="wd-action"]')?.textContent?.trim() ?? null,
      verdict: e.querySelector('[data-testid="wd-verdict"]')?.textContent?.trim() ?? null,
    })));
    assert.deepEqual(entries.map((e) => e.action).sort(), [...actions].sort());
    for (const e of entries) {
      assert.equal(e.principal, BOB);
      assert.equal(e.identity, 'bob · FinanceRole');
      assert.ok(e.verdict, `no verdict for ${e.action}`);
    }
    assert.equal(await popup.count('wd-popup-empty'), 0);
    assert.equal(await popup.count('wd-popup-copy'), 3);
    await popup.screenshot('popup');
    await popup.bringToFront();
    await popup.click({ testid: 'wd-popup-copy', index: 0 });
    await popup.waitForText('wd-popup-copied');
    const copied = await driver.readClipboard(popup);
    assert.ok(copied.includes(BOB) && copied.includes(url), `the popup's request lacks the principal or page:\n${copied}`);

    // One principal, one layer: one request for all of the dashboard's actions, with every message.
    assert.equal(await popup.count('wd-popup-combined'), 1);
    await popup.click({ testid: 'wd-popup-copy-combined' });
    let combined = copied;
    for (const deadline = Date.now() + 5000; combined === copied && Date.now() < deadline; ) combined = await driver.readClipboard(popup);
    const ask = combined.split('\n')[0];
    for (const action of actions) assert.ok(ask.includes(action), `the combined request's ask lacks ${action}:\n${combined}`);
    assert.equal((combined.match(/^----- BEGIN ORIGINAL MESSAGE \d OF 3 /gm) ?? []).length, actions.length, `not every message is quoted:\n${combined}`);

    // The console moves to another route: the dashboard's widgets go, a Budgets denial of bob's comes. The widgets'
    // denials are earlier ones now (folded, no "Show on page"), the badge counts the one on the page, and one request
    // still covers all four actions, from both pages.
    await tab.evaluate(() => {
      history.pushState(null, '', '#/budgets');
      const alert = document.createElement('div');
      alert.textContent = 'User: arn:aws:sts::222222222222:assumed-role/FinanceRole/bob is not authorized to perform: budgets:ViewBudget on resource: arn:aws:budgets::222222222222:budget/* because no identity-based policy allows the budgets:ViewBudget action';
      const main = document.createElement('main');
      main.append(alert);
      document.body.replaceChildren(main);
    });
    await tab.waitForPanels((all) => realPanels(all).length === 1 && realPanels(all)[0].actions.includes('budgets:ViewBudget'), { what: 'the Budgets panel' });
    await waitForBadge(driver, tab.tabId, '1');
    const later = await driver.openPopup(tab.tabId);
    await later.waitFor(() => document.querySelectorAll('[data-testid="wd-popup-earlier-denial"]').length === 3, null, { what: 'three earlier entries' });
    assert.equal(await later.count('wd-popup-denial'), 1);
    assert.equal(await later.count('wd-popup-show'), 1);
    await later.waitForText('wd-popup-combined', 'on 2 pages');
    await later.bringToFront();
    await later.click({ testid: 'wd-popup-copy-combined' });
    let acrossRoutes = combined;
    for (const deadline = Date.now() + 5000; acrossRoutes === combined && Date.now() < deadline; ) acrossRoutes = await driver.readClipboard(later);
    for (const action of [...actions, 'budgets:ViewBudget']) assert.ok(acrossRoutes.split('\n')[0].includes(action), `the request across routes lacks ${action}:\n${acrossRoutes}`);
    assert.match(acrossRoutes.split('\n')[0], /Also denied on /);
    await later.screenshot('popup-earlier');

    // A tab without denials: the empty state.
    const quiet = await driver.openConsolePage(PAGES.noDenial.url, PAGES.noDenial.fixture);
    const empty = await driver.openPopup(quiet.tabId);
    await empty.waitForText('wd-popup-empty');
    assert.equal(await empty.count('wd-popup-denial'), 0);
    await empty.screenshot('popup-empty');
  });

  test('a tab that leaves the console: its denials are earlier ones, none is listed as on the page', async (driver) => {
    const { fixture, url, denials } = PAGES.billsRegional;
    const tab = await driver.openConsolePage(url, fixture);
    await tab.waitForPanels((all) => realPanels(all).length === 1, { what: 'the Bills panel' });
    await waitForBadge(driver, tab.tabId, '1');
    // Another site: no content script runs there, so no report says the denial left; the worker asks the frame.
    await tab.raw.goto('about:blank');
    const popup = await driver.openPopup(tab.tabId);
    await popup.waitFor(() => document.querySelectorAll('[data-testid="wd-popup-earlier-denial"]').length === 1, null, { what: 'one earlier entry' });
    assert.equal(await popup.count('wd-popup-denial'), 0);
    assert.equal(await popup.count('wd-popup-show'), 0);
    await popup.waitForText('wd-popup-empty', 'No access denial on this page now');
    const earlier = await popup.evaluate(() => document.querySelector('[data-testid="wd-popup-earlier-denial"] [data-testid="wd-action"]')?.textContent?.trim());
    assert.equal(earlier, denials[0].action);
  });
});

async function waitForBadge(driver, tabId, want, timeout = 5000) {
  const deadline = Date.now() + timeout;
  let text;
  for (;;) {
    text = await driver.badgeText(tabId);
    if (text === want) return;
    if (Date.now() > deadline) assert.fail(`${driver.name}: badge of tab ${tabId} is ${JSON.stringify(text)}, expected ${JSON.stringify(want)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
