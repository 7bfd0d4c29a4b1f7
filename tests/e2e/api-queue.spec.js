// Calls made to window.consentBanner before the wasm is ready are queued by the loader and
// replayed in order once it is: none is lost.
import { test, expect } from '@playwright/test';
import { ALL_TAGS, ANALYTICS_SCRIPTS, Banner, Site, recordTagRequests } from './pages.js';

const WASM_DELAY_MS = 1_000;

test('acceptCategories and on() called before the wasm is ready take effect once it is', async ({ page }) => {
  // Hold the wasm back, so the page's calls certainly reach the loader's stubs.
  await page.route('**/pkg/consent_banner_bg.wasm', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, WASM_DELAY_MS));
    await route.continue();
  });
  // Right after DOMContentLoaded (the deferred loader has run, the wasm is still on its way).
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const api = window.consentBanner;
      window.__early = { ready: api.ready === true, mounted: !!document.querySelector('[data-consent-root]') };
      window.__off = api.on('change', (detail) => { window.__got = detail; });
      api.acceptCategories(['analytics']);
    });
  });
  const site = new Site(page);
  const requests = recordTagRequests(page);
  await site.visit();

  // The calls really were made before the component existed.
  expect(await page.evaluate(() => window.__early)).toEqual({ ready: false, mounted: false });
  expect(await page.evaluate(() => typeof window.__off)).toBe('function');

  await expect.poll(() => site.standInTags(), { timeout: 10_000 }).toEqual(ALL_TAGS);
  await expect.poll(() => page.evaluate(() => window.__got ?? null)).not.toBeNull();
  const got = await page.evaluate(() => window.__got);
  expect(got.granted).toContain('analytics');
  expect(got.granted).not.toContain('marketing');
  expect(got.method).toBe('api');

  const consent = await site.consent();
  expect(consent.accepted).toContain('analytics');
  expect(consent.accepted).not.toContain('marketing');
  expect(got.consent).toEqual(consent);
  await site.settle();
  for (const file of ANALYTICS_SCRIPTS) expect(requests.count(file), file).toBe(1);
  expect(requests.count('numberly-pixel.gif')).toBe(0);
  // The choice was made: no banner asks for it again.
  await new Banner(page).expectHidden();
});
