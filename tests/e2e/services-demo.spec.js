// The demo's providers as services (www/config/itsme.json, business area): a visitor who
// accepts only AT Internet gets only AT Internet's tag and cookies, on this page view and the
// next ones (served by the returning-visitor runtime), until they withdraw it.
import { test, expect } from '@playwright/test';
import { BUSINESS, Banner, PROVIDER_TAGS, PrivacyCentre, Site, TAG_COOKIES, categoriesOf, recordTagRequests } from './pages.js';

const analytics = categoriesOf('business').find((c) => c.id === 'analytics');
const AT_INTERNET = analytics.services.find((s) => s.id === 'at-internet').cookies.map((c) => c.name);

async function cookieNames(context) {
  return (await context.cookies()).map((c) => c.name);
}

test('accepting only AT Internet runs only its tag and sets only its cookies, until it is withdrawn', async ({ page, context }) => {
  expect(AT_INTERNET).toContain('atuserid');
  const site = new Site(page);
  await site.visit(BUSINESS);
  const centre = await new Banner(page).customise();
  await centre.root.locator('[data-consent-category-panel="analytics"] input[data-consent-service="at-internet"]').check();
  await centre.save();

  await expect.poll(() => site.standInTags()).toEqual([...PROVIDER_TAGS, 'at-internet']);
  await site.settle();
  expect(await site.standInTags()).toEqual([...PROVIDER_TAGS, 'at-internet']);
  let names = await cookieNames(context);
  for (const name of AT_INTERNET) expect(names).toContain(name);
  // No other optional tag's cookie: not Numberly's, not Commanders Act's analytics cookie.
  expect(names.filter((n) => TAG_COOKIES.includes(n) && !AT_INTERNET.includes(n))).toEqual([]);
  expect((await site.consent()).accepted).toContain('analytics:at-internet');

  // Next page view: a returning visitor, served by the runtime, runs the same and no more.
  const requests = recordTagRequests(page);
  await site.reload();
  await site.waitUntilReady();
  await site.settle();
  expect(await site.standInTags()).toEqual([...PROVIDER_TAGS, 'at-internet']);
  expect(requests.paths).toEqual(expect.arrayContaining(['/www/tags/at-internet.js']));
  expect(requests.paths.filter((p) => /numberly|commanders-act\.js/.test(p))).toEqual([]);
  expect(await page.evaluate(() => window.consentBanner.__full === true)).toBe(false);

  // Withdrawn in the privacy centre: AT Internet's cookies go, the consent provider's stay.
  const again = new PrivacyCentre(page);
  await again.openViaFooter();
  await again.root.locator('[data-consent-category-panel="analytics"] input[data-consent-service="at-internet"]').uncheck();
  await again.save();
  await expect.poll(async () => (await cookieNames(context)).filter((n) => AT_INTERNET.includes(n))).toEqual([]);
  names = await cookieNames(context);
  expect(names).toContain('consent');
  const [withdrawal] = (await site.changeEvents()).slice(-1);
  expect(withdrawal.withdrawn).toEqual(['analytics:at-internet']);

  // And the page view after that runs no analytics tag.
  await site.reload();
  await site.waitUntilReady();
  await site.settle();
  expect(await site.standInTags()).toEqual([...PROVIDER_TAGS]);
});
