// The JS API once ready: queries, choices, showing the banner, and unsubscribing.
import { test, expect } from '@playwright/test';
import { Banner, Site, TAG_COOKIES, cookieNames, withServices } from './pages.js';

test('acceptedCategory follows acceptAll and rejectAll made through the API', async ({ page, context }) => {
  const site = new Site(page);
  const banner = new Banner(page);
  await site.visit();
  await site.waitUntilReady();
  const accepted = (id) => page.evaluate((id) => window.consentBanner.acceptedCategory(id), id);

  expect(await accepted('essential')).toBe(true);
  // afterChoice: not active before a choice.
  expect(await accepted('consent-provider')).toBe(false);
  expect(await accepted('analytics')).toBe(false);

  await page.evaluate(() => window.consentBanner.acceptAll());
  await banner.expectHidden();
  await expect(site.status()).toHaveText('Your choices have been saved.');
  for (const id of ['consent-provider', 'analytics', 'marketing']) expect(await accepted(id), id).toBe(true);
  await expect.poll(() => cookieNames(context)).toContain('nmb_uid');

  await page.evaluate(() => window.consentBanner.rejectAll());
  await expect.poll(async () => (await site.changeEvents()).at(-1)?.withdrawn).toEqual(withServices('business', ['analytics', 'marketing']));
  expect(await accepted('analytics')).toBe(false);
  expect(await accepted('marketing')).toBe(false);
  expect(await accepted('consent-provider')).toBe(true);
  expect((await cookieNames(context)).filter((n) => TAG_COOKIES.includes(n))).toEqual([]);
  expect((await site.changeEvents()).map((d) => d.method)).toEqual(['api', 'api']);
});

test('showBanner() shows the banner again and fires consent:banner-shown', async ({ page }) => {
  const site = new Site(page);
  const banner = new Banner(page);
  await site.visit();
  await banner.acceptAll();
  await site.reload();
  await site.waitUntilReady();
  await site.settle();
  await banner.expectHidden();
  expect(await site.bannerShownEvents()).toBe(0);

  await page.evaluate(() => window.consentBanner.showBanner());
  await banner.expectVisible();
  await expect.poll(() => site.bannerShownEvents()).toBe(1);
});

test('on() returns a function that stops the callback', async ({ page }) => {
  const site = new Site(page);
  await site.visit();
  await site.waitUntilReady();
  await page.evaluate(() => {
    window.__calls = [];
    window.__off = window.consentBanner.on('consent:change', (detail) => window.__calls.push(detail.method));
  });
  await page.evaluate(() => window.consentBanner.acceptAll());
  await expect.poll(() => page.evaluate(() => window.__calls)).toEqual(['api']);

  await page.evaluate(() => window.__off());
  await page.evaluate(() => window.consentBanner.rejectAll());
  await expect.poll(async () => (await site.changeEvents()).length).toBe(2);
  expect(await page.evaluate(() => window.__calls)).toEqual(['api']);
});
