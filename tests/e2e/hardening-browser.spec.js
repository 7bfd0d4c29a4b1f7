// Hardening, failing browsers: cookies that are never stored, localStorage that throws, the
// loader included twice, a wasm that cannot be fetched or instantiated. consent-banner never
// runs a tag the visitor did not accept, never throws into the page, keeps each choice as long
// as the browser lets it, and says on the console what went wrong.
import { test, expect } from '@playwright/test';
import { ALL_TAGS, ANALYTICS_SCRIPTS, BUSINESS, PROVIDER_TAGS } from './pages.js';
import {
  FIXTURE, FIXTURE_TAGS, FIXTURE_TWICE, SETTLE_MS, expectConsoleMessage, expectPageButtonWorks, minimalConfig,
  recordTagRequests, serveConfig, standInTags, watch,
} from './hardening-helpers.js';

/** Counts the consent:* events of each page view (installed before any page script runs). */
function installProbe() {
  const probe = (window.__probe = { ready: 0, changes: 0, bannerShown: 0 });
  window.addEventListener('consent:ready', () => { probe.ready += 1; });
  window.addEventListener('consent:change', () => { probe.changes += 1; });
  window.addEventListener('consent:banner-shown', () => { probe.bannerShown += 1; });
}
const probe = (page) => page.evaluate(() => window.__probe);

test.describe('cookies disabled (document.cookie ignores writes and reads empty)', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(Document.prototype, 'cookie', {
        configurable: true,
        get() { return ''; },
        set(_value) { /* refused, as with cookies blocked */ },
      });
    });
    await page.addInitScript(installProbe);
  });

  test('each page view asks; a choice holds for that page, runs its tags once, no loop, a warning says why', async ({ page }) => {
    const watcher = watch(page);
    const requests = recordTagRequests(page);
    const banner = page.locator('[data-consent-banner]');

    await page.goto(BUSINESS);
    await expect(banner).toBeVisible();
    await page.waitForTimeout(SETTLE_MS);
    expect(requests.paths).toEqual([]);

    await banner.locator('[data-consent-action="accept-all"]').click();
    await expect(banner).toHaveCount(0);
    await expect.poll(() => standInTags(page)).toEqual(ALL_TAGS);
    await expectConsoleMessage(watcher, 'warning', /did not store the consent cookie .*the choice holds for this page only/);
    // The choice holds for this page view.
    const consent = await page.evaluate(() => window.consentBanner.getConsent());
    expect(consent.accepted).toEqual(expect.arrayContaining(['analytics', 'marketing']));
    expect(await page.evaluate(() => window.consentBanner.acceptedCategory('marketing'))).toBe(true);
    // No loop: one banner, one change, each tag requested once, and it stays that way.
    await page.waitForTimeout(SETTLE_MS);
    expect(await probe(page)).toEqual({ ready: 1, changes: 1, bannerShown: 1 });
    for (const file of ANALYTICS_SCRIPTS) expect(requests.count(`/www/tags/${file}`), file).toBe(1);
    await expect(banner).toHaveCount(0);
    expect(watcher.ours('error')).toEqual([]);
    expect(watcher.pageErrors).toEqual([]);

    // The next page view cannot know the choice: it asks again and runs nothing.
    requests.paths.length = 0;
    await page.reload();
    await expect(banner).toBeVisible();
    await page.waitForTimeout(SETTLE_MS);
    expect(requests.paths).toEqual([]);
    expect(await standInTags(page)).toEqual([]);
    expect(await page.evaluate(() => window.consentBanner.getConsent())).toBeNull();
    expect(await probe(page)).toEqual({ ready: 1, changes: 0, bannerShown: 1 });

    // Reject all works the same way: the banner goes, only the essential consent provider
    // (afterChoice) runs.
    await banner.locator('[data-consent-action="reject-all"]').click();
    await expect(banner).toHaveCount(0);
    await expect.poll(() => standInTags(page)).toEqual(PROVIDER_TAGS);
    await page.waitForTimeout(SETTLE_MS);
    expect(requests.paths).toEqual(['/www/tags/commanders-act-consent.js']);
    expect(watcher.ours('error')).toEqual([]);
    expect(watcher.pageErrors).toEqual([]);
  });
});

test.describe('localStorage throws', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
      });
    });
  });

  test('choices still work and stick; the privacy centre opens without a history section', async ({ page }) => {
    const watcher = watch(page);
    const banner = page.locator('[data-consent-banner]');
    await page.goto(BUSINESS);
    // The init script really makes storage throw.
    expect(await page.evaluate(() => { try { void window.localStorage; return false; } catch { return true; } })).toBe(true);

    await expect(banner).toBeVisible();
    await banner.locator('[data-consent-action="accept-all"]').click();
    await expect(banner).toHaveCount(0);
    await expect.poll(() => standInTags(page)).toEqual(ALL_TAGS);

    const centre = page.locator('[data-consent-preferences]');
    await page.locator('footer [data-consent-open]').click();
    await expect(centre).toBeVisible();
    // The current choice is shown (it lives in the cookie); the history (localStorage) is absent.
    await expect(centre.locator('[data-consent-current] code[data-consent-id]')).toHaveText(/^[0-9a-f]{16}$/);
    await expect(centre.locator('ol[data-consent-history]')).toHaveCount(0);
    await expect(centre.locator('[data-consent-history-entry]')).toHaveCount(0);

    // A second choice, in the privacy centre, works too and survives a reload.
    await centre.locator('[data-consent-action="reject-all"]').click();
    await expect(centre).toHaveCount(0);
    await expect.poll(() => page.evaluate(() => window.consentBanner.getConsent()?.rejected ?? []))
      .toEqual(expect.arrayContaining(['analytics', 'marketing']));
    await page.reload();
    await expect.poll(() => page.evaluate(() => window.consentBanner.getConsent()?.rejected ?? null))
      .toEqual(expect.arrayContaining(['analytics', 'marketing']));
    await page.waitForTimeout(SETTLE_MS);
    await expect(banner).toHaveCount(0);
    // Only the essential consent provider (afterChoice) runs after the reload.
    expect(await standInTags(page)).toEqual(PROVIDER_TAGS);
    expect(watcher.ours('error')).toEqual([]);
    expect(watcher.pageErrors).toEqual([]);
  });
});

test('the loader included three times: one root, one banner, tags run once', async ({ page }) => {
  await page.addInitScript(installProbe);
  const watcher = watch(page);
  const requests = recordTagRequests(page);
  const config = await serveConfig(page, minimalConfig());
  const banner = page.locator('[data-consent-banner]');

  await page.goto(FIXTURE_TWICE);
  await expect(banner).toBeVisible();
  await page.waitForTimeout(SETTLE_MS);
  await expect(page.locator('[data-consent-root]')).toHaveCount(1);
  await expect(banner).toHaveCount(1);
  expect(await page.evaluate(() => document.querySelectorAll('body > [data-consent-root]').length)).toBe(1);

  await banner.locator('[data-consent-action="accept-all"]').click();
  await expect(banner).toHaveCount(0);
  await expect.poll(() => standInTags(page)).toEqual(FIXTURE_TAGS);
  await page.waitForTimeout(SETTLE_MS);
  expect(await standInTags(page)).toEqual(FIXTURE_TAGS);
  expect(requests.count('/www/tags/numberly-analytics.js')).toBe(1);
  expect(requests.count('/www/tags/numberly-pixel.gif')).toBe(1);
  expect(await probe(page)).toEqual({ ready: 1, changes: 1, bannerShown: 1 });
  expect(config.count).toBe(1);
  expect(watcher.ours('error')).toEqual([]);
  expect(watcher.pageErrors).toEqual([]);
});

const BROKEN_STARTS = [
  {
    name: 'the wasm blocked (request aborted)',
    route: ['**/*.wasm', (route) => route.abort()],
  },
  {
    name: 'a wasm that fails to instantiate (garbage bytes as application/wasm)',
    route: ['**/*.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('not a wasm module, just text') })],
  },
  {
    name: 'a wasm that answers 404',
    route: ['**/*.wasm', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' })],
  },
  {
    name: 'the JS modules blocked (first-visit page work, tags, full module)',
    route: ['**/pkg/consent*.js', (route) => route.abort()],
  },
];

for (const { name, route } of BROKEN_STARTS) {
  test(`${name}: "could not start" on the console, no gated tag, the page works`, async ({ page }) => {
    const watcher = watch(page);
    const requests = recordTagRequests(page);
    await serveConfig(page, minimalConfig());
    await page.route(...route);

    await page.goto(FIXTURE);
    await expectConsoleMessage(watcher, 'error', /^consent-banner: could not start .*; no optional tag will run$/);
    await page.waitForTimeout(SETTLE_MS);
    expect(requests.paths).toEqual([]);
    expect(await standInTags(page)).toEqual([]);
    await expect(page.locator('[data-consent-root]')).toHaveCount(0);
    expect(await page.locator('img[data-consent-category]').getAttribute('src')).toBeNull();
    // The loader's stubs answer "nothing accepted" and swallow calls without throwing.
    expect(await page.evaluate(() => window.consentBanner.getConsent())).toBeNull();
    expect(await page.evaluate(() => window.consentBanner.acceptedCategory('analytics'))).toBe(false);
    await page.evaluate(() => window.consentBanner.acceptAll());
    await expectPageButtonWorks(page);
    await page.waitForTimeout(SETTLE_MS);
    expect(requests.paths).toEqual([]);
    expect(watcher.pageErrors).toEqual([]);
  });
}

test('document.cookie that throws on read and write (a sandboxed document): the banner asks, a choice works for the page', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Document.prototype, 'cookie', {
      configurable: true,
      // An Error (not a DOMException) so the page error carries a stack naming the caller.
      get() { throw Object.assign(new Error('The document is sandboxed'), { name: 'SecurityError' }); },
      set(_value) { throw Object.assign(new Error('The document is sandboxed'), { name: 'SecurityError' }); },
    });
  });
  const watcher = watch(page);
  const requests = recordTagRequests(page);
  await serveConfig(page, minimalConfig());
  await page.goto(FIXTURE);
  const banner = page.locator('[data-consent-banner]');
  await expect(banner).toBeVisible();
  await page.waitForTimeout(SETTLE_MS);
  expect(requests.paths).toEqual([]);
  expect(watcher.pageErrors).toEqual([]);
  await banner.locator('[data-consent-action="accept-all"]').click();
  await expect(banner).toHaveCount(0);
  // The inline tags run; the external stand-in runs too but itself throws when it sets its cookie.
  await expect.poll(() => standInTags(page)).toEqual(['inline-analytics', 'inline-marketing']);
  expect(requests.count('/www/tags/numberly-analytics.js')).toBe(1);
  await expectConsoleMessage(watcher, 'warning', /did not store the consent cookie/);
  await page.waitForTimeout(SETTLE_MS);
  // The only uncaught error is the stand-in tag's own document.cookie write, none of ours.
  expect(watcher.pageErrorStacks).toHaveLength(1);
  expect(watcher.pageErrorStacks[0]).toContain('/www/tags/numberly-analytics.js');
});

test.describe('localStorage that misbehaves without throwing on access', () => {
  test('a corrupt history (not a list) is ignored: the privacy centre opens, a choice is recorded over it', async ({ page }) => {
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('consent_history', '{"not": "a list"');
        sessionStorage.setItem('seeded', '1');
      }
    });
    const watcher = watch(page);
    await serveConfig(page, minimalConfig());
    await page.goto(FIXTURE);
    await page.evaluate(() => window.consentBanner.openPreferences());
    const centre = page.locator('[data-consent-preferences]');
    await expect(centre).toBeVisible();
    await expect(centre.locator('[data-consent-history-entry]')).toHaveCount(0);
    await centre.locator('[data-consent-action="accept-all"]').click();
    await expect(centre).toHaveCount(0);
    await expect.poll(() => standInTags(page)).toEqual(FIXTURE_TAGS);
    await page.evaluate(() => window.consentBanner.openPreferences());
    await expect(centre.locator('[data-consent-history-entry]')).toHaveCount(1);
    expect(watcher.pageErrors).toEqual([]);
  });

  test('setItem that throws (quota exceeded): choices still work and stick', async ({ page }) => {
    await page.addInitScript(() => {
      Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    });
    const watcher = watch(page);
    await serveConfig(page, minimalConfig());
    await page.goto(FIXTURE);
    const banner = page.locator('[data-consent-banner]');
    await banner.locator('[data-consent-action="accept-all"]').click();
    await expect(banner).toHaveCount(0);
    await expect.poll(() => standInTags(page)).toEqual(FIXTURE_TAGS);
    await page.reload();
    await expect.poll(() => standInTags(page)).toEqual(FIXTURE_TAGS);
    await expect(banner).toHaveCount(0);
    await page.evaluate(() => window.consentBanner.openPreferences());
    await expect(page.locator('[data-consent-preferences] code[data-consent-id]')).toHaveText(/^[0-9a-f]{16}$/);
    expect(watcher.ours('error')).toEqual([]);
    expect(watcher.pageErrors).toEqual([]);
  });
});

test('crypto.getRandomValues that throws: a choice still gets a 16-hex-digit consent id', async ({ page }) => {
  await page.addInitScript(() => {
    Crypto.prototype.getRandomValues = function () { throw new Error('no randomness here'); };
  });
  const watcher = watch(page);
  await serveConfig(page, minimalConfig());
  await page.goto(FIXTURE);
  const banner = page.locator('[data-consent-banner]');
  await banner.locator('[data-consent-action="accept-all"]').click();
  await expect(banner).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => window.consentBanner.getConsent()?.id ?? null)).toMatch(/^[0-9a-f]{16}$/);
  await expect.poll(() => standInTags(page)).toEqual(FIXTURE_TAGS);
  expect(watcher.pageErrors).toEqual([]);
});

test('no shadow DOM (attachShadow throws): the banner renders in the page and works', async ({ page }) => {
  await page.addInitScript(() => {
    Element.prototype.attachShadow = function () { throw new DOMException('Not supported', 'NotSupportedError'); };
  });
  const watcher = watch(page);
  const requests = recordTagRequests(page);
  await serveConfig(page, minimalConfig());
  await page.goto(FIXTURE);
  const banner = page.locator('[data-consent-banner]');
  await expect(banner).toBeVisible();
  await page.waitForTimeout(SETTLE_MS);
  expect(requests.paths).toEqual([]);
  await banner.locator('[data-consent-action="accept-all"]').click();
  await expect(banner).toHaveCount(0);
  await expect.poll(() => standInTags(page)).toEqual(FIXTURE_TAGS);
  expect(watcher.pageErrors).toEqual([]);
});
