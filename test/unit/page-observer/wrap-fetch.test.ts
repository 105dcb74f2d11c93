// The wrapped fetch: a success costs no body read and no report, the page gets the very promise and an unread
// body, and a refusal is reported once from a clone.
import { describe, expect, test, vi } from 'vitest';
import { wrapFetch, type PageWindow } from '../../../src/page-observer/wrap.ts';
import type { ObservedDenial } from '../../../src/shared/observed-denial.ts';

const DENIAL = JSON.stringify({ __type: 'AccessDeniedException', Message: 'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: ce:GetCostAndUsage' });

function pageWith(answer: () => Response) {
  const native = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => answer());
  const win = { fetch: native as unknown as typeof fetch, Request, location: { href: 'https://us-east-1.console.aws.amazon.com/costmanagement/home' } };
  const reports: ObservedDenial[] = [];
  wrapFetch(win as unknown as PageWindow, (d) => reports.push(d));
  return { win, native, reports };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('wrapFetch', () => {
  test('a success: the native promise itself, no clone, no report, the body unread for the page', async () => {
    const clone = vi.spyOn(Response.prototype, 'clone');
    const { win, native, reports } = pageWith(() => new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } }));
    const pending = win.fetch('/api', { method: 'POST' });
    expect(native).toHaveBeenCalledWith('/api', { method: 'POST' });
    expect(pending).toBe(native.mock.results[0]!.value); // the very promise the native fetch returned
    const response = await pending;
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toEqual({ ok: true });
    await settle();
    expect(clone).not.toHaveBeenCalled();
    expect(reports).toEqual([]);
    clone.mockRestore();
  });

  test('a refusal: reported once with method and path; the page still reads its own body', async () => {
    const { win, reports } = pageWith(() => new Response(DENIAL, { status: 400, headers: { 'content-type': 'application/x-amz-json-1.1' } }));
    const response = await win.fetch(new Request('https://us-east-1.console.aws.amazon.com/costmanagement/api/ce?q=1', { method: 'POST' }));
    expect(await response.text()).toBe(DENIAL);
    await settle();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ status: 400, method: 'POST', path: '/costmanagement/api/ce', errorCode: 'AccessDeniedException' });
    expect(reports[0]!.message).toContain('ce:GetCostAndUsage');
  });

  test('a 403 body over the cap is not read to the end and not reported', async () => {
    const big = JSON.stringify({ __type: 'AccessDeniedException', message: 'x'.repeat(70_000) });
    const { win, reports } = pageWith(() => new Response(new Blob([big]).stream(), { status: 403, headers: { 'content-type': 'application/json' } }));
    const response = await win.fetch('/big');
    expect((await response.text()).length).toBe(big.length);
    await settle();
    expect(reports).toEqual([]);
  });

  test('a failed fetch still rejects for the page, and the observer stays quiet', async () => {
    const { win, reports } = pageWith(() => {
      throw new TypeError('network');
    });
    await expect(win.fetch('/x')).rejects.toThrow('network');
    expect(reports).toEqual([]);
  });
});
