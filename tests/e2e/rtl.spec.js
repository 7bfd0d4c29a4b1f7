// A language written right to left (Arabic, tests/fixtures/arabic.json) on a left-to-right page:
// the banner and the privacy centre carry dir="rtl" and mirror, Accept and Reject stay equal,
// and axe finds nothing.
import { test, expect } from '@playwright/test';
import { Banner } from './pages.js';
import { animationsDone, expectNoViolations } from './a11y.js';

const PAGE = '/tests/e2e/fixtures/arabic.html';

for (const width of [320, 1280]) {
  test(`at ${width} px the Arabic banner is right to left, its two answers equal, with no axe violation`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(PAGE);
    const banner = new Banner(page);
    await banner.expectVisible();
    const app = page.locator('[data-consent-root] .cb-app');
    await expect(app).toHaveAttribute('dir', 'rtl');
    await expect(app).toHaveAttribute('lang', 'ar');
    expect(await banner.root.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    // The page around it stays left to right.
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('ltr');
    const accept = await banner.button('accept-all').boundingBox();
    const reject = await banner.button('reject-all').boundingBox();
    expect(Math.abs(accept.width - reject.width)).toBeLessThanOrEqual(1);
    expect(Math.abs(accept.height - reject.height)).toBeLessThanOrEqual(1);
    // Mirrored: the first answer, Accept all, is on the right of Reject all (or above it).
    expect(accept.x >= reject.x || accept.y < reject.y).toBe(true);
    await expect(banner.button('accept-all')).toHaveText('قبول الكل');
    await animationsDone(page);
    await expectNoViolations(page);
  });
}

test('the Arabic privacy centre is right to left and its switches mirror', async ({ page }) => {
  await page.goto(PAGE);
  const centre = await new Banner(page).customise();
  await expect(page.locator('[data-consent-root] .cb-overlay')).toHaveAttribute('dir', 'rtl');
  const toggle = centre.toggleFor('analytics');
  const knob = () => toggle.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const left = parseFloat(getComputedStyle(el, '::after').left);
    return left / box.width; // where the knob sits, 0 = left edge, 1 = right edge
  });
  // Off: the knob at the start, which is the right in Arabic; on: at the left.
  expect(await knob()).toBeGreaterThan(0.4);
  await toggle.check();
  await expect.poll(knob).toBeLessThan(0.1);
  // Lifetimes in Arabic plural forms ("2 سنة" is the "two" form: سنتان).
  for (const summary of await centre.root.locator('details > summary').all()) await summary.click();
  await expect(centre.root.locator('table[data-consent-cookies="analytics"]')).toContainText('2 سنتان');
  await expect(centre.root.locator('table[data-consent-cookies="marketing"]')).toContainText('3 أشهر');
  await animationsDone(page);
  await expectNoViolations(page);
});
