// Customise answers at once (issue 26 point 3): on the first-visit banner, the click shows the
// privacy centre's frame with a progress bar in the very next frame, while the full module
// downloads; the module then takes it over. Pressing Customise or an opener starts the download
// (a touch screen has no hover). A module that cannot start takes the frame away again.
import { test, expect } from '@playwright/test';
import { Banner, BUSINESS, PrivacyCentre, Site } from './pages.js';
import { expectNoViolations } from './a11y.js';

const FULL = /\/pkg\/consent_banner(_bg\.wasm|\.js)$/;

/** Holds the full module's files until `release()`: a slow network, without timing. */
function holdFullModule(page) {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const requested = [];
  page.route(FULL, async (route) => {
    requested.push(new URL(route.request().url()).pathname);
    await gate;
    await route.continue();
  });
  return { release: () => release(), requested };
}

/** Runs in the page: clicks Customise and reports what the next animation frame shows. */
function clickAndLookNextFrame() {
  const root = document.querySelector('[data-consent-root]').shadowRoot;
  root.querySelector('[data-consent-action="customise"]').click();
  return new Promise((resolve) => requestAnimationFrame(() => {
    const dialog = root.querySelector('.cb-pending [role="dialog"]');
    const r = dialog && dialog.getBoundingClientRect();
    resolve({
      dialog: !!dialog,
      size: r ? [r.width, r.height] : null,
      label: dialog && dialog.getAttribute('aria-label'),
      busy: dialog && dialog.getAttribute('aria-busy'),
      progress: !!root.querySelector('.cb-pending [role="progressbar"]'),
      focused: root.activeElement === dialog,
      topLayer: !!root.querySelector('.cb-pending:popover-open'),
    });
  }));
}

test('Customise shows the privacy centre\'s frame in the next frame, then the centre takes over', async ({ page }) => {
  const held = holdFullModule(page);
  await new Site(page).visit(BUSINESS);
  const banner = new Banner(page);
  await banner.expectVisible();
  const seen = await page.evaluate(clickAndLookNextFrame);
  expect(seen).toMatchObject({ dialog: true, label: 'Customise', busy: 'true', progress: true, focused: true, topLayer: true });
  expect(seen.size[0]).toBeGreaterThan(200);
  expect(seen.size[1]).toBeGreaterThan(100);
  await expectNoViolations(page);
  // Both files were asked for at the click (the download had not started: no hover here).
  await expect.poll(() => held.requested.length).toBe(2);
  held.release();
  const centre = new PrivacyCentre(page);
  await centre.expectOpen();
  expect(await page.evaluate(() => document.querySelector('[data-consent-root]').shadowRoot.querySelectorAll('.cb-pending').length)).toBe(0);
});

test('pressing Customise, or a data-consent-open link, starts the download before the click', async ({ page }) => {
  const held = holdFullModule(page);
  await new Site(page).visit(BUSINESS);
  await new Banner(page).expectVisible();
  // A pointerdown without hover first (a touch screen).
  await page.evaluate(() => {
    const button = document.querySelector('[data-consent-root]').shadowRoot.querySelector('[data-consent-action="customise"]');
    button.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true, pointerType: 'touch' }));
  });
  await expect.poll(() => held.requested.length).toBe(2);
  held.release();
});

test('a data-consent-open link pressed starts the download', async ({ page }) => {
  const held = holdFullModule(page);
  await new Site(page).visit(BUSINESS);
  await new Banner(page).expectVisible();
  await page.evaluate(() => {
    document.querySelector('[data-consent-open]').dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, pointerType: 'touch' }));
  });
  await expect.poll(() => held.requested.length).toBe(2);
  held.release();
});

test('when the full module cannot start, the frame goes and focus returns to Customise', async ({ page }) => {
  await page.route(FULL, (route) => route.abort());
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await new Site(page).visit(BUSINESS);
  const banner = new Banner(page);
  await banner.expectVisible();
  // Shown in the click's own task (the refused download may end before the next frame).
  const shown = await page.evaluate(() => {
    const root = document.querySelector('[data-consent-root]').shadowRoot;
    root.querySelector('[data-consent-action="customise"]').click();
    return root.querySelectorAll('.cb-pending [role="dialog"]').length;
  });
  expect(shown).toBe(1);
  await expect.poll(() => page.evaluate(() => document.querySelector('[data-consent-root]').shadowRoot.querySelectorAll('.cb-pending').length)).toBe(0);
  await banner.expectVisible();
  await expect(banner.button('customise')).toBeFocused();
  await expect(banner.button('accept-all')).toBeEnabled();
  expect(errors.some((e) => e.includes('could not start'))).toBe(true);
});
