// Loads the panel's UI (dist/panel.js) into this frame's content-script world once the page is idle; it registers
// itself on this world's global. Chrome imports it through runtime.getURL, the per-session dynamic URL (the file is
// web-accessible to console pages only, and only at that URL, so a page cannot probe for it). Firefox would resolve
// it against the page, so there the worker injects the file with scripting.executeScript instead. Each build's
// manifest, and content script (WD_PANEL_BY_IMPORT), holds only what its way needs.
import { runtime } from '../shared/runtime.ts';
import type { PanelUi } from './panel/entry.ts';
import type { Send } from './panel/types.ts';

export type { PanelUi };

let loading: Promise<PanelUi> | null = null;

export function loadPanelUi(send: Send): Promise<PanelUi> {
  loading ??= (async () => {
    if (!globalThis.whyDeniedPanelUi) {
      if (import.meta.env.WD_PANEL_BY_IMPORT) await import(/* @vite-ignore */ runtime.getURL('panel.js'));
      else await send('panel/load', {});
    }
    const ui = globalThis.whyDeniedPanelUi;
    if (!ui) throw new Error('the panel could not be loaded into this page');
    return ui;
  })();
  loading.catch(() => (loading = null));
  return loading;
}
