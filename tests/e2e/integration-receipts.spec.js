// Proof of consent: each choice on integration.html (receiptEndpoint "/receipts") posts one
// receipt that identifies the choice, and nothing that identifies the visitor.
import { test, expect } from '@playwright/test';
import { Banner, SETTLE_MS, Site } from './pages.js';
import { INTEGRATION, receiptsFor } from './integration-helpers.js';

test('Save with analytics only posts exactly one receipt with exactly the documented fields', async ({ page, request }) => {
  const site = new Site(page);
  await site.visit(INTEGRATION);
  const centre = await new Banner(page).customise();
  await centre.toggle('analytics', true);
  await centre.save();

  const consent = await site.consent();
  expect(consent.accepted).toEqual(['essential', 'analytics']);
  await expect.poll(async () => (await receiptsFor(request, consent.id)).length).toBe(1);
  // Give a duplicate the chance to arrive before counting exactly.
  await page.waitForTimeout(SETTLE_MS);
  const receipts = await receiptsFor(request, consent.id);
  expect(receipts).toHaveLength(1);
  const [receipt] = receipts;

  expect(receipt).toEqual({
    consentId: consent.id,
    time: consent.time,
    version: 'integration-1',
    configHash: expect.stringMatching(/^fnv1a64:[0-9a-f]{16}$/),
    // integration.json has no areas.
    area: null,
    language: 'en',
    accepted: ['analytics'],
    rejected: ['marketing'],
    method: 'privacy-centre',
    gpc: false,
  });
  expect(Date.parse(receipt.time)).not.toBeNaN();
});

test('each choice posts its own receipt under the same consent id, with the same config hash', async ({ page, request }) => {
  const site = new Site(page);
  await site.visit(INTEGRATION);
  await new Banner(page).rejectAll();
  const { id } = await site.consent();
  await expect.poll(async () => (await receiptsFor(request, id)).length).toBe(1);

  await page.evaluate(() => window.consentBanner.acceptAll());
  await expect.poll(async () => (await receiptsFor(request, id)).map((r) => r.method)).toEqual(['banner', 'api']);
  const [rejected, accepted] = await receiptsFor(request, id);
  expect(rejected).toMatchObject({ accepted: [], rejected: ['analytics', 'marketing'] });
  expect(accepted).toMatchObject({ accepted: ['analytics', 'marketing'], rejected: [] });
  expect(accepted.configHash).toBe(rejected.configHash);
});
