// @vitest-environment happy-dom
import { test } from 'vitest';
import { fixtureNames, openFixture } from './open-fixture.ts';
import { findDenials } from '../../../src/console/find-denials.ts';
import { readConsoleIdentity } from '../../../src/console/identity.ts';

test('explore', async () => {
  for (const name of fixtureNames) {
    const f = await openFixture(name, { url: 'https://us-east-1.console.aws.amazon.com/billing/home#/bills' });
    const t0 = performance.now();
    const found = findDenials(f.document);
    const ms = performance.now() - t0;
    console.log('=== ' + name + ' ' + ms.toFixed(1) + 'ms');
    for (const r of found) {
      console.log('  [' + r.detector + '] <' + r.container.tagName + ' ' + r.container.className.slice(0, 40) + '>');
      console.log('    text: ' + JSON.stringify(r.text).slice(0, 400));
      for (const d of r.denials) console.log('    -> ' + JSON.stringify({ p: d.principalArn, a: d.accountId, act: d.action, res: d.resource, pt: d.policyType, dk: d.denyKind, parn: d.policyArn, cause: d.cause, form: d.meta.form, partial: d.meta.partial, reason: d.meta.reason }));
    }
    console.log('  identity', JSON.stringify(readConsoleIdentity(f.document, { hostname: 'us-east-1.console.aws.amazon.com' })));
    await f.close();
  }
});
