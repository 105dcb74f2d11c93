// Detector: open modal dialogs whose content shows a denial (Budgets actions fail here with
// iam:PassRole). The container is the modal's content slot, so the panel renders inside the
// modal rather than behind its overlay. Popover bodies (also role="dialog") belong to the
// widget detector.
//
// Test pages: /billing/home#/budgets (budget actions), /costmanagement/home#/budgets,
// #/anomaly-detection (create monitor), #/reports (save report).

import { ConsoleModal, modalRootOf } from '../page-objects/modal.ts';
import { dialog, popoverBody } from '../selectors.ts';
import { hasDenialTrigger, queryAllWithSelf } from '../trigger.ts';
import type { Detector } from './detector.ts';

export const modalDetector: Detector = {
  id: 'modal',
  find(root) {
    return queryAllWithSelf(root, dialog)
      .filter(el => !el.matches(popoverBody))
      .map(el => new ConsoleModal(el))
      .filter(modal => hasDenialTrigger(modal.root) && modal.isOpen())
      .map(modal => modal.content() ?? modal.root);
  },
  text(container, skip) {
    return new ConsoleModal(container).text(skip);
  },
  // The container is the content slot; the text also holds the header beside it.
  textRoot: (container) => modalRootOf(container),
};
