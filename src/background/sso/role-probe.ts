// The cheap capability probe for an Identity Center role: can it call iam:SimulatePrincipalPolicy?
// We simulate a harmless action (sts:GetCallerIdentity) for the role's own ARN, because SimulatePrincipalPolicy is
// exactly the call the diagnosis stands on; iam:GetContextKeysForPrincipalPolicy is a separate permission that a
// role can hold without the first, so it would answer a different question. Identity Center role ARNs carry a
// path (aws-reserved/sso.amazonaws.com/[region/]) that the session ARN drops: iam:GetRole finds it, and when
// GetRole is not allowed the documented paths are tried. 2–4 calls per role, cached for the browser session.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { getRole } from '../../engine/iam-entities.ts';
import { directSimulatedPrincipal, identityCenterRoleArns, parsePrincipalArn } from '../../engine/principal.ts';
import { AwsSession } from '../../engine/session.ts';
import type { AwsTarget } from '../../engine/target.ts';
import type { RoleProbe } from './model.ts';

export const PROBE_ACTION = 'sts:GetCallerIdentity';

/** Ok: the answer (cache it). Not ok: the probe itself could not run (network, throttling); do not cache. */
export type ProbeOutcome = { ok: true; probe: Omit<RoleProbe, 'checkedAt'> } | { ok: false; detail: string };

export async function probeSimulate(target: AwsTarget): Promise<ProbeOutcome> {
  const session = new AwsSession(target);
  try {
    const identity = await session.send('sts:GetCallerIdentity', (c, abortSignal) => c.sts().send(new GetCallerIdentityCommand({}), { abortSignal }));
    if (!identity.ok) return { ok: false, detail: `sts:GetCallerIdentity failed (${identity.error.code})` };
    const ref = parsePrincipalArn(identity.value.Arn ?? '');
    const principal = ref ? directSimulatedPrincipal(ref) : null;
    if (!principal || principal.kind !== 'role') return { ok: false, detail: `unexpected identity ${identity.value.Arn ?? '(none)'}` };

    const role = await getRole(session, principal.name);
    const candidates = role.ok && role.value.arn ? [role.value.arn] : [...identityCenterRoleArns(principal, target.region), principal.arn];
    for (const arn of candidates) {
      const run = await session.send('iam:SimulatePrincipalPolicy', (c, abortSignal) =>
        c.iam().send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: [PROBE_ACTION] }), { abortSignal }));
      if (run.ok) return { ok: true, probe: { canSimulate: true, detail: `iam:SimulatePrincipalPolicy works for ${arn}` } };
      if (run.error.kind === 'missing-permission') return { ok: true, probe: { canSimulate: false, detail: `not allowed iam:SimulatePrincipalPolicy (${run.error.code})` } };
      if (run.error.kind !== 'not-found' && run.error.kind !== 'invalid-input') return { ok: false, detail: `iam:SimulatePrincipalPolicy failed (${run.error.code})` };
    }
    return { ok: true, probe: { canSimulate: false, detail: `the role's IAM ARN could not be found (tried ${candidates.join(', ')})` } };
  } finally {
    session.close();
  }
}
