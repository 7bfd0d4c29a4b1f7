// The banner names exactly the purposes of the page's area (issue #12): the My itsme pages have
// analytics only, so their banner does not speak of marketing; the business pages have both.
// Shown by the first-visit module and, when it is missing, by the full (Yew) module alike.
import { test, expect } from '@playwright/test';
import { Banner, BUSINESS, MY_ITSME, categoriesOf, setLanguageCookie } from './pages.js';
import { TEXTS } from './a11y.js';

/** A category's purpose phrase in the demo config. */
const phrase = (area, id, lang) => categoriesOf(area).find((c) => c.id === id).bannerPurpose[lang];

// What a visitor reads, written out in two languages: the purposes, then the partners
// (tests/e2e/banner-partners.spec.js).
const SAYS = {
  en: {
    [MY_ITSME]: `We use essential cookies to make this site work. With your consent we also use ${phrase('my-itsme', 'account-analytics', 'en')}. You can accept or reject them, choose per category, and withdraw your consent at any time. Some of these cookies are set by our partners, who receive data about your visit: Google.`,
    [BUSINESS]: `We use essential cookies to make this site work. With your consent we also use analytical cookies to improve it and ${phrase('business', 'marketing', 'en')}. You can accept or reject them, choose per category, and withdraw your consent at any time. Some of these cookies are set by our partners, who receive data about your visit: Numberly, Commanders Act and AT Internet.`,
  },
  nl: {
    [MY_ITSME]: `We gebruiken essentiële cookies om deze site te laten werken. Met uw toestemming gebruiken we ook ${phrase('my-itsme', 'account-analytics', 'nl')}. U kunt ze aanvaarden of weigeren, per categorie kiezen en uw toestemming op elk moment intrekken. Sommige van deze cookies worden geplaatst door onze partners, die gegevens over uw bezoek ontvangen: Google.`,
    [BUSINESS]: `We gebruiken essentiële cookies om deze site te laten werken. Met uw toestemming gebruiken we ook analytische cookies om de site te verbeteren en ${phrase('business', 'marketing', 'nl')}. U kunt ze aanvaarden of weigeren, per categorie kiezen en uw toestemming op elk moment intrekken. Sommige van deze cookies worden geplaatst door onze partners, die gegevens over uw bezoek ontvangen: Numberly, Commanders Act en AT Internet.`,
  },
};

for (const module of ['first-visit', 'full']) {
  test.describe(`${module} module`, () => {
    test.beforeEach(async ({ page }) => {
      // Without the first-visit module the loader hands the page to the full module.
      if (module === 'full') await page.route('**/pkg/consent_banner_first.wasm', (route) => route.abort());
    });

    for (const lang of ['en', 'nl']) {
      test(`${lang}: My itsme names its analytics only, business its analytics and marketing`, async ({ page, context, baseURL }) => {
        await setLanguageCookie(context, baseURL, lang);
        const wasm = [];
        page.on('request', (r) => wasm.push(new URL(r.url()).pathname));
        const banner = new Banner(page);
        for (const path of [MY_ITSME, BUSINESS]) {
          await page.goto(path);
          await banner.expectVisible();
          // The description is the text alone: the documents' links have their own row.
          expect(await banner.description()).toBe(SAYS[lang][path]);
        }
        // Which module drew the banner: the Yew module's wasm comes only when it has to.
        expect(wasm.includes('/pkg/consent_banner_bg.wasm')).toBe(module === 'full');
      });
    }
  });
}

for (const lang of ['fr', 'de']) {
  test(`${lang}: only the business banner speaks of marketing`, async ({ page, context, baseURL }) => {
    await setLanguageCookie(context, baseURL, lang);
    const banner = new Banner(page);
    await page.goto(MY_ITSME);
    await banner.expectVisible();
    const mine = await banner.description();
    expect(mine).toContain(phrase('my-itsme', 'account-analytics', lang));
    // "Marketing" is the same word in both (Marketing-Cookies, cookies marketing).
    expect(mine).not.toMatch(/marketing/i);
    await page.goto(BUSINESS);
    await banner.expectVisible();
    const business = await banner.description();
    expect(business).toContain(TEXTS[lang].purposeAnalytics);
    expect(business).toContain(phrase('business', 'marketing', lang));
  });
}
