// Reject all: no optional tag loads, now or on later page views; only the essential
// afterChoice tag (the tag manager's consent cookies) runs, because a choice now exists.
import { test, expect } from '@playwright/test';
import { Banner, PROVIDER_TAGS, Site, TAG_COOKIES, cookieNames, recordTagRequests } from './pages.js';

test('after Reject all only the consent provider runs and sets TC_PRIVACY(_CENTER), also after a reload', async ({ page, context }) => {
  const site = new Site(page);
  const banner = new Banner(page);
  const requests = recordTagRequests(page);

  await site.visit();
  await banner.expectVisible();
  await banner.rejectAll();

  // The afterChoice essential tag runs once the choice is made; wait for it as proof the
  // activation pass is over, then give any wrongly gated tag time to load.
  await expect.poll(() => site.standInTags()).toEqual(PROVIDER_TAGS);
  await expect.poll(() => cookieNames(context)).toContain('TC_PRIVACY_CENTER');
  await site.settle();
  expect(requests.paths).toEqual(['/www/tags/commanders-act-consent.js']);
  // Besides the server's session cookie and the banner's own two cookies, the tag manager's
  // consent cookies are the only ones.
  expect((await cookieNames(context)).sort()).toEqual(
    ['TC_PRIVACY', 'TC_PRIVACY_CENTER', 'consent', 'consent_banner', 'itsme_session'],
  );

  const consent = await site.consent();
  expect(consent.rejected).toEqual(['analytics', 'marketing']);
  expect(consent.accepted).not.toContain('analytics');
  expect(consent.accepted).not.toContain('marketing');

  requests.reset();
  await site.reload();
  await site.waitUntilReady();
  await expect.poll(() => site.standInTags()).toEqual(PROVIDER_TAGS);
  await site.settle();
  await banner.expectHidden();
  expect(requests.paths).toEqual(['/www/tags/commanders-act-consent.js']);
  expect(await site.standInTags()).toEqual(PROVIDER_TAGS);
  const names = await cookieNames(context);
  for (const name of TAG_COOKIES) expect(names).not.toContain(name);
});
