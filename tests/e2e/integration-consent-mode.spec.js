// Google Consent Mode v2 and the dataLayer: the loader sets the all-denied defaults before
// anything else; every choice, and every page view with a stored choice, sends an update
// followed by a `consent_update` event for tag-manager triggers.
import { test, expect } from '@playwright/test';
import { Banner, Site } from './pages.js';
import { CONSENT_DEFAULT, INTEGRATION, consentUpdate, dataLayer } from './integration-helpers.js';

const EVENT_REJECTED = { event: 'consent_update', consent_categories: ['essential'] };
const EVENT_ACCEPTED = { event: 'consent_update', consent_categories: ['essential', 'analytics', 'marketing'] };

test('the defaults come first and alone; Reject all sends an all-denied update, then the event', async ({ page }) => {
  const site = new Site(page);
  await site.visit(INTEGRATION);
  await site.waitUntilReady();
  // Before a choice, the defaults are all there is.
  expect(await dataLayer(page)).toEqual([CONSENT_DEFAULT]);

  await new Banner(page).rejectAll();
  await expect.poll(() => dataLayer(page)).toEqual([CONSENT_DEFAULT, consentUpdate('denied'), EVENT_REJECTED]);
});

test('the defaults are set before any later script runs', async ({ page }) => {
  // A script right after the (non-deferred) loader would see them already.
  await page.route('**/www/integration.js', async (route) => {
    const original = await route.fetch();
    const probe = 'window.__dataLayerSeenByPage = (window.dataLayer || []).map(function (e) { return Array.from(e); });\n';
    await route.fulfill({ response: original, body: probe + (await original.text()) });
  });
  await page.goto(INTEGRATION);
  await expect.poll(() => page.evaluate(() => window.__dataLayerSeenByPage)).toEqual([CONSENT_DEFAULT]);
});

test('Accept all sends an update with all four types granted, then the event', async ({ page }) => {
  const site = new Site(page);
  await site.visit(INTEGRATION);
  await new Banner(page).acceptAll();
  await expect.poll(() => dataLayer(page)).toEqual([CONSENT_DEFAULT, consentUpdate('granted'), EVENT_ACCEPTED]);
});

test('on a returning visit the update is sent again on load, before any gated tag runs', async ({ page, context }) => {
  const first = new Site(page);
  await first.visit(INTEGRATION);
  await new Banner(page).acceptAll();
  await expect.poll(() => first.standInTags()).toContain('at-internet');

  const later = await context.newPage();
  // One log, in the order things happen, of what is pushed to the dataLayer and which
  // stand-in tags run (each pushes its name to window.standInTags).
  await later.addInitScript(() => {
    const log = (window.__order = []);
    const describe = (entry) =>
      Object.prototype.toString.call(entry) === '[object Arguments]' ? `gtag:${entry[0]}:${entry[1]}` : `event:${entry.event}`;
    const layer = (window.dataLayer = []);
    layer.push = function (...entries) {
      entries.forEach((e) => log.push(describe(e)));
      return Array.prototype.push.apply(this, entries);
    };
    const tags = (window.standInTags = []);
    tags.push = function (...names) {
      names.forEach((n) => log.push(`tag:${n}`));
      return Array.prototype.push.apply(this, names);
    };
  });
  const site = new Site(later);
  await site.visit(INTEGRATION);
  await site.waitUntilReady();
  await expect.poll(() => later.evaluate(() => window.__order)).toEqual([
    'gtag:consent:default',
    'gtag:consent:update',
    'event:consent_update',
    'tag:at-internet',
  ]);
  expect(await dataLayer(later)).toEqual([CONSENT_DEFAULT, consentUpdate('granted'), EVENT_ACCEPTED]);
});
