// Global Privacy Control: when the browser sends it, the categories of gpcRefuses (default
// ["marketing"]) start refused and the banner says why; an explicit Accept all still wins,
// and the record of that choice says GPC was on.
import { test, expect } from '@playwright/test';
import { BUSINESS, Banner, PrivacyCentre, Site } from './pages.js';
import { INTEGRATION, receiptsFor, sendGlobalPrivacyControl } from './integration-helpers.js';

test('with GPC the banner and the privacy centre say marketing starts refused; Accept all still accepts it, recorded with gpc', async ({ page }) => {
  await page.addInitScript(sendGlobalPrivacyControl);
  const site = new Site(page);
  const banner = new Banner(page);
  const centre = new PrivacyCentre(page);

  await site.visit(BUSINESS);
  expect(await page.evaluate(() => navigator.globalPrivacyControl)).toBe(true);
  await banner.expectVisible();
  const notice = banner.root.locator('[data-consent-gpc]');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Global Privacy Control');
  await expect(notice).toContainText(/marketing/i);
  await expect(notice).not.toContainText(/analytic/i);

  await banner.customise();
  await expect(centre.root.locator('[data-consent-gpc]')).toContainText(/marketing/i);
  await expect(centre.toggleFor('marketing')).not.toBeChecked();
  await centre.close();

  await banner.expectVisible();
  await banner.acceptAll();
  const consent = await site.consent();
  expect(consent.accepted).toContain('marketing');
  expect(consent.rejected).toEqual([]);
  const history = await page.evaluate(() => JSON.parse(localStorage.getItem('consent_history')));
  expect(history[0]).toMatchObject({ id: consent.id, method: 'banner', gpc: true });
  expect(history[0].accepted).toContain('marketing');
});

test('with GPC an explicit Accept all on integration.html posts a receipt with gpc: true', async ({ page, request }) => {
  await page.addInitScript(sendGlobalPrivacyControl);
  const banner = new Banner(page);
  await page.goto(INTEGRATION);
  await expect(banner.root.locator('[data-consent-gpc]')).toContainText(/marketing/i);
  await banner.acceptAll();
  const consent = await page.evaluate(() => window.consentBanner.getConsent());
  await expect.poll(async () => (await receiptsFor(request, consent.id)).length).toBe(1);
  const [receipt] = await receiptsFor(request, consent.id);
  expect(receipt).toMatchObject({ gpc: true, method: 'banner', accepted: ['analytics', 'marketing'], rejected: [] });
});

test('without GPC there is no GPC notice, in the banner or the privacy centre', async ({ page }) => {
  const site = new Site(page);
  const banner = new Banner(page);
  await site.visit(BUSINESS);
  await banner.expectVisible();
  await expect(page.locator('[data-consent-gpc]')).toHaveCount(0);
  const centre = await banner.customise();
  await expect(centre.toggleFor('marketing')).toBeVisible();
  await expect(page.locator('[data-consent-gpc]')).toHaveCount(0);
  await centre.acceptAll();
  const history = await page.evaluate(() => JSON.parse(localStorage.getItem('consent_history')));
  expect(history[0]).toMatchObject({ method: 'privacy-centre', gpc: false });
});
