// Which denied principals IAM's simulator can take, and for the others what still applies.

import type { Denial } from '../core/denial.ts';
import type { DiagnosisProblem } from '../core/diagnosis.ts';
import { failedVerdict, type Verdict } from './draft.ts';
import { offlineHint } from './offline-hint.ts';
import { parsePrincipalArn, type PrincipalRef } from './principal.ts';

export type SimulatableRef = Extract<PrincipalRef, { kind: 'user' | 'role' | 'assumed-role' }>;

export type PrincipalCheck = { ok: true; ref: SimulatableRef } | { ok: false; verdict: Verdict; problem: DiagnosisProblem };

function refuse(denial: Denial, message: string): PrincipalCheck {
  return { ok: false, verdict: failedVerdict(`${message}${offlineHint(denial)}`), problem: { kind: 'not-simulatable', message } };
}

export function checkPrincipal(denial: Denial): PrincipalCheck {
  if (!denial.principalArn) {
    return denial.accountId
      ? refuse(denial, `The denial names only account ${denial.accountId}, not the user or role, so IAM cannot simulate it; open the denial where the console names the principal, or check ${denial.action ?? 'the action'} for your role in that account.`)
      : refuse(denial, 'The denial names no user or role, so there is nothing to simulate.');
  }
  const ref = parsePrincipalArn(denial.principalArn);
  if (!ref) return refuse(denial, `"${denial.principalArn}" is not an IAM user, role or session ARN, so IAM cannot simulate it.`);
  switch (ref.kind) {
    case 'root':
      return refuse(denial, `The root user of ${ref.account} cannot be simulated: identity policies and boundaries do not apply to it. Only an SCP (in a member account), an RCP or a resource-based policy can deny it, and the billing IAM-access setting does not apply to root.`);
    case 'federated-user':
      return refuse(denial, `Federated user ${ref.name} (GetFederationToken) cannot be simulated: it has the policies of the IAM user that created the session, narrowed by the session policy passed then, and neither can be looked up from the session.`);
    case 'service':
      return refuse(denial, `The service principal ${ref.name} cannot be simulated: its access comes from the resource-based policy or the service role it uses.`);
    default:
      return { ok: true, ref };
  }
}
