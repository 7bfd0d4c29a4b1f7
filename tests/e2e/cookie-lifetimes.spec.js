// The consent cookie lasts a year and the banner cookie a week, first-party, Path=/, SameSite=Lax.
import { test, expect } from '@playwright/test';
import { Banner, CONFIG, ONE_MINUTE_IN_DAYS, Site, cookieExpiryDays, findCookie } from './pages.js';

for (const [name, days] of [['consent', 365], ['consent_banner', 7]]) {
  test(`the ${name} cookie expires in ${days} days, on path / with SameSite=Lax`, async ({ page, context }) => {
    const site = new Site(page);
    const banner = new Banner(page);

    await site.visit();
    await banner.acceptAll();

    await expect.poll(() => findCookie(context, name)).toBeTruthy();
    const cookie = await findCookie(context, name);
    expect(cookie.path).toBe('/');
    expect(cookie.sameSite).toBe('Lax');
    expect(Math.abs((await cookieExpiryDays(context, name)) - days)).toBeLessThanOrEqual(ONE_MINUTE_IN_DAYS);
  });
}

test('the consent_banner cookie holds the banner version', async ({ page, context }) => {
  expect(CONFIG.version).toBe('2026-11-1');
  const site = new Site(page);
  await site.visit();
  await new Banner(page).acceptAll();

  await expect.poll(async () => (await findCookie(context, 'consent_banner'))?.value).toBe(CONFIG.version);
  // The consent cookie carries the same version, which is what getConsent() reports.
  expect((await site.consent()).version).toBe(CONFIG.version);
});
