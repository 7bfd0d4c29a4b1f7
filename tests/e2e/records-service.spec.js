// The consent-records service (records/) behind the demo server's /consent-records/, as a site
// runs it behind its own domain: receipts stored, the consent cookie re-issued by the server's
// Set-Cookie with its declared lifetime (what keeps it a year in Safari), and the visitor's own
// record linked from the privacy centre.
import { Agent, request as httpRequest } from 'node:http';
import { test, expect } from '@playwright/test';
import { BUSINESS, Banner, PrivacyCentre, Site } from './pages.js';

const DAY = 86_400;
const RECEIPTS = '/consent-records/receipts';

// Safari's tracking prevention caps cookies written by document.cookie at 7 days; Chromium does
// not, so the cap is emulated: every Max-Age or Expires the page's script writes is cut to 7 days.
// Cookies from a response's Set-Cookie are untouched, as in Safari.
function capScriptCookies() {
  const desc = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  const week = 7 * 86400;
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    get() { return desc.get.call(this); },
    set(value) {
      const capped = String(value)
        .replace(/;\s*max-age=(-?\d+)/i, (m, n) => `; Max-Age=${Math.min(Number(n), week)}`)
        .replace(/;\s*expires=([^;]*)/i, (m, d) => {
          const t = Math.min(Date.parse(d), Date.now() + week * 1000);
          return `; Expires=${new Date(Number.isNaN(t) ? Date.now() + week * 1000 : t).toUTCString()}`;
        });
      desc.set.call(this, capped);
    },
  });
}

async function consentCookie(context) {
  return (await context.cookies()).find((c) => c.name === 'consent');
}

test('the service re-issues the consent cookie with its 365-day lifetime, past a 7-day cap on script cookies', async ({ page, context }) => {
  await context.addInitScript(capScriptCookies);
  const site = new Site(page);
  await site.visit(BUSINESS);
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === RECEIPTS && r.request().method() === 'POST');
  await new Banner(page).acceptAll();
  const response = await answered;
  expect(response.status()).toBe(204);
  const lines = (await response.headersArray()).filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value);
  expect(lines.find((l) => l.startsWith('consent='))).toMatch(/Max-Age=31536000/);
  expect(lines.find((l) => l.startsWith('consent_banner='))).toMatch(/Max-Age=604800/);

  // The browser stored the server's cookie: a year, not the week the script could write.
  await expect.poll(async () => (await consentCookie(context))?.expires - Date.now() / 1000)
    .toBeGreaterThan(364 * DAY);
  const cookie = await consentCookie(context);
  expect(cookie.expires - Date.now() / 1000).toBeLessThan(366 * DAY);
  // Same value the component wrote: the server re-issued it, it did not invent a consent.
  const consent = await site.consent();
  expect(decodeURIComponent(cookie.value)).toContain(consent.id);
});

test('without the service\'s answer the emulated cap holds: the consent cookie lives 7 days', async ({ page, context }) => {
  await context.addInitScript(capScriptCookies);
  await page.route(`**${RECEIPTS}`, (route) => route.fulfill({ status: 204 }));
  await new Site(page).visit(BUSINESS);
  await new Banner(page).acceptAll();
  await expect.poll(async () => (await consentCookie(context))?.expires ?? 0).toBeGreaterThan(0);
  const left = (await consentCookie(context)).expires - Date.now() / 1000;
  expect(left).toBeLessThanOrEqual(7 * DAY + 60);
});

test('the privacy centre links to the visitor\'s records, which hold each choice', async ({ page, request }) => {
  const site = new Site(page);
  await site.visit(BUSINESS);
  let posted = page.waitForResponse((r) => new URL(r.url()).pathname === RECEIPTS);
  await new Banner(page).rejectAll();
  expect((await posted).status()).toBe(204);
  const { id } = await site.consent();

  const centre = new PrivacyCentre(page);
  await centre.openViaFooter();
  const link = page.locator('[data-consent-preferences] a[data-consent-record]');
  await expect(link).toHaveAttribute('href', `/consent-records/records/${id}`);
  await expect(link).toHaveText('The record of your consent');

  const href = await link.getAttribute('href');
  posted = page.waitForResponse((r) => new URL(r.url()).pathname === RECEIPTS);
  await page.locator('[data-consent-preferences] [data-consent-action="accept-all"]').click();
  expect((await posted).status()).toBe(204);

  // What the link answers: this consent id's receipts, newest first, as JSON (one page: a
  // visitor's record holds at most 50 receipts a day).
  const answer = await request.get(href);
  expect(answer.ok()).toBe(true);
  expect(answer.headers()['content-type']).toMatch(/application\/json/);
  const { consentId, records, next } = await answer.json();
  expect(consentId).toBe(id);
  expect(next).toBeNull();
  expect(records.map((r) => [r.consentId, r.method, r.area])).toEqual([
    [id, 'privacy-centre', 'business'],
    [id, 'banner', 'business'],
  ]);
  expect(records[0].accepted).toEqual(expect.arrayContaining(['analytics', 'marketing']));
  expect(records[1].accepted).toEqual([]);
  // Following the link as the visitor would shows the same JSON.
  await centre.openViaFooter();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/consent-records/records/${id}$`));
  expect(JSON.parse(await page.locator('body').innerText()).records).toHaveLength(2);
});

test('a choice on the demo shows in the owner\'s dashboard and export, behind the token', async ({ page, request }) => {
  const { RECORDS_TOKEN } = await import('../../playwright.config.js');
  const site = new Site(page);
  await site.visit(BUSINESS);
  const posted = page.waitForResponse((r) => new URL(r.url()).pathname === RECEIPTS);
  await new Banner(page).acceptAll();
  expect((await posted).status()).toBe(204);
  const { id } = await site.consent();

  // Without the token: 401, with the Bearer challenge.
  const denied = await request.get('/consent-records/owner/stats');
  expect(denied.status()).toBe(401);
  expect(denied.headers()['www-authenticate']).toMatch(/^Bearer/);
  const wrong = await request.get('/consent-records/owner/stats', { headers: { Authorization: 'Bearer nope' } });
  expect(wrong.status()).toBe(401);

  // The export (NDJSON) holds the receipt; the statistics count it.
  const auth = { Authorization: `Bearer ${RECORDS_TOKEN}` };
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const exported = await request.get(`/consent-records/owner/export.ndjson?from=${today}&to=${tomorrow}`, { headers: auth });
  expect(exported.status()).toBe(200);
  const mine = (await exported.text()).trim().split('\n').map((l) => JSON.parse(l)).filter((r) => r.consentId === id);
  expect(mine).toHaveLength(1);
  expect(mine[0].accepted).toEqual(expect.arrayContaining(['analytics', 'marketing']));

  // The dashboard, through its login form, under a strict CSP, with its chart.
  const dashboard = await page.goto('/consent-records/owner/');
  expect(dashboard.headers()['content-security-policy']).toMatch(/default-src 'none'/);
  await page.getByLabel('Token').fill(RECORDS_TOKEN);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Acceptance rate per day' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Acceptance rate per category and day/ })).toBeVisible();
  await expect(page.locator('table').first()).toContainText(/Accept all/i);
});

// One request on a keep-alive agent of a single socket: its status, body and socket.
function send(agent, path, method, body) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, test.info().project.use.baseURL), {
      method, agent, headers: body ? { 'Content-Type': 'text/plain;charset=UTF-8' } : {},
    }, (res) => {
      let text = '';
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode, text, socket: req.socket, connection: res.headers.connection }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('the demo server passes the service\'s errors through and keeps the connection', async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    // 5 KB (over the service's 4 KiB) and 1 MB: 413 from the service itself, not a proxy's 502.
    const first = await send(agent, RECEIPTS, 'POST', `{${' '.repeat(5000)}}`);
    expect(first.status).toBe(413);
    expect(JSON.parse(first.text).error).toMatch(/larger than 4096 bytes/);
    expect(first.connection).toBe('keep-alive');
    const large = await send(agent, RECEIPTS, 'POST', 'x'.repeat(1_000_000));
    expect(large.status).toBe(413);
    // 400 and 200 too, on the same connection.
    const bad = await send(agent, RECEIPTS, 'POST', '{}');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error).toMatch(/consentId/);
    const record = await send(agent, '/consent-records/records/0123456789abcdef', 'GET');
    expect(record.status).toBe(200);
    expect(JSON.parse(record.text)).toEqual({ consentId: '0123456789abcdef', records: [], next: null });
    expect(new Set([first.socket, large.socket, bad.socket, record.socket]).size).toBe(1);
  } finally {
    agent.destroy();
  }
});
