// Returning visitors are served by the runtime: a std-free wasm of a few kilobytes that decides
// from the policy the full module cached, with the loader and tags.js doing the page work. The
// full module (and its stylesheet) is downloaded only when something needs it: the privacy
// centre, a choice, a changed or broken config, placeholders, cookie tables.
import { test, expect } from '@playwright/test';
import {
  ALL_TAGS, Banner, BUSINESS, CONFIG_PATH, COOKIE_POLICY, PrivacyCentre, Site, TAG_COOKIES, cookieNames,
  recordTagRequests,
} from './pages.js';
import { dataLayer } from './integration-helpers.js';

const FULL_WASM = '/pkg/consent_banner_bg.wasm';
const RUNTIME_WASM = '/pkg/consent_banner_runtime.wasm';
const FIRST_WASM = '/pkg/consent_banner_first.wasm';

/** Every path the page requests, to tell which module served it. */
function recordRequests(page) {
  const paths = [];
  page.on('request', (r) => paths.push(new URL(r.url()).pathname));
  return { paths, has: (p) => paths.includes(p), reset: () => { paths.length = 0; } };
}

/** A visitor who accepted everything on the business page, now on a fresh page view. */
async function returningVisitor(page, path = BUSINESS) {
  const site = new Site(page);
  await site.visit(path);
  await new Banner(page).acceptAll();
  await site.waitUntilReady();
  const consent = await site.consent();
  // The full module caches the policy as it starts; the choice is in the cookie.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('consent-banner:policy:business'))).not.toBeNull();
  // Every tag of this page view has been requested: what follows is the next page view's.
  await expect.poll(() => site.standInTags()).toEqual(ALL_TAGS);
  await page.waitForLoadState('networkidle');
  return { site, consent };
}

test('a returning visitor gets the tags from the runtime, without the full module or the stylesheet', async ({ page }) => {
  const { site, consent } = await returningVisitor(page);
  const requests = recordRequests(page);
  const tags = recordTagRequests(page);
  await site.reload();
  await site.waitUntilReady();

  await expect.poll(() => site.standInTags()).toEqual(ALL_TAGS);
  expect(requests.has(RUNTIME_WASM)).toBe(true);
  expect(requests.has(FULL_WASM)).toBe(false);
  expect(requests.paths.filter((p) => p.endsWith('.css') && p.includes('consent-banner'))).toEqual([]);
  await expect.poll(() => tags.count('numberly-pixel.gif')).toBe(1);
  // The same answers as the full module gave before the reload, announced once.
  expect(await site.consent()).toEqual(consent);
  expect(await page.evaluate(() => window.consentBanner.acceptedCategory('marketing'))).toBe(true);
  expect(await page.evaluate(() => window.consentBanner.acceptedCategory('nope'))).toBe(false);
  expect(await page.evaluate(() => window.__consentProbe.ready)).toBe(1);
  // Google Consent Mode: the update for this page view, then the tag-manager event.
  const layer = await dataLayer(page);
  const update = layer.find((e) => Array.isArray(e) && e[1] === 'update');
  expect(update?.[2]).toMatchObject({ analytics_storage: 'granted', ad_storage: 'granted' });
  expect(layer.at(-1)).toEqual({ event: 'consent_update', consent_categories: consent.accepted });
  await site.settle();
  expect(requests.has(FULL_WASM)).toBe(false);
});

test('the footer link hands over to the full module: the privacy centre opens and a withdrawal works', async ({ page, context }) => {
  const { site } = await returningVisitor(page);
  const requests = recordRequests(page);
  await site.reload();
  await site.waitUntilReady();
  expect(requests.has(FULL_WASM)).toBe(false);

  await site.footerLink().click();
  const centre = new PrivacyCentre(page);
  await centre.expectOpen();
  expect(requests.has(FULL_WASM)).toBe(true);
  // The link did not navigate, and the page view was announced once, by the runtime.
  expect(new URL(page.url()).pathname).toBe(BUSINESS);
  expect(await page.evaluate(() => window.__consentProbe.ready)).toBe(1);
  await centre.button('reject-all').click();
  await centre.expectClosed();
  await expect.poll(() => site.changeEvents()).toHaveLength(1);
  const [change] = await site.changeEvents();
  expect(change.withdrawn).toEqual(expect.arrayContaining(['analytics', 'marketing']));
  for (const name of TAG_COOKIES.filter((n) => !n.includes('*'))) expect(await cookieNames(context)).not.toContain(name);
  // The tags that already ran are not run a second time by the full module.
  expect(await site.standInTags()).toEqual(ALL_TAGS);
});

test('a choice through the API on a runtime page is queued for the full module and recorded', async ({ page }) => {
  const { site } = await returningVisitor(page);
  await site.reload();
  await site.waitUntilReady();
  await page.evaluate(() => window.consentBanner.acceptCategories(['analytics']));
  await expect.poll(() => site.changeEvents()).toHaveLength(1);
  const consent = await site.consent();
  expect(consent.rejected).toEqual(['marketing']);
  await site.reload();
  await site.waitUntilReady();
  expect((await site.consent()).rejected).toEqual(['marketing']);
});

test('an edited config goes through the validator before the runtime trusts it again', async ({ page }) => {
  const { site } = await returningVisitor(page);
  const original = await (await page.request.get(CONFIG_PATH)).text();
  const edited = original.replace('"policyLink"', '"policyLink" ');
  expect(edited).not.toBe(original);
  await page.route(`**${CONFIG_PATH}`, (route) => route.fulfill({ body: edited, contentType: 'application/json' }));
  const requests = recordRequests(page);
  const before = await page.evaluate(() => localStorage.getItem('consent-banner:policy:business'));

  await site.reload();
  await site.waitUntilReady();
  // Same version: the consent still holds, but the first-visit module's validator checked the
  // new text first (and cached its policy); the full module is not needed for that.
  expect(requests.has(FIRST_WASM)).toBe(true);
  expect(requests.has(FULL_WASM)).toBe(false);
  await expect.poll(() => site.standInTags()).toEqual(ALL_TAGS);
  const after = await page.evaluate(() => localStorage.getItem('consent-banner:policy:business'));
  expect(after).not.toBe(before);

  // Validated once, the edited text is served by the runtime again.
  requests.reset();
  await site.reload();
  await site.waitUntilReady();
  expect(requests.has(FULL_WASM)).toBe(false);
  await expect.poll(() => site.standInTags()).toEqual(ALL_TAGS);
});

test('a config broken since the choice fails closed, even for a visitor with a valid consent', async ({ page }) => {
  const { site } = await returningVisitor(page);
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const original = await (await page.request.get(CONFIG_PATH)).text();
  const broken = original.replace('"policyLink": "', '"policyLink": "javascript:');
  await page.route(`**${CONFIG_PATH}`, (route) => route.fulfill({ body: broken, contentType: 'application/json' }));
  const tags = recordTagRequests(page);

  await site.reload();
  await expect.poll(() => errors.join('\n')).toContain('policyLink');
  await site.settle();
  expect(tags.paths).toEqual([]);
  expect(await site.standInTags()).toEqual([]);
  // The visitor's choice is kept for when the config is fixed.
  expect(await cookieNames(page.context())).toContain('consent');
});

test('cookie tables the runtime has no kit for yet: the first-visit module renders them, not the full module', async ({ page }) => {
  const { site } = await returningVisitor(page);
  const requests = recordRequests(page);
  await site.visit(COOKIE_POLICY);
  await expect(page.locator('[data-consent-cookie-table][data-consent-rendered]')).toHaveCount(4);
  await site.settle();
  expect(requests.has('/pkg/consent_banner_first_surfaces.wasm')).toBe(true);
  expect(requests.has(FULL_WASM)).toBe(false);
  await expect(new Banner(page).root).toBeHidden();
});

test('without storage the first-visit module serves every page view', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
  });
  const site = new Site(page);
  await site.visit(BUSINESS);
  await new Banner(page).acceptAll();
  const requests = recordRequests(page);
  await site.reload();
  await site.waitUntilReady();
  expect(requests.has(FIRST_WASM)).toBe(true);
  expect(requests.has(FULL_WASM)).toBe(false);
  await expect.poll(() => site.standInTags()).toEqual(ALL_TAGS);
});

test('a missing runtime falls back to the first-visit module: the tags still run, nothing is thrown', async ({ page }) => {
  const { site } = await returningVisitor(page);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.route(`**${RUNTIME_WASM}`, (route) => route.fulfill({ status: 404, body: 'gone' }));
  const requests = recordRequests(page);
  await site.reload();
  await site.waitUntilReady();
  await expect.poll(() => site.standInTags()).toEqual(ALL_TAGS);
  expect(requests.has(FIRST_WASM)).toBe(true);
  expect(pageErrors).toEqual([]);
});
