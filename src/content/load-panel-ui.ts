// Loads the panel's UI (dist/panel.js) into this frame's content-script world once the page is idle; it registers
// itself on this world's global. Chrome resolves a content script's relative import() against the extension, where
// panel.js is web-accessible to console pages only. Firefox would resolve it against the page, so there the worker
// injects the file with scripting.executeScript instead. Each build's manifest holds only what its way needs.
import { browser } from '../shared/compat.ts';
import type { PanelUi } from './panel/entry.ts';
import type { Send } from './panel/types.ts';

export type { PanelUi };

let loading: Promise<PanelUi> | null = null;

function panelIsWebAccessible(): boolean {
  return (browser.runtime.getManifest().web_accessible_resources ?? []).some(
    (entry) => typeof entry === 'object' && entry.resources.includes('panel.js'),
  );
}

export function loadPanelUi(send: Send): Promise<PanelUi> {
  loading ??= (async () => {
    if (!globalThis.whyDeniedPanelUi) {
      if (panelIsWebAccessible()) await import('./panel.js');
      else await send('panel/load', {});
    }
    const ui = globalThis.whyDeniedPanelUi;
    if (!ui) throw new Error('the panel could not be loaded into this page');
    return ui;
  })();
  loading.catch(() => (loading = null));
  return loading;
}
