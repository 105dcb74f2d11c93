// Detector: the full-page "You Need Permissions" banner that Billing pages show when the account
// setting "IAM user and role access to Billing information" is off or the principal lacks
// billing permissions. It names no principal and no action. When the banner is a Cloudscape
// alert, the alert detector owns it.
//
// Test pages: /billing/home#/ (home), #/bills, #/paymentsoverview, #/account, #/freetier.

import { BillingBanner } from '../page-objects/billing-banner.ts';
import { isButton } from '../page-objects/shared.ts';
import { isRendered, readText } from '../read-text.ts';
import { alertAny, flashAny } from '../selectors.ts';
import { unique } from '../trigger.ts';
import type { Detector } from './detector.ts';

const OWNED_ELSEWHERE = `${alertAny}, ${flashAny}`;

export const billingBannerDetector: Detector = {
  id: 'billing-banner',
  find(root) {
    const titles = BillingBanner.findTitles(root).filter(title => !title.closest(OWNED_ELSEWHERE) && isRendered(title));
    return unique(titles.map(title => new BillingBanner(title).root));
  },
  text(container, skip) {
    return readText(container, { skip: el => isButton(el) || skip?.(el) === true });
  },
};
