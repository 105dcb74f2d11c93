// "Compare with today's policy" crosses the one message boundary: only the panel frame may ask, with a record id and
// the index of a blocking policy, nothing else (never a policy ARN or statement of its own).
import { describe, expect, test } from 'vitest';
import { checkEnvelope, envelope, type SenderKind } from '../../../src/shared/protocol.ts';

const ask = (payload: unknown) => ({ channel: 'why-denied', type: 'diagnosis/current-policy', payload });

describe('diagnosis/current-policy', () => {
  test('the panel frame may ask, with a record id and a policy index', () => {
    expect(checkEnvelope(envelope('diagnosis/current-policy', { recordId: '7:0:w1', policyIndex: 0 }), 'panel-frame')).toMatchObject({ ok: true });
    expect(checkEnvelope(ask({ recordId: '7:0:w1', policyIndex: 19 }), 'panel-frame')).toMatchObject({ ok: true });
  });

  test.each<SenderKind>(['content', 'extension-page'])('refused from %s', (sender) => {
    expect(checkEnvelope(ask({ recordId: '7:0:w1', policyIndex: 0 }), sender)).toMatchObject({ ok: false, error: expect.stringContaining('diagnosis/current-policy: not allowed from') });
  });

  test.each([
    ['a negative index', { recordId: '7:0:w1', policyIndex: -1 }, 'payload.policyIndex: expected an integer from 0 to 19'],
    ['an index past any diagnosis', { recordId: '7:0:w1', policyIndex: 20 }, 'payload.policyIndex: expected an integer from 0 to 19'],
    ['a fraction', { recordId: '7:0:w1', policyIndex: 0.5 }, 'payload.policyIndex: expected an integer from 0 to 19'],
    ['an index as text', { recordId: '7:0:w1', policyIndex: '0' }, 'payload.policyIndex: expected an integer from 0 to 19'],
    ['no record id', { policyIndex: 0 }, 'payload.recordId: expected a string of at most 200 characters'],
    ['a policy of its own', { recordId: '7:0:w1', policyIndex: 0, policyArn: 'arn:aws:iam::111111111111:policy/X' }, 'payload: unexpected key "policyArn"'],
    ['a statement of its own', { recordId: '7:0:w1', policyIndex: 0, statement: { Effect: 'Allow' } }, 'payload: unexpected key "statement"'],
  ])('refuses %s', (_label, payload, error) => {
    expect(checkEnvelope(ask(payload), 'panel-frame')).toEqual({ ok: false, error: `diagnosis/current-policy: ${error}` });
  });
});
