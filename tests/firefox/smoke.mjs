// The first visit, a choice, a returning visitor and the privacy centre in Firefox (Debian's
// firefox-esr, driven over WebDriver BiDi by puppeteer-core), on the package as a site serves it
// (the bench's article page, which embeds the README's snippet). The Playwright suite covers
// Chromium in depth; this proves in a second engine what a browser difference could break: the
// stylesheet the first-visit script adopts into the shadow root, the wasm modules, the gating,
// the cookie and the runtime's page view. Usage: `make test-firefox` (FIREFOX_PORT, default 8282).
import puppeteer from 'puppeteer-core';
import {
  PAGE_PATH, TAGS, TIMEOUT, banner, centre, check, checkCentre, checkConsentCookie, checkFirstVisit, checkReturning, finish,
  requested, requestedWith, startServer,
} from '../smoke/common.mjs';

const PORT = Number(process.env.FIREFOX_PORT || 8282);
const PAGE = `http://127.0.0.1:${PORT}${PAGE_PATH}`;

/** Polls `fn` (a function, or its source) in the page until it returns something truthy, or fails after TIMEOUT. */
async function until(page, fn, what) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const value = await page.evaluate(typeof fn === 'string' ? `(${fn})()` : fn);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const server = await startServer(PORT);
const browser = await puppeteer.launch({
  browser: 'firefox', executablePath: process.env.FIREFOX || '/usr/bin/firefox-esr', headless: true, protocol: 'webDriverBiDi',
});
try {
  console.log(`# ${await browser.version()}`);
  const errors = [];
  const watch = (page) => {
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warn') errors.push(m.text()); });
  };

  // A first visit: the banner, styled by the stylesheet first.js adopts, and nothing gated yet.
  const context = await browser.createBrowserContext();
  const first = await context.newPage();
  watch(first);
  await first.goto(PAGE);
  const shown = await until(first, banner, 'the banner');
  let files = await first.evaluate(requested);
  checkFirstVisit(shown, files);

  // Accept all: the gated tags run and the consent cookie is written.
  await first.evaluate(() => document.querySelector('[data-consent-root]').shadowRoot.querySelector('[data-consent-action="accept-all"]').click());
  files = await until(first, requestedWith(TAGS), 'the gated tags after Accept all');
  check(true, 'Accept all runs the analytics script and the marketing pixel');
  checkConsentCookie(await first.evaluate(() => document.cookie));
  await until(first, () => localStorage.getItem('consent-banner:policy'), 'the cached policy');

  // The same visitor again: the runtime serves the page view, no banner, the tags run.
  const again = await context.newPage();
  watch(again);
  await again.goto(PAGE);
  files = await until(again, requestedWith(['analytics.js']), 'the returning visitor\'s tags');
  checkReturning(files);
  check(await again.evaluate(() => document.querySelector('[data-consent-root]') === null), 'and sees no banner');
  await context.close();

  // Customise on a new visitor: the full module takes the banner over; the privacy centre is
  // styled by the same adopted stylesheet.
  const fresh = await browser.createBrowserContext();
  const third = await fresh.newPage();
  watch(third);
  await third.goto(PAGE);
  await until(third, banner, 'the banner');
  await third.evaluate(() => document.querySelector('[data-consent-root]').shadowRoot.querySelector('[data-consent-action="customise"]').click());
  const shownCentre = await until(third, centre, 'the privacy centre');
  files = await third.evaluate(requested);
  checkCentre(shownCentre, files);
  await fresh.close();

  check(errors.length === 0, 'no error or warning on the console', errors);
} catch (e) {
  check(false, 'the run', String(e && e.stack ? e.stack : e));
} finally {
  await browser.close();
  server.kill();
}
finish('Firefox');
