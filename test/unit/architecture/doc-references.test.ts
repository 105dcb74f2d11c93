// Every reference the code makes to the project's specs resolves inside the repository: the file is
// in docs/, and each section number cited ("denial-grammar.md section 5", "denial-grammar.md 6.1, 6.3")
// is a heading there. The specs are ours (docs/), written from public sources, and kept current.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : files(path);
    return /\.(tsx?|mjs)$/.test(name) ? [path] : [];
  });
}

const SPECS = ['denial-grammar', 'console-dom', 'billing-actions', 'aws-data'];
const REFERENCE = new RegExp(`(?:docs/)?(${SPECS.join('|')})\\.md((?:[ ,]*(?:sections?|and|\\d+(?:\\.\\d+)?))*)`, 'g');

/** Section numbers the docs file has: "## 5. Wrappers" → 5, "### 2.1 Typed …" → 2.1. */
function headings(spec: string): Set<string> {
  const text = readFileSync(join(root, 'docs', `${spec}.md`), 'utf8');
  return new Set([...text.matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.? /gm)].map((m) => m[1]!));
}

interface Reference {
  file: string;
  spec: string;
  sections: string[];
}

function references(): Reference[] {
  const sources = [...files(join(root, 'src')), ...files(join(root, 'test')), join(root, 'vite.config.ts')];
  return sources.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(REFERENCE)].map((m) => ({
      file: relative(root, file),
      spec: m[1]!,
      sections: [...(m[2] ?? '').matchAll(/\d+(?:\.\d+)?/g)].map((n) => n[0]),
    })),
  );
}

describe('references to the specs', () => {
  const found = references();

  test('the code cites the specs, and every cited spec is in docs/', () => {
    expect(found.length).toBeGreaterThan(30);
    expect([...new Set(found.map((ref) => ref.spec))].filter((spec) => !existsSync(join(root, 'docs', `${spec}.md`)))).toEqual([]);
  });

  test('every cited section exists in the spec', () => {
    const missing = found.flatMap((ref) => ref.sections.filter((section) => !headings(ref.spec).has(section)).map((section) => `${ref.file}: ${ref.spec}.md ${section}`));
    expect(missing).toEqual([]);
  });

  test('a reference to a section the spec lacks is caught', () => {
    expect(headings('denial-grammar').has('2.1')).toBe(true);
    expect(headings('denial-grammar').has('42')).toBe(false);
  });
});
