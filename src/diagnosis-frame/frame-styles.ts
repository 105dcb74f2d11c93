// The frame's own styles, on top of the panel's (PANEL_CSS): the answer, Cloudscape's error alert (2 px border,
// rounded, an icon), the folded details. Values are the same Cloudscape tokens. The frame paints the panel's own
// background: were it transparent, its text in one mode would sit on the panel's colour of the other mode (light
// text on a light panel) whenever the console's mode and the system's differ and the panel has not told the frame.

const v = (token: string) => `var(--wd-${token})`;

export const FRAME_CSS = `
html,body{margin:0;background:transparent}.root{margin:0;background:${v('color-background-status-info')}}
.answer{margin:0 0 ${v('space-scaled-xs')}}
.answer p{margin:${v('space-scaled-xxs')} 0}
.answer .verdict{margin-top:0}
.label{color:${v('color-text-body-secondary')};font-weight:${v('font-weight-heading-m')}}
.partial{border-left:${v('border-width-alert')} solid ${v('color-border-status-warning')};padding-left:${v('space-scaled-xs')}}
.alert{display:flex;gap:${v('space-scaled-xs')};margin:${v('space-scaled-xs')} 0;padding:${v('space-alert-vertical')} ${v('space-scaled-m')};
border:${v('border-width-alert')} solid;border-radius:${v('border-radius-alert')}}
.alert-error{background:${v('color-background-status-error')};border-color:${v('color-border-status-error')}}
.alert-error>.icon{color:${v('color-text-status-error')}}
.alert>.icon{margin-top:3px}
.alert-body{flex:1;min-width:0}.alert-body p{margin:0 0 ${v('space-scaled-xxs')}}.alert-body .row{margin:${v('space-scaled-xs')} 0 0}
.alert-title{font-weight:${v('font-weight-heading-m')};color:${v('color-text-heading-default')}}
.details{margin:${v('space-scaled-xs')} 0}
.details>summary{font-weight:${v('font-weight-heading-m')}}
ul.plain{list-style:none;padding-left:0}ul.plain li{margin:${v('space-scaled-xxs')} 0}
.copy-one{display:inline-flex;align-items:center;gap:${v('space-scaled-xs')}}
.state-denies{color:${v('color-text-status-error')};font-weight:${v('font-weight-heading-m')}}
.state-unknown{color:${v('color-text-status-inactive')}}
`;
