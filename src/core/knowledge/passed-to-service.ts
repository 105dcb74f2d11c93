// Which AWS service a Billing and Cost Management console flow passes a role to, for iam:PassRole's
// iam:PassedToService condition. Budgets actions run with a role passed to budgets.amazonaws.com:
// https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-controls.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html

/** The service a console page passes roles to. */
export const PASSED_TO_SERVICE_BY_PAGE: Readonly<Record<string, string>> = {
  'budgets-billing': 'budgets.amazonaws.com',
  'budgets-cost-management': 'budgets.amazonaws.com',
};

/** The service an action that takes a role passes it to, by the action's service prefix. */
const PASSED_TO_SERVICE_BY_ACTION_SERVICE: Readonly<Record<string, string>> = {
  budgets: 'budgets.amazonaws.com',
};

/** From the console page first, else from the action the message says was being done (its second action). */
export function passedToService(pageId: string | null, passingAction: string | null): string | null {
  const byPage = pageId ? PASSED_TO_SERVICE_BY_PAGE[pageId] : undefined;
  if (byPage) return byPage;
  const prefix = passingAction?.split(':')[0]?.toLowerCase();
  return prefix ? (PASSED_TO_SERVICE_BY_ACTION_SERVICE[prefix] ?? null) : null;
}
