// The privacy centre on a narrow phone (issue 25 point 4): from 320 to 390 px the close button
// stays on the title's row (the language select goes under them), and the cookie tables become
// cards of "label value" lines: nothing scrolls sideways, no column (Lifetime) is cut off. In
// languages with long words: German (the demo's business area) and Finnish (the integration page).
import { test, expect } from '@playwright/test';
import { Banner, BUSINESS, PrivacyCentre } from './pages.js';
import { animationsDone, expectNoViolations } from './a11y.js';

const CASES = [
  { lang: 'de', path: BUSINESS },
  { lang: 'fi', path: '/www/integration.html' },
];

/** Runs in the dialog: the title's and the close button's boxes, and each cookie table's fit. */
function measure(dialog) {
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, overflow: el.scrollWidth - el.clientWidth };
  };
  const body = dialog.querySelector('.cb-dialog-body').getBoundingClientRect();
  const tables = [...dialog.querySelectorAll('table[data-consent-cookies]')].map((table) => {
    const wrap = table.closest('.cb-table-wrap');
    const cells = [...table.querySelectorAll('tbody td')];
    return {
      id: table.getAttribute('data-consent-cookies'),
      scrollWidth: table.scrollWidth, clientWidth: table.clientWidth,
      wrapScrollWidth: wrap.scrollWidth, wrapClientWidth: wrap.clientWidth,
      // Each cell inside the dialog's body, and its column named beside it.
      cellsOutside: cells.filter((td) => td.getBoundingClientRect().right > body.right + 0.5).length,
      unlabelled: cells.filter((td) => !td.getAttribute('data-label') ||
        ['none', 'normal'].includes(getComputedStyle(td, '::before').content)).length,
      cells: cells.length,
    };
  });
  return {
    title: box(dialog.querySelector('.cb-dialog-head .cb-title')),
    close: box(dialog.querySelector('[data-consent-action="close"]')),
    tables,
  };
}

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
      // Every cookie list opened.
      for (const summary of await centre.root.locator('details > summary').all()) {
        await summary.scrollIntoViewIfNeeded();
        await summary.click();
      }
      await animationsDone(page);

      const m = await centre.root.evaluate(measure);
      // The close button's top lies within the title's row, not under it.
      const where = `close ${JSON.stringify(m.close)}, title ${JSON.stringify(m.title)}`;
      expect(m.close.top, where).toBeLessThan(m.title.bottom);
      expect(m.close.bottom, where).toBeGreaterThan(m.title.top);
      // Beside the title, which wraps (a long word too) rather than run under the button.
      expect(m.close.left, where).toBeGreaterThanOrEqual(m.title.right);
      expect(m.title.overflow, where).toBeLessThanOrEqual(0);

      expect(m.tables.length, 'cookie tables in the privacy centre').toBeGreaterThan(0);
      for (const t of m.tables) {
        expect(t.scrollWidth, `${t.id}: table scrolls sideways`).toBeLessThanOrEqual(t.clientWidth);
        expect(t.wrapScrollWidth, `${t.id}: its wrapper scrolls sideways`).toBeLessThanOrEqual(t.wrapClientWidth);
        expect(t.cellsOutside, `${t.id}: cells past the dialog's edge`).toBe(0);
        expect(t.unlabelled, `${t.id}: cells without their column's name`).toBe(0);
        expect(t.cells).toBeGreaterThan(0);
      }
      await expectNoViolations(page);
      await context.close();
    });
  }
}
