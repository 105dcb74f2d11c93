// @vitest-environment happy-dom
// Each console selector's expected match count on each saved page, as refined-github does for
// GitHub. A selector missing from a row matches nothing there. When the console's DOM changes,
// save a new page, and this table says which selectors broke.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as selectors from '../../../src/console/selectors.ts';
import { fixtureNames, type OpenFixture, openFixture } from './open-fixture.ts';

type SelectorName = keyof typeof selectors;

const EXPECTED: Record<string, Partial<Record<SelectorName, number>>> = {
  'account-negative-prose.html': { alertRoot: 7, alertAny: 7, alertContent: 7, buttons: 2, widgetContainer: 3, widgetContent: 3, widgetHeader: 3, headingLike: 12, sessionDataMeta: 1, navUsernameMenu: 1, navAccountMenuButton: 1, mainContent: 1 },
  'billing-bills-alert-denied.html': { alertRoot: 1, alertErrorRoot: 1, alertHashedError: 1, alertAny: 2, alertHeader: 1, alertContent: 1, codeBox: 1, buttons: 4, widgetContainer: 2, widgetContent: 2, widgetHeader: 2, headingLike: 9, sessionDataMeta: 1, navUsernameMenu: 1, navAccountMenuButton: 1, widgetErrorState: 2, mainContent: 1 },
  'billing-flashbar-scp-deny.html': { flashItem: 2, flashErrorItem: 1, flashHashedError: 1, roleAlert: 1, flashAny: 2, flashHeader: 2, flashContent: 2, buttons: 4, widgetContainer: 2, widgetContent: 2, widgetHeader: 2, headingLike: 8, liveRegionAnnouncer: 1, sessionDataMeta: 1, navUsernameMenu: 1, navAccountMenuButton: 1, mainContent: 1 },
  'billing-home-you-need-permissions.html': { buttons: 2, headingLike: 3, sessionDataMeta: 1, navUsernameMenu: 1, navAccountMenuButton: 1, mainContent: 1 },
  'billing-no-denial.html': { alertRoot: 2, alertAny: 2, alertHeader: 1, alertContent: 2, flashItem: 1, flashAny: 1, flashHeader: 1, flashContent: 1, buttons: 4, widgetContainer: 2, widgetContent: 2, widgetHeader: 2, headingLike: 9, sessionDataMeta: 1, navUsernameMenu: 1, navAccountMenuButton: 1, mainContent: 1 },
  'cost-explorer-dashboard-three-widgets-denied.html': { codeBox: 3, buttons: 7, dialog: 1, popoverBody: 1, widgetContainer: 4, widgetContent: 4, widgetHeader: 4, headingLike: 16, sessionDataMeta: 1, navUsernameMenu: 1, navAccountMenuButton: 1, widgetErrorState: 3, mainContent: 1 },
  'costmanagement-home-activation-not-activated.html': { codeBox: 3, buttons: 5, widgetContainer: 3, widgetContent: 3, widgetHeader: 3, headingLike: 11, sessionDataMeta: 1, navUsernameMenu: 1, navAccountMenuButton: 1, widgetErrorState: 3, mainContent: 1 },
  'hostile-text.html': { alertRoot: 1, alertErrorRoot: 1, alertHashedError: 1, alertAny: 2, alertHeader: 1, alertContent: 1, codeBox: 1, buttons: 3, widgetContainer: 1, widgetContent: 1, widgetHeader: 1, headingLike: 6, ownPanelHost: 1, widgetErrorState: 2, mainContent: 1 },
  'identity-iam-user.html': { buttons: 4, widgetContainer: 1, widgetContent: 1, widgetHeader: 1, headingLike: 5, navUsernameMenu: 1, navAccountMenuButton: 1, navAccountDetailMenu: 1, navCopyAccountId: 1, mainContent: 1 },
  'identity-identity-center.html': { buttons: 4, widgetContainer: 1, widgetContent: 1, widgetHeader: 1, headingLike: 5, navUsernameMenu: 1, navAccountMenuButton: 1, navAccountDetailMenu: 1, navCopyAccountId: 1, mainContent: 1 },
  'identity-multi-session.html': { buttons: 2, widgetContainer: 1, widgetContent: 1, widgetHeader: 1, headingLike: 5, sessionDataMeta: 1, navUsernameMenu: 1, navAccountMenuButton: 1, mainContent: 1 },
  'identity-not-found.html': { buttons: 1, widgetContainer: 1, widgetContent: 1, widgetHeader: 1, headingLike: 5, mainContent: 1 },
  'identity-switched-role.html': { buttons: 2, widgetContainer: 1, widgetContent: 1, widgetHeader: 1, headingLike: 5, sessionDataMeta: 1, navUsernameMenu: 1, navAccountMenuButton: 1, mainContent: 1 },
  'iframe-same-origin.html': { buttons: 2, sessionDataMeta: 1, navUsernameMenu: 1, navAccountMenuButton: 1, mainContent: 1 },
  'legacy-awsui-alert.html': { alertLegacyError: 1, alertAny: 1, alertHeader: 1, alertContent: 1, flashLegacyError: 1, flashAny: 1, buttons: 4, headingLike: 2, sessionDataMeta: 1, navUsernameMenu: 1, navAccountMenuButton: 1, mainContent: 1 },
  'modal-budgets-passrole-denied.html': { buttons: 8, dialog: 2, modalContent: 2, modalHeader: 2, widgetContainer: 1, widgetContent: 1, widgetHeader: 1, headingLike: 9, sessionDataMeta: 1, navUsernameMenu: 1, navAccountMenuButton: 1, mainContent: 1 },
  'split-inline-nbsp.html': { alertRoot: 1, alertErrorRoot: 1, alertHashedError: 1, alertAny: 2, alertHeader: 1, alertContent: 1, codeBox: 3, buttons: 4, headingLike: 4, sessionDataMeta: 1, navUsernameMenu: 1, navAccountMenuButton: 1, widgetErrorState: 2, mainContent: 1 },
  'unknown-selectors-text-only.html': { buttons: 3, headingLike: 2, sessionDataMeta: 1, navUsernameMenu: 1, navAccountMenuButton: 1, mainContent: 1 },
};

const names = Object.keys(selectors) as SelectorName[];

test('every saved page has a row, and every selector matches on at least one page', () => {
  expect(Object.keys(EXPECTED).sort()).toEqual(fixtureNames);
  const unused = names.filter(name => !Object.values(EXPECTED).some(row => (row[name] ?? 0) > 0));
  expect(unused).toEqual([]);
});

test('every selector is valid CSS', () => {
  for (const name of names) expect(() => document.querySelector(selectors[name]), name).not.toThrow();
});

for (const [page, row] of Object.entries(EXPECTED)) {
  describe(page, () => {
    let fixture: OpenFixture;
    beforeAll(async () => {
      fixture = await openFixture(page);
    });
    afterAll(() => fixture.close());
    for (const name of names) {
      test(`${name}: ${row[name] ?? 0}`, () => {
        expect(fixture.document.querySelectorAll(selectors[name]).length).toBe(row[name] ?? 0);
      });
    }
  });
}
