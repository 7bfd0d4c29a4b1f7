// Placeholders and cookie tables without the Yew module (issue 26 point 2): the first-visit
// module renders them from the config, the returning visitor's runtime from the kit the first
// visit cached; the full module is downloaded only for the privacy centre, and when it takes the
// page over its own placeholders and tables replace these (never both).
import { test, expect } from '@playwright/test';
import { Banner, BUSINESS, COOKIE_POLICY, SETTLE_MS } from './pages.js';
import { collectConsoleErrors } from './integration-helpers.js';

const EMBEDS = '/www/embeds.html';
const KIT = 'consent-banner:surfaces';

// The wasm modules and scripts the page view requests, by file name.
function recordModules(page) {
  const files = [];
  page.on('request', (r) => {
    const m = /\/pkg\/([^/?]+)/.exec(new URL(r.url()).pathname);
    if (m) files.push(m[1]);
  });
  return {
    files,
    full: () => files.filter((f) => f === 'consent_banner_bg.wasm' || f === 'consent_banner.js'),
  };
}

const video = (page) => page.locator('.cb-placeholder[data-consent-placeholder="marketing:video"]');
const form = (page) => page.locator('[data-demo-form] > .cb-placeholder');

test('a first visit shows placeholders, and Always allow chooses, without the full module', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const modules = recordModules(page);
  const changes = [];
  await page.exposeFunction('__change', (d) => changes.push(d));
  await page.addInitScript(() => window.addEventListener('consent:change', (e) => window.__change(e.detail)));
  await page.goto(EMBEDS);
  await new Banner(page).expectVisible();
  await expect(video(page)).toBeVisible();
  await expect(form(page)).toBeVisible();
  // Styled by the page part that consent-banner-surfaces.js carries, without the stylesheet's request.
  expect(await video(page).evaluate((p) => getComputedStyle(p).display)).toBe('flex');
  expect(modules.files).not.toContain('consent-banner.css');
  await video(page).locator('[data-consent-accept]').click();
  await expect(video(page)).toHaveCount(0);
  await expect(page.locator('iframe[data-consent-service="video"]')).toBeVisible();
  await expect(page.locator('iframe[data-consent-service="video"]')).toBeFocused();
  await new Banner(page).expectHidden();
  await expect.poll(() => changes.length).toBe(1);
  expect(changes[0].method).toBe('contextual');
  expect(await page.evaluate(() => window.consentBanner.getConsent().accepted)).toEqual(['essential', 'marketing:video']);
  // The other service stays blocked.
  await expect(form(page)).toBeVisible();
  await page.waitForTimeout(SETTLE_MS);
  expect(modules.full()).toEqual([]);
  expect(modules.files).toContain('consent_banner_first_surfaces.wasm');
  expect(modules.files).not.toContain('consent_banner_first.wasm');
  // The kit for the runtime of the next page views.
  const kit = await page.evaluate((key) => localStorage.getItem(key), KIT);
  expect(kit).toMatch(/^k1\n/);
  expect(errors).toEqual([]);
});

test('the cookie policy page: tables on a first visit and a returning one, from the kit', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  let modules = recordModules(page);
  await page.goto(COOKIE_POLICY);
  await new Banner(page).expectVisible();
  const rows = page.locator('[data-consent-cookie-table] table[data-consent-cookies] tbody tr');
  await expect(rows.first()).toBeVisible();
  const first = await page.locator('[data-consent-cookie-table]').evaluateAll((els) => els.map((e) => e.innerText));
  expect(first.every((t) => t.length > 50)).toBe(true);
  await page.getByRole('button', { name: 'Accept all' }).click();
  await new Banner(page).expectHidden();
  await page.waitForTimeout(SETTLE_MS);
  expect(modules.full()).toEqual([]);

  // Returning: the runtime (not the first-visit module, not the full one) shows the same tables.
  page.removeAllListeners('request');
  modules = recordModules(page);
  await page.reload();
  await expect(rows.first()).toBeVisible();
  expect(await page.locator('[data-consent-cookie-table]').evaluateAll((els) => els.map((e) => e.innerText))).toEqual(first);
  await page.waitForTimeout(SETTLE_MS);
  expect(modules.files).toContain('consent_banner_runtime_surfaces.wasm');
  expect(modules.files.filter((f) => f.startsWith('consent_banner_first'))).toEqual([]);
  expect(modules.full()).toEqual([]);
  expect(errors).toEqual([]);
});

test('a kit of another config text is not used: the first-visit module renders and caches anew', async ({ page }) => {
  await page.goto(COOKIE_POLICY);
  await page.getByRole('button', { name: 'Reject all' }).click();
  await new Banner(page).expectHidden();
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), `${KIT}:business`)).toMatch(/^k1\n/);
  // Another hash (a config edited since): the runtime must not trust it.
  await page.evaluate((key) => localStorage.setItem(key, localStorage.getItem(key).replace(/^k1\n[0-9a-z]+/, 'k1\nzzz')), `${KIT}:business`);
  const modules = recordModules(page);
  await page.reload();
  await expect(page.locator('[data-consent-cookie-table="business"] tbody tr').first()).toBeVisible();
  await page.waitForTimeout(SETTLE_MS);
  expect(modules.files).toContain('consent_banner_first_surfaces.wasm');
  expect(modules.full()).toEqual([]);
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), `${KIT}:business`)).not.toMatch(/^k1\nzzz/);
  await new Banner(page).expectHidden();
});

test('a returning visitor\'s Always allow is a contextual choice, made by the full module', async ({ page }) => {
  await page.goto(EMBEDS);
  await page.getByRole('button', { name: 'Reject all' }).click();
  await new Banner(page).expectHidden();
  const changes = [];
  await page.exposeFunction('__change', (d) => changes.push(d));
  await page.addInitScript(() => window.addEventListener('consent:change', (e) => window.__change(e.detail)));
  const modules = recordModules(page);
  await page.reload();
  await expect(video(page)).toBeVisible();
  await expect(form(page)).toBeVisible();
  expect(modules.full()).toEqual([]);
  await form(page).locator('[data-consent-accept]').click();
  await expect(page.locator('[data-demo-form] form[data-demo-form-rendered]')).toBeVisible();
  await expect.poll(() => changes.length).toBe(1);
  expect(changes[0].method).toBe('contextual');
  expect(changes[0].consent.accepted).toEqual(['essential', 'marketing:forms']);
  // One placeholder per blocked element, the full module's now.
  await expect(video(page)).toHaveCount(1);
  await expect(form(page)).toHaveCount(0);
});

test('the privacy centre takes the placeholders over: one per element, and they still work', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await page.goto(EMBEDS);
  await new Banner(page).expectVisible();
  await expect(video(page)).toBeVisible();
  await page.getByRole('button', { name: 'Customise' }).click();
  await expect(page.locator('[data-consent-preferences]')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(video(page)).toHaveCount(1);
  await expect(form(page)).toHaveCount(1);
  await video(page).locator('[data-consent-accept]').click();
  await expect(video(page)).toHaveCount(0);
  await expect(page.locator('iframe[data-consent-service="video"]')).toBeVisible();
  await expect(form(page)).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('a page without placeholders or tables gets the modules without their code', async ({ page }) => {
  let modules = recordModules(page);
  await page.goto(BUSINESS);
  await new Banner(page).expectVisible();
  await page.getByRole('button', { name: 'Accept all' }).click();
  await new Banner(page).expectHidden();
  expect([...new Set(modules.files.filter((f) => f.endsWith('.wasm')))]).toEqual(['consent_banner_first.wasm']);
  page.removeAllListeners('request');
  modules = recordModules(page);
  await page.reload();
  await expect.poll(() => page.evaluate(() => window.consentBanner.ready)).toBe(true);
  await page.waitForTimeout(SETTLE_MS);
  expect([...new Set(modules.files)].sort()).toEqual(['consent-banner-tags.js', 'consent_banner_runtime.wasm']);
});
