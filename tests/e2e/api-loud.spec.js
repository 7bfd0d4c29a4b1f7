// A new user's mistakes are loud and change nothing: an unknown id given to the API returns
// false and names the known ones, whichever module answers (first visit, returning visitor,
// full module); a gate naming nothing is warned about once; a config that cannot be used fires
// consent:error with every path and leaves `ready` false; with ?consent-debug a notice shows it.
// And the README's queue snippet lets an inline script right after an async or defer loader
// call the API.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { Banner, Site, BUSINESS } from './pages.js';
import { FIXTURE, expectConsoleMessage, minimalConfig, serveConfig, watch } from './hardening-helpers.js';

/** The queue snippet, exactly as the README gives it. */
const SNIPPET = (() => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const at = readme.indexOf('**Calling it from an inline script.**');
  const block = /```html\n(<script>window\.consentBanner=[\s\S]*?<\/script>)\n```/.exec(readme.slice(at));
  if (!block) throw new Error('the README has no queue snippet');
  return block[1];
})();

/** Calls the API as page code would, and what it returned. */
function call(page, name, ...args) {
  return page.evaluate(([n, a]) => window.consentBanner[n](...a), [name, args]);
}

async function consentCookie(page) {
  const cookies = await page.context().cookies();
  return cookies.find((c) => c.name === 'consent')?.value ?? null;
}

test('first visit: unknown categories and services change nothing, return false and name the known ids', async ({ page }) => {
  const watcher = watch(page);
  const site = new Site(page);
  await site.visit(BUSINESS);
  await new Banner(page).expectVisible();

  expect(await call(page, 'acceptService', ['nonexistent'], 'analytics')).toBe(false);
  await expectConsoleMessage(watcher, 'warning',
    /acceptService: unknown service "nonexistent" of category "analytics" \(its services: numberly, commanders-act, at-internet\); nothing changed/);
  expect(await call(page, 'acceptCategories', ['typo'])).toBe(false);
  await expectConsoleMessage(watcher, 'warning',
    /acceptCategories: unknown category "typo" \(this page's categories: essential, consent-provider, analytics, marketing\)/);
  expect(await call(page, 'acceptService', 'all', 'analytcs')).toBe(false);
  await expectConsoleMessage(watcher, 'warning', /acceptService: unknown category "analytcs"/);
  // Nothing was chosen: no consent cookie, the banner still asks.
  expect(await consentCookie(page)).toBeNull();
  await new Banner(page).expectVisible();

  // A known id still works, and says so.
  expect(await call(page, 'acceptService', ['numberly'], 'analytics')).toBe(true);
  await expect.poll(() => site.consent()).toMatchObject({ accepted: expect.arrayContaining(['analytics:numberly']) });
  expect(watcher.pageErrors).toEqual([]);
});

test('returning visitor and full module: an unknown id withdraws nothing', async ({ page }) => {
  const watcher = watch(page);
  const site = new Site(page);
  await site.visit(BUSINESS);
  await new Banner(page).acceptAll();
  await expect.poll(() => consentCookie(page)).not.toBeNull();
  const before = await consentCookie(page);

  // The runtime serves this page view (a cached policy and a stored choice).
  await site.reload();
  await site.waitUntilReady();
  expect(await call(page, 'acceptService', ['nonexistent'], 'analytics')).toBe(false);
  expect(await call(page, 'acceptCategories', ['typo'])).toBe(false);
  await expectConsoleMessage(watcher, 'warning', /acceptCategories: unknown category "typo"/);
  await page.waitForTimeout(300);
  expect(await consentCookie(page)).toBe(before);
  expect(await page.evaluate(() => window.consentBanner.__full === true)).toBe(false);

  // The full module (the privacy centre loaded it) answers the same way.
  await page.evaluate(() => window.consentBanner.openPreferences());
  await expect.poll(() => page.evaluate(() => window.consentBanner.__full === true), { timeout: 10_000 }).toBe(true);
  expect(await call(page, 'acceptService', ['nonexistent'], 'analytics')).toBe(false);
  expect(await call(page, 'acceptCategories', 'marketting')).toBe(false);
  await expectConsoleMessage(watcher, 'warning', /acceptCategories: unknown category "marketting"/);
  expect(await consentCookie(page)).toBe(before);
  const consent = await site.consent();
  expect(consent.accepted).toEqual(expect.arrayContaining(['analytics', 'marketing']));
  expect(watcher.pageErrors).toEqual([]);
});

test('a gate naming a category or service the config lacks is warned about once per name', async ({ page }) => {
  const watcher = watch(page);
  await serveConfig(page, minimalConfig());
  await page.route(`**${FIXTURE}`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('</body>', `
  <script type="text/plain" data-consent-category="analytcs">window.__typo = true;</script>
  <script type="text/plain" data-consent-category="analytcs">window.__typo = true;</script>
  <script type="text/plain" data-consent-category="analytics" data-consent-service="nope">window.__nope = true;</script>
</body>`);
    await route.fulfill({ response, body: html });
  });
  await page.goto(FIXTURE);
  await expectConsoleMessage(watcher, 'warning',
    /a tag gated with data-consent-category="analytcs" never runs: this page's config has no such category \(it has essential, analytics, marketing\)/);
  await expectConsoleMessage(watcher, 'warning',
    /a tag gated with data-consent-service="nope" never runs: category "analytics" has no such service \(it has none\)/);
  await new Banner(page).acceptAll();
  await page.waitForTimeout(300);
  expect(watcher.ours('warning').filter((w) => w.includes('"analytcs"'))).toHaveLength(1);
  expect(await page.evaluate(() => [window.__typo ?? false, window.__nope ?? false])).toEqual([false, false]);
});

test('a config that cannot be used fires consent:error with every path; ready stays false', async ({ page }) => {
  const config = minimalConfig();
  config.version = 7;
  config.categories[1].requried = true;
  await serveConfig(page, config);
  await page.addInitScript(() => {
    window.addEventListener('consent:error', (e) => { window.__errors = e.detail.errors; });
  });
  await page.goto(FIXTURE);
  await expect.poll(() => page.evaluate(() => window.__errors ?? null)).not.toBeNull();
  const errors = await page.evaluate(() => window.__errors);
  expect(errors.map((e) => e.path).sort()).toEqual(['categories[1].requried', 'version']);
  expect(errors.every((e) => typeof e.message === 'string' && e.message.length > 0)).toBe(true);
  expect(await page.evaluate(() => window.consentBanner.ready)).toBe(false);
  // No notice without diagnostics: visitors never see it.
  await expect(page.locator('[data-consent-debug]')).toHaveCount(0);
});

test('a config that cannot be fetched fires consent:error too', async ({ page }) => {
  await serveConfig(page, 'gone', { status: 404 });
  await page.addInitScript(() => {
    window.addEventListener('consent:error', (e) => { window.__errors = e.detail.errors; });
  });
  await page.goto(FIXTURE);
  await expect.poll(() => page.evaluate(() => window.__errors ?? null)).not.toBeNull();
  const errors = await page.evaluate(() => window.__errors);
  expect(errors).toHaveLength(1);
  expect(errors[0].path).toBe('');
  expect(errors[0].message).toMatch(/could not load the config from "\/hardening\/config\.json": HTTP 404/);
  expect(await page.evaluate(() => window.consentBanner.ready)).toBe(false);
});

test('with ?consent-debug, the developer sees the errors on the page and the lint on the console', async ({ page }) => {
  const watcher = watch(page);
  const broken = minimalConfig();
  broken.version = 7;
  await serveConfig(page, broken);
  await page.goto(FIXTURE + '?consent-debug');
  const notice = page.locator('[data-consent-debug]');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('version: expected a string');

  // A config that runs but fails the lint (consent kept 400 days) says so in debug mode.
  await page.unrouteAll();
  const lint = minimalConfig();
  lint.cookieSettings = { consent: { days: 400 } };
  await serveConfig(page, lint);
  await page.goto(FIXTURE + '?consent-debug');
  await expectConsoleMessage(watcher, 'warning', /config lint error \(check fails\): cookieSettings\.consent\.days: consent is kept 400 days/);
  await new Banner(page).expectVisible();
});

for (const how of ['async', 'defer']) {
  test(`the README's queue snippet lets an inline script call the API right after a ${how} loader`, async ({ page }) => {
    const watcher = watch(page);
    await serveConfig(page, minimalConfig());
    await page.route(`**${FIXTURE}`, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(
        '<script src="/www/consent-banner.js" data-config="/hardening/config.json" defer></script>',
        `<script src="/www/consent-banner.js" data-config="/hardening/config.json" ${how}></script>
  ${SNIPPET}
  <script>
    window.__ready = 0;
    window.__off = consentBanner.on('ready', function () { window.__ready += 1; });
    consentBanner.on('change', function (d) { window.__granted = d.granted; });
    window.__early = consentBanner.getConsent();
    consentBanner.acceptCategories(['analytics']);
  </script>`);
      await route.fulfill({ response, body: html });
    });
    await page.goto(FIXTURE);
    await expect.poll(() => page.evaluate(() => window.__granted ?? null), { timeout: 10_000 }).toEqual(['analytics']);
    expect(await page.evaluate(() => window.__ready)).toBe(1);
    expect(await page.evaluate(() => [window.__early, typeof window.__off])).toEqual([null, 'function']);
    await expect.poll(() => page.evaluate(() => window.consentBanner.ready)).toBe(true);
    expect(watcher.pageErrors).toEqual([]);
  });
}
