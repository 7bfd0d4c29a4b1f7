// Every screen and setting: no sideways scrolling from 320 px to 1920 px; the banner and the
// privacy centre fit, with every button reachable; text at 200% stays usable on a 320 px phone;
// reduced motion, forced colours and the colour scheme are respected; the look can be themed;
// no layout shift; the banner is kept out of search snippets and is never the page's largest
// contentful paint.
import { test, expect } from '@playwright/test';
import { Banner, BUSINESS, COOKIE_POLICY, Notice, PRIVATE, PrivacyCentre } from './pages.js';
import { HEIGHTS, LANGUAGES, WIDTHS, animationsDone, contrastRatio, open } from './a11y.js';

/** The page scrolls sideways: the document is wider than the viewport. */
function pageOverflow() {
  return document.documentElement.scrollWidth - window.innerWidth;
}

/** Runs in the page: the component's part `selector`, its box, and whether it overflows sideways itself. */
function partBox(selector) {
  const el = document.querySelector('[data-consent-root]').shadowRoot.querySelector(selector);
  const r = el.getBoundingClientRect();
  return {
    left: r.left, right: r.right, top: r.top, bottom: r.bottom,
    innerOverflowX: el.scrollWidth - el.clientWidth,
    vw: window.innerWidth, vh: window.innerHeight,
  };
}

/** Asserts a box lies inside the viewport. */
function expectInside(box, what) {
  expect(box.left, `${what}: left`).toBeGreaterThanOrEqual(0);
  expect(box.top, `${what}: top`).toBeGreaterThanOrEqual(0);
  expect(box.right, `${what}: right`).toBeLessThanOrEqual(box.vw + 0.5);
  expect(box.bottom, `${what}: bottom`).toBeLessThanOrEqual(box.vh + 0.5);
}

/** Brings each control into view (scrolling whatever contains it) and checks a click would reach it. */
async function expectReachable(locator, what) {
  for (const control of await locator.all()) {
    await control.scrollIntoViewIfNeeded();
    await expect(control, what).toBeInViewport();
    // Playwright's actionability checks: visible, stable, enabled, and not covered at its centre.
    await control.click({ trial: true, timeout: 2_000 });
  }
}

for (const lang of LANGUAGES) {
  test(`from 320 to 1920 px the banner and the privacy centre fit without sideways scrolling (${lang})`, async ({ page, context, baseURL }) => {
    const banner = new Banner(page);
    const centre = new PrivacyCentre(page);
    await open(page, context, baseURL, BUSINESS, { lang });
    await banner.expectVisible();
    await animationsDone(page);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: HEIGHTS[width] });
      const where = `banner at ${width}px`;
      expect(await page.evaluate(pageOverflow), `${where}: page overflow`).toBeLessThanOrEqual(0);
      const box = await page.evaluate(partBox, '[data-consent-banner]');
      expectInside(box, where);
      expect(box.innerOverflowX, `${where}: sideways overflow inside`).toBeLessThanOrEqual(0);
      await expectReachable(banner.root.locator('button, select, a'), where);
    }
    await banner.button('customise').click();
    await centre.expectOpen();
    await animationsDone(page);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: HEIGHTS[width] });
      const where = `privacy centre at ${width}px`;
      expect(await page.evaluate(pageOverflow), `${where}: page overflow`).toBeLessThanOrEqual(0);
      const box = await page.evaluate(partBox, '[data-consent-preferences]');
      expectInside(box, where);
      expect(box.innerOverflowX, `${where}: sideways overflow inside`).toBeLessThanOrEqual(0);
      expect((await page.evaluate(partBox, '.cb-dialog-body')).innerOverflowX, `${where}: body`).toBeLessThanOrEqual(0);
      await expectReachable(centre.root.locator('[data-consent-action], input:not([disabled]), select'), where);
    }
    // The cookie tables, opened, scroll inside their own wrapper, never the dialog or the page.
    await page.setViewportSize({ width: 320, height: HEIGHTS[320] });
    for (const summary of await centre.root.locator('details > summary').all()) await summary.click();
    expect(await page.evaluate(pageOverflow)).toBeLessThanOrEqual(0);
    expect((await page.evaluate(partBox, '.cb-dialog-body')).innerOverflowX).toBeLessThanOrEqual(0);
  });
}

test('the inform notice and the cookie-policy page fit from 320 to 1920 px', async ({ page }) => {
  const notice = new Notice(page);
  await page.goto(PRIVATE);
  await notice.expectVisible();
  await animationsDone(page);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHTS[width] });
    expect(await page.evaluate(pageOverflow), `notice at ${width}px`).toBeLessThanOrEqual(0);
    expectInside(await page.evaluate(partBox, '[data-consent-banner]'), `notice at ${width}px`);
    await expectReachable(notice.button('acknowledge'), `notice at ${width}px`);
  }
  await page.goto(COOKIE_POLICY);
  await expect(page.locator('[data-consent-cookie-table] table').first()).toBeVisible();
  // The tables render as soon as the full module runs, their page stylesheet may still be
  // loading then (a short unstyled moment, noted as left to fix): measured once it applies.
  await expect.poll(() => page.evaluate(() => [...document.querySelectorAll('link[rel~="stylesheet"][href*="consent-banner"]')]
    .every((l) => l.sheet !== null))).toBe(true);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHTS[width] });
    expect(await page.evaluate(pageOverflow), `cookie policy at ${width}px`).toBeLessThanOrEqual(0);
  }
});

for (const width of [320, 375, 1280]) {
  test(`text at 200% on a ${width} px screen: every banner button and the privacy centre's actions stay reachable`, async ({ page }) => {
    const banner = new Banner(page);
    const centre = new PrivacyCentre(page);
    await page.setViewportSize({ width, height: HEIGHTS[width] });
    await page.goto(BUSINESS);
    await banner.expectVisible();
    await animationsDone(page);
    // The component sizes everything in rem: doubling the root font size doubles its text.
    const before = await banner.button('accept-all').evaluate((b) => parseFloat(getComputedStyle(b).fontSize));
    await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
    const after = await banner.button('accept-all').evaluate((b) => parseFloat(getComputedStyle(b).fontSize));
    expect(after).toBe(before * 2);

    expect(await page.evaluate(pageOverflow)).toBeLessThanOrEqual(0);
    const box = await page.evaluate(partBox, '[data-consent-banner]');
    expectInside(box, 'banner');
    expect(box.innerOverflowX).toBeLessThanOrEqual(0);
    await expectReachable(banner.root.locator('button, select, a'), 'banner at 200%');

    await banner.button('customise').click();
    await centre.expectOpen();
    expect(await page.evaluate(pageOverflow)).toBeLessThanOrEqual(0);
    expectInside(await page.evaluate(partBox, '[data-consent-preferences]'), 'privacy centre at 200%');
    // Everything in it can be scrolled to: the switches, the close button and the actions.
    await expectReachable(centre.root.locator('[data-consent-action], input:not([disabled]), select, summary'), 'privacy centre at 200%');
    // The scrolling part is really a scroller, big enough to read in.
    const scroller = await centre.root.evaluate((dialog) => {
      const body = dialog.querySelector('.cb-dialog-body');
      const el = [dialog, body].find((e) => e.scrollHeight > e.clientHeight && getComputedStyle(e).overflowY !== 'visible');
      return el ? { height: el.clientHeight, vh: window.innerHeight } : null;
    });
    expect(scroller, 'the dialog or its body scrolls').not.toBeNull();
    expect(scroller.height, 'the scrolling part keeps at least a third of the screen').toBeGreaterThanOrEqual(scroller.vh / 3);
    // And it works at that size: a choice saved with the keyboard.
    await centre.toggleFor('analytics').focus();
    await page.keyboard.press('Space');
    await centre.button('save').scrollIntoViewIfNeeded();
    await centre.button('save').click();
    await centre.expectClosed();
  });
}

test('reduced motion: nothing in the banner or the privacy centre animates or transitions', async ({ page }) => {
  const banner = new Banner(page);
  const motion = () => [...document.querySelector('[data-consent-root]').shadowRoot.querySelectorAll('*')].flatMap((el) =>
    [null, '::after', '::before'].map((pseudo) => {
      const s = getComputedStyle(el, pseudo);
      const moving = s.animationName !== 'none' || s.transitionDuration.split(',').some((d) => parseFloat(d) > 0);
      return moving ? `${el.className || el.tagName}${pseudo ?? ''}: ${s.animationName} / ${s.transitionDuration}` : null;
    })).filter(Boolean);

  // Without the preference, the banner slides in: the check below sees motion when there is some.
  await page.goto(BUSINESS);
  await banner.expectVisible();
  expect(await banner.root.evaluate((el) => getComputedStyle(el).animationName)).not.toBe('none');

  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(BUSINESS);
  await banner.expectVisible();
  expect(await banner.root.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
  expect(await page.evaluate(motion)).toEqual([]);
  const centre = await banner.customise();
  await centre.toggle('analytics', true);
  expect(await page.evaluate(motion)).toEqual([]);
});

test('forced colours: every button keeps a visible border and the switches become native checkboxes', async ({ page }) => {
  const banner = new Banner(page);
  await page.emulateMedia({ forcedColors: 'active' });
  await page.goto(BUSINESS);
  await banner.expectVisible();
  const borders = (root) => [...root.querySelectorAll('button')].map((b) => {
    const s = getComputedStyle(b);
    return { button: b.getAttribute('data-consent-action'), style: s.borderTopStyle, width: parseFloat(s.borderTopWidth) };
  });
  const expectBorders = (list, where) => {
    expect(list.length, where).toBeGreaterThan(0);
    for (const b of list) {
      expect(b.style, `${where}: ${b.button}`).not.toBe('none');
      expect(b.width, `${where}: ${b.button}`).toBeGreaterThanOrEqual(1);
    }
  };
  expectBorders(await banner.root.evaluate(borders), 'banner');
  expect(await banner.root.evaluate((el) => getComputedStyle(el).borderTopStyle)).not.toBe('none');
  const centre = await banner.customise();
  expectBorders(await centre.root.evaluate(borders), 'privacy centre');
  expect(await centre.toggleFor('analytics').evaluate((el) => getComputedStyle(el).appearance)).toBe('auto');
  // Focus stays visible: a focused button is outlined.
  await centre.button('save').focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  expect(await centre.button('save').evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
});

test('the colour scheme: light by default, dark under prefers-color-scheme: dark, both readable', async ({ page }) => {
  const banner = new Banner(page);
  const colours = () => {
    const el = document.querySelector('[data-consent-root]').shadowRoot.querySelector('[data-consent-banner]');
    const s = getComputedStyle(el);
    return [s.color, s.backgroundColor];
  };
  const luminance = ([, bg]) => (bg.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).reduce((a, b) => a + b, 0) / (3 * 255);
  for (const [scheme, dark] of [['light', false], ['dark', true]]) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(BUSINESS);
    await banner.expectVisible();
    const pair = await page.evaluate(colours);
    expect(luminance(pair) < 0.5, `${scheme}: ${pair}`).toBe(dark);
    expect(contrastRatio(pair), `${scheme}: text contrast`).toBeGreaterThanOrEqual(4.5);
  }
});

test('themeable: --consent-* custom properties on :root restyle the banner', async ({ page }) => {
  const banner = new Banner(page);
  await page.goto(BUSINESS);
  await banner.expectVisible();
  const background = (action) => banner.button(action).evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await background('accept-all')).not.toBe('rgb(1, 2, 3)');
  await page.addStyleTag({ content: ':root { --consent-button-bg: rgb(1, 2, 3); --consent-button-fg: rgb(250, 250, 250); --consent-bg: rgb(255, 250, 240); --consent-radius: 0px; }' });
  expect(await background('accept-all')).toBe('rgb(1, 2, 3)');
  // Fairness holds under any theme: Reject all follows Accept all.
  expect(await background('reject-all')).toBe('rgb(1, 2, 3)');
  expect(await banner.button('reject-all').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(250, 250, 250)');
  expect(await banner.root.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 250, 240)');
  expect(await banner.root.evaluate((el) => getComputedStyle(el).borderTopLeftRadius)).toBe('0px');
});

for (const path of [BUSINESS, PRIVATE]) {
  test(`no layout shift from navigation until a second after the banner shows (${path})`, async ({ page }) => {
    await page.addInitScript(() => {
      window.__shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(path);
    await expect(page.locator('[data-consent-banner]')).toBeVisible();
    await page.waitForTimeout(1_000);
    const shifts = await page.evaluate(() => window.__shifts);
    expect(shifts.reduce((a, b) => a + b, 0), `layout shifts: ${shifts}`).toBe(0);
  });
}

test('the component is kept out of search snippets', async ({ page }) => {
  await page.goto(COOKIE_POLICY);
  await expect(page.locator('[data-consent-root]')).toHaveAttribute('data-nosnippet', '');
  await expect(page.locator('body > [data-consent-root]')).toHaveCount(1);
  expect(await page.evaluate(() => document.body.firstElementChild.hasAttribute('data-consent-root'))).toBe(true);
  for (const tables of await page.locator('[data-consent-cookie-table] > .cb-policy').all()) {
    await expect(tables).toHaveAttribute('data-nosnippet', '');
  }
});

/** Installs a recorder of largest-contentful-paint entries, telling whether each is the component's. */
function recordLcp() {
  window.__lcp = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      // An element inside a shadow root is not exposed to the page: `element` is null for it.
      const el = e.element;
      window.__lcp.push({ size: e.size, element: el ? el.tagName : null, inBanner: !el || Boolean(el.closest('[data-consent-root]')) });
    }
  }).observe({ type: 'largest-contentful-paint', buffered: true });
}

for (const path of [BUSINESS, PRIVATE]) {
  for (const lang of LANGUAGES) {
    test(`the banner is not the largest contentful paint of ${path} (${lang})`, async ({ browser, baseURL }) => {
      // Reduced motion is the hard case: the banner paints at full opacity at once.
      for (const reducedMotion of ['reduce', 'no-preference']) {
        for (const width of [320, 375, 768, 1280, 1920]) {
          const context = await browser.newContext({ viewport: { width, height: HEIGHTS[width] }, reducedMotion, baseURL });
          await context.addCookies([{ name: 'consent_lang', value: lang, url: baseURL }]);
          const page = await context.newPage();
          await page.addInitScript(recordLcp);
          await page.goto(path);
          await expect(page.locator('[data-consent-banner]')).toBeVisible();
          await animationsDone(page);
          await page.waitForTimeout(300);
          const entries = await page.evaluate(() => window.__lcp);
          const last = entries.at(-1);
          expect(last, `${width}px, ${reducedMotion}: an LCP entry`).toBeTruthy();
          expect(last.inBanner, `${width}px, ${reducedMotion}: ${JSON.stringify(entries)}`).toBe(false);
          await context.close();
        }
      }
    });
  }
}
