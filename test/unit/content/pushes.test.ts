import { describe, expect, test, vi } from 'vitest';
import type { Runtime } from '../../../src/shared/compat.ts';
import { listenForPushes, readPush, type MessageEvents } from '../../../src/content/pushes.ts';

const OWN = { id: 'why-denied-extension-id' } as Runtime.MessageSender;
const PROGRESS = { channel: 'why-denied', type: 'diagnosis/progress', recordId: '7:0:why-denied-1', steps: [{ id: 'simulate', label: 'Simulate', state: 'running' }] };

describe('worker pushes', () => {
  test('a well-formed push from our extension is read', () => {
    expect(readPush(PROGRESS, OWN, OWN.id!)).toEqual(PROGRESS);
    const done = { channel: 'why-denied', type: 'diagnosis/done', recordId: 'r', diagnosis: { status: 'done' } };
    expect(readPush(done, OWN, OWN.id!)).toEqual(done);
    const reveal = { channel: 'why-denied', type: 'panel/reveal', recordId: '7:0:why-denied-1' };
    expect(readPush(reveal, OWN, OWN.id!)).toEqual(reveal);
    expect(readPush({ ...reveal, recordId: 7 }, OWN, OWN.id!)).toBeNull();
    expect(readPush({ ...reveal, selector: 'body' }, OWN, OWN.id!)).toBeNull();
    expect(readPush(reveal, { id: 'another-extension' }, OWN.id!)).toBeNull();
  });

  test('anything else is ignored', () => {
    expect(readPush(PROGRESS, { id: 'another-extension' }, OWN.id!)).toBeNull();
    expect(readPush({ ...PROGRESS, channel: 'other' }, OWN, OWN.id!)).toBeNull();
    expect(readPush({ ...PROGRESS, type: 'denials/list' }, OWN, OWN.id!)).toBeNull();
    expect(readPush({ ...PROGRESS, steps: [{ id: 'rm -rf', label: 'x', state: 'running' }] }, OWN, OWN.id!)).toBeNull();
    expect(readPush({ ...PROGRESS, extra: 1 }, OWN, OWN.id!)).toBeNull();
    expect(readPush(null, OWN, OWN.id!)).toBeNull();
    expect(readPush('diagnosis/done', OWN, OWN.id!)).toBeNull();
  });

  test('the listener forwards pushes, claims no reply, and can be removed', () => {
    let listener: ((message: unknown, sender: Runtime.MessageSender) => undefined) | null = null;
    const events: MessageEvents = { addListener: (l) => (listener = l), removeListener: (l) => listener === l && (listener = null) };
    const onPush = vi.fn();
    const stop = listenForPushes(events, OWN.id!, onPush);
    expect(listener!(PROGRESS, OWN)).toBeUndefined();
    expect(listener!({ channel: 'why-denied', type: 'settings/get', payload: {} }, OWN)).toBeUndefined();
    expect(onPush.mock.calls).toEqual([[PROGRESS]]);
    stop();
    expect(listener).toBeNull();
  });
});
