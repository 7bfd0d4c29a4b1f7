// Each configured language renders the banner and the privacy centre completely: every text
// present, translated (not English), no `{placeholder}` left, and `lang` set accordingly.
import { test, expect } from '@playwright/test';
import { Banner, CONFIG, PrivacyCentre, Site, categoriesOf, setLanguageCookie } from './pages.js';

const ACTIONS = ['accept-all', 'reject-all', 'customise'];
const DIALOG_ACTIONS = ['accept-all', 'reject-all', 'save'];

/** Runs in the page: the elements under `root` that carry text but show none, and any `{…}` left. */
function textProblems(root) {
  const selector = 'button, label, th, td, summary, h1, h2, h3, caption, option, p, li[data-consent-history-entry]';
  const empty = [...root.querySelectorAll(selector)]
    .filter((el) => !(el.textContent.trim() || el.getAttribute('aria-label')?.trim()))
    .map((el) => el.outerHTML.slice(0, 120));
  const placeholders = root.textContent.match(/[{}][^{}]{0,30}/g) ?? [];
  return { empty, placeholders };
}

/** The banner's visible texts that must be translated. */
async function bannerTexts(banner) {
  const texts = { title: (await banner.title().textContent()).trim() };
  for (const action of ACTIONS) texts[action] = (await banner.button(action).textContent()).trim();
  return texts;
}

async function dialogTexts(centre) {
  const texts = { title: (await centre.title().textContent()).trim() };
  for (const action of DIALOG_ACTIONS) texts[action] = (await centre.button(action).textContent()).trim();
  return texts;
}

for (const lang of ['en', 'nl', 'fr', 'de']) {
  test(`the banner and the privacy centre are complete in ${lang}`, async ({ page, context, baseURL }) => {
    expect(CONFIG.languages).toContain(lang);
    const site = new Site(page);
    const banner = new Banner(page);
    const centre = new PrivacyCentre(page);

    // The English reference, from the page's <html lang="en">.
    await site.visit();
    await banner.expectVisible();
    const english = await bannerTexts(banner);
    await centre.openViaFooter();
    const englishDialog = await dialogTexts(centre);
    await page.keyboard.press('Escape');
    await centre.expectClosed();

    await setLanguageCookie(context, baseURL, lang);
    await site.reload();
    await banner.expectVisible();

    // The banner.
    await expect(page.locator('[data-consent-root] .cb-app')).toHaveAttribute('lang', lang);
    await expect(banner.root).toHaveAttribute('lang', lang);
    await expect(banner.languageSelect()).toHaveValue(lang);
    const shown = await bannerTexts(banner);
    for (const [key, text] of Object.entries(shown)) {
      expect(text, key).not.toBe('');
      if (lang !== 'en') expect(text, `${key} is translated`).not.toBe(english[key]);
    }
    expect(await banner.root.evaluate(textProblems)).toEqual({ empty: [], placeholders: [] });

    // The privacy centre, after a choice so that the current consent and its history show too.
    await banner.acceptAll();
    await centre.openViaFooter();
    await expect(centre.consentId()).toHaveText(/^[0-9a-f]{16}$/);
    await expect(centre.history()).toHaveCount(1);
    expect(await centre.root.evaluate((d) => d.closest('[lang]')?.getAttribute('lang'))).toBe(lang);
    await expect(centre.languageSelect()).toHaveValue(lang);
    const dialog = await dialogTexts(centre);
    for (const [key, text] of Object.entries(dialog)) {
      expect(text, key).not.toBe('');
      if (lang !== 'en') expect(text, `${key} is translated`).not.toBe(englishDialog[key]);
    }
    // The config's own texts, in this language: labels, descriptions, cookie purposes.
    for (const category of categoriesOf('business')) {
      const panel = centre.panel(category.id);
      await expect(panel.locator('label').first()).toHaveText(category.label[lang]);
      await expect(panel).toContainText(category.description[lang]);
      const purposes = await centre.rows(category.id).evaluateAll((rows) => rows.map((r) => r.cells[3].textContent.trim()));
      expect(purposes).toEqual((category.cookies ?? []).map((c) => c.purpose[lang]));
      // Each service: its label, description and cookie purposes, in this language too.
      for (const service of category.services ?? []) {
        const part = panel.locator(`[data-consent-service-panel="${category.id}:${service.id}"]`);
        await expect(part.locator('label')).toHaveText(service.label[lang]);
        await expect(part).toContainText(service.description[lang]);
        const rows = await centre.rows(`${category.id}:${service.id}`).evaluateAll((r) => r.map((x) => x.cells[3].textContent.trim()));
        expect(rows).toEqual((service.cookies ?? []).map((c) => c.purpose[lang]));
      }
    }
    expect(await centre.root.evaluate(textProblems)).toEqual({ empty: [], placeholders: [] });
  });
}
