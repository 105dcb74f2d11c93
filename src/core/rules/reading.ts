// The one-line reading: who was denied what, where.

import { PRECEDENCE, contribution, type Rule } from './contribution.ts';
import { actionName, capitalize, principalLong, resourcePhrase } from './words.ts';

export const reading: Rule = (facts) => {
  const who = principalLong(facts.principal);
  const where = facts.page ? ` on the ${facts.page.name} page` : '';
  const what = facts.action ? `${actionName(facts)}${resourcePhrase(facts)}` : 'an action the message does not name';
  const sentence =
    facts.form === 'billing-banner' && !facts.action
      ? `The Billing console refused to show billing information to ${who}${where}.`
      : `${capitalize(who)} was denied ${what}${where}.`;
  return { ...contribution(PRECEDENCE.message), reading: facts.reason ? `${sentence} The service gave this reason: "${facts.reason}".` : sentence };
};

