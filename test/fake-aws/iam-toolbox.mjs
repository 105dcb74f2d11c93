// IAM Toolbox (Preview), REST-JSON: AWS's record of each denied request, read by authorization ID.
//   GET /authorization-details/{authorizationId}?nextToken=…          GetRequestAuthorizationDetails
//   GET /authorization-details/{authorizationId}/policy?policyUri=…   GetRequestAuthorizationPolicy
// Shapes and errors from AWS's model (com.amazonaws.iamtoolbox, 2018-05-10) and API reference:
// https://docs.aws.amazon.com/iam-toolbox/latest/APIReference/API_GetRequestAuthorizationDetails.html

import { AwsError } from './errors.mjs';

/** AWS keeps each record "for at least 24 hours"; the fake forgets it at exactly that age. */
export const RECORD_RETENTION_HOURS = 24;
const DEFAULT_PAGE_SIZE = 100;
const ID_PATTERN = /^[0123456789abcdefghijklmnopqrstuvwxyz]+$/;
/** The model's ResourceNotFoundException documentation, used as its message. */
const NOT_FOUND =
  'The requested authorization details do not exist in this region or have expired. Verify that the authorization ID from the access denied error message is correct and the call is made in the region where the denial occurred. Ensure that the calling principal belongs to the same account or organization as the original denied request.';

/**
 * @typedef {{ type: string, inline?: boolean, uri: string, attachedTo?: { arn: string }[], document: unknown }} RecordedPolicy
 * @typedef {{ authorizationId: string, account: string, organizationId?: string | null, ageHours?: number, pageSize?: number,
 *             requestContext: Record<string, unknown>, evaluations: { action: string, resource: string, context?: Record<string, unknown>,
 *             evaluatedEffect?: string, matchedPolicies?: { uri: string, matchedStatements?: { sid?: string, evaluatedEffect?: string }[] }[] }[],
 *             policies: RecordedPolicy[] }} AuthorizationRecord
 */

/** Which operation a path is, or null. @param {string} method @param {string} path */
export function toolboxRoute(method, path) {
  if (method !== 'GET') return null;
  const match = /^\/authorization-details\/([^/]*)(\/policy)?$/.exec(path);
  if (!match) return null;
  return { action: match[2] ? 'GetRequestAuthorizationPolicy' : 'GetRequestAuthorizationDetails', authorizationId: decodeURIComponent(match[1] ?? '') };
}

/** restJson1 errors of this service carry `message`. @param {number} status @param {string} code @param {string} message */
const toolboxError = (status, code, message) => new AwsError(status, code, message, { messageKey: 'message' });

export const toolboxAccessDenied = (/** @type {string} */ callerArn, /** @type {string} */ action) =>
  toolboxError(403, 'AccessDeniedException', `User: ${callerArn} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`);

/**
 * The record the caller may read, or the error AWS gives. Access follows the recorded principal: with an
 * organization recorded the caller must be in it, otherwise in the recorded account; anything else reads
 * as "not found", as the API reference says.
 * @param {import('./world.mjs').World} world @param {string} authorizationId @param {{ accountId: string }} caller
 */
function recordFor(world, authorizationId, caller) {
  if (!ID_PATTERN.test(authorizationId)) throw toolboxError(400, 'ValidationException', `1 validation error detected: Value '${authorizationId}' at 'authorizationId' failed to satisfy constraint: Member must satisfy regular expression pattern: [0123456789abcdefghijklmnopqrstuvwxyz]+`);
  /** @type {AuthorizationRecord | undefined} */
  const record = (world.scenario.authorizationRecords ?? []).find((/** @type {AuthorizationRecord} */ r) => r.authorizationId === authorizationId);
  if (!record || (record.ageHours ?? 0) >= RECORD_RETENTION_HOURS) throw toolboxError(404, 'ResourceNotFoundException', NOT_FOUND);
  const org = world.scenario.organization;
  const inRecordedScope = record.organizationId
    ? org?.id === record.organizationId && Boolean(world.orgAccount(caller.accountId))
    : caller.accountId === record.account;
  if (!inRecordedScope) throw toolboxError(404, 'ResourceNotFoundException', NOT_FOUND);
  return record;
}

/** @param {string} token */
function pageStart(token) {
  const start = Number.parseInt(Buffer.from(token, 'base64url').toString('utf8').replace(/^page:/, ''), 10);
  if (!Number.isInteger(start) || start < 0) throw toolboxError(400, 'ValidationException', 'The nextToken is not valid.');
  return start;
}

/**
 * @param {'GetRequestAuthorizationDetails' | 'GetRequestAuthorizationPolicy'} action
 * @param {string} authorizationId @param {URLSearchParams} query
 * @param {import('./world.mjs').World} world @param {{ accountId: string }} caller
 */
export function handleToolbox(action, authorizationId, query, world, caller) {
  const record = recordFor(world, authorizationId, caller);
  if (action === 'GetRequestAuthorizationPolicy') {
    const uri = query.get('policyUri') ?? '';
    const policy = record.policies.find((p) => p.uri === uri);
    if (!policy) throw toolboxError(404, 'ResourceNotFoundException', NOT_FOUND);
    return { policyDocument: typeof policy.document === 'string' ? JSON.parse(policy.document) : policy.document };
  }
  const size = record.pageSize ?? DEFAULT_PAGE_SIZE;
  const token = query.get('nextToken');
  const start = token ? pageStart(token) : 0;
  const evaluations = record.evaluations.slice(start, start + size);
  const uris = new Set(evaluations.flatMap((e) => (e.matchedPolicies ?? []).map((m) => m.uri)));
  // Each page lists the policies its evaluations reference (the first page lists every evaluated one).
  const policies = record.policies.filter((p) => start === 0 || uris.has(p.uri)).map(({ document: _document, ...info }) => info);
  const next = start + size < record.evaluations.length ? Buffer.from(`page:${start + size}`).toString('base64url') : undefined;
  return { requestContext: record.requestContext, evaluations, policies, ...(next ? { nextToken: next } : {}) };
}
