// Consent per service inside a category (tests/fixtures/services.json): a tag that names a
// service runs once that service is accepted, a tag that names only its category once all of
// it is; through the first-visit module, the full module and the returning-visitor runtime.
import { test, expect } from '@playwright/test';
import { Site } from './pages.js';

const PAGE = '/tests/e2e/fixtures/services.html';

async function cookieNames(context) {
  return (await context.cookies()).map((c) => c.name).sort();
}

test('acceptService runs only that service\'s tags; the category\'s own tags wait for all of it', async ({ page }) => {
  const site = new Site(page);
  await site.visit(PAGE);
  await site.waitUntilReady();
  await site.settle();
  expect(await site.standInTags()).toEqual([]);

  await page.evaluate(() => window.consentBanner.acceptService(['numberly'], 'analytics'));
  await expect.poll(() => site.standInTags()).toEqual(['analytics:numberly']);
  expect(await page.evaluate(() => [
    window.consentBanner.acceptedService('numberly', 'analytics'),
    window.consentBanner.acceptedService('at-internet', 'analytics'),
    window.consentBanner.acceptedService('numberly', 'marketing'),
    window.consentBanner.acceptedCategory('analytics'),
  ])).toEqual([true, false, false, false]);
  const consent = await site.consent();
  expect(consent.accepted).toEqual(['essential', 'analytics:numberly']);
  expect(consent.rejected).toEqual(['analytics', 'marketing']);
  const [change] = await site.changeEvents();
  expect(change.granted).toEqual(['analytics:numberly']);
  expect(change.method).toBe('api');

  // All of analytics: the category's own tag and the remaining service's run, in document order.
  await page.evaluate(() => window.consentBanner.acceptService('all', 'analytics'));
  await expect.poll(() => site.standInTags())
    .toEqual(['analytics:numberly', 'analytics-whole', 'analytics:at-internet']);
  expect(await page.evaluate(() => window.consentBanner.acceptedCategory('analytics'))).toBe(true);
  // Marketing was never touched.
  expect(await page.evaluate(() => window.consentBanner.acceptedService('numberly', 'marketing'))).toBe(false);
});

test('withdrawing one service deletes its cookies and nothing else; the returning visitor runtime gates per service', async ({ page, context }) => {
  const site = new Site(page);
  await site.visit(PAGE);
  await site.waitUntilReady();
  await page.evaluate(() => window.consentBanner.acceptAll());
  await expect.poll(() => site.standInTags()).toHaveLength(4);
  expect(await cookieNames(context)).toEqual(expect.arrayContaining(['atuserid', 'nmb_cmp', 'nmb_uid', 'stats_shared']));

  await page.evaluate(() => window.consentBanner.acceptService(['numberly', 'commanders-act'], 'analytics'));
  await expect.poll(async () => (await site.changeEvents()).length).toBe(2);
  const withdrawal = (await site.changeEvents())[1];
  expect(withdrawal.withdrawn).toEqual(['analytics', 'analytics:at-internet']);
  // The service's cookie and the category's own (no longer accepted whole) are gone; the
  // other services' cookies stay.
  const names = await cookieNames(context);
  expect(names).not.toContain('atuserid');
  expect(names).not.toContain('stats_shared');
  expect(names).toEqual(expect.arrayContaining(['nmb_uid', 'nmb_cmp']));

  // Next page view: a returning visitor, served by the runtime, runs exactly what is accepted.
  const later = await context.newPage();
  const again = new Site(later);
  await again.visit(PAGE);
  await again.waitUntilReady();
  await again.settle();
  expect(await again.standInTags()).toEqual(['analytics:numberly', 'marketing:numberly']);
  expect(await later.evaluate(() => window.consentBanner.__full === true)).toBe(false);
  expect(await later.evaluate(() => window.consentBanner.acceptedService('numberly', 'analytics'))).toBe(true);
  expect(await later.evaluate(() => window.consentBanner.acceptedService('at-internet', 'analytics'))).toBe(false);
});

test('a tag inserted later follows its service\'s answer', async ({ page }) => {
  const site = new Site(page);
  await site.visit(PAGE);
  await site.waitUntilReady();
  await page.evaluate(() => window.consentBanner.acceptService('at-internet', 'analytics'));
  await expect.poll(() => site.standInTags()).toEqual(['analytics:at-internet']);
  await page.evaluate(() => {
    for (const service of ['at-internet', 'numberly']) {
      const s = document.createElement('script');
      s.type = 'text/plain';
      s.setAttribute('data-consent-category', 'analytics');
      s.setAttribute('data-consent-service', service);
      s.textContent = `window.standInTags.push('late:${service}')`;
      document.body.appendChild(s);
    }
  });
  await expect.poll(() => site.standInTags()).toEqual(['analytics:at-internet', 'late:at-internet']);
  await site.settle();
  expect(await site.standInTags()).toEqual(['analytics:at-internet', 'late:at-internet']);
});

test('the full module answers acceptService and acceptedService the same way', async ({ page }) => {
  const site = new Site(page);
  await site.visit(PAGE);
  await site.waitUntilReady();
  // Opening the privacy centre loads the full module, which then answers the API.
  await page.evaluate(() => window.consentBanner.openPreferences());
  await expect(page.locator('[data-consent-preferences]')).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.consentBanner.__full === true)).toBe(true);
  await page.evaluate(() => window.consentBanner.acceptService(['at-internet', 'numberly'], 'analytics'));
  await expect.poll(() => site.standInTags()).toEqual(['analytics:numberly', 'analytics:at-internet']);
  expect(await page.evaluate(() => [
    window.consentBanner.acceptedService('at-internet', 'analytics'),
    window.consentBanner.acceptedService('commanders-act', 'analytics'),
  ])).toEqual([true, false]);
  expect((await site.consent()).accepted).toEqual(['essential', 'analytics:numberly', 'analytics:at-internet']);
  // [] refuses every service of the category.
  await page.evaluate(() => window.consentBanner.acceptService([], 'analytics'));
  await expect.poll(async () => (await site.consent()).accepted).toEqual(['essential']);
});

test('an iframe naming a service gets a placeholder naming its provider, whose Always allow accepts only it', async ({ page }) => {
  const site = new Site(page);
  await site.visit('/tests/e2e/fixtures/services-iframe.html');
  const placeholder = page.locator('[data-consent-placeholder="analytics:at-internet"]');
  await expect(placeholder).toBeVisible();
  // The iframe's title, and the service's own provider (not its source's host).
  await expect(placeholder.locator('.cb-placeholder-text')).toHaveText('Stand-in video — loading it lets AT Internet set cookies.');
  await expect(page.locator('iframe[data-consent-service]')).not.toHaveAttribute('src', /.+/);
  await placeholder.locator('button[data-consent-accept="analytics:at-internet"]').click();
  await expect(page.locator('iframe[data-consent-service]')).toHaveAttribute('src', /video\.html$/);
  await expect(placeholder).toHaveCount(0);
  const consent = await site.consent();
  expect(consent.accepted).toEqual(['essential', 'analytics:at-internet']);
  expect((await site.changeEvents())[0].method).toBe('contextual');
});
