// The privacy centre records every choice, newest first, with how it was made, and shows the
// current consent with the id page code sees.
import { test, expect } from '@playwright/test';
import { Banner, PrivacyCentre, Site, categoriesOf } from './pages.js';

const label = (id) => categoriesOf('business').find((c) => c.id === id).label.en;
const ANALYTICS = label('analytics');
const MARKETING = label('marketing');

test('Accept all, then Reject all and Save in the privacy centre give three entries, newest first', async ({ page }) => {
  const site = new Site(page);
  const centre = new PrivacyCentre(page);

  await site.visit();
  await new Banner(page).acceptAll();
  await centre.openViaFooter();
  await expect(centre.history()).toHaveCount(1);
  await centre.rejectAll();
  await centre.openViaFooter();
  await expect(centre.history()).toHaveCount(2);
  await expect(centre.toggleFor('analytics')).not.toBeChecked();
  await centre.toggle('analytics', true);
  await centre.save();

  await centre.openViaFooter();
  const entries = centre.history();
  await expect(entries).toHaveCount(3);
  // Newest first: Save (analytics only), Reject all, Accept all; each names how it was made.
  const [saved, rejected, accepted] = (await entries.allTextContents()).map((t) => t.trim());
  expect(saved).toMatch(/privacy centre$/);
  expect(saved).toContain(ANALYTICS);
  expect(saved).not.toContain(MARKETING);
  expect(rejected).toMatch(/privacy centre$/);
  expect(rejected).not.toContain(ANALYTICS);
  expect(rejected).not.toContain(MARKETING);
  expect(accepted).toMatch(/banner$/);
  expect(accepted).toContain(ANALYTICS);
  expect(accepted).toContain(MARKETING);
  // The history sits in a <details>: a visitor opens it to read it.
  await centre.root.locator('details:has(ol[data-consent-history]) > summary').click();
  await expect(entries.first()).toBeVisible();

  // The current consent, with the id page code sees.
  const consent = await site.consent();
  await expect(centre.consentId()).toHaveText(consent.id);
  await expect(centre.current()).toContainText(ANALYTICS);
  await expect(centre.current()).not.toContainText(MARKETING);
  await expect(centre.current()).toContainText(consent.version);

  // Stored in localStorage under consent_history, one consent id throughout.
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('consent_history')));
  expect(stored.map((e) => e.method)).toEqual(['privacy-centre', 'privacy-centre', 'banner']);
  expect(stored.map((e) => e.accepted)).toEqual([['analytics'], [], ['analytics', 'marketing']]);
  expect(new Set(stored.map((e) => e.id))).toEqual(new Set([consent.id]));
});

test('the history survives a reload, and with no choice yet there is neither consent id nor history', async ({ page }) => {
  const site = new Site(page);
  const centre = new PrivacyCentre(page);

  await site.visit();
  await centre.openViaFooter();
  await expect(centre.current()).toBeVisible();
  await expect(centre.consentId()).toHaveCount(0);
  await expect(centre.history()).toHaveCount(0);
  await centre.acceptAll();

  await site.reload();
  await site.waitUntilReady();
  await centre.openViaFooter();
  await expect(centre.history()).toHaveCount(1);
  await expect(centre.consentId()).toHaveText((await site.consent()).id);
});
