import { describe, expect, test } from 'vitest';
import { classifyAwsError } from '../../../src/engine/aws-errors.ts';

function sdkError(name: string, status: number | null, message = '', extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(message), { name, ...(status ? { $metadata: { httpStatusCode: status } } : {}), ...extra });
}

describe('classifyAwsError', () => {
  test.each([
    ['AccessDenied', 403, 'missing-permission', false],
    ['AccessDeniedException', 400, 'missing-permission', false],
    ['Throttling', 400, 'throttled', true],
    ['TooManyRequestsException', 400, 'throttled', true],
    ['ExpiredToken', 403, 'expired-credentials', false],
    ['ExpiredTokenException', 400, 'expired-credentials', false],
    ['InvalidClientTokenId', 403, 'invalid-credentials', false],
    ['UnrecognizedClientException', 400, 'invalid-credentials', false],
    ['SignatureDoesNotMatch', 403, 'invalid-credentials', false],
    ['RequestTimeTooSkewed', 403, 'clock-skew', false],
    ['NoSuchEntityException', 404, 'not-found', false],
    ['NoSuchEntity', 404, 'not-found', false],
    ['AWSOrganizationsNotInUseException', 400, 'org-not-in-use', false],
    ['ServiceUnavailable', 503, 'server-error', false],
    ['Unknown', 500, 'server-error', false],
    ['SomethingNew', 429, 'throttled', true],
  ] as const)('%s (HTTP %s) is %s', (name, status, kind, retryable) => {
    const c = classifyAwsError(sdkError(name, status));
    expect(c.kind).toBe(kind);
    expect(c.retryable).toBe(retryable);
    expect(c.httpStatus).toBe(status);
  });

  test('"Signature expired" is a skewed clock, not bad credentials', () => {
    const e = sdkError('SignatureDoesNotMatch', 403, 'Signature expired: 20260101T000000Z is now earlier than 20260101T001500Z (20260101T003000Z - 15 min.)');
    expect(classifyAwsError(e).kind).toBe('clock-skew');
    expect(classifyAwsError(sdkError('InvalidSignatureException', 400, 'Signature expired: 20260101T000000Z is now earlier than …')).kind).toBe('clock-skew');
  });

  test('fetch and socket failures are network problems', () => {
    expect(classifyAwsError(new TypeError('fetch failed')).kind).toBe('network');
    expect(classifyAwsError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })).kind).toBe('network');
    expect(classifyAwsError(Object.assign(new Error('x'), { cause: { code: 'ENOTFOUND' } })).kind).toBe('network');
    expect(classifyAwsError(sdkError('TimeoutError', null)).kind).toBe('network');
  });

  test('an abort is not a failure of AWS', () => {
    expect(classifyAwsError(sdkError('AbortError', null)).kind).toBe('aborted');
  });

  test('garbage never throws', () => {
    for (const value of [undefined, null, 42, 'text', {}, [], { name: 7, $metadata: 'x' }]) {
      expect(() => classifyAwsError(value)).not.toThrow();
      expect(classifyAwsError(value).kind).toBe('unknown');
    }
  });
});
