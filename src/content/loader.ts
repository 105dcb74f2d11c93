// Chrome's content script is this loader only. The content script proper (content-main.js, built from main.ts) is
// imported as a module: Chrome fetches a module and compiles it off the page's main thread, all of it at once (its
// compile hint, vite.config.ts), where a content script is compiled on that thread, function by function as each
// first runs, the first denial's parse and panel included. The module runs in this same isolated world.
// Firefox's content scripts have no dynamic import(), so there content.js is main.ts itself.
import { runtime } from '../shared/runtime.ts';

// Web-accessible to console pages at its per-session dynamic URL only, like panel.js (manifest.json).
import(/* @vite-ignore */ runtime.getURL('content-main.js')).catch((error: unknown) => {
  // Only the browser's console can say so: without the module there is no panel to say it in.
  console.error('why-denied could not start on this page:', error);
});
