// A first visit is served by the first-visit module: a std-free wasm of a few kilobytes that
// validates the config and answers the banner's markup, with the loader and first.js doing the
// page work. The full module (Yew: privacy centre, cookie tables, placeholders) is downloaded
// only when one of them is needed, and takes the banner over without a flash.
import { test, expect } from '@playwright/test';
import { TEXTS } from './a11y.js';
import {
  ALL_TAGS, Banner, BUSINESS, PrivacyCentre, Site, TAG_COOKIES, cookieExpiryDays, cookieNames, withServices,
} from './pages.js';

const FULL_WASM = '/pkg/consent_banner_bg.wasm';
const FIRST_WASM = '/pkg/consent_banner_first.wasm';

function recordRequests(page) {
  const paths = [];
  page.on('request', (r) => paths.push(new URL(r.url()).pathname));
  return { paths, has: (p) => paths.includes(p) };
}

/** Banners in the component's shadow root (one, never two, even while the full module takes over). */
function bannerCount(page) {
  return page.evaluate(() => document.querySelector('[data-consent-root]')?.shadowRoot
    ?.querySelectorAll('[data-consent-banner]').length ?? 0);
}

test('a first visit shows the banner without the full module, and Accept all works from it', async ({ page, context }) => {
  const requests = recordRequests(page);
  const site = new Site(page);
  await site.visit(BUSINESS);
  const banner = new Banner(page);
  await banner.expectVisible();
  expect(requests.has(FIRST_WASM)).toBe(true);
  expect(requests.has(FULL_WASM)).toBe(false);
  expect(await site.bannerShownEvents()).toBe(1);
  expect((await cookieNames(context)).filter((n) => TAG_COOKIES.includes(n) || n.startsWith('consent'))).toEqual([]);

  await banner.acceptAll();
  await expect.poll(() => site.standInTags()).toEqual(ALL_TAGS);
  await banner.expectHidden();
  expect(await cookieExpiryDays(context, 'consent')).toBeCloseTo(365, 0);
  expect(await cookieExpiryDays(context, 'consent_banner')).toBeCloseTo(7, 0);
  const [change] = await site.changeEvents();
  expect(change.method).toBe('banner');
  expect(change.granted).toEqual(expect.arrayContaining(['analytics', 'marketing']));
  expect(change.consent.id).toMatch(/^[0-9a-f]{16}$/);
  expect(await site.consent()).toEqual(change.consent);
  await expect(site.status()).toHaveText(/saved/i);
  const history = await page.evaluate(() => JSON.parse(localStorage.getItem('consent_history')));
  expect(history[0]).toMatchObject({ method: 'banner', id: change.consent.id });
  await site.settle();
  expect(requests.has(FULL_WASM)).toBe(false);

  // The next page view is the runtime's: the first-visit module cached the policy.
  requests.paths.length = 0;
  await site.reload();
  await site.waitUntilReady();
  expect(requests.has('/pkg/consent_banner_runtime.wasm')).toBe(true);
  expect(requests.has(FIRST_WASM)).toBe(false);
  expect(requests.has(FULL_WASM)).toBe(false);
});

test('Reject all from the first-visit banner runs no optional tag and sets no tag cookie', async ({ page, context }) => {
  const site = new Site(page);
  await site.visit(BUSINESS);
  await new Banner(page).rejectAll();
  await site.settle();
  expect(await site.standInTags()).toEqual(['commanders-act-consent']);
  const names = await cookieNames(context);
  expect(names.filter((n) => TAG_COOKIES.includes(n))).toEqual([]);
  expect((await site.consent()).accepted).not.toContain('analytics');
});

test('Customise loads the full module, which takes the banner over and opens the privacy centre', async ({ page }) => {
  const requests = recordRequests(page);
  const site = new Site(page);
  await site.visit(BUSINESS);
  const banner = new Banner(page);
  await banner.expectVisible();
  expect(requests.has(FULL_WASM)).toBe(false);
  const counts = [];
  await page.exposeFunction('__countBanners', (n) => counts.push(n));
  // Counted on every frame while the full module takes over: never two banners at once.
  await page.evaluate(() => {
    const tick = () => {
      window.__countBanners(document.querySelector('[data-consent-root]')?.shadowRoot
        ?.querySelectorAll('[data-consent-banner]').length ?? 0);
      if (!window.__stopCounting) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await banner.customise();
  const centre = new PrivacyCentre(page);
  await centre.expectOpen();
  expect(requests.has(FULL_WASM)).toBe(true);
  await page.evaluate(() => { window.__stopCounting = true; });
  expect(Math.max(...counts)).toBeLessThanOrEqual(1);
  expect(await site.bannerShownEvents()).toBe(1);
  expect(await page.evaluate(() => document.querySelectorAll('[data-consent-root]').length)).toBe(1);
  // Closing it brings the (full module's) banner back, focus on Customise.
  await page.keyboard.press('Escape');
  await centre.expectClosed();
  await banner.expectVisible();
  expect(await bannerCount(page)).toBe(1);
  expect(await page.evaluate(() => document.querySelector('[data-consent-root]').shadowRoot.activeElement
    ?.getAttribute('data-consent-action'))).toBe('customise');
});

test('the first-visit banner switches language and writes the language cookie', async ({ page, context }) => {
  const site = new Site(page);
  await site.visit(BUSINESS);
  const banner = new Banner(page);
  await banner.expectVisible();
  await banner.languageSelect().selectOption('nl');
  await expect(banner.button('reject-all')).toHaveText('Alles weigeren');
  expect(await site.appLang()).toBe('nl');
  expect(await cookieExpiryDays(context, 'consent_lang')).toBeCloseTo(365, 0);
  expect(await page.evaluate(() => window.consentBanner.setLanguage('xx'))).toBe(false);
  expect(await page.evaluate(() => window.consentBanner.setLanguage('fr'))).toBe(true);
  await expect(banner.button('accept-all')).toHaveText(/Tout accepter/);
});

test('API choices are answered by the first-visit module; openPreferences hands over', async ({ page }) => {
  const requests = recordRequests(page);
  const site = new Site(page);
  await site.visit(BUSINESS);
  await new Banner(page).expectVisible();
  await page.evaluate(() => window.consentBanner.acceptCategories(['analytics']));
  await expect.poll(async () => (await site.changeEvents()).length).toBe(1);
  expect((await site.changeEvents())[0].method).toBe('api');
  expect((await site.consent()).accepted).toEqual(['essential', 'consent-provider', ...withServices('business', ['analytics'])]);
  await new Banner(page).expectHidden();
  expect(requests.has(FULL_WASM)).toBe(false);
  await page.evaluate(() => window.consentBanner.openPreferences());
  const centre = new PrivacyCentre(page);
  await centre.expectOpen();
  await expect(centre.toggleFor('analytics')).toBeChecked();
  await expect(centre.toggleFor('marketing')).not.toBeChecked();
});

// The 1 s is a figure of `make bench` (median on a quiet machine, next to vanilla's preferences
// modal; 958 ms on 2026-12-07): a timed assertion here would flake with the machine's load and
// the module's size. What the 1 s rests on is asserted exactly: the full module's files are
// requested at once on the click (no request waits for another), and on slow 4G each is in by
// the time its bytes and the emulated latency allow (two round trips and 150 ms of slack), so
// that nothing but the download's size stands between the click and the privacy centre.
test('on a slow 4G network, the privacy centre\'s files are requested at once on Customise and in as soon as their bytes allow', async ({ page }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750,
  });
  const site = new Site(page);
  await site.visit(BUSINESS);
  const banner = new Banner(page);
  await banner.expectVisible();
  await page.waitForLoadState('networkidle');
  const clickAt = await page.evaluate(() => new Promise((resolve) => {
    const button = document.querySelector('[data-consent-root]').shadowRoot.querySelector('[data-consent-action="customise"]');
    button.addEventListener('click', (e) => resolve(e.timeStamp), { once: true });
    button.click();
  }));
  const centre = new PrivacyCentre(page);
  await centre.expectOpen();
  const files = await page.evaluate((t) => performance.getEntriesByType('resource')
    .filter((e) => e.startTime >= t - 50 && /\/pkg\/consent_banner(_bg\.wasm|\.js)$/.test(e.name))
    .map((e) => ({ name: e.name.split('/').pop(), start: e.startTime - t, end: e.responseEnd - t, bytes: e.encodedBodySize })), clickAt);
  const shown = await page.evaluate((t) => performance.now() - t, clickAt);
  test.info().annotations.push({ type: 'slow 4G, Customise → files in / dialog seen by the test', description: `${JSON.stringify(files)} / ≤ ${Math.round(shown)} ms` });
  expect(files.map((f) => f.name).sort()).toEqual(['consent_banner.js', 'consent_banner_bg.wasm']);
  // The two files share the emulated 200,000 bytes/s.
  const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
  expect(bytes, 'compressed sizes known').toBeGreaterThan(50_000);
  const allowed = 2 * 150 + (bytes / 200_000) * 1000 + 150;
  for (const f of files) {
    expect(f.start, `${f.name} requested at once`).toBeLessThan(100);
    expect(f.end, `${f.name} in within ${Math.round(allowed)} ms (${bytes} bytes on slow 4G)`).toBeLessThan(allowed);
  }
});

// Another language is one small file (src/i18n/<lang>.json), downloaded when chosen: on slow 4G
// it is requested at the change and in as soon as its bytes allow (about 0.6 s: make bench's
// figure is the 1 s target), the banner then in that language.
test('on a slow 4G network, another language\'s texts are requested at the change and in as soon as their bytes allow', async ({ page }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750,
  });
  const texts = [];
  page.on('request', (r) => { if (r.url().includes('/i18n/')) texts.push(r.url().split('/').pop()); });
  const site = new Site(page);
  await site.visit(BUSINESS);
  const banner = new Banner(page);
  await banner.expectVisible();
  await page.waitForLoadState('networkidle');
  // The page's language only, until another is asked for.
  expect(texts).toEqual(['en.json']);
  // Measured from the change event itself (the test's own round trip to the browser is not the
  // page's), and bounded by the file's bytes on the emulated network rather than a fixed time.
  await page.evaluate(() => {
    const root = document.querySelector('[data-consent-root]').shadowRoot;
    root.addEventListener('change', (e) => { window.__changedAt = e.timeStamp; }, { capture: true, once: true });
  });
  await banner.languageSelect().selectOption('de');
  await expect(banner.button('reject-all')).toHaveText(TEXTS.de.rejectAll);
  const files = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => /\/i18n\/de\.json$/.test(e.name))
    .map((e) => ({ start: e.startTime - window.__changedAt, end: e.responseEnd - window.__changedAt, bytes: e.encodedBodySize })));
  test.info().annotations.push({ type: 'slow 4G, language change → de.json', description: JSON.stringify(files) });
  expect(files).toHaveLength(1);
  // Asked for in the change's own task (a few milliseconds of the page's work), not after another request.
  expect(files[0].start, 'requested at once').toBeLessThan(100);
  const allowed = 2 * 150 + (files[0].bytes / 200_000) * 1000 + 150;
  expect(files[0].end, `in within ${Math.round(allowed)} ms`).toBeLessThan(allowed);
  expect(texts).toEqual(['en.json', 'de.json']);
});

for (const action of ['accept-all', 'reject-all']) {
  test(`${action} clicked in the very frame the banner appears is recorded`, async ({ page }) => {
    // Clicks from inside the page as soon as the button exists, before any test round trip.
    await page.addInitScript((action) => {
      const tick = () => {
        const button = document.querySelector('[data-consent-root]')?.shadowRoot
          ?.querySelector(`[data-consent-action="${action}"]`);
        if (button) button.click();
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }, action);
    const site = new Site(page);
    await site.visit(BUSINESS);
    await expect.poll(async () => (await site.changeEvents()).length).toBe(1);
    const consent = await site.consent();
    expect(consent.accepted.includes('analytics')).toBe(action === 'accept-all');
    await new Banner(page).expectHidden();
  });
}

test("the README's recommended preloads draw no 'preloaded but not used' warning on a first visit", async ({ page }) => {
  const warnings = [];
  page.on('console', (m) => { if (/preload/i.test(m.text())) warnings.push(m.text()); });
  const runtime = [];
  page.on('request', (r) => { if (r.url().endsWith('/pkg/consent_banner_runtime.wasm')) runtime.push(r.url()); });
  await page.route('**/www/business.html', async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('<link rel="stylesheet" href="/www/demo.css">', `<link rel="stylesheet" href="/www/demo.css">
  <link rel="preload" href="/pkg/consent_banner_runtime.wasm" as="fetch" crossorigin>
  <link rel="modulepreload" href="/pkg/consent-banner-tags.js">
  <link rel="preload" href="/www/config/itsme.json" as="fetch" crossorigin>`);
    await route.fulfill({ response, body: html });
  });
  const site = new Site(page);
  await site.visit();
  await new Banner(page).expectVisible();
  // Chromium warns a few seconds after the load event about a preload nothing used.
  await page.waitForTimeout(4_000);
  expect(warnings).toEqual([]);
  // Downloaded once: the loader takes the preload up rather than fetching it again.
  expect(runtime).toHaveLength(1);
});

// A page whose placeholders the first-visit module hands to the full module (integration.html's
// loader runs in <head>, so it picks the plain variant): the full module installs its API (and
// replays the queue) at its start, and takes the banner over only once its whole stylesheet
// applies. A click on the first-visit banner in between must count: held back here, the
// stylesheet makes that window as long as the test needs.
for (const action of ['customise', 'accept-all']) {
  test(`${action} on the first-visit banner while the full module waits to take it over is not lost`, async ({ page }) => {
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/consent-banner.css', async (route) => { await held; await route.continue(); });
    const site = new Site(page);
    await site.visit('/www/integration.html');
    const banner = new Banner(page);
    await banner.expectVisible();
    await page.waitForFunction(() => window.consentBanner && window.consentBanner.__full === true);
    // Still the first-visit module's banner: the full module has not taken it over.
    expect(await page.evaluate(() => document.querySelector('[data-consent-root]').shadowRoot
      .querySelectorAll('[data-consent-banner]').length)).toBe(1);
    await banner.button(action).click();
    release();
    if (action === 'customise') {
      await new PrivacyCentre(page).expectOpen();
    } else {
      await expect.poll(async () => (await site.changeEvents()).length).toBe(1);
      // The API answers the choice once the full module has taken it over with the banner.
      await expect.poll(async () => (await site.consent())?.accepted ?? []).toEqual(expect.arrayContaining(['analytics', 'marketing']));
      // Its placeholder follows the choice: the video is loaded.
      await expect(page.locator('iframe[src="/www/tags/video.html"]')).toBeVisible();
      await expect(page.locator('.cb-placeholder')).toHaveCount(0);
      await site.settle();
      await banner.expectHidden();
      expect(await site.bannerShownEvents()).toBe(1);
    }
    expect(await bannerCount(page)).toBeLessThanOrEqual(1);
  });
}
