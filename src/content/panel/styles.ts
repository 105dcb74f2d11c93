// The panel's styles, applied inside its shadow root: page CSS cannot reach in, and ours cannot leak out.
// Values are Cloudscape's design tokens (tokens.ts, generated at build time), so the panel looks like a console
// info alert: 2 px full border, rounded corners, an icon, pill buttons. Colours follow the console's own visual
// mode (data-mode on .root, set by host.ts from console/visual-mode.ts), and prefers-color-scheme only when the
// page gives no signal. Nothing moves when reduced motion is asked for.
import { DARK_TOKENS, LIGHT_TOKENS, STATIC_TOKENS } from './tokens.ts';

/** Below this width (the panel's own, not the window's) labels stack above their values. */
const NARROW_PX = 500;
/**
 * How much narrower than the panel its facts are: its padding (2 × space-scaled-m) and border (2 × border-width-alert),
 * and the details' indent (space-scaled-m). The facts, not the panel, are the query container: a container costs a
 * style pass inside layout, and the facts are built only when the details open, so a panel's mount pays none.
 */
const FACTS_INSET_PX = 2 * 16 + 2 * 2 + 16;

const v = (token: string) => `var(--wd-${token})`;

export const PANEL_CSS = `
:host{all:initial!important;display:block!important}
*{box-sizing:border-box}
.root{${STATIC_TOKENS}${LIGHT_TOKENS}
font-family:${v('font-family-base')};font-size:${v('font-size-body-m')};line-height:${v('line-height-body-m')};
color:${v('color-text-body-default')};margin:${v('space-scaled-xs')} 0}
.root[data-mode=dark]{${DARK_TOKENS}}
@media (prefers-color-scheme:dark){.root:not([data-mode]){${DARK_TOKENS}}}
.panel{background:${v('color-background-status-info')};border:${v('border-width-alert')} solid ${v('color-border-status-info')};
border-radius:${v('border-radius-alert')};padding:${v('space-alert-vertical')} ${v('space-scaled-m')}}
header{display:flex;align-items:flex-start;gap:${v('space-scaled-xs')}}
.icon{flex:none;width:16px;height:16px;margin-top:2px;color:${v('color-text-status-info')};fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round}
h2,h3,h4{color:${v('color-text-heading-default')};font-weight:${v('font-weight-heading-m')}}
h2{flex:1;font-size:${v('font-size-heading-s')};line-height:${v('line-height-heading-s')};margin:0}
h3{font-size:${v('font-size-heading-s')};line-height:${v('line-height-heading-s')};margin:${v('space-scaled-m')} 0 ${v('space-scaled-xxs')}}
h4{font-size:${v('font-size-heading-xs')};line-height:${v('line-height-heading-xs')};margin:${v('space-scaled-s')} 0 ${v('space-scaled-xxs')}}
.toggle{margin-left:auto}
p{margin:${v('space-scaled-xs')} 0}ol,ul{margin:${v('space-scaled-xxs')} 0;padding-left:22px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:${v('space-scaled-xxs')} ${v('space-scaled-s')};margin:${v('space-scaled-xs')} 0}
dt{color:${v('color-text-body-secondary')};font-weight:${v('font-weight-heading-m')}}dd{margin:0;min-width:0}
.explanation{container-type:inline-size}
@container (max-width:${NARROW_PX - FACTS_INSET_PX - 1}px){dl.facts{grid-template-columns:1fr;gap:0}dd{margin-bottom:${v('space-scaled-xs')}}}
code,pre,textarea{font-family:${v('font-family-monospace')};font-size:${v('font-size-body-s')};line-height:${v('line-height-body-s')}}
code.value{user-select:all;-webkit-user-select:all;overflow-wrap:anywhere;background:${v('color-background-code-view')};padding:0 ${v('space-scaled-xxs')};border-radius:${v('border-radius-badge')}}
code.action{overflow-wrap:normal;word-break:keep-all}
.missing{color:${v('color-text-status-inactive')}}
pre{background:${v('color-background-code-view')};padding:${v('space-scaled-xs')};border-radius:${v('border-radius-input')};overflow:auto;max-height:320px;white-space:pre-wrap;overflow-wrap:anywhere}
textarea{width:100%;color:${v('color-text-body-default')};background:${v('color-background-input-default')};border:${v('border-width-field')} solid ${v('color-border-input-default')};border-radius:${v('border-radius-input')}}
.verdict,.confidence{font-weight:${v('font-weight-heading-m')}}.kind,.muted,.status-line,.status{color:${v('color-text-body-secondary')}}
.badge{display:inline-block;margin-left:${v('space-scaled-xxs')};padding:0 ${v('space-scaled-xs')};border-radius:${v('border-radius-badge')};border:1px solid ${v('color-border-status-warning')};color:${v('color-text-status-warning')};font-size:${v('font-size-body-s')}}
.error{color:${v('color-text-status-error')}}
.notice{border-left:${v('border-width-alert')} solid ${v('color-border-status-warning')};padding-left:${v('space-scaled-xs')}}
.row{display:flex;flex-wrap:wrap;align-items:center;gap:${v('space-scaled-xs')};margin:${v('space-scaled-xs')} 0}
button{font:inherit;font-weight:${v('font-weight-button')};cursor:pointer;color:${v('color-text-button-normal-default')};background:${v('color-background-button-normal-default')};
border:${v('border-width-button')} solid ${v('color-border-button-normal-default')};border-radius:${v('border-radius-button')};
padding:${v('space-button-vertical')} ${v('space-button-horizontal')}}
button:hover:not(:disabled){color:${v('color-text-button-normal-hover')};background:${v('color-background-button-normal-hover')};border-color:${v('color-border-button-normal-hover')}}
button.primary,button.open{color:${v('color-text-button-primary-default')};background:${v('color-background-button-primary-default')};border-color:${v('color-background-button-primary-default')}}
button.primary:hover:not(:disabled),button.open:hover{color:${v('color-text-button-primary-default')};background:${v('color-background-button-primary-hover')};border-color:${v('color-background-button-primary-hover')}}
button.open{margin:${v('space-scaled-xs')} 0}
button:disabled{cursor:default;color:${v('color-text-button-normal-disabled')};background:${v('color-background-button-normal-default')};border-color:${v('color-border-button-normal-disabled')}}
button.primary:disabled{color:${v('color-text-button-primary-disabled')};background:${v('color-background-button-primary-disabled')};border-color:${v('color-background-button-primary-disabled')}}
select{font:inherit;color:${v('color-text-body-default')};background:${v('color-background-input-default')};border:${v('border-width-field')} solid ${v('color-border-input-default')};border-radius:${v('border-radius-input')};padding:${v('space-scaled-xxs')} ${v('space-scaled-xs')}}
button:focus-visible,select:focus-visible,a:focus-visible,summary:focus-visible,textarea:focus-visible{outline:2px solid ${v('color-border-item-focused')};outline-offset:2px;border-radius:${v('border-radius-control-default-focus-ring')}}
button:focus-visible{border-radius:${v('border-radius-button')}}
.panel:focus{outline:none}.panel:focus-visible{outline:2px solid ${v('color-border-item-focused')};outline-offset:2px}
a{color:${v('color-text-link-default')};text-decoration:underline}a:hover{color:${v('color-text-link-hover')}}
.steps li[data-state=running] .step-state{animation:wd-pulse 1s ease-in-out infinite alternate}
.steps li[data-state=failed] .step-state{color:${v('color-text-status-error')}}
.step-state{display:inline-block;min-width:4.5em;color:${v('color-text-body-secondary')}}
summary{cursor:pointer;margin:${v('space-scaled-xs')} 0}
.blocking{border-top:1px solid ${v('color-border-divider-default')};margin-top:${v('space-scaled-xs')};padding-top:${v('space-scaled-xs')}}
@keyframes wd-pulse{from{opacity:1}to{opacity:.35}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
[hidden]{display:none!important}
.diagnosis-frame{display:block;width:100%;border:0;margin:0;color-scheme:normal}
.frame-slot{display:flex;align-items:center}
.fixer{margin:${v('space-scaled-xxs')} 0}.label{font-weight:${v('font-weight-heading-m')}}
.actions{margin:${v('space-scaled-xxs')} 0}
.panel.compact{max-height:min(360px,45vh);overflow:auto}
button.disclosure-toggle{display:inline-flex;align-items:center;gap:${v('space-scaled-xxs')};border:0;background:none;padding:${v('space-scaled-xxs')} 0;color:${v('color-text-heading-default')};border-radius:0}
button.disclosure-toggle:hover:not(:disabled){background:none;border:0;color:${v('color-text-link-hover')}}
.caret{width:12px;height:12px;fill:none;stroke:currentColor;stroke-width:2;transition:transform 135ms}
.disclosure-toggle[aria-expanded=true] .caret{transform:rotate(90deg)}
.disclosure-content{padding-left:${v('space-scaled-m')}}
.merged-details{border-top:1px solid ${v('color-border-divider-default')};margin-top:${v('space-scaled-s')}}
.alert-error{display:flex;align-items:flex-start;gap:${v('space-scaled-xs')};margin:${v('space-scaled-xs')} 0;padding:${v('space-scaled-xs')} ${v('space-scaled-s')};
background:${v('color-background-status-error')};border:${v('border-width-alert')} solid ${v('color-border-status-error')};border-radius:${v('border-radius-alert')}}
.alert-error>.icon{margin-top:2px;color:${v('color-text-status-error')}}.alert-body{flex:1;min-width:0}.alert-body p{margin:0}
`;
