// The panel's UI: Preact, the explanation and the request text. The worker injects it (scripting.executeScript,
// dist/panel.js) into a frame's content-script world on the frame's first denial, so a console page without a
// denial never pays for it; it registers itself on that world's global for the content script to pick up.
import type { Denial } from '../../core/denial.ts';
import type { Explanation } from '../../core/explanation.ts';
import { explainDenial } from '../../core/rules/index.ts';
import { PanelHost } from './host.ts';

export const panelUi = {
  PanelHost,
  explain(denial: Denial, pageUrl: string): Explanation {
    return explainDenial(denial, { pageUrl, partition: null });
  },
};

export type PanelUi = typeof panelUi;

declare global {
  var whyDeniedPanelUi: PanelUi | undefined;
}

globalThis.whyDeniedPanelUi = panelUi;
