// Access across accounts ("people outside of my AWS account"): two accounts must both allow it. The
// caller's identity policy in its own account, and the resource's side in the resource's account: a
// role's trust policy (and any RCP there), or a resource-based policy. Each side is checked where the
// profile can read it, and each side gets its own request, because the admins are often different people.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html

import type { AccountSide } from '../core/diagnosis.ts';
import type { PolicyStatement } from '../core/explanation.ts';
import { callerAccount } from './caller-account.ts';
import type { Verdict } from './draft.ts';
import { getRole } from './iam-entities.ts';
import { evaluateResourcePolicy } from './local-eval.ts';
import { explainOrgGuardrail } from './org-guardrail.ts';
import { isPartition, type Partition } from './partitions.ts';
import { parsePolicy } from './policy-json.ts';
import { parsePrincipalArn } from './principal.ts';
import { consoleRequestContext } from './request-context.ts';
import type { Run } from './run.ts';

export interface CrossAccount {
  kind: 'assume-role' | 'resource-policy';
  resourceArn: string;
  resourceAccount: string;
  callerAccount: string;
  /** The caller as a trust policy or resource policy names it: the role for a session, else the user. */
  callerPrincipal: string;
  partition: Partition;
  roleName: string | null;
}

const ARN = /^arn:([\w-]+):([\w-]+):[\w-]*:(\d{12}):(.+)$/;

/** The denial is about a resource in another account than the caller's. */
export function crossAccountOf(run: Run): CrossAccount | null {
  const { denial } = run;
  const caller = parsePrincipalArn(denial.principalArn ?? '');
  const resource = ARN.exec(denial.resource ?? '');
  if (!caller || caller.kind === 'service' || !resource || !isPartition(resource[1]!)) return null;
  if (resource[3] === caller.account) return null;
  const callerPrincipal = caller.kind === 'assumed-role' ? `arn:${caller.partition}:iam::${caller.account}:role/${caller.roleName}` : caller.arn;
  const role = resource[2] === 'iam' && resource[4]!.startsWith('role/') ? resource[4]!.slice(resource[4]!.lastIndexOf('/') + 1) : null;
  const assumeRole = denial.action?.toLowerCase() === 'sts:assumerole' && role !== null;
  return {
    kind: assumeRole ? 'assume-role' : 'resource-policy',
    resourceArn: denial.resource!,
    resourceAccount: resource[3]!,
    callerAccount: caller.account,
    callerPrincipal,
    partition: resource[1],
    roleName: role,
  };
}

function callerRequest(x: CrossAccount, action: string): AccountSide['request'] {
  const statement: PolicyStatement = { Sid: 'AllowCrossAccountAccess', Effect: 'Allow', Action: action, Resource: x.resourceArn };
  return {
    text: `In account ${x.callerAccount}, allow ${x.callerPrincipal} ${action} on ${x.resourceArn} in an identity-based policy.`,
    statement,
  };
}

function ownerRequest(x: CrossAccount, action: string): AccountSide['request'] {
  const statement: PolicyStatement & { Principal: { AWS: string } } = { Sid: 'AllowCallerFromOtherAccount', Effect: 'Allow', Principal: { AWS: x.callerPrincipal }, Action: action };
  const where = x.kind === 'assume-role' ? `the trust policy of role ${x.roleName}` : `the resource-based policy of ${x.resourceArn}`;
  return {
    text: `In account ${x.resourceAccount}, add to ${where} a statement that allows ${x.callerPrincipal} ${action}, and check that no RCP in that account denies it.`,
    statement: x.kind === 'assume-role' ? statement : { ...statement, Resource: x.resourceArn },
  };
}

/** The owner's side, read when the profile is in the resource's account. */
async function ownerSide(run: Run, x: CrossAccount, action: string): Promise<AccountSide> {
  const side = (state: AccountSide['state'], summary: string): AccountSide => ({ account: x.resourceAccount, role: 'resource-owner', state, summary, request: ownerRequest(x, action) });
  if (x.kind !== 'assume-role') {
    return side('unknown', `The resource-based policy of ${x.resourceArn} in account ${x.resourceAccount} must allow ${x.callerPrincipal}; the diagnosis cannot read it.`);
  }
  const role = await getRole(run.session, x.roleName!);
  if (!role.ok || !role.value.trustPolicy) {
    if (!role.ok) run.session.report(role, `the trust policy of role ${x.roleName} in account ${x.resourceAccount}`);
    return side('unknown', `The trust policy of role ${x.roleName} in account ${x.resourceAccount} could not be read.`);
  }
  const trust = parsePolicy(role.value.trustPolicy);
  const context = consoleRequestContext({ action, resource: x.resourceArn, principalArn: x.callerPrincipal, partition: x.partition, homeRegion: run.target.region, now: run.now });
  const local = { principalArn: run.denial.principalArn!, action, resource: x.resourceArn, resourceAccount: x.resourceAccount, context };
  const verdict = trust ? await evaluateResourcePolicy(local, trust) : null;
  const rcp = await explainOrgGuardrail(run, 'rcp', x.resourceAccount, x.partition, local, { optional: true });
  if (rcp.blocks) return side('denies', `In account ${x.resourceAccount}: ${rcp.sentence}`);
  if (!verdict?.ok) return side('unknown', `The trust policy of role ${x.roleName} could not be evaluated.`);
  if (verdict.result === 'Allowed') return side('allows', `The trust policy of role ${x.roleName} allows ${x.callerPrincipal} to assume it.`);
  const statement = verdict.denying ? trust!.document.Statement[verdict.denying.index] : null;
  return {
    ...side(
      'denies',
      statement
        ? `Statement ${statement.Sid ?? verdict.denying!.index + 1} of the trust policy of role ${x.roleName} denies ${x.callerPrincipal}.`
        : `The trust policy of role ${x.roleName} in account ${x.resourceAccount} does not trust ${x.callerPrincipal}.`,
    ),
    ...(statement ? { statement } : {}),
  };
}

/**
 * Both sides of a cross-account denial. `callerVerdict` is the usual diagnosis of the caller's own
 * policies, or null when the profile is in another account than the caller.
 */
export async function diagnoseCrossAccount(run: Run, x: CrossAccount, callerVerdict: () => Promise<Verdict>): Promise<Verdict> {
  const action = run.denial.action!;
  const profileAccount = await callerAccount(run);
  const [caller, owner] = await Promise.all([
    profileAccount === x.callerAccount ? callerVerdict() : Promise.resolve(null),
    profileAccount === x.resourceAccount ? ownerSide(run, x, action) : Promise.resolve(null),
  ]);
  const callerBlocks = caller !== null && caller.blockingLayer !== 'none-found' && caller.blockingLayer !== 'billing-access-setting' && caller.status !== 'failed';
  const callerSide: AccountSide = caller
    ? {
        account: x.callerAccount,
        role: 'caller',
        state: callerBlocks ? 'denies' : 'allows',
        summary: callerBlocks ? caller.verdict : `In account ${x.callerAccount}, ${x.callerPrincipal}'s own policies allow ${action} on ${x.resourceArn} (IAM's simulator).`,
        request: callerRequest(x, action),
      }
    : {
        account: x.callerAccount,
        role: 'caller',
        state: 'unknown',
        summary: `The profile "${run.target.profileName}" is ${profileAccount ? `in account ${profileAccount}` : 'in an unknown account'}, so the caller's identity policies in account ${x.callerAccount} were not read.`,
        request: callerRequest(x, action),
      };
  const ownerSideResult: AccountSide = owner ?? {
    account: x.resourceAccount,
    role: 'resource-owner',
    state: 'unknown',
    summary: `The ${x.kind === 'assume-role' ? `trust policy of role ${x.roleName}` : 'resource-based policy'} is in account ${x.resourceAccount}; a profile in that account can read it.`,
    request: ownerRequest(x, action),
  };
  const sides = [callerSide, ownerSideResult];
  const ownerLayer = x.kind === 'assume-role' ? 'role-trust' : 'resource';
  const blockingLayer = callerBlocks ? caller!.blockingLayer : ownerSideResult.state === 'denies' || callerSide.state === 'allows' ? ownerLayer : caller?.blockingLayer ?? ownerLayer;
  const known = sides.every((s) => s.state !== 'unknown');
  const blocking = callerBlocks
    ? caller!.blocking
    : [{ policyType: ownerLayer, name: null, arn: null, attachedTo: x.resourceArn, statementSid: ownerSideResult.statement?.Sid ?? null, statement: ownerSideResult.statement ?? null, consoleUrl: null } as const];
  return {
    status: known ? 'done' : 'partial',
    blockingLayer,
    verdict: `${action} on ${x.resourceArn} crosses accounts: account ${x.callerAccount} must allow it in ${x.callerPrincipal}'s identity policies, and account ${x.resourceAccount} in its ${x.kind === 'assume-role' ? 'trust policy' : 'resource-based policy'}. ${sides.map((s) => s.summary).join(' ')}`,
    blocking: [...blocking],
    decidingConditions: caller?.decidingConditions ?? [],
    ...(caller?.decidingKeys ? { decidingKeys: caller.decidingKeys } : {}),
    accountSides: sides,
  };
}
