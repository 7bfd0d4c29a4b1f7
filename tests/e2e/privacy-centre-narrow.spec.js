// The privacy centre on a narrow phone (issue 25 point 4): from 320 to 390 px the close button
// stays on the title's row (the language select goes under them), and the cookie tables become
// cards of "label value" lines: nothing scrolls sideways, no column (Lifetime) is cut off. In
// languages with long words: German (the demo's business area) and Finnish (the integration page).
import { test, expect } from '@playwright/test';
import { Banner, BUSINESS, PrivacyCentre } from './pages.js';
import { expectNoViolations } from './a11y.js';
import { expectNarrowCentre } from './narrow.js';

const CASES = [
  { lang: 'de', path: BUSINESS },
  { lang: 'fi', path: '/www/integration.html' },
];

for (const { lang, path } of CASES) {
  for (const width of [320, 390]) {
    test(`${lang} at ${width} px: the close button on the title's row, the cookie tables as cards, axe clean`, async ({ browser, baseURL }) => {
      const context = await browser.newContext({ baseURL, locale: lang, viewport: { width, height: 740 } });
      await context.addCookies([{ name: 'consent_lang', value: lang, url: baseURL }]);
      const page = await context.newPage();
      const banner = new Banner(page);
      const centre = new PrivacyCentre(page);
      await page.goto(path);
      await banner.expectVisible();
      await banner.button('customise').click();
      await centre.expectOpen();
      expect(await centre.root.evaluate((d) => d.closest('[lang]').getAttribute('lang'))).toBe(lang);
      await expectNarrowCentre(page, centre);
      await expectNoViolations(page);
      await context.close();
    });
  }
}
