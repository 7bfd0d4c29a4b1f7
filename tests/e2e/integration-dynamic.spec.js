// A gated tag inserted after load (by a single-page app or a tag manager) is gated like the
// others: inert before consent, run once after it, and run at once when inserted after it.
import { test, expect } from '@playwright/test';
import { Banner, SETTLE_MS, recordTagRequests } from './pages.js';
import { INTEGRATION } from './integration-helpers.js';

test('a tag inserted before consent waits for it; one inserted after consent runs at once; each runs once', async ({ page }) => {
  const requests = recordTagRequests(page);
  const banner = new Banner(page);
  const insert = page.locator('[data-demo-insert]');
  const late = () => page.evaluate(() => (window.standInTags ?? []).filter((t) => t === 'late').length);

  await page.goto(INTEGRATION);
  await banner.expectVisible();

  await insert.click();
  await expect(page.locator('[data-demo-inserted]')).not.toBeEmpty();
  await expect(page.locator('script[data-src="/www/tags/late.js"]')).toHaveCount(1);
  await page.waitForTimeout(SETTLE_MS);
  expect(requests.count('late.js'), 'requested before consent').toBe(0);
  expect(await late()).toBe(0);
  expect(await page.locator('script[data-src="/www/tags/late.js"]').getAttribute('type')).toBe('text/plain');

  await banner.acceptAll();
  await expect.poll(() => requests.count('late.js')).toBe(1);
  await expect.poll(late).toBe(1);

  await insert.click();
  await expect.poll(() => requests.count('late.js')).toBe(2);
  await expect.poll(late).toBe(2);
  // Neither runs a second time.
  await page.waitForTimeout(SETTLE_MS);
  expect(requests.count('late.js')).toBe(2);
  expect(await late()).toBe(2);
  expect(requests.count('at-internet.js')).toBe(1);
});

test('a tag inserted after Reject all is never requested', async ({ page }) => {
  const requests = recordTagRequests(page);
  const banner = new Banner(page);
  await page.goto(INTEGRATION);
  await banner.rejectAll();
  await page.locator('[data-demo-insert]').click();
  await expect(page.locator('script[data-src="/www/tags/late.js"]')).toHaveCount(1);
  await page.waitForTimeout(SETTLE_MS);
  expect(requests.paths).toEqual([]);
});
