// Side-by-side benchmark: consent-banner (Rust/Yew → wasm) against vanilla-cookieconsent 3.1.0
// on the same article page, in headless Chromium. Usage: `make bench` (or `N=3 node bench/run.mjs`
// once `make build node` has run; BENCH_PORT=8582 to choose the demo server's port, else a free
// one). Prints Markdown tables and writes them to bench/results.md.
//
// Vanilla is measured in both embeddings its documentation gives: a module that imports its UMD
// build (vanilla.html) and its UMD build as a plain <script defer> followed by a classic init
// script (vanilla-script.html), the faster of the two. A third page, consent-banner's article
// with a YouTube iframe behind its placeholder and a cookie table (consent-banner-embeds.html),
// is measured for consent-banner alone: vanilla has no placeholder and renders its cookie tables
// only inside its preferences modal.
//
// Each run is a fresh browser context (own HTTP cache, own renderer process: a cold load), and the
// pages alternate run by run so that drifts of the machine hit all alike. Runs without network
// emulation (1x and 4x CPU) and with Chromium's network emulation (slow and fast 4G, 1x CPU); the
// demo server (scripts/serve.mjs) sends text and wasm compressed (brotli), as a production server
// or CDN does, and the bench fails if any response of a compressible type comes without
// `Content-Encoding: br`.
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
// ONLY=first:4:none,returning:1:slow4g runs just those scenarios (kind:cpu:network), for quick
// comparisons while working; the table then goes to stdout only, not to bench/results.md.
const ONLY = process.env.ONLY ? process.env.ONLY.split(',').map((s) => s.trim()) : null;
const SETTLE_MS = 500; // long tasks, TBT and CLS are counted until banner visible + this
const WINDOW_MS = 1000; // payload: our files requested until banner visible (or first tag request) + this
const TIMEOUT_MS = 30_000; // any single step (navigation, banner, tag request) at 1x
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

// Network profiles for CDP Network.emulateNetworkConditions (latency in ms, added to each request:
// Chromium holds its response back by it; throughputs in bytes/s, shared by the page's requests).
const NETWORKS = {
  none: { label: 'no network emulation' },
  fast4g: { label: 'fast 4G', conditions: { latency: 40, downloadThroughput: 1_125_000, uploadThroughput: 1_125_000 } },
  slow4g: { label: 'slow 4G', conditions: { latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 } },
};

// The README's embed snippet (first ```html block under "## Embedding") is written for a site that
// serves the package under /consent/ and has a config with areas; the bench page serves pkg/
// under /pkg/ and its config (no areas) at /bench/config.json (the embeds page: at
// /bench/config-embeds.json). These rewrites turn the one into the other before the two are compared.
const embedRewrites = (config) => [
  [/\/consent\/config\.json/g, config],
  [/\/consent\//g, '/pkg/'],
  [/\s+data-area="[^"]*"/g, ''],
];

// What each banner is, where its page is, and which responses are its own files. `scenarios`
// (kind:cpu:network) limits a page to some of the scenarios; `marks` are further elements timed
// from navigation start to their first visible frame, in the page or a shadow root of one of its
// elements.
const VANILLA_FILES = ['/bench/vendor/cookieconsent.umd.js', '/bench/vendor/cookieconsent.css'];
const LIBS = [
  {
    key: 'cb', name: 'consent-banner', short: 'consent-banner', page: '/bench/pages/consent-banner.html',
    banner: '[data-consent-banner]', accept: '[data-consent-action="accept-all"]',
    // The second layer: Customise opens the privacy centre (the full module, downloaded then).
    customise: '[data-consent-action="customise"]', preferences: '[data-consent-preferences]',
    // Everything under /pkg/ (loader, stylesheet, full module, runtime, tags.js) and the config.
    isFile: (path) => path.startsWith('/pkg/') || path === '/bench/config.json',
    // The site's own config: reported on its own row, outside the library's files.
    config: '/bench/config.json', configInTotal: false,
    consentCookie: (name) => /^consent($|_)/.test(name), // consent (+ consent_banner, consent_lang if set)
    // A returning visitor must be served by the runtime: the full module's wasm means it was not.
    notForReturning: '/pkg/consent_banner_bg.wasm',
  },
  {
    key: 'vc', name: 'vanilla-cookieconsent 3.1.0, module', short: 'vanilla (module)', page: '/bench/pages/vanilla.html',
    banner: '#cc-main .cm', accept: '#cc-main .cm [data-role="all"]',
    customise: '#cc-main .cm [data-role="show"]', preferences: '#cc-main .pm',
    isFile: (path) => [...VANILLA_FILES, '/bench/vanilla-config.js'].includes(path),
    // Config and init code in one module (CookieConsent.run({...})): a library file that every
    // site writes, so it stays in the library's files and is also listed on the config row.
    config: '/bench/vanilla-config.js', configInTotal: true,
    consentCookie: (name) => name === 'cc_cookie',
  },
  {
    key: 'vs', name: 'vanilla-cookieconsent 3.1.0, plain script', short: 'vanilla (plain script)', page: '/bench/pages/vanilla-script.html',
    banner: '#cc-main .cm', accept: '#cc-main .cm [data-role="all"]',
    customise: '#cc-main .cm [data-role="show"]', preferences: '#cc-main .pm',
    isFile: (path) => [...VANILLA_FILES, '/bench/vendor/cookieconsent-init.js'].includes(path),
    // The same config and init code as a classic script (vanilla-config.js without its import).
    config: '/bench/vendor/cookieconsent-init.js', configInTotal: true,
    consentCookie: (name) => name === 'cc_cookie',
  },
  {
    key: 'cbe', name: 'consent-banner, with a YouTube iframe and a cookie table', short: 'consent-banner (iframe + cookie table)',
    page: '/bench/pages/consent-banner-embeds.html',
    banner: '[data-consent-banner]', accept: '[data-consent-action="accept-all"]',
    isFile: (path) => path.startsWith('/pkg/') || path === '/bench/config-embeds.json',
    config: '/bench/config-embeds.json', configInTotal: false,
    consentCookie: (name) => /^consent($|_)/.test(name),
    // The placeholder and the cookie table come with the first-visit module (a first visit) or the
    // runtime (a returning visitor): the full module must not be downloaded for them.
    notForReturning: '/pkg/consent_banner_bg.wasm',
    marks: {
      placeholder: '.cb-placeholder[data-consent-placeholder="marketing:youtube"]',
      cookieTable: '[data-consent-cookie-table] table',
    },
    scenarios: ['first:1:none', 'returning:1:none', 'first:1:slow4g', 'returning:1:slow4g'],
  },
];
// The libraries of the main table, in its column order: ratios are consent-banner's against each vanilla.
const COMPARED = ['cb', 'vc', 'vs'];
const TAGS = ['/bench/tags/analytics.js', '/bench/tags/pixel.gif', '/bench/tags/youtube-embed.html'];

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
function instrument([selector, tags, marks]) {
  const b = (window.__bench = { visibleAt: null, tagAt: null, longtasks: [], shifts: [], fcp: null, clickAt: null, observers: [], marks: {} });
  // Tells the harness (context.exposeBinding) without it running any script in the page.
  const tell = (what, at) => { try { window.__benchEvent(what, at); } catch { /* no binding */ } };
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
  // The first request of a gated tag (its entry is made when the response ends; startTime is the request's).
  observe('resource', (e) => {
    if (!tags.includes(new URL(e.name).pathname)) return;
    if (b.tagAt === null || e.startTime < b.tagAt) {
      b.tagAt = e.startTime;
      tell('tag', e.startTime);
    }
  });
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
      tell('visible', b.visibleAt);
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
  // Further elements (the placeholder, the cookie table): checked each frame from the first
  // frame on, until each has been rendered (a box, opacity above 0; below the fold counts), in
  // the document or an open shadow root of the component or a cookie table's element.
  const rendered = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  };
  const pending = Object.entries(marks ?? {});
  if (pending.length) {
    const findMark = (sel) => {
      const el = document.querySelector(sel);
      if (el) return el;
      for (const host of document.querySelectorAll('[data-consent-root], [data-consent-cookie-table]')) {
        const inner = host.shadowRoot?.querySelector(sel);
        if (inner) return inner;
      }
      return null;
    };
    const markFrame = () => {
      for (let i = pending.length - 1; i >= 0; i--) {
        const [name, sel] = pending[i];
        const el = findMark(sel);
        if (el && rendered(el)) {
          b.marks[name] = performance.now();
          tell(`mark:${name}`, b.marks[name]);
          pending.splice(i, 1);
        }
      }
      if (pending.length) requestAnimationFrame(markFrame);
    };
    requestAnimationFrame(markFrame);
  }
  addEventListener('click', (e) => { if (e.isTrusted && b.clickAt === null) b.clickAt = e.timeStamp; }, true);
}

// ---------------------------------------------------------------------------------------------
// One page load in a fresh context. kind: 'first' (no cookie: banner, then Accept all if
// `accept`) or 'returning' (what Accept all stored preset, cookies and localStorage: no banner,
// tags run at once). net: a key of NETWORKS. payload: also collect the library's files requested
// until banner visible (first) or the first tag request (returning) + WINDOW_MS. settle: count
// long tasks, TBT and CLS until banner visible + SETTLE_MS (first visits).
async function visit(browser, base, lib, { kind, cpu = 1, net = 'none', accept = false, customise = false, payload = false, settle = false, state }) {
  const context = await browser.newContext(state ? { storageState: state } : {});
  const timeout = TIMEOUT_MS * cpu;
  context.setDefaultTimeout(timeout);
  try {
    // The page reports banner visible and the first tag request through a binding, so the harness
    // runs no script in the page (Playwright's evaluate injects and compiles its own) until the
    // moment measured has passed: it would compete with the library for the main thread.
    const events = {};
    const event = (what) => events[what] ?? (events[what] = (() => { let resolve; const p = new Promise((r) => (resolve = r)); return { p, resolve }; })());
    await context.exposeBinding('__benchEvent', (_source, what, at) => event(what).resolve(at));
    const within = (what, ms, label) => Promise.race([
      event(what).p,
      sleep(ms).then(() => { throw new Error(`${label}: not within ${ms} ms`); }),
    ]);
    const marksSeen = async (names) => Object.fromEntries(await Promise.all(names.map(async (name) =>
      [name, await within(`mark:${name}`, timeout, `${name} (${lib.marks[name]}) rendered`)])));
    await context.addInitScript(instrument, [lib.banner, TAGS, lib.marks ?? null]);
    // Every response the page really got, with its decoded body: raw/gzip/brotli sizes come from these.
    const responses = [];
    context.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      responses.push({
        path,
        received: (async () => {
          const body = await response.body().catch(() => null);
          const headers = await response.allHeaders().catch(() => ({}));
          return { status: response.status(), body, encoding: headers['content-encoding'] ?? null };
        })(),
      });
    });
    const tagRequestsBefore = []; // tag requests seen before the click: must stay empty
    let clicked = false;
    const inFlight = new Set(); // the library's requests not finished yet
    context.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (TAGS.includes(path) && !clicked) tagRequestsBefore.push(path);
      if (lib.isFile(path)) inFlight.add(request);
    });
    for (const event of ['requestfinished', 'requestfailed']) context.on(event, (request) => inFlight.delete(request));

    const page = await context.newPage();
    const conditions = NETWORKS[net].conditions;
    if (cpu !== 1 || conditions) {
      // Throttling applies to this page (renderer and its network requests); set before navigating.
      const cdp = await context.newCDPSession(page);
      if (cpu !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
      if (conditions) {
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', { offline: false, connectionType: 'cellular4g', ...conditions });
      }
    }
    const response = await page.goto(base + lib.page, { waitUntil: 'load', timeout });
    if (!response || response.status() !== 200) throw new Error(`${lib.page}: HTTP ${response && response.status()}`);
    // The emulation must have taken: the page's own response took at least the latency (Chromium
    // holds the response back, so it shows between requestStart and responseEnd). Checked once the
    // moment measured has passed.
    const checkEmulation = async () => {
      if (!conditions) return;
      const wait = await page.evaluate(() => { const n = performance.getEntriesByType('navigation')[0]; return n.responseEnd - n.requestStart; });
      if (wait < conditions.latency * 0.9) throw new Error(`${net}: the page's response took ${Math.round(wait)} ms, under the ${conditions.latency} ms latency: network emulation not applied`);
    };

    const result = { lib: lib.key, kind, cpu, net };
    let windowEnd = null; // page time until which requested files are counted
    if (kind === 'first') {
      result.visibleAt = await within('visible', timeout, `banner ${lib.banner} visible`);
      // The placeholder and the cookie table must appear before any choice.
      if (lib.marks) result.marks = await marksSeen(Object.keys(lib.marks));
      if (payload) windowEnd = result.visibleAt + WINDOW_MS;
      const until = Math.max(settle ? result.visibleAt + SETTLE_MS : 0, windowEnd ?? 0);
      // Let the windows close, in page time: first without touching the page (timers are not
      // throttled, so page and harness clocks advance alike), then to the millisecond in it.
      if (until) {
        await sleep(until - result.visibleAt + 20);
        await page.evaluate((t) => new Promise((r) => setTimeout(r, Math.max(0, t - performance.now()))), until);
      }
      await checkEmulation();
      if (settle) {
        const m = await page.evaluate((t) => {
          const b = window.__bench;
          b.flush();
          const tasks = b.longtasks.filter((x) => x.start < t);
          return {
            fcp: b.fcp,
            longtasks: tasks.length,
            longtaskMs: tasks.reduce((s, x) => s + x.duration, 0),
            tbt: tasks.reduce((s, x) => s + Math.max(0, x.duration - 50), 0),
            cls: b.shifts.filter((x) => x.start < t).reduce((s, e) => s + e.value, 0),
          };
        }, result.visibleAt + SETTLE_MS);
        Object.assign(result, m);
      }
      if (tagRequestsBefore.length) throw new Error(`gated tag requested before any choice: ${tagRequestsBefore.join(', ')}`);
      if (payload) Object.assign(result, await windowFiles(page, lib, inFlight, responses, windowEnd, timeout));

      if (customise && lib.customise) {
        // Click (a real one: the pointer moves there first, as a visitor's does) to the first frame
        // the preferences dialog is visible, both in page time.
        await page.click(lib.customise, { timeout });
        result.customiseToPrefs = await inPage(page, (arg) => new Promise((resolve, reject) => {
          const [sel, ms] = arg;
          const find = () => document.querySelector(sel) ?? document.querySelector('[data-consent-root]')?.shadowRoot?.querySelector(sel);
          const tick = () => {
            const el = find();
            const r = el?.getBoundingClientRect();
            if (r && r.width > 0 && r.height > 0 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
              return resolve(performance.now() - window.__bench.clickAt);
            }
            requestAnimationFrame(tick);
          };
          setTimeout(() => reject(new Error(`preferences not visible ${ms} ms after the click`)), ms);
          tick();
        }), [lib.preferences, timeout], `preferences ${lib.preferences} visible`);
      }
      if (accept) {
        clicked = true;
        await page.click(lib.accept, { timeout });
        const tagAt = await within('tag', timeout, 'no gated tag requested after Accept all');
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
      result.navToTag = await within('tag', timeout, 'no gated tag requested');
      // A returning visitor who accepted all gets the video at once: no placeholder, but the table.
      if (lib.marks) result.marks = await marksSeen(['cookieTable']);
      await checkEmulation();
      if (payload) {
        windowEnd = result.navToTag + WINDOW_MS;
        await sleep(WINDOW_MS + 20);
        await page.evaluate((t) => new Promise((r) => setTimeout(r, Math.max(0, t - performance.now()))), windowEnd);
        Object.assign(result, await windowFiles(page, lib, inFlight, responses, windowEnd, timeout));
      }
      // Quiet network: whatever the page was going to load has been asked for.
      await page.waitForLoadState('networkidle', { timeout }).catch(() => {});
      if ((await page.evaluate(() => window.__bench.visibleAt)) !== null) {
        throw new Error('banner shown to a returning visitor who accepted all');
      }
      if (lib.notForReturning && responses.some((r) => r.path === lib.notForReturning)) {
        throw new Error(`${lib.notForReturning} loaded for a returning visitor: the runtime did not serve the page view`);
      }
      if (lib.marks && (await page.evaluate((sel) => document.querySelector(sel) !== null, lib.marks.placeholder))) {
        throw new Error('a placeholder shown to a returning visitor who accepted all');
      }
    }
    await allBrotli(responses);
    return result;
  } finally {
    await context.close().catch(() => {});
  }
}

// Every response of a compressible type (the page, the libraries' files, the tags, the stand-in
// video) must have come brotli-compressed, as a CDN sends it: the network rows depend on it.
async function allBrotli(responses) {
  for (const r of responses) {
    const { status, encoding } = await r.received;
    if (status === 200 && COMPRESSIBLE.test(r.path) && encoding !== 'br') {
      throw new Error(`${r.path} served with Content-Encoding ${encoding ?? 'none'}, brotli expected (scripts/serve.mjs compresses)`);
    }
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

// The library's files requested from navigation start until windowEnd (page time, ms), from the
// page's Resource Timing (one entry per download: startTime; encodedBodySize, the body as
// transferred, compressed by the server; decodedBodySize), each matched with the body Playwright
// received, of which gzip -9 and brotli q11 sizes are computed. A file requested twice counts
// twice (it was downloaded twice). Files requested after the window are returned apart (`late`).
const compressed = new Map();
const seen = new Map(); // path → content hash: a rebuild of pkg/ mid-benchmark would mix two builds
const COMPRESSIBLE = /\.(html|m?js|css|json|wasm|svg)$/;
async function windowFiles(page, lib, inFlight, responses, windowEnd, timeout) {
  // Requests started in the window may still be running: wait until none of ours is.
  const deadline = Date.now() + timeout;
  while (inFlight.size) {
    if (Date.now() > deadline) {
      throw new Error(`still loading ${timeout} ms later: ${[...inFlight].map((r) => new URL(r.url()).pathname).join(', ')}`);
    }
    await sleep(20);
  }
  // A finished download enters Resource Timing when the page has processed it: read until stable.
  const read = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({
    path: new URL(e.name).pathname, start: e.startTime, encoded: e.encodedBodySize, decoded: e.decodedBodySize,
  })));
  let entries = await read();
  for (let i = 0; i < 20; i++) {
    await sleep(50);
    const again = await read();
    if (again.length === entries.length) break;
    entries = again;
  }
  entries = entries.filter((e) => lib.isFile(e.path));
  const bodies = new Map();
  for (const r of responses) if (lib.isFile(r.path) && !bodies.has(r.path)) bodies.set(r.path, await r.received);
  const files = [];
  const late = [];
  for (const e of entries) {
    if (e.start > windowEnd) { late.push({ path: e.path, start: e.start }); continue; }
    const got = bodies.get(e.path);
    if (!got) throw new Error(`${e.path}: in Resource Timing but no response seen`);
    const { status, body, encoding } = got;
    if (status !== 200 || !body) throw new Error(`${e.path}: HTTP ${status}${body ? '' : ', body unavailable'}`);
    if (COMPRESSIBLE.test(e.path) && encoding !== 'br') {
      throw new Error(`${e.path} served with Content-Encoding ${encoding ?? 'none'}, brotli expected (scripts/serve.mjs compresses)`);
    }
    if (e.decoded !== body.length || !(e.encoded > 0)) {
      throw new Error(`${e.path}: Resource Timing says ${e.encoded} bytes transferred, ${e.decoded} decoded; the body has ${body.length}`);
    }
    const key = createHash('sha256').update(body).digest('hex');
    if (seen.has(e.path) && seen.get(e.path) !== key) throw new Error(`${e.path} changed during the benchmark (rebuilt?): run it again`);
    seen.set(e.path, key);
    if (!compressed.has(key)) {
      compressed.set(key, {
        gzip: gzipSync(body, { level: 9 }).length,
        brotli: brotliCompressSync(body, {
          params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
        }).length,
      });
    }
    files.push({ path: e.path, start: e.start, config: e.path === lib.config, raw: body.length, ...compressed.get(key), transferred: e.encoded });
  }
  if (!files.length) throw new Error(`none of ${lib.name}'s files requested before ${Math.round(windowEnd)} ms`);
  return { files, late };
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
  // The plain-script embedding's init script: the module's config without its import of the UMD
  // build, which vanilla-script.html loads with its own <script defer> before it.
  const moduleConfig = await readFile(join(BENCH, 'vanilla-config.js'), 'utf8');
  const importLine = "import './vendor/cookieconsent.umd.js';\n";
  if (moduleConfig.split(importLine).length !== 2) throw new Error(`bench/vanilla-config.js: one line ${JSON.stringify(importLine.trim())} expected`);
  await writeFile(join(BENCH, 'vendor', 'cookieconsent-init.js'), moduleConfig.replace(importLine, ''));

  // Every page must carry the very same article: compare everything from <body> to the tags,
  // without the embeds page's additions (between its `embeds: begin`/`end` comments).
  const article = async (f) => {
    const html = await readFile(join(BENCH, 'pages', f), 'utf8');
    return html.slice(html.indexOf('<body>'), html.indexOf('<!-- Gated tags')).replace(/\n *<!-- embeds: begin -->[\s\S]*?<!-- embeds: end -->/g, '');
  };
  const reference = await article('consent-banner.html');
  for (const f of ['vanilla.html', 'vanilla-script.html', 'consent-banner-embeds.html']) {
    if ((await article(f)) !== reference) throw new Error(`bench/pages/consent-banner.html and ${f} differ in their article content`);
  }
  const embedWarnings = [
    await embedCheck('consent-banner.html', '/bench/config.json', false),
    await embedCheck('consent-banner-embeds.html', '/bench/config-embeds.json', true),
  ].filter(Boolean);
  return { embedWarning: embedWarnings.length ? embedWarnings.join('; ') : null };
}

// consent-banner's pages must embed it exactly as the README says: the block between
// `<!-- embed: begin -->` and `<!-- embed: end -->` in bench/pages/<file> against the first
// ```html block under "## Embedding" in README.md (its URLs rewritten by embedRewrites(config)),
// whitespace aside; a page with placeholders or tables (`surfaces`) with the loader's
// `data-surfaces` the README asks for there. Returns a warning (also printed) when they differ, else null.
async function embedCheck(file, config, surfaces) {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const page = await readFile(join(BENCH, 'pages', file), 'utf8');
  const section = readme.match(/^## Embedding[ \t]*\n([\s\S]*?)(?=^## |(?![\s\S]))/m)?.[1];
  const snippet = section?.match(/^```html[ \t]*\n([\s\S]*?)^```/m)?.[1];
  const block = page.match(/<!-- embed: begin -->([\s\S]*?)<!-- embed: end -->/)?.[1];
  let warning = null;
  if (snippet === undefined) warning = 'README.md has no ```html block under "## Embedding"';
  else if (block === undefined) warning = `bench/pages/${file} has no <!-- embed: begin --> … <!-- embed: end --> block`;
  else {
    const squash = (html) => html.replace(/\s+/g, ' ').replace(/\s*([<>])\s*/g, '$1').trim();
    const rewrites = [...embedRewrites(config), ...(surfaces ? [[/ async fetchpriority/, ' data-surfaces async fetchpriority']] : [])];
    const expected = rewrites.reduce((text, [from, to]) => text.replace(from, to), snippet);
    if (squash(expected) !== squash(block)) {
      warning = `bench/pages/${file} does not embed consent-banner as README.md's "Embedding" snippet does ` +
        `(URLs rewritten for the bench): expected ${JSON.stringify(squash(expected))}, found ${JSON.stringify(squash(block))}`;
    }
  }
  if (warning) log(`WARNING: ${warning}`);
  return warning;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// The demo server (scripts/serve.mjs) serves the repository root, bench/ included, on BENCH_PORT
// or else on a port the system reports free (never the demo's 8080 or the e2e suite's port).
async function startServer() {
  const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort();
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`BENCH_PORT must be a TCP port, got ${process.env.BENCH_PORT}`);
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
  return `${model.trim()}, ${cores} cores (load average ${load} at the start)`;
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

const pick = (runs, lib, kind, cpu, net, field) => runs
  .filter((r) => r.lib === lib && r.kind === kind && r.cpu === cpu && r.net === net).map(field).filter((v) => v !== undefined);
// The library's files (without consent-banner's config; with vanilla's config-and-init script),
// then the site's config on its own rows.
const libFiles = (r) => r.files.filter((f) => !f.config || LIBS.find((l) => l.key === r.lib).configInTotal);
const configFiles = (r) => r.files.filter((f) => f.config);
const sum = (files, field) => (r) => files(r).reduce((s, f) => s + f[field], 0);
const WINDOWS = { first: `until banner visible + ${WINDOW_MS / 1000} s`, returning: `until first tag request + ${WINDOW_MS / 1000} s` };

// consent-banner against vanilla in its two embeddings: one column each, then consent-banner's ratio to each.
function table(runs) {
  const rows = [];
  const row = (label, kind, cpu, net, field, f) => {
    const cols = COMPARED.map((key) => pick(runs, key, kind, cpu, net, field));
    if (cols.some((c) => !c.length)) return; // a scenario left out by ONLY
    rows.push(`| ${label} | ${cols.map((c) => cell(c, f)).join(' | ')} | ${cols.slice(1).map((c) => ratio(cols[0], c)).join(' | ')} |`);
  };
  const lib = libFiles, config = configFiles, windows = WINDOWS;
  for (const [kind, label] of [['first', 'first visit'], ['returning', 'returning visitor']]) {
    row(`Payload, ${label} (${windows[kind]}): library files requested`, kind, 1, 'none', (r) => lib(r).length, fmt.n);
    row(`Payload, ${label}: library files, raw`, kind, 1, 'none', sum(lib, 'raw'), fmt.kB);
    row(`Payload, ${label}: library files, gzip -9`, kind, 1, 'none', sum(lib, 'gzip'), fmt.kB);
    row(`Payload, ${label}: library files, brotli q11`, kind, 1, 'none', sum(lib, 'brotli'), fmt.kB);
    row(`Payload, ${label}: library files, transferred (brotli, as served)`, kind, 1, 'none', sum(lib, 'transferred'), fmt.kB);
    row(`Payload, ${label}: site config, raw ¹`, kind, 1, 'none', sum(config, 'raw'), fmt.kB);
    row(`Payload, ${label}: site config, brotli q11 ¹`, kind, 1, 'none', sum(config, 'brotli'), fmt.kB);
  }
  row('First contentful paint (the article), 1x', 'first', 1, 'none', (r) => r.fcp, fmt.ms);
  for (const cpu of [1, 4]) row(`Navigation start → banner visible, ${cpu}x CPU`, 'first', cpu, 'none', (r) => r.visibleAt, fmt.ms);
  for (const net of ['fast4g', 'slow4g']) row(`Navigation start → banner visible, ${NETWORKS[net].label}, 1x CPU`, 'first', 1, net, (r) => r.visibleAt, fmt.ms);
  row('Click Customise (vanilla: Manage preferences) → preferences visible, slow 4G, 1x CPU', 'first', 1, 'slow4g', (r) => r.customiseToPrefs, fmt.ms);
  for (const cpu of [1, 4]) {
    row(`Long tasks until visible + ${SETTLE_MS} ms: count, ${cpu}x`, 'first', cpu, 'none', (r) => r.longtasks, fmt.n);
    row(`Long tasks until visible + ${SETTLE_MS} ms: total, ${cpu}x`, 'first', cpu, 'none', (r) => r.longtaskMs, fmt.ms);
    row(`Total blocking time until visible + ${SETTLE_MS} ms, ${cpu}x`, 'first', cpu, 'none', (r) => r.tbt, fmt.ms);
  }
  for (const cpu of [1, 4]) row(`Cumulative layout shift, ${cpu}x`, 'first', cpu, 'none', (r) => r.cls, fmt.cls);
  row('Click Accept all → first tag request, 1x', 'first', 1, 'none', (r) => r.clickToTag, fmt.ms);
  row('Returning visitor: navigation start → first tag request, 1x', 'returning', 1, 'none', (r) => r.navToTag, fmt.ms);
  for (const net of ['fast4g', 'slow4g']) {
    row(`Returning visitor: navigation start → first tag request, ${NETWORKS[net].label}, 1x`, 'returning', 1, net, (r) => r.navToTag, fmt.ms);
  }
  return [
    '| metric (median [min–max]) | consent-banner | vanilla 3.1.0, module | vanilla 3.1.0, plain script | cb / vanilla module | cb / vanilla plain script |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

// The embeds page (a YouTube iframe behind its placeholder, a cookie table) beside consent-banner's
// plain article page, and the ratio of the one to the other.
function embedsTable(runs) {
  const rows = [];
  const row = (label, kind, cpu, net, field, f, { article = true } = {}) => {
    const e = pick(runs, 'cbe', kind, cpu, net, field);
    if (!e.length) return; // a scenario left out by ONLY
    const a = article ? pick(runs, 'cb', kind, cpu, net, field) : [];
    rows.push(`| ${label} | ${cell(e, f)} | ${a.length ? cell(a, f) : '—'} | ${a.length ? ratio(e, a) : '—'} |`);
  };
  for (const [kind, label] of [['first', 'first visit'], ['returning', 'returning visitor']]) {
    row(`Payload, ${label} (${WINDOWS[kind]}): library files requested`, kind, 1, 'none', (r) => libFiles(r).length, fmt.n);
    row(`Payload, ${label}: library files, raw`, kind, 1, 'none', sum(libFiles, 'raw'), fmt.kB);
    row(`Payload, ${label}: library files, brotli q11`, kind, 1, 'none', sum(libFiles, 'brotli'), fmt.kB);
    row(`Payload, ${label}: library files, transferred (brotli, as served)`, kind, 1, 'none', sum(libFiles, 'transferred'), fmt.kB);
    row(`Payload, ${label}: site config, transferred ¹`, kind, 1, 'none', sum(configFiles, 'transferred'), fmt.kB);
  }
  for (const net of ['none', 'slow4g']) {
    const where = net === 'none' ? 'no network emulation' : NETWORKS[net].label;
    row(`First visit: navigation start → banner visible, ${where}, 1x CPU`, 'first', 1, net, (r) => r.visibleAt, fmt.ms);
    row(`First visit: navigation start → placeholder rendered, ${where}, 1x CPU`, 'first', 1, net, (r) => r.marks?.placeholder, fmt.ms, { article: false });
    row(`First visit: navigation start → cookie table rendered, ${where}, 1x CPU`, 'first', 1, net, (r) => r.marks?.cookieTable, fmt.ms, { article: false });
  }
  for (const net of ['none', 'slow4g']) {
    const where = net === 'none' ? 'no network emulation' : NETWORKS[net].label;
    row(`Returning visitor: navigation start → first tag request, ${where}, 1x`, 'returning', 1, net, (r) => r.navToTag, fmt.ms);
    row(`Returning visitor: navigation start → cookie table rendered, ${where}, 1x`, 'returning', 1, net, (r) => r.marks?.cookieTable, fmt.ms, { article: false });
  }
  return [
    '| metric (median [min–max]) | consent-banner, iframe + cookie table | consent-banner, article only | ratio |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

// Per-file sizes of one first and one returning visit (they do not vary between runs), so the totals can be read.
function filesTable(runs) {
  const lines = ['| file | raw | gzip -9 | brotli q11 | transferred |', '| --- | --- | --- | --- | --- |'];
  const late = [];
  for (const kind of ['first', 'returning']) {
    for (const lib of LIBS) {
      const run = runs.find((r) => r.lib === lib.key && r.kind === kind && r.files);
      if (!run) continue; // a scenario left out by ONLY
      const who = `${kind}, ${lib.short}`;
      for (const f of run.files) {
        const role = f.config ? (lib.configInTotal ? ' (config and init code: library file and config row)' : ' (site config: config row only)') : '';
        lines.push(`| ${who}: \`${f.path}\`${role} | ${fmt.kB(f.raw)} | ${fmt.kB(f.gzip)} | ${fmt.kB(f.brotli)} | ${fmt.kB(f.transferred)} |`);
      }
      // Requested after the window in any run: named, not counted.
      const after = new Map();
      for (const r of runs.filter((x) => x.lib === lib.key && x.kind === kind && x.late)) {
        for (const f of r.late) after.set(f.path, [...(after.get(f.path) ?? []), f.start]);
      }
      for (const [path, starts] of after) late.push(`${who}: \`${path}\` (in ${starts.length} of ${N} runs, at ${cell(starts, fmt.ms)})`);
    }
  }
  return lines.join('\n') + '\n\n' + (late.length
    ? `Requested after the window, not counted: ${late.join('; ')}.`
    : 'No file of any library was requested after the window.');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  const host = await machine(); // before our own load
  const { embedWarning } = await prepare();
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
    // visitor has stored, then one returning visit. It warms the server (which compresses each
    // file once, on its first request) and the OS file cache, not the browser (every measured
    // run gets a new context).
    const states = {};
    for (const lib of LIBS) {
      step = `warm-up of ${lib.name}`;
      log(step);
      states[lib.key] = (await visit(browser, server.base, lib, { kind: 'first', accept: true })).state;
      await visit(browser, server.base, lib, { kind: 'returning', state: states[lib.key] });
    }

    const runs = [];
    const scenarios = [
      { kind: 'first', cpu: 1, net: 'none', accept: true, payload: true, settle: true },
      { kind: 'first', cpu: 4, net: 'none', settle: true },
      { kind: 'returning', cpu: 1, net: 'none', payload: true },
      { kind: 'first', cpu: 1, net: 'fast4g' },
      { kind: 'returning', cpu: 1, net: 'fast4g' },
      { kind: 'first', cpu: 1, net: 'slow4g', customise: true },
      { kind: 'returning', cpu: 1, net: 'slow4g' },
    ].filter((s) => !ONLY || ONLY.includes(`${s.kind}:${s.cpu}:${s.net}`));
    if (!scenarios.length) throw new Error(`ONLY=${process.env.ONLY} names no scenario (kind:cpu:network, e.g. first:4:none)`);
    for (let i = 1; i <= N; i++) {
      for (const s of scenarios) {
        // Interleaved: consent-banner, vanilla (module), vanilla (plain script), the embeds page, …
        for (const lib of LIBS.filter((l) => !l.scenarios || l.scenarios.includes(`${s.kind}:${s.cpu}:${s.net}`))) {
          step = `run ${i}/${N}, ${s.kind} visit at ${s.cpu}x CPU, ${NETWORKS[s.net].label}, ${lib.name}`;
          const r = await visit(browser, server.base, lib, { ...s, state: s.kind === 'returning' ? states[lib.key] : undefined });
          runs.push(r);
          log(`${step}: ${r.kind === 'first' ? `visible ${Math.round(r.visibleAt)} ms` : `tag at ${Math.round(r.navToTag)} ms`}` +
            (r.tbt !== undefined ? `, TBT ${Math.round(r.tbt)} ms` : '') +
            (r.clickToTag !== undefined ? `, click→tag ${Math.round(r.clickToTag)} ms` : ''));
        }
      }
    }
    step = 'writing results';
    const seconds = Math.round((Date.now() - started) / 1000);
    // Load from other work skews timings: the 1-min load average at the start (in `host`) and at the end.
    const loadEnd = (await readFile('/proc/loadavg', 'utf8').catch(() => '?')).split(' ')[0];
    const header = `Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} · Machine: ${host.replace(/\)$/, `, ${loadEnd} at the end)`)} · ` +
      `Chromium ${version} (headless) · N = ${N} cold runs each, interleaved · run took ${seconds} s`;
    const profile = (net) => {
      const c = NETWORKS[net].conditions;
      const rate = (b) => `${Number(((b * 8) / 1e6).toFixed(2))} Mbit/s (${b} B/s)`;
      return `${NETWORKS[net].label}: ${c.latency} ms latency, ${rate(c.downloadThroughput)} down, ${rate(c.uploadThroughput)} up`;
    };
    const text = [
      '# consent-banner vs vanilla-cookieconsent 3.1.0', '',
      header, '',
      ...(embedWarning ? [`**Warning**: ${embedWarning}.`, ''] : []),
      table(runs), '',
      'The ratio the first-visit issue targets is the last column: vanilla\'s plain-script embedding is the faster ' +
      'of the two its documentation gives (the module embedding finds the UMD build only once the config module ' +
      'is in: one round trip more).', '',
      '¹ The site\'s config: consent-banner\'s `/bench/config.json` (not in its library files); vanilla\'s ' +
      '`vanilla-config.js` (module) or `vendor/cookieconsent-init.js` (plain script, the same code without the ' +
      'import), config and init code in one (`CookieConsent.run({...})`), so it stays in vanilla\'s library files ' +
      'as well.', '',
      '## consent-banner with a YouTube iframe and a cookie table', '',
      'bench/pages/consent-banner-embeds.html: the same article with a YouTube iframe gated as the README\'s ' +
      '"Embedding" section gates it (`data-consent-category="marketing" data-consent-service="youtube"`, `data-src`), ' +
      'which shows consent-banner\'s placeholder until the service is accepted, and a cookie table ' +
      '(`<div data-consent-cookie-table>`), with bench/config-embeds.json (bench/config.json with a `youtube` ' +
      'service in marketing). The first-visit module renders both from the config, a returning visitor\'s runtime ' +
      'from the kit the first visit cached (the modules\' `_surfaces` variants); the full (Yew) module is not downloaded. consent-banner only: vanilla-cookieconsent gates scripts, not ' +
      'iframes (its documentation points to a separate library, iframemanager, for placeholders), and renders its ' +
      'cookie tables only in its preferences modal. "Rendered": the first frame where the element has a box and ' +
      'opacity above 0, below the fold included.', '',
      embedsTable(runs), '',
      `Files of a first visit (until banner visible + ${WINDOW_MS / 1000} s) and of a returning visitor ` +
      `(until first tag request + ${WINDOW_MS / 1000} s), no network emulation:`, '',
      filesTable(runs), '',
      'Method: `make bench` (bench/run.mjs). Same article page (bench/pages/), same gated analytics script and pixel, ' +
      'same categories and texts; each library embedded as its documentation says (consent-banner: the README\'s ' +
      '"Embedding" snippet, the package loader with `async`, between the `embed: begin`/`end` comments of its pages, ' +
      'which the bench compares with the README and warns when they differ; vanilla in both of its documented ' +
      'embeddings, with the same stylesheet `<link>` in the head: its config as a module script that imports the UMD ' +
      'build (vanilla.html), and the UMD build as a plain `<script defer>` followed by a classic init script ' +
      'calling `CookieConsent.run()` (vanilla-script.html, its "Getting started" HTML setup)); ' +
      'each run a fresh browser context (cold HTTP cache), a returning visitor is given the cookies and localStorage ' +
      'that Accept all stored. Server: scripts/serve.mjs over HTTP/1.1 on localhost, which sends html, js, css, json ' +
      'and wasm with `Content-Encoding: br` (brotli q11, compressed once per file and kept in memory; gzip -9 when the ' +
      'request does not accept br), `Vary: Accept-Encoding`, `Cache-Control: no-cache`; the bench fails if any ' +
      'response of those types (the pages, the libraries\' files, the tags) comes without `Content-Encoding: br`, so ' +
      'the network rows are brotli on the wire, as a CDN sends it. An unmeasured warm-up (one ' +
      'first visit with Accept all and one returning visit per page) has it compress every file before the ' +
      'measured runs. ' +
      `Payload: the library's files requested from navigation start until banner visible + ${WINDOW_MS / 1000} s ` +
      `(first visit) or first gated tag request + ${WINDOW_MS / 1000} s (returning visitor), by the Resource Timing ` +
      'startTime of each download, the same window for every page; raw is the decoded body, gzip -9 and brotli ' +
      'q11 are computed from it, transferred is the Resource Timing encodedBodySize (body bytes on the wire, ' +
      'headers excluded). The site\'s config is reported on its own rows (¹). ' +
      '"Visible": first animation frame where the banner root has a box in the viewport and non-zero opacity. ' +
      'The page reports banner visible and the first tag request to the harness through a binding ' +
      '(`exposeBinding`), and the harness runs no script of its own in the page until that moment (and the ' +
      'windows below) have passed: Playwright\'s evaluate injects and compiles its own script on the page\'s main ' +
      'thread, which would compete with the library measured. ' +
      `Long tasks/TBT (sum of duration − 50 ms) and CLS: entries starting before banner visible + ${SETTLE_MS} ms. ` +
      'Click → tag: click event timeStamp to the Resource Timing startTime of the first gated tag. ' +
      'Without network emulation, network time on localhost is near zero and timings are dominated by CPU work. ' +
      'Network profiles, 1x CPU, Chromium\'s DevTools network emulation (CDP `Network.emulateNetworkConditions`, ' +
      `set on the page before navigating): ${profile('slow4g')}; ${profile('fast4g')}. The bench checks that the ` +
      'page\'s own response took at least the latency. Under each profile, a first visit measures banner visible ' +
      'and a returning visitor navigation start → first tag request, with the same definitions, interleaved with ' +
      'the other runs; payload, long tasks, CLS and click → tag come from the runs without network emulation.',
      '',
      'Caveats: vanilla-cookieconsent starts its fade-in 100 ms after inserting the banner (a setTimeout in its ' +
      'code), which its "visible" time includes. CPU throttling slows the page\'s main thread only: off-thread work ' +
      '(wasm streaming compilation, parsing) is not slowed 4x. Both banners fade in (opacity transition or ' +
      'animation); "visible" is the first frame with opacity above 0, not the end of the fade. DevTools network ' +
      'emulation adds its latency once per request (Chromium holds each response back by it) and shares the ' +
      'throughput among the page\'s requests; it does not model TCP or TLS handshakes, slow start or packet loss, and ' +
      'the server speaks HTTP/1.1 (at most 6 connections), where a production site would likely use HTTP/2.',
      '',
    ].join('\n');
    process.stdout.write(text);
    if (ONLY) log(`ONLY=${process.env.ONLY}: bench/results.md left as it was`);
    else {
      await writeFile(join(BENCH, 'results.md'), text);
      log(`written to bench/results.md (${seconds} s)`);
    }
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
