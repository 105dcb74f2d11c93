// Console deep links per partition (docs/console-dom.md section 1). Partitions without a known
// console host get no link rather than a wrong one.

import { isIamName } from '../request/shell.ts';
import type { PolicyType } from './layers.ts';
import { consoleHost, partitionOfConsoleHost } from './partitions.ts';

/** The partition a console URL belongs to, from its host; null for anything else. */
export function partitionOfConsoleUrl(url: string | null | undefined): string | null {
  if (typeof url !== 'string') return null;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  return partitionOfConsoleHost(host);
}

const IAM_POLICY_ARN = /^arn:(aws[a-z-]*):iam::(aws|\d{12}):policy\/.+$/;
const ORGANIZATIONS_POLICY_ARN = /^arn:(aws[a-z-]*):organizations::(aws|\d{12}):policy\/(?:o-[a-z0-9]+\/)?(service_control_policy|resource_control_policy)\/(p-[A-Za-z0-9_]+)$/;

export type PolicyArnKind = 'iam' | 'scp' | 'rcp';

export interface ParsedPolicyArn {
  kind: PolicyArnKind;
  partition: string;
  /** The policy's account: "aws" for AWS managed policies, the management account for SCPs/RCPs. */
  account: string;
  /** Policy name (IAM) or policy id (Organizations). */
  name: string;
  awsManaged: boolean;
}

const IAM_ENTITY_ARN = /^arn:[\w-]+:iam::\d{12}:(user|group|role)\/(?:.*\/)?([^/]+)$/;

/** An IAM user, group or role ARN: its kind and its name (the path left out), or null. */
export function parseIamEntityArn(arn: string | null | undefined): { kind: 'user' | 'group' | 'role'; name: string } | null {
  const m = typeof arn === 'string' ? IAM_ENTITY_ARN.exec(arn) : null;
  return m ? { kind: m[1] as 'user' | 'group' | 'role', name: m[2]! } : null;
}

/**
 * The IAM user, group or role that holds an inline or trust policy: the first among its "attached to" (ARNs, comma
 * separated) whose name IAM allows (it goes into API calls and command lines), or null.
 */
export function iamOwnerOf(attachedTo: string | null | undefined): { kind: 'user' | 'group' | 'role'; name: string; arn: string } | null {
  for (const part of (attachedTo ?? '').split(/,\s*/)) {
    const arn = part.trim();
    const entity = parseIamEntityArn(arn);
    if (entity && isIamName(entity.name)) return { ...entity, arn };
  }
  return null;
}

const S3_ARN = /^arn:[\w-]+:s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/.*)?$/;

/** The bucket an S3 ARN (bucket or object) names, or null. */
export function bucketOf(arn: string | null): string | null {
  return S3_ARN.exec(arn ?? '')?.[1] ?? null;
}

export function parsePolicyArn(arn: string | null | undefined): ParsedPolicyArn | null {
  if (typeof arn !== 'string') return null;
  const iam = IAM_POLICY_ARN.exec(arn);
  if (iam) {
    const name = arn.slice(arn.lastIndexOf('/') + 1);
    return { kind: 'iam', partition: iam[1] ?? 'aws', account: iam[2] ?? '', name, awsManaged: iam[2] === 'aws' };
  }
  const org = ORGANIZATIONS_POLICY_ARN.exec(arn);
  if (org) {
    return {
      kind: org[3] === 'resource_control_policy' ? 'rcp' : 'scp',
      partition: org[1] ?? 'aws',
      account: org[2] ?? '',
      name: org[4] ?? '',
      awsManaged: org[2] === 'aws',
    };
  }
  return null;
}

/**
 * How a policy is named where its name may not be known: its name, else an SCP's or RCP's id (AWS's record gives
 * only that), else its ARN.
 */
export function policyNameOrId(policy: { name: string | null; arn: string | null }): string | null {
  const parsed = parsePolicyArn(policy.arn);
  return policy.name ?? (parsed && parsed.kind !== 'iam' ? parsed.name : policy.arn);
}

/** Policies that have no name of their own: each is named by what it is attached to. */
const NAMED_BY_ATTACHMENT: Partial<Record<PolicyType, string>> = {
  resource: 'the resource-based policy',
  'vpc-endpoint': 'the VPC endpoint policy',
  session: 'the session policy',
};

/** "the resource-based policy" for a type of policy that has no name of its own; null for the others. */
export function unnamedPolicyKind(policyType: PolicyType): string | null {
  return NAMED_BY_ATTACHMENT[policyType] ?? null;
}

/**
 * One name for such a policy wherever it is said (the verdict, the comparison with today's version, the CLI):
 * "the bucket policy of example-exports" for an S3 bucket's, else "the VPC endpoint policy of <its ARN>" and the like;
 * null for a policy with a name or ARN, or with nothing it is attached to.
 */
export function policyNamedByAttachment(policy: { policyType: PolicyType; name: string | null; arn: string | null; attachedTo: string | null }): string | null {
  const kind = unnamedPolicyKind(policy.policyType);
  if (!kind || policy.name || policy.arn || !policy.attachedTo) return null;
  return policy.policyType === 'resource' ? resourcePolicyOf(policy.attachedTo) : `${kind} of ${policy.attachedTo}`;
}

/**
 * The policy of a resource, by the resource: an S3 object's or bucket's is its bucket's policy (an object has none of
 * its own), "the bucket policy of example-exports"; any other's "the resource-based policy of <arn>".
 */
export function resourcePolicyOf(resource: string | null): string {
  const bucket = bucketOf(resource);
  return bucket ? `the bucket policy of ${bucket}` : `the resource-based policy of ${resource ?? 'the resource'}`;
}

/** The IAM console (for IAM policy ARNs) or Organizations console (for SCP/RCP ARNs) page of a policy. */
export function policyConsoleUrl(arn: string | null | undefined): string | null {
  const parsed = parsePolicyArn(arn);
  if (!parsed || typeof arn !== 'string') return null;
  const host = consoleHost(parsed.partition);
  if (!host) return null;
  if (parsed.kind === 'iam') return `https://${host}/iam/home#/policies/details/${encodeURIComponent(arn)}?section=permissions`;
  const type = parsed.kind === 'scp' ? 'service-control-policy' : 'resource-control-policy';
  return `https://${host}/organizations/v2/home/policies/${type}/${encodeURIComponent(parsed.name)}`;
}

export function iamUserConsoleUrl(userName: string, partition: string): string | null {
  const host = consoleHost(partition);
  return host ? `https://${host}/iam/home#/users/details/${encodeURIComponent(userName)}?section=permissions` : null;
}

export function iamRoleConsoleUrl(roleName: string, partition: string): string | null {
  const host = consoleHost(partition);
  return host ? `https://${host}/iam/home#/roles/details/${encodeURIComponent(roleName)}?section=permissions` : null;
}

export function identityCenterConsoleUrl(partition: string): string | null {
  const host = consoleHost(partition);
  return host ? `https://${host}/singlesignon/home` : null;
}

export function organizationsPoliciesConsoleUrl(partition: string, kind: 'scp' | 'rcp'): string | null {
  const host = consoleHost(partition);
  return host ? `https://${host}/organizations/v2/home/policies/${kind === 'scp' ? 'service-control-policy' : 'resource-control-policy'}` : null;
}

/** The URL parsed when it is https and carries no user name or password, else null. */
export function plainHttpsUrl(url: string | null | undefined): URL | null {
  if (typeof url !== 'string') return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && !parsed.username && !parsed.password ? parsed : null;
  } catch {
    return null;
  }
}

/** IAM Access Troubleshooter (preview) lives in us-east-1 of the commercial partition. */
const TROUBLESHOOTER_REGION = 'us-east-1';

export function accessTroubleshooterUrl(authorizationId: string, partition: string): string | null {
  if (partition !== 'aws' || !/^[0-9a-z]{1,128}$/.test(authorizationId)) return null;
  return `https://${TROUBLESHOOTER_REGION}.console.aws.amazon.com/iam/home?region=${TROUBLESHOOTER_REGION}#/authorization-details/${authorizationId}`;
}

/**
 * The troubleshooter link printed in a message, only if it really points at the IAM console's
 * authorization-details page on an AWS console host: page text must not pick our link targets.
 */
export function trustedTroubleshooterUrl(url: string | null | undefined): string | null {
  const parsed = plainHttpsUrl(url);
  if (!parsed || parsed.port || !partitionOfConsoleUrl(parsed.href)) return null;
  if (parsed.pathname !== '/iam/home') return null;
  if (!/^#\/authorization-details\/[0-9a-z]+$/.test(parsed.hash)) return null;
  return parsed.href;
}
