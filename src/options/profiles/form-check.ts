// The profile form checked as a whole before it is sent: every field's problem at once, each shown under its field.
// The shapes come from the rules the worker applies (shared/profile-rules.ts); the worker still checks everything
// again, and what only it can know (a name already taken) comes back with the field it is about (ProfileField),
// shown under that field; what concerns no field (a locked vault) is a message for the form.
import { endpointProblem, PROFILE_PATTERNS, regionProblem, roleProblems, urlProblem } from '../../shared/profile-rules.ts';
import type { ProfileField, ProfileView } from '../../shared/protocol-profiles.ts';
import { toInput, type Fields, type FormKind } from './profile-form-input.ts';

export type FieldProblems = Partial<Record<ProfileField, string>>;

/** The order of the fields on the form: the first one with a problem gets the focus. */
export const FIELD_ORDER: readonly ProfileField[] = ['name', 'accessKeyId', 'secretAccessKey', 'sessionToken', 'startUrl', 'ssoRegion', 'region', 'endpoint', 'roleArn', 'externalId', 'mfaSerial'];

/** The fields folded under "Advanced": a problem there opens it. */
export const ADVANCED_FIELDS: ReadonlySet<ProfileField> = new Set(['region', 'endpoint', 'roleArn', 'externalId', 'mfaSerial']);

/** A message shown under its field loses the label prefix the field already shows (a leading word, not a value, gets a capital). */
export function underField(message: string): string {
  const rest = message.replace(/^[^:]+: /, '');
  return /^[a-z]+ /.test(rest) ? rest.charAt(0).toUpperCase() + rest.slice(1) : rest;
}

const blank = (s: string) => s.trim() === '';

function keyProblems(f: Fields, existing: ProfileView | null): FieldProblems {
  const problems: FieldProblems = {};
  const input = toInput('keys', f, existing);
  const accessKeyId = f.accessKeyId.trim();
  if (!accessKeyId) problems.accessKeyId = 'Access key ID: enter the access key ID.';
  else if (!PROFILE_PATTERNS.accessKeyId.test(accessKeyId)) problems.accessKeyId = 'Access key ID: 16 to 128 capital letters and digits, like AKIAIOSFODNN7EXAMPLE.';
  else if (input.credentialKind === 'temporary' && accessKeyId.startsWith('AKIA'))
    problems.accessKeyId = 'Access key ID: AKIA… keys are long-term keys; they have no session token. Leave the session token empty.';
  if (!blank(f.secretAccessKey) && !PROFILE_PATTERNS.noSpace.test(f.secretAccessKey.trim())) problems.secretAccessKey = 'Secret access key: it has no spaces; paste it again.';
  if (!blank(f.sessionToken) && !PROFILE_PATTERNS.noSpace.test(f.sessionToken.trim())) problems.sessionToken = 'Session token: it has no spaces; paste it again.';
  // An edit may leave the secrets empty to keep the saved ones, as long as the key they belong to is the same.
  const keysKept = existing !== null && existing.accessKeyId === accessKeyId && existing.credentialKind === input.credentialKind
    && (input.credentialKind === 'temporary' ? existing.temporaryKeysPresent : existing.secretSaved);
  if (input.credentialKind === 'long-term') {
    if (blank(f.secretAccessKey) && !keysKept) problems.secretAccessKey ??= 'Secret access key: enter the secret access key that belongs to this access key ID.';
  } else if (!keysKept || !blank(f.secretAccessKey) || !blank(f.sessionToken)) {
    if (blank(f.secretAccessKey)) problems.secretAccessKey ??= 'Secret access key: temporary keys come with one; paste it with the session token.';
    if (blank(f.sessionToken)) problems.sessionToken ??= 'Session token: temporary (ASIA…) keys come with a session token; paste it too.';
  }
  if (input.role) Object.assign(problems, roleProblems(input.role, f.partition));
  return problems;
}

function identityCenterProblems(f: Fields): FieldProblems {
  const problems: FieldProblems = {};
  if (blank(f.startUrl)) problems.startUrl = 'Start URL: enter your AWS access portal URL, like https://d-1234567890.awsapps.com/start.';
  else {
    const problem = urlProblem(f.startUrl, 'Start URL');
    if (problem) problems.startUrl = problem;
  }
  if (blank(f.ssoRegion)) problems.ssoRegion = 'Identity Center Region: enter the Region of your Identity Center instance.';
  else {
    const problem = regionProblem(f.ssoRegion, f.partition, 'Identity Center Region');
    if (problem) problems.ssoRegion = problem;
  }
  return problems;
}

/** Every problem of the form, each worded for the place under its field. */
export function formProblems(kind: FormKind, f: Fields, existing: ProfileView | null): FieldProblems {
  const problems: FieldProblems = kind === 'keys' ? keyProblems(f, existing) : identityCenterProblems(f);
  if (blank(f.name)) problems.name = 'Name: give the profile a name.';
  // An Identity Center profile without a home Region uses its Identity Center Region, checked above.
  if (kind === 'keys' || !blank(f.region)) {
    const problem = regionProblem(f.region, f.partition, 'Region');
    if (problem) problems.region = problem;
  }
  if (!blank(f.endpoint)) {
    const problem = endpointProblem(f.endpoint, f.partition, f.customEndpoint);
    if (problem) problems.endpoint = problem;
  }
  const shown: FieldProblems = {};
  for (const key of FIELD_ORDER) if (problems[key]) shown[key] = underField(problems[key]);
  return shown;
}
