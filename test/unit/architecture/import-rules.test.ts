// The rules for what each context may import, checked on the sources (a meta-test, like refined-github's).
//   core/     pure TypeScript: no browser APIs, no DOM, no SDK, no UI; runs in the content script, the worker, the CLI.
//   console/  the console's DOM knowledge: DOM yes, but no extension APIs and no UI framework.
//   engine/   the AWS SDK: no extension APIs and no DOM (it runs in the service worker and in Node).
//   diagnosis-frame/  the panel frame, an extension page: UI and messaging, never the SDK, the engine or the worker.
//   page-observer/  runs in the page's own world (MAIN): the observed-denial message shape only; no parser (the
//                   content script parses), no extension API, no other context (nothing of ours may reach the page).
//   tools/    build-time steps (Node): nothing in the product imports them.
//   shared/compat.ts is the only importer of webextension-polyfill.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const src = resolve(import.meta.dirname, '../../../src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** What a file imports at run time (type-only imports are erased, so they do not count). */
const imports = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)].map(
    (m) => m[1] ?? m[2]!,
  );

/** The source without comments and string literals, for looking at the code's own identifiers. */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/`(?:\\.|[^`\\])*`|'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"/g, "''");
}

/** The browser's globals (a local called `document`, such as a policy document, is fine). */
const DOM_GLOBALS = /(?<![.\w$])(window|browser|chrome|navigator|localStorage)\s*\.|(?<![.\w$])document\.(?:querySelector|getElement|createElement|body|documentElement|cookie|defaultView)/g;

function violations(folder: string, rule: (file: string) => string[]): string[] {
  return sources(join(src, folder)).flatMap((file) => rule(file).map((problem) => `${relative(src, file)}: ${problem}`));
}

const importsAny = (file: string, patterns: RegExp[]) =>
  imports(file).filter((spec) => patterns.some((p) => p.test(spec))).map((spec) => `imports ${spec}`);
const uses = (file: string, globals: RegExp) => [...code(file).matchAll(globals)].map((m) => `uses ${m[0]}`);

/** Every source file an entry reaches through run-time imports, relative to src/, sorted. */
function reachedFrom(entry: string): string[] {
  const reached = new Set<string>();
  const visit = (file: string) => {
    if (reached.has(file)) return;
    reached.add(file);
    for (const spec of imports(file)) if (spec.startsWith('.') && /\.tsx?$/.test(spec)) visit(resolve(file, '..', spec));
  };
  visit(join(src, entry));
  return [...reached].map((f) => relative(src, f)).sort();
}

describe('import rules per context', () => {
  test('core is pure: no extension APIs, no DOM, no SDK, no UI, nothing from other contexts', () => {
    expect(
      violations('core', (f) => [
        ...importsAny(f, [/webextension-polyfill/, /compat\.ts$/, /^preact/, /^@aws-sdk\//, /^node:/, /\.\.\/(console|content|background|engine|popup|options|shared|cli)\//]),
        ...uses(f, /\b(document|window|browser|chrome|navigator|localStorage)\s*\.|\bfetch\s*\(|\bMutationObserver\b/g),
      ]),
    ).toEqual([]);
  });

  test('console knows the DOM but not the extension or the UI', () => {
    expect(violations('console', (f) => [...importsAny(f, [/webextension-polyfill/, /compat\.ts$/, /^preact/, /^@aws-sdk\//]), ...uses(f, /\b(browser|chrome)\s*\./g)])).toEqual([]);
  });

  test('engine runs in the worker and in Node: no extension APIs, no DOM', () => {
    expect(
      violations('engine', (f) => [
        ...importsAny(f, [/webextension-polyfill/, /compat\.ts$/, /^preact/, /\.\.\/(console|content|background|popup|options|cli)\//]),
        ...uses(f, DOM_GLOBALS),
      ]),
    ).toEqual([]);
  });

  test('tools run at build time in Node: no product context imports them', () => {
    const importers = sources(src)
      .filter((f) => !relative(src, f).startsWith('tools/') && imports(f).some((spec) => /(^|\/)tools\//.test(spec)))
      .map((f) => relative(src, f));
    expect(importers).toEqual([]);
  });

  test('only shared/compat.ts imports webextension-polyfill', () => {
    const importers = sources(src).filter((f) => imports(f).includes('webextension-polyfill')).map((f) => relative(src, f));
    expect(importers).toEqual(['shared/compat.ts']);
  });

  test('the page observer (MAIN world) reaches only the observed-denial message, and no extension API', () => {
    const reached = reachedFrom('page-observer/main.ts');
    expect(reached.filter((f) => !/^page-observer\//.test(f) && !['shared/observed-denial.ts', 'shared/validate.ts'].includes(f))).toEqual([]);
    expect(
      violations('page-observer', (f) => [...importsAny(f, [/webextension-polyfill/, /compat\.ts$/, /^preact/, /^@aws-sdk\//]), ...uses(f, /\b(browser|chrome)\s*\./g)]),
    ).toEqual([]);
  });

  test("Chrome's content script is only the loader of the content module, and neither reaches the polyfill", () => {
    expect(reachedFrom('content/loader.ts')).toEqual(['content/loader.ts', 'shared/runtime.ts']);
    expect(reachedFrom('content/main.ts').filter((f) => f === 'shared/compat.ts')).toEqual([]);
  });

  test("the observer's receiver (document_start, isolated world) reaches only its message check", () => {
    expect(reachedFrom('content/observed-entry.ts')).toEqual(['content/observed-entry.ts', 'content/observed-receiver.ts', 'shared/observed-denial.ts', 'shared/validate.ts']);
  });

  test('the content script does not pull in the SDK, the engine or the explanation (they live in the worker and panel.js)', () => {
    // The layer vocabulary and the partitions' hosts (a few names each) are what the message checks and the console identity need.
    const light = new Set(['core/knowledge/layers.ts', 'core/knowledge/partitions.ts']);
    const heavy = reachedFrom('content/main.ts')
      .filter((f) => !light.has(f))
      .filter((f) => /^(engine|background|tools|core\/rules|core\/request|core\/knowledge)\//.test(f) || (f.startsWith('content/panel/') && !f.endsWith('types.ts')));
    expect(heavy).toEqual([]);
  });

  test('the panel frame is a page of messages: no SDK, no engine, no worker module, no storage', () => {
    expect(
      violations('diagnosis-frame', (f) => [
        ...importsAny(f, [/^@aws-sdk\//, /\.\.\/(engine|background|console)\//]),
        ...uses(f, /\b(browser|chrome)\.storage\b|\bindexedDB\b/g),
      ]),
    ).toEqual([]);
  });

  test('only the worker\'s storage module touches a storage area', () => {
    const touching = sources(src)
      .filter((f) => /\b(browser|chrome)\.storage\.(local|session|sync|managed)\b|\bindexedDB\./.test(code(f)))
      .map((f) => relative(src, f));
    expect(touching.sort()).toEqual(['background/storage/areas.ts', 'background/storage/kept-area.ts']);
  });
});
