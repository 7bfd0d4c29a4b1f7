// Switching language writes the consent_lang cookie for 365 days and re-renders at once; the
// next page view shows the chosen language.
import { test, expect } from '@playwright/test';
import { Banner, ONE_MINUTE_IN_DAYS, PrivacyCentre, Site, cookieExpiryDays, findCookie } from './pages.js';

async function expectLanguageCookie(context, lang) {
  await expect.poll(async () => (await findCookie(context, 'consent_lang'))?.value).toBe(lang);
  const cookie = await findCookie(context, 'consent_lang');
  expect(cookie.path).toBe('/');
  expect(cookie.sameSite).toBe('Lax');
  expect(Math.abs((await cookieExpiryDays(context, 'consent_lang')) - 365)).toBeLessThanOrEqual(ONE_MINUTE_IN_DAYS);
}

test('choosing a language in the banner stores it for 365 days and the reloaded page shows it', async ({ page, context }) => {
  const site = new Site(page);
  const banner = new Banner(page);
  await site.visit();
  await banner.expectVisible();
  const english = (await banner.title().textContent()).trim();
  expect(await findCookie(context, 'consent_lang')).toBeUndefined();

  await banner.languageSelect().selectOption('de');

  await expectLanguageCookie(context, 'de');
  // Re-rendered in place.
  await expect(banner.root).toHaveAttribute('lang', 'de');
  expect(await site.appLang()).toBe('de');
  await expect(banner.title()).not.toHaveText(english);
  const german = (await banner.title().textContent()).trim();

  const texts = [];
  page.on('request', (r) => { const m = /\/i18n\/([a-z]+)\.json$/.exec(new URL(r.url()).pathname); if (m) texts.push(m[1]); });
  await site.reload();
  await banner.expectVisible();
  await expect(banner.root).toHaveAttribute('lang', 'de');
  await expect(banner.title()).toHaveText(german);
  await expect(banner.languageSelect()).toHaveValue('de');
  // The loader's early download follows the language cookie: the English page's file is not
  // downloaded for nothing.
  expect(texts).toEqual(['de']);
  // A choice of language is not a consent choice.
  expect(await site.consent()).toBeNull();
});

test("choosing a language in the privacy centre re-renders it in place and keeps it open", async ({ page, context }) => {
  const site = new Site(page);
  const centre = new PrivacyCentre(page);
  await site.visit();
  await centre.openViaFooter();
  const english = (await centre.title().textContent()).trim();

  await centre.languageSelect().selectOption('nl');

  await expectLanguageCookie(context, 'nl');
  await centre.expectOpen();
  await expect(centre.title()).not.toHaveText(english);
  expect(await centre.root.evaluate((d) => d.closest('[lang]')?.getAttribute('lang'))).toBe('nl');
  expect(await site.appLang()).toBe('nl');

  // The banner, back after closing, speaks the same language.
  await page.keyboard.press('Escape');
  await centre.expectClosed();
  await expect(new Banner(page).root).toHaveAttribute('lang', 'nl');
});

test('window.consentBanner.setLanguage() switches the language like the select', async ({ page, context }) => {
  const site = new Site(page);
  const banner = new Banner(page);
  await site.visit();
  await site.waitUntilReady();
  await banner.expectVisible();

  expect(await page.evaluate(() => window.consentBanner.setLanguage('fr'))).toBe(true);
  await expectLanguageCookie(context, 'fr');
  await expect(banner.root).toHaveAttribute('lang', 'fr');
  await expect(banner.languageSelect()).toHaveValue('fr');

  // An unconfigured language is refused and changes nothing.
  expect(await page.evaluate(() => window.consentBanner.setLanguage('es'))).toBe(false);
  await expect(banner.root).toHaveAttribute('lang', 'fr');
  expect((await findCookie(context, 'consent_lang')).value).toBe('fr');
});
