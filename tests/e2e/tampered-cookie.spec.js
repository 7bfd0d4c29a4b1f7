// A consent cookie the banner did not write (edited, truncated, foreign) counts as no consent:
// fail closed, ask again, run nothing.
import { test, expect } from '@playwright/test';
import { Banner, CONFIG, Site, recordTagRequests } from './pages.js';

const TAMPERED = [
  'v1.garbage',
  // Well-formed and for the current version, but the checksum does not match.
  `v1.${CONFIG.version}.analytics~marketing.0.0123456789abcdef.x`,
];

for (const value of TAMPERED) {
  test(`a tampered consent cookie (${value}) shows the banner and runs no tag`, async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: 'consent', value, url: baseURL }]);
    const site = new Site(page);
    const banner = new Banner(page);
    const requests = recordTagRequests(page);

    await site.visit();
    await site.waitUntilReady();
    await banner.expectVisible();
    await site.settle();

    expect(requests.paths).toEqual([]);
    expect(await site.standInTags()).toEqual([]);
    expect(await site.consent()).toBeNull();
  });
}

test('a genuine consent cookie edited to grant marketing shows the banner and runs no tag', async ({ page, context, baseURL }) => {
  // Write a genuine cookie (analytics only), then edit its category list as a visitor could.
  const site = new Site(page);
  await site.visit();
  // The demo's records service answers the receipt by re-issuing the cookie: that answer must
  // have landed before the cookie is edited, or it would put the genuine value back.
  const reissued = page.waitForResponse((r) => new URL(r.url()).pathname === '/consent-records/receipts');
  await page.evaluate(() => window.consentBanner.acceptCategories(['analytics']));
  await expect.poll(async () => (await site.consent())?.accepted).toContain('analytics');
  await reissued;
  const genuine = (await context.cookies()).find((c) => c.name === 'consent').value;
  expect(genuine).toContain('.analytics.');
  await context.clearCookies();
  await context.addCookies([{ name: 'consent', value: genuine.replace('.analytics.', '.analytics~marketing.'), url: baseURL }]);

  const later = await context.newPage();
  const again = new Site(later);
  const requests = recordTagRequests(later);
  await again.visit();
  await again.waitUntilReady();
  await new Banner(later).expectVisible();
  await again.settle();
  expect(requests.paths).toEqual([]);
  expect(await again.standInTags()).toEqual([]);
  expect(await again.consent()).toBeNull();
});
