// containsDenialTrigger: the content script's pre-check. It must say true exactly when the parser
// finds a denial, and stay false on Billing page text that only talks about permissions.

import { describe, expect, it } from 'vitest';
import { containsDenialTrigger, parseDenials } from '../../../src/core/parse/index.ts';

const yes: Array<[string, string]> = [
  ['API sentence', 'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: ce:GetCostAndUsage'],
  ['sentence wrapped across lines', 'User: x is not\nauthorized to perform: ce:X'],
  ['sentence with NBSP', 'is not\u00a0authorized\u00a0to perform: ce:X'],
  ['sentence with entity-encoded spaces', 'is not&#32;authorized&nbsp;to perform: ce:X'],
  ['console prose, typographic apostrophe', 'You don\u2019t have permission to ce:GetCostAndUsage.'],
  ['console prose, "do not"', 'You do not have permission to ce:GetCostAndUsage.'],
  ['billing banner heading', 'You Need Permissions'],
  ['billing banner heading, lower case', 'You need permissions'],
  ['IAM user access not activated', 'Error: IAM user access not activated'],
  ['Cost Explorer not enabled', 'User not enabled for cost explorer access'],
  ['linked account', "Linked account doesn't have access to cost explorer."],
  ['management account context', 'The management account can only be managed using the standalone context from the management account.'],
  ['console Context phrasing, implicit', 'Context: no identity-based policy allows the action'],
  ['console Context phrasing, explicit', 'Context: a service control policy explicitly denies the action'],
  ['a lone explicit-deny clause', 'with an explicit deny in a permissions boundary'],
  ['console-home header with an action', 'Access denied to ce:GetCostAndUsage'],
];

const no: Array<[string, string]> = [
  ['empty', ''],
  ['ordinary page text', 'Cost Explorer: Month-to-date cost $1,234.56. Budgets: 2 of 3 healthy.'],
  ['permission words without a denial', 'You have permission to view this page. Permissions are managed in IAM.'],
  ['"access denied" without an action', 'Access denied requests are logged in CloudTrail.'],
  ['"allows the" without "no <type>"', 'This policy allows the user to view invoices.'],
  ['a zero-width space inside the phrase', 'is not authori\u200bzed to perform: ce:X'],
  ['"need permissions" without "you"', 'Admins need permissions to edit budgets.'],
  ['"cost explorer" alone', 'Open Cost Explorer to see your costs.'],
];

describe('containsDenialTrigger', () => {
  it.each(yes)('true: %s', (_name, text) => {
    expect(containsDenialTrigger(text)).toBe(true);
    expect(parseDenials(text).length).toBeGreaterThan(0);
  });

  it.each(no)('false: %s', (_name, text) => {
    expect(containsDenialTrigger(text)).toBe(false);
    expect(parseDenials(text)).toEqual([]);
  });
});
