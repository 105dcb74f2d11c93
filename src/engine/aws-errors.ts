// Turns whatever an SDK call threw into one of the product's failure kinds. The SDK throws
// `<Service>ServiceException` subclasses whose `name` is the wire error code (IAM has no modelled
// AccessDenied class), fetch throws TypeError, Node's HTTP stack throws errors with a `code`.

import type { DiagnosisFailureKind } from '../core/diagnosis.ts';

export type AwsErrorKind = DiagnosisFailureKind | 'not-found' | 'invalid-input' | 'aborted' | 'org-not-in-use';

export interface ClassifiedAwsError {
  kind: AwsErrorKind;
  /** The wire error code or JS error name, for evidence. Never the raw message (it may echo request data). */
  code: string;
  httpStatus: number | null;
  retryable: boolean;
}

const ERROR_CODES: Record<string, { kind: AwsErrorKind; retryable?: boolean }> = {
  AccessDenied: { kind: 'missing-permission' },
  AccessDeniedException: { kind: 'missing-permission' },
  UnauthorizedOperation: { kind: 'missing-permission' },
  AccountNotManagementOrDelegatedAdministratorException: { kind: 'missing-permission' },
  Throttling: { kind: 'throttled', retryable: true },
  ThrottlingException: { kind: 'throttled', retryable: true },
  TooManyRequestsException: { kind: 'throttled', retryable: true },
  RequestLimitExceeded: { kind: 'throttled', retryable: true },
  RequestThrottled: { kind: 'throttled', retryable: true },
  SlowDown: { kind: 'throttled', retryable: true },
  ExpiredToken: { kind: 'expired-credentials' },
  ExpiredTokenException: { kind: 'expired-credentials' },
  TokenRefreshRequired: { kind: 'expired-credentials' },
  InvalidClientTokenId: { kind: 'invalid-credentials' },
  UnrecognizedClientException: { kind: 'invalid-credentials' },
  InvalidAccessKeyId: { kind: 'invalid-credentials' },
  SignatureDoesNotMatch: { kind: 'invalid-credentials' },
  InvalidSignatureException: { kind: 'invalid-credentials' },
  IncompleteSignature: { kind: 'invalid-credentials' },
  MissingAuthenticationToken: { kind: 'invalid-credentials' },
  RequestTimeTooSkewed: { kind: 'clock-skew' },
  RequestExpired: { kind: 'clock-skew' },
  RequestInTheFuture: { kind: 'clock-skew' },
  NoSuchEntity: { kind: 'not-found' },
  NoSuchEntityException: { kind: 'not-found' },
  PolicyNotFoundException: { kind: 'not-found' },
  TargetNotFoundException: { kind: 'not-found' },
  ChildNotFoundException: { kind: 'not-found' },
  // IAM Toolbox: no record for the authorization ID (unknown, expired, or outside the caller's account or organization).
  ResourceNotFoundException: { kind: 'not-found' },
  ValidationException: { kind: 'invalid-input' },
  InternalServerException: { kind: 'server-error' },
  InvalidInput: { kind: 'invalid-input' },
  InvalidInputException: { kind: 'invalid-input' },
  PolicyEvaluation: { kind: 'invalid-input' },
  PolicyEvaluationException: { kind: 'invalid-input' },
  AWSOrganizationsNotInUseException: { kind: 'org-not-in-use' },
  ServiceFailure: { kind: 'server-error' },
  ServiceFailureException: { kind: 'server-error' },
  ServiceException: { kind: 'server-error' },
  InternalFailure: { kind: 'server-error' },
  ServiceUnavailable: { kind: 'server-error' },
  ServiceUnavailableException: { kind: 'server-error' },
};

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/** "Signature expired: 20260101T000000Z is now earlier than …" is how IAM reports a skewed clock. */
const SKEW_MESSAGE = /signature expired|request time too skewed|time-?stamp .*(?:earlier|later)|request has expired/i;

export function classifyAwsError(error: unknown): ClassifiedAwsError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown; code?: unknown; message?: unknown; Code?: unknown; cause?: unknown;
    $metadata?: { httpStatusCode?: unknown }; $fault?: unknown;
  };
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const wireCode = typeof e.Code === 'string' ? e.Code : name;
  const message = typeof e.message === 'string' ? e.message : '';
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : null;

  if (name === 'AbortError') return { kind: 'aborted', code: name, httpStatus: null, retryable: false };
  if (name === 'TimeoutError') return { kind: 'network', code: name, httpStatus: null, retryable: false };
  if (SKEW_MESSAGE.test(message) && (status === null || status < 500)) {
    return { kind: 'clock-skew', code: wireCode, httpStatus: status, retryable: false };
  }
  const known = ERROR_CODES[wireCode] ?? ERROR_CODES[name];
  if (known) return { kind: known.kind, code: wireCode, httpStatus: status, retryable: known.retryable ?? false };
  if (status === 429) return { kind: 'throttled', code: wireCode, httpStatus: status, retryable: true };
  if (status !== null && status >= 500) return { kind: 'server-error', code: wireCode, httpStatus: status, retryable: false };
  if (status === null && isNetworkError(e)) return { kind: 'network', code: networkCode(e), httpStatus: null, retryable: false };
  if (status === 403) return { kind: 'missing-permission', code: wireCode, httpStatus: status, retryable: false };
  return { kind: 'unknown', code: wireCode, httpStatus: status, retryable: false };
}

function isNetworkError(e: { name?: unknown; code?: unknown; cause?: unknown }): boolean {
  if (e.name === 'TypeError') return true; // fetch: "Failed to fetch" / "fetch failed" / NetworkError
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  const cause = e.cause as { code?: unknown } | undefined;
  return typeof cause?.code === 'string' && NETWORK_CODES.has(cause.code);
}

function networkCode(e: { name?: unknown; code?: unknown }): string {
  return typeof e.code === 'string' ? e.code : typeof e.name === 'string' ? e.name : 'NetworkError';
}
