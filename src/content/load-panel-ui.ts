// Loads the panel's UI module (dist/panel.js, a web-accessible extension file) on the first denial.
import { browser } from '../shared/compat.ts';

export type PanelUi = typeof import('./panel/entry.ts');

let loading: Promise<PanelUi> | null = null;

export function loadPanelUi(): Promise<PanelUi> {
  loading ??= import(/* @vite-ignore */ browser.runtime.getURL('panel.js')) as Promise<PanelUi>;
  return loading;
}
