// The README's "Your own site in ten minutes", as a new user follows it: the files of pkg/
// served from /consent/, the config, the loader tag, the footer link and every gating recipe
// taken from the README's own text, on one page. Every vendor is stood in for on the network
// (no request leaves the machine): before a choice and after Reject all none is requested; after
// Accept all every one is, and each recipe's code runs.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { Banner } from './pages.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The fenced block after `<!-- ten-minutes:NAME -->`. */
function block(name) {
  const m = new RegExp(`<!-- ten-minutes:${name} -->\\n\`\`\`(?:json|html)\\n([\\s\\S]*?)\\n\`\`\``).exec(README);
  if (!m) throw new Error(`the README has no ten-minutes:${name} block`);
  return m[1];
}

const RECIPES = ['ga4', 'gtm', 'meta', 'hotjar', 'youtube', 'maps', 'form'];
const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>My company</title>
  ${block('head')}
</head>
<body>
  <main><h1>My company</h1>
  ${RECIPES.map(block).join('\n')}
  </main>
  <footer>${block('footer')}</footer>
</body>
</html>`;

/** What each recipe requests once accepted (host and path prefix). */
const VENDORS = [
  'https://www.googletagmanager.com/gtag/js',
  'https://www.googletagmanager.com/gtm.js',
  'https://connect.facebook.net/en_US/fbevents.js',
  'https://static.hotjar.com/c/hotjar-',
  'https://www.youtube-nocookie.com/embed/VIDEO_ID',
  'https://www.google.com/maps/embed',
  'https://js-eu1.hsforms.net/forms/embed/v2.js',
];

/** Serves the site: the page, /consent/ from pkg/, the config from the README, stand-in vendors. */
async function site(page) {
  const external = [];
  await page.route('**/site/', (route) => route.fulfill({ contentType: 'text/html', body: PAGE }));
  await page.route('**/consent/config.json', (route) => route.fulfill({ contentType: 'application/json', body: block('config') }));
  await page.route(/\/consent\/(.+)$/, (route) => {
    const file = new URL(route.request().url()).pathname.replace(/^\/consent\//, '');
    if (file === 'config.json') return route.fallback();
    return route.continue({ url: new URL(`/pkg/${file}`, route.request().url()).href });
  });
  await page.route(/^https:\/\//, (route) => {
    const url = route.request().url();
    external.push(url);
    if (route.request().resourceType() === 'document') {
      return route.fulfill({ contentType: 'text/html', body: `<p>stand-in for ${url}</p>` });
    }
    let body = `(window.__vendors = window.__vendors || []).push(${JSON.stringify(url)});`;
    if (url.includes('hsforms.net')) {
      body += 'window.hbspt = { forms: { create: function (o) { document.querySelector(o.target).textContent = "form rendered"; } } };';
    }
    return route.fulfill({ contentType: 'text/javascript', body });
  });
  return external;
}

function requested(external, prefix) {
  return external.some((u) => u.startsWith(prefix));
}

test('the ten-minute site requests nothing before a choice, nor after Reject all', async ({ page }) => {
  const external = await site(page);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/site/');
  const banner = new Banner(page);
  await banner.expectVisible();
  // The video and the map show their placeholders.
  await expect(page.locator('[data-consent-placeholder="marketing:youtube"]')).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('[data-consent-placeholder="marketing:google-maps"]')).toBeVisible();
  // The form's container shows its placeholder, with HubSpot's privacy policy.
  const form = page.locator('#contact-form .cb-placeholder');
  await expect(form).toContainText('Contact form — loading it lets HubSpot set cookies.');
  await expect(form.locator('a.cb-placeholder-link')).toHaveAttribute('href', 'https://legal.hubspot.com/privacy-policy');
  expect(external).toEqual([]);

  await banner.rejectAll();
  await page.waitForTimeout(300);
  await page.reload();
  await page.waitForTimeout(500);
  expect(external).toEqual([]);
  expect(await page.evaluate(() => window.__vendors ?? [])).toEqual([]);
  // The footer link opens the privacy centre, where the visitor can change their mind.
  await page.locator('footer [data-consent-open]').click();
  await expect(page.locator('[data-consent-preferences]')).toBeVisible({ timeout: 10_000 });
  expect(errors).toEqual([]);
});

test('after Accept all, every recipe of the ten-minute site runs', async ({ page }) => {
  const external = await site(page);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/site/');
  await new Banner(page).acceptAll();
  for (const vendor of VENDORS) {
    await expect.poll(() => requested(external, vendor), { message: vendor, timeout: 10_000 }).toBe(true);
  }
  // The inline parts ran too: gtag's config, Meta's queue, Hotjar's settings, the form.
  await expect(page.locator('#contact-form')).toHaveText('form rendered');
  const ran = await page.evaluate(() => ({
    gtag: (window.dataLayer || []).some((e) => e && e[0] === 'config' && e[1] === 'G-XXXXXXXXXX'),
    gtm: (window.dataLayer || []).some((e) => e && e.event === 'gtm.js'),
    fbq: typeof window.fbq === 'function',
    hotjar: !!window._hjSettings,
  }));
  expect(ran).toEqual({ gtag: true, gtm: true, fbq: true, hotjar: true });
  expect(errors).toEqual([]);
});

test("the README's Meta recipe carries no <noscript> pixel", () => {
  // Outside the comments that tell the reader to delete it.
  const markup = (name) => block(name).replace(/<!--[\s\S]*?-->/g, '');
  expect(block('meta')).toMatch(/Delete the <noscript>/);
  expect(markup('meta')).not.toMatch(/<noscript/i);
  expect(markup('gtm')).not.toMatch(/<noscript/i);
});
