// The privacy centre opens from every page's footer link, from the JS API and from the cookie
// policy's button; it takes focus, and Escape closes it and gives focus back to its opener.
import { test, expect } from '@playwright/test';
import { ALL_PAGES, AREA_PAGES, CONFIG, COOKIE_POLICY, PrivacyCentre, Site, categoriesOf } from './pages.js';

for (const { path, area } of ALL_PAGES) {
  test(`the footer link opens the privacy centre on ${path}; Escape closes it and refocuses the link`, async ({ page }) => {
    const site = new Site(page);
    const centre = new PrivacyCentre(page);
    await site.visit(path);

    await centre.openViaFooter();
    // The footer link did not navigate (it points to the policy page without the component).
    expect(new URL(page.url()).pathname).toBe(path);
    // It shows this page's area: one panel per category of the area.
    await expect(centre.panels()).toHaveCount(categoriesOf(area).length);
    await expect.poll(() => centre.hasFocus(), { message: 'focus is inside the dialog' }).toBe(true);
    // The banner or notice never shows at the same time as the dialog.
    await expect(page.locator('[data-consent-banner]')).toHaveCount(0);

    await page.keyboard.press('Escape');
    await centre.expectClosed();
    await expect(site.footerLink()).toBeFocused();
  });
}

test('window.consentBanner.openPreferences() opens the privacy centre with focus inside', async ({ page }) => {
  const site = new Site(page);
  const centre = new PrivacyCentre(page);
  await site.visit();
  await site.waitUntilReady();

  await centre.openViaApi();
  await expect.poll(() => centre.hasFocus()).toBe(true);
  await page.keyboard.press('Escape');
  await centre.expectClosed();
});

test("the cookie policy page's button opens the privacy centre and gets focus back on Escape", async ({ page }) => {
  const site = new Site(page);
  const centre = new PrivacyCentre(page);
  await site.visit(COOKIE_POLICY);
  await site.waitUntilMounted();

  const button = page.locator('main button[data-consent-open]');
  await button.click();
  await centre.expectOpen();
  await expect.poll(() => centre.hasFocus()).toBe(true);
  await page.keyboard.press('Escape');
  await centre.expectClosed();
  await expect(button).toBeFocused();
});

test('the close button closes the privacy centre without a choice', async ({ page }) => {
  const site = new Site(page);
  const centre = new PrivacyCentre(page);
  await site.visit();
  await centre.openViaFooter();
  await centre.close();
  await expect(site.footerLink()).toBeFocused();
  expect(await site.consent()).toBeNull();
  expect(await site.changeEvents()).toEqual([]);
});

for (const { path, area } of AREA_PAGES.filter(({ area }) => CONFIG.areas[area].mode === 'inform')) {
  test(`on the inform-only ${area} area the privacy centre lists the cookies but offers no choice`, async ({ page }) => {
    const site = new Site(page);
    const centre = new PrivacyCentre(page);
    await site.visit(path);
    await centre.openViaFooter();

    for (const action of ['accept-all', 'reject-all', 'save']) await expect(centre.button(action)).toHaveCount(0);
    await expect(centre.button('close')).toBeVisible();
    for (const { id } of categoriesOf(area)) {
      await expect(centre.toggleFor(id)).toBeChecked();
      await expect(centre.toggleFor(id)).toBeDisabled();
    }
  });
}

test('on an ask area the privacy centre offers Accept all, Reject all and Save, with toggles reflecting the stored consent', async ({ page }) => {
  const site = new Site(page);
  const centre = new PrivacyCentre(page);
  await site.visit();
  await page.evaluate(() => window.consentBanner.acceptCategories(['marketing']));
  await expect.poll(async () => (await site.consent())?.accepted).toContain('marketing');

  await centre.openViaFooter();
  for (const action of ['accept-all', 'reject-all', 'save', 'close']) await expect(centre.button(action)).toBeVisible();
  for (const id of ['essential', 'consent-provider']) {
    await expect(centre.toggleFor(id)).toBeChecked();
    await expect(centre.toggleFor(id)).toBeDisabled();
    await expect(centre.toggleFor(id)).toHaveAttribute('role', 'switch');
  }
  await expect(centre.toggleFor('marketing')).toBeChecked();
  await expect(centre.toggleFor('analytics')).not.toBeChecked();
  await expect(centre.toggleFor('analytics')).toBeEnabled();
});
