// Which denials the parser reads from a page get a panel: only those with a denial's structure
// (issue 10). The parser is lenient on purpose, so that the CLI explains fragments people paste;
// a console page also holds help panels, descriptions and settings text that merely talk about
// authorization ("If you don't have permission to view billing information, …", "IAM users are
// not authorized to perform billing tasks unless …"), and those must not get a panel.
//
//   sentence forms    a subject (a principal, or the bare "User" label), the "not authorized to
//                     perform" predicate, and a service:Action
//   console blocks    their labelled fields (User:/Action:), or the prose wording with an action
//   billing banners   their container, or their heading's wording
//   service messages  the exact messages the services print (they are specific phrases already)

import type { Denial } from '../core/denial.ts';
import type { DetectorId } from './detectors/detector.ts';

/** The bare-label sentence "User is not authorized to perform: …" (principal redacted or not printed). */
const BARE_USER_SUBJECT = /(?:^|[^a-z0-9])user is not authorized to perform/i;
/** The console block's own wording around the action. */
const CONSOLE_WORDING = /have permissions? to|access denied to|update your iam permissions to allow/i;
/** The banner's heading, a line of its own ("You Need Permissions"), not a sentence that starts with it. */
const BANNER_HEADING = /(?:^|\n) *you need permissions *(?:\n|$)/i;

export function hasDenialStructure(d: Denial, detector: DetectorId): boolean {
  const principal = d.principalArn !== null || d.accountId !== null;
  switch (d.meta.form) {
    case 'api-sentence':
      return d.action !== null && (principal || BARE_USER_SUBJECT.test(d.meta.message));
    case 'console-alert':
      return principal || (d.action !== null && CONSOLE_WORDING.test(d.meta.message));
    case 'billing-banner':
      return detector === 'billing-banner' || BANNER_HEADING.test(d.meta.message);
    case 'service-message':
      return true;
  }
}
