// The config's `theme`: "light" or "dark" whatever the visitor's prefers-color-scheme, on the
// first-visit banner, the privacy centre (the full module) and the placeholders, at 320 px,
// with no axe violation; "auto" (the default) follows the visitor.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { Banner, CONFIG_PATH } from './pages.js';
import { expectNoViolations, animationsDone } from './a11y.js';

const ROOT = new URL('../../', import.meta.url);
const LIGHT = 'rgb(255, 255, 255)';
const DARK = 'rgb(31, 31, 35)';

/** Serves a demo config with `theme` set (or left out for undefined). */
async function withTheme(page, path, theme) {
  const config = JSON.parse(readFileSync(new URL(`.${path}`, ROOT), 'utf8'));
  if (theme !== undefined) config.theme = theme;
  await page.route(`**${path}`, (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(config) }));
}

/** The background of the first element matching `selector`, in the page or the component's shadow root. */
function background(page, selector) {
  return page.locator(selector).first().evaluate((el) => getComputedStyle(el).backgroundColor);
}

for (const [theme, scheme, want] of [['light', 'dark', LIGHT], ['dark', 'light', DARK], [undefined, 'dark', DARK], [undefined, 'light', LIGHT]]) {
  test(`theme ${theme ?? 'auto (left out)'} under prefers-color-scheme ${scheme}: banner, privacy centre and placeholder are ${want === LIGHT ? 'light' : 'dark'}, at 320 px`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.emulateMedia({ colorScheme: scheme });
    await withTheme(page, CONFIG_PATH, theme);
    await page.goto('/www/business.html');
    const banner = new Banner(page);
    await banner.expectVisible();
    await animationsDone(page);
    expect(await background(page, '[data-consent-banner]')).toBe(want);
    await expectNoViolations(page);
    const centre = await banner.customise();
    await animationsDone(page);
    expect(await background(page, '[data-consent-preferences]')).toBe(want);
    // Nothing wider than the screen.
    expect(await centre.root.evaluate((el) => el.getBoundingClientRect().width)).toBeLessThanOrEqual(320);
    await expectNoViolations(page);

    await withTheme(page, '/www/config/integration.json', theme);
    await page.goto('/www/integration.html');
    const placeholder = page.locator('.cb-placeholder').first();
    await expect(placeholder).toBeVisible();
    expect(await background(page, '.cb-placeholder')).toBe(want === LIGHT ? 'rgb(242, 242, 244)' : 'rgb(38, 38, 43)');
    await expectNoViolations(page, ['.cb-placeholder']);
  });
}
