// Placeholders of blocked content (issue 25 point 5) on the embedded-content demo
// (/www/embeds.html: a video iframe of service marketing:video, and a container
// [data-consent-placeholder="marketing:forms"] whose gated script renders a form): short copy,
// the provider's privacy policy, "Load once" (this page view only: nothing stored, nothing else
// run) and "Always allow" (that service accepted, nothing more), focus handed to the content,
// and never wider than the container at 320 px.
import { test, expect } from '@playwright/test';
import { Banner, SETTLE_MS, recordTagRequests } from './pages.js';
import { expectNoViolations } from './a11y.js';
import { collectConsoleErrors } from './integration-helpers.js';

const PAGE = '/www/embeds.html';

function parts(page) {
  return {
    video: page.locator('.cb-placeholder[data-consent-placeholder="marketing:video"]'),
    form: page.locator('[data-demo-form] > .cb-placeholder'),
    iframe: page.locator('iframe[data-consent-service="video"]'),
    container: page.locator('[data-demo-form]'),
  };
}

test('before a choice: each placeholder says what and who, links the policy, loads nothing', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const requests = recordTagRequests(page);
  const { video, form, iframe, container } = parts(page);
  await page.goto(PAGE);
  await new Banner(page).expectVisible();
  await expect(video).toBeVisible();
  await expect(video.locator('.cb-placeholder-text')).toHaveText('Product video — loading it lets VideoHost set cookies.');
  await expect(video.locator('button')).toHaveText(['Load once', 'Always allow']);
  const link = video.locator('a.cb-placeholder-link');
  await expect(link).toHaveText('VideoHost’s privacy policy');
  await expect(link).toHaveAttribute('href', '/www/privacy-statement.html#videohost');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  // The buttons are described by the sentence (several placeholders: "Load once" of what).
  const described = await video.locator('button').first().evaluate((b) => document.getElementById(b.getAttribute('aria-describedby'))?.textContent);
  expect(described).toBe('Product video — loading it lets VideoHost set cookies.');
  // The iframe's own box (560 × 315), before it, while the iframe is hidden.
  const box = await video.boundingBox();
  expect(Math.round(box.width)).toBe(560);
  expect(Math.round(box.height)).toBe(315);
  expect(await video.evaluate((p) => p.nextElementSibling?.localName)).toBe('iframe');
  await expect(iframe).toBeHidden();

  // The widget's container holds its placeholder; FormHost names no privacy policy.
  await expect(form).toBeVisible();
  await expect(form.locator('.cb-placeholder-text')).toHaveText('Contact form — loading it lets FormHost set cookies.');
  await expect(form.locator('a')).toHaveCount(0);
  await expect(container.locator('form')).toHaveCount(0);

  await page.waitForTimeout(SETTLE_MS);
  expect(requests.paths).toEqual([]);
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoViolations(page, ['.cb-placeholder']);
  }
  expect(errors).toEqual([]);
});

test('Load once: that content for this page view only, nothing stored, focus on the content', async ({ page, context }) => {
  const requests = recordTagRequests(page);
  const banner = new Banner(page);
  const { video, form, iframe, container } = parts(page);
  await page.goto(PAGE);
  await banner.expectVisible();
  await video.locator('[data-consent-load-once]').click();
  await expect.poll(() => requests.count('video.html')).toBe(1);
  await expect(iframe).toHaveAttribute('src', '/www/tags/video.html');
  await expect(iframe).toBeVisible();
  await expect(video).toHaveCount(0);
  await expect(iframe).toBeFocused();
  // The form's widget is another service: still behind its placeholder.
  await expect(form).toBeVisible();
  expect(requests.count('form-widget.js')).toBe(0);

  // The widget: its gated script runs and renders into the container.
  await form.locator('[data-consent-load-once]').click();
  await expect(container.locator('form[data-demo-form-rendered]')).toBeVisible();
  await expect(form).toHaveCount(0);
  await expect(container).toBeFocused();
  expect(requests.count('form-widget.js')).toBe(1);

  // No choice was made: the banner still asks, nothing of ours is stored.
  await banner.expectVisible();
  expect(await page.evaluate(() => window.consentBanner.getConsent())).toBeNull();
  const ours = (await context.cookies()).map((c) => c.name).filter((n) => n.startsWith('consent'));
  expect(ours).toEqual([]);
  expect(await page.evaluate(() => localStorage.getItem('consent_history'))).toBeNull();

  // The next page view asks again.
  requests.reset();
  await page.reload();
  await expect(parts(page).video).toBeVisible();
  await expect(parts(page).form).toBeVisible();
  await page.waitForTimeout(SETTLE_MS);
  expect(requests.paths).toEqual([]);
});

test('Always allow: that service accepted, the other kept blocked, and so on the next view', async ({ page }) => {
  const requests = recordTagRequests(page);
  const banner = new Banner(page);
  const { video, form, container } = parts(page);
  const changes = [];
  await page.exposeFunction('__change', (d) => changes.push(d));
  await page.addInitScript(() => window.addEventListener('consent:change', (e) => window.__change(e.detail)));
  await page.goto(PAGE);
  await banner.expectVisible();
  await form.locator('[data-consent-accept]').click();
  await expect(container.locator('form[data-demo-form-rendered]')).toBeVisible();
  await expect(form).toHaveCount(0);
  await banner.expectHidden();
  const consent = await page.evaluate(() => window.consentBanner.getConsent());
  expect(consent.accepted).toEqual(['essential', 'marketing:forms']);
  await expect.poll(() => changes.length).toBe(1);
  expect(changes[0].method).toBe('contextual');
  await expect(video).toBeVisible();
  expect(requests.count('video.html')).toBe(0);

  // The next view: the returning visitor's runtime runs the accepted widget at once and shows
  // the video's placeholder from what the first visit cached (the kit): the full module is
  // never downloaded.
  requests.reset();
  const full = [];
  page.on('request', (r) => { if (/\/pkg\/consent_banner(_bg\.wasm|\.js)$/.test(new URL(r.url()).pathname)) full.push(r.url()); });
  const ready = [];
  await page.exposeFunction('__ready', () => ready.push(1));
  await page.addInitScript(() => window.addEventListener('consent:ready', () => window.__ready()));
  await page.reload();
  await expect(parts(page).container.locator('form[data-demo-form-rendered]')).toBeVisible();
  await expect(parts(page).video).toBeVisible();
  await expect(parts(page).video.locator('[data-consent-accept]')).toHaveText('Always allow');
  await page.waitForTimeout(SETTLE_MS);
  expect(requests.paths).toEqual(['/www/tags/form-widget.js']);
  expect(ready).toEqual([1]);
  expect(full).toEqual([]);
});

test.describe('at 320 px', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('a placeholder is never wider than its container, and its buttons wrap inside it', async ({ page }) => {
    const { video, form } = parts(page);
    await page.goto(PAGE);
    await expect(video).toBeVisible();
    await expect(form).toBeVisible();
    for (const p of [video, form]) {
      const fit = await p.evaluate((el) => {
        const room = el.parentElement.getBoundingClientRect();
        const r = el.getBoundingClientRect();
        const buttons = [...el.querySelectorAll('button, a')].map((b) => b.getBoundingClientRect());
        return {
          left: r.left - room.left, right: room.right - r.right, overflow: el.scrollWidth - el.clientWidth,
          outside: buttons.filter((b) => b.right > r.right + 0.5 || b.left < r.left - 0.5).length,
        };
      });
      expect(fit.left, JSON.stringify(fit)).toBeGreaterThanOrEqual(-0.5);
      expect(fit.right, JSON.stringify(fit)).toBeGreaterThanOrEqual(-0.5);
      expect(fit.overflow, JSON.stringify(fit)).toBeLessThanOrEqual(0);
      expect(fit.outside, JSON.stringify(fit)).toBe(0);
    }
    // The page itself does not scroll sideways because of them.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });
});

test('a container naming an entry the config lacks is reported once and shows nothing', async ({ page }) => {
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.route('**/www/embeds.html', async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('<h2>Contact us</h2>',
      '<h2>Contact us</h2><div data-consent-placeholder="marketing:chat"></div><div data-consent-placeholder="marketing:chat"></div>');
    await route.fulfill({ response, body });
  });
  await page.goto(PAGE);
  await expect(parts(page).form).toBeVisible();
  await expect(page.locator('[data-consent-placeholder="marketing:chat"] .cb-placeholder')).toHaveCount(0);
  await expect.poll(() => warnings.filter((w) => w.includes('data-consent-placeholder="marketing:chat"')).length).toBe(1);
  expect(warnings.find((w) => w.includes('marketing:chat'))).toContain('its categories: essential, marketing');
});
