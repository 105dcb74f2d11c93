// Access across accounts ("people outside of my AWS account"): two accounts must both allow it. The
// caller's identity policy in its own account, and the resource's side in the resource's account: a
// role's trust policy (and any RCP there), or a resource-based policy. Each side is checked where the
// profile can read it, and each side gets its own request, because the admins are often different people.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html

import type { AccountSide } from '../core/diagnosis.ts';
import type { PolicyStatement } from '../core/explanation.ts';
import { bucketOf, resourcePolicyOf } from '../core/knowledge/console-links.ts';
import { callerAccount } from './caller-account.ts';
import type { Verdict } from './draft.ts';
import { getRole } from './iam-entities.ts';
import { evaluateResourcePolicy } from './local-eval.ts';
import { explainOrgGuardrail } from './org-guardrail.ts';
import { isPartition, type Partition } from './partitions.ts';
import { parsePolicy } from './policy-json.ts';
import { parsePrincipalArn } from './principal.ts';
import { consoleRequestContext, valueOf } from './request-context.ts';
import type { Run } from './run.ts';

export interface CrossAccount {
  kind: 'assume-role' | 'resource-policy';
  resourceArn: string;
  /** null when the ARN does not carry it (S3) and nothing else told it. */
  resourceAccount: string | null;
  callerAccount: string;
  /** The caller as a trust policy or resource policy names it: the role for a session, else the user. */
  callerPrincipal: string;
  partition: Partition;
  roleName: string | null;
  /** For an S3 bucket or object: the bucket, whose policy s3:GetBucketPolicy reads. */
  bucket: string | null;
}

const ARN = /^arn:([\w-]+):([\w-]+):[\w-]*:(\d{12}):(.+)$/;

/**
 * The denial is about a resource in another account than the caller's: the resource's ARN says so,
 * or, for an S3 bucket (whose ARN has no account), the message says no resource-based policy allows
 * it. Within one account an identity-based Allow is enough for S3, so only another account's bucket
 * needs its bucket policy to allow the caller; AWS's record, when read, names that account.
 */
export function crossAccountOf(run: Run): CrossAccount | null {
  const { denial } = run;
  const caller = parsePrincipalArn(denial.principalArn ?? '');
  if (!caller || caller.kind === 'service') return null;
  const callerPrincipal = caller.kind === 'assumed-role' ? `arn:${caller.partition}:iam::${caller.account}:role/${caller.roleName}` : caller.arn;
  const bucket = bucketOf(denial.resource);
  if (bucket) {
    const recorded = valueOf(run.recordedContext ?? [], 'aws:ResourceAccount') ?? null;
    const elsewhere = denial.policyType === 'resource' && denial.denyKind === 'implicit' ? recorded !== caller.account : recorded !== null && recorded !== caller.account;
    if (!elsewhere) return null;
    return { kind: 'resource-policy', resourceArn: denial.resource!, resourceAccount: recorded, callerAccount: caller.account, callerPrincipal, partition: caller.partition, roleName: null, bucket };
  }
  const resource = ARN.exec(denial.resource ?? '');
  if (!resource || !isPartition(resource[1]!)) return null;
  if (resource[3] === caller.account) return null;
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
    bucket: null,
  };
}

/** An owner account not yet known, as AccountSide.account ("the admin of account that owns bucket …"). */
function unknownOwner(x: CrossAccount): string {
  return `that owns bucket ${x.bucket}`;
}

/** "account 222222222222", or the bucket's owner when its account is not known. */
function ownerWords(x: CrossAccount): string {
  return x.resourceAccount ? `account ${x.resourceAccount}` : `the account ${unknownOwner(x)}`;
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
  const where = x.kind === 'assume-role' ? `the trust policy of role ${x.roleName}` : resourcePolicyOf(x.resourceArn);
  return {
    text: `In ${ownerWords(x)}, add to ${where} a statement that allows ${x.callerPrincipal} ${action}, and check that no RCP in that account denies it.`,
    statement: x.kind === 'assume-role' ? statement : { ...statement, Resource: x.resourceArn },
  };
}

type Side = (state: AccountSide['state'], summary: string) => AccountSide;

/** The resource's policy as the owner's account reads it: a role's trust policy, or a bucket policy. */
type OwnerPolicy = { ok: true; text: string | null; name: string } | { ok: false; side: AccountSide };

async function readOwnerPolicy(run: Run, x: CrossAccount, account: string, side: Side): Promise<OwnerPolicy> {
  if (x.kind === 'assume-role') {
    const role = await getRole(run.session, x.roleName!);
    if (!role.ok || !role.value.trustPolicy) {
      if (!role.ok) run.session.report(role, `the trust policy of role ${x.roleName} in account ${account}`);
      return { ok: false, side: side('unknown', `The trust policy of role ${x.roleName} in account ${account} could not be read.`) };
    }
    return { ok: true, text: role.value.trustPolicy, name: `the trust policy of role ${x.roleName}` };
  }
  const bucket = x.bucket;
  if (!bucket) return { ok: false, side: side('unknown', `The resource-based policy of ${x.resourceArn} in account ${account} must allow ${x.callerPrincipal}; the diagnosis reads only S3 bucket policies and role trust policies.`) };
  const read = await run.session.send('s3:GetBucketPolicy', (c, abortSignal) => c.s3().getBucketPolicy(bucket, account, abortSignal));
  if (read.ok) return { ok: true, text: read.value, name: `the bucket policy of ${x.bucket}` };
  // ExpectedBucketOwner makes a bucket of another account answer AccessDenied; so does a missing permission.
  const notHere = read.error.code === 'MethodNotAllowed' || read.error.code === 'NoSuchBucket' || (!x.resourceAccount && read.error.code === 'AccessDenied');
  if (!notHere) run.session.report(read, `the bucket policy of ${x.bucket} in account ${account}`);
  const why = notHere
    ? `Bucket ${x.bucket} is not in account ${account}${read.error.code === 'AccessDenied' ? ", or the profile may not read its policy (s3:GetBucketPolicy)" : ''} (S3 answered ${read.error.code}); a profile in the bucket owner's account can read its bucket policy.`
    : `The bucket policy of ${x.bucket} could not be read (${read.error.code}).`;
  return { ok: false, side: side('unknown', why) };
}

/** The owner's side, read when the profile is (or may be, for a bucket) in the resource's account. */
async function ownerSide(run: Run, x: CrossAccount, action: string, account: string): Promise<AccountSide> {
  const side: Side = (state, summary) => ({ account: x.resourceAccount ?? account, role: 'resource-owner', state, summary, request: ownerRequest({ ...x, resourceAccount: x.resourceAccount ?? account }, action) });
  const context = consoleRequestContext({ action, resource: x.resourceArn, principalArn: x.callerPrincipal, partition: x.partition, homeRegion: run.target.region, now: run.now });
  const local = { principalArn: run.denial.principalArn!, action, resource: x.resourceArn, resourceAccount: account, context };
  // The account's RCPs are read beside its policy (for a bucket of unknown owner, on the bet that the
  // profile's account owns it: one round trip saved when it does, a few Organizations reads lost when not).
  const rcps = explainOrgGuardrail(run, 'rcp', account, x.partition, local, { optional: true });
  const read = await readOwnerPolicy(run, x, account, side);
  if (!read.ok) {
    await rcps; // no call left running once the diagnosis is assembled
    // A bucket found not to be in the profile's account: its owner is still unknown.
    return x.kind === 'resource-policy' && !x.resourceAccount ? { ...read.side, account: unknownOwner(x), request: ownerRequest(x, action) } : read.side;
  }
  const owned: CrossAccount = { ...x, resourceAccount: account };
  const policy = read.text === null ? null : parsePolicy(read.text);
  const [verdict, rcp] = await Promise.all([policy ? evaluateResourcePolicy(local, policy) : null, rcps]);
  const sideOf: Side = (state, summary) => ({ ...side(state, summary), request: ownerRequest(owned, action) });
  if (rcp.blocks) return sideOf('denies', `In account ${account}: ${rcp.sentence}`);
  if (read.text === null) return sideOf('denies', `Bucket ${x.bucket} in account ${account} has no bucket policy, so nothing there allows ${x.callerPrincipal} from account ${x.callerAccount}.`);
  const Name = read.name[0]!.toUpperCase() + read.name.slice(1);
  if (!verdict?.ok) return sideOf('unknown', `${Name} could not be evaluated.`);
  if (verdict.result === 'Allowed') return sideOf('allows', `${Name} allows ${x.callerPrincipal} ${action}.`);
  const statement = verdict.denying ? policy!.document.Statement[verdict.denying.index] : null;
  return {
    ...sideOf(
      'denies',
      statement
        ? `Statement ${statement.Sid ?? verdict.denying!.index + 1} of ${read.name} denies ${x.callerPrincipal}.`
        : `${Name} in account ${account} does not allow ${x.callerPrincipal} ${action}.`,
    ),
    ...(statement ? { statement } : {}),
  };
}

/** Whether the profile's account may hold the resource's policy: it is the resource's, or (a bucket of unknown owner) not the caller's. */
function ownerReadableFrom(x: CrossAccount, profileAccount: string | null): profileAccount is string {
  if (!profileAccount) return false;
  return x.resourceAccount ? profileAccount === x.resourceAccount : x.bucket !== null && profileAccount !== x.callerAccount;
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
    ownerReadableFrom(x, profileAccount) ? ownerSide(run, x, action, profileAccount) : Promise.resolve(null),
  ]);
  const ownerLayer = x.kind === 'assume-role' ? 'role-trust' : 'resource';
  // The caller's diagnosis ending at the owner's layer means the caller's own policies allow it.
  const callerBlocks = caller !== null && !['none-found', 'billing-access-setting', ownerLayer].includes(caller.blockingLayer) && caller.status !== 'failed';
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
    account: x.resourceAccount ?? unknownOwner(x),
    role: 'resource-owner',
    state: 'unknown',
    summary: x.bucket && !x.resourceAccount
      ? `AWS says no resource-based policy allows it, so bucket ${x.bucket} is in another account than ${x.callerAccount}, and its bucket policy must allow ${x.callerPrincipal}; a profile in the bucket owner's account can read it.`
      : `The ${x.kind === 'assume-role' ? `trust policy of role ${x.roleName}` : x.bucket ? `bucket policy of ${x.bucket}` : 'resource-based policy'} is in ${ownerWords(x)}; a profile in that account can read it.`,
    request: ownerRequest(x, action),
  };
  const sides = [callerSide, ownerSideResult];
  const blockingLayer = callerBlocks ? caller!.blockingLayer : ownerSideResult.state === 'denies' || callerSide.state === 'allows' ? ownerLayer : caller?.blockingLayer ?? ownerLayer;
  const known = sides.every((s) => s.state !== 'unknown');
  const blocking = callerBlocks
    ? caller!.blocking
    : [{ policyType: ownerLayer, name: null, arn: null, attachedTo: x.resourceArn, statementSid: ownerSideResult.statement?.Sid ?? null, statement: ownerSideResult.statement ?? null, consoleUrl: null } as const];
  return {
    status: known ? 'done' : 'partial',
    blockingLayer,
    verdict: `${action} on ${x.resourceArn} crosses accounts: account ${x.callerAccount} must allow it in ${x.callerPrincipal}'s identity policies, and ${ownerWords({ ...x, resourceAccount: /^\d{12}$/.test(ownerSideResult.account) ? ownerSideResult.account : null })} in its ${x.kind === 'assume-role' ? 'trust policy' : x.bucket ? 'bucket policy' : 'resource-based policy'}. ${sides.map((s) => s.summary).join(' ')}`,
    blocking: [...blocking],
    decidingConditions: caller?.decidingConditions ?? [],
    ...(caller?.decidingKeys ? { decidingKeys: caller.decidingKeys } : {}),
    accountSides: sides,
  };
}
