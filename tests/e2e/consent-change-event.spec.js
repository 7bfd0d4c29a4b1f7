// Page code learns about a choice through consent:change on window.
import { test, expect } from '@playwright/test';
import { Banner, Site, withServices } from './pages.js';

test('Accept all fires consent:change granting consent-provider, analytics and marketing', async ({ page }) => {
  const site = new Site(page);
  await site.visit();
  await new Banner(page).acceptAll();

  await expect.poll(async () => (await site.changeEvents()).length).toBe(1);
  const [detail] = await site.changeEvents();
  // Each category with the entries of its services (category:service).
  expect(detail.granted).toEqual(['consent-provider', ...withServices('business', ['analytics', 'marketing'])]);
  expect(detail.withdrawn).toEqual([]);
  expect(detail.method).toBe('banner');
  // The event carries the same consent getConsent() returns.
  expect(detail.consent).toEqual(await site.consent());
});
