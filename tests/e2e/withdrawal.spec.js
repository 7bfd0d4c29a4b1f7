// Withdrawing a category in the privacy centre deletes the cookies it declares that the page
// can see, at once (no reload), tells page code, and keeps its tags off on later page views;
// the categories still accepted keep their cookies and tags.
import { test, expect } from '@playwright/test';
import {
  ALL_TAGS, ANALYTICS_SCRIPTS, Banner, MY_ITSME, PROVIDER_COOKIES, PROVIDER_TAGS, PrivacyCentre, Site,
  cookieNames, declaredCookies, recordTagRequests, withServices,
} from './pages.js';

const ANALYTICS_COOKIES = declaredCookies('business', 'analytics');
const MARKETING_COOKIES = declaredCookies('business', 'marketing');
// Set by the stand-in tags and visible to the page (atredir lives 30 s only: not relied upon).
const SEEN_ANALYTICS = ['nmb_session', 'TCPID', 'atidvisitor', 'atuserid', 'atsession', 'atreman', 'atauthority'];

test('switching analytics off deletes its cookies at once, keeps marketing, and stops its tags on the next view', async ({ page, context }) => {
  const site = new Site(page);
  const banner = new Banner(page);
  const centre = new PrivacyCentre(page);
  const requests = recordTagRequests(page);

  await site.visit();
  await banner.acceptAll();
  await expect.poll(() => site.standInTags()).toEqual(ALL_TAGS);
  await expect.poll(() => cookieNames(context)).toEqual(
    expect.arrayContaining([...SEEN_ANALYTICS, ...MARKETING_COOKIES, ...PROVIDER_COOKIES]),
  );

  await centre.openViaFooter();
  await expect(centre.toggleFor('analytics')).toBeChecked();
  await expect(centre.toggleFor('marketing')).toBeChecked();
  await centre.toggle('analytics', false);
  // A marker that a reload would lose: the deletion must happen in this page view.
  await page.evaluate(() => { window.__sameView = true; });
  await centre.save();
  await expect(site.status()).toHaveText('Your choices have been saved.');

  // Deleted in this page view, without a reload.
  await expect.poll(async () => (await cookieNames(context)).filter((n) => ANALYTICS_COOKIES.includes(n))).toEqual([]);
  expect(await page.evaluate(() => window.__sameView)).toBe(true);
  const names = await cookieNames(context);
  // Marketing (still accepted; its cookies come from the server on the pixel response) and
  // the essential ones stay.
  expect(names).toEqual(expect.arrayContaining([...MARKETING_COOKIES, ...PROVIDER_COOKIES, 'consent', 'consent_banner', 'itsme_session']));

  await expect.poll(async () => (await site.changeEvents()).length).toBe(2);
  const detail = (await site.changeEvents())[1];
  expect(detail.withdrawn).toEqual(withServices('business', ['analytics']));
  expect(detail.granted).toEqual([]);
  expect(detail.method).toBe('privacy-centre');
  const consent = await site.consent();
  expect(consent.accepted).not.toContain('analytics');
  expect(consent.accepted).toContain('marketing');
  expect(consent.rejected).toEqual(['analytics']);
  expect(detail.consent).toEqual(consent);
  expect(await page.evaluate(() => window.consentBanner.acceptedCategory('analytics'))).toBe(false);
  expect(await page.evaluate(() => window.consentBanner.acceptedCategory('marketing'))).toBe(true);

  // The next page view: the pixel loads, no analytics tag is requested or run.
  requests.reset();
  await site.reload();
  await site.waitUntilReady();
  await expect.poll(() => requests.count('numberly-pixel.gif')).toBe(1);
  await expect.poll(() => site.standInTags()).toEqual(PROVIDER_TAGS);
  await site.settle();
  for (const file of ANALYTICS_SCRIPTS) expect(requests.count(file), file).toBe(0);
  expect(await site.standInTags()).toEqual(PROVIDER_TAGS);
  await banner.expectHidden();
  expect((await cookieNames(context)).filter((n) => ANALYTICS_COOKIES.includes(n))).toEqual([]);
});

test('Reject all in the privacy centre withdraws analytics and marketing and deletes both sets of cookies', async ({ page, context }) => {
  const site = new Site(page);
  const centre = new PrivacyCentre(page);

  await site.visit();
  await new Banner(page).acceptAll();
  await expect.poll(() => cookieNames(context)).toEqual(expect.arrayContaining([...SEEN_ANALYTICS, ...MARKETING_COOKIES]));

  await centre.openViaFooter();
  await centre.rejectAll();

  await expect.poll(async () => (await cookieNames(context)).filter((n) => [...ANALYTICS_COOKIES, ...MARKETING_COOKIES].includes(n))).toEqual([]);
  // Essential cookies, the consent provider's included, are never withdrawn.
  expect(await cookieNames(context)).toEqual(expect.arrayContaining([...PROVIDER_COOKIES, 'consent', 'consent_banner', 'itsme_session']));
  await expect.poll(async () => (await site.changeEvents()).at(-1)?.withdrawn).toEqual(withServices('business', ['analytics', 'marketing']));
});

test('withdrawing account analytics on my-itsme deletes _ga and the cookies matching the declared _ga_* pattern', async ({ page, context }) => {
  const site = new Site(page);
  const centre = new PrivacyCentre(page);

  await site.visit(MY_ITSME);
  await new Banner(page).acceptAll();
  await expect.poll(() => site.standInTags()).toEqual(['google-analytics']);
  await expect.poll(() => cookieNames(context)).toEqual(expect.arrayContaining(['_ga', '_ga_DEMO123']));

  await centre.openViaFooter();
  await centre.toggle('account-analytics', false);
  await centre.save();

  await expect.poll(async () => (await cookieNames(context)).filter((n) => n.startsWith('_ga'))).toEqual([]);
  await expect.poll(async () => (await site.changeEvents()).at(-1)?.withdrawn).toEqual(withServices('my-itsme', ['account-analytics']));
});
