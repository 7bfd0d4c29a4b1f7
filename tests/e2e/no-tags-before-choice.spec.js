// Before the visitor answers, no gated tag may load or run, not even the afterChoice one.
import { test, expect } from '@playwright/test';
import { Banner, PROVIDER_COOKIES, Site, TAG_COOKIES, cookieNames, recordTagRequests } from './pages.js';

test('no tag is requested or run before a choice', async ({ page, context }) => {
  const site = new Site(page);
  const banner = new Banner(page);
  const requests = recordTagRequests(page);

  await site.visit();
  await site.waitUntilReady();
  await banner.expectVisible();
  await site.settle();

  expect(requests.paths).toEqual([]);
  expect(await site.standInTags()).toEqual([]);
  // TC_PRIVACY and TC_PRIVACY_CENTER too: consent-provider is afterChoice, so it waits for an answer.
  const names = await cookieNames(context);
  for (const name of [...PROVIDER_COOKIES, ...TAG_COOKIES]) expect(names).not.toContain(name);
});
