// A panic inside the wasm is logged by the panic hook and leaves the page usable: nothing more
// is activated on that page view, choices are still stored, and the page's own links keep working.
import { test, expect } from '@playwright/test';
import { Banner, PrivacyCentre, Site, recordTagRequests, BUSINESS } from './pages.js';

test('a panic is logged on the console, stops the component and leaves the page usable', async ({ page }) => {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const requests = recordTagRequests(page);
  const site = new Site(page);
  await site.visit(BUSINESS);
  await new Banner(page).expectVisible();
  // The full module takes the banner over from the first-visit module (Customise, then back).
  await new Banner(page).customise();
  await new PrivacyCentre(page).expectOpen();
  await page.keyboard.press('Escape');
  await new Banner(page).expectVisible();

  // The module is the one the loader imported (same URL, same instance).
  const thrown = await page.evaluate(async () => {
    const m = await import('/pkg/consent_banner.js');
    try { m.__selfTestPanic(); return null; } catch (e) { return String(e); }
  });
  expect(thrown).toMatch(/unreachable|RuntimeError/);
  await expect.poll(() => errors.find((e) => e.startsWith('consent-banner: internal error'))).toContain('self-test panic');

  // After a panic nothing more is activated on this page view, even on Accept all.
  await page.locator('[data-consent-banner] [data-consent-action="accept-all"]').click().catch(() => {});
  await page.waitForTimeout(400);
  expect(requests.paths).toEqual([]);
  requests.reset();

  // The page itself still works, and the choice made after the panic was stored, not lost:
  // the next page view (a fresh instance) acts on it.
  await page.getByRole('link', { name: 'For me' }).click();
  await expect(page).toHaveURL(/private\.html$/);
  await page.getByRole('link', { name: 'For business' }).click();
  await expect(page).toHaveURL(/business\.html$/);
  await expect.poll(() => requests.count('at-internet.js')).toBe(1);
  await expect(page.locator('[data-consent-banner]')).toHaveCount(0);
});
