// `npm run package`: two builds from the same tree give byte-identical zips, the store manifests carry one version
// and nothing test-only, and web-ext lint is clean on the Firefox zip's contents (makePackages checks that).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { makePackages, manifestProblems, zip } from '../../../src/tools/package.mjs';

const root = resolve(import.meta.dirname, '../../..');
const temp = mkdtempSync(join(tmpdir(), 'wd-package-test-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the zip writer', () => {
  test('sorted entries, 1980-01-01 00:00 timestamps, mode 644, readable by unzip', () => {
    const bytes = zip([{ name: 'b/two.txt', data: Buffer.from('two '.repeat(50)) }, { name: 'a.txt', data: Buffer.from('one') }]);
    const path = join(temp, 'small.zip');
    writeFileSync(path, bytes);
    expect(execFileSync('unzip', ['-t', path], { encoding: 'utf8' })).toContain('No errors detected');
    const listing = execFileSync('zipinfo', [path], { encoding: 'utf8' }).split('\n').filter((l) => l.startsWith('-rw'));
    expect(listing.map((l) => l.split(/\s+/).at(-1))).toEqual(['a.txt', 'b/two.txt']);
    for (const line of listing) expect(line).toMatch(/^-rw-r--r--.* 80-Jan-01 00:00 /);
    expect(execFileSync('unzip', ['-p', path, 'b/two.txt'], { encoding: 'utf8' })).toBe('two '.repeat(50));
    expect(() => zip([{ name: '../evil', data: Buffer.from('') }])).toThrow(/unsafe/);
  });
});

describe('the store manifest check', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

  test('the product manifest passes', () => {
    expect(manifestProblems({ ...manifest, version }, version)).toEqual([]);
  });

  test('a test build\'s key, a fixture host, an extra permission or another version fail', () => {
    expect(manifestProblems({ ...manifest, version: '0.0.1', key: 'MIIB…' }, version)).toEqual([`version 0.0.1 is not package.json's ${version}`, 'test-only key "key"']);
    expect(manifestProblems({ ...manifest, version, host_permissions: [...manifest.host_permissions, 'http://127.0.0.1/*'] }, version)).toEqual(['host_permissions: http://127.0.0.1/* is not a store permission']);
    expect(manifestProblems({ ...manifest, version, permissions: ['storage', 'tabs'] }, version)).toEqual(['permissions: tabs is not a store permission']);
    const fixture = { ...manifest, version, content_scripts: [{ matches: ['https://tickets.example.test/*'], js: ['content.js'] }] };
    expect(manifestProblems(fixture, version)).toEqual(['content_scripts: https://tickets.example.test/* is not a console page']);
  });
});

describe('npm run package', () => {
  test('two builds give byte-identical zips; every manifest has package.json\'s version; web-ext lint is clean', () => {
    const first = makePackages({ out: join(temp, 'first'), lint: true });
    const second = makePackages({ out: join(temp, 'second'), lint: false });
    expect(first.lint).toMatchObject({ errors: 0, warnings: 0 });
    expect(first.written.map((w) => w.target)).toEqual(['chrome', 'firefox', 'source']);
    expect(second.written.map((w) => w.sha256)).toEqual(first.written.map((w) => w.sha256));
    for (const w of first.written) expect(readFileSync(w.path).equals(readFileSync(w.path.replace('/first/', '/second/')))).toBe(true);
    for (const target of ['chrome', 'firefox']) {
      const path = first.written.find((w) => w.target === target)!.path;
      const built = JSON.parse(execFileSync('unzip', ['-p', path, 'manifest.json'], { encoding: 'utf8' }));
      expect(built.version).toBe(first.version);
      expect(manifestProblems(built, first.version)).toEqual([]);
    }
    const source = first.written.find((w) => w.target === 'source')!.path;
    expect(execFileSync('unzip', ['-p', source, 'BUILDING.md'], { encoding: 'utf8' })).toContain('npm run package');
  }, 600_000);
});
