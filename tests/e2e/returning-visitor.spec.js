// A returning visitor who accepted sees no banner and gets the accepted tags straight away.
import { test, expect } from '@playwright/test';
import { ALL_TAGS, Banner, Site, recordTagRequests } from './pages.js';

test('a returning visitor sees no banner, gets the accepted tags and keeps the consent id', async ({ page, context }) => {
  const first = new Site(page);
  await first.visit();
  await new Banner(page).acceptAll();
  await expect.poll(() => first.standInTags()).toEqual(ALL_TAGS);
  const given = await first.consent();
  expect(given.id).toMatch(/^[0-9a-f]{16}$/);

  // Same context (same cookie jar), new page: a later visit.
  const later = await context.newPage();
  const site = new Site(later);
  const banner = new Banner(later);
  const requests = recordTagRequests(later);
  await site.visit();
  await site.waitUntilReady();

  // The banner is mounted synchronously at start-up, so by consent:ready it would be there.
  await banner.expectHidden();
  await expect.poll(() => site.standInTags()).toEqual(ALL_TAGS);
  await expect.poll(() => requests.count('numberly-pixel.gif')).toBe(1);
  expect(requests.count('at-internet.js')).toBe(1);

  const consent = await site.consent();
  expect(consent).not.toBeNull();
  expect(consent.id).toBe(given.id);
  expect(consent.time).toBe(given.time);
  expect(consent.accepted).toEqual(given.accepted);
});
