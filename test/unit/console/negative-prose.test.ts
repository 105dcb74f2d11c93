// @vitest-environment happy-dom
// Issue 10, "only real denials": sentences in the words of real Billing, Cost Management, Account and IAM
// pages (test/fixtures/denials/negative-prose.json) that talk about authorization without being a denial.
// None may give a panel: not read alone by any detector, not on the saved Account page that holds them all
// (account-negative-prose.html), and not after the page's help panel opens late. Controls show that the same
// containers do give a panel when a real denial is in them.

import { describe, expect, it } from 'vitest';
import { parseDenials } from '../../../src/core/parse/index.ts';
import type { DetectorId } from '../../../src/console/detectors/detector.ts';
import { findDenials } from '../../../src/console/find-denials.ts';
import { hasDenialStructure } from '../../../src/console/structure.ts';
import negative from '../../fixtures/denials/negative-prose.json';
import { openFixture } from './open-fixture.ts';

const sentences = (negative as { sentences: Array<{ where: string; text: string; source: string }> }).sentences;
/** Detectors that may hold any text (the banner detector only claims elements titled "You Need Permissions"). */
const DETECTORS: DetectorId[] = ['alert', 'flashbar', 'modal', 'widget', 'text-scan'];
const PAGE = 'account-negative-prose.html';
const DENIAL = 'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: account:GetAccountInformation because no identity-based policy allows the account:GetAccountInformation action';

describe('negative prose corpus', () => {
  it('has at least 40 sentences from Billing, Cost Management, Account and IAM pages, each with its source', () => {
    expect(sentences.length).toBeGreaterThanOrEqual(40);
    expect(new Set(sentences.map((s) => s.where))).toEqual(new Set(['help panel', 'description', 'settings text', 'documentation snippet', 'table cell']));
    for (const s of sentences) expect(s.source.length).toBeGreaterThan(0);
  });

  it.each(sentences.map((s) => [s.text, s] as const))('no structured denial in: %s', (_text, s) => {
    for (const detector of DETECTORS) expect(parseDenials(s.text).filter((d) => hasDenialStructure(d, detector))).toEqual([]);
  });

  it('the saved Account page holds every sentence and gives no denial, before and after its help panel opens', async () => {
    const page = await openFixture(PAGE, { late: true, delayMs: 10_000 });
    const squash = (t: string) => t.replace(/\s+/g, ' ');
    expect(findDenials(page.document)).toEqual([]);
    page.driver.showDenial();
    const text = squash(page.document.body.textContent ?? '');
    for (const s of sentences) expect(text).toContain(squash(s.text));
    expect(findDenials(page.document)).toEqual([]);
    // Control: a real denial in the same help panel is found.
    const p = page.document.createElement('p');
    p.textContent = DENIAL;
    page.document.querySelector('aside')!.append(p);
    expect(findDenials(page.document).map((r) => r.denials.map((d) => d.action))).toEqual([['account:GetAccountInformation']]);
    await page.close();
  });

  it('each sentence alone in an info alert, a paragraph and a table cell gives no denial; a denial there does', async () => {
    const page = await openFixture('billing-no-denial.html', { late: true, delayMs: 10_000 });
    const alertContent = page.document.querySelector('[data-analytics-alert="info"] [class*="awsui_content_"]')!;
    const main = page.document.querySelector('main')!;
    const p = page.document.createElement('p');
    const td = page.document.querySelector('td')!;
    main.append(p);
    const place = (text: string) => {
      alertContent.textContent = text;
      p.textContent = text;
      td.textContent = text;
    };
    for (const s of sentences) {
      place(s.text);
      expect(findDenials(page.document), s.text).toEqual([]);
    }
    place(DENIAL);
    expect(findDenials(page.document).length).toBeGreaterThanOrEqual(2);
    await page.close();
  });
});
