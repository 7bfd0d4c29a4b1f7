// Hardening, bad config: whatever the config (unparsable, wrong, unsafe, missing, slow), the
// component fails closed. The console names the problem and says that no optional tag will run;
// no gated tag is requested; nothing is thrown into the page; the page's own controls keep
// working; and the config is fetched once, never retried in a loop.
import { test, expect } from '@playwright/test';
import {
  FIXTURE, FIXTURE_TAGS, SETTLE_MS, expectConsoleMessage, expectPageButtonWorks,
  minimalConfig, recordTagRequests, serveConfig, serveFixtureVariant, standInTags, watch, withUnknownArea,
} from './hardening-helpers.js';

const NO_TAG = /; no optional tag will run$/;
/** How long the component waits for a config that never arrives (src/boot.rs), plus margin. */
const CONFIG_TIMEOUT_MS = 10_000;

/** minimal.json with `edit` applied to a copy. */
function edited(edit) {
  const config = minimalConfig();
  edit(config);
  return config;
}

/** minimal.json with an `areas` map instead of categories: one area, `business`. */
function withAreas() {
  const config = minimalConfig();
  config.areas = { business: { label: { en: 'Business' }, categories: config.categories } };
  delete config.categories;
  return config;
}

const CASES = [
  {
    name: 'malformed JSON',
    body: '{ "version": "7", "policyLink": "/cookie-policy", "categories": [',
    problem: /^consent-banner: config: not valid JSON \(line 1, column \d+\)/,
  },
  {
    name: 'a JSON value that is not an object',
    body: '[]',
    problem: /^consent-banner: config: expected an object, found an array/,
  },
  {
    name: 'an empty body',
    body: '',
    problem: /^consent-banner: config: not valid JSON/,
  },
  {
    name: 'a field of the wrong type (required: "no")',
    body: edited((c) => { c.categories[1].required = 'no'; }),
    problem: /^consent-banner: config categories\[1\]\.required: expected true or false, found a string/,
  },
  {
    name: 'a version of the wrong type (a number)',
    body: edited((c) => { c.version = 7; }),
    problem: /^consent-banner: config version: expected a string, found a number/,
  },
  {
    name: 'categories of the wrong type (an object)',
    body: edited((c) => { c.categories = { analytics: true }; }),
    problem: /^consent-banner: config categories: expected an array, found an object/,
  },
  {
    name: 'an unknown top-level field',
    body: edited((c) => { c.colour = 'red'; }),
    problem: /^consent-banner: config colour: unknown field/,
  },
  {
    name: 'an unknown field in a category (a typo)',
    body: edited((c) => { c.categories[1].requried = true; }),
    problem: /^consent-banner: config categories\[1\]\.requried: unknown field/,
  },
  {
    name: 'a duplicate category id',
    body: edited((c) => { c.categories[1].id = 'essential'; }),
    problem: /^consent-banner: config categories\[1\]\.id: duplicate category id "essential"/,
  },
  {
    name: 'a category text missing in a configured language',
    body: edited((c) => { c.languages = ['en', 'nl']; }),
    problem: /^consent-banner: config categories\[0\]\.label\.nl: missing/,
  },
  {
    name: 'a configured language without built-in interface texts',
    body: edited((c) => {
      c.languages = ['en', 'ja'];
      for (const cat of c.categories) {
        cat.label.ja = cat.label.en;
        cat.description.ja = cat.description.en;
        for (const cookie of cat.cookies ?? []) cookie.purpose.ja = cookie.purpose.en;
      }
    }),
    problem: /^consent-banner: config texts\.ja\.\w+: missing: there is no built-in "ja" text/,
  },
  {
    name: 'a cookie lifetime out of range (cookieSettings.consent.days: 9999)',
    body: edited((c) => { c.cookieSettings = { consent: { days: 9999 } }; }),
    problem: /^consent-banner: config cookieSettings\.consent\.days: expected a whole number of days from 1 to 400, found 9999/,
  },
  {
    name: 'a cookie lifetime of zero days',
    body: edited((c) => { c.cookieSettings = { banner: { days: 0 } }; }),
    problem: /^consent-banner: config cookieSettings\.banner\.days: expected a whole number of days from 1 to 400, found 0/,
  },
  {
    name: 'a javascript: policy link',
    body: edited((c) => { c.policyLink = 'javascript:alert(1)'; }),
    problem: /^consent-banner: config policyLink: "javascript:alert\(1\)" is not an http, https or relative link/,
  },
  {
    name: 'a javascript: policy link in disguise (case and whitespace)',
    body: edited((c) => { c.policyLink = '  JaVaScRiPt:alert(1)'; }),
    problem: /^consent-banner: config policyLink: .* is not an http, https or relative link/,
  },
  {
    name: 'a data: policy link',
    body: edited((c) => { c.policyLink = 'data:text/html,<script>alert(1)</script>'; }),
    problem: /^consent-banner: config policyLink: "data:text\/html,.*" is not an http, https or relative link/,
  },
  {
    name: 'a config URL that answers 404',
    body: 'not found',
    status: 404,
    contentType: 'text/plain',
    problem: /^consent-banner: could not load the config from "\/hardening\/config\.json": HTTP 404; no optional tag will run$/,
  },
  {
    name: 'a config URL that answers 500',
    body: 'oops',
    status: 500,
    contentType: 'text/plain',
    problem: /^consent-banner: could not load the config from "\/hardening\/config\.json": HTTP 500/,
  },
  {
    name: 'a config URL that answers an HTML page',
    body: '<!doctype html><html><head><title>Home</title></head><body><h1>Welcome</h1></body></html>',
    contentType: 'text/html',
    problem: /^consent-banner: config: not valid JSON \(line 1, column 1\)/,
  },
];

for (const { name, body, status, contentType, problem } of CASES) {
  test(`bad config, ${name}: reported on the console, fails closed, page unharmed`, async ({ page }) => {
    const watcher = watch(page);
    const requests = recordTagRequests(page);
    const config = await serveConfig(page, body, { status, contentType });

    await page.goto(FIXTURE);
    await expectConsoleMessage(watcher, 'error', problem);
    await expectConsoleMessage(watcher, 'error', NO_TAG);
    await page.waitForTimeout(SETTLE_MS);

    expect(requests.paths, 'no gated tag requested').toEqual([]);
    expect(await standInTags(page)).toEqual([]);
    // The fixture's gated image is still inert.
    expect(await page.locator('img[data-consent-category]').getAttribute('src')).toBeNull();
    expect(watcher.pageErrors, 'nothing thrown into the page').toEqual([]);
    expect(config.count, 'the config is fetched once, not retried').toBe(1);
    // Nothing pretends a choice can be made, and the JS API answers "nothing accepted".
    await expect(page.locator('[data-consent-banner]')).toHaveCount(0);
    expect(await page.evaluate(() => window.consentBanner.getConsent())).toBeNull();
    expect(await page.evaluate(() => window.consentBanner.acceptedCategory('analytics'))).toBe(false);
    await expectPageButtonWorks(page);
    // Calling the API on a failed component throws nothing and runs nothing.
    await page.evaluate(() => window.consentBanner.acceptAll());
    await page.waitForTimeout(SETTLE_MS);
    expect(requests.paths).toEqual([]);
    expect(watcher.pageErrors).toEqual([]);
  });
}

test('bad config: every error is reported with its path, not only the first', async ({ page }) => {
  const watcher = watch(page);
  await serveConfig(page, edited((c) => {
    c.colour = 'red';
    c.policyLink = 'javascript:void(0)';
    c.categories[2].id = 'analytics';
    c.cookieSettings = { consent: { days: 9999 } };
  }));
  await page.goto(FIXTURE);
  await expectConsoleMessage(watcher, 'error', /the config has 4 error\(s\); no optional tag will run$/);
  const errors = watcher.ours('error').join('\n');
  expect(errors).toMatch(/config colour: unknown field/);
  expect(errors).toMatch(/config policyLink: /);
  expect(errors).toMatch(/config categories\[2\]\.id: duplicate category id "analytics"/);
  expect(errors).toMatch(/config cookieSettings\.consent\.days: /);
  expect(watcher.pageErrors).toEqual([]);
});

test('bad config, a config URL that never answers: gives up after 10 s, fails closed', async ({ page }) => {
  test.setTimeout(30_000);
  const watcher = watch(page);
  const requests = recordTagRequests(page);
  const config = await serveConfig(page, '', { hang: true });

  await page.goto(FIXTURE);
  // The page is usable while the config is pending: consent-banner never blocks it.
  await expectPageButtonWorks(page);
  await expectConsoleMessage(
    watcher,
    'error',
    /^consent-banner: could not load the config from "\/hardening\/config\.json": timed out; no optional tag will run$/,
    { timeout: CONFIG_TIMEOUT_MS + 2_000 },
  );
  await page.waitForTimeout(SETTLE_MS);
  expect(requests.paths).toEqual([]);
  expect(await standInTags(page)).toEqual([]);
  expect(watcher.pageErrors).toEqual([]);
  expect(config.count).toBe(1);
  await expect(page.locator('[data-consent-banner]')).toHaveCount(0);
  await expectPageButtonWorks(page);
});

test('bad config, a data-area the config (with areas) does not have: reported, fails closed', async ({ page }) => {
  const watcher = watch(page);
  const requests = recordTagRequests(page);
  const config = await serveConfig(page, withAreas());

  await serveFixtureVariant(page, withUnknownArea);
  await page.goto(FIXTURE);
  await expectConsoleMessage(
    watcher,
    'error',
    /^consent-banner: the config has no area "nowhere" \(it has business\); no optional tag will run$/,
  );
  await page.waitForTimeout(SETTLE_MS);
  expect(requests.paths).toEqual([]);
  expect(await standInTags(page)).toEqual([]);
  expect(watcher.pageErrors).toEqual([]);
  expect(config.count).toBe(1);
  await expect(page.locator('[data-consent-banner]')).toHaveCount(0);
  await expectPageButtonWorks(page);
});

test('bad config, a data-area with a config that has no areas: reported, fails closed', async ({ page }) => {
  const watcher = watch(page);
  const requests = recordTagRequests(page);
  const config = await serveConfig(page, minimalConfig());

  await serveFixtureVariant(page, withUnknownArea);
  await page.goto(FIXTURE);
  await expectConsoleMessage(
    watcher,
    'error',
    /^consent-banner: the page asks for area "nowhere" but the config has no areas; no optional tag will run$/,
  );
  await page.waitForTimeout(SETTLE_MS);
  expect(requests.paths).toEqual([]);
  expect(await standInTags(page)).toEqual([]);
  expect(watcher.pageErrors).toEqual([]);
  expect(config.count).toBe(1);
  await expectPageButtonWorks(page);
});

// The control: with the unmodified config the same fixture asks, and runs its tags once
// accepted, so the cases above fail closed because of the config and nothing else.
test('control: the minimal config on the same fixture shows the banner and runs the tags on Accept all', async ({ page }) => {
  const watcher = watch(page);
  const requests = recordTagRequests(page);
  const config = await serveConfig(page, minimalConfig());

  await page.goto(FIXTURE);
  const banner = page.locator('[data-consent-banner]');
  await expect(banner).toBeVisible();
  await page.waitForTimeout(SETTLE_MS);
  expect(requests.paths).toEqual([]);
  await banner.locator('[data-consent-action="accept-all"]').click();
  await expect(banner).toHaveCount(0);
  await expect.poll(() => standInTags(page)).toEqual(FIXTURE_TAGS);
  await expect.poll(() => requests.paths.sort()).toEqual(['/www/tags/numberly-analytics.js', '/www/tags/numberly-pixel.gif']);
  expect(watcher.ours('error')).toEqual([]);
  expect(watcher.pageErrors).toEqual([]);
  expect(config.count).toBe(1);
  await expectPageButtonWorks(page);
});
