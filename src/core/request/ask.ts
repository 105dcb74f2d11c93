// The request's first line: what the requester asks the admin to do, in the requester's voice. It
// names the actions (and how many more the page needs), the principal and the account, or the
// root-user step, or, after a diagnosis, the blocking policy and its statement.

import type { Denial } from '../denial.ts';
import type { BlockingPolicy } from '../diagnosis.ts';
import type { Explanation, Layer } from '../explanation.ts';
import type { PolicyType } from '../knowledge/layers.ts';
import { LAYER_OF_POLICY_TYPE, LAYERS, POLICY_TYPES } from '../knowledge/layers.ts';
import { parsePolicyArn, resourcePolicyOf } from '../knowledge/console-links.ts';
import { rootOnlyTaskFor } from '../knowledge/root-only.ts';
import { parseArn, type DenialFacts } from '../rules/facts.ts';
import { principalShort } from '../rules/words.ts';
import type { RequestedActions } from './page-policy.ts';

/** What the ask is built from, derived once per request. */
export interface RequestCase {
  facts: DenialFacts;
  explanation: Explanation;
  /** The layer to change: the diagnosis's when it reached one, else the explanation's. */
  layer: Layer;
  wanted: RequestedActions;
  /** The diagnosed policy whose Deny statement blocks the request, if any. */
  denying: BlockingPolicy | null;
  /** The diagnosed policy that lacks an Allow (boundary, allow-list SCP), if any. */
  lacking: BlockingPolicy | null;
  /** The diagnosis gave each account of a cross-account request its own ask: the first line sums them up. */
  perAccount: boolean;
  /** The other denials the request covers (a merged panel's, a combined request's), checked, with their facts. */
  others: readonly OtherDenial[];
}

/** Another denial one request covers: where and when it was seen, and its facts (message, action). */
export interface OtherDenial {
  denial: Denial;
  facts: DenialFacts;
  pageUrl: string | null;
  deniedAt: number | Date | null;
}

/** Short names where the layer's noun is long ("SCP", not "service control policy (SCP)"). */
const SHORT_POLICY_WORDS: Partial<Record<PolicyType, string>> = { identity: 'policy', scp: 'SCP', rcp: 'RCP', 'role-trust': 'trust policy' };

function policyKind(type: PolicyType | null | undefined): string {
  if (!type) return 'policy';
  return SHORT_POLICY_WORDS[type] ?? LAYERS[LAYER_OF_POLICY_TYPE[type]]?.noun ?? 'policy';
}

/** "SCP FinanceGuardrails (p-abc123, statement DenyCE)", "policy arn:aws:iam::…:policy/X". */
export function policyWords(policy: BlockingPolicy): string {
  const id = parsePolicyArn(policy.arn)?.name ?? null;
  const name = policy.name ?? id ?? policy.arn;
  const extra = [id && id !== name ? id : null, policy.statementSid ? `statement ${policy.statementSid}` : null].filter(Boolean);
  const kind = policyKind(policy.policyType);
  return `${name ? `${kind} ${name}` : `the ${kind}`}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
}

/** "a, b and c". */
export function listWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function accountWords(facts: DenialFacts): string {
  return facts.principal.accountId ? `account ${facts.principal.accountId}` : 'my account';
}

/** "for role FinanceRole in account 222222222222", "for me". */
function forWhom(facts: DenialFacts): string {
  const who = principalShort(facts.principal);
  const account = facts.principal.accountId ? ` in account ${facts.principal.accountId}` : '';
  return ` for ${who === 'the caller' ? 'me' : who}${account}`;
}

/** The denied actions, with the page's other actions counted: "a (and the 5 other actions the Bills page needs)". */
function actionWords(wanted: RequestedActions, short: boolean): string {
  const denied = wanted.denied.length > 0 ? listWords(wanted.denied) : 'the access the message describes';
  const others = wanted.pageOthers.length;
  if (others === 0) return denied;
  const noun = others === 1 ? 'action' : 'actions';
  return short ? `${denied} (and ${others} more)` : `${denied} (and the ${others} other ${noun} the ${wanted.pageName} page needs)`;
}

/** The ask as one sentence; `short` for an email subject or a ticket summary. */
export function askSentence(c: RequestCase, short = false): string {
  const { facts, explanation, wanted } = c;
  const denied = wanted.denied.length > 0 ? listWords(wanted.denied) : 'this request';
  const whom = forWhom(facts);
  if (c.perAccount) return `Please allow ${denied}${facts.resource.value ? ` on ${facts.resource.value}` : ''}${whom}: it takes one change in each account, asked of each account's admin below.`;
  if (c.denying) return `Please change ${policyWords(c.denying)} so that it no longer denies ${denied}${whom}.`;
  if (c.lacking && c.lacking.policyType !== 'identity') return `Please change ${policyWords(c.lacking)} so that it allows ${actionWords(wanted, short)}${whom}.`;
  switch (c.layer) {
    case 'billing-access-setting':
      return short
        ? `Please activate IAM access to billing information in ${accountWords(facts)} (root user)`
        : `Please activate IAM access to billing information in ${accountWords(facts)}: a root-user step (Account page, "IAM user and role access to Billing information", Edit, Activate IAM Access).`;
    case 'cost-explorer-setting':
      return short
        ? `Please enable Cost Explorer access for ${accountWords(facts)}`
        : `Please enable Cost Explorer for ${accountWords(facts)}: the management account opens Cost Explorer once and, for a member account, turns on "Linked account access" in its Cost Management preferences.`;
    case 'management-account-context':
      return `Please ${lowerFirst(explanation.change)}`;
    default:
      break;
  }
  const task = explanation.fixer === 'root-user' ? rootOnlyTaskFor(facts.action) : null;
  if (task) return `Please, as the root user of ${accountWords(facts)}: ${lowerFirst(task.task)} (no IAM policy can grant ${facts.canonicalAction}).`;
  if (facts.form === 'billing-banner' && wanted.denied.length === 0 && wanted.pageName)
    return `Please check that IAM access to billing information is activated in ${accountWords(facts)} (a root-user setting) and, if it is, allow the ${wanted.pageOthers.length} actions the ${wanted.pageName} page needs${whom}.`;
  if ((c.layer === 'identity-policy' || c.layer === 'unknown') && facts.denyKind !== 'explicit') return `Please allow ${actionWords(wanted, short)}${whom}.`;
  const policyId = parsePolicyArn(facts.policyArn)?.name;
  const type = facts.policyType ?? POLICY_TYPES.find((t) => LAYER_OF_POLICY_TYPE[t] === c.layer);
  const kind = c.layer === 'unknown' ? 'policy' : policyKind(type);
  if (facts.denyKind === 'explicit')
    return policyId ? `Please change ${kind} ${policyId} so that it no longer blocks ${denied}${whom}.` : `Please change the ${kind} that blocks ${denied}${whom}, so that it no longer does.`;
  return `Please change ${policyId ? `${kind} ${policyId}` : `the ${kind}`} so that it allows ${actionWords(wanted, short)}${whom}.`;
}

/**
 * Offline, a resource in another account: both accounts must allow the request and each has its own
 * admin. The first line asks the caller's; this is the ask for the resource's account (the diagnosis,
 * when it ran, gives its own per-account asks instead).
 */
export function crossAccountAsks(facts: DenialFacts): string[] {
  const caller = facts.principal.accountId;
  const resource = parseArn(facts.resource.value);
  if (!caller || !resource || !/^\d{12}$/.test(resource.account) || resource.account === caller || !facts.canonicalAction) return [];
  const role = resource.service === 'iam' && resource.resource.startsWith('role/') ? resource.resource.slice(resource.resource.lastIndexOf('/') + 1) : null;
  const assumeRole = facts.canonicalAction.toLowerCase() === 'sts:assumerole' && role !== null;
  const owner = assumeRole ? `the trust policy of role ${role}` : resourcePolicyOf(facts.resource.value);
  return [
    `And for the admin of account ${resource.account} (the resource's account): please allow ${facts.principal.arn ?? principalShort(facts.principal)} ${facts.canonicalAction} in ${owner}, and check that no RCP there denies it.`,
  ];
}
