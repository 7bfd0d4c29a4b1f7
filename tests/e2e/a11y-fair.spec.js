// Fair design: refusing is as easy as accepting. Reject all sits on the first layer beside
// Accept all, with the same size, weight, colours and contrast, at every width and in every
// language; the privacy centre does the same; nothing optional is ticked on a first visit.
import { test, expect } from '@playwright/test';
import { AREA_PAGES, Banner, BUSINESS, MY_ITSME, PrivacyCentre, Site, categoriesOf } from './pages.js';
import { HEIGHTS, LANGUAGES, SCHEMES, WIDTHS, contrastRatio, open } from './a11y.js';

/** What makes a button look the way it does, to compare two of them. */
async function look(button) {
  const box = await button.boundingBox();
  const style = await button.evaluate((el) => {
    const s = getComputedStyle(el);
    return {
      fontWeight: s.fontWeight, fontSize: s.fontSize, fontFamily: s.fontFamily, color: s.color,
      backgroundColor: s.backgroundColor, borderColor: s.borderTopColor, borderWidth: s.borderTopWidth,
      borderRadius: s.borderTopLeftRadius, textDecoration: s.textDecorationLine, padding: s.padding,
    };
  });
  return { box, style };
}

/** Asserts Accept all and Reject all in `surface` look the same and read well. */
async function expectSameLook(surface, where) {
  const accept = await look(surface.button('accept-all'));
  const reject = await look(surface.button('reject-all'));
  expect(accept.box, `${where}: Accept all is shown`).not.toBeNull();
  expect(reject.box, `${where}: Reject all is shown`).not.toBeNull();
  expect(Math.abs(accept.box.width - reject.box.width), `${where}: widths ${accept.box.width} / ${reject.box.width}`).toBeLessThanOrEqual(1);
  expect(Math.abs(accept.box.height - reject.box.height), `${where}: heights ${accept.box.height} / ${reject.box.height}`).toBeLessThanOrEqual(1);
  expect(reject.style, where).toEqual(accept.style);
  const ratio = contrastRatio([accept.style.color, accept.style.backgroundColor]);
  expect(ratio, `${where}: button text contrast`).toBeGreaterThanOrEqual(4.5);
}

for (const scheme of SCHEMES) {
  for (const lang of LANGUAGES) {
    test(`Accept all and Reject all look the same at every width (${lang}, ${scheme})`, async ({ page, context, baseURL }) => {
      const banner = new Banner(page);
      const centre = new PrivacyCentre(page);
      await page.setViewportSize({ width: 1280, height: 800 });
      await open(page, context, baseURL, BUSINESS, { lang, scheme });
      await banner.expectVisible();
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: HEIGHTS[width] });
        // Reject all is on the first layer, in view without scrolling anything.
        await expect(banner.button('reject-all')).toBeInViewport();
        await expect(banner.button('accept-all')).toBeInViewport();
        await expectSameLook(banner, `banner at ${width}px`);
      }
      await banner.button('customise').click();
      await centre.expectOpen();
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: HEIGHTS[width] });
        await expectSameLook(centre, `privacy centre at ${width}px`);
      }
    });
  }
}

test('at 200% text, Accept all and Reject all still look the same', async ({ page }) => {
  const banner = new Banner(page);
  await page.setViewportSize({ width: 375, height: 667 });
  await page.goto(BUSINESS);
  await banner.expectVisible();
  await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHTS[width] });
    await expectSameLook(banner, `banner at ${width}px, 200%`);
  }
});

for (const { path, area } of AREA_PAGES.filter((p) => [BUSINESS, MY_ITSME].includes(p.path))) {
  test(`no optional category is pre-ticked on a first visit to ${path}`, async ({ page }) => {
    const site = new Site(page);
    const banner = new Banner(page);
    await site.visit(path);
    await banner.expectVisible();
    // The first layer offers the refusal itself, not only a way to it.
    await expect(banner.button('reject-all')).toBeVisible();
    const centre = await banner.customise();
    const categories = categoriesOf(area);
    expect(categories.some((c) => !c.required)).toBe(true);
    for (const category of categories) {
      const toggle = centre.toggleFor(category.id);
      if (category.required) {
        await expect(toggle).toBeChecked();
        await expect(toggle).toBeDisabled();
      } else {
        await expect(toggle).not.toBeChecked();
        await expect(toggle).toBeEnabled();
      }
    }
    expect(await site.consent()).toBeNull();
  });
}
