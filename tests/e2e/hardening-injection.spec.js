// Hardening, injection: every text the config or a cookie brings is data, never markup. Texts
// set to HTML payloads render as their literal characters (in the banner, the privacy centre and
// the cookie-policy tables of the page), no payload runs, and nothing they name is requested.
// Unsafe links are refused by validation, so nothing renders with them.
import { test, expect } from '@playwright/test';
import { BUSINESS } from './pages.js';
import {
  FIXTURE, SETTLE_MS, expectConsoleMessage, minimalConfig, recordTagRequests, serveConfig,
  serveFixtureVariant, standInTags, watch, withPolicyTables,
} from './hardening-helpers.js';

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=2</script>';
const SVG = '<svg onload="window.__pwned=3"></svg>';
const IFRAME = '<iframe src="javascript:parent.__pwned=4"></iframe>';

/** Requests a payload would make: `x` resolved against the fixture page, or an iframe. */
const payloadRequest = (pathname) => pathname.endsWith('/x');

/** minimal.json with a payload in every text it renders. */
function payloadConfig() {
  const c = minimalConfig();
  c.version = `7 ${IMG}`;
  c.texts = {
    en: {
      title: `Title ${IMG}`,
      description: `Description ${SCRIPT}`,
      acceptAll: `Accept ${SVG}`,
      policyLink: `Policy ${IFRAME}`,
      preferencesTitle: `Preferences ${IMG}`,
      choiceDetails: `Chosen ${SCRIPT} {time} {version}`,
    },
  };
  c.categories[1].label.en = `Analytics ${IMG}`;
  c.categories[1].description.en = `Analytics description ${SCRIPT}`;
  c.categories[1].cookies[0].provider = `Provider ${IMG}`;
  c.categories[1].cookies[0].purpose.en = `Purpose ${SCRIPT}`;
  c.categories[2].label.en = `Marketing ${SVG}`;
  c.categories[2].cookies = [{ name: '_mk', provider: `Ads ${SVG}`, party: 'third', lifetime: '1 day', purpose: { en: `Ads purpose ${IFRAME}` } }];
  return c;
}

/** No payload ran, no element a payload would create exists, nothing it names was requested. */
async function expectNothingRan(page, watcher, requests) {
  await page.waitForTimeout(SETTLE_MS);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  // The locators pierce the open shadow root, so these cover the banner and the privacy centre.
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('svg')).toHaveCount(0);
  await expect(page.locator('iframe')).toHaveCount(0);
  expect(await page.evaluate(() => {
    const shadow = document.querySelector('[data-consent-root]')?.shadowRoot;
    return shadow ? shadow.querySelectorAll('script, img, svg, iframe').length : 0;
  })).toBe(0);
  expect(requests.paths.filter(payloadRequest)).toEqual([]);
  expect(watcher.pageErrors).toEqual([]);
}

test('config texts holding HTML render as text in the banner, the privacy centre and the cookie tables; none runs', async ({ page }) => {
  const watcher = watch(page);
  const requests = recordTagRequests(page, payloadRequest);
  await serveConfig(page, payloadConfig());
  await serveFixtureVariant(page, withPolicyTables);
  await page.goto(FIXTURE);

  const banner = page.locator('[data-consent-banner]');
  await expect(banner).toBeVisible();
  await expect(banner.locator('h2')).toHaveText(`Title ${IMG}`);
  await expect(banner).toContainText(`Description ${SCRIPT}`);
  await expect(banner).toContainText(`Policy ${IFRAME}`);
  await expect(banner.locator('[data-consent-action="accept-all"]')).toHaveText(`Accept ${SVG}`);
  await expectNothingRan(page, watcher, requests);

  // The cookie-policy tables, rendered in the page's own DOM.
  const tables = page.locator('[data-consent-cookie-table]');
  await expect(tables).toContainText(`Analytics ${IMG}`);
  await expect(tables).toContainText(`Analytics description ${SCRIPT}`);
  await expect(tables).toContainText(`Provider ${IMG}`);
  await expect(tables).toContainText(`Purpose ${SCRIPT}`);
  await expect(tables).toContainText(`Ads ${SVG}`);
  await expect(tables).toContainText(`Ads purpose ${IFRAME}`);

  // The privacy centre: labels, descriptions, cookie tables (inside closed <details>, so
  // textContent).
  await banner.locator('[data-consent-action="customise"]').click();
  const centre = page.locator('[data-consent-preferences]');
  await expect(centre).toBeVisible();
  await expect(centre).toContainText(`Preferences ${IMG}`);
  await expect(centre).toContainText(`Analytics ${IMG}`);
  await expect(centre).toContainText(`Analytics description ${SCRIPT}`);
  await expect(centre).toContainText(`Marketing ${SVG}`);
  const cells = await centre.locator('table[data-consent-cookies="analytics"] tbody td').allTextContents();
  expect(cells.join(' | ')).toContain(`Provider ${IMG}`);
  expect(cells.join(' | ')).toContain(`Purpose ${SCRIPT}`);
  await expectNothingRan(page, watcher, requests);

  // A choice, then the privacy centre again: the current consent shows the version (a payload).
  await centre.locator('[data-consent-action="accept-all"]').click();
  await expect(centre).toHaveCount(0);
  await expect.poll(() => standInTags(page)).toHaveLength(3);
  await page.evaluate(() => window.consentBanner.openPreferences());
  await expect(centre).toBeVisible();
  await expect(centre.locator('[data-consent-current]')).toContainText(`Chosen ${SCRIPT}`);
  await expect(centre.locator('[data-consent-current]')).toContainText(`7 ${IMG}`);
  await expectNothingRan(page, watcher, requests);

  // And on the next page view, read back from the cookie.
  await page.reload();
  await expect.poll(() => page.evaluate(() => window.consentBanner.getConsent()?.version ?? null)).toBe(`7 ${IMG}`);
  await page.evaluate(() => window.consentBanner.openPreferences());
  await expect(centre.locator('[data-consent-current]')).toContainText(`7 ${IMG}`);
  await expectNothingRan(page, watcher, requests);
});

test('a declared cookie name holding HTML is refused by validation: nothing renders', async ({ page }) => {
  const watcher = watch(page);
  const requests = recordTagRequests(page, payloadRequest);
  const config = minimalConfig();
  config.categories[1].cookies[0].name = IMG;
  await serveConfig(page, config);
  await page.goto(FIXTURE);
  await expectConsoleMessage(watcher, 'error', /^consent-banner: config categories\[1\]\.cookies\[0\]\.name: .* is not a cookie name/);
  await expectConsoleMessage(watcher, 'error', /no optional tag will run$/);
  await expect(page.locator('[data-consent-root]')).toHaveCount(0);
  await expectNothingRan(page, watcher, requests);
  expect(requests.paths).toEqual([]);
});

test('a consent cookie and a language cookie holding HTML are garbage: banner, no tag, nothing runs', async ({ page, context, baseURL }) => {
  const value = '<img/src=x/onerror=window.__pwned=1>';
  await context.addCookies([
    { name: 'consent', value, url: baseURL },
    { name: 'consent_lang', value: '<svg/onload=window.__pwned=3>', url: baseURL },
  ]);
  expect((await context.cookies()).find((c) => c.name === 'consent')?.value).toBe(value);
  const watcher = watch(page);
  const requests = recordTagRequests(page, payloadRequest);

  await page.goto(BUSINESS);
  const banner = page.locator('[data-consent-banner]');
  await expect(banner).toBeVisible();
  await expectConsoleMessage(watcher, 'warning', /the consent cookie is unreadable/);
  expect(await page.evaluate(() => window.consentBanner.getConsent())).toBeNull();
  // The language falls back to the page's (en), not the cookie's value.
  await expect(page.locator('[data-consent-root] .cb-app')).toHaveAttribute('lang', 'en');
  await page.evaluate(() => window.consentBanner.openPreferences());
  await expect(page.locator('[data-consent-preferences] [data-consent-current]')).not.toContainText('<img');
  await expectNothingRan(page, watcher, requests);
  expect(requests.paths.filter((p) => p.startsWith('/www/tags/'))).toEqual([]);
  expect(await standInTags(page)).toEqual([]);
});

for (const href of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)']) {
  test(`policyLink ${JSON.stringify(href)} is refused by validation: a console error, nothing renders`, async ({ page }) => {
    const watcher = watch(page);
    const requests = recordTagRequests(page, payloadRequest);
    const config = minimalConfig();
    config.policyLink = href;
    await serveConfig(page, config);
    await page.goto(FIXTURE);
    await expectConsoleMessage(watcher, 'error', /^consent-banner: config policyLink: .* is not an http, https or relative link$/);
    await expectConsoleMessage(watcher, 'error', /no optional tag will run$/);
    await page.waitForTimeout(SETTLE_MS);
    await expect(page.locator('[data-consent-root]')).toHaveCount(0);
    await expect(page.locator('a[href*="script:"], a[href^="data:"]')).toHaveCount(0);
    expect(requests.paths).toEqual([]);
    expect(watcher.pageErrors).toEqual([]);
  });
}

test('an https: policyLink renders as a link in the banner and the privacy centre', async ({ page }) => {
  const watcher = watch(page);
  const config = minimalConfig();
  config.policyLink = 'https://example.com/cookie-policy?from=banner#top';
  await serveConfig(page, config);
  await page.goto(FIXTURE);
  const link = page.locator('[data-consent-banner] a[href="https://example.com/cookie-policy?from=banner#top"]');
  await expect(link).toBeVisible();
  await page.locator('[data-consent-banner] [data-consent-action="customise"]').click();
  await expect(page.locator('[data-consent-preferences] a[href="https://example.com/cookie-policy?from=banner#top"]')).toBeAttached();
  expect(watcher.ours('error')).toEqual([]);
  expect(watcher.pageErrors).toEqual([]);
});
