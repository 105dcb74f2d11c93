// The request for one account's admin in a cross-account denial: each account has its own admin, so each gets a
// request that says which account, what to change there, the statement, and why (issue 11, part 3).

import type { AccountSide } from '../core/diagnosis.ts';
import type { Denial } from '../core/denial.ts';

export const SIDE_ROLE_LABEL: Readonly<Record<AccountSide['role'], string>> = { caller: "caller's account", 'resource-owner': "resource's account" };
export const SIDE_STATE_LABEL: Readonly<Record<AccountSide['state'], string>> = { allows: 'allows it', denies: 'blocks it', unknown: 'not checked yet' };

export function accountSideRequest(side: AccountSide, denial: Denial, pageUrl: string): string {
  const who = denial.principalArn ?? 'the caller';
  const lines = [
    `Request for the administrator of AWS account ${side.account} (the ${SIDE_ROLE_LABEL[side.role]})`,
    '',
    side.request.text,
    '',
    'Statement:',
    JSON.stringify(side.request.statement, null, 2),
    '',
    `Why: ${who} was denied ${denial.action ?? 'an action'}${denial.resource ? ` on ${denial.resource}` : ''}. Access across accounts needs both accounts to allow it; this account's side ${SIDE_STATE_LABEL[side.state]}. ${side.summary}`,
    `Page: ${pageUrl}`,
    `Denial message: ${denial.meta.message}`,
  ];
  return lines.join('\n');
}
