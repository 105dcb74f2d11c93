// A console page that shows one given denial message in a Cloudscape error flash (the markup of
// test/fixtures/pages/billing-flashbar-scp-deny.html), for the scenarios of the fake AWS: each scenario carries the
// exact message AWS would print for it, so the page, the fake and the expected diagnosis come from one file.
// `messages` puts several denials in the flashbar, one flash each (a page where several requests were refused).

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * @param {{ message?: string, messages?: string[], accountId: string, sessionArn?: string | null, title?: string }} o
 * @returns {string} a full HTML page
 */
export function denialPage({ message, messages = [message], accountId, sessionArn = null, title = 'Billing and Cost Management' }) {
  const session = escapeHtml(JSON.stringify({ accountId, ...(sessionArn ? { sessionARN: sessionArn } : {}), prismModeEnabled: false }));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<meta name="awsc-session-data" content="${session}">
<style>body { font-family: "Amazon Ember", "Helvetica Neue", Roboto, Arial, sans-serif; margin: 0 16px; } svg { width: 16px; height: 16px; }</style>
</head>
<body>
<div id="app" class="awsui_root_hi4gx_1nfsv_145"><main class="awsui_main_hi4gx_1nfsv_320">
<div class="awsui_notifications_hi4gx_1nfsv_330"><div class="awsui_flashbar_1q84n_1jcxv_153"><ul aria-label="Notifications" class="awsui_flash-list_1q84n_1jcxv_193">
${messages.map((text, i) => `<li class="awsui_flash-list-item_1q84n_1jcxv_206"><div role="alert" aria-live="off" data-itemid="denied${i ? `-${i}` : ''}" data-analytics-flashbar="error" class="awsui_flash_1q84n_1jcxv_153 awsui_flash-type-error_1q84n_1jcxv_397">
<div class="awsui_flash-body_1q84n_1jcxv_340"><div class="awsui_flash-focus-container_1q84n_1jcxv_340" tabindex="-1" role="group">
<div class="awsui_flash-message_1q84n_1jcxv_318">
<div class="awsui_flash-header_1q84n_1jcxv_348">${escapeHtml(title)}: access denied</div>
<div class="awsui_flash-content_1q84n_1jcxv_352">${escapeHtml(text)}</div>
</div></div></div>
<div class="awsui_dismiss-button-wrapper_1q84n_1jcxv_369"><button aria-label="Dismiss message" type="button">Dismiss</button></div>
</div></li>`).join('\n')}</ul></div></div>
<div class="awsui_content_hi4gx_1nfsv_350"><h1>${escapeHtml(title)}</h1><p>The page could not load its data.</p></div>
</main></div>
</body>
</html>
`;
}
