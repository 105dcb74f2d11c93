// The panel's styles, applied inside its shadow root: page CSS cannot reach in, and ours cannot leak out.
// Colours follow the user's light/dark preference; nothing moves when reduced motion is asked for.
export const PANEL_CSS = `
:host{all:initial!important;display:block!important}
*{box-sizing:border-box}
.root{--bg:#fff;--fg:#16191f;--muted:#5f6b7a;--line:#d1d5db;--accent:#0972d3;--accent-fg:#fff;--warn:#8d6605;--err:#d91515;--code:#f4f4f4;
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);margin:8px 0}
@media (prefers-color-scheme:dark){.root{--bg:#0f1b2a;--fg:#e9ebed;--muted:#a4abb3;--line:#414d5c;--accent:#539fe5;--accent-fg:#0f1b2a;--warn:#ffe347;--err:#ff7a7a;--code:#1a2636}}
.panel{background:var(--bg);border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:8px;padding:10px 14px}
header{display:flex;align-items:center;gap:10px}
h2{font-size:15px;margin:0}h3{font-size:14px;margin:14px 0 4px}h4{font-size:13px;margin:10px 0 4px}
.summary{flex:1;margin:0;color:var(--muted);overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.toggle{margin-left:auto}
p{margin:6px 0}ol,ul{margin:4px 0;padding-left:22px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0}
dt{color:var(--muted)}dd{margin:0;min-width:0}
code,pre,textarea{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
code.value{user-select:all;-webkit-user-select:all;overflow-wrap:anywhere;background:var(--code);padding:0 3px;border-radius:3px}
pre{background:var(--code);padding:8px;border-radius:4px;overflow:auto;max-height:320px;white-space:pre-wrap;overflow-wrap:anywhere}
textarea{width:100%;color:var(--fg);background:var(--code);border:1px solid var(--line);border-radius:4px}
.verdict,.confidence{font-weight:600}.kind,.muted,.status-line{color:var(--muted)}
.badge{display:inline-block;margin-left:6px;padding:0 6px;border-radius:8px;border:1px solid var(--warn);color:var(--warn);font-size:12px}
.error{color:var(--err)}.notice{border-left:3px solid var(--warn);padding-left:8px}
.row{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin:10px 0}
button,select{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:3px 10px;cursor:pointer}
button.primary,button.open{background:var(--accent);color:var(--accent-fg);border-color:var(--accent);font-weight:600}
button.open{font-size:13px;padding:2px 10px;margin:6px 0}
button:disabled{opacity:.55;cursor:default}
button:focus-visible,select:focus-visible,a:focus-visible,summary:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
a{color:var(--accent)}
.status{color:var(--muted)}
.steps li[data-state=running] .step-state{animation:wd-pulse 1s ease-in-out infinite alternate}
.steps li[data-state=failed] .step-state{color:var(--err)}
.step-state{display:inline-block;min-width:4.5em;color:var(--muted)}
summary{cursor:pointer;margin:6px 0}
.blocking{border-top:1px solid var(--line);margin-top:8px;padding-top:6px}
@keyframes wd-pulse{from{opacity:1}to{opacity:.35}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
[hidden]{display:none!important}
.diagnosis-frame{display:block;width:100%;border:0;margin:0;color-scheme:normal}
`;
