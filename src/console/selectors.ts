// The one place for AWS console selectors. AWS documents none of them; each says how far to
// trust it. Sources: Cloudscape's open-source components (src/internal/analytics/selectors.ts,
// alert/internal.tsx, flashbar/flash.tsx, modal/internal.tsx, popover/body.tsx,
// container/internal.tsx) and the console extensions listed in console-dom.md section 8.
// Expected match counts per fixture page live in test/unit/console/selectors.test.ts.
//
// Cloudscape class names look like `awsui_<local>_<component-hash>_<build-hash>_<n>`. The build
// hash changes with every release; the component hash (mx3cw = alert, 1q84n = flashbar,
// 14iqq = container) has been the same across every build seen in public code, but nothing
// promises that. Prefix matches below never include the build hash.

// ---- Alerts (Cloudscape `Alert`) -------------------------------------------------------------

/** Stable: Cloudscape's analytics attribute on every Alert root, value = the alert type. */
export const alertRoot = '[data-analytics-alert]';
/** Stable: the error-type Alert root. */
export const alertErrorRoot = '[data-analytics-alert="error"]';
/** Semi-stable: the inner alert box of an error Alert, by class prefix (used when the data attribute is missing). */
export const alertHashedError = '[class*="awsui_alert_"][class*="awsui_type-error_"]';
/** Legacy AWS-UI (pre-Cloudscape) error alert; still matched by stefansundin/aws-console-fixes. */
export const alertLegacyError = '.awsui-alert-type-error';
/** Any alert container the alert detector accepts, most stable first. */
export const alertAny = [alertRoot, alertHashedError, alertLegacyError].join(', ');
/** Semi-stable: the header slot inside an alert (Cloudscape `styles.header`; legacy `.awsui-alert-header`). */
export const alertHeader = '[class*="awsui_message_"] > [class*="awsui_header_"], .awsui-alert-header';
/** Semi-stable: the content slot inside an alert (Cloudscape `styles.content`; legacy `.awsui-alert-content`). */
export const alertContent = '[class*="awsui_message_"] > [class*="awsui_content_"], .awsui-alert-content';

// ---- Flashbar items (Cloudscape `Flashbar`) --------------------------------------------------

/** Stable: each flash item carries its effective type (a loading flash reports `info`). */
export const flashItem = '[data-analytics-flashbar]';
/** Stable: an error flash item. */
export const flashErrorItem = '[data-analytics-flashbar="error"]';
/** Semi-stable: an error flash item by class prefix. */
export const flashHashedError = '[class*="awsui_flash-type-error_"]';
/** Legacy AWS-UI error flash. */
export const flashLegacyError = '.awsui-flash-type-error';
/** Generic fallback: flash items can carry role="alert" (the Alert root has no role). */
export const roleAlert = '[role="alert"]';
/** Any flash container the flashbar detector accepts, most stable first. */
export const flashAny = [flashItem, flashHashedError, flashLegacyError, roleAlert].join(', ');
/**
 * Semi-stable: flash header and content slots. Cloudscape also puts its analytics class
 * `awsui_flash-header_<hash>` on the content slot, hence the exclusion.
 */
export const flashHeader = '[class*="awsui_flash-header_"]:not([class*="awsui_flash-content_"])';
export const flashContent = '[class*="awsui_flash-content_"]';

// ---- Code box with the access-denied details -------------------------------------------------

/**
 * Semi-stable: Cloudscape `Box variant="code"` (a <code> element), one <div> per
 * User:/Service:/Action:/On resource(s):/Context: line. `pre` covers older consoles.
 */
export const codeBox = '[class*="awsui_code-variant_"], code, pre';
/** Buttons never hold denial text; skipped when reading containers ("Copy", "Dismiss", plugin actions). */
export const buttons = 'button, [role="button"]';

// ---- Modals and popovers ---------------------------------------------------------------------

/** Generic: a dialog. Cloudscape's Modal root has role="dialog" and no aria-modal. */
export const dialog = '[role="dialog"]';
/** Semi-stable: Cloudscape modal content slot (modal root > focus lock > dialog > container > content). */
export const modalContent = '[class*="awsui_dialog_"] > [class*="awsui_container_"] > [class*="awsui_content_"]';
/** Semi-stable: Cloudscape modal header slot. */
export const modalHeader = '[class*="awsui_dialog_"] > [class*="awsui_container_"] > [class*="awsui_header_"]';
/**
 * Semi-stable: an open Cloudscape popover body. With its (default) dismiss button it carries
 * role="dialog", so the modal detector must exclude it. Cloudscape portals popovers to <body>.
 */
export const popoverBody = '[class*="awsui_body_"][role="dialog"]';

// ---- Cost Management widgets -----------------------------------------------------------------

/**
 * Semi-stable: a Cloudscape Container root (component hash 14iqq). Cost Management home,
 * Cost Explorer and Console Home render each widget / board item as one, and each can show its
 * own error. The `awsui_root_` prefix alone would match every Cloudscape component.
 */
export const widgetContainer = '[class*="awsui_root_14iqq_"]';
/** Semi-stable: a Container's content slot; the panel goes after it, inside the widget. */
export const widgetContent = '[class*="awsui_content_14iqq_"]';
/** Semi-stable: a Container's header slot. */
export const widgetHeader = '[class*="awsui_header_14iqq_"]';

/**
 * Semi-stable: a failed widget's error state. Cloudscape StatusIndicator type="error" (component hash 1cbgc, the
 * "Error loading data" / "Access denied" line of a widget) and an error Alert inside the widget.
 */
export const widgetErrorState = '[class*="awsui_status-error_"], [data-analytics-alert="error"], [class*="awsui_type-error_"]';
/** Generic: where the console's main content starts (the page-level region of refused requests goes first in it). */
export const mainContent = 'main, [role="main"]';

// ---- "You Need Permissions" banner -----------------------------------------------------------

/**
 * Unverified: no public HTML dump of the banner exists (console-dom.md section 9). The detector
 * keys on a heading-like element whose text is the banner title, not on a class.
 */
export const headingLike = 'h1, h2, h3, h4, [class*="awsui_heading-text_"], [class*="awsui_header_"], [role="heading"]';

// ---- Things that never hold a denial we should show ------------------------------------------

/** Ours: the hosts of why-denied panels (their shadow roots are invisible to selectors anyway). */
export const ownPanelHost = '[data-why-denied]';
/**
 * Semi-stable: Cloudscape live-region announcers. The controller appends a visually hidden
 * <div aria-live> to <body> and copies a flash item's text into it: a duplicate, never a denial of its own.
 */
export const liveRegionAnnouncer = '[aria-live][class*="awsui_announcer_"]';

// ---- Identity hooks in the navigation header -------------------------------------------------

/** Undocumented: JSON session data (accountId, sessionARN, prismModeEnabled, ...), all keys optional. */
export const sessionDataMeta = 'meta[name="awsc-session-data"]';
/** Undocumented (2021+ nav): the identity menu button; inner spans hold role/user and account. */
export const navUsernameMenu = '#nav-usernameMenu';
/** Undocumented: the same button; its text reads `Role/Session @ 1111-2222-3333`. */
export const navAccountMenuButton = '[data-testid="awsc-nav-account-menu-button"]';
/** Undocumented: the opened account menu (Account ID + Identity Center div[title]); may exist only once opened. */
export const navAccountDetailMenu = '[data-testid="account-detail-menu"]';
/** Undocumented: the account-id copy button; its previous sibling holds `1111-2222-3333`. */
export const navCopyAccountId = 'button[data-testid="awsc-copy-accountid"]';
