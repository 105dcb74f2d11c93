// @vitest-environment happy-dom
import { test } from 'vitest';
import { openFixture } from './open-fixture.ts';
import { DenialWatcher, type WatchChange } from '../../../src/console/watch.ts';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const show = (c: WatchChange) => JSON.stringify({ added: c.added.map(f => [f.id, f.detector, f.denial.action, f.anchor.className.slice(0, 25)]), updated: c.updated.map(f => [f.id, f.denial.policyType]), removed: c.removed });

test('explore watcher', async () => {
  for (const name of ['billing-bills-alert-denied.html', 'iframe-same-origin.html', 'costmanagement-home-activation-not-activated.html', 'billing-flashbar-scp-deny.html']) {
    const f = await openFixture(name, { show: false, url: 'https://us-east-1.console.aws.amazon.com/billing/home#/bills' });
    const log: string[] = [];
    const w = new DenialWatcher(f.document, c => log.push(show(c)));
    w.start();
    log.push('started');
    await sleep(400); log.push('after late insert');
    f.driver.rerender(); await sleep(300); log.push('after rerender');
    f.driver.replaceDenial(); await sleep(300); log.push('after replace');
    f.driver.clearDenials(); await sleep(300); log.push('after clear');
    f.driver.showDenial(); await sleep(300); log.push('after show');
    f.driver.navigate('#/other'); await sleep(300); log.push('after navigate');
    w.stop();
    console.log(name + '\n  ' + log.join('\n  '));
    await f.close();
  }
});
