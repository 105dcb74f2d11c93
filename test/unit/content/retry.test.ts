import { describe, expect, test, vi } from 'vitest';

import { RequestError } from '../../../src/shared/request.ts';
import { isContextGone, isWorkerAbsent, retrying } from '../../../src/content/retry.ts';
type Send = import('../../../src/content/panel/types.ts').Send;

const CHROME_GONE = new Error('Could not establish connection. Receiving end does not exist.');
const PORT_CLOSED = new Error('The message port closed before a response was received.');
const NO_REPLY = new RequestError("settings/get: no reply from the extension's worker");
const REFUSED = new RequestError('denials/report: payload.pageUrl: expected a string of at most 8192 characters');
const INVALIDATED = new Error('Extension context invalidated.');

function flaky(failures: unknown[]): { send: Send; calls: () => number } {
  let calls = 0;
  const send = (async () => {
    const failure = failures[calls++];
    if (failure) throw failure;
    return { panelMode: 'auto', requestFormat: 'text' };
  }) as unknown as Send;
  return { send, calls: () => calls };
}

describe('worker restarts', () => {
  test('classifies the errors', () => {
    expect([CHROME_GONE, PORT_CLOSED, NO_REPLY].map(isWorkerAbsent)).toEqual([true, true, true]);
    expect([REFUSED, INVALIDATED, new Error('boom')].map(isWorkerAbsent)).toEqual([false, false, false]);
    expect(isContextGone(INVALIDATED)).toBe(true);
    expect(isContextGone(CHROME_GONE)).toBe(false);
  });

  test('a request sent while the worker restarts is sent again and succeeds', async () => {
    const sleep = vi.fn(async () => {});
    const { send, calls } = flaky([CHROME_GONE, NO_REPLY]);
    await expect(retrying(send, [10, 20, 30], sleep)('settings/get', {})).resolves.toEqual({ panelMode: 'auto', requestFormat: 'text' });
    expect(calls()).toBe(3);
    expect(sleep.mock.calls).toEqual([[10], [20]]);
  });

  test('retries are bounded', async () => {
    const { send, calls } = flaky([CHROME_GONE, CHROME_GONE, CHROME_GONE, CHROME_GONE, CHROME_GONE]);
    await expect(retrying(send, [1, 1], async () => {})('settings/get', {})).rejects.toBe(CHROME_GONE);
    expect(calls()).toBe(3);
  });

  test("the worker's own refusal and a dead extension are not retried", async () => {
    for (const error of [REFUSED, INVALIDATED]) {
      const { send, calls } = flaky([error]);
      await expect(retrying(send, [1, 1, 1], async () => {})('settings/get', {})).rejects.toBe(error);
      expect(calls()).toBe(1);
    }
  });
});
