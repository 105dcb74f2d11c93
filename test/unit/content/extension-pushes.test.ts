// What the content script takes from the extension: "Show on page" (panel/reveal) and the worker's presence check
// (frame/present, answered true), from our own extension only, and nothing else — in particular no diagnosis news,
// which goes only to the panel frame.
import { describe, expect, test, vi } from 'vitest';
import type { Runtime } from '../../../src/shared/compat.ts';
import { listenForPushes, readPush, type MessageEvents } from '../../../src/content/extension-pushes.ts';

const OWN = { id: 'why-denied-extension-id' } as Runtime.MessageSender;
const REVEAL = { channel: 'why-denied', type: 'panel/reveal', recordId: '7:0:why-denied-1' };
const PRESENT = { channel: 'why-denied', type: 'frame/present' };
const PROGRESS = { channel: 'why-denied', type: 'diagnosis/progress', recordId: '7:0:why-denied-1', steps: [{ id: 'simulate', label: 'Simulate', state: 'running' }] };

describe('pushes to the content script', () => {
  test('a well-formed reveal or presence check from our extension is read', () => {
    expect(readPush(REVEAL, OWN, OWN.id!)).toEqual(REVEAL);
    expect(readPush(PRESENT, OWN, OWN.id!)).toEqual(PRESENT);
  });

  test('anything else is ignored: other senders, other shapes, diagnosis news', () => {
    expect(readPush(REVEAL, { id: 'another-extension' }, OWN.id!)).toBeNull();
    expect(readPush(PRESENT, { id: 'another-extension' }, OWN.id!)).toBeNull();
    expect(readPush({ ...REVEAL, recordId: 7 }, OWN, OWN.id!)).toBeNull();
    expect(readPush({ ...REVEAL, selector: 'body' }, OWN, OWN.id!)).toBeNull();
    expect(readPush({ ...PRESENT, recordId: '7:0:why-denied-1' }, OWN, OWN.id!)).toBeNull();
    expect(readPush({ ...REVEAL, channel: 'other' }, OWN, OWN.id!)).toBeNull();
    expect(readPush(PROGRESS, OWN, OWN.id!)).toBeNull();
    expect(readPush({ channel: 'why-denied', type: 'diagnosis/done', recordId: 'r', diagnosis: { status: 'done' } }, OWN, OWN.id!)).toBeNull();
    expect(readPush(null, OWN, OWN.id!)).toBeNull();
    expect(readPush('panel/reveal', OWN, OWN.id!)).toBeNull();
  });

  test('the listener forwards reveals, answers presence checks only, and can be removed', () => {
    type Listener = Parameters<MessageEvents['addListener']>[0];
    let listener: Listener | null = null;
    const events: MessageEvents = { addListener: (l) => (listener = l), removeListener: (l) => listener === l && (listener = null) };
    const onReveal = vi.fn();
    const stop = listenForPushes(events, OWN.id!, onReveal);
    const answers: unknown[] = [];
    const answer = (value: unknown) => answers.push(value);
    expect(listener!(REVEAL, OWN, answer)).toBeUndefined();
    expect(listener!(PROGRESS, OWN, answer)).toBeUndefined();
    expect(listener!(PRESENT, { id: 'another-extension' }, answer)).toBeUndefined();
    expect(answers).toEqual([]);
    expect(listener!(PRESENT, OWN, answer)).toBeUndefined();
    expect(answers).toEqual([true]);
    expect(onReveal.mock.calls).toEqual([[REVEAL.recordId]]);
    stop();
    expect(listener).toBeNull();
  });
});
