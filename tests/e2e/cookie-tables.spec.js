// The cookie tables come from the config: the privacy centre of each area lists exactly the
// cookies the config declares per category, and the cookie policy page shows the same rows.
import { test, expect } from '@playwright/test';
import { AREA_PAGES, CONFIG, COOKIE_POLICY, PrivacyCentre, Site, categoriesOf, cookiesOf, tableCells } from './pages.js';

/**
 * The declared cookie names of each table of an area, keyed by the table's id: a category's own
 * cookies under its id, each service's under `category:service`, in config order.
 */
function declaredNames(area) {
  const tables = [];
  for (const c of categoriesOf(area)) {
    if ((c.cookies ?? []).length) tables.push([c.id, c.cookies.map((k) => k.name)]);
    for (const s of c.services ?? []) {
      if ((s.cookies ?? []).length) tables.push([`${c.id}:${s.id}`, s.cookies.map((k) => k.name)]);
    }
  }
  return Object.fromEntries(tables);
}

for (const { path, area } of AREA_PAGES) {
  test(`the privacy centre of ${path} shows one row per cookie the ${area} area declares`, async ({ page }) => {
    const site = new Site(page);
    const centre = new PrivacyCentre(page);
    await site.visit(path);
    await centre.openViaFooter();

    const declared = declaredNames(area);
    await expect(centre.tables()).toHaveCount(Object.keys(declared).length);
    for (const [id, names] of Object.entries(declared)) {
      // The table sits in its category's panel (a service's, in its service's part), in a <details>.
      await expect(centre.panel(id.split(':')[0]).locator(`details table[data-consent-cookies="${id}"]`)).toHaveCount(1);
      await expect(centre.rows(id)).toHaveCount(names.length);
    }
    // Row by row: the declared name first, then provider, lifetime and purpose, none empty.
    const cells = await centre.tableCells();
    for (const [id, names] of Object.entries(declared)) {
      expect(cells[id].map((row) => row[0]), id).toEqual(names);
      for (const row of cells[id]) {
        expect(row, `${id}: ${row[0]}`).toHaveLength(4);
        for (const cell of row) expect(cell, `${id}: ${row[0]}`).not.toBe('');
      }
    }
  });
}

test('the cookie policy page shows, per area, the same rows as that area\'s privacy centre', async ({ page, context }) => {
  // What each area's privacy centre shows.
  const expected = {};
  for (const { path, area } of AREA_PAGES) {
    const view = await context.newPage();
    await view.goto(path);
    const centre = new PrivacyCentre(view);
    await centre.openViaFooter();
    expected[area] = await centre.tableCells();
    await view.close();
  }

  const site = new Site(page);
  await site.visit(COOKIE_POLICY);
  await site.waitUntilMounted();
  for (const area of Object.keys(CONFIG.areas)) {
    const section = page.locator(`[data-consent-cookie-table="${area}"]`);
    const declared = Object.values(declaredNames(area)).flat().length;
    await expect(section.locator('table[data-consent-cookies] tbody tr'), area).toHaveCount(declared);
    expect(await section.evaluate(tableCells), area).toEqual(expected[area]);
  }
  // And nothing more: the page's tables hold exactly the config's cookies, all areas together.
  const declaredTotal = Object.keys(CONFIG.areas).reduce(
    (sum, area) => sum + categoriesOf(area).reduce((n, c) => n + cookiesOf(c).length, 0), 0);
  await expect(page.locator('[data-consent-cookie-table] table[data-consent-cookies] tbody tr')).toHaveCount(declaredTotal);
});

test.describe('the cookie policy page on a phone', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('its tables are cards: nothing scrolls sideways, every cell names its column', async ({ page }) => {
    const site = new Site(page);
    await site.visit(COOKIE_POLICY);
    await expect(page.locator('.cb-policy table[data-consent-cookies]').first()).toBeVisible();
    const fit = await page.evaluate(() => [...document.querySelectorAll('.cb-policy table[data-consent-cookies]')].map((t) => {
      const wrap = t.closest('.cb-table-wrap');
      const cells = [...t.querySelectorAll('tbody td')];
      return {
        id: t.getAttribute('data-consent-cookies'),
        sideways: Math.max(t.scrollWidth - t.clientWidth, wrap.scrollWidth - wrap.clientWidth),
        outside: cells.filter((td) => td.getBoundingClientRect().right > window.innerWidth + 0.5).length,
        unlabelled: cells.filter((td) => ['none', 'normal'].includes(getComputedStyle(td, '::before').content)).length,
        cells: cells.length,
      };
    }));
    expect(fit.length).toBeGreaterThan(3);
    for (const t of fit) {
      expect(t.sideways, t.id).toBeLessThanOrEqual(0);
      expect(t.outside, t.id).toBe(0);
      expect(t.unlabelled, t.id).toBe(0);
      expect(t.cells, t.id).toBeGreaterThan(0);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });
});
