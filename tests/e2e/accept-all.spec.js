// Accept all runs every gated tag exactly once, in document order, the afterChoice consent
// provider first.
import { test, expect } from '@playwright/test';
import { ALL_TAGS, ANALYTICS_SCRIPTS, Banner, PROVIDER_COOKIES, Site, TAG_COOKIES, cookieNames, recordTagRequests } from './pages.js';

test('Accept all requests each tag once and runs the tags in document order', async ({ page, context }) => {
  const site = new Site(page);
  const banner = new Banner(page);
  const requests = recordTagRequests(page);

  await site.visit();
  await banner.expectVisible();
  await banner.acceptAll();

  await expect.poll(() => site.standInTags()).toEqual(ALL_TAGS);
  await expect.poll(() => requests.count('numberly-pixel.gif')).toBe(1);
  // Give a duplicate activation the chance to show up before counting exactly.
  await site.settle();
  for (const file of ['commanders-act-consent.js', ...ANALYTICS_SCRIPTS, 'numberly-pixel.gif']) {
    expect(requests.count(file), file).toBe(1);
  }
  expect(requests.paths).toHaveLength(ANALYTICS_SCRIPTS.length + 2);
  expect(await site.standInTags()).toEqual(ALL_TAGS);

  // The stand-ins really placed their cookies (the point of gating them). atredir lives 30 s
  // only, so it is left out of what must still be there.
  await expect.poll(() => cookieNames(context)).toEqual(
    expect.arrayContaining([...PROVIDER_COOKIES, ...TAG_COOKIES.filter((name) => name !== 'atredir')]),
  );

  const consent = await site.consent();
  expect(consent.accepted).toEqual(expect.arrayContaining(['essential', 'consent-provider', 'analytics', 'marketing']));
  expect(consent.rejected).toEqual([]);
  await expect(site.status()).toHaveText('Your choices have been saved.');
});
