// A resource in another account than the caller's ("people outside of my AWS account"): both accounts
// must allow the request. The caller's account in an identity-based policy; the resource's account in
// the role's trust policy (sts:AssumeRole) or the resource-based policy, with no RCP there denying it.
// The two accounts usually have different admins, so each gets its own part of the request.

import { resourcePolicyOf } from '../knowledge/console-links.ts';
import { DOCS } from '../knowledge/docs.ts';
import { PRECEDENCE, contribution, type Rule } from './contribution.ts';
import { parseArn } from './facts.ts';
import { principalShort } from './words.ts';

export const crossAccount: Rule = (facts, decided) => {
  const callerAccount = facts.principal.accountId;
  const resource = parseArn(facts.resource.value);
  if (!callerAccount || !resource || !/^\d{12}$/.test(resource.account) || resource.account === callerAccount) return null;
  const who = principalShort(facts.principal);
  const action = facts.canonicalAction ?? 'the action';
  const role = resource.service === 'iam' && resource.resource.startsWith('role/') ? resource.resource.slice(resource.resource.lastIndexOf('/') + 1) : null;
  const assumeRole = facts.canonicalAction?.toLowerCase() === 'sts:assumerole' && role !== null;
  const ownerPolicy = assumeRole ? `the trust policy of role ${role}` : resourcePolicyOf(facts.resource.value);
  // When the message names no layer, the two accounts are the answer: it outranks "the message does not say".
  const undecided = decided.layer === 'unknown' && facts.policyType === null;
  const out = contribution(undecided ? PRECEDENCE.whoFixes : PRECEDENCE.advice);
  out.notes.push({
    kind: 'cross-account',
    text: `${facts.resource.value} is in account ${resource.account}, not in ${who}'s account ${callerAccount}: both accounts must allow ${action}. Account ${callerAccount} in an identity-based policy of ${who}; account ${resource.account} in ${ownerPolicy}, with no RCP there denying it. The accounts usually have different admins: each gets its own part of the request.`,
  });
  if (undecided) {
    out.verdict = `${action} on ${facts.resource.value} crosses accounts: either ${who}'s identity-based policies in account ${callerAccount} or ${ownerPolicy} in account ${resource.account} does not allow it; the message does not say which.`;
    out.change = `Check both sides: an Allow for ${action} on ${facts.resource.value} in ${who}'s identity-based policies, and an Allow for ${who} in ${ownerPolicy}.`;
  }
  out.steps.push(
    `Ask the admin of account ${callerAccount} (${who}'s account) for an identity-based policy that allows ${action} on ${facts.resource.value}.`,
    `Ask the admin of account ${resource.account} (the ${assumeRole ? 'role' : 'resource'}'s account) to allow ${facts.principal.arn ?? who} in ${ownerPolicy}, and to check that no RCP there denies it.`,
  );
  out.links.push(DOCS.crossAccount);
  return out;
};
