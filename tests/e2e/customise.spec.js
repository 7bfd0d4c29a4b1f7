// Customise opens the privacy centre: optional categories start unticked, required ones are
// locked on, and saving a partial choice runs exactly the chosen categories' tags.
import { test, expect } from '@playwright/test';
import { ALL_TAGS, ANALYTICS_SCRIPTS, Banner, Site, cookieNames, recordTagRequests } from './pages.js';

test('Customise hides the banner and opens the privacy centre with optional toggles off and required ones locked on', async ({ page }) => {
  const site = new Site(page);
  const banner = new Banner(page);

  await site.visit();
  await banner.expectVisible();
  const centre = await banner.customise();

  for (const id of ['analytics', 'marketing']) {
    await expect(centre.toggleFor(id)).not.toBeChecked();
    await expect(centre.toggleFor(id)).toBeEnabled();
  }
  for (const id of ['essential', 'consent-provider']) {
    await expect(centre.toggleFor(id)).toBeChecked();
    await expect(centre.toggleFor(id)).toBeDisabled();
  }
  // Nothing chosen yet.
  expect(await site.consent()).toBeNull();
});

test('closing the privacy centre opened by Customise brings the banner back, still unanswered', async ({ page }) => {
  const site = new Site(page);
  const banner = new Banner(page);
  const requests = recordTagRequests(page);

  await site.visit();
  const centre = await banner.customise();
  await centre.close();

  await banner.expectVisible();
  await site.settle();
  expect(requests.paths).toEqual([]);
  expect(await site.consent()).toBeNull();
});

test('saving analytics only runs the analytics tags and not the marketing pixel', async ({ page, context }) => {
  const site = new Site(page);
  const banner = new Banner(page);
  const requests = recordTagRequests(page);

  await site.visit();
  const centre = await banner.customise();
  await centre.toggle('analytics', true);
  await centre.save();
  await banner.expectHidden();

  await expect.poll(() => requests.count('at-internet.js')).toBe(1);
  await expect.poll(() => site.standInTags()).toEqual(ALL_TAGS);
  await site.settle();
  for (const file of ANALYTICS_SCRIPTS) expect(requests.count(file), file).toBe(1);
  expect(requests.count('numberly-pixel.gif')).toBe(0);
  expect(await cookieNames(context)).not.toContain('nmb_uid');

  const consent = await site.consent();
  expect(consent.accepted).toContain('analytics');
  expect(consent.accepted).not.toContain('marketing');
  expect(consent.rejected).toEqual(['marketing']);
  const [detail] = await site.changeEvents();
  expect(detail.method).toBe('privacy-centre');
  await expect(site.status()).toHaveText('Your choices have been saved.');
});

test('Escape in the privacy centre opened by Customise gives focus back to Customise', async ({ page }) => {
  const site = new Site(page);
  const banner = new Banner(page);
  await site.visit();
  await banner.customise();
  await page.keyboard.press('Escape');
  await banner.expectVisible();
  await expect(banner.button('customise')).toBeFocused();
});
