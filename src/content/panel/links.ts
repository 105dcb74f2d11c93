// Which links the panel makes clickable. Links come from the core (documentation, console pages) and, for the
// Access Troubleshooter, from page text; only https links to AWS's own sites become anchors.
import type { Denial } from '../../core/denial.ts';
import type { Explanation, Link } from '../../core/explanation.ts';
import { plainHttpsUrl, trustedTroubleshooterUrl } from '../../core/knowledge/console-links.ts';

/** AWS sites the panel links to; a link elsewhere is shown as text. */
const LINK_DOMAINS = ['aws.amazon.com', 'amazonaws.com', 'amazonaws.cn', 'amazonaws-us-gov.com', 'repost.aws'];

/** The URL when it is an https link to an AWS site, else null. */
export function safeHref(url: string | null | undefined): string | null {
  const parsed = plainHttpsUrl(url);
  if (!parsed) return null;
  const host = parsed.hostname.toLowerCase();
  return LINK_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`)) ? parsed.href : null;
}

export const TROUBLESHOOTER_LABEL = 'Open this denial in IAM Access Troubleshooter';

/** The explanation's links, the Access Troubleshooter first when the message gave one, without duplicates. */
export function orderedLinks(denial: Denial, explanation: Explanation): Link[] {
  const troubleshooter = trustedTroubleshooterUrl(denial.meta.troubleshooterUrl);
  const first: Link[] = troubleshooter ? [{ label: TROUBLESHOOTER_LABEL, url: troubleshooter }] : [];
  const seen = new Set<string>();
  const out: Link[] = [];
  for (const link of [...first, ...explanation.links]) {
    const key = safeHref(link.url) ?? link.url;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(link);
  }
  return out;
}
