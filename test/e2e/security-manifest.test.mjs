// Issue 8: the shipped manifests carry only the permissions the code uses. Reads the built manifests (dist/, or
// WD_E2E_DIST) and the sources that use each permission; no browser needed.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = resolve(process.env.WD_E2E_DIST ?? join(ROOT, 'dist'));
const manifest = (browser) => JSON.parse(readFileSync(join(DIST, browser, 'manifest.json'), 'utf8'));

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}
const code = sources(join(ROOT, 'src')).join('\n');
/** Every host pattern the code asks for: the optional ones it requests, the manifest ones it names. */
const requestedHosts = new Set(code.match(/'https?:\/\/[^']+\/\*'/g)?.map((s) => s.slice(1, -1)) ?? []);

describe('the shipped manifests carry only what the code uses', () => {
  for (const browser of ['chrome', 'firefox']) {
    it(`${browser}: every host permission, optional or not, is one the code requests or names`, () => {
      const m = manifest(browser);
      const hosts = [...(m.host_permissions ?? []), ...(m.optional_host_permissions ?? [])];
      assert.ok(hosts.length > 0);
      assert.deepEqual(hosts.filter((h) => !requestedHosts.has(h)), [], `${browser}: host permissions no code uses`);
      assert.deepEqual(hosts.filter((h) => !h.startsWith('https://')), [], `${browser}: plain-http hosts (test-only hosts) in a shipped manifest`);
    });

    it(`${browser}: every API permission is used`, () => {
      const m = manifest(browser);
      const uses = { storage: /browser\.storage\./, scripting: /browser\.scripting\.executeScript/ };
      for (const permission of m.permissions ?? []) {
        assert.ok(uses[permission], `${browser}: permission ${permission} has no known use`);
        assert.match(code, uses[permission], `${browser}: no code uses ${permission}`);
      }
    });
  }

  it('chrome: every web-accessible resource is reachable only at its per-session dynamic URL, and only from console pages', () => {
    for (const entry of manifest('chrome').web_accessible_resources ?? []) {
      assert.equal(entry.use_dynamic_url, true, `${entry.resources}: no use_dynamic_url`);
      assert.deepEqual(entry.matches, ['https://*.console.aws.amazon.com/*']);
    }
  });

  it('firefox: only the panel frame is web-accessible (panel.js is injected by the worker)', () => {
    const resources = (manifest('firefox').web_accessible_resources ?? []).flatMap((e) => e.resources);
    assert.deepEqual(resources.filter((r) => r !== 'diagnosis-frame/frame.html'), []);
  });
});
