// Hardening, bad cookies: a consent cookie the component did not write for this config and this
// moment (garbage, truncated, huge, unknown categories, from the future, expired, another tool's,
// or several copies) counts as no consent. The banner asks, no optional tag runs, the API says
// null, the console says why, nothing is thrown; and the visitor's next choice sticks.
import { test, expect } from '@playwright/test';
import { ALL_TAGS, BUSINESS, CONFIG } from './pages.js';
import { SETTLE_MS, encodeConsent, expectConsoleMessage, recordTagRequests, standInTags, watch } from './hardening-helpers.js';

const VERSION = CONFIG.version;
const DAY = 86_400;
const now = () => Math.floor(Date.now() / 1000);
/** A value the component would accept: analytics and marketing, written now. */
const genuine = (accepted = ['analytics', 'marketing'], time = now()) => encodeConsent({ version: VERSION, accepted, time });

const BAD = [
  {
    name: 'garbage',
    value: () => 'x%%garbage!!{}[]',
    reason: /the consent cookie is unreadable/,
  },
  {
    name: 'a real value truncated in its checksum',
    value: () => genuine().slice(0, -2),
    reason: /the consent cookie (fails its checksum|is unreadable)/,
  },
  {
    name: 'a real value truncated in the middle',
    value: () => genuine().slice(0, 24),
    reason: /the consent cookie (fails its checksum|is unreadable)/,
  },
  {
    name: 'a 4 KB value (a real one, padded)',
    value: () => genuine().padEnd(4_080, '0'),
    reason: /the consent cookie (fails its checksum|is unreadable)/,
  },
  {
    name: 'categories the config does not have (with a valid checksum)',
    value: () => genuine(['analytics', 'telemetry']),
    reason: /the consent cookie names unknown category "telemetry"/,
  },
  {
    name: 'a time 30 days in the future (with a valid checksum)',
    value: () => genuine(['analytics', 'marketing'], now() + 30 * DAY),
    reason: /the consent cookie's time is in the future/,
  },
  {
    name: 'a time older than the cookie lifetime (with a valid checksum)',
    value: () => genuine(['analytics', 'marketing'], now() - 400 * DAY),
    reason: /the consent cookie is older than its lifetime/,
  },
  {
    name: "another tool's value (cookieconsent's JSON, URL-encoded)",
    value: () => encodeURIComponent(JSON.stringify({ categories: ['analytics'], revision: 0, data: null })),
    reason: /the consent cookie is unreadable/,
  },
];

/** The banner is shown, no optional tag runs or is requested, the API says null. */
async function expectNoConsent(page, requests, watcher) {
  const banner = page.locator('[data-consent-banner]');
  await expect(banner).toBeVisible();
  await page.waitForTimeout(SETTLE_MS);
  expect(requests.paths, 'no gated tag requested').toEqual([]);
  expect(await standInTags(page)).toEqual([]);
  expect(await page.evaluate(() => window.consentBanner.getConsent())).toBeNull();
  expect(await page.evaluate(() => window.consentBanner.acceptedCategory('analytics'))).toBe(false);
  expect(watcher.pageErrors, 'nothing thrown into the page').toEqual([]);
}

/** Accept all on the banner: the tags run, and a reload remembers the choice. */
async function acceptAllSticks(page, requests, watcher) {
  const banner = page.locator('[data-consent-banner]');
  await banner.locator('[data-consent-action="accept-all"]').click();
  await expect(banner).toHaveCount(0);
  await expect.poll(() => standInTags(page)).toEqual(ALL_TAGS);
  await page.reload();
  await expect.poll(() => page.evaluate(() => window.consentBanner.getConsent()?.accepted ?? null))
    .toEqual(expect.arrayContaining(['analytics', 'marketing']));
  await page.waitForTimeout(SETTLE_MS);
  await expect(page.locator('[data-consent-banner]'), 'no banner after reload: the choice was kept').toHaveCount(0);
  expect(watcher.pageErrors).toEqual([]);
}

for (const { name, value, reason } of BAD) {
  test(`bad consent cookie, ${name}: banner, no tag, getConsent() null; the next choice sticks`, async ({ page, context, baseURL }) => {
    const stored = value();
    await context.addCookies([{ name: 'consent', value: stored, url: baseURL }]);
    // The browser really holds the bad value, so the test is about it.
    expect((await context.cookies()).find((c) => c.name === 'consent')?.value).toBe(stored);
    const watcher = watch(page);
    const requests = recordTagRequests(page);

    await page.goto(BUSINESS);
    await expectNoConsent(page, requests, watcher);
    await expectConsoleMessage(watcher, 'warning', reason);
    await acceptAllSticks(page, requests, watcher);
  });
}

test('bad consent cookie, the same name on two paths (/ and /www) with different values: banner, no tag; Accept all clears the stray copy', async ({ page, context }) => {
  await context.addCookies([
    { name: 'consent', value: genuine(['analytics']), domain: '127.0.0.1', path: '/' },
    { name: 'consent', value: genuine(['analytics', 'marketing']), domain: '127.0.0.1', path: '/www' },
  ]);
  expect((await context.cookies()).filter((c) => c.name === 'consent').map((c) => c.path).sort()).toEqual(['/', '/www']);
  const watcher = watch(page);
  const requests = recordTagRequests(page);

  await page.goto(BUSINESS);
  await expectNoConsent(page, requests, watcher);
  await expectConsoleMessage(watcher, 'warning', /there are several different consent cookies/);
  await acceptAllSticks(page, requests, watcher);
  // One consent cookie is left, on Path=/.
  const left = (await context.cookies()).filter((c) => c.name === 'consent');
  expect(left.map((c) => c.path)).toEqual(['/']);
});

test('bad consent cookie, the same value on two paths: it is one consent, honoured', async ({ page, context }) => {
  const value = genuine(['analytics', 'marketing']);
  await context.addCookies([
    { name: 'consent', value, domain: '127.0.0.1', path: '/' },
    { name: 'consent', value, domain: '127.0.0.1', path: '/www' },
  ]);
  const watcher = watch(page);
  await page.goto(BUSINESS);
  await expect.poll(() => standInTags(page)).toEqual(ALL_TAGS);
  await page.waitForTimeout(SETTLE_MS);
  await expect(page.locator('[data-consent-banner]')).toHaveCount(0);
  expect(watcher.pageErrors).toEqual([]);
});

// The control: the encoder above writes values the component accepts, so the cases above are
// refused for the one thing each changes, not because the encoder is wrong.
test('control: a genuine consent cookie is honoured (no banner, its tags run)', async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: 'consent', value: genuine(), url: baseURL }]);
  const watcher = watch(page);
  await page.goto(BUSINESS);
  await expect.poll(() => standInTags(page)).toEqual(ALL_TAGS);
  await page.waitForTimeout(SETTLE_MS);
  await expect(page.locator('[data-consent-banner]')).toHaveCount(0);
  expect(await page.evaluate(() => window.consentBanner.getConsent().id)).toBe('0123456789abcdef');
  expect(watcher.ours('warning')).toEqual([]);
  expect(watcher.pageErrors).toEqual([]);
});

test('the consent cookie written by Accept all is under 200 bytes', async ({ page, context }) => {
  await page.goto(BUSINESS);
  const banner = page.locator('[data-consent-banner]');
  await banner.locator('[data-consent-action="accept-all"]').click();
  await expect(banner).toHaveCount(0);
  await expect.poll(async () => (await context.cookies()).some((c) => c.name === 'consent')).toBe(true);
  const consent = (await context.cookies()).find((c) => c.name === 'consent');
  expect(consent.value).toMatch(new RegExp(`^v1\\.${VERSION.replace(/[^A-Za-z0-9_-]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}\\.`));
  expect(consent.name.length + 1 + consent.value.length).toBeLessThan(200);
});
