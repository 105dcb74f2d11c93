// A merged panel's diagnosis in real browsers: one flashbar with three SCP denials of one user (one panel, "these 3
// actions"), Diagnose once, and the frame diagnoses every action against the fake AWS. FinanceCostControls denies the
// two anomaly-monitor actions in one statement and the tag action in another: one answer per action. A page with the
// two anomaly-monitor actions only: one answer "for all 2 actions". Either way, at most 120 visible words (issue 14).
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { startFakeAws } from '../fake-aws/server.mjs';
import { denialPage } from './denial-page.mjs';
import { forEachBrowser, MAX_DIAGNOSED_WORDS, visibleWords } from './harness.mjs';
import { addKeysProfile, setPassphrase } from './profiles.mjs';

const SCENARIO = 'scp-ou-level-deny';
const PAGE_URL = 'https://us-east-1.console.aws.amazon.com/costmanagement/home#/anomaly-detection/monitors';
const ACCOUNT = '111111111111';
const denied = (action, resource) =>
  `User: arn:aws:iam::${ACCOUNT}:user/dave is not authorized to perform: ${action} on resource: ${resource} with an explicit deny in a service control policy`;
const CREATE = denied('ce:CreateAnomalyMonitor', `arn:aws:ce::${ACCOUNT}:anomalymonitor/*`);
const DELETE = denied('ce:DeleteAnomalyMonitor', `arn:aws:ce::${ACCOUNT}:anomalymonitor/*`);
const TAGS = denied('ce:UpdateCostAllocationTagsStatus', `arn:aws:ce:us-east-1:${ACCOUNT}:/UpdateCostAllocationTagsStatus`);

/** In the panel frame: each answer's scope line and verdict, and how many requests and details it shows. */
function readAnswers() {
  const text = (el) => el?.textContent.replace(/\s+/g, ' ').trim() ?? null;
  return {
    answers: [...document.querySelectorAll('[data-testid="wd-merged-answer"]')].map((answer) => ({
      scope: text(answer.querySelector('[data-testid="wd-answer-scope"]')),
      verdict: text(answer.querySelector('[data-testid="wd-diagnosis-verdict"]')),
      statement: text(answer.querySelector('[data-testid="wd-statement-sid"]')),
      request: text(answer.querySelector('[data-testid="wd-copy-request"]')),
    })),
    details: document.querySelectorAll('[data-testid="wd-diagnosis-details"]').length,
    running: document.querySelector('[aria-busy="true"]') !== null,
    height: Math.ceil(document.documentElement.getBoundingClientRect().height),
  };
}

let fake;
before(async () => { fake = await startFakeAws({ scenario: SCENARIO }); });
after(async () => { await fake?.close(); });

forEachBrowser('merged panel diagnosis', ({ test }) => {
  test('Diagnose on a merged panel diagnoses every action: one answer per action when they differ, one for all when they agree', async (driver) => {
    const [keys] = fake.scenario.credentials;
    const options = await driver.openExtensionPage('options/options.html');
    await setPassphrase(options, 'e2e passphrase: merged panel diagnosis');
    const profileId = await addKeysProfile(options, { name: 'e2e diagnoser', accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey, endpoint: fake.url });

    /** Opens a page with these denials, checks they share one panel, runs Diagnose, returns the frame's answers. */
    const diagnose = async (messages) => {
      const tab = await driver.openConsolePage(PAGE_URL, denialPage({ message: messages[0], messages, accountId: ACCOUNT }));
      const [panel] = await tab.waitForPanels((all) => all.length === 1 && all[0].panel && all[0].buttons.includes('wd-diagnose'), { what: 'one merged panel with its frame' });
      assert.match(panel.verdict ?? '', new RegExp(`these ${messages.length} actions`), `not one merged panel: ${panel.verdict}`);
      await tab.select({ host: panel.watchId, testid: 'wd-profile-select' }, profileId);
      await tab.click({ host: panel.watchId, testid: 'wd-diagnose' });
      const frame = await tab.frameOf(panel.frameSrc);
      let read;
      for (const deadline = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 100))) {
        read = await frame.evaluate(readAnswers);
        if (!read.running && read.answers.length > 0) break;
        assert.ok(Date.now() < deadline, `no answer in the frame: ${JSON.stringify(read)}`);
      }
      // The panel hears that every action is diagnosed: its header gives way to the frame's answers.
      await tab.waitForPanels((all) => all[0]?.data['panel.state'] === 'diagnosed', { what: 'the panel in its diagnosed state' });
      // Issue 14's budget for a diagnosed frame holds with an answer for each of three actions too.
      const words = await frame.evaluate(visibleWords);
      console.log(`${driver.name} merged diagnosis, ${messages.length} actions: ${read.answers.length} answer(s), ${words} visible words, ${read.height} px`);
      assert.ok(words <= MAX_DIAGNOSED_WORDS, `${driver.name}: the merged frame shows ${words} words (at most ${MAX_DIAGNOSED_WORDS})`);
      await tab.close();
      return read;
    };

    const differ = await diagnose([CREATE, DELETE, TAGS]);
    assert.deepEqual(differ.answers.map((a) => [a.scope, a.statement]), [
      ['ce:CreateAnomalyMonitor', 'DenyAnomalyDetectionChanges'],
      ['ce:DeleteAnomalyMonitor', 'DenyAnomalyDetectionChanges'],
      ['ce:UpdateCostAllocationTagsStatus', 'DenyTagActivation'],
    ], `${driver.name}: one answer per action`);
    for (const a of differ.answers) assert.ok(a.verdict?.includes(a.scope), `the verdict for ${a.scope} is not its own: ${a.verdict}`);
    assert.deepEqual(differ.answers.map((a) => a.request), ['Copy request for ce:CreateAnomalyMonitor', 'Copy request for ce:DeleteAnomalyMonitor', 'Copy request for ce:UpdateCostAllocationTagsStatus']);
    assert.equal(differ.details, 3);

    const agree = await diagnose([CREATE, DELETE]);
    assert.equal(agree.answers.length, 1, `${driver.name}: the same statement blocks both, yet ${agree.answers.length} answers`);
    const [all] = agree.answers;
    assert.equal(all.scope, 'For all 2 actions: ce:CreateAnomalyMonitor, ce:DeleteAnomalyMonitor');
    assert.equal(all.statement, 'DenyAnomalyDetectionChanges');
    assert.match(all.verdict, /these 2 actions/);
    assert.equal(all.request, 'Copy request with this diagnosis');
    assert.equal(agree.details, 1);
  }, { timeout: 120_000 });
});
