import { describe, expect, test } from 'vitest';
import { FrameReporter } from '../../../src/content/reporter.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/protocol.ts';
import { FakeWorker, TEXT, parseOne, settings, settle } from './helpers.ts';

const DENIAL = parseOne(TEXT.implicitIdentity);
const URL = 'https://us-east-1.console.aws.amazon.com/billing/home#/bills';

function reporter(fake: FakeWorker) {
  const recorded: { watchId: string; recordId: string }[] = [];
  const failed: string[] = [];
  const r = new FrameReporter(fake.send, () => URL, { recorded: (records) => recorded.push(...records), failed: (ids) => failed.push(...ids) });
  return { r, recorded, failed };
}

const ok = () =>
  new FakeWorker()
    .answer('denials/report', ({ frameStart, denials }) => ({
      records: denials.map((d) => ({ watchId: d.watchId, recordId: `rec-${d.watchId}` })),
      settings: frameStart ? settings({ panelMode: 'on-request' }) : null,
    }))
    .answer('denials/gone', ({ watchIds }) => ({ removed: watchIds.length }));

describe('frame reporter', () => {
  test('changes made together go out as one report, the first with frameStart', async () => {
    const fake = ok();
    const { r, recorded } = reporter(fake);
    r.start();
    r.report('a', DENIAL);
    r.report('b', DENIAL);
    await settle();
    await r.idle();
    r.report('c', DENIAL);
    await settle();
    await r.idle();
    expect(fake.callsOf('denials/report').map((p) => [p.frameStart, p.denials.map((d) => d.watchId)])).toEqual([
      [true, ['a', 'b']],
      [false, ['c']],
    ]);
    expect(recorded.map((x) => x.recordId)).toEqual(['rec-a', 'rec-b', 'rec-c']);
  });

  test("back from the back-forward cache, the frame's denials are reported again as a new load of the frame", async () => {
    const fake = ok();
    const { r, recorded } = reporter(fake);
    r.start();
    r.report('a', DENIAL);
    r.report('b', DENIAL);
    await r.idle();
    r.forget('b');
    r.restart([['a', DENIAL]]);
    await r.idle();
    // The restart's report is the frame's start: what left before it needs no 'denials/gone' of its own.
    expect(fake.callsOf('denials/report').map((p) => [p.frameStart, p.denials.map((d) => d.watchId)])).toEqual([
      [true, ['a', 'b']],
      [true, ['a']],
    ]);
    expect(fake.callsOf('denials/gone')).toEqual([]);
    expect(recorded.map((x) => x.recordId)).toEqual(['rec-a', 'rec-b', 'rec-a']);
  });

  test('the report is made after the task that found the denial, not in its microtasks: its panel is painted first', async () => {
    const fake = ok();
    const { r } = reporter(fake);
    r.report('a', DENIAL);
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(fake.callsOf('denials/report')).toEqual([]);
    // What the same task adds later, in its microtasks, goes along in it.
    await new Promise<void>((resolve) => queueMicrotask(() => resolve()));
    r.report('b', DENIAL);
    await r.idle();
    expect(fake.callsOf('denials/report').map((p) => p.denials.map((d) => d.watchId))).toEqual([['a', 'b']]);
  });

  test('a denial gone before it was ever sent costs no message', async () => {
    const fake = ok();
    const { r } = reporter(fake);
    r.start();
    await settle();
    await r.idle();
    r.report('a', DENIAL);
    r.forget('a');
    await settle();
    await r.idle();
    expect(fake.calls.map((c) => c.type)).toEqual(['denials/report']);
  });

  test('a removal that races the report still reaches the worker, after it', async () => {
    let release: () => void = () => {};
    const fake = ok().answer('denials/report', ({ denials }) => new Promise((resolve) => (release = () => resolve({ records: denials.map((d) => ({ watchId: d.watchId, recordId: d.watchId })), settings: null }))));
    const { r } = reporter(fake);
    r.report('a', DENIAL);
    await settle();
    r.forget('a');
    await settle();
    release();
    await settle();
    await r.idle();
    expect(fake.calls.map((c) => c.type)).toEqual(['denials/report', 'denials/gone']);
    expect(fake.callsOf('denials/gone')).toEqual([{ watchIds: ['a'] }]);
  });

  test('a failed first report is reported, and the next report says frameStart again', async () => {
    const fake = ok().answer('denials/report', new Error('Receiving end does not exist.'));
    const { r, failed } = reporter(fake);
    r.report('a', DENIAL);
    await settle();
    await r.idle();
    expect(failed).toEqual(['a']);
    fake.answer('denials/report', { records: [], settings: null });
    r.report('b', DENIAL);
    await settle();
    await r.idle();
    expect(fake.callsOf('denials/report').map((p) => p.frameStart)).toEqual([true, true]);
  });

  test('the settings come with the answer to the first report, which asking for them sends if it was not sent yet', async () => {
    const fake = ok();
    const { r } = reporter(fake);
    await expect(r.settings()).resolves.toMatchObject({ panelMode: 'on-request' });
    expect(fake.callsOf('denials/report')).toEqual([expect.objectContaining({ frameStart: true, denials: [] })]);
    r.report('a', DENIAL);
    await settle();
    await r.idle();
    await expect(r.settings()).resolves.toMatchObject({ panelMode: 'on-request' });
    expect(fake.calls.map((c) => c.type)).toEqual(['denials/report', 'denials/report']);
  });

  test('without the worker the settings are the defaults, and the page is not kept waiting for them', async () => {
    const fake = ok().answer('denials/report', new Error('Could not establish connection. Receiving end does not exist.'));
    const { r } = reporter(fake);
    r.start();
    await expect(r.settings()).resolves.toEqual(DEFAULT_SETTINGS);
  });

  test('more denials than one message may carry go out in several, in order', async () => {
    const fake = ok();
    const { r } = reporter(fake);
    for (let i = 0; i < 450; i++) r.report(`w${i}`, DENIAL);
    await settle();
    await r.idle();
    const sizes = fake.callsOf('denials/report').map((p) => [p.frameStart, p.denials.length]);
    expect(sizes).toEqual([
      [true, 200],
      [false, 200],
      [false, 50],
    ]);
  });
});
