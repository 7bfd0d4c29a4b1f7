// The privacy centre on a narrow phone (issue 25 point 4), measured the same way by
// privacy-centre-narrow.spec.js (German and Finnish at 320 and 390 px) and languages-eu.spec.js
// (the 24 languages at 320 px): the close button on the title's row, the cookie tables as cards.
import { expect } from '@playwright/test';
import { animationsDone } from './a11y.js';

/** Runs in the dialog: the title's and the close button's boxes, and each cookie table's fit. */
export function measure(dialog) {
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

/**
 * Opens every cookie list of the open privacy centre (`centre`, a PrivacyCentre) and asserts the
 * close button shares the title's row and no cookie table scrolls sideways or cuts a column.
 */
export async function expectNarrowCentre(page, centre) {
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
}
