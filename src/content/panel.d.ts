// dist/panel.js, the built panel UI (src/content/panel/entry.ts): it has no exports, it registers itself on the
// content-script world's global (whyDeniedPanelUi). load-panel-ui.ts imports it at run time in Chrome.
export {};
