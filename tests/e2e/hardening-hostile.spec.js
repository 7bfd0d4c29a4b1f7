// Hardening, hostile pages. CSS: the page's own rules target what a banner is made of (buttons,
// divs, [data-consent-banner]) with !important, reset every element, or cover the viewport with
// a layer at the highest z-index; the banner renders in a shadow root, so it must stay visible,
// its buttons must take a real click (Playwright checks that the button is the element hit at
// its centre) and Accept all must run the accepted tags. Scripts: the page's globals that the
// loader touches (dataLayer, gtag, consentBanner) hold unexpected values, and its event
// listeners throw; consent-banner must neither throw into the page nor stop working.
import { test, expect } from '@playwright/test';
import {
  FIXTURE, FIXTURE_HOSTILE, FIXTURE_LAYER, FIXTURE_OVERLAY, FIXTURE_TAGS, FIXTURE_UNSET, SETTLE_MS, minimalConfig,
  recordTagRequests, serveConfig, serveFixtureVariant, standInTags, watch,
} from './hardening-helpers.js';

/**
 * What a pointer at the centre of `locator` hits: 'banner' when it is the element itself (the
 * hit is looked up through the shadow root), else a short description of the element on top.
 */
function hitAtCentre(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    const top = document.elementFromPoint(x, y);
    const inner = top?.shadowRoot ? top.shadowRoot.elementFromPoint(x, y) : top;
    if (inner === el || el.contains(inner)) return 'banner';
    return top ? `${top.tagName.toLowerCase()}${top.id ? `#${top.id}` : ''}` : 'nothing';
  });
}

/** Opens `path` with the minimal config: the banner is visible, on top, and Accept all works. */
async function expectUsableBanner(page, path) {
  const watcher = watch(page);
  const requests = recordTagRequests(page);
  await serveConfig(page, minimalConfig());
  await page.goto(path);
  const banner = page.locator('[data-consent-banner]');
  await expect(banner).toBeVisible();
  for (const action of ['accept-all', 'reject-all', 'customise']) {
    const button = banner.locator(`[data-consent-action="${action}"]`);
    await expect(button, action).toBeVisible();
    expect(await hitAtCentre(button), `what a click at the centre of ${action} hits`).toBe('banner');
  }
  await page.waitForTimeout(SETTLE_MS);
  expect(requests.paths).toEqual([]);
  // A real click: Playwright waits until the button is visible, stable, enabled and the element
  // that receives the pointer at its centre.
  await banner.locator('[data-consent-action="accept-all"]').click({ timeout: 3_000 });
  await expect(banner).toHaveCount(0);
  await expect.poll(() => standInTags(page)).toEqual(FIXTURE_TAGS);
  expect(await page.evaluate(() => window.consentBanner.getConsent()?.accepted ?? null))
    .toEqual(expect.arrayContaining(['analytics', 'marketing']));
  expect(watcher.pageErrors).toEqual([]);
}

test('!important rules on button, div and [data-consent-banner]: the banner is visible and Accept all works', async ({ page }) => {
  await expectUsableBanner(page, FIXTURE_HOSTILE);
  // The page's rules really apply in the page: a button of its own is hidden.
  expect(await page.evaluate(() => {
    const b = document.body.appendChild(document.createElement('button'));
    return getComputedStyle(b).display;
  })).toBe('none');
});

test('hostile rules: Customise opens the privacy centre, whose toggles and Save take real clicks', async ({ page }) => {
  const watcher = watch(page);
  await serveConfig(page, minimalConfig());
  await page.goto(FIXTURE_HOSTILE);
  await page.locator('[data-consent-banner] [data-consent-action="customise"]').click({ timeout: 3_000 });
  const centre = page.locator('[data-consent-preferences]');
  await expect(centre).toBeVisible();
  await centre.locator('input[data-consent-toggle="analytics"]').check({ timeout: 3_000 });
  await centre.locator('[data-consent-action="save"]').click({ timeout: 3_000 });
  await expect(centre).toHaveCount(0);
  await expect.poll(() => standInTags(page)).toEqual(['numberly-analytics', 'inline-analytics']);
  expect(watcher.pageErrors).toEqual([]);
});

test('* { all: unset !important } (even on head, script and style): the banner is visible and Accept all works', async ({ page }) => {
  await expectUsableBanner(page, FIXTURE_UNSET);
});

// The banner and the privacy centre are shown in the browser's top layer (manual popovers), so a
// page layer at the maximum z-index, even one later in the DOM, cannot cover them.
test('a full-screen fixed layer at z-index 2147483647: the banner stays on top and Accept all works', async ({ page }) => {
  await expectUsableBanner(page, FIXTURE_LAYER);
});

test('hostile rules plus a full-screen fixed layer at z-index 2147483647: the banner stays on top and Accept all works', async ({ page }) => {
  await expectUsableBanner(page, FIXTURE_OVERLAY);
});

// ---- hostile scripts: the page's globals and listeners ----------------------------------------

/** Opens the fixture after `init` ran in the page: no pageerror, the banner works, tags run. */
async function expectWorksDespite(page, init) {
  const watcher = watch(page);
  const requests = recordTagRequests(page);
  await page.addInitScript(init);
  await serveConfig(page, minimalConfig());
  await page.goto(FIXTURE);
  // The deferred loader has run by `load`: anything it threw is recorded by now.
  expect(watcher.pageErrors, 'nothing thrown into the page').toEqual([]);
  const banner = page.locator('[data-consent-banner]');
  await expect(banner).toBeVisible();
  await page.waitForTimeout(SETTLE_MS);
  expect(requests.paths).toEqual([]);
  await banner.locator('[data-consent-action="accept-all"]').click({ timeout: 3_000 });
  await expect(banner).toHaveCount(0);
  await expect.poll(() => standInTags(page)).toEqual(FIXTURE_TAGS);
  expect(watcher.pageErrors, 'nothing thrown into the page').toEqual([]);
  return watcher;
}

test('a page listener of consent:change that throws: its own error only; the choice and the other listeners go on', async ({ page }) => {
  await page.addInitScript(() => {
    window.__second = 0;
    addEventListener('consent:change', () => { throw new Error('the page listener is broken'); });
    addEventListener('consent:change', () => { window.__second += 1; });
  });
  const watcher = watch(page);
  await serveConfig(page, minimalConfig());
  await page.goto(FIXTURE);
  const banner = page.locator('[data-consent-banner]');
  await banner.locator('[data-consent-action="accept-all"]').click();
  await expect(banner).toHaveCount(0);
  await expect.poll(() => standInTags(page)).toEqual(FIXTURE_TAGS);
  await expect.poll(() => page.evaluate(() => window.__second)).toBe(1);
  // The only uncaught error is the page's own (dispatchEvent reports it), none of ours.
  expect(watcher.pageErrors).toEqual(['Error: the page listener is broken']);
});

test('a consentBanner.on() subscriber that throws: nothing reaches the page; other subscribers are called', async ({ page }) => {
  await page.addInitScript(() => {
    window.__second = 0;
    document.addEventListener('DOMContentLoaded', () => {
      window.consentBanner.on('change', () => { throw new Error('subscriber is broken'); });
      window.consentBanner.on('change', () => { window.__second += 1; });
    });
  });
  const watcher = await expectWorksDespite(page, () => {});
  await expect.poll(() => page.evaluate(() => window.__second)).toBe(1);
  expect(watcher.pageErrors).toEqual([]);
});

test('an element with id="consentBanner" (named access on window): the banner works', async ({ page }) => {
  await serveFixtureVariant(page, (html) => html.replace('<main>', '<main>\n    <div id="consentBanner">The page\'s own promo banner</div>'));
  await expectWorksDespite(page, () => {});
  expect(await page.evaluate(() => typeof window.consentBanner.getConsent)).toBe('function');
});

// The loader's Google Consent Mode defaults are guarded: a page's odd dataLayer or gtag is warned
// about on the console, never thrown into the page, and the banner still boots.
for (const [name, init] of [
  ['a non-array dataLayer ({ page: "home" })', () => { window.dataLayer = { page: 'home' }; }],
  ['a frozen dataLayer array', () => { window.dataLayer = Object.freeze([]); }],
  ['a page gtag that throws', () => { window.gtag = () => { throw new Error('the page gtag is broken'); }; }],
]) {
  test(`${name} before the loader: nothing thrown into the page, the banner works`, async ({ page }) => {
    await expectWorksDespite(page, init);
  });
}

// A page global named consentBanner holding something else is replaced (with a warning), not
// thrown on.
for (const [name, init] of [
  ['a number', () => { window.consentBanner = 42; }],
  ['a frozen object', () => { window.consentBanner = Object.freeze({}); }],
]) {
  test(`window.consentBanner already holding ${name}: nothing thrown into the page, the banner works`, async ({ page }) => {
    await expectWorksDespite(page, init);
  });
}

// A page's own non-array dataLayer is never replaced: the consent_update event is skipped with a
// warning.
test('a page\'s non-array dataLayer is left as it was after a choice', async ({ page }) => {
  await serveFixtureVariant(page, (html) => html.replace('data-config="/hardening/config.json"', 'data-config="/hardening/config.json" data-google-consent-mode="off"'));
  const watcher = await expectWorksDespite(page, () => { window.dataLayer = { page: 'home' }; });
  await page.waitForTimeout(SETTLE_MS);
  expect(await page.evaluate(() => window.dataLayer)).toEqual({ page: 'home' });
  expect(watcher.pageErrors).toEqual([]);
});
