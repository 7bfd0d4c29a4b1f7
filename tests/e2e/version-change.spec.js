// A new banner version invalidates the stored choice: the banner asks again and, until it is
// answered, no tag runs (not even those accepted for the old version).
import { test, expect } from '@playwright/test';
import { ALL_TAGS, Banner, CONFIG, CONFIG_PATH, Site, recordTagRequests } from './pages.js';

test('a changed config version shows the banner again and blocks tags until answered', async ({ page }) => {
  // Serve the real config, overriding its version once `version` is set.
  let version = null;
  await page.route(`**${CONFIG_PATH}`, async (route) => {
    const response = await route.fetch();
    const config = await response.json();
    await route.fulfill({ response, json: version ? { ...config, version } : config });
  });

  const site = new Site(page);
  const banner = new Banner(page);
  const requests = recordTagRequests(page);
  await site.visit();
  await banner.acceptAll();
  expect((await site.consent()).version).toBe(CONFIG.version);
  // Let the first view's tags finish loading, so none of its requests is counted for the second.
  await expect.poll(() => site.standInTags()).toEqual(ALL_TAGS);
  await expect.poll(() => requests.count('numberly-pixel.gif')).toBe(1);
  requests.reset();

  version = '2026-12-2';
  await site.reload();
  await site.waitUntilReady();

  await banner.expectVisible();
  await site.settle();
  expect(requests.paths).toEqual([]);
  expect(await site.standInTags()).toEqual([]);
  expect(await site.consent()).toBeNull();

  // Answering the new version records it.
  await banner.acceptAll();
  await expect.poll(async () => (await site.consent())?.version).toBe(version);
});
