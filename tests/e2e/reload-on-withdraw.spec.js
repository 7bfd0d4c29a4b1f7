// reloadOnWithdraw: withdrawing a category reloads the page (for tags that cannot be stopped
// otherwise); granting one does not.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';

const config = JSON.parse(fs.readFileSync(new URL('../../www/config/integration.json', import.meta.url)));

test('withdrawing reloads the page when the config asks, and the withdrawn tags stay off', async ({ page }) => {
  await page.route('**/www/config/integration.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ...config, reloadOnWithdraw: true }) }));
  const loads = [];
  page.on('load', () => loads.push(Date.now()));
  const requests = [];
  page.on('request', (r) => { if (r.url().includes('/www/tags/at-internet.js')) requests.push(r.url()); });

  await page.goto('/www/integration.html');
  await page.locator('[data-consent-banner] [data-consent-action="accept-all"]').click();
  await expect.poll(() => requests.length).toBe(1);
  expect(loads.length).toBe(1); // granting does not reload

  await page.evaluate(() => window.consentBanner.openPreferences());
  await page.locator('[data-consent-preferences] [data-consent-action="reject-all"]').click();
  await expect.poll(() => loads.length).toBe(2);
  await page.waitForTimeout(400);
  expect(requests.length).toBe(1);
  await expect.poll(() => page.evaluate(() => window.consentBanner.getConsent()?.rejected)).toEqual(['analytics', 'marketing']);
});
