// Side-by-side benchmark: consent-banner (Rust/Yew → wasm) against vanilla-cookieconsent 3.1.0
// on the same article page, in headless Chromium. Usage: `make bench` (or `N=3 node bench/run.mjs`
// once `make build node` has run). Prints a Markdown table and writes it to bench/results.md.
//
// Each run is a fresh browser context (own HTTP cache, own renderer process: a cold load), and the
// two banners alternate run by run so that drifts of the machine hit both alike.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH = join(ROOT, 'bench');
const N = Number(process.env.N ?? 7);
const SETTLE_MS = 500; // long tasks, TBT and CLS are counted until banner visible + this
const TIMEOUT_MS = 30_000; // any single step (navigation, banner, tag request) at 1x
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

// What each banner is, where its page is, and which responses are its own files.
const LIBS = [
  {
    key: 'cb', name: 'consent-banner', page: '/bench/pages/consent-banner.html',
    banner: '[data-consent-banner]', accept: '[data-consent-action="accept-all"]',
    // Everything under /pkg/ (loader, stylesheet, full module, runtime, tags.js) and the config.
    isFile: (path) => path.startsWith('/pkg/') || path === '/bench/config.json',
    consentCookie: (name) => /^consent($|_)/.test(name), // consent (+ consent_banner, consent_lang if set)
    // A returning visitor must be served by the runtime: the full module's wasm means it was not.
    notForReturning: '/pkg/consent_banner_bg.wasm',
  },
  {
    key: 'vc', name: 'vanilla-cookieconsent 3.1.0', page: '/bench/pages/vanilla.html',
    banner: '#cc-main .cm', accept: '#cc-main .cm [data-role="all"]',
    isFile: (path) => ['/bench/vendor/cookieconsent.umd.js', '/bench/vendor/cookieconsent.css', '/bench/vanilla-config.js'].includes(path),
    consentCookie: (name) => name === 'cc_cookie',
  },
];
const TAGS = ['/bench/tags/analytics.js', '/bench/tags/pixel.gif'];

const log = (...a) => console.error(...a); // progress on stderr; stdout carries only the table
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// In-page instrumentation, installed before any page script runs (context.addInitScript).
// Records, in the page's own clock (performance.now(), 0 = navigation start):
//   visibleAt: first animation frame in which the banner root is in the DOM, has a box in the
//              viewport and is not hidden by display/visibility/opacity (itself or an ancestor);
//   longtasks, layout shifts (without recent input), first contentful paint;
//   clickAt:   timeStamp of the first trusted click (the Accept all click).
// A MutationObserver notices the root (or a class change that shows it); a requestAnimationFrame
// loop then checks each frame, since CSS transitions/animations change opacity without mutations.
function instrument(selector) {
  const b = (window.__bench = { visibleAt: null, longtasks: [], shifts: [], fcp: null, clickAt: null, observers: [] });
  let resolveVisible;
  b.visible = new Promise((r) => (resolveVisible = r));
  const observe = (type, onEntry) => {
    const po = new PerformanceObserver((list) => list.getEntries().forEach(onEntry));
    po.observe({ type, buffered: true });
    b.observers.push([po, onEntry]);
  };
  observe('longtask', (e) => b.longtasks.push({ start: e.startTime, duration: e.duration }));
  observe('layout-shift', (e) => { if (!e.hadRecentInput) b.shifts.push({ start: e.startTime, value: e.value }); });
  observe('paint', (e) => { if (e.name === 'first-contentful-paint') b.fcp = e.startTime; });
  // Flushes entries the observers have not delivered yet.
  b.flush = () => b.observers.forEach(([po, onEntry]) => po.takeRecords().forEach(onEntry));

  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth &&
      el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  };
  let looping = false;
  // consent-banner renders in an open shadow root on [data-consent-root], which a document-level
  // MutationObserver does not see into: once the host exists, poll each frame.
  const host = () => document.querySelector('[data-consent-root]');
  const find = () => document.querySelector(selector) ?? host()?.shadowRoot?.querySelector(selector) ?? null;
  const frame = () => {
    const el = find();
    if (el && visible(el)) {
      b.visibleAt = performance.now();
      mo.disconnect();
      resolveVisible(b.visibleAt);
    } else if (el || host()) requestAnimationFrame(frame);
    else looping = false;
  };
  const mo = new MutationObserver(() => {
    if (!looping && b.visibleAt === null && (find() || host())) {
      looping = true;
      requestAnimationFrame(frame);
    }
  });
  mo.observe(document, { childList: true, subtree: true, attributes: true });
  addEventListener('click', (e) => { if (e.isTrusted && b.clickAt === null) b.clickAt = e.timeStamp; }, true);
}

// ---------------------------------------------------------------------------------------------
// One page load in a fresh context. kind: 'first' (no cookie: banner, then Accept all if
// `accept`) or 'returning' (what Accept all stored preset, cookies and localStorage: no banner,
// tags run at once).
async function visit(browser, base, lib, { kind, cpu = 1, accept = false, state }) {
  const context = await browser.newContext(state ? { storageState: state } : {});
  const timeout = TIMEOUT_MS * cpu;
  context.setDefaultTimeout(timeout);
  try {
    await context.addInitScript(instrument, lib.banner);
    // Every response the page really got, with its body: the payload is computed from these.
    const responses = [];
    context.on('response', (response) => {
      responses.push((async () => {
        const path = new URL(response.url()).pathname;
        const body = await response.body().catch(() => null);
        return { path, status: response.status(), body };
      })());
    });
    const tagRequestsBefore = []; // tag requests seen before the click: must stay empty
    let clicked = false;
    context.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (TAGS.includes(path) && !clicked) tagRequestsBefore.push(path);
    });

    const page = await context.newPage();
    if (cpu !== 1) {
      // Throttling applies to the renderer of this page; set before navigating.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    }
    const response = await page.goto(base + lib.page, { waitUntil: 'load', timeout });
    if (!response || response.status() !== 200) throw new Error(`${lib.page}: HTTP ${response && response.status()}`);

    const result = { lib: lib.key, kind, cpu };
    if (kind === 'first') {
      result.visibleAt = await inPage(page, (ms) => Promise.race([
        window.__bench.visible,
        new Promise((_, reject) => setTimeout(() => reject(new Error(`banner not visible ${ms} ms after load`)), ms)),
      ]), timeout, `banner ${lib.banner} visible`);
      // Let the window close: banner visible + SETTLE_MS, in page time.
      await page.evaluate((until) => new Promise((r) => setTimeout(r, Math.max(0, until - performance.now()))), result.visibleAt + SETTLE_MS);
      const m = await page.evaluate((until) => {
        const b = window.__bench;
        b.flush();
        const tasks = b.longtasks.filter((t) => t.start < until);
        return {
          fcp: b.fcp,
          longtasks: tasks.length,
          longtaskMs: tasks.reduce((s, t) => s + t.duration, 0),
          tbt: tasks.reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
          cls: b.shifts.filter((s) => s.start < until).reduce((s, e) => s + e.value, 0),
        };
      }, result.visibleAt + SETTLE_MS);
      Object.assign(result, m);
      if (tagRequestsBefore.length) throw new Error(`gated tag requested before any choice: ${tagRequestsBefore.join(', ')}`);

      if (accept) {
        clicked = true;
        await page.click(lib.accept, { timeout });
        const tagAt = await firstTagStart(page, timeout);
        const clickAt = await page.evaluate(() => window.__bench.clickAt);
        if (clickAt === null) throw new Error('the Accept all click was not seen by the page');
        result.clickToTag = tagAt - clickAt;
        await page.waitForLoadState('networkidle', { timeout }).catch(() => {});
        // What a returning visitor has: the consent cookies (not the tags' own) and localStorage.
        const stored = await context.storageState();
        stored.cookies = stored.cookies.filter((c) => lib.consentCookie(c.name));
        if (!stored.cookies.length) throw new Error('no consent cookie after Accept all');
        result.state = stored;
      }
    } else {
      clicked = true; // tags are expected at once
      result.navToTag = await firstTagStart(page, timeout);
    }

    // Wait until the network is quiet so that every file the banner asked for has arrived.
    await page.waitForLoadState('networkidle', { timeout }).catch(() => {});
    if (kind === 'returning' && (await page.evaluate(() => window.__bench.visibleAt)) !== null) {
      throw new Error('banner shown to a returning visitor who accepted all');
    }
    const received = await Promise.all(responses);
    if (kind === 'returning' && lib.notForReturning && received.some((r) => r.path === lib.notForReturning)) {
      throw new Error(`${lib.notForReturning} loaded for a returning visitor: the runtime did not serve the page view`);
    }
    result.files = await bannerFiles(lib, received);
    return result;
  } finally {
    await context.close().catch(() => {});
  }
}

// Waits for the Promise-returning fn in the page, with a clear error if it takes too long.
async function inPage(page, fn, timeout, what) {
  try {
    return await page.evaluate(fn, timeout);
  } catch (e) {
    throw new Error(`${what}: ${e.message.split('\n')[0]}`);
  }
}

// startTime (ms since navigation start) of the first request of a gated tag, from Resource Timing.
async function firstTagStart(page, timeout) {
  const handle = await page.waitForFunction((tags) => {
    const starts = performance.getEntriesByType('resource')
      .filter((e) => tags.includes(new URL(e.name).pathname)).map((e) => e.startTime);
    return starts.length ? Math.min(...starts) : null;
  }, TAGS, { polling: 50, timeout }).catch((e) => { throw new Error(`no gated tag requested: ${e.message.split('\n')[0]}`); });
  return handle.jsonValue();
}

// The banner's own files among the responses: raw, gzip -9 and brotli q11 sizes of the bytes
// really received. A file requested twice counts twice (it was downloaded twice).
const compressed = new Map();
const seen = new Map(); // path → content hash: a rebuild of pkg/ mid-benchmark would mix two builds
async function bannerFiles(lib, responses) {
  const files = [];
  for (const { path, status, body } of responses) {
    if (!lib.isFile(path)) continue;
    if (status !== 200 || !body) throw new Error(`${path}: HTTP ${status}${body ? '' : ', body unavailable'}`);
    const key = createHash('sha256').update(body).digest('hex');
    if (seen.has(path) && seen.get(path) !== key) throw new Error(`${path} changed during the benchmark (rebuilt?): run it again`);
    seen.set(path, key);
    if (!compressed.has(key)) {
      compressed.set(key, {
        gzip: gzipSync(body, { level: 9 }).length,
        brotli: brotliCompressSync(body, {
          params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
        }).length,
      });
    }
    files.push({ path, raw: body.length, ...compressed.get(key) });
  }
  return files;
}

// ---------------------------------------------------------------------------------------------
// Set-up: vendor files, identical pages, a server, machine facts.

async function prepare() {
  if (!Number.isInteger(N) || N < 1) throw new Error(`N must be a positive integer, got ${process.env.N}`);
  for (const f of ['pkg/consent-banner.js', 'pkg/consent_banner.js', 'pkg/consent_banner_bg.wasm', 'pkg/consent_banner_runtime.wasm']) {
    await stat(join(ROOT, f)).catch(() => { throw new Error(`${f} missing: run \`make build\` (or \`make bench\`)`); });
  }
  // scripts/serve.mjs refuses node_modules paths, so vanilla's dist files are copied beside the pages.
  const dist = join(ROOT, 'node_modules/vanilla-cookieconsent');
  const pkg = JSON.parse(await readFile(join(dist, 'package.json'), 'utf8').catch(() => {
    throw new Error('node_modules/vanilla-cookieconsent missing: run `make node` (or `make bench`)');
  }));
  if (pkg.version !== '3.1.0') throw new Error(`vanilla-cookieconsent ${pkg.version} installed, 3.1.0 expected`);
  await mkdir(join(BENCH, 'vendor'), { recursive: true });
  for (const f of ['cookieconsent.umd.js', 'cookieconsent.css']) await copyFile(join(dist, 'dist', f), join(BENCH, 'vendor', f));

  // Both pages must carry the very same article: compare everything from <body> to the tags.
  const article = async (f) => {
    const html = await readFile(join(BENCH, 'pages', f), 'utf8');
    return html.slice(html.indexOf('<body>'), html.indexOf('<!-- Gated tags'));
  };
  if ((await article('consent-banner.html')) !== (await article('vanilla.html'))) {
    throw new Error('bench/pages/consent-banner.html and vanilla.html differ in their article content');
  }
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// The demo server (scripts/serve.mjs) serves the repository root, bench/ included.
async function startServer() {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'scripts/serve.mjs'), String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill(); reject(new Error('demo server did not start within 10 s')); }, 10_000);
    child.once('exit', (code) => reject(new Error(`demo server exited (${code})`)));
    child.stdout.on('data', (d) => { if (String(d).includes('http://')) { clearTimeout(timer); resolve(); } });
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

async function machine() {
  const info = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const model = (info.match(/^model name\s*:\s*(.+)$/m) || [])[1] || 'unknown CPU';
  const cores = (info.match(/^processor\s*:/gm) || []).length || 'unknown';
  // Other work on the machine skews timings: the load average (1 min, at start) says how quiet it was.
  const load = (await readFile('/proc/loadavg', 'utf8').catch(() => '?')).split(' ')[0];
  return `${model.trim()}, ${cores} cores (load average ${load})`;
}

// ---------------------------------------------------------------------------------------------
// Statistics and the table.

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stats = (xs) => ({ med: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
const fmt = {
  ms: (v) => `${Math.round(v)} ms`,
  kB: (v) => `${(v / 1000).toFixed(1)} kB`,
  n: (v) => (Number.isInteger(v) ? String(v) : v.toFixed(1)),
  cls: (v) => v.toFixed(3),
};
function cell(xs, f) {
  const { med, min, max } = stats(xs);
  return min === max ? `${f(med)} [same]` : `${f(med)} [${f(min).replace(/ \S+$/, '')}–${f(max)}]`;
}
function ratio(a, b) {
  const x = median(a), y = median(b);
  if (y === 0) return x === 0 ? '—' : '∞';
  return `${(x / y).toFixed(2)}×`;
}

function table(runs) {
  const pick = (lib, kind, cpu, field) => runs.filter((r) => r.lib === lib && r.kind === kind && r.cpu === cpu).map(field);
  const sum = (field) => (r) => r.files.reduce((s, f) => s + f[field], 0);
  const rows = [];
  const row = (label, kind, cpu, field, f) => {
    const cb = pick('cb', kind, cpu, field), vc = pick('vc', kind, cpu, field);
    rows.push(`| ${label} | ${cell(cb, f)} | ${cell(vc, f)} | ${ratio(cb, vc)} |`);
  };
  for (const [kind, label] of [['first', 'first visit'], ['returning', 'returning visitor']]) {
    row(`Payload, ${label}: files requested`, kind, 1, (r) => r.files.length, fmt.n);
    row(`Payload, ${label}: raw`, kind, 1, sum('raw'), fmt.kB);
    row(`Payload, ${label}: gzip -9`, kind, 1, sum('gzip'), fmt.kB);
    row(`Payload, ${label}: brotli q11`, kind, 1, sum('brotli'), fmt.kB);
  }
  row('First contentful paint (the article), 1x', 'first', 1, (r) => r.fcp, fmt.ms);
  for (const cpu of [1, 4]) row(`Navigation start → banner visible, ${cpu}x CPU`, 'first', cpu, (r) => r.visibleAt, fmt.ms);
  for (const cpu of [1, 4]) {
    row(`Long tasks until visible + ${SETTLE_MS} ms: count, ${cpu}x`, 'first', cpu, (r) => r.longtasks, fmt.n);
    row(`Long tasks until visible + ${SETTLE_MS} ms: total, ${cpu}x`, 'first', cpu, (r) => r.longtaskMs, fmt.ms);
    row(`Total blocking time until visible + ${SETTLE_MS} ms, ${cpu}x`, 'first', cpu, (r) => r.tbt, fmt.ms);
  }
  for (const cpu of [1, 4]) row(`Cumulative layout shift, ${cpu}x`, 'first', cpu, (r) => r.cls, fmt.cls);
  row('Click Accept all → first tag request, 1x', 'first', 1, (r) => r.clickToTag, fmt.ms);
  row('Returning visitor: navigation start → first tag request, 1x', 'returning', 1, (r) => r.navToTag, fmt.ms);
  return [
    '| metric (median [min–max]) | consent-banner | vanilla-cookieconsent 3.1.0 | ratio cb / vanilla |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

// Per-file sizes of one first and one returning visit (they do not vary between runs), so the totals can be read.
function filesTable(runs) {
  const lines = ['| file | raw | gzip -9 | brotli q11 |', '| --- | --- | --- | --- |'];
  for (const kind of ['first', 'returning']) {
    for (const lib of LIBS) {
      const run = runs.find((r) => r.lib === lib.key && r.kind === kind);
      for (const f of run.files) lines.push(`| ${kind}, ${lib.key === 'cb' ? 'consent-banner' : 'vanilla'}: \`${f.path}\` | ${fmt.kB(f.raw)} | ${fmt.kB(f.gzip)} | ${fmt.kB(f.brotli)} |`);
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  const host = await machine(); // before our own load
  await prepare();
  const server = await startServer();
  let browser;
  const cleanup = async () => {
    if (browser) await browser.close().catch(() => {});
    server.child.kill();
  };
  process.once('SIGINT', () => cleanup().then(() => process.exit(130)));
  let step = 'launching Chromium';
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: TIMEOUT_MS });
    const version = browser.version();

    // Warm-up, not measured: one Accept all per banner, which also yields what a returning
    // visitor has stored. It warms the server and the OS file cache, not the browser (every
    // measured run gets a new context).
    const states = {};
    for (const lib of LIBS) {
      step = `warm-up of ${lib.name}`;
      log(step);
      states[lib.key] = (await visit(browser, server.base, lib, { kind: 'first', accept: true })).state;
    }

    const runs = [];
    const scenarios = [
      { kind: 'first', cpu: 1, accept: true },
      { kind: 'first', cpu: 4 },
      { kind: 'returning', cpu: 1 },
    ];
    for (let i = 1; i <= N; i++) {
      for (const s of scenarios) {
        for (const lib of LIBS) { // interleaved: cb, vanilla, cb, vanilla…
          step = `run ${i}/${N}, ${s.kind} visit at ${s.cpu}x CPU, ${lib.name}`;
          const r = await visit(browser, server.base, lib, { ...s, state: s.kind === 'returning' ? states[lib.key] : undefined });
          runs.push(r);
          log(`${step}: ${r.kind === 'first' ? `visible ${Math.round(r.visibleAt)} ms, TBT ${Math.round(r.tbt)} ms` : `tag at ${Math.round(r.navToTag)} ms`}` +
            (r.clickToTag !== undefined ? `, click→tag ${Math.round(r.clickToTag)} ms` : ''));
        }
      }
    }
    step = 'writing results';
    const seconds = Math.round((Date.now() - started) / 1000);
    const header = `Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} · Machine: ${host} · ` +
      `Chromium ${version} (headless) · N = ${N} cold runs each, interleaved · run took ${seconds} s`;
    const text = [
      '# consent-banner vs vanilla-cookieconsent 3.1.0', '',
      header, '',
      table(runs), '',
      'Banner files of a first visit and of a returning visitor:', '',
      filesTable(runs), '',
      'Method: `make bench` (bench/run.mjs). Same article page (bench/pages/), same gated analytics script and pixel, ' +
      'same categories and texts; each library embedded as its documentation says (consent-banner: the package loader, async; vanilla: its config as a module script); each run a fresh browser context (cold HTTP cache), a returning visitor is given the cookies and localStorage that Accept all stored. Payload: the banner\'s own files ' +
      'as actually requested (response bodies; gzip/brotli computed at max level, the server sends them uncompressed). ' +
      `"Visible": first animation frame where the banner root has a box in the viewport and non-zero opacity. ` +
      `Long tasks/TBT (sum of duration − 50 ms) and CLS: entries starting before banner visible + ${SETTLE_MS} ms. ` +
      'Click → tag: click event timeStamp to the Resource Timing startTime of the first gated tag. ' +
      'Localhost server, no network throttling: network time is near zero, so timings are dominated by CPU work.',
      '',
      'Caveats: vanilla-cookieconsent starts its fade-in 100 ms after inserting the banner (a setTimeout in its ' +
      'code), which its "visible" time includes. CPU throttling slows the page\'s main thread only: off-thread work ' +
      '(wasm streaming compilation, parsing) is not slowed 4x. Both banners fade in (opacity transition or ' +
      'animation); "visible" is the first frame with opacity above 0, not the end of the fade.',
      '',
    ].join('\n');
    process.stdout.write(text);
    await writeFile(join(BENCH, 'results.md'), text);
    log(`written to bench/results.md (${seconds} s)`);
  } catch (e) {
    log(`bench: FAILED during ${step}: ${e.message}`);
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

await main().catch((e) => {
  log(`bench: ${e.message}`);
  process.exitCode = 1;
});
