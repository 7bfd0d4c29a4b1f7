// axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation with the ask banner, the privacy centre
// (every cookie table open), the inform notice and the cookie-policy page's tables on screen, in
// each language and colour scheme. The demo pages are clean too, so each audit covers the whole
// page; axe analyses the component's open shadow root through its host (proved first).
import { test, expect } from '@playwright/test';
import { Banner, BUSINESS, COOKIE_POLICY, Notice, PRIVATE } from './pages.js';
import { LANGUAGES, SCHEMES, animationsDone, axeViolations, expectNoViolations, open } from './a11y.js';

test('axe audits inside the component\'s shadow root', async ({ page }) => {
  await page.goto(BUSINESS);
  await new Banner(page).expectVisible();
  // A button without a name, planted in the shadow root, must be reported there.
  await page.evaluate(() => {
    const planted = document.createElement('button');
    planted.id = 'planted';
    document.querySelector('[data-consent-root]').shadowRoot.querySelector('[data-consent-banner]').append(planted);
  });
  // Both ways the specs audit: the whole document, and the component through its host.
  for (const include of [undefined, [['[data-consent-root]']]]) {
    const violations = await axeViolations(page, include);
    const targets = violations.find((v) => v.id === 'button-name')?.nodes.map((n) => n.target);
    // A target inside a shadow root is the host's selector, then the selector inside it.
    expect(targets).toEqual([[[expect.stringContaining('data-consent-root'), '#planted']]]);
  }
});

for (const scheme of SCHEMES) {
  for (const lang of LANGUAGES) {
    test.describe(`${lang}, ${scheme}`, () => {
      test('the ask banner has no WCAG A/AA violation', async ({ page, context, baseURL }) => {
        await open(page, context, baseURL, BUSINESS, { lang, scheme });
        const banner = new Banner(page);
        await banner.expectVisible();
        await expect(banner.root).toHaveAttribute('lang', lang);
        await animationsDone(page);
        await expectNoViolations(page);
      });

      test('the privacy centre, every cookie table open, has no WCAG A/AA violation', async ({ page, context, baseURL }) => {
        await open(page, context, baseURL, BUSINESS, { lang, scheme });
        const banner = new Banner(page);
        await banner.expectVisible();
        const centre = await banner.customise();
        const summaries = centre.root.locator('details > summary');
        expect(await summaries.count()).toBeGreaterThan(0);
        for (const summary of await summaries.all()) await summary.click();
        await expect(centre.root.locator('details:not([open])')).toHaveCount(0);
        await expect(centre.tables().first()).toBeVisible();
        await animationsDone(page);
        await expectNoViolations(page);
      });

      test('the inform notice has no WCAG A/AA violation', async ({ page, context, baseURL }) => {
        await open(page, context, baseURL, PRIVATE, { lang, scheme });
        const notice = new Notice(page);
        await notice.expectVisible();
        await expect(notice.root).toHaveAttribute('lang', lang);
        await animationsDone(page);
        await expectNoViolations(page);
      });

      test('the cookie-policy tables have no WCAG A/AA violation', async ({ page, context, baseURL }) => {
        await open(page, context, baseURL, COOKIE_POLICY, { lang, scheme });
        await expect(page.locator('[data-consent-cookie-table] table').first()).toBeVisible();
        await expect(page.locator('[data-consent-cookie-table] [lang]').first()).toHaveAttribute('lang', lang);
        // The tables alone, then the page with them (and its banner).
        await expectNoViolations(page, ['[data-consent-cookie-table]']);
        await new Banner(page).expectVisible();
        await animationsDone(page);
        await expectNoViolations(page);
      });
    });
  }
}

for (const scheme of SCHEMES) {
  test(`the contextual-consent placeholder has no WCAG A/AA violation (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/www/integration.html');
    const placeholder = page.locator('.cb-placeholder');
    await expect(placeholder.first()).toBeVisible();
    await expectNoViolations(page, ['.cb-placeholder']);
  });
}
