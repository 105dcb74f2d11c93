// The options form, checked field by field with a message that says what to fix. The shapes are AWS's own:
// access key IDs (AKIA… long-term, ASIA… temporary), role and MFA ARNs, Region names, start URLs.
import type { Partition, ProfileField, ProfileInput, RoleToAssume } from '../../shared/protocol-profiles.ts';
import { endpointProblem, PROFILE_PATTERNS, regionProblem, roleProblems, urlProblem } from '../../shared/profile-rules.ts';
import type { SessionCredentials, StoredProfile } from './model.ts';
import { errorMessage } from '../../core/text.ts';

/** A field of the form that breaks a rule; `field` says which (null: the form as a whole), for the options page. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(readonly field: ProfileField | null, message: string) {
    super(message);
  }
}

function fail(field: ProfileField | null, message: string): never {
  throw new InputError(field, message);
}

const blankToNull = (value: string | null) => (value === null || value.trim() === '' ? null : value.trim());

function region(value: string, partition: Partition, field: 'region' | 'ssoRegion'): string {
  const problem = regionProblem(value, partition, field === 'region' ? 'Region' : 'Identity Center Region');
  if (problem) fail(field, problem);
  return value.trim();
}

/** https anywhere; plain http only to this machine (tests and local compatible endpoints). */
export function checkedUrl(value: string, label: string, field: ProfileField | null = null): string {
  const problem = urlProblem(value, label);
  if (problem) fail(field, problem);
  return new URL(value.trim()).href.replace(/\/$/, '');
}

/** An endpoint override of the profile's partition, or (with "custom endpoint") any https or local one. */
export function checkedEndpoint(value: string, partition: Partition, custom: boolean): string {
  const problem = endpointProblem(value, partition, custom);
  if (problem) fail('endpoint', problem);
  return new URL(value.trim()).href.replace(/\/$/, '');
}

function role(input: RoleToAssume, partition: Partition): RoleToAssume {
  const problems = roleProblems(input, partition);
  const first = (['roleArn', 'externalId', 'mfaSerial'] as const).find((field) => problems[field]);
  if (first) fail(first, problems[first]!);
  return { roleArn: input.roleArn.trim(), externalId: blankToNull(input.externalId), mfaSerial: blankToNull(input.mfaSerial) };
}

export interface CheckedInput {
  profile: StoredProfile;
  /** A new long-term secret to store (null: keep the saved one). */
  secretAccessKey: string | null;
  /** New temporary keys for storage.session (null: keep those of this browser session). */
  temporaryKeys: SessionCredentials | null;
  /** Something that decides who the profile signs in as changed: cached role credentials no longer apply. */
  identityChanged: boolean;
}

/**
 * `existing` is the stored profile being edited; `existingSecret` says whether a secret (long-term) or
 * temporary keys (temporary) are already saved for it, so an edit need not re-enter them.
 */
export function checkProfileInput(input: ProfileInput, id: string, existing: StoredProfile | null, existingSecret: boolean): CheckedInput {
  const name = input.name.trim();
  if (!name) fail('name', 'Name: give the profile a name.');
  if (existing && existing.kind !== input.kind) fail(null, 'A profile cannot change kind: add a new profile instead.');
  const partition = input.partition;
  const endpoint = blankToNull(input.endpoint);
  const common = {
    id,
    name,
    partition,
    region: region(input.region, partition, 'region'),
    endpoint: endpoint === null ? null : checkedEndpoint(endpoint, partition, input.customEndpoint),
    customEndpoint: endpoint !== null && input.customEndpoint,
    lastTest: null,
  };

  if (input.kind === 'identity-center') {
    const startUrl = blankToNull(input.startUrl) ?? fail('startUrl', 'Start URL: enter your AWS access portal URL, like https://d-1234567890.awsapps.com/start.');
    const ssoRegion = region(blankToNull(input.ssoRegion) ?? fail('ssoRegion', 'Identity Center Region: enter the Region of your Identity Center instance.'), partition, 'ssoRegion');
    const checkedStart = checkedUrl(startUrl, 'Start URL', 'startUrl');
    const same = existing?.kind === 'identity-center' && existing.startUrl === checkedStart && existing.ssoRegion === ssoRegion;
    return {
      profile: {
        ...common,
        lastTest: same ? existing.lastTest : null,
        kind: 'identity-center',
        startUrl: checkedStart,
        ssoRegion,
        assignments: same ? existing.assignments : [],
        preferredRoles: same ? existing.preferredRoles : {},
      },
      secretAccessKey: null,
      temporaryKeys: null,
      identityChanged: !same || existing?.endpoint !== common.endpoint || existing.customEndpoint !== common.customEndpoint,
    };
  }

  const credentialKind = input.credentialKind ?? fail(null, 'Credentials: choose long-term keys or temporary keys.');
  const accessKeyId = blankToNull(input.accessKeyId) ?? fail('accessKeyId', 'Access key ID: enter the access key ID.');
  if (!PROFILE_PATTERNS.accessKeyId.test(accessKeyId)) fail('accessKeyId', 'Access key ID: 16 to 128 capital letters and digits, like AKIAIOSFODNN7EXAMPLE.');
  if (credentialKind === 'long-term' && accessKeyId.startsWith('ASIA'))
    fail('accessKeyId', 'Access key ID: ASIA… keys are temporary. Choose "temporary keys" and paste the session token too.');
  if (credentialKind === 'temporary' && accessKeyId.startsWith('AKIA'))
    fail('accessKeyId', 'Access key ID: AKIA… keys are long-term keys; they have no session token. Choose "long-term keys".');

  const secret = blankToNull(input.secretAccessKey);
  const token = blankToNull(input.sessionToken);
  if (secret !== null && !PROFILE_PATTERNS.noSpace.test(secret)) fail('secretAccessKey', 'Secret access key: it has no spaces; paste it again.');
  if (token !== null && !PROFILE_PATTERNS.noSpace.test(token)) fail('sessionToken', 'Session token: it has no spaces; paste it again.');
  const sameKeys = existing?.kind === 'keys' && existing.accessKeyId === accessKeyId && existing.credentialKind === credentialKind && existingSecret;

  let temporaryKeys: SessionCredentials | null = null;
  if (credentialKind === 'long-term') {
    if (token !== null) fail('sessionToken', 'Session token: long-term keys have none. Leave it empty, or choose "temporary keys".');
    if (secret === null && !sameKeys) fail('secretAccessKey', 'Secret access key: enter the secret access key that belongs to this access key ID.');
  } else if (secret !== null || token !== null || !sameKeys) {
    if (secret === null || token === null) fail('sessionToken', 'Temporary keys: enter the secret access key and the session token together.');
    temporaryKeys = { accessKeyId, secretAccessKey: secret, sessionToken: token, expiresAt: null };
  }

  const assumed = input.role && input.role.roleArn.trim() ? role(input.role, partition) : null;
  // The last Test still says who these credentials are only if nothing that decides it changed.
  const keepTest = existing?.kind === 'keys' && sameKeys && secret === null && token === null
    && existing.role?.roleArn === assumed?.roleArn && existing.role?.externalId === assumed?.externalId
    && existing.role?.mfaSerial === assumed?.mfaSerial && existing.endpoint === common.endpoint && existing.customEndpoint === common.customEndpoint && existing.partition === partition;
  return {
    profile: { ...common, lastTest: keepTest ? existing.lastTest : null, kind: 'keys', credentialKind, accessKeyId, role: assumed },
    secretAccessKey: credentialKind === 'long-term' ? secret : null,
    temporaryKeys,
    identityChanged: !keepTest,
  };
}

/** The form a stored profile was saved from: re-checking it applies the rules of entry again. */
function inputOf(profile: StoredProfile): ProfileInput {
  const common = { id: profile.id, name: profile.name, partition: profile.partition, region: profile.region, endpoint: profile.endpoint, customEndpoint: profile.customEndpoint };
  const none = { secretAccessKey: null, sessionToken: null };
  return profile.kind === 'identity-center'
    ? { ...common, ...none, kind: 'identity-center', credentialKind: null, accessKeyId: null, role: null, startUrl: profile.startUrl, ssoRegion: profile.ssoRegion }
    : { ...common, ...none, kind: 'keys', credentialKind: profile.credentialKind, accessKeyId: profile.accessKeyId, role: profile.role, startUrl: null, ssoRegion: null };
}

/**
 * Why a stored profile must not be used (null: it passes the rules it was entered with, and reads back exactly as
 * they would have saved it). Storage outlives versions and may have been written by something else than us.
 */
export function storedProfileProblem(profile: StoredProfile): string | null {
  try {
    const again = checkProfileInput(inputOf(profile), profile.id, profile, true).profile;
    for (const key of Object.keys(again) as (keyof StoredProfile)[])
      if (JSON.stringify(again[key]) !== JSON.stringify(profile[key])) return `profile ${profile.id}: ${key} is not as the options page saves it`;
    return null;
  } catch (error) {
    return `profile ${profile.id}: ${errorMessage(error)}`;
  }
}
