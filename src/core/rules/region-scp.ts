// Billing and Cost Management APIs are served from us-east-1, so aws:RequestedRegion is us-east-1
// whatever Region the console shows. Region-restricting SCPs (or identity policies) that do not
// exempt the billing prefixes block them; AWS's three Region-deny policies exempt different prefixes
// (docs/billing-actions.md section 10).

import { PRECEDENCE, contribution, type Rule } from './contribution.ts';
import type { DenialFacts } from './facts.ts';
import { actionName } from './words.ts';
import { DOCS } from '../knowledge/docs.ts';
import { checklistItem } from './checklist-topics.ts';
import { BILLING_REGION, REGION_DENY_SOURCES, regionDenyExemptions, type RegionDenySource } from '../knowledge/services.ts';

/**
 * True for actions whose API is served from us-east-1: the billing prefixes, in the commercial
 * partition (the reference facts are about aws; China and GovCloud bill elsewhere).
 */
function servedFromUsEast1(facts: DenialFacts): boolean {
  if (facts.partition !== 'aws') return false;
  return regionDenyExemptions(facts.prefix) !== null;
}

/** "Control Tower's Region deny control exempts ce:*; the Organizations example SCP exempts it too; the IAM example does not." */
function exemptionsText(prefix: string): string {
  const exemptions = regionDenyExemptions(prefix);
  if (!exemptions) return '';
  const sources = Object.keys(REGION_DENY_SOURCES) as RegionDenySource[];
  const exempting = sources.filter((source) => exemptions[source]).map((source) => REGION_DENY_SOURCES[source].name);
  const omitting = sources.filter((source) => !exemptions[source]).map((source) => REGION_DENY_SOURCES[source].name);
  const parts = [
    exempting.length > 0 ? `${exempting.join(' and ')} exempt${exempting.length === 1 ? 's' : ''} ${prefix}:*` : `None of AWS's Region-deny policies exempts ${prefix}:*`,
    omitting.length > 0 && exempting.length > 0 ? `${omitting.join(' and ')} ${omitting.length === 1 ? 'does' : 'do'} not, so copies of ${omitting.length === 1 ? 'it' : 'them'} block ${prefix}` : '',
  ];
  return ` ${parts.filter(Boolean).join('; ')}.`;
}

/** Explicit SCP (or unnamed) deny on a billing action, or an explicit deny on a us-east-1 pseudo-resource. */
export function regionScpSuspected(facts: DenialFacts): boolean {
  if (facts.denyKind !== 'explicit' || !servedFromUsEast1(facts)) return false;
  if (facts.policyType === 'scp' || facts.policyType === null) return true;
  const usEast1PseudoResource = facts.resource.isOperationPseudoArn && facts.resource.region === BILLING_REGION;
  return usEast1PseudoResource && (facts.policyType === 'identity' || facts.policyType === 'permissions-boundary' || facts.policyType === 'session');
}

/** An open item when the layer is unknown, or the check that confirms the suspicion. */
export function regionChecklistItem(facts: DenialFacts): string | null {
  if (!servedFromUsEast1(facts)) return null;
  return checklistItem(
    'region',
    `does an SCP or policy deny requests outside an allowed list of Regions (a Deny with "StringNotEquals": {"aws:RequestedRegion": [...]})? ${actionName(facts)} is called in ${BILLING_REGION}, so that list must include ${BILLING_REGION}, or the statement must exempt ${facts.prefix}:* with NotAction.`,
  );
}

/** An implicit deny on a us-east-1 pseudo-resource: an existing Allow may be limited to other Regions. */
function allowMayBeRegionLimited(facts: DenialFacts): boolean {
  return (
    facts.denyKind === 'implicit' &&
    servedFromUsEast1(facts) &&
    facts.resource.isOperationPseudoArn &&
    facts.resource.region === BILLING_REGION &&
    (facts.policyType === 'identity' || facts.policyType === 'scp' || facts.policyType === 'permissions-boundary')
  );
}

export const regionScp: Rule = (facts) => {
  const out = contribution(PRECEDENCE.advice);
  if (allowMayBeRegionLimited(facts)) {
    out.steps.push(
      `If an Allow for ${actionName(facts)} already exists, check its Condition: a condition on aws:RequestedRegion must include ${BILLING_REGION}, where this call is made whichever Region the console shows.`,
    );
    return out;
  }
  if (!regionScpSuspected(facts)) return null;
  const prefix = facts.prefix ?? '';
  const [home, ...others] = facts.service?.endpoints ?? [];
  const endpoint = home ? ` (${home}${others.length > 0 ? `; it also has ${others.join(', ')}, and a call there carries that Region` : ''})` : '';
  out.notes.push({
    kind: 'region',
    text:
      `${prefix} is served from ${BILLING_REGION}${endpoint}, so aws:RequestedRegion is ${BILLING_REGION} whichever Region the console shows. ` +
      `A Region-restricting policy blocks ${actionName(facts)} unless it allows ${BILLING_REGION} or exempts ${prefix}:* with NotAction.` +
      exemptionsText(prefix),
  });
  out.steps.push(
    `Check whether the blocking statement is a Region restriction: a Deny with "StringNotEquals": {"aws:RequestedRegion": [...]}. To confirm, evaluate it with aws:RequestedRegion = ${BILLING_REGION}.`,
    `If it is, add "${prefix}:*" to that statement's NotAction list, or allow ${BILLING_REGION}.`,
  );
  out.confidenceReasons.push(
    facts.resource.isOperationPseudoArn && facts.resource.region === BILLING_REGION
      ? `The resource is a ${BILLING_REGION} operation pseudo-resource and the deny is explicit: a Region-restricting policy is a common cause.`
      : `An explicit deny on a ${BILLING_REGION} billing API: a Region-restricting SCP is a common cause.`,
  );
  out.links.push(DOCS.regionDenyScp, DOCS.regionDenyIam, DOCS.controlTowerRegionDeny, DOCS.billingEndpoints);
  return out;
};
