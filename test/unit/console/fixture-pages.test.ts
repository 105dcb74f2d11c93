// @vitest-environment happy-dom
// The saved pages themselves: each names the console URL it stands for, carries the one shared
// fixture driver, and has a template for every slot the driver fills. The e2e tests serve these
// pages at their URLs and drive them through window.__fixture.
import { describe, expect, test } from 'vitest';
import { fixtureHtml, fixtureNames, fixtureUrl, openFixture } from './open-fixture.ts';

const CONSOLE_HOST = /^(?:\d{12}-[a-z0-9]{8}\.)?(?:[a-z0-9-]+\.)?console\.(?:aws\.amazon\.com|amazonaws-us-gov\.com|amazonaws\.cn)$/;
const DRIVER = /<script data-fixture-driver>[\s\S]*?<\/script>/;

describe('saved console pages', () => {
  test('there are pages', () => {
    expect(fixtureNames.length).toBeGreaterThanOrEqual(17);
  });

  test('all carry the same fixture driver', () => {
    const drivers = new Set(fixtureNames.map(name => DRIVER.exec(fixtureHtml(name))?.[0]));
    expect(drivers.size).toBe(1);
    expect([...drivers][0]).toBeDefined();
  });

  for (const name of fixtureNames) {
    test(`${name} names a Billing or Cost Management console URL whose hash is its route`, () => {
      const url = new URL(fixtureUrl(name));
      expect(url.protocol).toBe('https:');
      expect(url.hostname).toMatch(CONSOLE_HOST);
      expect(url.pathname).toMatch(/^\/(billing|costmanagement)\/home$/);
      expect(fixtureHtml(name)).toContain(`data-fixture-route="${url.hash}"`);
    });

    test(`${name} has a template for every slot, and no stray template`, async () => {
      const page = await openFixture(name, { late: true, delayMs: 10_000 });
      const docs = [page.document, ...Array.from(page.document.querySelectorAll('iframe'), f => f.contentDocument!).filter(Boolean)];
      const slots = docs.flatMap(d => Array.from(d.querySelectorAll('[data-fixture-slot]'), el => el.getAttribute('data-fixture-slot')!));
      const templates = Array.from(page.document.querySelectorAll('template[data-fixture-denial]'), el => el.getAttribute('data-fixture-denial')!);
      for (const slot of slots) expect(templates).toContain(slot);
      for (const template of templates) expect(slots).toContain(template.replace(/-changed$/, ''));
      await page.close();
    });
  }

  test('the driver shows, re-renders, replaces and clears denials, and follows the route', async () => {
    const page = await openFixture('billing-bills-alert-denied.html', { late: true, delayMs: 0 });
    const slot = page.document.querySelector('[data-fixture-slot="1"]')!;
    expect(slot.children).toHaveLength(0);
    page.driver.showDenial();
    const first = slot.firstElementChild!;
    expect(first.getAttribute('data-analytics-alert')).toBe('error');
    page.driver.rerender();
    expect(slot.firstElementChild).not.toBe(first);
    expect(slot.textContent).toBe(first.textContent);
    page.driver.replaceDenial();
    expect(slot.textContent).toContain('a permissions boundary explicitly denies the action');
    page.driver.clearDenials();
    expect(slot.children).toHaveLength(0);
    page.driver.navigate('#/credits');
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(slot.children).toHaveLength(0);
    page.driver.navigate('#/bills');
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(slot.firstElementChild?.getAttribute('data-analytics-alert')).toBe('error');
    await page.close();
  });
});
