// Inform mode (essential cookies only): a notice to acknowledge, remembered by the banner
// cookie alone; there is nothing to consent to, so no consent cookie is written, and the
// essential tags run at once.
import { test, expect } from '@playwright/test';
import { Notice, ONE_MINUTE_IN_DAYS, PRIVATE, SUPPORT, Site, cookieExpiryDays, cookieNames, recordTagRequests } from './pages.js';

test('the inform notice is acknowledged with the banner cookie only and not shown again', async ({ page, context }) => {
  const site = new Site(page);
  const notice = new Notice(page);

  await site.visit(PRIVATE);
  await notice.expectVisible();
  await expect(notice.button('acknowledge')).toBeVisible();
  // Inform mode has no choice to make.
  await expect(notice.button('accept-all')).toHaveCount(0);
  await expect(notice.button('reject-all')).toHaveCount(0);
  await expect(notice.button('customise')).toHaveCount(0);

  await notice.acknowledge();

  await expect.poll(() => cookieNames(context)).toContain('consent_banner');
  expect(Math.abs((await cookieExpiryDays(context, 'consent_banner')) - 7)).toBeLessThanOrEqual(ONE_MINUTE_IN_DAYS);
  expect(await cookieNames(context)).not.toContain('consent');

  await site.reload();
  await site.waitUntilReady();
  await site.settle();
  await notice.expectHidden();
  expect(await cookieNames(context)).not.toContain('consent');
});

test('the support page runs its essential Cloudflare tag at once, before any acknowledgement', async ({ page, context }) => {
  const site = new Site(page);
  const notice = new Notice(page);
  const requests = recordTagRequests(page);

  await site.visit(SUPPORT);
  await notice.expectVisible();
  await expect.poll(() => site.standInTags()).toEqual(['cloudflare']);
  await expect.poll(() => cookieNames(context)).toEqual(expect.arrayContaining(['__cf_bm', '__cflb']));
  expect(requests.paths).toEqual(['/www/tags/cloudflare.js']);
  // Still nothing answered.
  expect(await site.consent()).toBeNull();
  expect(await cookieNames(context)).not.toContain('consent_banner');
});
