// One request for several denials of one principal and layer (a merged panel's, or the popup's across the tab's
// pages): it asks for every action, names the other pages, lists the other request IDs and quotes every message.
import { describe, expect, it } from 'vitest';
import { parseDenials } from '../../../src/core/parse/index.ts';
import { explainDenial } from '../../../src/core/rules/index.ts';
import { formatAdminRequest, type AdminRequestInput, type RequestFormat } from '../../../src/core/request/admin-request.ts';
import type { Denial } from '../../../src/core/denial.ts';

const AT = Date.UTC(2026, 11, 6, 6, 47, 31);
const LATER = Date.UTC(2026, 11, 6, 6, 52, 5);
const CE_PAGE = 'https://us-east-1.console.aws.amazon.com/costmanagement/home#/cost-explorer';
const BUDGETS_PAGE = 'https://us-east-1.console.aws.amazon.com/costmanagement/home#/budgets';
const UNKNOWN_PAGE = 'https://us-east-1.console.aws.amazon.com/costmanagement/home#/somewhere-new';

const FORECAST =
  'User: arn:aws:sts::222222222222:assumed-role/FinanceRole/bob is not authorized to perform: ce:GetCostForecast on resource: arn:aws:ce:us-east-1:222222222222:/GetCostForecast because no identity-based policy allows the ce:GetCostForecast action (Service: CostExplorer, Status Code: 400, Request ID: 11111111-2222-3333-4444-555555555555)';
const BUDGET =
  'User: arn:aws:sts::222222222222:assumed-role/FinanceRole/bob is not authorized to perform: budgets:ViewBudget on resource: arn:aws:budgets::222222222222:budget/* because no identity-based policy allows the budgets:ViewBudget action (Service: Budgets, Status Code: 400, Request ID: 66666666-7777-8888-9999-000000000000)';
const USAGE = 'User: arn:aws:sts::222222222222:assumed-role/FinanceRole/bob is not authorized to perform: ce:GetCostAndUsage because no identity-based policy allows the ce:GetCostAndUsage action';

function one(text: string): Denial {
  const [d, ...rest] = parseDenials(text);
  if (!d || rest.length > 0) throw new Error(`expected one denial in ${text}`);
  return d;
}

function combined(extra: Partial<AdminRequestInput> = {}, format: RequestFormat = 'text'): string {
  const lead = one(FORECAST);
  return formatAdminRequest(
    {
      denial: lead,
      explanation: explainDenial(lead, { pageUrl: CE_PAGE }),
      pageUrl: CE_PAGE,
      deniedAt: AT,
      alsoDenied: [
        { denial: one(BUDGET), pageUrl: BUDGETS_PAGE, deniedAt: LATER },
        { denial: one(USAGE), pageUrl: CE_PAGE, deniedAt: null },
      ],
      ...extra,
    },
    format,
  );
}

describe('a request that also covers other denials', () => {
  it('asks for every action, from the other denials when no action list is given', () => {
    const text = combined();
    expect(text.split('\n')[0]).toMatch(
      /^Please allow ce:GetCostForecast, budgets:ViewBudget and ce:GetCostAndUsage \(and the \d+ other actions the Cost Explorer page needs\) for role FinanceRole in account 222222222222\./,
    );
    expect(text).toContain('\nDenied: ce:GetCostForecast, budgets:ViewBudget, ce:GetCostAndUsage\n');
  });

  it('an action list, when given, is what it asks for', () => {
    const text = combined({ actions: ['ce:GetCostForecast', 'ce:GetCostAndUsage'] });
    expect(text).toContain('\nDenied: ce:GetCostForecast, ce:GetCostAndUsage\n');
  });

  it("names the other pages after the lead's, each once, and not the lead's page again", () => {
    const first = combined().split('\n')[0]!;
    expect(first).toContain(`Denied on the Cost Explorer page (${CE_PAGE}) at 2026-12-06 06:47 UTC. Also denied on the Budgets page (${BUDGETS_PAGE}).`);
    const three = combined({
      alsoDenied: [
        { denial: one(BUDGET), pageUrl: BUDGETS_PAGE },
        { denial: one(USAGE), pageUrl: UNKNOWN_PAGE },
        { denial: one(USAGE), pageUrl: BUDGETS_PAGE },
      ],
    }).split('\n')[0]!;
    expect(three).toContain(`Also denied on the Budgets page (${BUDGETS_PAGE}) and a console page (${UNKNOWN_PAGE}).`);
    expect(combined({ alsoDenied: [{ denial: one(USAGE), pageUrl: CE_PAGE }] }).split('\n')[0]).not.toContain('Also denied');
  });

  it("the lead's request ID is a field, and the others' are listed beside it", () => {
    const text = combined();
    expect(text).toContain('\nRequest ID: 11111111-2222-3333-4444-555555555555\nOther request IDs: 66666666-7777-8888-9999-000000000000\n');
  });

  it('quotes every message, numbered, each labelled with its action, and its page and time when they differ', () => {
    const text = combined();
    expect(text).toContain(`----- BEGIN ORIGINAL MESSAGE 1 OF 3 (ce:GetCostForecast) -----\n${FORECAST}\n----- END ORIGINAL MESSAGE 1 OF 3 (ce:GetCostForecast) -----`);
    expect(text).toContain(`----- BEGIN ORIGINAL MESSAGE 2 OF 3 (budgets:ViewBudget, the Budgets page, 2026-12-06 06:52 UTC) -----\n${BUDGET}\n`);
    expect(text).toContain(`----- BEGIN ORIGINAL MESSAGE 3 OF 3 (ce:GetCostAndUsage) -----\n${USAGE}\n`);
    expect(text).not.toContain('BEGIN ORIGINAL MESSAGE -----');
    const sameMinute = combined({ alsoDenied: [{ denial: one(BUDGET), pageUrl: CE_PAGE, deniedAt: AT + 20_000 }] });
    expect(sameMinute).toContain('----- BEGIN ORIGINAL MESSAGE 2 OF 2 (budgets:ViewBudget) -----');
  });

  it('in Markdown, each message is its own fenced block under its label', () => {
    const text = combined({}, 'markdown');
    expect(text).toContain('ORIGINAL MESSAGE 2 OF 3 (budgets:ViewBudget, the Budgets page, 2026-12-06 06:52 UTC):\n\n```text\n');
    expect(text.match(/```text\n/g)).toHaveLength(3);
  });

  it("a page's text cannot reach a label: an action that is not well formed is not named there", () => {
    const hostile = { ...one(USAGE), action: 'ce:Get -----\nEND ORIGINAL MESSAGE' };
    const text = combined({ alsoDenied: [{ denial: hostile, pageUrl: CE_PAGE }] });
    expect(text).toContain('----- BEGIN ORIGINAL MESSAGE 2 OF 2 (no action named) -----');
    expect(text.match(/^----- END ORIGINAL MESSAGE/gm)).toHaveLength(2);
  });

  it('malformed other denials (from across a message boundary) are left out, and the request is still whole', () => {
    const text = combined({ alsoDenied: [null, { pageUrl: BUDGETS_PAGE }, 'x', { denial: one(BUDGET), pageUrl: 7 }] as unknown as AdminRequestInput['alsoDenied'] });
    expect(text).toContain('ORIGINAL MESSAGE 2 OF 2 (budgets:ViewBudget)');
    expect(text).not.toContain('why-denied could not format');
    expect(text.split('\n')[0]).not.toContain('Also denied');
  });

  it('without other denials the request is as before: one message, no numbering', () => {
    const text = combined({ alsoDenied: [] });
    expect(text).toContain('----- BEGIN ORIGINAL MESSAGE -----');
    expect(text).not.toContain('Other request IDs');
  });
});
