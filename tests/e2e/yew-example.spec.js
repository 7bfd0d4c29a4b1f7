// The Yew example app (examples/yew_app.rs, built by `make example`): a Yew app that renders
// <ConsentBanner config={…} /> itself, without the loader. Gating, cookies and the returning
// visit must work exactly as with the script tag.
import { existsSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { Banner, cookieNames, findCookie, recordTagRequests } from './pages.js';
import { collectConsoleErrors } from './integration-helpers.js';

const APP = '/examples/yew-app/index.html';
const BUILT = new URL('../../examples/yew-app/pkg/yew_app_bg.wasm', import.meta.url);

test.beforeAll(() => {
  if (!existsSync(BUILT)) throw new Error('the Yew example is not built: run `make example` first');
});

test('the Yew app shows the banner; Accept all runs its gated tags, stores consent, and a reload shows no banner', async ({ page, context }) => {
  const errors = collectConsoleErrors(page);
  const requests = recordTagRequests(page);
  const banner = new Banner(page);

  await page.goto(APP);
  await expect(page.getByRole('heading', { level: 1, name: 'A Yew app with a consent banner' })).toBeVisible();
  await banner.expectVisible();
  // The stylesheet applies to the component inside the app's [data-consent-root].
  expect(await banner.root.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
  // Nothing gated before a choice (the page's script, the pixel Yew rendered).
  await page.waitForTimeout(400);
  expect(requests.paths).toEqual([]);
  expect(await cookieNames(context)).not.toContain('consent');

  await banner.acceptAll();
  await expect.poll(() => requests.count('at-internet.js'), { message: 'the analytics script in index.html' }).toBe(1);
  await expect.poll(() => requests.count('numberly-pixel.gif'), { message: 'the pixel rendered by Yew' }).toBe(1);
  await expect.poll(() => page.evaluate(() => window.standInTags ?? [])).toEqual(['at-internet']);
  const consent = await findCookie(context, 'consent');
  expect(consent?.value).toMatch(/^v1\.yew-example-1\./);
  expect(consent.path).toBe('/');
  await expect(page.locator('[data-consent-status]')).toHaveText('Your choices have been saved.');

  requests.reset();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // The stored consent runs the tags again at once...
  await expect.poll(() => requests.count('at-internet.js')).toBe(1);
  await expect.poll(() => requests.count('numberly-pixel.gif')).toBe(1);
  // ...and by then the banner would have been rendered with the app.
  await expect(page.locator('[data-consent-root]')).toBeAttached();
  await banner.expectHidden();
  expect(errors).toEqual([]);
});

test('the Yew app: Reject all runs no gated tag', async ({ page, context }) => {
  const requests = recordTagRequests(page);
  const banner = new Banner(page);
  await page.goto(APP);
  await banner.rejectAll();
  await expect.poll(async () => (await findCookie(context, 'consent'))?.value).toMatch(/^v1\.yew-example-1\./);
  await page.waitForTimeout(400);
  expect(requests.paths).toEqual([]);
});
