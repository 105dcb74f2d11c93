// @vitest-environment happy-dom
// The request for every denial we have: the grammar corpus, the published real messages and the
// denials on the saved console pages. Each one starts with the ask, carries the time and (when the
// message has one) the request ID as fields, fits in 25 plain-text lines before "Details", and
// never claims the page needs N actions while its policy grants fewer.

import { afterAll, describe, expect, test } from 'vitest';
import formsCorpus from '../../fixtures/denials/forms.json';
import realCorpus from '../../fixtures/denials/real-messages.json';
import { findDenials } from '../../../src/console/find-denials.ts';
import type { Denial } from '../../../src/core/denial.ts';
import { parseDenials } from '../../../src/core/parse/index.ts';
import { explainDenial } from '../../../src/core/rules/index.ts';
import { formatAdminRequest } from '../../../src/core/request/admin-request.ts';
import { fixtureNames, fixtureUrl, openFixture } from '../console/open-fixture.ts';
import { markdownProse } from './markdown-prose.ts';

interface Case {
  name: string;
  denial: Denial;
  pageUrl: string | null;
}

const BILLS = 'https://us-east-1.console.aws.amazon.com/billing/home#/bills';
const DENIED_AT = Date.UTC(2026, 11, 6, 6, 47);
const ADMIN = { name: 'Cloud Platform Team', email: 'cloud-team@example.com', url: 'https://tickets.example.com/' };

const textCases = (source: string, cases: { text: string; name?: string; source?: string }[]): Case[] =>
  cases.flatMap((c, i) =>
    parseDenials(c.text).flatMap((denial, j) => [
      { name: `${source} ${i} ${c.name ?? c.source ?? ''} #${j}`, denial, pageUrl: null },
      { name: `${source} ${i} ${c.name ?? c.source ?? ''} #${j} on the Bills page`, denial, pageUrl: BILLS },
    ]),
  );

async function pageCases(): Promise<Case[]> {
  const cases: Case[] = [];
  for (const name of fixtureNames) {
    const page = await openFixture(name);
    const frames = [...page.document.querySelectorAll('iframe')].map((frame) => frame.contentDocument).filter((doc): doc is Document => doc !== null);
    for (const doc of [page.document, ...frames])
      findDenials(doc).flatMap((found) => found.denials).forEach((denial, i) => cases.push({ name: `${name} #${i}`, denial, pageUrl: fixtureUrl(name) }));
    await page.close();
  }
  return cases;
}

/** A request ID the way a reader finds one: the words "request ID" and an id-like token after them. */
function requestIdInMessage(message: string): boolean {
  return /request[ _-]?id["'>]?\s*[:=>]?\s*["'[]?\s*(?:│\s*)?[0-9a-f]{4}/i.test(message);
}

/** The plain-text JSON policy after "Policy to grant", and how many actions it grants. */
function grantedActions(top: string): number | null {
  const at = top.indexOf('Policy to grant');
  if (at === -1) return null;
  const json = top.slice(top.indexOf('\n{', at) + 1, top.indexOf('\n}', at) + 2);
  const policy = JSON.parse(json) as { Statement: { Action: string | string[] }[] };
  return policy.Statement.reduce((n, s) => n + (Array.isArray(s.Action) ? s.Action.length : 1), 0);
}

const lengths: number[] = [];
afterAll(() => {
  // Printed for the issue note: the spread of plain-text lines before "Details".
  console.info(`lines before Details over ${lengths.length} requests: max ${Math.max(...lengths)}, min ${Math.min(...lengths)}`);
});

describe('the request for every denial in the corpora', async () => {
  const cases = [...textCases('forms', formsCorpus.cases), ...textCases('real', realCorpus.cases), ...(await pageCases())];

  test('the corpora are not empty, and some messages carry a request ID', () => {
    expect(cases.length).toBeGreaterThan(250);
    expect(cases.filter((c) => requestIdInMessage(c.denial.meta.message)).length).toBeGreaterThan(5);
    expect(cases.filter((c) => c.denial.authorizationId).length).toBeGreaterThan(3);
  });

  test.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const explanation = explainDenial(c.denial, { pageUrl: c.pageUrl });
    for (const admin of [null, ADMIN]) {
      const text = formatAdminRequest({ denial: c.denial, explanation, pageUrl: c.pageUrl, admin, deniedAt: DENIED_AT }, 'text');
      const cut = text.indexOf('\nDetails\n-------\n');
      expect(cut, text).toBeGreaterThan(0);
      const top = text.slice(0, cut);
      const lines = top.split('\n').length;
      lengths.push(lines);
      expect(lines, text).toBeLessThanOrEqual(25);
      expect(top).toMatch(/^(Please |For the admin )/);
      expect(top).toContain('\nTime: 2026-12-06 06:47 UTC\n');
      if (c.pageUrl) expect(top.split('\n')[0]).toContain(`(${c.pageUrl}) at 2026-12-06 06:47 UTC.`);
      if (requestIdInMessage(c.denial.meta.message)) {
        const id = /\nRequest ID: (\S+)\n/.exec(top)?.[1];
        expect(id, `no Request ID field:\n${text}`).toBeDefined();
        expect(c.denial.meta.message).toContain(id);
      }
      if (c.denial.authorizationId) expect(top).toContain(`\nAuthorization ID: ${c.denial.authorizationId}\n`);
      const covers = /covers the (\d+) actions/.exec(top);
      if (covers) expect(grantedActions(top)).toBe(Number(covers[1]));
      // Addressed to the admin: no confidence line, nothing said to the requester (the quoted message aside).
      const ours = text.replace(/----- BEGIN ORIGINAL MESSAGE -----[\s\S]*----- END ORIGINAL MESSAGE -----/, '');
      expect(ours).not.toMatch(/Confidence|whoever gave you|sign-in credentials|\byour\b/i);
      if (/service_control_policy\/p-[a-z0-9]+$/.test(c.denial.policyArn ?? '')) expect(top).not.toContain('<policy-id>');
    }
    // Markdown: the page text (hostile on hostile-text.html) never becomes a link, an image or HTML.
    const prose = markdownProse(formatAdminRequest({ denial: c.denial, explanation, pageUrl: c.pageUrl, deniedAt: DENIED_AT }, 'markdown'));
    for (const target of prose.matchAll(/(?<!\\)\]\(([^)]*)/g)) expect(target[1]).toMatch(/^<https:\/\/[^\s<>]+>$/);
    expect(prose).not.toMatch(/(?<![\\(])<[a-z!/]/i);
  });
});
