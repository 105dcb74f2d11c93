// iam:PassRole: the caller must be allowed to hand a role to the service that will use it, which
// role and for which service (iam:PassedToService). In Billing and Cost Management this is the
// Budgets actions role.

import { PRECEDENCE, contribution, type Rule } from './contribution.ts';
import type { DenialFacts } from './facts.ts';
import { parseArn } from './facts.ts';
import { principalShort } from './words.ts';
import { allowPolicy, identityAllowIsTheFix, isPassRole, sidFor } from './suggested-policy.ts';
import { DOCS } from '../knowledge/docs.ts';
import { passedToService } from '../knowledge/passed-to-service.ts';


interface PassedRole {
  arn: string | null;
  name: string | null;
}

function passedRole(facts: DenialFacts): PassedRole {
  const value = facts.resource.value;
  const arn = parseArn(value);
  if (value && arn && arn.service === 'iam' && arn.resource.startsWith('role/'))
    return { arn: value, name: arn.resource.slice(arn.resource.lastIndexOf('/') + 1) };
  const typeWord = value ? /^role\s+([\w+=,.@-]+)$/.exec(value) : null;
  if (typeWord?.[1]) {
    const account = facts.principal.accountId;
    return { arn: account ? `arn:${facts.partition}:iam::${account}:role/${typeWord[1]}` : null, name: typeWord[1] };
  }
  return { arn: null, name: null };
}

export const passRole: Rule = (facts, decided) => {
  if (!isPassRole(facts)) return null;
  const out = contribution(PRECEDENCE.advice);
  const role = passedRole(facts);
  const service = passedToService(facts.page?.id ?? null, null);
  const roleText = role.name ? `role ${role.name}` : 'the role the console tried to pass (the message does not name it)';
  const serviceText = service ?? 'the service that will use the role (for AWS Budgets actions: budgets.amazonaws.com)';
  out.notes.push({
    kind: 'passrole',
    text: `${principalShort(facts.principal)} must be allowed to pass ${roleText} to ${serviceText}. That takes iam:PassRole on the role, limited with the condition iam:PassedToService = ${service ?? '<service>.amazonaws.com'}, so the role can be passed only to that service.`,
  });
  out.links.push(DOCS.passRole);
  if (service === 'budgets.amazonaws.com') out.links.push(DOCS.budgetActionsRole);
  if (!identityAllowIsTheFix(facts, decided) || facts.principal.type === 'root' || facts.principal.type === 'service') return out;
  out.suggestedPolicy = allowPolicy({
    Sid: sidFor('iam:PassRole'),
    Effect: 'Allow',
    Action: 'iam:PassRole',
    Resource: role.arn ?? '*',
    ...(service ? { Condition: { StringEquals: { 'iam:PassedToService': service } } } : {}),
  });
  out.steps.push(
    [
      'Add the suggested iam:PassRole statement.',
      role.arn ? `Resource is the role ${role.arn}${facts.resource.isArn ? '' : ' (if the role has a path, insert it after role/)'}.` : 'Resource is "*" because the message does not name the role: narrow it to the role\'s ARN.',
      service ? `The condition limits it to ${service}.` : 'Add the condition "StringEquals": {"iam:PassedToService": "<service>.amazonaws.com"} for the service that uses the role.',
    ].join(' '),
  );
  return out;
};
