// The first layer says that partners are involved and names them (issue 25, CNIL and EDPB): on
// the business pages their three partners, in each of the demo's languages, from the first-visit
// module and the full (Yew) module alike; past four partners, three and "4 more", a button in the
// sentence that opens the privacy centre, where every category names its providers. The 24
// languages' sentences: tests/e2e/languages-eu.spec.js and tests/snapshots/wording.txt.
import { test, expect } from '@playwright/test';
import { Banner, BUSINESS, CONFIG, CONFIG_PATH, setLanguageCookie } from './pages.js';
import { TEXTS, expectNoViolations } from './a11y.js';

/** The built-in partners sentence with this list. */
const sentence = (lang, names) => TEXTS[lang].partners.replace('{providers}', names);
const AND = { en: ' and ', nl: ' en ', fr: ' et ', de: ' und ' };

/** The demo config whose business marketing service also sets cookies of four other providers. */
function withSevenPartners() {
  const config = structuredClone(CONFIG);
  const numberly = config.areas.business.categories.find((c) => c.id === 'marketing').services[0];
  const cookie = numberly.cookies[0];
  for (const provider of ['Meta', 'YouTube', 'Google', 'HubSpot']) {
    numberly.cookies.push({ ...cookie, name: `${provider.toLowerCase()}_id`, provider });
  }
  return JSON.stringify(config);
}

for (const module of ['first-visit', 'full']) {
  test.describe(`${module} module`, () => {
    test.beforeEach(async ({ page }) => {
      // Without the first-visit module the loader hands the page to the full module.
      if (module === 'full') await page.route('**/pkg/consent_banner_first.wasm', (route) => route.abort());
    });

    test('the business banner names its three partners, each once, in every language of the demo', async ({ page, context, baseURL }) => {
      const banner = new Banner(page);
      for (const lang of CONFIG.languages) {
        await context.clearCookies();
        await setLanguageCookie(context, baseURL, lang);
        await page.goto(BUSINESS);
        await banner.expectVisible();
        // Numberly has an analytics and a marketing service; itsme's own cookies are the site's.
        const names = `Numberly, Commanders Act${AND[lang]}AT Internet`;
        await expect(banner.root.locator('#cb-text')).toContainText(` ${sentence(lang, names)}`);
        await expect(banner.morePartners()).toHaveCount(0);
      }
    });

    test('past four partners, "4 more" is a button in the sentence that opens the privacy centre', async ({ page }) => {
      await page.route(`**${CONFIG_PATH}`, (route) => route.fulfill({ contentType: 'application/json', body: withSevenPartners() }));
      const banner = new Banner(page);
      await page.goto(BUSINESS);
      await banner.expectVisible();
      expect(await banner.description()).toContain(sentence('en', 'Numberly, Commanders Act, AT Internet and 4 more'));
      await expect(banner.morePartners()).toHaveText('4 more');
      // A real button, named by its words, before Accept all in the tab order: the language
      // select, "4 more", Accept all.
      expect(await banner.morePartners().evaluate((b) => [b.tagName, b.type])).toEqual(['BUTTON', 'button']);
      const stops = [];
      for (let i = 0; i < 3; i += 1) {
        await page.keyboard.press('Tab');
        stops.push(await page.evaluate(() => {
          let el = document.activeElement;
          while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
          return el?.getAttribute('data-consent-action') ?? el?.tagName.toLowerCase();
        }));
      }
      expect(stops).toEqual(['select', 'partners', 'accept-all']);
      await expectNoViolations(page);
      const centre = await banner.openMorePartners();
      // The privacy centre lists them: every provider is in its cookie tables.
      for (const provider of ['Numberly', 'Commanders Act', 'AT Internet', 'Meta', 'YouTube', 'Google', 'HubSpot']) {
        await expect(centre.root).toContainText(provider);
      }
      // Closed without a choice, the banner comes back, "4 more" in it.
      await page.keyboard.press('Escape');
      await banner.expectVisible();
      await expect(banner.morePartners()).toHaveText('4 more');
    });
  });
}
