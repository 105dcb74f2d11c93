#!/usr/bin/env node
// `npm run package`: the store packages, rebuilt the same byte for byte from the same commit.
//   artifacts/why-denied-<version>-chrome.zip   Chrome Web Store (and Microsoft Edge Add-ons: the same zip)
//   artifacts/why-denied-<version>-firefox.zip  addons.mozilla.org
//   artifacts/why-denied-<version>-source.zip   AMO's source submission: the tracked files and BUILDING.md
// Reproducible: a fresh build in its own folder, entries sorted, every timestamp 1980-01-01 00:00, fixed file
// modes, no absolute paths. Checked: one version (package.json) in every manifest, no test-only host or
// permission, no path of the build machine in any file, and `web-ext lint` clean on the Firefox zip's contents.
//
// Options: --out DIR (default artifacts), --no-lint.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * What the store manifests may ask for: what the source manifest.json declares (the security-manifest test checks
 * that code uses each), nothing more. Anything else (a test build's "key", a fixture host) fails the package.
 */
const SOURCE_MANIFEST = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
const ALLOWED = {
  permissions: SOURCE_MANIFEST.permissions ?? [],
  host_permissions: SOURCE_MANIFEST.host_permissions ?? [],
  optional_host_permissions: SOURCE_MANIFEST.optional_host_permissions ?? [],
  matches: /^https:\/\/\*\.console\.aws\.amazon\.com\//,
};
const TEST_ONLY_KEYS = ['key', 'update_url'];

// --- A small deterministic zip writer (stored or deflated entries, no extra fields, no timestamps) ------------

const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const FILE_MODE = 0o100644;

/** @param {{ name: string, data: Buffer }[]} files */
export function zip(files) {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of sorted) {
    if (name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) throw new Error(`unsafe zip entry name ${name}`);
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data, { level: 9 });
    const method = deflated.length < data.length ? 8 : 0;
    const body = method === 8 ? deflated : data;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10); // 00:00:00
    local.writeUInt16LE(DOS_DATE_1980_01_01, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBytes, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0 (so the file mode below is read)
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE_1980_01_01, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

// --- Checks --------------------------------------------------------------------------------------------------

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Problems with a store manifest: its version, test-only keys, hosts or permissions beyond the allowed ones. */
export function manifestProblems(manifest, version) {
  const problems = [];
  if (manifest.version !== version) problems.push(`version ${manifest.version} is not package.json's ${version}`);
  for (const key of TEST_ONLY_KEYS) if (key in manifest) problems.push(`test-only key "${key}"`);
  for (const field of ['permissions', 'host_permissions', 'optional_host_permissions'])
    for (const value of manifest[field] ?? []) if (!ALLOWED[field].includes(value)) problems.push(`${field}: ${value} is not a store permission`);
  for (const script of manifest.content_scripts ?? [])
    for (const match of script.matches ?? []) if (!ALLOWED.matches.test(match)) problems.push(`content_scripts: ${match} is not a console page`);
  for (const entry of manifest.web_accessible_resources ?? [])
    for (const match of entry.matches ?? []) if (!ALLOWED.matches.test(match)) problems.push(`web_accessible_resources: ${match} is not a console page`);
  return problems;
}

/** Files that name the build machine's folders (an absolute path would make two checkouts differ). */
function filesWithLocalPaths(files, buildDir) {
  const needles = [ROOT, buildDir];
  return files.filter(({ data }) => needles.some((needle) => data.includes(needle))).map(({ name }) => name);
}

// --- The three packages --------------------------------------------------------------------------------------

function build(distDir) {
  // A production build whatever the caller's environment: under a test runner (NODE_ENV=test) the JSX transform
  // would put source paths into the bundles.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV'));
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: ROOT, env: { ...env, NODE_ENV: 'production', WD_DIST_DIR: distDir }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

function folderFiles(dir) {
  return filesUnder(dir).map((path) => ({ name: relative(dir, path).split(sep).join('/'), data: readFileSync(path) }));
}

const toolVersion = (cmd, args) => execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8' }).trim();

/** BUILDING.md in the source zip: the exact steps and the tool versions this package was made with. */
function buildingNotes(version) {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  const pinned = (name) => lock.packages?.[`node_modules/${name}`]?.version ?? '(not installed)';
  return `# Building why-denied ${version} from this source

These steps rebuild the store packages byte for byte (the zips have fixed timestamps and sorted entries).

Tools used for this package:

- Node.js ${process.version} (package.json asks for ${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node})
- npm ${toolVersion('npm', ['--version'])}
- vite ${pinned('vite')}, typescript ${pinned('typescript')}, web-ext ${pinned('web-ext')} (exact versions of every package: package-lock.json)
- Debian 12 (bookworm) x86-64; any Linux with the Node.js version above works

Steps, in the folder of this source:

\`\`\`bash
npm ci
npm run package
\`\`\`

The packages are written to \`artifacts/\`: \`why-denied-${version}-firefox.zip\` is the add-on submitted to
addons.mozilla.org, \`why-denied-${version}-chrome.zip\` the one for the Chrome Web Store and Microsoft Edge
Add-ons. The build itself is \`vite build\` (vite.config.ts): it bundles src/ and writes dist/chrome and dist/firefox;
no code is fetched at build or run time.
`;
}

function sourceFiles(version) {
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  const files = tracked.filter((name) => statSync(join(ROOT, name), { throwIfNoEntry: false })?.isFile()).map((name) => ({ name, data: readFileSync(join(ROOT, name)) }));
  return [...files, { name: 'BUILDING.md', data: Buffer.from(buildingNotes(version)) }];
}

function lintFirefoxZip(zipPath) {
  const dir = mkdtempSync(join(tmpdir(), 'wd-package-lint-'));
  try {
    execFileSync('unzip', ['-q', zipPath, '-d', dir]);
    const result = spawnSync('npx', ['web-ext', 'lint', '--source-dir', dir, '--warnings-as-errors', '--output', 'json'], { cwd: ROOT, encoding: 'utf8' });
    const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{')));
    const { errors, warnings } = report.summary;
    if (result.status !== 0 || errors > 0 || warnings > 0) throw new Error(`web-ext lint on ${zipPath}: ${errors} errors, ${warnings} warnings\n${result.stdout}`);
    return report.summary;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function makePackages({ out = join(ROOT, 'artifacts'), lint = true } = {}) {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const distDir = mkdtempSync(join(tmpdir(), 'wd-package-build-'));
  try {
    build(distDir);
    mkdirSync(out, { recursive: true });
    const written = [];
    for (const [target, files] of [
      ['chrome', folderFiles(join(distDir, 'chrome'))],
      ['firefox', folderFiles(join(distDir, 'firefox'))],
      ['source', sourceFiles(version)],
    ]) {
      if (target !== 'source') {
        const manifest = JSON.parse(files.find((f) => f.name === 'manifest.json').data.toString('utf8'));
        const problems = manifestProblems(manifest, version);
        if (problems.length > 0) throw new Error(`${target} manifest: ${problems.join('; ')}`);
      }
      const local = filesWithLocalPaths(files, distDir);
      if (local.length > 0) throw new Error(`${target}: files name the build machine's folders: ${local.join(', ')}`);
      const path = join(out, `why-denied-${version}-${target}.zip`);
      const bytes = zip(files);
      writeFileSync(path, bytes);
      written.push({ target, path, bytes: bytes.length, entries: files.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    }
    const lintSummary = lint ? lintFirefoxZip(written.find((w) => w.target === 'firefox').path) : null;
    return { version, written, lint: lintSummary };
  } finally {
    rmSync(distDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const out = outIndex >= 0 ? resolve(args[outIndex + 1]) : undefined;
  const { version, written, lint } = makePackages({ out, lint: !args.includes('--no-lint') });
  console.log(`why-denied ${version}:`);
  for (const w of written) console.log(`  ${relative(process.cwd(), w.path).padEnd(48)} ${(w.bytes / 1024).toFixed(1).padStart(8)} KiB  ${String(w.entries).padStart(4)} files  sha256 ${w.sha256}`);
  if (lint) console.log(`  web-ext lint on the Firefox zip: ${lint.errors} errors, ${lint.warnings} warnings, ${lint.notices} notices`);
}
