// Detector: flash items at the top of the page (Cloudscape Flashbar, legacy AWS-UI flashes and
// generic role="alert" regions). Billing pages report failed saves here, e.g. an SCP deny on
// "Save preferences".
//
// Test pages: /billing/home#/preferences, #/paymentpreferences, #/account, #/tax;
// /costmanagement/home#/settings, #/cost-allocation-tags.

import { ConsoleFlash, flashRootOf } from '../page-objects/flash.ts';
import { isRendered } from '../read-text.ts';
import { flashAny } from '../selectors.ts';
import { hasDenialTrigger, queryAllWithSelf, unique } from '../trigger.ts';
import type { Detector } from './detector.ts';

export const flashbarDetector: Detector = {
  id: 'flashbar',
  find(root) {
    const items = unique(queryAllWithSelf(root, flashAny).map(flashRootOf));
    return items.filter(el => hasDenialTrigger(el) && isRendered(el));
  },
  text(container, skip) {
    return new ConsoleFlash(container).text(skip);
  },
};
