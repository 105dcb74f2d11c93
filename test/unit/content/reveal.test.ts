// "Show on page": the content script takes panel/reveal from our own extension, and nothing else — in
// particular no diagnosis news, which goes only to the panel frame.
import { describe, expect, test, vi } from 'vitest';
import type { Runtime } from '../../../src/shared/compat.ts';
import { listenForReveal, readReveal, type MessageEvents } from '../../../src/content/reveal.ts';

const OWN = { id: 'why-denied-extension-id' } as Runtime.MessageSender;
const REVEAL = { channel: 'why-denied', type: 'panel/reveal', recordId: '7:0:why-denied-1' };
const PROGRESS = { channel: 'why-denied', type: 'diagnosis/progress', recordId: '7:0:why-denied-1', steps: [{ id: 'simulate', label: 'Simulate', state: 'running' }] };

describe('panel/reveal', () => {
  test('a well-formed reveal from our extension is read', () => {
    expect(readReveal(REVEAL, OWN, OWN.id!)).toBe(REVEAL.recordId);
  });

  test('anything else is ignored: other senders, other shapes, diagnosis news', () => {
    expect(readReveal(REVEAL, { id: 'another-extension' }, OWN.id!)).toBeNull();
    expect(readReveal({ ...REVEAL, recordId: 7 }, OWN, OWN.id!)).toBeNull();
    expect(readReveal({ ...REVEAL, selector: 'body' }, OWN, OWN.id!)).toBeNull();
    expect(readReveal({ ...REVEAL, channel: 'other' }, OWN, OWN.id!)).toBeNull();
    expect(readReveal(PROGRESS, OWN, OWN.id!)).toBeNull();
    expect(readReveal({ channel: 'why-denied', type: 'diagnosis/done', recordId: 'r', diagnosis: { status: 'done' } }, OWN, OWN.id!)).toBeNull();
    expect(readReveal(null, OWN, OWN.id!)).toBeNull();
    expect(readReveal('panel/reveal', OWN, OWN.id!)).toBeNull();
  });

  test('the listener forwards reveals, claims no reply, and can be removed', () => {
    let listener: ((message: unknown, sender: Runtime.MessageSender) => undefined) | null = null;
    const events: MessageEvents = { addListener: (l) => (listener = l), removeListener: (l) => listener === l && (listener = null) };
    const onReveal = vi.fn();
    const stop = listenForReveal(events, OWN.id!, onReveal);
    expect(listener!(REVEAL, OWN)).toBeUndefined();
    expect(listener!(PROGRESS, OWN)).toBeUndefined();
    expect(onReveal.mock.calls).toEqual([[REVEAL.recordId]]);
    stop();
    expect(listener).toBeNull();
  });
});
