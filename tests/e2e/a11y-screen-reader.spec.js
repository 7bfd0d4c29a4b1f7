// Screen readers: what the accessibility tree exposes. The banner is a region landmark named
// "Cookie consent" and described by its text; the privacy centre a modal dialog named by its
// title and described by its introduction; both carry the language shown; the toggles are
// switches with names and states; a saved choice is announced by the polite live region; the
// purely visual parts are hidden. In every language.
import { test, expect } from '@playwright/test';
import { Banner, BUSINESS, CONFIG, Notice, PRIVATE, PrivacyCentre, Site, categoriesOf, setLanguageCookie } from './pages.js';
import { LANGUAGES, TEXTS } from './a11y.js';

/** Runs in the page: the text of the elements `element`'s attribute `attr` points to (IDREFs in its root). */
function referencedText(element, attr) {
  const root = element.getRootNode();
  return (element.getAttribute(attr) ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => root.getElementById(id)?.textContent.trim() ?? `<missing #${id}>`)
    .join(' ');
}

/** The configured text of a field like a category's label, in a language. */
const inLang = (field, lang) => field[lang];

for (const lang of LANGUAGES) {
  test.describe(lang, () => {
    test.beforeEach(async ({ context, baseURL }) => {
      await setLanguageCookie(context, baseURL, lang);
    });

    test('the banner is a region landmark named and described in the shown language', async ({ page }) => {
      const t = TEXTS[lang];
      const banner = new Banner(page);
      await page.goto(BUSINESS);
      await banner.expectVisible();

      const region = page.getByRole('region', { name: t.bannerLabel, exact: true });
      await expect(region).toHaveAttribute('data-consent-banner', '');
      // The built-in description with the business area's purposes in place of {purposes} and
      // the sentence naming its partners in place of {partners} (their wording:
      // banner-purposes.spec.js, banner-partners.spec.js).
      const [before, rest] = t.description.split('{purposes}');
      const [after, end] = rest.split('{partners}');
      const [lead, close] = t.partners.split('{providers}');
      await expect(region).toHaveAccessibleDescription(
        new RegExp(`^${escape(before)}.+${escape(after)}${escape(lead)}Numberly.+AT Internet${escape(close)}${escape(end)}$`));
      const described = await region.evaluate(referencedText, 'aria-describedby');
      expect(described.startsWith(before) && described.includes(after) && described.includes(lead + 'Numberly')).toBe(true);
      // Its heading is there for browsing by headings.
      await expect(region.getByRole('heading', { name: t.title })).toBeVisible();
      // The language: on the component's root and on the banner.
      await expect(page.locator('[data-consent-root] .cb-app')).toHaveAttribute('lang', lang);
      expect(await banner.root.evaluate((el) => el.closest('[lang]').getAttribute('lang'))).toBe(lang);
      // Its controls, by role and name.
      for (const key of ['acceptAll', 'rejectAll', 'customise']) {
        await expect(region.getByRole('button', { name: t[key], exact: true })).toBeVisible();
      }
      await expect(region.getByRole('combobox', { name: t.language })).toHaveValue(lang);
      await expect(region.getByRole('link', { name: t.policyLink })).toHaveAttribute('href', CONFIG.policyLink);
      await expect(region.getByRole('link', { name: t.privacyLink })).toHaveAttribute('href', CONFIG.privacyLink);
    });

    test('the inform notice is a region landmark named and described in the shown language', async ({ page }) => {
      const t = TEXTS[lang];
      const notice = new Notice(page);
      await page.goto(PRIVATE);
      await notice.expectVisible();
      const region = page.getByRole('region', { name: t.bannerLabel, exact: true });
      await expect(region).toHaveAttribute('data-consent-mode', 'inform');
      await expect(region).toHaveAccessibleDescription(new RegExp(`^${escape(t.informDescription)}`));
      await expect(region.getByRole('button', { name: t.acknowledge, exact: true })).toBeVisible();
      expect(await notice.root.evaluate((el) => el.closest('[lang]').getAttribute('lang'))).toBe(lang);
    });

    test('the privacy centre is a modal dialog named and described, its toggles switches with names and states', async ({ page }) => {
      const t = TEXTS[lang];
      const banner = new Banner(page);
      await page.goto(BUSINESS);
      await banner.expectVisible();
      const centre = await banner.customise();

      const dialog = page.getByRole('dialog', { name: t.preferencesTitle, exact: true });
      await expect(dialog).toHaveAttribute('aria-modal', 'true');
      await expect(dialog).toHaveAttribute('data-consent-preferences', '');
      expect(await centre.root.evaluate(referencedText, 'aria-labelledby')).toBe(t.preferencesTitle);
      const described = await centre.root.evaluate(referencedText, 'aria-describedby');
      expect(described).toContain(t.preferencesDescription);
      await expect(dialog).toHaveAccessibleDescription(new RegExp(`^${escape(t.preferencesDescription)}`));
      // The language: on the dialog's nearest ancestor with one, and on the component's root.
      expect(await centre.root.evaluate((d) => d.parentElement.closest('[lang]').getAttribute('lang'))).toBe(lang);
      await expect(page.locator('[data-consent-root] .cb-app')).toHaveAttribute('lang', lang);

      // The close button is named by its label; the × is decoration.
      const close = dialog.getByRole('button', { name: t.close, exact: true });
      await expect(close).toHaveAttribute('data-consent-action', 'close');
      expect(await close.evaluate((b) => [...b.children].every((c) => c.getAttribute('aria-hidden') === 'true'))).toBe(true);

      for (const category of categoriesOf('business')) {
        const name = inLang(category.label, lang);
        // A category with services is a checkbox that can be mixed (a switch cannot be); its
        // services are switches (tests/e2e/services-centre.spec.js).
        const role = category.services?.length ? 'checkbox' : 'switch';
        const toggle = dialog.getByRole(role, { name, exact: true });
        await expect(toggle).toHaveAttribute('data-consent-toggle', category.id);
        // A real checkbox: its checked state is the switch's state; no aria-checked to drift apart.
        expect(await toggle.evaluate((el) => el.tagName === 'INPUT' && el.type === 'checkbox')).toBe(true);
        expect(await toggle.getAttribute('aria-checked')).toBeNull();
        await expect(toggle).toHaveAccessibleDescription(new RegExp(escape(inLang(category.description, lang))));
        if (category.required) {
          await expect(dialog.getByRole('switch', { name, exact: true, checked: true, disabled: true })).toHaveCount(1);
          // "Always on" is shown beside it, and read as part of its description, not on its own.
          await expect(toggle).toHaveAccessibleDescription(new RegExp(`^${escape(t.alwaysOn)}`));
          const hint = centre.panel(category.id).getByText(t.alwaysOn, { exact: true });
          await expect(hint).toBeVisible();
          await expect(hint).toHaveAttribute('aria-hidden', 'true');
        } else {
          // Off on a first visit, and the state follows the checkbox.
          await expect(dialog.getByRole(role, { name, exact: true, checked: false })).toHaveCount(1);
          await toggle.check();
          await expect(dialog.getByRole(role, { name, exact: true, checked: true })).toHaveCount(1);
          await toggle.uncheck();
          await expect(dialog.getByRole(role, { name, exact: true, checked: false })).toHaveCount(1);
        }
      }
      // Each cookie table is named by its category, scrolls in a focusable group of that name.
      for (const category of categoriesOf('business').filter((c) => (c.cookies ?? []).length > 0)) {
        const table = centre.root.locator(`table[data-consent-cookies="${category.id}"]`);
        await expect(table.locator('caption')).toHaveText(inLang(category.label, lang));
        const wrapper = table.locator('xpath=..');
        await expect(wrapper).toHaveAttribute('role', 'group');
        await expect(wrapper).toHaveAttribute('aria-label', inLang(category.label, lang));
        await expect(wrapper).toHaveAttribute('tabindex', '0');
      }
    });

    for (const [how, act] of [
      ['Save choices in the privacy centre', async (page) => {
        const centre = await new Banner(page).customise();
        await centre.toggle('analytics', true);
        await centre.save();
      }],
      ['Reject all on the banner', async (page) => new Banner(page).rejectAll()],
      ['OK on the inform notice', null],
    ]) {
      test(`${how} is announced by the polite live region`, async ({ page }) => {
        const site = new Site(page);
        const status = page.getByRole('status');
        if (act) {
          await site.visit(BUSINESS);
          await new Banner(page).expectVisible();
        } else {
          await site.visit(PRIVATE);
          await new Notice(page).expectVisible();
        }
        // The live region is in place, empty, before anything happens: only then is a change announced.
        await expect(status).toHaveCount(1);
        await expect(status).toHaveAttribute('aria-live', 'polite');
        await expect(status).toHaveText('');
        if (act) await act(page);
        else await new Notice(page).acknowledge();
        await expect(status).toHaveText(TEXTS[lang].saved);
        // Announced in the voice of its language.
        expect(await status.evaluate((el) => el.closest('[lang]').getAttribute('lang'))).toBe(lang);
      });
    }
  });
}

test('a second choice in the same page view is announced again', async ({ page }) => {
  const site = new Site(page);
  const status = page.getByRole('status');
  await site.visit(BUSINESS);
  await new Banner(page).acceptAll();
  await expect(status).toHaveText(TEXTS.en.saved);
  // Shown again (the API), answered again: the region is emptied first, so the same text is new.
  await page.evaluate(() => window.consentBanner.showBanner());
  await new Banner(page).expectVisible();
  await expect(status).toHaveText('');
  await new Banner(page).rejectAll();
  await expect(status).toHaveText(TEXTS.en.saved);
  const centre = new PrivacyCentre(page);
  await centre.openViaFooter();
  await expect(status).toHaveText('');
  await centre.acceptAll();
  await expect(status).toHaveText(TEXTS.en.saved);
});

/** `text` as a literal inside a regular expression. */
function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
