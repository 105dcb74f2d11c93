// @vitest-environment happy-dom
// The private channel between the page observer and the content script: handed over once, in the observer's
// order (it runs first), and every message checked; a port offered later (by a page script) is never taken.
import { expect, test } from 'vitest';
import { receiveObserved } from '../../../src/content/observed-receiver.ts';
import { openChannel } from '../../../src/page-observer/channel.ts';
import { OBSERVED_CHANNEL, OBSERVER_PORT_EVENT, type ObservedDenial } from '../../../src/shared/observed-denial.ts';

const valid: ObservedDenial = {
  channel: OBSERVED_CHANNEL, status: 403, method: 'GET', path: '/billing/rest/v1.0/budgets', errorCode: 'AccessDenied',
  message: 'Access Denied',
};
const wait = () => new Promise((r) => setTimeout(r, 20));

test('the observer first, the receiver right after: the port is handed over, valid messages pass, others are dropped', async () => {
  const report = openChannel(window);
  const inbox = receiveObserved(window);
  const got: ObservedDenial[] = [];
  report(valid);
  report({ ...valid, errorCode: 'ThrottlingException' } as unknown as ObservedDenial);
  report({ ...valid, extra: 'x' } as unknown as ObservedDenial);
  await wait();
  inbox.take((d) => got.push(d));
  expect(got).toEqual([valid]);
  inbox.close();
});

test('a port offered after the receiver ran (a page script) is never taken', async () => {
  const inbox = receiveObserved(window);
  const forged = new MessageChannel();
  const event = new MessageEvent(OBSERVER_PORT_EVENT, { ports: [forged.port2], cancelable: true });
  window.dispatchEvent(event);
  expect(event.defaultPrevented).toBe(false);
  const got: ObservedDenial[] = [];
  inbox.take((d) => got.push(d));
  forged.port1.postMessage(valid);
  await wait();
  expect(got).toEqual([]);
});
