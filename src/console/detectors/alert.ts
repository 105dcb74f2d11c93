// Detector: Cloudscape alerts (any type: some consoles show denials as warnings) and legacy
// AWS-UI error alerts whose text holds a denial. The most common place for the console's own
// "Access denied" block with its User:/Service:/Action:/Context: code box.
//
// Test pages: /billing/home#/bills, #/paymentsoverview, #/credits, #/purchaseorders, #/reports,
// #/tax, #/account; /costmanagement/home#/cost-explorer, #/anomaly-detection, #/savings-plans/overview.

import { ConsoleAlert, alertRootOf } from '../page-objects/alert.ts';
import { isRendered } from '../read-text.ts';
import { alertAny } from '../selectors.ts';
import { hasDenialTrigger, queryAllWithSelf, unique } from '../trigger.ts';
import type { Detector } from './detector.ts';

export const alertDetector: Detector = {
  id: 'alert',
  find(root) {
    const roots = unique(queryAllWithSelf(root, alertAny).map(alertRootOf));
    return roots.filter(el => hasDenialTrigger(el) && isRendered(el));
  },
  text(container, skip) {
    return new ConsoleAlert(container).text(skip);
  },
};
