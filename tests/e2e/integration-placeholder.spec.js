// Contextual consent: a gated iframe shows a placeholder naming what it is (its title) and its
// provider, whose "Always allow" accepts its category only and loads it (the embedded-content
// demo's placeholders.spec.js has "Load once", widgets and services).
import { test, expect } from '@playwright/test';
import { Banner, SETTLE_MS, recordTagRequests } from './pages.js';
import { INTEGRATION, receiptsFor } from './integration-helpers.js';

test('the placeholder names the content and its provider; Always allow accepts marketing only and loads the video', async ({ page, request }) => {
  const requests = recordTagRequests(page);
  const banner = new Banner(page);
  const iframe = page.locator('iframe[data-consent-category="marketing"]');
  const placeholder = page.locator('.cb-placeholder');

  await page.goto(INTEGRATION);
  await banner.expectVisible();
  await expect(placeholder).toBeVisible();
  await expect(placeholder).toHaveCount(1);
  await expect(placeholder).toHaveAttribute('data-consent-placeholder', 'marketing');
  await expect(placeholder.locator('.cb-placeholder-text')).toHaveText('Product video — loading it lets VideoHost set cookies.');
  // It stands right before the iframe it replaces, which has no src and is hidden.
  expect(await placeholder.evaluate((p) => p.nextElementSibling?.tagName)).toBe('IFRAME');
  expect(await iframe.getAttribute('src')).toBeNull();
  await expect(iframe).toBeHidden();
  await page.waitForTimeout(SETTLE_MS);
  expect(requests.paths).toEqual([]);

  await placeholder.locator('button[data-consent-accept="marketing"]').click();

  await expect.poll(() => requests.count('video.html')).toBe(1);
  await expect(iframe).toHaveAttribute('src', '/www/tags/video.html');
  await expect(iframe).toBeVisible();
  await expect(placeholder).toHaveCount(0);
  await banner.expectHidden();
  const consent = await page.evaluate(() => window.consentBanner.getConsent());
  expect(consent.accepted).toContain('marketing');
  expect(consent.accepted).not.toContain('analytics');
  expect(consent.rejected).toEqual(['analytics']);
  expect(requests.count('at-internet.js')).toBe(0);

  await expect.poll(async () => (await receiptsFor(request, consent.id)).length).toBe(1);
  const [receipt] = await receiptsFor(request, consent.id);
  expect(receipt).toMatchObject({ method: 'contextual', accepted: ['marketing'], rejected: ['analytics'] });

  // Accepted for good: a reload shows the video at once, with no placeholder and no banner.
  requests.reset();
  await page.reload();
  await expect.poll(() => requests.count('video.html')).toBe(1);
  await expect.poll(() => page.evaluate(() => window.consentBanner.ready)).toBe(true);
  await expect(placeholder).toHaveCount(0);
  await banner.expectHidden();
});
