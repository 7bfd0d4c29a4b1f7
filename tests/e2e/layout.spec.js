// The config's `layout` (box, bar, cloud) and `position` (bottom, top, middle × left, center,
// right): where the banner sits at 1280 px, a sheet within the screen at 320 px, Accept all and
// Reject all alike in each, and no axe violation.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { Banner, CONFIG_PATH } from './pages.js';
import { expectNoViolations, animationsDone } from './a11y.js';

const ROOT = new URL('../../', import.meta.url);

async function open(page, width, extra) {
  const config = { ...JSON.parse(readFileSync(new URL(`.${CONFIG_PATH}`, ROOT), 'utf8')), ...extra };
  await page.route(`**${CONFIG_PATH}`, (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(config) }));
  await page.setViewportSize({ width, height: 800 });
  await page.goto('/www/business.html');
  const banner = new Banner(page);
  await banner.expectVisible();
  await animationsDone(page);
  const box = await banner.root.boundingBox();
  const button = async (action) => (await banner.root.locator(`[data-consent-action="${action}"]`).boundingBox());
  return { banner, box, accept: await button('accept-all'), reject: await button('reject-all') };
}

const near = (a, b, slack = 24) => Math.abs(a - b) <= slack;

for (const layout of ['box', 'bar', 'cloud']) {
  for (const vertical of ['bottom', 'top', 'middle']) {
    for (const horizontal of ['left', 'center', 'right']) {
      test(`layout ${layout}, position "${vertical} ${horizontal}" at 1280 px`, async ({ page }) => {
        const { box, accept, reject } = await open(page, 1280, { layout, position: `${vertical} ${horizontal}` });
        if (vertical === 'bottom') expect(near(box.y + box.height, 800)).toBe(true);
        if (vertical === 'top') expect(near(box.y, 0)).toBe(true);
        if (vertical === 'middle') expect(near(box.y + box.height / 2, 400, 4)).toBe(true);
        if (layout === 'bar') {
          expect(box.x).toBe(0);
          expect(box.width).toBe(1280);
        } else {
          expect(box.width).toBeLessThanOrEqual(layout === 'cloud' ? 64 * 16 : horizontal === 'center' ? 44 * 16 : 28 * 16);
          if (horizontal === 'left') expect(near(box.x, 0)).toBe(true);
          if (horizontal === 'right') expect(near(box.x + box.width, 1280)).toBe(true);
          if (horizontal === 'center') expect(near(box.x + box.width / 2, 640, 2)).toBe(true);
        }
        if (layout === 'cloud' && horizontal === 'center') expect(box.width).toBeGreaterThan(44 * 16);
        // Accept all and Reject all alike.
        expect(Math.abs(accept.width - reject.width)).toBeLessThan(1);
        expect(Math.abs(accept.height - reject.height)).toBeLessThan(1);
      });
    }
  }
}

for (const layout of ['box', 'bar', 'cloud']) {
  for (const vertical of ['bottom', 'top', 'middle']) {
    test(`layout ${layout} at the ${vertical} of a 320 px screen: within it, buttons alike, no axe violation`, async ({ page }) => {
      const { box, accept, reject } = await open(page, 320, { layout, position: `${vertical} right` });
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(320);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(800);
      if (vertical === 'bottom') expect(near(box.y + box.height, 800, 1)).toBe(true);
      if (vertical === 'top') expect(near(box.y, 0, 1)).toBe(true);
      expect(Math.abs(accept.width - reject.width)).toBeLessThan(1);
      await expectNoViolations(page);
    });
  }
}
