// The npm package (pkg/, assembled by `make build`) installed the way a user gets it: packed
// with `npm pack`, extracted, and used from a bundler-free page through an import map, or
// through its loader script. The page and the package's files are served by page.route, so
// nothing but what is in the tarball can be used.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { test, expect } from '@playwright/test';
import { Banner, PrivacyCentre } from './pages.js';
import { collectConsoleErrors } from './integration-helpers.js';

const ROOT = new URL('../../', import.meta.url);
const PKG = new URL('pkg/', ROOT);
const CRATE_VERSION = /\[package\][^[]*?\nversion\s*=\s*"([^"]+)"/.exec(readFileSync(new URL('Cargo.toml', ROOT), 'utf8'))[1];
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm', '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};
const ANALYTICS_TAG = "(window.standInTags = window.standInTags || []).push('npm-analytics');";
const CONFIG = {
  version: 'npm-1',
  policyLink: '/npm-test/policy.html',
  categories: [
    { id: 'essential', required: true, label: { en: 'Essential' }, description: { en: 'Needed for the site to work.' } },
    { id: 'analytics', label: { en: 'Analytics' }, description: { en: 'Counts visits.' } },
  ],
};

let dir; // the temporary directory: the tarball, package/ (extracted) and consumer/
let packed; // npm pack --json's report

test.beforeAll(() => {
  if (!existsSync(new URL('package.json', PKG))) throw new Error('pkg/ is not an npm package: run `make build` first');
  dir = mkdtempSync(join(tmpdir(), 'consent-banner-npm-'));
  const report = execFileSync('npm', ['pack', './pkg', '--pack-destination', dir, '--json'], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
  [packed] = JSON.parse(report);
  execFileSync('tar', ['-xzf', join(dir, packed.filename), '-C', dir]);
});

test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every file under `base`, as paths relative to it. */
function filesUnder(base) {
  return readdirSync(base, { recursive: true }).filter((p) => statSync(join(base, p)).isFile()).sort();
}

/** Serves /npm-test/: `pages` by path, /npm-test/package/* from the extracted tarball, a stand-in tag. */
async function serve(page, baseURL, pages) {
  const requests = [];
  await page.route(new URL('/npm-test/**', baseURL).href, async (route) => {
    const path = new URL(route.request().url()).pathname;
    requests.push(path);
    const rest = path.slice('/npm-test/'.length);
    let body;
    if (pages[rest] !== undefined) body = pages[rest];
    else if (rest === 'tags/analytics.js') body = ANALYTICS_TAG;
    else if (rest === 'policy.html') body = '<!doctype html><title>Policy</title><p>Cookie policy.';
    else if (rest.startsWith('package/') && !rest.includes('..') && existsSync(join(dir, rest))) body = readFileSync(join(dir, rest));
    else return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not in the package' });
    return route.fulfill({ status: 200, contentType: TYPES[extname(rest)] ?? 'application/octet-stream', body });
  });
  return requests;
}

function html(head, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>npm package test</title>${head}</head>
<body><h1>A page using the npm package</h1>${body}</body></html>`;
}

const GATED = '<script type="text/plain" data-consent-category="analytics" data-src="/npm-test/tags/analytics.js"></script>';

test('import map: `import init, { run } from "consent-banner"` shows the banner, gates tags and defines the API', async ({ page, baseURL }) => {
  const errors = collectConsoleErrors(page);
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  const requests = await serve(page, baseURL, {
    'index.html': html(
      `<script type="importmap">{ "imports": { "consent-banner": "/npm-test/package/consent_banner.js" } }</script>
       <link rel="stylesheet" href="/npm-test/package/consent-banner.css">
       <script type="application/json" data-consent-config>${JSON.stringify(CONFIG)}</script>`,
      `${GATED}
       <script type="module">import init, { run } from 'consent-banner'; await init(); run({ i18n: '/npm-test/package/i18n/' });</script>`,
    ),
  });
  const banner = new Banner(page);

  await page.goto('/npm-test/index.html');
  await banner.expectVisible();
  // The package's stylesheet is what places the banner.
  // The stylesheet's 44rem (a popover is fixed in any case: position would prove nothing).
  expect(await banner.root.evaluate((el) => getComputedStyle(el).maxWidth)).toBe('704px');
  expect(requests).toContain('/npm-test/package/consent_banner_bg.wasm');
  expect(await page.evaluate(() => window.consentBanner.getConsent())).toBeNull();
  await page.waitForTimeout(400);
  expect(requests).not.toContain('/npm-test/tags/analytics.js');

  await banner.acceptAll();
  await expect.poll(() => page.evaluate(() => window.standInTags ?? [])).toEqual(['npm-analytics']);
  expect(requests.filter((p) => p === '/npm-test/tags/analytics.js')).toHaveLength(1);
  const consent = await page.evaluate(() => window.consentBanner.getConsent());
  expect(consent).toMatchObject({ version: 'npm-1', accepted: ['essential', 'analytics'], rejected: [] });
  expect(await page.evaluate(() => window.consentBanner.acceptedCategory('analytics'))).toBe(true);

  // Nothing outside the package was needed, and wasm streamed (served as application/wasm).
  // tags.js is imported by the module from beside itself.
  expect([...new Set(requests.filter((p) => p.startsWith('/npm-test/package/')))].sort()).toEqual([
    '/npm-test/package/consent-banner-tags.js', '/npm-test/package/consent-banner.css',
    '/npm-test/package/consent_banner.js', '/npm-test/package/consent_banner_bg.wasm',
    // The built-in texts of the one language shown.
    '/npm-test/package/i18n/en.json',
  ]);
  expect(errors).toEqual([]);
  expect(warnings.filter((w) => /instantiateStreaming|MIME/.test(w))).toEqual([]);
});

test('run({ config }) takes the config as an object', async ({ page, baseURL }) => {
  const errors = collectConsoleErrors(page);
  await serve(page, baseURL, {
    'index.html': html(
      `<script type="importmap">{ "imports": { "consent-banner": "/npm-test/package/consent_banner.js" } }</script>`,
      `${GATED}
       <script type="module">import init, { run } from 'consent-banner'; await init(); run({ config: ${JSON.stringify(CONFIG)}, i18n: '/npm-test/package/i18n/' });</script>`,
    ),
  });
  await page.goto('/npm-test/index.html');
  await new Banner(page).expectVisible();
  await page.evaluate(() => window.consentBanner.acceptCategories(['analytics']));
  await expect.poll(() => page.evaluate(() => window.standInTags ?? [])).toEqual(['npm-analytics']);
  expect(errors).toEqual([]);
});

test('a site\'s own stylesheet (data-css) replaces the built-in one, on the banner and in the privacy centre', async ({ page, baseURL }) => {
  const errors = collectConsoleErrors(page);
  // The package's rules and one of the site's own, to see which stylesheet applies.
  const own = readFileSync(join(dir, 'package/consent-banner.css'), 'utf8') + '.cb-banner,.cb-dialog{outline:3px solid rgb(1, 2, 3)}';
  const requests = await serve(page, baseURL, {
    'config.json': JSON.stringify(CONFIG),
    'own.css': own,
    'index.html': html(`<script src="/npm-test/package/consent-banner.js" data-config="/npm-test/config.json" data-css="/npm-test/own.css" async></script>`, GATED),
  });
  const banner = new Banner(page);
  await page.goto('/npm-test/index.html');
  await banner.expectVisible();
  expect(requests).toContain('/npm-test/own.css');
  expect(requests).not.toContain('/npm-test/package/consent-banner.css');
  expect(await banner.root.evaluate((el) => getComputedStyle(el).outlineColor)).toBe('rgb(1, 2, 3)');
  const centre = await banner.customise();
  expect(await centre.root.evaluate((el) => getComputedStyle(el).outlineColor)).toBe('rgb(1, 2, 3)');
  expect(requests).not.toContain('/npm-test/package/consent-banner.css');
  expect(errors).toEqual([]);
});

test('the package loader (consent-banner/loader) finds the modules and the stylesheet beside itself', async ({ page, baseURL }) => {
  const errors = collectConsoleErrors(page);
  const requests = await serve(page, baseURL, {
    'config.json': JSON.stringify(CONFIG),
    // One script tag: the stylesheet is found beside the loader and loaded into the shadow root.
    'index.html': html(`<script src="/npm-test/package/consent-banner.js" data-config="/npm-test/config.json" defer></script>`, GATED),
  });
  const banner = new Banner(page);
  await page.goto('/npm-test/index.html');
  await banner.expectVisible();
  // A first visit: the first-visit module and its page work, from beside the loader; the
  // stylesheet travels inside first.js (no request of its own) and places the banner.
  expect(requests).toContain('/npm-test/package/consent_banner_first.wasm');
  expect(requests).toContain('/npm-test/package/consent-banner-first.js');
  expect(requests).not.toContain('/npm-test/package/consent-banner.css');
  // The stylesheet's 44rem (a popover is fixed in any case: position would prove nothing).
  expect(await banner.root.evaluate((el) => getComputedStyle(el).maxWidth)).toBe('704px');
  expect(requests.filter((p) => p.includes('/pkg/'))).toEqual([]);
  // The privacy centre: the full module, from beside the loader too, in the same shadow root,
  // styled by the whole stylesheet (first.js carries the first layer's rules only), found
  // beside the loader as well.
  await banner.customise();
  const centre = new PrivacyCentre(page);
  await centre.expectOpen();
  expect(await centre.root.evaluate((el) => getComputedStyle(el).display)).toBe('flex');
  expect(requests).toContain('/npm-test/package/consent_banner.js');
  expect(requests).toContain('/npm-test/package/consent_banner_bg.wasm');
  expect(requests.filter((p) => p.endsWith('consent-banner.css'))).toEqual(['/npm-test/package/consent-banner.css']);
  await page.keyboard.press('Escape');
  await banner.acceptAll();
  await expect.poll(() => page.evaluate(() => window.standInTags ?? [])).toEqual(['npm-analytics']);

  // The next page view is the runtime's, from the package too.
  requests.length = 0;
  await page.reload();
  await expect.poll(() => page.evaluate(() => window.standInTags ?? [])).toEqual(['npm-analytics']);
  expect(requests).toContain('/npm-test/package/consent_banner_runtime.wasm');
  expect(requests).toContain('/npm-test/package/consent-banner-tags.js');
  expect(requests).not.toContain('/npm-test/package/consent_banner_bg.wasm');
  expect(errors).toEqual([]);
});

test('package.json: name, version, entry points and exactly the listed files', async () => {
  const base = join(dir, 'package');
  const manifest = JSON.parse(readFileSync(join(base, 'package.json'), 'utf8'));
  expect(manifest).toMatchObject({
    name: 'consent-banner',
    version: CRATE_VERSION,
    license: 'MIT OR Apache-2.0',
    type: 'module',
    main: 'consent_banner.js',
    module: 'consent_banner.js',
    types: 'consent-banner.d.ts',
    bin: { 'consent-banner-check': 'consent-banner-check.js' },
    sideEffects: ['./consent-banner.js', '*.css'],
    exports: {
      '.': { types: './consent-banner.d.ts', import: './consent_banner.js', default: './consent_banner.js' },
      './loader': './consent-banner.js',
      './style.css': './consent-banner.css',
      './schema.json': './consent-banner.schema.json',
      './i18n/*': './i18n/*',
      './package.json': './package.json',
    },
  });
  expect(manifest.description).toBeTruthy();
  expect(manifest.files.sort()).toEqual([
    'README.md', 'consent-banner-check.js', 'consent-banner-check.wasm', 'consent-banner-first.js',
    'consent-banner-notice.js', 'consent-banner-surfaces.js', 'consent-banner-tags.js', 'consent-banner.css', 'consent-banner.d.ts', 'consent-banner.js',
    'consent-banner.schema.json', 'consent_banner.d.ts', 'consent_banner.js', 'consent_banner_bg.wasm',
    'consent_banner_bg.wasm.d.ts', 'consent_banner_first.wasm', 'consent_banner_first_surfaces.wasm', 'consent_banner_runtime.wasm',
    'consent_banner_runtime_surfaces.wasm', 'i18n/',
  ]);

  // The tarball holds the listed files (i18n/: the 24 languages' texts) and package.json, nothing
  // else (no stray build output).
  const inTarball = filesUnder(base);
  const texts = inTarball.filter((f) => f.startsWith('i18n/'));
  expect(texts).toEqual(readdirSync(new URL('../../src/i18n/', import.meta.url)).map((f) => `i18n/${f}`).sort());
  expect(texts).toHaveLength(24);
  expect(inTarball).toEqual([...manifest.files.filter((f) => f !== 'i18n/'), ...texts, 'package.json'].sort());
  expect(packed.files.map((f) => f.path).sort()).toEqual(inTarball);
  for (const target of [manifest.main, manifest.module, manifest.types, ...Object.values(manifest.exports).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e)))]) {
    // A pattern export (./i18n/*) must resolve for a file the package has.
    expect(existsSync(join(base, target.replace('*', 'en.json'))), target).toBe(true);
  }
  // The package's loader is www/consent-banner.js minified, its default module URL beside it.
  const loader = readFileSync(join(base, 'consent-banner.js'), 'utf8');
  const original = readFileSync(new URL('www/consent-banner.js', ROOT), 'utf8');
  expect(loader).toMatch(/["']\.\/consent_banner\.js["']/);
  expect(loader).not.toContain('../pkg/consent_banner.js');
  expect(loader.length).toBeLessThan(original.length / 1.5);
  // The module's exports are the ones the declarations describe.
  const glue = readFileSync(join(base, 'consent_banner.js'), 'utf8');
  expect(glue).toMatch(/export function run\(/);
  expect(glue).toMatch(/export function start\(/);
  // Minified: the default export and initSync under mangled local names.
  expect(glue).toMatch(/export ?\{ ?[\w$]+ as initSync, ?[\w$]+ as default ?\}/);
  // tags.js comes from beside the module, the copy the loader's runtime imports too.
  expect(glue).toMatch(/from ?["']\.\/consent-banner-tags\.js["']/);
});

test('TypeScript: `import … from "consent-banner"` type-checks through the exports map and matches the generated module', async () => {
  test.setTimeout(90_000);
  const consumer = join(dir, 'consumer');
  mkdirSync(join(consumer, 'node_modules'), { recursive: true });
  cpSync(join(dir, 'package'), join(consumer, 'node_modules', 'consent-banner'), { recursive: true });
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(join(consumer, 'main.ts'), `
import init, { run, start, initSync, type ConsentConfig, type ConsentState } from 'consent-banner';
import * as declared from 'consent-banner';
// The wasm-bindgen glue's own declarations: ours must accept what it really exports.
import * as glue from './node_modules/consent-banner/consent_banner.js';

const config: ConsentConfig = {
  version: '1', policyLink: '/cookies',
  categories: [{ id: 'analytics', label: { en: 'Analytics' }, description: { en: 'Counts visits.' } }],
};
await init();
const api = await run({ config });
start(document.currentScript);
void initSync;
const consent: ConsentState | null = api.getConsent();
api.on('change', (detail) => console.log(detail.granted, consent));
// Undefined until the loader (or the queue snippet) has run.
window.consentBanner?.on('ready', (detail) => console.log(detail.active));
window.addEventListener('consent:change', (e) => console.log(e.detail.withdrawn));

const d1: typeof declared.default = glue.default;
const d2: typeof declared.initSync = glue.initSync;
const d3: typeof declared.start = glue.start;
const d4: typeof declared.run = glue.run;
void [d1, d2, d3, d4];
`);
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const common = ['--noEmit', '--strict', '--target', 'es2022', '--lib', 'es2022,dom', 'main.ts'];
  for (const resolution of [['--module', 'nodenext', '--moduleResolution', 'nodenext'], ['--module', 'esnext', '--moduleResolution', 'bundler']]) {
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, ...resolution, ...common], { cwd: consumer, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      output = `${e.stdout}${e.stderr}`;
    }
    expect(output, `tsc ${resolution.join(' ')}`).toBe('');
  }
});

test("the package README's bundler example runs as written: run() resolves to the API", async ({ page, baseURL }) => {
  const errors = collectConsoleErrors(page);
  const readme = readFileSync(join(dir, 'package/README.md'), 'utf8');
  const example = /## With a bundler or an import map\n\n```js\n([\s\S]*?)\n```/.exec(readme)[1];
  // A bundler resolves the stylesheet import; a browser's import map cannot (the README says
  // <link> instead): that one line is left to the <link> below.
  const code = example.replace(/^import 'consent-banner\/style\.css';.*$/m, '')
    .replace("consent.on('change', ({ granted }) => { /* … */ });", "consent.on('change', ({ granted }) => { window.__granted = granted; }); window.__api = consent === window.consentBanner;");
  expect(code).toContain('await run(');
  await serve(page, baseURL, {
    'index.html': html(
      `<script type="importmap">{ "imports": { "consent-banner": "/node_modules/consent-banner/consent_banner.js" } }</script>
       <link rel="stylesheet" href="/node_modules/consent-banner/consent-banner.css">`,
      `${GATED}<script type="module">${code}</script>`,
    ),
  });
  await page.route(new URL('/consent.json', baseURL).href, (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(CONFIG) }));
  await page.route(new URL('/node_modules/consent-banner/**', baseURL).href, (route) => {
    const rest = new URL(route.request().url()).pathname.slice('/node_modules/consent-banner/'.length);
    if (rest.includes('..') || !existsSync(join(dir, 'package', rest))) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({ contentType: TYPES[extname(rest)] ?? 'application/octet-stream', body: readFileSync(join(dir, 'package', rest)) });
  });
  await page.goto('/npm-test/index.html');
  await expect.poll(() => page.evaluate(() => window.__api ?? null), { timeout: 10_000 }).toBe(true);
  await new Banner(page).acceptAll();
  await expect.poll(() => page.evaluate(() => window.__granted ?? null)).toContain('analytics');
  expect(errors).toEqual([]);
});

test('run() rejects when the config cannot be used', async ({ page, baseURL }) => {
  await serve(page, baseURL, {
    'index.html': html(
      `<script type="importmap">{ "imports": { "consent-banner": "/npm-test/package/consent_banner.js" } }</script>`,
      `<script type="module">import init, { run } from 'consent-banner'; await init();
        run({ config: { version: 7 }, i18n: '/npm-test/package/i18n/' }).then(() => { window.__outcome = 'resolved'; }, (e) => { window.__outcome = String(e.message); });</script>`,
    ),
  });
  await page.goto('/npm-test/index.html');
  await expect.poll(() => page.evaluate(() => window.__outcome ?? null), { timeout: 10_000 }).toMatch(/config cannot be used/);
});
