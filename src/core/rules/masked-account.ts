// A principal ARN whose account was masked before it was pasted (GitHub Actions prints "***",
// posters write "xxx", "<account_id>", "[ID]"): the type and name still read, the account does not.
// Say so, so nobody takes the mask for an account; the admin request asks for the real one.

import { maskedAccountOf } from '../parse/principal.ts';
import { PRECEDENCE, contribution, type Rule } from './contribution.ts';

export const maskedAccount: Rule = (facts) => {
  const mask = maskedAccountOf(facts.principal.arn);
  if (mask === null) return null;
  const out = contribution(PRECEDENCE.advice);
  out.notes.push({
    kind: 'masked-account',
    text: `The account in the principal's ARN was masked before the message was copied (it reads ${mask === '' ? 'as an empty field' : `"${mask}"`}), so the account ID is not known from the message. The request for your administrator asks for it.`,
  });
  return out;
};
