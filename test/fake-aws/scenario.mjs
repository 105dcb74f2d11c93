// Scenario files: test/fake-aws/scenarios/<name>.json. Loading, listing and validation with clear errors.
// The schema is documented in README.md; this file is its executable form.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRootArn, parseAssumedRoleArn, parseIamArn } from './arn.mjs';
import { validateFault } from './faults.mjs';
import { policyObject, statementsOf } from './policy-text.mjs';

// import.meta.dirname rather than import.meta.url: the project's Vite config redefines import.meta.url for bundles.
const HERE = import.meta.dirname;
export const SCENARIO_DIR = join(HERE, 'scenarios');

/** AWS managed policies any scenario may attach by ARN. */
export const AWS_MANAGED_POLICIES = JSON.parse(readFileSync(join(HERE, 'aws-managed-policies.json'), 'utf8')).policies;

const BLOCKING_LAYERS = [
  'identity', 'resource', 'permissions-boundary', 'session', 'scp', 'rcp', 'vpc-endpoint', 'role-trust',
  'billing-access-setting', 'none-found', 'not-simulated',
];
const PROBLEM_KINDS = [
  'missing-permission', 'throttled', 'expired-credentials', 'invalid-credentials', 'clock-skew', 'network',
  'server-error', 'not-simulatable', 'no-profile', 'sign-in-required', 'unknown',
];
const ACCOUNT_ID = /^\d{12}$/;
const ACTION_PATTERN = /^[a-z0-9-]+:[A-Za-z0-9*?]+$|^\*$/;

export class ScenarioError extends Error {}

/** Collects every problem in a scenario, each with the JSON path where it is. */
class Checker {
  /** @param {string} name */
  constructor(name) {
    this.name = name;
    /** @type {string[]} */
    this.problems = [];
  }

  /** @param {string} path @param {string} message */
  fail(path, message) {
    this.problems.push(`${path}: ${message}`);
  }

  /** @param {string} path @param {unknown} value @param {string} type */
  is(path, value, type) {
    const actual = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
    if (actual !== type) this.fail(path, `expected ${type}, got ${actual}`);
    return actual === type;
  }

  /** @param {string} path @param {unknown} value @param {RegExp} pattern @param {string} what */
  matches(path, value, pattern, what) {
    if (typeof value !== 'string' || !pattern.test(value)) {
      this.fail(path, `expected ${what}, got ${JSON.stringify(value)}`);
      return false;
    }
    return true;
  }

  /** @param {string} path @param {unknown} value @param {readonly string[]} allowed */
  oneOf(path, value, allowed) {
    if (!allowed.includes(/** @type {string} */ (value))) this.fail(path, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }

  /** @param {string} path @param {unknown} value */
  /** `trust`: a role trust policy, whose statements name a Principal instead of a Resource. */
  policyDocument(path, value, trust = false) {
    let policy;
    try {
      policy = policyObject(/** @type {any} */ (value));
    } catch (e) {
      this.fail(path, `policy text is not JSON (${/** @type {Error} */ (e).message})`);
      return;
    }
    if (!policy || typeof policy !== 'object') return this.fail(path, 'expected a policy document');
    if (policy.Version !== '2012-10-17' && policy.Version !== '2008-10-17') this.fail(`${path}.Version`, 'expected "2012-10-17"');
    const statements = statementsOf(policy);
    if (statements.length === 0) this.fail(`${path}.Statement`, 'expected at least one statement');
    statements.forEach((s, i) => {
      const at = `${path}.Statement[${i}]`;
      if (s.Effect !== 'Allow' && s.Effect !== 'Deny') this.fail(`${at}.Effect`, 'expected "Allow" or "Deny"');
      if (!('Action' in s) && !('NotAction' in s)) this.fail(at, 'needs Action or NotAction');
      if (trust) {
        if (!('Principal' in s) && !('NotPrincipal' in s)) this.fail(at, 'a trust policy statement needs Principal');
      } else if (!('Resource' in s) && !('NotResource' in s)) this.fail(at, 'needs Resource or NotResource');
      for (const [key, v] of Object.entries(s)) if (v === undefined) this.fail(`${at}.${key}`, 'is undefined');
    });
  }

  /** @param {string} path @param {unknown} value */
  allowList(path, value) {
    if (value === '*') return;
    if (!Array.isArray(value)) return this.fail(path, 'expected "*" or a list of actions');
    value.forEach((a, i) => this.matches(`${path}[${i}]`, a, ACTION_PATTERN, 'an action like "iam:GetRole" or "iam:List*"'));
  }
}

/**
 * Checks a parsed scenario and returns it; throws ScenarioError listing every problem.
 * @param {any} scenario
 * @param {string} [expectedName] the file name, which must equal `name`
 */
export function validateScenario(scenario, expectedName) {
  const c = new Checker(expectedName ?? scenario?.name ?? '?');
  if (!c.is('$', scenario, 'object')) throw new ScenarioError(`scenario "${c.name}" is invalid:\n  ${c.problems.join('\n  ')}`);
  if (c.is('name', scenario.name, 'string') && expectedName && scenario.name !== expectedName) {
    c.fail('name', `must equal the file name "${expectedName}"`);
  }
  c.is('description', scenario.description, 'string');

  const managedArns = new Set(AWS_MANAGED_POLICIES.map((/** @type {any} */ p) => p.arn));
  (scenario.managedPolicies ?? []).forEach((/** @type {any} */ p, /** @type {number} */ i) => {
    const at = `managedPolicies[${i}]`;
    const arn = parseIamArn(p?.arn ?? '');
    if (!arn || arn.type !== 'policy') return c.fail(`${at}.arn`, `expected a policy ARN, got ${JSON.stringify(p?.arn)}`);
    if (p.name !== arn.name) c.fail(`${at}.name`, `must equal the ARN's name "${arn.name}"`);
    if ((p.path ?? '/') !== arn.path) c.fail(`${at}.path`, `must equal the ARN's path "${arn.path}"`);
    c.matches(`${at}.defaultVersionId`, p.defaultVersionId ?? 'v1', /^v\d+$/, 'a version id like "v1"');
    c.policyDocument(`${at}.document`, p.document);
    managedArns.add(p.arn);
  });

  /** @param {string} at @param {any} entity */
  const checkPolicies = (at, entity) => {
    if (entity.inlinePolicies !== undefined && c.is(`${at}.inlinePolicies`, entity.inlinePolicies, 'object')) {
      for (const [name, doc] of Object.entries(entity.inlinePolicies)) c.policyDocument(`${at}.inlinePolicies.${name}`, doc);
    }
    (entity.managedPolicies ?? []).forEach((/** @type {string} */ arn, /** @type {number} */ i) => {
      if (!managedArns.has(arn)) c.fail(`${at}.managedPolicies[${i}]`, `policy ${arn} is not defined in managedPolicies or aws-managed-policies.json`);
    });
    if (entity.permissionsBoundary != null && !managedArns.has(entity.permissionsBoundary)) {
      c.fail(`${at}.permissionsBoundary`, `policy ${entity.permissionsBoundary} is not defined`);
    }
  };

  const groupKeys = new Set();
  (scenario.groups ?? []).forEach((/** @type {any} */ g, /** @type {number} */ i) => {
    const at = `groups[${i}]`;
    c.is(`${at}.name`, g?.name, 'string');
    c.matches(`${at}.accountId`, g?.accountId, ACCOUNT_ID, 'a 12-digit account id');
    groupKeys.add(`${g?.accountId}/${g?.name}`);
    checkPolicies(at, g ?? {});
  });

  const principals = new Set();
  (scenario.users ?? []).forEach((/** @type {any} */ u, /** @type {number} */ i) => {
    const at = `users[${i}]`;
    const arn = parseIamArn(u?.arn ?? '');
    if (!arn || arn.type !== 'user') return c.fail(`${at}.arn`, `expected an IAM user ARN like arn:aws:iam::111111111111:user/name, got ${JSON.stringify(u?.arn)}`);
    principals.add(u.arn);
    (u.groups ?? []).forEach((/** @type {string} */ g, /** @type {number} */ j) => {
      if (!groupKeys.has(`${arn.accountId}/${g}`)) c.fail(`${at}.groups[${j}]`, `group "${g}" is not defined in account ${arn.accountId}`);
    });
    checkPolicies(at, u);
  });

  const roleNames = new Set();
  (scenario.roles ?? []).forEach((/** @type {any} */ r, /** @type {number} */ i) => {
    const at = `roles[${i}]`;
    const arn = parseIamArn(r?.arn ?? '');
    if (!arn || arn.type !== 'role') return c.fail(`${at}.arn`, `expected an IAM role ARN, got ${JSON.stringify(r?.arn)}`);
    principals.add(r.arn);
    roleNames.add(`${arn.accountId}/${arn.name}`);
    checkPolicies(at, r);
    if (r.trustPolicy != null) c.policyDocument(`${at}.trustPolicy`, r.trustPolicy, true);
    if (r.externalId != null) c.is(`${at}.externalId`, r.externalId, 'string');
    if (r.requireMfa !== undefined) c.is(`${at}.requireMfa`, r.requireMfa, 'boolean');
    if (r.allow !== undefined) c.allowList(`${at}.allow`, r.allow);
  });

  const keyIds = new Set();
  if (c.is('credentials', scenario.credentials, 'array') && scenario.credentials.length === 0) {
    c.fail('credentials', 'needs at least one credential (the first is the diagnosing profile)');
  }
  (scenario.credentials ?? []).forEach((/** @type {any} */ k, /** @type {number} */ i) => {
    const at = `credentials[${i}]`;
    if (!c.matches(`${at}.accessKeyId`, k?.accessKeyId, /^(AKIA|ASIA)[A-Z0-9]{12,124}$/, 'an access key id starting AKIA or ASIA')) return;
    if (keyIds.has(k.accessKeyId)) c.fail(`${at}.accessKeyId`, 'is used twice');
    keyIds.add(k.accessKeyId);
    c.is(`${at}.secretAccessKey`, k.secretAccessKey, 'string');
    const temporary = k.accessKeyId.startsWith('ASIA');
    if (temporary && typeof k.sessionToken !== 'string') c.fail(`${at}.sessionToken`, 'temporary (ASIA) keys need a session token');
    if (!temporary && k.sessionToken != null) c.fail(`${at}.sessionToken`, 'long-term (AKIA) keys have no session token');
    if (k.expiresAt != null && Number.isNaN(Date.parse(k.expiresAt))) c.fail(`${at}.expiresAt`, 'expected an ISO 8601 time or null');
    if (typeof k.principal !== 'string' || !(parseIamArn(k.principal)?.type === 'user' || parseAssumedRoleArn(k.principal) || isRootArn(k.principal))) {
      c.fail(`${at}.principal`, `expected a user, assumed-role or root ARN, got ${JSON.stringify(k.principal)}`);
    }
    // A profile's own IAM user exists even when `users` does not list it (World creates it without policies).
    if (parseIamArn(k.principal ?? '')?.type === 'user') principals.add(k.principal);
    const session = parseAssumedRoleArn(k.principal ?? '');
    if (session && !roleNames.has(`${session.accountId}/${session.roleName}`)) {
      c.fail(`${at}.principal`, `role "${session.roleName}" of this session is not defined in roles`);
    }
    c.allowList(`${at}.allow`, k.allow);
    if (k.mfa !== undefined) {
      c.is(`${at}.mfa.serialNumber`, k.mfa?.serialNumber, 'string');
      c.matches(`${at}.mfa.tokenCode`, k.mfa?.tokenCode, /^\d{6}$/, 'a 6-digit code');
    }
  });

  const org = scenario.organization;
  const orgNodes = new Set();
  if (org != null) {
    c.matches('organization.id', org.id, /^o-[a-z0-9]{10,32}$/, 'an organization id like o-exmpl12345');
    c.matches('organization.managementAccountId', org.managementAccountId, ACCOUNT_ID, 'a 12-digit account id');
    c.matches('organization.rootId', org.rootId, /^r-[0-9a-z]{4,32}$/, 'a root id like r-ab12');
    orgNodes.add(org.rootId);
    (org.ous ?? []).forEach((/** @type {any} */ ou, /** @type {number} */ i) => {
      c.matches(`organization.ous[${i}].id`, ou?.id, /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/, 'an OU id like ou-ab12-11111111');
      c.is(`organization.ous[${i}].name`, ou?.name, 'string');
      if (!orgNodes.has(ou?.parentId)) c.fail(`organization.ous[${i}].parentId`, `"${ou?.parentId}" is not the root or an OU listed before this one`);
      orgNodes.add(ou?.id);
    });
    const accountIds = new Set();
    (org.accounts ?? []).forEach((/** @type {any} */ a, /** @type {number} */ i) => {
      c.matches(`organization.accounts[${i}].id`, a?.id, ACCOUNT_ID, 'a 12-digit account id');
      c.is(`organization.accounts[${i}].name`, a?.name, 'string');
      if (!orgNodes.has(a?.parentId)) c.fail(`organization.accounts[${i}].parentId`, `"${a?.parentId}" is not the root or an OU`);
      accountIds.add(a?.id);
    });
    if (!accountIds.has(org.managementAccountId)) c.fail('organization.accounts', `must include the management account ${org.managementAccountId}`);
    for (const a of accountIds) orgNodes.add(a);
    (org.delegatedAdministrators ?? []).forEach((/** @type {string} */ a, /** @type {number} */ i) => {
      if (!accountIds.has(a)) c.fail(`organization.delegatedAdministrators[${i}]`, `${a} is not an account of the organization`);
    });
    (org.policies ?? []).forEach((/** @type {any} */ p, /** @type {number} */ i) => {
      const at = `organization.policies[${i}]`;
      c.oneOf(`${at}.type`, p?.type, ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY']);
      c.matches(`${at}.id`, p?.id, p?.awsManaged ? /^p-[A-Za-z0-9]+$/ : /^p-[0-9a-z]{8,128}$/, 'a policy id like p-abcd1234');
      c.is(`${at}.name`, p?.name, 'string');
      c.policyDocument(`${at}.document`, p?.document);
      if (c.is(`${at}.targets`, p?.targets, 'array')) {
        p.targets.forEach((/** @type {string} */ t, /** @type {number} */ j) => {
          if (!orgNodes.has(t)) c.fail(`${at}.targets[${j}]`, `"${t}" is not the root, an OU or an account of the organization`);
        });
      }
    });
  }

  const ic = scenario.identityCenter;
  if (ic != null) {
    c.matches('identityCenter.startUrl', ic.startUrl, /^https:\/\/\S+$/, 'an https start URL');
    c.is('identityCenter.region', ic.region, 'string');
    if (!(Number.isInteger(ic.tokenTtlSeconds) && ic.tokenTtlSeconds > 0)) c.fail('identityCenter.tokenTtlSeconds', 'expected a positive integer');
    c.is('identityCenter.refreshable', ic.refreshable, 'boolean');
    if (ic.pollIntervalSeconds !== undefined && !(Number.isInteger(ic.pollIntervalSeconds) && ic.pollIntervalSeconds >= 0)) {
      c.fail('identityCenter.pollIntervalSeconds', 'expected an integer >= 0');
    }
    if (ic.deviceCodeTtlSeconds !== undefined && !(Number.isInteger(ic.deviceCodeTtlSeconds) && ic.deviceCodeTtlSeconds > 0)) {
      c.fail('identityCenter.deviceCodeTtlSeconds', 'expected a positive integer');
    }
    (ic.assignments ?? []).forEach((/** @type {any} */ a, /** @type {number} */ i) => {
      c.matches(`identityCenter.assignments[${i}].accountId`, a?.accountId, ACCOUNT_ID, 'a 12-digit account id');
      c.is(`identityCenter.assignments[${i}].roleName`, a?.roleName, 'string');
      if (!keyIds.has(a?.accessKeyId)) c.fail(`identityCenter.assignments[${i}].accessKeyId`, `${a?.accessKeyId} is not in credentials`);
    });
  }

  (scenario.faults ?? []).forEach((/** @type {any} */ f, /** @type {number} */ i) => {
    for (const problem of validateFault(f)) c.fail(`faults[${i}]`, problem);
  });

  if (scenario.simulatorDisagrees !== undefined) c.is('simulatorDisagrees', scenario.simulatorDisagrees, 'string');
  (scenario.authorizationRecords ?? []).forEach((/** @type {any} */ r, /** @type {number} */ i) => {
    const at = `authorizationRecords[${i}]`;
    c.matches(`${at}.authorizationId`, r?.authorizationId, /^[0-9a-z]+$/, 'lowercase letters and digits');
    c.matches(`${at}.account`, r?.account, ACCOUNT_ID, 'a 12-digit account id');
    c.is(`${at}.requestContext`, r?.requestContext, 'object');
    c.is(`${at}.evaluations`, r?.evaluations, 'array');
    if (c.is(`${at}.policies`, r?.policies, 'array')) {
      const uris = new Set(r.policies.map((/** @type {any} */ p) => p?.uri));
      r.policies.forEach((/** @type {any} */ p, /** @type {number} */ j) => c.policyDocument(`${at}.policies[${j}].document`, p?.document));
      (r.evaluations ?? []).forEach((/** @type {any} */ e, /** @type {number} */ j) =>
        (e?.matchedPolicies ?? []).forEach((/** @type {any} */ m, /** @type {number} */ k) => {
          if (!uris.has(m?.uri)) c.fail(`${at}.evaluations[${j}].matchedPolicies[${k}].uri`, `${m?.uri} is not in the record's policies`);
        }),
      );
    }
  });

  (scenario.buckets ?? []).forEach((/** @type {any} */ b, /** @type {number} */ i) => {
    c.matches(`buckets[${i}].name`, b?.name, /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name');
    c.matches(`buckets[${i}].account`, b?.account, ACCOUNT_ID, 'a 12-digit account id');
    if (b?.policy != null) c.policyDocument(`buckets[${i}].policy`, b.policy);
  });

  if (c.is('denial', scenario.denial, 'string')) {
    const principal = /^User: (arn:\S+) is not authorized/.exec(scenario.denial)?.[1];
    const session = principal ? parseAssumedRoleArn(principal) : null;
    if (principal && !principals.has(principal) && !(session && roleNames.has(`${session.accountId}/${session.roleName}`))) {
      c.fail('denial', `the denied principal ${principal} is not defined in users or roles`);
    }
  }
  const ex = scenario.expect;
  if (c.is('expect', ex, 'object')) {
    c.oneOf('expect.blockingLayer', ex.blockingLayer, BLOCKING_LAYERS);
    if (ex.status !== undefined) c.oneOf('expect.status', ex.status, ['done', 'partial', 'failed']);
    for (const key of ['policyName', 'policyArn', 'statementSid', 'attachedTo']) {
      if (ex[key] !== undefined && ex[key] !== null && typeof ex[key] !== 'string') c.fail(`expect.${key}`, 'expected a string or null');
    }
    if (ex.decidingConditions !== undefined) c.is('expect.decidingConditions', ex.decidingConditions, 'array');
    (ex.problems ?? []).forEach((/** @type {any} */ p, /** @type {number} */ i) => c.oneOf(`expect.problems[${i}].kind`, p?.kind, PROBLEM_KINDS));
    if (ex.orProblem !== undefined) c.oneOf('expect.orProblem', ex.orProblem, PROBLEM_KINDS);
  }
  if (scenario.client !== undefined && !Number.isInteger(scenario.client?.clockOffsetSeconds ?? 0)) {
    c.fail('client.clockOffsetSeconds', 'expected an integer');
  }

  if (c.problems.length > 0) throw new ScenarioError(`scenario "${c.name}" is invalid:\n  ${c.problems.join('\n  ')}`);
  return scenario;
}

/** Names of the scenario files, sorted. */
export function listScenarios() {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/**
 * Reads test/fake-aws/scenarios/<name>.json, validates it and returns it (a fresh object each call).
 * @param {string} name
 */
export function loadScenario(name) {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new ScenarioError(`scenario name "${name}" must be lower-case letters, digits and dashes`);
  let text;
  try {
    text = readFileSync(join(SCENARIO_DIR, `${name}.json`), 'utf8');
  } catch {
    throw new ScenarioError(`no scenario "${name}" in ${SCENARIO_DIR} (have: ${listScenarios().join(', ')})`);
  }
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ScenarioError(`scenario "${name}" is not valid JSON: ${/** @type {Error} */ (e).message}`);
  }
  return validateScenario(parsed, name);
}
