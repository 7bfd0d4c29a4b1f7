// The 24 official EU languages on the integration page (/www/integration.html), whose config lists
// them all with its category texts and lets the browser's languages choose (browserLanguageFirst):
// in each, the banner and the privacy centre render completely, in that language, with the
// right `lang` (the banner naming the partners), and nothing overflows or scrolls sideways at
// 320 px (the privacy centre's close button on the title's row, its cookie tables as cards; the
// video's placeholder within its place); axe finds nothing in the languages with the longest or
// least Latin words (Arabic, right to left, is tests/e2e/rtl.spec.js).
// Only the visitor's language is downloaded.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { Banner, PrivacyCentre } from './pages.js';
import { BUILTIN_LANGUAGES, TEXTS, animationsDone, expectNoViolations } from './a11y.js';
import { collectConsoleErrors } from './integration-helpers.js';
import { expectNarrowCentre } from './narrow.js';

const PAGE = '/www/integration.html';
const CONFIG = JSON.parse(readFileSync(new URL('../../www/config/integration.json', import.meta.url), 'utf8'));
const AXE_LANGUAGES = ['bg', 'el', 'fi', 'ga', 'pl', 'de', 'hu'];

/** Runs in the page: elements that carry text but show none, `{…}` left over, and sideways overflow. */
function problems(root) {
  const selector = 'button, label, th, td, summary, h1, h2, h3, caption, option, p, a';
  const elements = [...root.querySelectorAll(selector)];
  const empty = elements.filter((el) => !(el.textContent.trim() || el.getAttribute('aria-label')?.trim()))
    .map((el) => el.outerHTML.slice(0, 120));
  const placeholders = root.textContent.match(/[{}][^{}]{0,30}/g) ?? [];
  // Text wider than its box (a long word pushing out of a button or a label), outside the cookie
  // tables, which scroll inside their own wrapper by design, and visually hidden labels (1 px).
  const wide = elements
    .filter((el) => !el.closest('table') && el.clientWidth > 1 && el.scrollWidth > el.clientWidth + 1)
    .map((el) => `${el.tagName} ${el.scrollWidth}>${el.clientWidth}: ${el.textContent.trim().slice(0, 40)}`);
  return { empty, placeholders, wide };
}

/**
 * How far the component's part reaches out sideways: past the viewport's right or left edge, or
 * beyond its own box (its body, for the privacy centre). The page's own content is not ours to
 * measure (the integration page's 560 px video frame overflows a 320 px screen until its
 * placeholder replaces it).
 */
function sideways(selector) {
  const part = document.querySelector('[data-consent-root]').shadowRoot.querySelector(selector);
  const body = part.querySelector('.cb-dialog-body') ?? part;
  const r = part.getBoundingClientRect();
  return Math.max(r.right - window.innerWidth, -r.left, part.scrollWidth - part.clientWidth,
    body.scrollWidth - body.clientWidth);
}

test('the integration config lists the 24 languages, every text in each', () => {
  expect(BUILTIN_LANGUAGES).toHaveLength(24);
  expect([...CONFIG.languages].sort()).toEqual(BUILTIN_LANGUAGES);
  expect(CONFIG.browserLanguageFirst).toBe(true);
  for (const category of CONFIG.categories) {
    for (const lang of BUILTIN_LANGUAGES) {
      expect(category.label[lang], `${category.id} label ${lang}`).toBeTruthy();
      expect(category.description[lang], `${category.id} description ${lang}`).toBeTruthy();
      for (const cookie of category.cookies) expect(cookie.purpose[lang], `${cookie.name} ${lang}`).toBeTruthy();
    }
  }
});

for (const lang of BUILTIN_LANGUAGES) {
  test.describe(lang, () => {
    test.use({ locale: lang, viewport: { width: 320, height: 640 } });

    test(`banner and privacy centre in ${lang} at 320 px`, async ({ page }) => {
      const errors = collectConsoleErrors(page);
      const texts = [];
      page.on('request', (r) => { if (r.url().includes('/i18n/')) texts.push(new URL(r.url()).pathname.split('/').pop()); });
      const t = TEXTS[lang];
      const banner = new Banner(page);
      const centre = new PrivacyCentre(page);
      await page.goto(PAGE);
      await banner.expectVisible();
      await expect(page.locator('[data-consent-root] .cb-app')).toHaveAttribute('lang', lang);
      await expect(banner.title()).toHaveText(t.title);
      await expect(banner.button('accept-all')).toHaveText(t.acceptAll);
      await expect(banner.button('reject-all')).toHaveText(t.rejectAll);
      await expect(banner.button('customise')).toHaveText(t.customise);
      await expect(banner.languageSelect()).toHaveValue(lang);
      // It says that partners are involved, and names them (the site's own cookies are not theirs).
      await expect(banner.root.locator('#cb-text')).toContainText(t.partners.replace('{providers}', `AT Internet, VideoHost${t.purposesAnd}Numberly`));
      await animationsDone(page);
      expect(await banner.root.evaluate(problems)).toEqual({ empty: [], placeholders: [], wide: [] });
      expect(await page.evaluate(sideways, '[data-consent-banner]'), 'sideways in the banner').toBeLessThanOrEqual(0.5);
      // Accept and Reject equal: the same size.
      const [accept, reject] = [await banner.button('accept-all').boundingBox(), await banner.button('reject-all').boundingBox()];
      expect(Math.abs(accept.width - reject.width)).toBeLessThanOrEqual(1);
      expect(Math.abs(accept.height - reject.height)).toBeLessThanOrEqual(1);
      if (AXE_LANGUAGES.includes(lang)) await expectNoViolations(page);

      // The video's placeholder says it in this language and fits its place at 320 px.
      const placeholder = page.locator('.cb-placeholder');
      await expect(placeholder).toBeVisible();
      await expect(placeholder).toHaveAttribute('lang', lang);
      await expect(placeholder.locator('.cb-placeholder-text'))
        .toHaveText(t.placeholderText.replace('{content}', 'Product video').replaceAll('{provider}', 'VideoHost'));
      await expect(placeholder.locator('[data-consent-load-once]')).toHaveText(t.placeholderLoadOnce);
      await expect(placeholder.locator('[data-consent-accept]')).toHaveText(t.placeholderAccept);
      const fit = await placeholder.evaluate((p) => ({
        width: p.getBoundingClientRect().width, room: p.parentElement.clientWidth, overflow: p.scrollWidth - p.clientWidth,
      }));
      expect(fit.width, JSON.stringify(fit)).toBeLessThanOrEqual(fit.room + 0.5);
      expect(fit.overflow, JSON.stringify(fit)).toBeLessThanOrEqual(0);

      await banner.button('customise').click();
      await centre.expectOpen();
      await animationsDone(page);
      expect(await centre.root.evaluate((d) => d.closest('[lang]')?.getAttribute('lang'))).toBe(lang);
      await expect(centre.title()).toHaveText(t.preferencesTitle);
      await expect(centre.button('save')).toHaveText(t.save);
      for (const category of CONFIG.categories) {
        await expect(centre.panel(category.id).locator('label').first()).toHaveText(category.label[lang]);
        await expect(centre.panel(category.id)).toContainText(category.description[lang]);
      }
      expect(await centre.root.evaluate(problems)).toEqual({ empty: [], placeholders: [], wide: [] });
      expect(await page.evaluate(sideways, '[data-consent-preferences]'), 'sideways in the centre').toBeLessThanOrEqual(0.5);
      if (AXE_LANGUAGES.includes(lang)) await expectNoViolations(page);
      // The phone layout: the close button on the title's row, the cookie tables as cards.
      await expectNarrowCentre(page, centre);
      // Only what this visitor is shown: the page's language (guessed from <html lang="en">
      // before the config said otherwise) and the visitor's.
      expect([...new Set(texts)].sort()).toEqual([...new Set(['en.json', `${lang}.json`])].sort());
      expect(errors).toEqual([]);
    });
  });
}
