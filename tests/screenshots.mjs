// Screenshots of the banner, the inform notice and the privacy centre, at a phone and a desktop
// width, in light and dark: what a visitor sees, for the README and for a human check.
//
//   node tests/screenshots.mjs            starts the demo server on a free port, writes screenshots/
//   BASE_URL=http://127.0.0.1:8080/ node tests/screenshots.mjs    uses a running demo server
//   SCREENSHOTS_DIR=docs/screenshots node tests/screenshots.mjs   writes elsewhere
//
// Needs a build (`make build`) and Chromium at /usr/bin/chromium (CHROMIUM to override).
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const OUT = resolve(ROOT, process.env.SCREENSHOTS_DIR || 'screenshots');
const VIEWPORTS = [
  { width: 375, height: 812 },
  { width: 1280, height: 800 },
];
const SCHEMES = ['light', 'dark'];

/** A TCP port nobody listens on right now. */
function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

/** Starts scripts/serve.mjs on a free port; resolves once it answers. */
async function startServer() {
  const port = await freePort();
  const server = spawn(process.execPath, [join(ROOT, 'scripts/serve.mjs'), String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const base = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await fetch(base)).ok) return { base, server };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error(`the demo server did not answer on ${base}`);
}

/** Waits until every animation and transition (shadow roots included) has finished. */
async function settled(page) {
  // document.getAnimations() leaves out shadow trees: the component's are asked for separately.
  await page.evaluate(() => {
    const shadow = document.querySelector('[data-consent-root]')?.shadowRoot;
    const all = [...document.getAnimations(), ...(shadow ? shadow.getAnimations() : [])];
    return Promise.all(all.map((a) => a.finished.catch(() => null)));
  });
}

async function shoot(browser, base, { width, height }, scheme) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme, baseURL: base });
  const page = await context.newPage();
  const name = (what) => join(OUT, `${what}-${width}-${scheme}.png`);
  const written = [];

  // The ask banner on the business page.
  await page.goto('/www/business.html');
  const banner = page.locator('[data-consent-banner]');
  await banner.waitFor({ state: 'visible' });
  await settled(page);
  await page.screenshot({ path: name('banner') });
  written.push(name('banner'));

  // The privacy centre, opened with Customise, its first cookie table open.
  await banner.locator('[data-consent-action="customise"]').click();
  const centre = page.locator('[data-consent-preferences]');
  await centre.waitFor({ state: 'visible' });
  // Off the buttons: a hovered button is lighter than the others.
  await page.mouse.move(0, 0);
  await settled(page);
  await page.screenshot({ path: name('privacy-centre') });
  written.push(name('privacy-centre'));
  await centre.locator('details.cb-cookies > summary').nth(1).click();
  await centre.locator('details.cb-cookies[open] table').scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: name('privacy-centre-cookies') });
  written.push(name('privacy-centre-cookies'));

  // The inform notice on the private page.
  await page.goto('/www/private.html');
  await page.locator('[data-consent-banner]').waitFor({ state: 'visible' });
  await settled(page);
  await page.screenshot({ path: name('notice') });
  written.push(name('notice'));

  await context.close();
  return written;
}

const external = process.env.BASE_URL;
const { base, server } = external ? { base: external.endsWith('/') ? external : `${external}/`, server: null } : await startServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  await mkdir(OUT, { recursive: true });
  for (const viewport of VIEWPORTS) {
    for (const scheme of SCHEMES) {
      for (const file of await shoot(browser, base, viewport, scheme)) console.log(file.slice(ROOT.length + 1));
    }
  }
} finally {
  await browser.close();
  server?.kill();
}
