// The panel's UI: Preact, the explanation and the request text. It is a separate module that the content script
// loads on the first denial of a frame (load-panel-ui.ts), so a console page without a denial never pays for it.
import type { Denial } from '../../core/denial.ts';
import type { Explanation } from '../../core/explanation.ts';
import { explainDenial } from '../../core/explain/index.ts';

export { PanelHost } from './host.ts';

export function explain(denial: Denial, pageUrl: string): Explanation {
  return explainDenial(denial, { pageUrl, partition: null });
}
