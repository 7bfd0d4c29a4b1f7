// www/csp.html is served with a strict Content-Security-Policy (a fresh nonce per response, no
// 'unsafe-inline'): the banner, the wasm and both gated scripts (external and inline) must
// work without a single violation.
import { test, expect } from '@playwright/test';
import { Banner, recordTagRequests } from './pages.js';
import { CSP, collectConsoleErrors, recordCspViolations } from './integration-helpers.js';

/** The nonce of the CSP header's script-src. */
function headerNonce(csp) {
  return /script-src [^;]*'nonce-([^']+)'/.exec(csp)?.[1];
}

test('under a strict CSP the banner shows and Accept all runs both gated scripts, with no violation', async ({ page }) => {
  await page.addInitScript(recordCspViolations);
  const errors = collectConsoleErrors(page);
  const requests = recordTagRequests(page);
  const banner = new Banner(page);

  const response = await page.goto(CSP);
  const csp = response.headers()['content-security-policy'];
  expect(csp, 'the page is served with a CSP').toBeTruthy();
  const nonce = headerNonce(csp);
  expect(nonce).toMatch(/^[A-Za-z0-9+/]{16,}={0,2}$/);
  expect(csp).not.toContain("'unsafe-inline'");
  expect(csp).not.toContain("'unsafe-eval'");
  expect(csp).toMatch(/(^|; )style-src 'self'(;|$)/);
  // The loader carries that nonce (the browser hides it from getAttribute: read the property).
  expect(await page.locator('script[src$="consent-banner.js"]').evaluate((s) => s.nonce)).toBe(nonce);

  await banner.expectVisible();
  await page.waitForTimeout(400);
  expect(requests.paths).toEqual([]);
  expect(await page.evaluate(() => window.standInTags ?? [])).toEqual([]);

  await banner.acceptAll();
  // Document order: the external tag, then the inline one (which has no nonce of its own).
  await expect.poll(() => page.evaluate(() => window.standInTags ?? [])).toEqual(['at-internet', 'inline-under-csp']);
  expect(requests.count('at-internet.js')).toBe(1);
  // The activated inline script got the page's nonce.
  const inline = page.locator('script[data-consent-activated]:not([src])');
  await expect(inline).toHaveCount(1);
  expect(await inline.evaluate((s) => s.nonce)).toBe(nonce);

  // Open the privacy centre too: the whole UI must render without violations.
  await page.evaluate(() => window.consentBanner.openPreferences());
  await expect(page.locator('[data-consent-preferences]')).toBeVisible();
  await page.waitForTimeout(400);
  expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
  expect(errors).toEqual([]);
});

test('each response of the CSP page has its own nonce', async ({ page }) => {
  const first = headerNonce((await page.goto(CSP)).headers()['content-security-policy']);
  const second = headerNonce((await page.reload()).headers()['content-security-policy']);
  expect(first).toBeTruthy();
  expect(second).toBeTruthy();
  expect(second).not.toBe(first);
  expect(await page.locator('script[src$="consent-banner.js"]').evaluate((s) => s.nonce)).toBe(second);
});

test('under a strict CSP a returning visitor is served by the runtime, with the nonce given and no violation', async ({ page }) => {
  await page.addInitScript(recordCspViolations);
  const errors = collectConsoleErrors(page);
  await page.goto(CSP);
  await new Banner(page).acceptAll();
  await expect.poll(() => page.evaluate(() => window.standInTags ?? [])).toEqual(['at-internet', 'inline-under-csp']);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('consent-banner:policy'))).not.toBeNull();

  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
  const response = await page.reload();
  const nonce = headerNonce(response.headers()['content-security-policy']);
  await expect.poll(() => page.evaluate(() => window.standInTags ?? [])).toEqual(['at-internet', 'inline-under-csp']);
  expect(wasm).toEqual(['/pkg/consent_banner_runtime.wasm']);
  // The inline tag activated by the runtime got this response's nonce, so it ran.
  expect(await page.locator('script[data-consent-activated]:not([src])').evaluate((s) => s.nonce)).toBe(nonce);
  await page.waitForTimeout(400);
  expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
  expect(errors).toEqual([]);
});
