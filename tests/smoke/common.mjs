// What the Firefox and WebKit smoke tests share: the checks' report, the demo server, and the
// functions they run in the page (passed as functions to puppeteer, as source to WebDriver).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The bench's article page, which embeds the README's snippet: the package as a site serves it. */
export const PAGE_PATH = '/bench/pages/consent-banner.html';
export const TAGS = ['analytics.js', 'pixel.gif'];
export const TIMEOUT = 15_000;

let failures = 0;
/** Reports one check (TAP-like); a failed one makes `finish` exit non-zero. */
export function check(ok, what, detail) {
  console.log(`${ok ? 'ok' : 'FAILED'} - ${what}${ok || detail === undefined ? '' : ': ' + JSON.stringify(detail)}`);
  if (!ok) failures += 1;
}

/** Ends the run: exit code 1 when a check failed. */
export function finish(engine) {
  if (failures) {
    console.error(`${failures} ${engine} check(s) failed`);
    process.exit(1);
  }
  console.log(`all ${engine} checks passed`);
}

/** Starts the demo server on `port`; resolves once it listens. */
export async function startServer(port) {
  const server = spawn(process.execPath, ['scripts/serve.mjs', String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => { if (String(d).includes(String(port))) resolve(); });
    server.on('exit', (code) => reject(new Error(`the demo server exited (${code})`)));
  });
  return server;
}

// In the page: the banner when it shows, with what proves it styled and started.
export const banner = () => {
  const host = document.querySelector('[data-consent-root]');
  const el = host && host.shadowRoot && host.shadowRoot.querySelector('[data-consent-banner]');
  if (!el || !el.getClientRects().length) return null;
  return {
    // The stylesheet's 44rem (a popover is fixed in any case: position proves nothing).
    maxWidth: getComputedStyle(el).maxWidth,
    adopted: host.shadowRoot.adoptedStyleSheets.length,
    links: host.shadowRoot.querySelectorAll('link[rel="stylesheet"]').length,
    ready: !!(window.consentBanner && window.consentBanner.ready),
  };
};

// In the page: the file names requested so far.
export const requested = () => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop());

// In the page (given as source, so that it carries `names`): the file names requested so far,
// once every one of `names` is among them; else null.
export const requestedWith = (names) => String(() => {
  const f = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop());
  return NAMES.every((n) => f.includes(n)) ? f : null;
}).replace('NAMES', JSON.stringify(names));

/** A first visit, once the banner showed: what `banner` and `requested` returned. */
export function checkFirstVisit(shown, files) {
  check(shown.maxWidth === '704px', 'the banner is styled (max-width: 44rem)', shown);
  check(shown.adopted === 1 && shown.links === 0, 'its stylesheet is the adopted one, not a link', shown);
  check(shown.ready, 'the JS API answers (the first-visit module started without an error)', shown);
  check(!TAGS.some((t) => files.includes(t)), 'no gated tag is requested before a choice', files);
  check(files.includes('consent_banner_first.wasm') && !files.includes('consent-banner.css'),
    'the first-visit module served it, with no stylesheet request', files);
}

/** After Accept all: `document.cookie`. */
export function checkConsentCookie(cookie) {
  check(/(^|; )consent=v1\./.test(cookie), 'the consent cookie is written', cookie);
}

/** A returning visitor's page view, once its tags ran: the files requested. */
export function checkReturning(files) {
  check(files.includes('consent_banner_runtime.wasm') && !files.includes('consent_banner_first.wasm') && !files.includes('consent_banner_bg.wasm'),
    'a returning visitor is served by the runtime alone', files);
}

/** After Customise: what `centre` and `requested` returned. */
export function checkCentre(shownCentre, files) {
  check(shownCentre.display === 'flex', 'Customise opens the privacy centre, styled', shownCentre);
  // first.js carries the first layer's rules only: the full module links the whole stylesheet.
  check(files.includes('consent_banner_bg.wasm') && files.filter((f) => f === 'consent-banner.css').length === 1,
    'from the full module, with the whole stylesheet requested once', files);
}

// In the page: the privacy centre's display when it shows.
export const centre = () => {
  const host = document.querySelector('[data-consent-root]');
  const el = host && host.shadowRoot && host.shadowRoot.querySelector('[data-consent-preferences]');
  return el && el.getClientRects().length ? { display: getComputedStyle(el).display } : null;
};
