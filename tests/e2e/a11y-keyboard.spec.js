// Keyboard: the banner's controls come first in the tab order; the privacy centre takes focus,
// closes on Escape and gives focus back; every control shows a clearly visible focus indicator;
// the switches work with Space. (Tab and Shift+Tab staying inside the privacy centre: see
// dialog-semantics.spec.js.)
import { test, expect } from '@playwright/test';
import { Banner, BUSINESS, Notice, PRIVATE, PrivacyCentre, Site } from './pages.js';
import { SCHEMES, focusOutlineContrast, focusStyle, focusedControl, isVisibleFocus } from './a11y.js';

/** Presses Tab up to `max` times from where focus is; returns what each press focused. */
async function tabs(page, max) {
  const seen = [];
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    seen.push(await focusedControl(page));
  }
  return seen;
}

test('from the start of the page, Tab reaches the banner\'s Accept all within three presses, then Reject all and Customise', async ({ page }) => {
  const banner = new Banner(page);
  await page.goto(BUSINESS);
  await banner.expectVisible();
  const seen = await tabs(page, 5);
  expect(seen.slice(0, 3), `the first three Tab stops: ${seen}`).toContain('button:accept-all');
  const at = seen.indexOf('button:accept-all');
  expect(seen.slice(at, at + 3)).toEqual(['button:accept-all', 'button:reject-all', 'button:customise']);
  // The language select comes first of all: the visitor can switch before reading on.
  expect(seen[0]).toBe('select:language');
});

test('from the start of the page, Tab reaches the notice\'s OK within three presses', async ({ page }) => {
  const notice = new Notice(page);
  await page.goto(PRIVATE);
  await notice.expectVisible();
  const seen = await tabs(page, 3);
  expect(seen, `the first three Tab stops: ${seen}`).toContain('button:acknowledge');
  // The document links follow OK: back to it, then Enter on it answers the notice, and nothing
  // is focused in a component that is gone.
  for (let stop = seen.length - 1; stop > seen.indexOf('button:acknowledge'); stop -= 1) await page.keyboard.press('Shift+Tab');
  expect(await focusedControl(page)).toBe('button:acknowledge');
  await page.keyboard.press('Enter');
  await notice.expectHidden();
});

test('Customise by keyboard moves focus into the privacy centre; Escape closes it and focus returns to Customise', async ({ page }) => {
  const banner = new Banner(page);
  const centre = new PrivacyCentre(page);
  await page.goto(BUSINESS);
  await banner.expectVisible();
  await banner.button('customise').focus();
  await page.keyboard.press('Enter');
  await centre.expectOpen();
  await expect.poll(() => centre.hasFocus()).toBe(true);

  await page.keyboard.press('Escape');
  await centre.expectClosed();
  await banner.expectVisible();
  await expect(banner.button('customise')).toBeFocused();
});

test('the footer link opens the privacy centre by keyboard; Escape gives focus back to the link', async ({ page }) => {
  const site = new Site(page);
  const centre = new PrivacyCentre(page);
  await site.visit();
  await site.waitUntilMounted();
  await site.footerLink().focus();
  await page.keyboard.press('Enter');
  await centre.expectOpen();
  await expect.poll(() => centre.hasFocus()).toBe(true);
  // A few Tabs in, Escape still closes it.
  await tabs(page, 3);
  expect(await centre.hasFocus()).toBe(true);
  await page.keyboard.press('Escape');
  await centre.expectClosed();
  await expect(site.footerLink()).toBeFocused();
});

test('the switches toggle with Space and the choice is saved from the keyboard', async ({ page }) => {
  const site = new Site(page);
  const banner = new Banner(page);
  await site.visit();
  await banner.expectVisible();
  const centre = await banner.customise();
  const analytics = centre.toggleFor('analytics');
  await analytics.focus();
  await page.keyboard.press('Space');
  await expect(analytics).toBeChecked();
  await page.keyboard.press('Space');
  await expect(analytics).not.toBeChecked();
  await page.keyboard.press('Space');
  await expect(analytics).toBeChecked();
  // A locked (essential) switch does not move.
  await expect(centre.toggleFor('essential')).toBeDisabled();

  await centre.button('save').focus();
  await page.keyboard.press('Enter');
  await centre.expectClosed();
  await expect.poll(async () => (await site.consent())?.accepted).toEqual(expect.arrayContaining(['analytics']));
  expect((await site.consent()).accepted).not.toContain('marketing');
});

for (const scheme of SCHEMES) {
  test(`every control of the banner and the privacy centre shows a visible focus indicator (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const banner = new Banner(page);
    const centre = new PrivacyCentre(page);
    await page.goto(BUSINESS);
    await banner.expectVisible();

    // The banner: Tab from the page start until focus leaves the component.
    const bannerStops = [];
    for (let i = 0; i < 12; i += 1) {
      await page.keyboard.press('Tab');
      const control = await focusedControl(page);
      if (!control) break;
      bannerStops.push(control);
      const style = await page.evaluate(focusStyle);
      expect(isVisibleFocus(style), `${control}: ${JSON.stringify(style)}`).toBe(true);
      expect(style.focusVisible, control).toBe(true);
      expect(await page.evaluate(focusOutlineContrast), `${control}: outline contrast`).toBeGreaterThanOrEqual(3);
    }
    expect(bannerStops).toEqual(expect.arrayContaining(['select:language', 'a', 'button:accept-all', 'button:reject-all', 'button:customise']));

    // The privacy centre, every <details> open: one round of Tab through its controls.
    await banner.button('customise').focus();
    await page.keyboard.press('Enter');
    await centre.expectOpen();
    for (const summary of await centre.root.locator('details > summary').all()) await summary.click();
    await centre.root.focus();
    const dialogStops = [];
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Tab');
      const control = await focusedControl(page);
      const index = await page.evaluate(() => {
        const dialog = document.querySelector('[data-consent-root]').shadowRoot.querySelector('[data-consent-preferences]');
        return [...dialog.querySelectorAll('*')].indexOf(dialog.getRootNode().activeElement);
      });
      if (dialogStops.some((s) => s.index === index)) break;
      dialogStops.push({ control, index });
      const style = await page.evaluate(focusStyle);
      expect(isVisibleFocus(style), `${control}: ${JSON.stringify(style)}`).toBe(true);
      expect(await page.evaluate(focusOutlineContrast), `${control}: outline contrast`).toBeGreaterThanOrEqual(3);
    }
    expect(dialogStops.map((s) => s.control)).toEqual(expect.arrayContaining([
      'select:language', 'button:close', 'a', 'summary', 'input:analytics', 'input:marketing',
      'button:accept-all', 'button:reject-all', 'button:save',
    ]));
  });
}

/**
 * Runs in the page: how much of the focused page element (outside the component) can be seen,
 * as a share of its area: the part inside the viewport and not under the banner.
 */
function focusedShown() {
  const active = document.activeElement;
  if (!active || active === document.body || active.hasAttribute('data-consent-root')) return null;
  const banner = document.querySelector('[data-consent-root]').shadowRoot.querySelector('[data-consent-banner]');
  const r = active.getBoundingClientRect();
  const clip = (a, b) => ({ left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) });
  const area = (a) => Math.max(0, a.right - a.left) * Math.max(0, a.bottom - a.top);
  const inView = clip(r, { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight });
  const covered = banner ? area(clip(inView, banner.getBoundingClientRect())) : 0;
  const box = (b) => b && `${Math.round(b.left)},${Math.round(b.top)}–${Math.round(b.right)},${Math.round(b.bottom)}`;
  const root = document.documentElement.style;
  return {
    what: `${active.tagName.toLowerCase()} "${active.textContent.trim().slice(0, 24)}"`,
    shown: (area(inView) - covered) / area(r),
    // Said when it fails: where the element and the banner were, and the space kept for the banner.
    where: `element ${box(r)}, banner ${box(banner && banner.getBoundingClientRect())}, viewport ${window.innerWidth}×${window.innerHeight}, scrollY ${Math.round(window.scrollY)}, scroll-padding-bottom "${root.getPropertyValue('scroll-padding-bottom')}"`,
  };
}

for (const [path, width, text] of [
  [BUSINESS, 320, '100%'], [BUSINESS, 375, '100%'], [BUSINESS, 1280, '100%'], [BUSINESS, 320, '200%'],
  ['/www/cookie-policy.html', 375, '100%'], ['/www/cookie-policy.html', 1280, '100%'], ['/www/cookie-policy.html', 1920, '100%'],
]) {
  test(`Tab through ${path} at ${width} px, text ${text}: no focused element is hidden under the banner`, async ({ page }) => {
    const banner = new Banner(page);
    await page.setViewportSize({ width, height: { 320: 568, 375: 667, 1280: 720, 1920: 1080 }[width] });
    await page.goto(path);
    await banner.expectVisible();
    if (path.includes('cookie-policy')) {
      // Its cookie tables come with the first-visit module (not the full one): wait for them, or
      // a table rendered mid-walk moves the focused link out of view (what this test is not about).
      await expect(page.locator('[data-consent-cookie-table][data-consent-rendered]')).toHaveCount(4);
      expect(await page.evaluate(() => window.consentBanner.__full)).not.toBe(true);
      await banner.expectVisible();
    }
    if (text !== '100%') await page.evaluate((size) => { document.documentElement.style.fontSize = size; }, text);
    const seen = [];
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Tab');
      // Measured as the visitor sees it: after the frames that follow the key press, in which a
      // banner's space resized a moment before (its ResizeObserver reports per frame) settles.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      const shown = await page.evaluate(focusedShown);
      if (!shown) continue;
      seen.push(shown.what);
      expect(shown.shown, `${shown.what} is at least partly in view, beside the banner (${shown.where})`).toBeGreaterThan(0);
    }
    // The walk really went through the page, footer links included.
    expect(seen.join(' ')).toContain('Manage privacy');
    await expect(banner.root).toBeVisible();
  });
}
