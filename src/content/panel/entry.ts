// The panel's UI: Preact, the explanation and the request text, a file of its own (dist/panel.js) that stays out of
// the content script's size budget. It is loaded into a frame's content-script world once the page is idle, so the
// first denial's panel mounts within its frame (load-panel-ui.ts); it registers itself on that world's global for
// the content script to pick up.
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
