// Screenshots of the banner, the inform notice and the privacy centre, at a phone and a desktop
// width, in light and dark: what a visitor sees, for the README and for a human check. Then one
// per value of the config's `layout` (box, bar, cloud) and `theme` (light, dark), and the nine
// `position`s composed into one picture (options-*.png), palette-quantised (upng-js) to stay a few
// tens of KB. Then the consent-records dashboard after twelve choices on the demo (dashboard.png:
// the service, target/debug/consent-records from `make records-bin`, on a fresh SQLite file), and
// consent-audit's HTML report of the demo with a config missing atuserid, a misspelt gate and a
// Meta Pixel in <noscript> (audit-report.png: target/release/consent-audit, left out when it is
// not built). `make docs-screenshots` builds both and copies the README's into docs/.
//
//   node tests/screenshots.mjs            starts the demo server on a free port, writes screenshots/
//   BASE_URL=http://127.0.0.1:8080/ node tests/screenshots.mjs    uses a running demo server
//                                         (and leaves the dashboard out: its token is not ours)
//   SCREENSHOTS_DIR=docs/screenshots node tests/screenshots.mjs   writes elsewhere
//
// Needs a build (`make build`) and Chromium at /usr/bin/chromium (CHROMIUM to override).
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import UPNG from 'upng-js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const OUT = resolve(ROOT, process.env.SCREENSHOTS_DIR || 'screenshots');
const VIEWPORTS = [
  { width: 375, height: 812 },
  { width: 1280, height: 800 },
];
const SCHEMES = ['light', 'dark'];
// The demo's config, served with one option changed (as tests/e2e/layout.spec.js and
// theme.spec.js do), on its business page.
const CONFIG_PATH = '/www/config/itsme.json';
const OPTIONS_PAGE = '/www/business.html';
// Wide enough for the cloud (64rem) to show between the box (44rem) and the bar (the window's width).
const LAYOUT_VIEWPORT = { width: 1120, height: 600 };
const THEME_VIEWPORT = { width: 800, height: 500 };
// The nine positions' captures are made at this size and drawn at a third of it, in a 3 x 3 grid.
const POSITION_VIEWPORT = { width: 1280, height: 800 };
const POSITION_SCALE = 1 / 4;

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

/** Resolves once `url` answers 200, or fails after 10 s. */
async function answering(url, child, what) {
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`${what} did not answer on ${url}`);
}

// The site owner's token for this run's dashboard.
const RECORDS_TOKEN = randomBytes(16).toString('hex');
const RECORDS_DB = join(ROOT, 'target/screenshots/records.db');

/**
 * Starts the consent-records service on a fresh SQLite file, then scripts/serve.mjs in front of
 * it (as `make demo` does), each on a free port; resolves once both answer.
 */
async function startServer() {
  await mkdir(dirname(RECORDS_DB), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) await rm(RECORDS_DB + suffix, { force: true });
  const recordsPort = await freePort();
  const records = spawn(join(ROOT, 'target/debug/consent-records'), ['--config', 'www/config/itsme.json',
    '--listen', `127.0.0.1:${recordsPort}`, '--database', `sqlite://${RECORDS_DB}`, '--trust-proxy'], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CONSENT_RECORDS_TOKEN: RECORDS_TOKEN },
  });
  records.once('error', (e) => console.error(`consent-records: ${e.message} (run \`make records-bin\`)`));
  await answering(`http://127.0.0.1:${recordsPort}/records/0000000000000000`, records, 'the consent-records service');
  const port = await freePort();
  const server = spawn(process.execPath, [join(ROOT, 'scripts/serve.mjs'), String(port)], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, CONSENT_RECORDS_URL: `http://127.0.0.1:${recordsPort}` },
  });
  const base = `http://127.0.0.1:${port}/`;
  await answering(base, server, 'the demo server');
  return { base, server, records };
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

/**
 * Rewrites a PNG with at most `colours` colours (a palette PNG, lossy but alike to the eye for
 * flat UI pictures): a page screenshot of 800 x 500 goes from about 60 to 30 KB.
 */
async function quantise(path, colours = 256) {
  const img = UPNG.decode(await readFile(path));
  const rgba = UPNG.toRGBA8(img)[0];
  await writeFile(path, Buffer.from(UPNG.encode([rgba], img.width, img.height, colours)));
}

/** A page at `viewport` whose demo config has `options` over its own, the banner shown and settled. */
async function withOptions(browser, base, viewport, scheme, options) {
  const config = { ...JSON.parse(await readFile(join(ROOT, `.${CONFIG_PATH}`), 'utf8')), ...options };
  const context = await browser.newContext({ viewport, colorScheme: scheme, baseURL: base });
  await context.route(`**${CONFIG_PATH}`, (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(config) }));
  const page = await context.newPage();
  await page.goto(OPTIONS_PAGE);
  await page.locator('[data-consent-banner]').waitFor({ state: 'visible' });
  await settled(page);
  return { context, page };
}

/** options-layout-<layout>.png, options-theme-<theme>.png and options-positions.png. */
async function shootOptions(browser, base) {
  const written = [];
  const one = async (file, viewport, scheme, options) => {
    const { context, page } = await withOptions(browser, base, viewport, scheme, options);
    const path = join(OUT, file);
    await page.screenshot({ path });
    await context.close();
    await quantise(path);
    written.push(path);
  };
  for (const layout of ['box', 'bar', 'cloud']) await one(`options-layout-${layout}.png`, LAYOUT_VIEWPORT, 'light', { layout });
  // Each theme under the other colour scheme: the config wins over the visitor's preference.
  await one('options-theme-light.png', THEME_VIEWPORT, 'dark', { theme: 'light' });
  await one('options-theme-dark.png', THEME_VIEWPORT, 'light', { theme: 'dark' });

  // The nine positions (box layout), each captured at POSITION_VIEWPORT, then drawn smaller into
  // one canvas with its name under it, in a blank page of the same browser.
  const shots = [];
  for (const vertical of ['top', 'middle', 'bottom']) {
    for (const horizontal of ['left', 'center', 'right']) {
      const position = `${vertical} ${horizontal}`;
      const { context, page } = await withOptions(browser, base, POSITION_VIEWPORT, 'light', { position });
      shots.push({ position, png: (await page.screenshot()).toString('base64') });
      await context.close();
    }
  }
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const dataUrl = await page.evaluate(async ({ shots, width, height, scale }) => {
    const w = Math.round(width * scale), h = Math.round(height * scale), gap = 12, label = 24;
    const canvas = document.createElement('canvas');
    canvas.width = 3 * w + 4 * gap;
    canvas.height = 3 * (h + label) + 4 * gap;
    const g = canvas.getContext('2d');
    g.fillStyle = '#f2f2f4';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.font = '14px system-ui, sans-serif';
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    for (const [i, { position, png }] of shots.entries()) {
      const img = new Image();
      img.src = `data:image/png;base64,${png}`;
      await img.decode();
      const x = gap + (i % 3) * (w + gap), y = gap + Math.floor(i / 3) * (h + label + gap);
      g.imageSmoothingQuality = 'high';
      g.drawImage(img, x, y, w, h);
      g.strokeStyle = '#b0b0b8';
      g.strokeRect(x - 0.5, y - 0.5, w + 1, h + 1);
      g.fillStyle = '#1d1d1f';
      g.fillText(`"${position}"`, x + w / 2, y + h + label / 2);
    }
    return canvas.toDataURL('image/png');
  }, { shots, ...POSITION_VIEWPORT, scale: POSITION_SCALE });
  await context.close();
  const path = join(OUT, 'options-positions.png');
  await writeFile(path, Buffer.from(dataUrl.split(',')[1], 'base64'));
  // Small pictures of text: 32 colours keep it as legible as 256 for two thirds of the bytes.
  await quantise(path, 32);
  written.push(path);
  return written;
}

/**
 * Twelve choices on the demo, each a new visitor whose receipt the service stores (six Accept
 * all, four Reject all, two analytics only in the privacy centre; three of them on My itsme, so
 * that no two points of the chart meet), then the owner's dashboard, logged in with the token:
 * dashboard.png, at 1100 x 900.
 */
async function shootDashboard(browser, base) {
  const choices = [
    ...Array(5).fill(['/www/business.html', 'accept-all']),
    ...Array(2).fill(['/www/business.html', 'reject-all']),
    ...Array(2).fill(['/www/business.html', 'analytics']),
    ['/www/my-itsme.html', 'accept-all'],
    ...Array(2).fill(['/www/my-itsme.html', 'reject-all']),
  ];
  for (const [path, choice] of choices) {
    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    await page.goto(path);
    const banner = page.locator('[data-consent-banner]');
    await banner.waitFor({ state: 'visible' });
    const stored = page.waitForResponse((r) => new URL(r.url()).pathname === '/consent-records/receipts');
    if (choice === 'analytics') {
      await banner.locator('[data-consent-action="customise"]').click();
      const centre = page.locator('[data-consent-preferences]');
      await centre.waitFor({ state: 'visible' });
      await centre.locator('input[data-consent-toggle="analytics"]').setChecked(true);
      await centre.locator('[data-consent-action="save"]').click();
    } else {
      await banner.locator(`[data-consent-action="${choice}"]`).click();
    }
    const status = (await stored).status();
    if (status !== 204) throw new Error(`${path}, ${choice}: the receipt was answered ${status}`);
    await context.close();
  }
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, baseURL: base });
  const page = await context.newPage();
  await page.goto('/consent-records/owner/');
  await page.getByLabel('Token').fill(RECORDS_TOKEN);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Acceptance rate per day' }).waitFor();
  await page.mouse.move(0, 0);
  const path = join(OUT, 'dashboard.png');
  await page.screenshot({ path });
  await context.close();
  await quantise(path);
  return [path];
}

/**
 * consent-audit's HTML report (audit-report.png, its first 1280 x 1420 px) of three demo pages
 * against a copy of the demo config without AT Internet's atuserid (undeclared-cookie), one with
 * a misspelt gate (unknown-gate) and one with a Meta Pixel in <noscript> (ungated-tag): the
 * cases audit/tests/e2e.sh checks. Every host but 127.0.0.1 unresolvable, as there.
 */
async function shootAuditReport(browser, base) {
  const audit = join(ROOT, 'target/release/consent-audit');
  if (!existsSync(audit)) {
    console.log('audit-report.png left out: target/release/consent-audit is not built (cargo build --release -p consent-audit)');
    return [];
  }
  const work = join(ROOT, 'target/screenshots');
  await mkdir(work, { recursive: true });
  const config = JSON.parse(await readFile(join(ROOT, `.${CONFIG_PATH}`), 'utf8'));
  const at = config.areas.business.categories.find((c) => c.id === 'analytics').services.find((s) => s.id === 'at-internet');
  at.cookies = at.cookies.filter((k) => k.name !== 'atuserid');
  // Relative, as the report names it.
  const configFile = 'target/screenshots/itsme-without-atuserid.json';
  await writeFile(join(ROOT, configFile), JSON.stringify(config));
  const html = join(work, 'audit-report.html');
  const pages = ['www/business.html', 'audit/tests/fixtures/misspelt-gate.html', 'audit/tests/fixtures/ungated-pixel.html'].map((p) => base + p);
  const status = await new Promise((done) => {
    execFile(audit, ['--config', configFile, '--html', html, '--max-pages', '3', '--settle-ms', '1000',
      '--browser-arg=--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1', ...pages], { cwd: ROOT, timeout: 240_000 },
    (error, _stdout, stderr) => {
      if (error && typeof error.code !== 'number') console.error(stderr);
      done(error ? error.code : 0);
    });
  });
  // 1: the audit ran and found the errors it must.
  if (status !== 1) throw new Error(`consent-audit exited ${status}, 1 expected (error findings)`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 1420 } });
  const page = await context.newPage();
  await page.goto(`file://${html}`);
  const path = join(OUT, 'audit-report.png');
  await page.screenshot({ path });
  await context.close();
  await quantise(path);
  return [path];
}

/**
 * placeholders.png: the embedded-content demo (/www/embeds.html) at 720 × 1040 after Reject all,
 * its video and its script-rendered form each behind a placeholder.
 */
async function shootPlaceholders(browser, base) {
  const context = await browser.newContext({ viewport: { width: 720, height: 1040 }, colorScheme: 'light', baseURL: base });
  const page = await context.newPage();
  await page.goto('/www/embeds.html');
  await page.locator('[data-consent-banner] [data-consent-action="reject-all"]').click();
  await page.locator('[data-demo-form] .cb-placeholder').waitFor({ state: 'visible' });
  await page.locator('[data-consent-banner]').waitFor({ state: 'hidden' });
  await settled(page);
  const path = join(OUT, 'placeholders.png');
  await page.screenshot({ path });
  await context.close();
  await quantise(path);
  return [path];
}

const external = process.env.BASE_URL;
const { base, server, records } = external ? { base: external.endsWith('/') ? external : `${external}/`, server: null, records: null } : await startServer();
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
  for (const file of await shootOptions(browser, base)) console.log(file.slice(ROOT.length + 1));
  for (const file of await shootPlaceholders(browser, base)) console.log(file.slice(ROOT.length + 1));
  if (external) console.log('dashboard.png left out: BASE_URL names a server whose owner token this script does not have');
  else for (const file of await shootDashboard(browser, base)) console.log(file.slice(ROOT.length + 1));
  for (const file of await shootAuditReport(browser, base)) console.log(file.slice(ROOT.length + 1));
} finally {
  await browser.close();
  server?.kill();
  records?.kill();
}
