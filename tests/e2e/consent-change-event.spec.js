// Page code learns about a choice through consent:change on window.
import { test, expect } from '@playwright/test';
import { Banner, Site } from './pages.js';

test('Accept all fires consent:change granting consent-provider, analytics and marketing', async ({ page }) => {
  const site = new Site(page);
  await site.visit();
  await new Banner(page).acceptAll();

  await expect.poll(async () => (await site.changeEvents()).length).toBe(1);
  const [detail] = await site.changeEvents();
  expect(detail.granted).toEqual(['consent-provider', 'analytics', 'marketing']);
  expect(detail.withdrawn).toEqual([]);
  expect(detail.method).toBe('banner');
  // The event carries the same consent getConsent() returns.
  expect(detail.consent).toEqual(await site.consent());
});
