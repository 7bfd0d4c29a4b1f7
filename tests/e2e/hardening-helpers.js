// Helpers of the hardening specs (bad config, bad cookies, failing browsers, hostile pages,
// injection). They add to pages.js what those specs need: a fixture page whose config each test
// controls, a record of the console and of uncaught page errors, and a consent-cookie encoder
// that writes values the component accepts (so a test can vary exactly one thing in them).
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';

/** The fixture page: the loader with data-config="/hardening/config.json", gated tags, a button. */
export const FIXTURE = '/tests/e2e/fixtures/hardening.html';
/** The same page with data-area="nowhere". */
/** The loader included three times. */
export const FIXTURE_TWICE = '/tests/e2e/fixtures/hardening-twice.html';
/** `!important` rules on button, div and [data-consent-banner]. */
export const FIXTURE_HOSTILE = '/tests/e2e/fixtures/hardening-hostile.html';
/** The same rules plus a full-screen fixed layer at z-index 2147483647. */
export const FIXTURE_OVERLAY = '/tests/e2e/fixtures/hardening-overlay.html';
/** Only a full-screen fixed layer at z-index 2147483647, the body's first child in the markup. */
export const FIXTURE_LAYER = '/tests/e2e/fixtures/hardening-layer.html';
/** The base fixture plus `<div data-consent-cookie-table>` (cookie tables rendered in the page). */
/** `* { all: unset !important }`. */
export const FIXTURE_UNSET = '/tests/e2e/fixtures/hardening-unset.html';

/** What every hardening test routes: the fixture pages' data-config. */
export const CONFIG_ROUTE = '**/hardening/config.json';
export const CONFIG_PATH = '/hardening/config.json';

/** The minimal valid config (tests/fixtures/minimal.json): essential, analytics, marketing. */
const MINIMAL = JSON.parse(readFileSync(new URL('../fixtures/minimal.json', import.meta.url), 'utf8'));

/** A fresh copy of the minimal config, for a test to modify. */
export function minimalConfig() {
  return structuredClone(MINIMAL);
}

/** What the fixture's gated scripts push to window.standInTags once all run, in document order. */
export const FIXTURE_TAGS = ['numberly-analytics', 'inline-analytics', 'inline-marketing'];

/** Short wait used only to prove that something did NOT happen (a request, a retry, a render). */
export const SETTLE_MS = 500;

/**
 * Serves `/hardening/config.json`: `body` is a config object (sent as JSON) or a raw string.
 * `status` and `contentType` default to 200 and application/json; `hang: true` never answers.
 * Returns `{ count }`, the number of times the config was requested.
 */
export async function serveConfig(page, body, { status = 200, contentType = 'application/json', hang = false } = {}) {
  const hits = { count: 0 };
  await page.route(CONFIG_ROUTE, async (route) => {
    hits.count += 1;
    if (hang) return; // never fulfilled: the request stays pending
    await route.fulfill({ status, contentType, body: typeof body === 'string' ? body : JSON.stringify(body) });
  });
  return hits;
}

/**
 * Serves the base fixture (FIXTURE) with `transform(html)` applied, for one-off variants (a
 * loader attribute, an element) that do not deserve a file of their own.
 */
export async function serveFixtureVariant(page, transform) {
  const html = readFileSync(new URL('./fixtures/hardening.html', import.meta.url), 'utf8');
  const changed = transform(html);
  expect(changed, 'the variant changes the fixture').not.toBe(html);
  await page.route(`**${FIXTURE}`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: changed }));
}

/** The base fixture with `data-area="nowhere"` on the loader: an area the config does not have. */
export const withUnknownArea = (html) =>
  html.replace('data-config="/hardening/config.json"', 'data-config="/hardening/config.json" data-area="nowhere"');

/** The base fixture with the cookie-policy tables, rendered in the page (not in the shadow root). */
export const withPolicyTables = (html) =>
  html.replace('<output id="page-count">0</output>', '<output id="page-count">0</output>\n    <div data-consent-cookie-table="all"></div>');

/**
 * Records what the page reports: uncaught errors (`pageerror`) and console messages. Attach
 * before the first navigation.
 */
export function watch(page) {
  const pageErrors = [];
  const pageErrorStacks = [];
  const messages = [];
  page.on('pageerror', (error) => {
    pageErrors.push(String(error));
    pageErrorStacks.push(error.stack ?? String(error));
  });
  page.on('console', (message) => messages.push({ type: message.type(), text: message.text() }));
  return {
    pageErrors,
    /** The stacks of the page errors, to tell whose code threw. */
    pageErrorStacks,
    messages,
    /** consent-banner's own console messages of one type ('error', 'warning', 'info'). */
    ours: (type) => messages.filter((m) => m.type === type && m.text.startsWith('consent-banner:')).map((m) => m.text),
    /** Every console message of type 'error' (the browser's own included). */
    errors: () => messages.filter((m) => m.type === 'error').map((m) => m.text),
  };
}

/**
 * Records the paths of the gated stand-in tags requested (anything under /www/tags/) and of any
 * other path `extra(pathname)` selects. Attach before the first navigation.
 */
export function recordTagRequests(page, extra = () => false) {
  const paths = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/www/tags/') || extra(pathname)) paths.push(pathname);
  });
  return {
    paths,
    count: (path) => paths.filter((p) => p === path).length,
  };
}

/** What the stand-in tags have recorded so far. */
export function standInTags(page) {
  return page.evaluate(() => window.standInTags ?? []);
}

/** The page's own button still works: a real click increments its counter. */
export async function expectPageButtonWorks(page) {
  const before = Number(await page.locator('#page-count').textContent());
  await page.locator('#page-button').click();
  await expect(page.locator('#page-count')).toHaveText(String(before + 1));
}

/** Waits until one of consent-banner's console messages of `type` matches `pattern`. */
export async function expectConsoleMessage(watcher, type, pattern, { timeout = 5_000 } = {}) {
  await expect
    .poll(() => watcher.ours(type).some((text) => pattern.test(text)), {
      message: `a consent-banner console ${type} matching ${pattern}; got ${JSON.stringify(watcher.ours(type))}`,
      timeout,
    })
    .toBe(true);
}

// ---- the consent cookie's codec, as src/core/consent.rs writes it -----------------------------

function escape(text) {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9_-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * A consent cookie value with a valid checksum:
 * `v1.<version>.<cat~cat>.<time base 36>.<id>.<checksum>`. `time` is in seconds (default now).
 */
export function encodeConsent({ version, accepted, time = Math.floor(Date.now() / 1000), id = '0123456789abcdef' }) {
  const cats = [...accepted].sort().map(escape).join('~');
  const body = `v1.${escape(version)}.${cats}.${time.toString(36)}.${escape(id)}`;
  return `${body}.${fnv1a(body).toString(36)}`;
}
