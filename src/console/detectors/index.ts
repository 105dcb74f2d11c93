// The detectors in priority order: when two find the same element, the first one names it.

import { alertDetector } from './alert.ts';
import { billingBannerDetector } from './billing-banner.ts';
import type { Detector } from './detector.ts';
import { flashbarDetector } from './flashbar.ts';
import { modalDetector } from './modal.ts';
import { textScanDetector } from './text-scan.ts';
import { widgetDetector } from './widget.ts';

export type { Detector, DetectorId } from './detector.ts';

/** Selector-based detectors: cheap, run over whole documents. */
export const selectorDetectors: readonly Detector[] = [alertDetector, flashbarDetector, modalDetector, widgetDetector, billingBannerDetector];

/** The fallback: runs where the selector detectors found nothing. */
export { textScanDetector };

export const allDetectors: readonly Detector[] = [...selectorDetectors, textScanDetector];
