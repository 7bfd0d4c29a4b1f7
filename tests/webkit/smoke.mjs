// The first visit, a choice, a returning visitor and the privacy centre in WebKit (Debian's
// WebKitGTK: WebKitWebDriver driving MiniBrowser, run under Xvfb by `make test-webkit`), on the
// package as a site serves it (the bench's article page, which embeds the README's snippet).
// The Playwright suite covers Chromium in depth and tests/firefox/ covers Gecko; this proves in
// the third engine what a browser difference could break: the stylesheet the first-visit script
// adopts into the shadow root, the wasm modules, the gating, the cookie and the runtime's page
// view. WebDriver classic has no console log, so a failure to start shows as the API never
// becoming ready. Usage: `make test-webkit` (WEBKIT_PORT, default 8283; the driver on
// WEBKIT_DRIVER_PORT, default 4446).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PORT = Number(process.env.WEBKIT_PORT || 8283);
const DRIVER_PORT = Number(process.env.WEBKIT_DRIVER_PORT || 4446);
const DRIVER = `http://127.0.0.1:${DRIVER_PORT}`;
const PAGE = `http://127.0.0.1:${PORT}/bench/pages/consent-banner.html`;
const MINIBROWSER = process.env.MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const TAGS = ['analytics.js', 'pixel.gif'];
const TIMEOUT = 15_000;

let failures = 0;
function check(ok, what, detail) {
  console.log(`${ok ? 'ok' : 'FAILED'} - ${what}${ok || detail === undefined ? '' : ': ' + JSON.stringify(detail)}`);
  if (!ok) failures += 1;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One WebDriver command; throws with the driver's error when it fails. */
async function command(method, path, body) {
  const response = await fetch(DRIVER + path, {
    method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${JSON.stringify(json.value || json)}`);
  return json.value;
}

/** A MiniBrowser session: a fresh, ephemeral profile (no cookies, no storage). */
async function session() {
  const created = await command('POST', '/session', {
    capabilities: { alwaysMatch: { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } },
  });
  const id = created.sessionId;
  return {
    version: created.capabilities.browserVersion,
    go: (url) => command('POST', `/session/${id}/url`, { url }),
    // `fn` is sent as source and called in the page; its result comes back as JSON.
    run: (fn) => command('POST', `/session/${id}/execute/sync`, { script: `return (${fn})();`, args: [] }),
    close: () => command('DELETE', `/session/${id}`),
    async until(fn, what) {
      const deadline = Date.now() + TIMEOUT;
      for (;;) {
        const value = await this.run(fn);
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await sleep(100);
      }
    },
  };
}

// What the page shows and has requested, read in the page.
const banner = String(() => {
  const host = document.querySelector('[data-consent-root]');
  const el = host && host.shadowRoot && host.shadowRoot.querySelector('[data-consent-banner]');
  if (!el || !el.getClientRects().length) return null;
  return {
    // The stylesheet's 44rem (a popover is fixed in any case: position proves nothing).
    maxWidth: getComputedStyle(el).maxWidth,
    adopted: host.shadowRoot.adoptedStyleSheets.length,
    links: host.shadowRoot.querySelectorAll('link[rel="stylesheet"]').length,
    ready: !!(window.consentBanner && window.consentBanner.ready),
  };
});
const requested = String(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop()));
const requestedWith = (names) => String(() => {
  const f = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop());
  return NAMES.every((n) => f.includes(n)) ? f : null;
}).replace('NAMES', JSON.stringify(names));
const click = (action) => String(() => {
  document.querySelector('[data-consent-root]').shadowRoot.querySelector('[data-consent-action="ACTION"]').click();
  return true;
}).replace('ACTION', action);

const server = spawn(process.execPath, ['scripts/serve.mjs', String(PORT)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
const driver = spawn('WebKitWebDriver', [`--port=${DRIVER_PORT}`], { stdio: ['ignore', 'ignore', 'inherit'] });
const exited = (name) => (code) => { if (code) console.error(`${name} exited (${code})`); };
server.on('exit', exited('the demo server'));
driver.on('exit', exited('WebKitWebDriver'));
await new Promise((resolve, reject) => {
  server.stdout.on('data', (d) => { if (String(d).includes(String(PORT))) resolve(); });
  server.on('exit', (code) => reject(new Error(`the demo server exited (${code})`)));
});
// The driver answers /status once it listens.
for (let i = 0; ; i++) {
  if (await fetch(`${DRIVER}/status`).then((r) => r.ok, () => false)) break;
  if (i > 100) throw new Error('WebKitWebDriver did not start');
  await sleep(100);
}

const open = [];
try {
  // A first visit: the banner, styled by the stylesheet first.js adopts, and nothing gated yet.
  const first = await session();
  open.push(first);
  console.log(`# WebKitGTK ${first.version} (MiniBrowser)`);
  await first.go(PAGE);
  const shown = await first.until(banner, 'the banner');
  check(shown.maxWidth === '704px', 'the banner is styled (max-width: 44rem)', shown);
  check(shown.adopted === 1 && shown.links === 0, 'its stylesheet is the adopted one, not a link', shown);
  check(shown.ready, 'the JS API answers (the first-visit module started without an error)', shown);
  let files = await first.run(requested);
  check(!TAGS.some((t) => files.includes(t)), 'no gated tag is requested before a choice', files);
  check(files.includes('consent_banner_first.wasm') && !files.includes('consent-banner.css'),
    'the first-visit module served it, with no stylesheet request', files);

  // Accept all: the gated tags run and the consent cookie is written.
  await first.run(click('accept-all'));
  await first.until(requestedWith(TAGS), 'the gated tags after Accept all');
  check(true, 'Accept all runs the analytics script and the marketing pixel');
  const cookie = await first.run(String(() => document.cookie));
  check(/(^|; )consent=v1\./.test(cookie), 'the consent cookie is written', cookie);
  await first.until(String(() => localStorage.getItem('consent-banner:policy')), 'the cached policy');

  // The same visitor again: the runtime serves the page view, no banner, the tags run.
  await first.go(PAGE);
  files = await first.until(requestedWith(['analytics.js']), 'the returning visitor\'s tags');
  check(files.includes('consent_banner_runtime.wasm') && !files.includes('consent_banner_first.wasm') && !files.includes('consent_banner_bg.wasm'),
    'a returning visitor is served by the runtime alone', files);
  check(await first.run(String(() => document.querySelector('[data-consent-root]') === null)), 'and sees no banner');
  await first.close();
  open.pop();

  // Customise on a new visitor: the full module takes the banner over; the privacy centre is
  // styled by the same adopted stylesheet.
  const fresh = await session();
  open.push(fresh);
  await fresh.go(PAGE);
  await fresh.until(banner, 'the banner');
  await fresh.run(click('customise'));
  const centre = await fresh.until(String(() => {
    const host = document.querySelector('[data-consent-root]');
    const el = host && host.shadowRoot && host.shadowRoot.querySelector('[data-consent-preferences]');
    return el && el.getClientRects().length ? { display: getComputedStyle(el).display } : null;
  }), 'the privacy centre');
  check(centre.display === 'flex', 'Customise opens the privacy centre, styled', centre);
  files = await fresh.run(requested);
  check(files.includes('consent_banner_bg.wasm') && !files.includes('consent-banner.css'), 'from the full module, with no stylesheet request', files);
  // Reject all from the privacy centre: nothing gated runs, the choice is stored.
  await fresh.run(String(() => {
    const b = document.querySelector('[data-consent-root]').shadowRoot.querySelector('[data-consent-preferences] [data-consent-action="reject-all"]');
    if (b) b.click();
    return !!b;
  }));
  await fresh.until(String(() => /(^|; )consent=v1\./.test(document.cookie)), 'the consent cookie after Reject all');
  files = await fresh.run(requested);
  check(!TAGS.some((t) => files.includes(t)), 'Reject all in the privacy centre stores the choice and runs no gated tag', files);
} catch (e) {
  check(false, 'the run', String(e && e.stack ? e.stack : e));
} finally {
  for (const s of open) await s.close().catch(() => {});
  driver.kill();
  server.kill();
}
if (failures) {
  console.error(`${failures} WebKit check(s) failed`);
  process.exit(1);
}
console.log('all WebKit checks passed');
