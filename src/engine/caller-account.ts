// The profile's own account, asked once per diagnosis and only when it matters: IAM simulates, and
// reads by name, only in the caller's account, so a denial in another account explains "not found"
// and "access denied" answers better than a missing permission does.

import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { SimulatedPrincipal } from './principal.ts';
import type { Run } from './run.ts';

const asked = new WeakMap<Run, Promise<string | null>>();

export function callerAccount(run: Run): Promise<string | null> {
  let pending = asked.get(run);
  if (!pending) {
    pending = (async () => {
      run.steps.set('identity', 'running');
      const identity = await run.session.send('sts:GetCallerIdentity', (c, abortSignal) => c.sts().send(new GetCallerIdentityCommand({}), { abortSignal }));
      const account = identity.ok ? (identity.value.Account ?? null) : null;
      run.steps.set('identity', account ? 'done' : 'failed', account ? `account ${account}` : identity.ok ? undefined : identity.error.code);
      return account;
    })();
    asked.set(run, pending);
  }
  return pending;
}

/** The sentence for a denial in another account than the profile's, or null when the accounts match (or are unknown). */
export async function otherAccountMessage(run: Run, principal: SimulatedPrincipal): Promise<string | null> {
  const account = await callerAccount(run);
  if (!account || account === principal.account) return null;
  return `The profile "${run.target.profileName}" is in account ${account}, but the denied ${principal.kind} is in account ${principal.account}; IAM simulates and reads only the profile's own account. Use a profile (or assume a role) in ${principal.account}.`;
}
