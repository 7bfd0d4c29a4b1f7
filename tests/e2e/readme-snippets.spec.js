// Every fenced block of README.md and npm/README.md is run by a test. This spec runs the
// embedding, gating and API snippets exactly as the README gives them (pkg/ served from
// /consent/, the demo's config), and keeps the inventory: each block is either run here, run by
// the spec or test named for it (which must quote it), or listed as not yet run (test.fixme,
// visible in every report until it is).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { Banner } from './pages.js';

const ROOT = new URL('../../', import.meta.url);
const DOCS = { 'README.md': readFileSync(new URL('README.md', ROOT), 'utf8'), 'npm/README.md': readFileSync(new URL('npm/README.md', ROOT), 'utf8') };

/** Every fenced block of a document: its info string, body and line. */
function blocks(doc) {
  const out = [];
  const lines = DOCS[doc].split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^```(\w*)$/.exec(lines[i]);
    if (!m) continue;
    const start = i;
    const body = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]);
    out.push({ doc, lang: m[1], line: start + 1, body: body.join('\n') });
  }
  return out;
}

/** The block of `doc` whose body starts with `start` (exactly one). */
function snippet(start, doc = 'README.md') {
  const found = blocks(doc).filter((b) => b.body.startsWith(start));
  if (found.length !== 1) throw new Error(`${doc} has ${found.length} blocks starting ${JSON.stringify(start)}`);
  return found[0].body;
}

// Run here.
const EMBED = '<link rel="preload" href="/consent/consent_banner_runtime.wasm"';
const BOOT = '<script src="/consent/consent-banner.js" data-config="/consent/config.json" data-area="business"';
const INLINE = '<script type="application/json" data-consent-config>';
const GATING = '<!-- external script: type text/plain, src moved to data-src -->';
const SERVICE = '<script type="text/plain" data-consent-category="analytics" data-consent-service="at-internet"';
const QUEUE = '<script>window.consentBanner=window.consentBanner||{__queue:[]';
const CONSENT = '{ id: "9f2c4e1a7b3d5e60"';
const ON_CHANGE = "consentBanner.on('change'";
const CSP = "Content-Security-Policy: script-src 'self'";
const BUNDLER = "import 'consent-banner/style.css';";
const YEW = 'use std::rc::Rc;';
const QUICK_START = 'make demo    # installs what is missing';
const LAYOUT = 'src/i18n/       the built-in texts';
const HERE = [LAYOUT, QUICK_START, EMBED, BOOT, INLINE, GATING, SERVICE, ON_CHANGE, CONSENT, CSP, BUNDLER, YEW];

// Run elsewhere: the file must quote the block's start (or read the block by its marker).
const ELSEWHERE = [
  ['README.md', '<!-- ten-minutes:check -->', 'tests/e2e/npm-check.spec.js', "readmeBlock('check')"],
  ['README.md', '<!-- ten-minutes:typescript -->', 'tests/e2e/npm-check.spec.js', "readmeBlock('typescript')"],
  ['README.md', '<!-- ten-minutes:', 'tests/e2e/ten-minutes.spec.js', 'ten-minutes:'],
  ['README.md', 'export CONSENT_RECORDS_TOKEN=', 'records/readme.sh', "block 'export CONSENT_RECORDS_TOKEN='"],
  ['README.md', '{ "consentId": "9f2c4e1a7b3d5e60"', 'records/readme.sh', "block '{ \"consentId\": \"9f2c4e1a7b3d5e60\"'"],
  ['README.md', 'H="Authorization: Bearer $CONSENT_RECORDS_TOKEN"', 'records/readme.sh', "block 'H=\"Authorization: Bearer"],
  ['README.md', '{"from": "2026-11-01T00:00:00.000Z"', 'records/readme.sh', "block '{\"from\": \"2026-11-01T00:00:00.000Z\"'"],
  ['README.md', '"receiptEndpoint": "/consent-records/receipts"', 'www/config/itsme.json', '"receiptEndpoint": "/consent-records/receipts"'],
  ['README.md', 'cargo run --release -p consent-audit', 'audit/tests/e2e.sh', "grep -m1 '^make audit URL=' README.md"],
  ['README.md', '[ { "area": "business", "category": "analytics"', 'audit/tests/e2e.sh', '"area": "business", "category": "analytics"'],
  ['README.md', QUEUE, 'tests/e2e/api-loud.spec.js', 'queue snippet'],
  ['npm/README.md', "import 'consent-banner/style.css';", 'tests/e2e/package-esm.spec.js', "package README's bundler example"],
];

// Not run by any test yet: each stays a visible test.fixme until it is.
const NOT_YET = [
];
const NOT_YET_NPM = [];
// The npm README's embed and gating: run here.
const NPM_EMBED = '<script src="/consent/consent-banner.js" data-config="/consent/config.json" async';
const NPM_GATING = '<script type="text/plain" data-consent-category="analytics" data-src="https://stats.example';
const NPM_CHECK = 'npx consent-banner-check';

const npmSnippet = (start) => snippet(start, 'npm/README.md');

function precedingMarker(b) {
  const before = DOCS[b.doc].split('\n').slice(0, b.line - 1).reverse().find((l) => l.trim() !== '');
  return before ?? '';
}

test('every fenced block of the READMEs is run here, run elsewhere, or listed as not yet run', () => {
  const unclaimed = [];
  for (const doc of Object.keys(DOCS)) {
    for (const b of blocks(doc)) {
      const here = (doc === 'README.md' ? HERE : [NPM_EMBED, NPM_GATING, NPM_CHECK]).some((s) => b.body.startsWith(s));
      const elsewhere = ELSEWHERE.find(([d, s]) => d === doc && (b.body.startsWith(s) || precedingMarker(b).startsWith(s)));
      const notYet = (doc === 'README.md' ? NOT_YET : NOT_YET_NPM).some((s) => b.body.startsWith(s));
      if ([here, Boolean(elsewhere), notYet].filter(Boolean).length !== 1) unclaimed.push(`${doc}:${b.line} ${b.body.split('\n')[0].slice(0, 70)}`);
    }
  }
  expect(unclaimed, 'blocks claimed by no test (or by two lists)').toEqual([]);
  for (const [, , file, quote] of ELSEWHERE) {
    expect(readFileSync(new URL(file, ROOT), 'utf8'), `${file} runs its block`).toContain(quote);
  }
});

for (const start of [...NOT_YET, ...NOT_YET_NPM]) {
  test.fixme(`README block not run by a test yet: ${start.slice(0, 60)}`, () => {});
}

/** Serves /consent/ from pkg/ (its config.json the demo's), the page, and stand-ins for every https request. */
async function site(page, html, config = '/www/config/itsme.json') {
  const external = [];
  await page.route('**/site/', (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.route(/\/consent\/(.+)$/, (route) => {
    const file = new URL(route.request().url()).pathname.replace(/^\/consent\//, '');
    if (file === 'config.json' && config.startsWith('{')) return route.fulfill({ contentType: 'application/json', body: config });
    const target = file === 'config.json' ? config : `/pkg/${file}`;
    return route.continue({ url: new URL(target, route.request().url()).href });
  });
  await page.route(/^https:\/\//, (route) => {
    const url = route.request().url();
    external.push(url);
    if (route.request().resourceType() === 'document') return route.fulfill({ contentType: 'text/html', body: '<p>stand-in</p>' });
    if (route.request().resourceType() === 'image') return route.fulfill({ contentType: 'image/gif', body: Buffer.from('R0lGODlhAQABAAAAACw=', 'base64') });
    return route.fulfill({ contentType: 'text/javascript', body: `(window.__vendors = window.__vendors || []).push(${JSON.stringify(url)});` });
  });
  return external;
}

const GATED_URLS = ['https://stats.example/tag.js', 'https://ads.example/pixel.gif', 'https://video.example/embed/42', 'https://tag.aticdn.net/smarttag.js'];

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Snippets</title>
${snippet(EMBED)}
${snippet(QUEUE)}
<script>
  window.calls = [];
  window.fbq = (...args) => window.calls.push(['fbq', ...args]);
  function startAnalytics() { window.calls.push(['start']); }
  function stopAnalytics() { window.calls.push(['stop']); }
</script>
<script>${snippet(ON_CHANGE)}</script>
</head><body><main><h1>Business</h1>
${snippet(GATING)}
${snippet(SERVICE)}
</main></body></html>`;

test("the README's embedding, gating and API snippets: nothing before a choice, everything after Accept all, the change callback both ways", async ({ page }) => {
  const external = await site(page, PAGE);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/site/');
  const banner = new Banner(page);
  await banner.expectVisible();
  // The iframe's placeholder names the provider the snippet gives.
  await expect(page.locator('main')).toContainText('VideoHost');
  await page.waitForTimeout(300);
  expect(external.filter((u) => GATED_URLS.some((g) => u.startsWith(g)))).toEqual([]);
  expect(await page.evaluate(() => window.calls)).toEqual([]);

  await banner.acceptAll();
  await expect.poll(() => GATED_URLS.filter((g) => !external.some((u) => u.startsWith(g)))).toEqual([]);
  await expect.poll(() => page.evaluate(() => window.calls.map((c) => c.join(' ')).sort())).toEqual(['fbq track PageView', 'start']);

  // getConsent() answers what the README shows: the same fields, of the same kinds.
  const consent = await page.evaluate(() => window.consentBanner.getConsent());
  const sample = new Function(`return (${snippet(CONSENT)})`)();
  expect(Object.keys(consent).sort()).toEqual(Object.keys(sample).sort());
  expect(consent.id).toMatch(/^[0-9a-f]{16}$/);
  expect(new Date(consent.time).toISOString()).toBe(consent.time);
  expect(consent.accepted).toEqual(expect.arrayContaining(['essential', 'analytics:at-internet', 'marketing']));
  expect(consent.rejected).toEqual([]);

  await page.evaluate(() => window.consentBanner.rejectAll());
  await expect.poll(() => page.evaluate(() => window.calls.map((c) => c[0]))).toContain('stop');
  expect(errors).toEqual([]);
});

// The loader and its preloading script (the README's first snippet), in <head>: each page view
// requests what it needs once, with the page, and nothing for nothing (Chromium warns about a
// preload left unused); with data-surfaces, the modules that render the placeholders, although the
// loader may run before the body is parsed.
for (const surfaces of [false, true]) {
  test(`the README's embedding with its preloading script${surfaces ? ' and data-surfaces' : ''}: each view's modules once, every preload used`, async ({ page }) => {
    const boot = surfaces ? snippet(BOOT).replace(' async fetchpriority', ' data-surfaces async fetchpriority') : snippet(BOOT);
    // Without data-surfaces, a page without placeholders (the gating snippet has an iframe).
    await site(page, PAGE.replace(snippet(EMBED), boot).replace(surfaces ? '' : snippet(GATING), ''));
    const v = surfaces ? '_surfaces' : '';
    const files = [];
    page.on('request', (r) => {
      const m = /^\/consent\/(.+)$/.exec(new URL(r.url()).pathname);
      if (m) files.push(m[1]);
    });
    const warnings = [];
    page.on('console', (m) => { if (/preload/i.test(m.text())) warnings.push(m.text()); });
    const wasm = () => files.filter((f) => f.endsWith('.wasm'));
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') errors.push(m.text()); });
    const view = async (module) => {
      if (surfaces) await expect(page.locator('.cb-placeholder').first()).toBeVisible();
      // Chromium warns a few seconds after the load event about a preload nothing used.
      await page.waitForTimeout(4_000);
      expect(warnings).toEqual([]);
      expect(wasm()).toEqual([module]);
      expect(files.filter((f) => f === 'consent-banner-tags.js')).toHaveLength(1);
      expect(files.filter((f) => f === 'config.json')).toHaveLength(1);
      expect(files.filter((f) => f === 'consent-banner-surfaces.js')).toHaveLength(surfaces ? 1 : 0);
    };
    await page.goto('/site/');
    const banner = new Banner(page);
    await banner.expectVisible();
    await view(`consent_banner_first${v}.wasm`);
    expect(errors).toEqual([]);
    expect(files.filter((f) => f === 'consent-banner-first.js')).toHaveLength(1);
    // The preloads are the script's: in the page, before the loader asked for anything.
    expect(await page.evaluate(() => [...document.querySelectorAll('link[rel="preload"],link[rel="modulepreload"]')]
      .map((l) => new URL(l.href).pathname.replace('/consent/', ''))).then((l) => l.slice(0, surfaces ? 5 : 4)))
      .toEqual([`consent_banner_first${v}.wasm`, 'consent-banner-tags.js', 'consent-banner-first.js',
        ...(surfaces ? ['consent-banner-surfaces.js'] : []), 'config.json']);
    await banner.rejectAll();
    files.length = 0;
    await page.reload();
    await view(`consent_banner_runtime${v}.wasm`);
    expect(files.filter((f) => f.startsWith('consent-banner-first'))).toEqual([]);
  });
}

test('a page whose placeholders the preloading script was not told of (no data-surfaces) is named in a warning', async ({ page }) => {
  await site(page, PAGE.replace(snippet(EMBED), `<script>document.addEventListener('DOMContentLoaded', () => {
    const s = document.createElement('script'); s.src = '/consent/consent-banner.js'; s.setAttribute('data-config', '/consent/config.json');
    s.setAttribute('data-area', 'business'); document.head.appendChild(s); });</script>
<link rel="preload" href="/consent/consent_banner_first.wasm" as="fetch" crossorigin>`));
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto('/site/');
  await new Banner(page).expectVisible();
  expect(warnings.filter((w) => w.includes('add data-surfaces'))).toHaveLength(1);
});

test("the README's inline config runs with a loader that has no data-config", async ({ page }) => {
  await site(page, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Inline</title></head>
<body><main><h1>Inline</h1></main>${snippet(INLINE)}</body></html>`);
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  await page.addInitScript(() => addEventListener('consent:error', (e) => { window.__error = e.detail; }));
  await page.goto('/site/');
  const banner = new Banner(page);
  await banner.expectVisible();
  await banner.acceptAll();
  const consent = await page.evaluate(() => window.consentBanner.getConsent());
  expect(consent.version).toBe('1');
  expect(consent.accepted).toEqual(['essential', 'analytics']);
  expect(await page.evaluate(() => window.__error ?? null)).toBeNull();
  expect(problems).toEqual([]);
});

test("the README's strict CSP: /www/csp.html (which tests/e2e/integration-csp.spec.js runs) is served with its directives", async ({ request }) => {
  const readme = snippet(CSP).replace(/^Content-Security-Policy: /, '');
  const served = (await request.get('/www/csp.html')).headers()['content-security-policy'];
  const nonce = /'nonce-([^']+)'/.exec(served)[1];
  const directives = (policy) => Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
  const want = directives(readme.replace('RANDOM', nonce));
  const got = directives(served);
  for (const [name, value] of Object.entries(want)) expect(got[name], name).toBe(value);
});

test("the npm README's script tag and gated tags: nothing before a choice, both after Accept all", async ({ page }) => {
  // The ten-minute config of the main README: one area, with analytics and marketing.
  const config = /<!-- ten-minutes:config -->\n```json\n([\s\S]*?)\n```/.exec(DOCS['README.md'])[1];
  const external = await site(page, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>npm</title>
${npmSnippet(NPM_EMBED)}</head><body><main><h1>npm</h1>
${npmSnippet(NPM_GATING)}</main></body></html>`, config);
  const gated = ['https://stats.example/tag.js', 'https://ads.example/pixel.gif'];
  await page.goto('/site/');
  const banner = new Banner(page);
  await banner.expectVisible();
  await page.waitForTimeout(300);
  expect(external.filter((u) => gated.includes(u))).toEqual([]);
  await banner.acceptAll();
  await expect.poll(() => gated.filter((g) => !external.includes(g))).toEqual([]);
});

test("the README's bundler example is the npm README's, which tests/e2e/package-esm.spec.js runs", () => {
  expect(snippet(BUNDLER)).toBe(npmSnippet("import 'consent-banner/style.css';"));
});

test("the README's Yew component is examples/yew_app.rs's, which tests/e2e/yew-example.spec.js runs", () => {
  const example = readFileSync(new URL('examples/yew_app.rs', ROOT), 'utf8').split('\n');
  const lines = snippet(YEW).split('\n');
  // Every line but the last two (the page around the banner, elided) is the example's, in order.
  let at = 0;
  for (const line of lines.slice(0, -2)) {
    const found = example.indexOf(line, at);
    expect(found, `examples/yew_app.rs lacks, after line ${at}: ${line}`).toBeGreaterThanOrEqual(0);
    if (line.trim()) at = found + 1;
  }
  expect(readFileSync(new URL('tests/e2e/yew-example.spec.js', ROOT), 'utf8')).toContain('yew-app');
});

test("the README's quick start: `make demo` serves the demo and its records service on PORT and PORT+1; CI runs `make test`", async ({ request }) => {
  test.setTimeout(180_000);
  const commands = snippet(QUICK_START).split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
  expect(commands).toEqual(['make demo', 'make test']);
  expect(readFileSync(new URL('.ci/run', ROOT), 'utf8')).toMatch(/^make test$/m);
  const port = 8387;
  const demo = spawn('make', ['demo'], { cwd: ROOT.pathname, env: { ...process.env, PORT: String(port) }, detached: true, stdio: 'ignore' });
  try {
    const page = `http://127.0.0.1:${port}/www/business.html`;
    await expect.poll(async () => (await request.get(page).catch(() => null))?.status() ?? 0, { timeout: 150_000, intervals: [500] }).toBe(200);
    const record = await request.get(`http://127.0.0.1:${port}/consent-records/records/0000000000000000`);
    expect(record.status()).toBe(200);
  } finally {
    process.kill(-demo.pid, 'SIGTERM');
  }
});

test("the README's layout names paths that exist, and every top-level folder of the repository", () => {
  const named = snippet(LAYOUT).split('\n').filter((l) => /^\S/.test(l)).map((l) => l.split(/\s+/)[0]);
  for (const path of named) expect(existsSync(new URL(path, ROOT)), path).toBe(true);
  const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT.pathname, encoding: 'utf8' }).split('\n');
  const folders = [...new Set(tracked.filter((f) => f.includes('/') && !f.startsWith('.')).map((f) => `${f.split('/')[0]}/`))];
  const covered = (folder) => named.some((p) => p === folder || p.startsWith(folder));
  expect(folders.filter((f) => !covered(f))).toEqual([]);
});

test("the npm README's check command is the README's, which tests/e2e/npm-check.spec.js runs", () => {
  const main = /<!-- ten-minutes:check -->\n```sh\n([\s\S]*?)\n```/.exec(DOCS['README.md'])[1];
  expect(npmSnippet(NPM_CHECK)).toBe(main);
});
