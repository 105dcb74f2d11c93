// Errors the fake returns, and how each protocol spells the authentication failures.

/**
 * An AWS service error. `fields` are extra members of a JSON error body (e.g. Reason, the OAuth `error`).
 * JSON services spell the message member `Message` in their own errors and `message` in the common
 * authentication errors; SSO OIDC calls it `error_description`.
 */
export class AwsError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   * @param {{ fields?: Record<string, string>, messageKey?: 'Message' | 'message' | 'error_description' }} [options]
   */
  constructor(status, code, message, options = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = options.fields ?? {};
    this.messageKey = options.messageKey ?? 'Message';
  }
}

const BAD_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const INVALID_TOKEN = 'The security token included in the request is invalid.';
const EXPIRED_TOKEN = 'The security token included in the request is expired';

/**
 * @type {Record<string, { query: [number, string], json: [number, string] }>}
 * SigV4 failure kinds -> [status, code] for the Query protocol (IAM, STS) and for JSON services
 * (Organizations). Query services answer 403; JSON (Coral) services answer 400 with other codes.
 */
const AUTH_FAILURES = {
  'missing-auth': { query: [403, 'MissingAuthenticationToken'], json: [400, 'MissingAuthenticationTokenException'] },
  'incomplete-signature': { query: [400, 'IncompleteSignature'], json: [400, 'IncompleteSignatureException'] },
  'unknown-key': { query: [403, 'InvalidClientTokenId'], json: [400, 'UnrecognizedClientException'] },
  'bad-session-token': { query: [403, 'InvalidClientTokenId'], json: [400, 'UnrecognizedClientException'] },
  'bad-signature': { query: [403, 'SignatureDoesNotMatch'], json: [400, 'InvalidSignatureException'] },
  'signature-expired': { query: [403, 'SignatureDoesNotMatch'], json: [400, 'InvalidSignatureException'] },
  'expired-token': { query: [403, 'ExpiredToken'], json: [400, 'ExpiredTokenException'] },
};

/**
 * Default wording per failure kind; 'signature-expired' and 'incomplete-signature' carry their own.
 * @type {Record<string, string | { query: string, json: string }>}
 */
const AUTH_MESSAGES = {
  'missing-auth': { query: 'Request is missing Authentication Token', json: 'Missing Authentication Token' },
  'unknown-key': INVALID_TOKEN,
  'bad-session-token': INVALID_TOKEN,
  'bad-signature': BAD_SIGNATURE,
  'expired-token': EXPIRED_TOKEN,
};

/**
 * @param {'missing-auth'|'incomplete-signature'|'unknown-key'|'bad-session-token'|'bad-signature'|'signature-expired'|'expired-token'} kind
 * @param {'query'|'json'} protocol
 * @param {string} [detail] message for kinds whose text depends on the request
 */
export function authError(kind, protocol, detail) {
  const [status, code] = /** @type {{ query: [number, string], json: [number, string] }} */ (AUTH_FAILURES[kind])[protocol];
  const wording = AUTH_MESSAGES[kind];
  const message = detail ?? (typeof wording === 'string' ? wording : wording?.[protocol]) ?? code;
  return new AwsError(status, code, message, { messageKey: 'message' });
}
