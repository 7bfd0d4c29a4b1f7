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
import {
  PAGE_PATH, TAGS, TIMEOUT, banner, centre, check, checkCentre, checkConsentCookie, checkFirstVisit, checkReturning, finish,
  requested, requestedWith, startServer,
} from '../smoke/common.mjs';

const PORT = Number(process.env.WEBKIT_PORT || 8283);
const DRIVER_PORT = Number(process.env.WEBKIT_DRIVER_PORT || 4446);
const DRIVER = `http://127.0.0.1:${DRIVER_PORT}`;
const PAGE = `http://127.0.0.1:${PORT}${PAGE_PATH}`;
const MINIBROWSER = process.env.MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

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
    // `fn` (a function, or its source) is called in the page; its result comes back as JSON.
    run: (fn) => command('POST', `/session/${id}/execute/sync`, { script: `return (${String(fn)})();`, args: [] }),
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

const click = (action) => String(() => {
  document.querySelector('[data-consent-root]').shadowRoot.querySelector('[data-consent-action="ACTION"]').click();
  return true;
}).replace('ACTION', action);

const server = await startServer(PORT);
const driver = spawn('WebKitWebDriver', [`--port=${DRIVER_PORT}`], { stdio: ['ignore', 'ignore', 'inherit'] });
driver.on('exit', (code) => { if (code) console.error(`WebKitWebDriver exited (${code})`); });
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
  let files = await first.run(requested);
  checkFirstVisit(shown, files);

  // Accept all: the gated tags run and the consent cookie is written.
  await first.run(click('accept-all'));
  await first.until(requestedWith(TAGS), 'the gated tags after Accept all');
  check(true, 'Accept all runs the analytics script and the marketing pixel');
  checkConsentCookie(await first.run(String(() => document.cookie)));
  await first.until(String(() => localStorage.getItem('consent-banner:policy')), 'the cached policy');

  // The same visitor again: the runtime serves the page view, no banner, the tags run.
  await first.go(PAGE);
  files = await first.until(requestedWith(['analytics.js']), 'the returning visitor\'s tags');
  checkReturning(files);
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
  const shownCentre = await fresh.until(centre, 'the privacy centre');
  files = await fresh.run(requested);
  checkCentre(shownCentre, files);
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
finish('WebKit');
