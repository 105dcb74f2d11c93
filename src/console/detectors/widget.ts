// Detector: Cost Management / Cost Explorer dashboard widgets and the error popovers they open.
// Every widget runs its own query, so one page can show several denials, one per widget; the
// container is the widget's content slot (or the popover body, which Cloudscape portals to <body>).
//
// Test pages: /costmanagement/home#/home (cost summary, cost breakdown, forecast widgets),
// /costmanagement/home#/cost-explorer, /console/home (Cost and usage widget).

import { ConsolePopover, ConsoleWidget } from '../page-objects/widget.ts';
import { isRendered } from '../read-text.ts';
import { popoverBody, widgetContainer } from '../selectors.ts';
import { hasDenialTrigger, queryAllWithSelf } from '../trigger.ts';
import type { Detector } from './detector.ts';

export const widgetDetector: Detector = {
  id: 'widget',
  find(root) {
    const widgets = queryAllWithSelf(root, widgetContainer)
      .filter(el => hasDenialTrigger(el) && isRendered(el))
      .map(el => new ConsoleWidget(el).content() ?? el);
    const popovers = queryAllWithSelf(root, popoverBody).filter(el => hasDenialTrigger(el) && isRendered(el));
    return [...widgets, ...popovers];
  },
  text(container, skip) {
    return container.matches(popoverBody) ? new ConsolePopover(container).text(skip) : new ConsoleWidget(container).text(skip);
  },
};
