// One place for each kind of AWS knowledge (issue 9): the Billing and Cost Management prefixes live
// in core/knowledge/services.ts, the policy types and layers with their labels in
// core/knowledge/layers.ts, the partitions' hosts in core/knowledge/partitions.ts. This meta-test
// reads every source file and fails when another one declares such a list again: an array or
// argument list of three or more of those names, or a table that maps three or more of them to words.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { LAYERS, POLICY_TYPES } from '../../../src/core/knowledge/layers.ts';
import { CONSOLE_HOSTS, PARTITIONS } from '../../../src/core/knowledge/partitions.ts';
import { BCM_PREFIXES } from '../../../src/core/knowledge/services.ts';

const root = resolve(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(tsx?|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const FILES = [...sources(join(root, 'src')), join(root, 'vite.config.ts')];

/**
 * Per kind: its home, its names, how many distinct names make a list (three prefixes are already a
 * copy; a short subset of policy types is logic, six are the list), and the files that legitimately
 * hold them for another purpose, with the reason.
 */
const KINDS: Record<string, { home: string; names: ReadonlySet<string>; atLeast: number; allowed?: Record<string, string> }> = {
  'BCM service prefixes': { home: 'src/core/knowledge/services.ts', names: new Set(BCM_PREFIXES.flatMap((prefix) => [prefix, `${prefix}:*`])), atLeast: 3 },
  'policy types and layers': {
    home: 'src/core/knowledge/layers.ts',
    names: new Set<string>([...POLICY_TYPES, ...Object.keys(LAYERS)]),
    atLeast: 6,
    allowed: { 'src/core/parse/policy-types.ts': "the parser's phrase-to-type grammar: AWS's wording in messages, not our names" },
  },
  'partition hosts': {
    atLeast: 2,
    home: 'src/core/knowledge/partitions.ts',
    names: new Set([...CONSOLE_HOSTS.map(({ host }) => host), ...Object.values(PARTITIONS).flatMap((partition) => [partition.consoleUrl, ...Object.values(partition.apiHosts)])]),
  },
};

const STRING = /'([^'\\]*)'|"([^"\\]*)"|`([^`\\$]*)`/g;
const stringsIn = (text: string) => [...text.matchAll(STRING)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');

/** The source without comments, so a comment that names a few prefixes is not a list. */
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/** Arrays, argument lists and Sets made only of string literals. */
function literalLists(code: string): string[][] {
  return [...code.matchAll(/[[(]\s*((?:(?:'[^'\n]*'|"[^"\n]*"|`[^`\n$]*`)\s*,\s*)+(?:'[^'\n]*'|"[^"\n]*"|`[^`\n$]*`)\s*,?\s*)[\])]/g)].map((m) => stringsIn(m[1]!));
}

/** Lists of pairs such as `[['console.aws.amazon.com', 'aws'], …]`, by the strings they hold. */
function pairLists(code: string): string[][] {
  return [...code.matchAll(/\[\s*((?:\[\s*(?:'[^'\n]*'|"[^"\n]*")\s*,\s*(?:'[^'\n]*'|"[^"\n]*")\s*\]\s*,?\s*){2,})\]/g)].map((m) => stringsIn(m[1]!));
}

/** Runs of `key: 'words'` lines (label and noun tables), by their keys. */
function wordTables(code: string): string[][] {
  const tables: string[][] = [];
  let run: string[] = [];
  for (const line of code.split('\n')) {
    const entry = /^\s*(?:'([^']+)'|"([^"]+)"|([\w$-]+))\s*:\s*(?:'[^']*'|"[^"]*"|`[^`]*`)\s*,?\s*$/.exec(line);
    if (entry) run.push(entry[1] ?? entry[2] ?? entry[3]!);
    else if (run.length > 0) (tables.push(run), (run = []));
  }
  if (run.length > 0) tables.push(run);
  return tables;
}

function declarations(file: string, names: ReadonlySet<string>, atLeast: number): string[] {
  return found(withoutComments(readFileSync(file, 'utf8')), names, atLeast);
}

/** The lists and tables in the code that hold at least `atLeast` distinct names. */
function found(code: string, names: ReadonlySet<string>, atLeast: number): string[] {
  return [...literalLists(code), ...pairLists(code), ...wordTables(code)].map((list) => list.filter((name) => names.has(name))).filter((list) => new Set(list).size >= atLeast).map((list) => list.join(', '));
}

describe('one place for each kind of AWS knowledge', () => {
  for (const [kind, { home, names, atLeast, allowed = {} }] of Object.entries(KINDS)) {
    test(`only ${home} declares the ${kind}`, () => {
      const others = FILES.filter((file) => relative(root, file) !== home && !Object.hasOwn(allowed, relative(root, file)));
      const elsewhere = others.flatMap((file) => declarations(file, names, atLeast).map((list) => `${relative(root, file)}: ${list}`));
      expect(elsewhere).toEqual([]);
    });

    test(`the detector would find a copy of the ${kind} (so it can fail)`, () => {
      const sample = [...new Set([...names].map((name) => name.replace(/:\*$/, '')))].slice(0, atLeast);
      const planted = [
        `const copy = [${sample.map((name) => `'${name}'`).join(', ')}];`,
        `const pairs = [${sample.map((name) => `['${name}', 'x']`).join(', ')}];`,
        `const words = {\n${sample.map((name) => `  '${name}': 'x',`).join('\n')}\n};`,
      ].join('\n');
      expect(found(planted, names, atLeast)).toHaveLength(3);
    });
  }
});
