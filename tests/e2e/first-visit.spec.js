// A first visit to an ask-mode page shows the banner with its three first-layer choices.
import { test, expect } from '@playwright/test';
import { Banner, PrivacyCentre, Site } from './pages.js';

test('a first visit shows the banner in ask mode with accept, reject and customise', async ({ page }) => {
  const site = new Site(page);
  const banner = new Banner(page);

  await site.visit();

  await banner.expectVisible();
  for (const action of ['accept-all', 'reject-all', 'customise']) {
    await expect(banner.button(action)).toBeVisible();
  }
  // The privacy centre stays closed until asked for.
  await new PrivacyCentre(page).expectClosed();
  await expect.poll(() => site.bannerShownEvents()).toBe(1);
  // Nothing answered yet: page code must see no consent.
  expect(await site.consent()).toBeNull();
});
