// Which responses the page observer reads, and what it reads from each of AWS's error shapes.
import { describe, expect, test } from 'vitest';
import { BODY_CAP, errorName, mayBeDenial, readDenialError } from '../../../src/page-observer/error-body.ts';
import { observation, requestMethod, requestPath } from '../../../src/page-observer/observation.ts';
import { observedDenialCheck } from '../../../src/shared/observed-denial.ts';

const SENTENCE = 'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: ce:GetCostAndUsage on resource: arn:aws:ce:us-east-1:111111111111:/GetCostAndUsage because no identity-based policy allows the ce:GetCostAndUsage action';

describe('mayBeDenial: only 400/403, JSON or XML, small', () => {
  test.each([
    [400, 'application/x-amz-json-1.1', null, true],
    [403, 'application/json;charset=UTF-8', '120', true],
    [403, 'text/xml', '', true],
    [200, 'application/json', null, false],
    [404, 'application/json', null, false],
    [500, 'application/x-amz-json-1.1', null, false],
    [403, 'text/html', null, false],
    [403, null, null, false],
    [403, 'application/json', String(BODY_CAP + 1), false],
    [403, 'application/json', 'lots', false],
  ])('%i %s (length %s): %s', (status, type, length, want) => {
    expect(mayBeDenial(status, type, length)).toBe(want);
  });
});

test('errorName drops the namespace and the suffix', () => {
  expect(errorName('com.amazon.coral.service#AccessDeniedException')).toBe('AccessDeniedException');
  expect(errorName('AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/')).toBe('AccessDeniedException');
  expect(errorName('aws.protocoltests#AccessDenied:http://x')).toBe('AccessDenied');
});

describe('readDenialError: the shapes', () => {
  test('JSON 1.1 with a namespaced __type and "Message"', () => {
    const body = JSON.stringify({ __type: 'com.amazon.coral.service#AccessDeniedException', Message: SENTENCE });
    expect(readDenialError(null, 'application/x-amz-json-1.1', body)).toEqual({ errorCode: 'AccessDeniedException', message: SENTENCE });
  });
  test('JSON 1.1 with a bare __type and "message"', () => {
    expect(readDenialError(null, 'application/x-amz-json-1.0', JSON.stringify({ __type: 'AccessDeniedException', message: 'm' }))).toEqual({ errorCode: 'AccessDeniedException', message: 'm' });
  });
  test('REST-JSON: the x-amzn-ErrorType header names the error, the body holds only the message', () => {
    expect(readDenialError('AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/', 'application/json', JSON.stringify({ message: SENTENCE })))
      .toEqual({ errorCode: 'AccessDeniedException', message: SENTENCE });
  });
  test("the console proxy's {type, message}", () => {
    expect(readDenialError(null, 'application/json', JSON.stringify({ type: 'AccessDeniedException', message: SENTENCE }))?.message).toBe(SENTENCE);
  });
  test('Query XML, entities decoded', () => {
    const xml = `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>${SENTENCE.replace('alice', 'a&amp;b')}</Message></Error><RequestId>r</RequestId></ErrorResponse>`;
    expect(readDenialError(null, 'text/xml', xml)).toEqual({ errorCode: 'AccessDenied', message: SENTENCE.replace('alice', 'a&b') });
  });
  test('an XMLHttpRequest body already parsed (responseType "json")', () => {
    expect(readDenialError(null, 'application/json', { __type: 'AccessDeniedException', message: 'm' })?.errorCode).toBe('AccessDeniedException');
  });
  test.each([
    ['ValidationException', JSON.stringify({ __type: 'ValidationException', message: SENTENCE })],
    ['ThrottlingException', JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' })],
    ['no type', JSON.stringify({ message: SENTENCE })],
    ['not JSON', `AccessDeniedException: ${SENTENCE}`],
    ['an array', JSON.stringify([{ __type: 'AccessDeniedException' }])],
  ])('not a denial: %s', (_, body) => {
    expect(readDenialError(null, 'application/json', body)).toBeNull();
  });
  test('a header naming another error wins over the body', () => {
    expect(readDenialError('ThrottlingException', 'application/json', JSON.stringify({ __type: 'AccessDeniedException', message: 'm' }))).toBeNull();
  });
});

describe('observation: what crosses to the content script', () => {
  test('the error type, the capped message, the method and the path only', () => {
    const o = observation(400, requestMethod('post'), requestPath('/costmanagement/api/ce?secret=1#x', 'https://us-east-1.console.aws.amazon.com/'), { errorCode: 'AccessDeniedException', message: SENTENCE + ' '.repeat(10_000) });
    expect(Object.keys(o).sort()).toEqual(['channel', 'errorCode', 'message', 'method', 'path', 'status']);
    expect(o).toMatchObject({ method: 'POST', path: '/costmanagement/api/ce', errorCode: 'AccessDeniedException' });
    expect(o.message).toBe((SENTENCE + ' '.repeat(10_000)).slice(0, 4096));
    expect(observedDenialCheck(o, 'o')).toBeNull();
  });
  test('a message that names nothing still makes a valid observation', () => {
    const o = observation(403, 'GET', '/', { errorCode: 'AccessDenied', message: 'Access Denied' });
    expect(observedDenialCheck(o, 'o')).toBeNull();
  });
  test('the check rejects extra keys, other error types and odd methods', () => {
    const o = observation(403, 'GET', '/', { errorCode: 'AccessDenied', message: 'x' });
    expect(observedDenialCheck({ ...o, cookie: 'a' }, 'o')).toMatch(/unexpected key/);
    expect(observedDenialCheck({ ...o, errorCode: 'ThrottlingException' }, 'o')).toMatch(/errorCode/);
    expect(observedDenialCheck({ ...o, method: 'get it' }, 'o')).toMatch(/method/);
    expect(observedDenialCheck({ ...o, status: 500 }, 'o')).toMatch(/status/);
  });
});
