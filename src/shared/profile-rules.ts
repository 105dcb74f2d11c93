// The shapes of a profile's fields (AWS's own: access key IDs, Region names, role and MFA ARNs, URLs), shared by the
// worker, which refuses a profile that breaks one, and the options page, which shows every problem at once under
// its field. Each check returns what to fix, or null.
import type { Partition, RoleToAssume } from './protocol-profiles.ts';

export const PROFILE_PATTERNS = {
  accessKeyId: /^[A-Z0-9]{16,128}$/,
  noSpace: /^\S+$/,
  region: /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/,
  roleArn: /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/,
  externalId: /^[\w+=,.@:/-]{2,1224}$/,
  mfaSerial: /^(arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:mfa\/[\w+=,.@/-]{1,512}|(?!arn:)[\w+=/:,.@-]{9,256})$/,
} as const;

/** Region prefixes that belong to each partition. */
const PARTITION_OF_REGION: readonly [RegExp, Partition][] = [[/^cn-/, 'aws-cn'], [/^us-gov-/, 'aws-us-gov'], [/^/, 'aws']];

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The host names of each partition's AWS endpoints. */
const AWS_ENDPOINT_SUFFIX: Record<Partition, string> = { aws: '.amazonaws.com', 'aws-us-gov': '.amazonaws.com', 'aws-cn': '.amazonaws.com.cn' };

export function regionProblem(value: string, partition: Partition, field: string): string | null {
  const r = value.trim();
  if (!PROFILE_PATTERNS.region.test(r)) return `${field}: "${r}" is not a Region name like us-east-1.`;
  const expected = PARTITION_OF_REGION.find(([prefix]) => prefix.test(r))?.[1];
  return expected === partition ? null : `${field}: ${r} is a Region of the ${expected} partition, not ${partition}.`;
}

/** https anywhere; plain http only to this machine (tests and local compatible endpoints). */
export function urlProblem(value: string, field: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return `${field}: "${value.trim()}" is not a URL.`;
  }
  if (url.username || url.password) return `${field}: a URL with a user name or password in it is not accepted.`;
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)))
    return `${field}: use https (plain http is accepted only for 127.0.0.1 or localhost).`;
  return null;
}

/**
 * An endpoint override must be an https AWS endpoint of the profile's partition, unless the user turned on
 * "custom endpoint" for the profile: every call, signed with the profile's credentials (and an Identity Center
 * bearer token), goes to that host.
 */
export function endpointProblem(value: string, partition: Partition, custom: boolean): string | null {
  const problem = urlProblem(value, 'Endpoint override');
  if (problem || custom) return problem;
  const url = new URL(value.trim());
  if (url.protocol !== 'https:' || !url.hostname.endsWith(AWS_ENDPOINT_SUFFIX[partition]))
    return `Endpoint override: ${url.host} is not an AWS endpoint of the ${partition} partition. Turn on "Custom endpoint" to send this profile's calls there anyway.`;
  return null;
}

/** What is wrong with each field of a role to assume (an empty object: nothing). */
export function roleProblems(input: RoleToAssume, partition: Partition): Partial<Record<keyof RoleToAssume, string>> {
  const problems: Partial<Record<keyof RoleToAssume, string>> = {};
  const match = PROFILE_PATTERNS.roleArn.exec(input.roleArn.trim());
  if (!match) problems.roleArn = `Role ARN: "${input.roleArn.trim()}" is not a role ARN like arn:aws:iam::123456789012:role/Name.`;
  else if (match[1] !== partition) problems.roleArn = `Role ARN: the role is in the ${match[1]} partition, the profile in ${partition}.`;
  const externalId = input.externalId?.trim();
  if (externalId && !PROFILE_PATTERNS.externalId.test(externalId)) problems.externalId = 'External ID: 2 to 1224 letters, digits or +=,.@:/- characters.';
  const mfaSerial = input.mfaSerial?.trim();
  if (mfaSerial && !PROFILE_PATTERNS.mfaSerial.test(mfaSerial))
    problems.mfaSerial = 'MFA serial: an MFA device ARN like arn:aws:iam::123456789012:mfa/name, or a hardware serial number.';
  return problems;
}
