// The privacy centre is a real modal dialog: named by its heading, announced as modal, and
// Tab / Shift+Tab cycle through its controls without ever leaving it.
import { test, expect } from '@playwright/test';
import { PrivacyCentre, Site } from './pages.js';

const MAX_TABS = 60;

/** Runs in the page: where focus is, relative to the dialog ('dialog', its element index, or 'outside'). */
function focusPosition() {
  const dialog = document.querySelector('[data-consent-root]').shadowRoot.querySelector('[data-consent-preferences]');
  const active = dialog ? dialog.getRootNode().activeElement : null;
  if (!dialog || !active) return 'outside';
  if (active === dialog) return 'dialog';
  const index = [...dialog.querySelectorAll('*')].indexOf(active);
  return index < 0 ? `outside:${active.tagName}` : index;
}

/** Runs in the page: the dialog's element indexes of its keyboard-reachable controls, in DOM order. */
function reachableControls() {
  const dialog = document.querySelector('[data-consent-root]').shadowRoot.querySelector('[data-consent-preferences]');
  const all = [...dialog.querySelectorAll('*')];
  return all
    .filter((el) => el.matches('a[href], button, input, select, textarea, summary, [tabindex]'))
    .filter((el) => !el.disabled && el.getAttribute('tabindex') !== '-1' && el.checkVisibility())
    .map((el) => all.indexOf(el));
}

/** Runs in the page: a short description of the dialog's element at `index`. */
function describe(index) {
  const dialog = document.querySelector('[data-consent-root]').shadowRoot.querySelector('[data-consent-preferences]');
  const el = [...dialog.querySelectorAll('*')][index];
  const action = el.getAttribute('data-consent-action') ?? el.getAttribute('data-consent-toggle');
  return action ? `${el.tagName.toLowerCase()}:${action}` : el.tagName.toLowerCase();
}

test('the privacy centre is a modal dialog labelled by its heading', async ({ page }) => {
  const site = new Site(page);
  const centre = new PrivacyCentre(page);
  await site.visit();
  await centre.openViaFooter();

  await expect(centre.root).toHaveAttribute('role', 'dialog');
  await expect(centre.root).toHaveAttribute('aria-modal', 'true');
  const labelledBy = await centre.root.getAttribute('aria-labelledby');
  expect(labelledBy).toBeTruthy();
  const heading = page.locator(`[id="${labelledBy}"]`);
  await expect(heading).toHaveCount(1);
  expect(await heading.evaluate((el) => /^H[1-6]$/.test(el.tagName) || el.getAttribute('role') === 'heading')).toBe(true);
  await expect(heading).toHaveText(/\S/);
  // The heading is the dialog's own, and its accessible name.
  expect(await centre.root.evaluate((dialog, id) => dialog.contains(dialog.getRootNode().getElementById(id)), labelledBy)).toBe(true);
  await expect(page.getByRole('dialog', { name: (await heading.textContent()).trim() })).toBeVisible();
});

test('Tab wraps from the last control to the first and Shift+Tab from the first to the last', async ({ page }) => {
  const site = new Site(page);
  const centre = new PrivacyCentre(page);
  await site.visit();
  await centre.openViaFooter();
  await expect.poll(() => centre.hasFocus()).toBe(true);

  // Tab round the dialog once, from its first control back to it; focus never leaves.
  await page.keyboard.press('Tab');
  const first = await page.evaluate(focusPosition);
  expect(typeof first, `first Tab lands inside the dialog (got ${first})`).toBe('number');
  const cycle = [first];
  for (let i = 0; i < MAX_TABS; i += 1) {
    await page.keyboard.press('Tab');
    const position = await page.evaluate(focusPosition);
    expect(typeof position, `Tab ${i + 1} keeps focus inside (got ${position})`).toBe('number');
    if (position === first) break;
    cycle.push(position);
  }
  expect(await page.evaluate(focusPosition), `Tab came back to the first control within ${MAX_TABS} presses`).toBe(first);

  // The cycle is every reachable control, in DOM order: wrapping happens at the true ends.
  expect(cycle).toEqual(await page.evaluate(reachableControls));
  const names = await Promise.all(cycle.map((index) => page.evaluate(describe, index)));
  expect(names).toEqual(expect.arrayContaining([
    'select', 'button:close', 'input:analytics', 'input:marketing', 'button:accept-all', 'button:reject-all', 'button:save',
  ]));
  const last = cycle.at(-1);

  // Explicitly, both ways: Tab from the last wraps to the first, Shift+Tab from the first to the last.
  await page.keyboard.press('Shift+Tab');
  expect(await page.evaluate(focusPosition)).toBe(last);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(focusPosition)).toBe(first);
  await page.keyboard.press('Shift+Tab');
  expect(await page.evaluate(focusPosition)).toBe(last);
  for (let i = 0; i < cycle.length - 1; i += 1) await page.keyboard.press('Shift+Tab');
  expect(await page.evaluate(focusPosition)).toBe(first);
  await page.keyboard.press('Shift+Tab');
  expect(await page.evaluate(focusPosition)).toBe(last);

  // Escape works from any control and gives focus back to the opener.
  await page.keyboard.press('Escape');
  await centre.expectClosed();
  await expect(site.footerLink()).toBeFocused();
});

test('Shift+Tab straight after opening keeps focus inside the dialog', async ({ page }) => {
  const site = new Site(page);
  const centre = new PrivacyCentre(page);
  await site.visit();
  await centre.openViaFooter();
  await expect.poll(() => page.evaluate(focusPosition)).toBe('dialog');

  await page.keyboard.press('Shift+Tab');
  expect(typeof (await page.evaluate(focusPosition))).toBe('number');
  await page.keyboard.press('Escape');
  await centre.expectClosed();
});
