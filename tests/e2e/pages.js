// Page objects and helpers shared by the end-to-end specs. Selectors come only from the public
// contract (data-consent-* attributes, window.consentBanner, consent:* events), never from CSS
// classes, so a restyle cannot break the tests. (The one exception, `.cb-app`, is the
// component root whose `lang` the language contract names.)
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';

// ---- the demo site ---------------------------------------------------------------------------

export const BUSINESS = '/www/business.html';
export const PRIVATE = '/www/private.html';
export const SUPPORT = '/www/support.html';
export const MY_ITSME = '/www/my-itsme.html';
export const COOKIE_POLICY = '/www/cookie-policy.html';
/** The one config every demo page uses, each page picking its area with data-area. */
export const CONFIG_PATH = '/www/config/itsme.json';
/** The config as the server serves it, read from the repository so tests follow its content. */
export const CONFIG = JSON.parse(readFileSync(new URL(`../..${CONFIG_PATH}`, import.meta.url), 'utf8'));

/** Each area page, with its area id (the cookie policy page uses the business area). */
export const AREA_PAGES = [
  { path: PRIVATE, area: 'private' },
  { path: BUSINESS, area: 'business' },
  { path: SUPPORT, area: 'support' },
  { path: MY_ITSME, area: 'my-itsme' },
];
/** Every demo page; each has a "Manage privacy preferences" footer link. */
export const ALL_PAGES = [...AREA_PAGES, { path: COOKIE_POLICY, area: 'business' }];

/** The categories of an area, in config order. */
export function categoriesOf(area) {
  return CONFIG.areas[area].categories;
}

/** The cookies a category declares, its own then its services' (in config order). */
export function cookiesOf(category) {
  return [...(category.cookies ?? []), ...(category.services ?? []).flatMap((s) => s.cookies ?? [])];
}

/**
 * What consent lists name for these categories of an area (events' granted and withdrawn,
 * getConsent().accepted): each category id followed by its services' `category:service`
 * entries, in config order.
 */
export function withServices(area, ids) {
  return categoriesOf(area)
    .filter((c) => ids.includes(c.id))
    .flatMap((c) => [c.id, ...(c.services ?? []).map((s) => `${c.id}:${s.id}`)]);
}

/** The cookie names a category of an area declares, its services' included (patterns like `_ga_*` as is). */
export function declaredCookies(area, categoryId) {
  return cookiesOf(categoriesOf(area).find((c) => c.id === categoryId)).map((c) => c.name);
}

// ---- the business page's gated tags ----------------------------------------------------------

/** Cookies the business page's optional (analytics and marketing) tags set; none may exist without consent. */
export const TAG_COOKIES = [...declaredCookies('business', 'analytics'), ...declaredCookies('business', 'marketing')];
/** Cookies of the afterChoice consent provider: essential, but only placed once there is a choice. */
export const PROVIDER_COOKIES = declaredCookies('business', 'consent-provider');
/** The analytics external tags of business.html, in document order. */
export const ANALYTICS_SCRIPTS = ['numberly-analytics.js', 'commanders-act.js', 'at-internet.js'];
/** What business.html's tags push to window.standInTags when only the afterChoice provider runs. */
export const PROVIDER_TAGS = ['commanders-act-consent'];
/** What its analytics tags push, in document order (the inline one last). */
export const ANALYTICS_TAGS = ['numberly-analytics', 'commanders-act', 'at-internet', 'inline-analytics'];
/** What business.html's scripts push once all run, in document order (the pixel is an image). */
export const ALL_TAGS = [...PROVIDER_TAGS, ...ANALYTICS_TAGS];
/** Short wait used only to prove that something did NOT happen (a request, a banner). */
export const SETTLE_MS = 400;

const DAY_SECONDS = 86_400;
export const ONE_MINUTE_IN_DAYS = 1 / 1440;

// Runs before any page script, so the consent:* events fired during start-up are never missed.
function installProbe() {
  const probe = (window.__consentProbe = { ready: 0, changes: [], bannerShown: 0 });
  window.addEventListener('consent:ready', () => { probe.ready += 1; });
  window.addEventListener('consent:change', (event) => { probe.changes.push(event.detail); });
  window.addEventListener('consent:banner-shown', () => { probe.bannerShown += 1; });
}

/** A demo page as a visitor sees it, with what page code can observe (API, events, tags). */
export class Site {
  constructor(page) {
    this.page = page;
    this.probed = false;
  }

  /** Opens a demo page; the event probe is installed once and survives reloads. */
  async visit(path = BUSINESS) {
    if (!this.probed) {
      await this.page.addInitScript(installProbe);
      this.probed = true;
    }
    await this.page.goto(path);
  }

  async reload() {
    await this.page.reload();
  }

  /** Waits for consent:ready: the stored consent has been read and its tags activated. */
  async waitUntilReady() {
    await expect
      .poll(() => this.page.evaluate(() => window.__consentProbe?.ready ?? 0), { message: 'consent:ready fired' })
      .toBeGreaterThan(0);
  }

  /** Gives anything that should NOT happen (a request, a render) the chance to happen. */
  async settle() {
    await this.page.waitForTimeout(SETTLE_MS);
  }

  /** window.consentBanner.getConsent(). */
  consent() {
    return this.page.evaluate(() => window.consentBanner.getConsent());
  }

  /** What the stand-in tags have recorded so far (document order when they ran correctly). */
  standInTags() {
    return this.page.evaluate(() => window.standInTags ?? []);
  }

  /** The detail of every consent:change event fired on this page view. */
  changeEvents() {
    return this.page.evaluate(() => window.__consentProbe?.changes ?? []);
  }

  /** How many times consent:banner-shown fired on this page view. */
  bannerShownEvents() {
    return this.page.evaluate(() => window.__consentProbe?.bannerShown ?? 0);
  }

  /** The polite live region that announces a saved choice. */
  status() {
    return this.page.locator('[data-consent-status]');
  }

  /** The footer's "Manage privacy preferences" link. */
  footerLink() {
    return this.page.locator('footer [data-consent-open]');
  }

  /** The component root's language (`lang` of `[data-consent-root] .cb-app`). */
  appLang() {
    return this.page.locator('[data-consent-root] .cb-app').getAttribute('lang');
  }

  /** Waits until the component is mounted: from then on `data-consent-open` elements work. */
  async waitUntilMounted() {
    await expect(this.page.locator('[data-consent-root]')).toBeAttached();
  }
}

// ---- the first layer: banner (ask) and notice (inform) ---------------------------------------

// The banner and the notice share a root and buttons; only the mode and the actions differ.
class ConsentSurface {
  constructor(page, mode) {
    this.page = page;
    this.mode = mode;
    this.root = page.locator('[data-consent-banner]');
  }

  button(action) {
    return this.root.locator(`[data-consent-action="${action}"]`);
  }

  title() {
    return this.root.locator('h1, h2, h3').first();
  }

  languageSelect() {
    return this.root.locator('select[data-consent-language]');
  }

  /** What it says, as a screen reader reads it from its aria-describedby (the policy link's label included). */
  description() {
    return this.root.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => el.getRootNode().getElementById(id)?.textContent.trim() ?? '')
        .join(' '),
    );
  }

  async expectVisible() {
    await expect(this.root).toBeVisible();
    await expect(this.root).toHaveAttribute('data-consent-mode', this.mode);
  }

  /** Gone from the page (answered, never shown, or hidden behind the privacy centre). */
  async expectHidden() {
    await expect(this.root).toHaveCount(0);
  }

  // Every answer waits for the surface to go: that is the visitor's proof the click counted.
  async answer(action) {
    await this.button(action).click();
    await this.expectHidden();
  }
}

/** The ask-mode banner (business.html, my-itsme.html). */
export class Banner extends ConsentSurface {
  constructor(page) {
    super(page, 'ask');
  }

  async acceptAll() {
    await this.answer('accept-all');
  }

  async rejectAll() {
    await this.answer('reject-all');
  }

  /** Customise hides the banner and opens the privacy centre, which it returns. */
  async customise() {
    await this.button('customise').click();
    const centre = new PrivacyCentre(this.page);
    await centre.expectOpen();
    await this.expectHidden();
    return centre;
  }

  /** The words for the partners the description does not name ("4 more"), a button. */
  morePartners() {
    return this.root.locator('#cb-text [data-consent-action="partners"]');
  }

  /** "4 more" opens the privacy centre, where every category names its providers, as Customise does. */
  async openMorePartners() {
    await this.morePartners().click();
    const centre = new PrivacyCentre(this.page);
    await centre.expectOpen();
    await this.expectHidden();
    return centre;
  }
}

/** The inform-mode notice (private.html, support.html). */
export class Notice extends ConsentSurface {
  constructor(page) {
    super(page, 'inform');
  }

  async acknowledge() {
    await this.answer('acknowledge');
  }
}

// ---- the privacy centre ----------------------------------------------------------------------

/** The privacy centre: a modal dialog with every category, its cookies, the choice and its history. */
export class PrivacyCentre {
  constructor(page) {
    this.page = page;
    this.root = page.locator('[data-consent-preferences]');
  }

  /** Opens it with the footer's "Manage privacy preferences" link, as a visitor would. */
  async openViaFooter() {
    // Until consent-banner is ready (full module or runtime) the link is a plain link to the policy page.
    await expect.poll(() => this.page.evaluate(() => window.consentBanner?.ready === true)).toBe(true);
    await this.page.locator('footer [data-consent-open]').click();
    await this.expectOpen();
  }

  /** Opens it with window.consentBanner.openPreferences(). */
  async openViaApi() {
    await this.page.evaluate(() => window.consentBanner.openPreferences());
    await this.expectOpen();
  }

  async expectOpen() {
    await expect(this.root).toBeVisible();
  }

  async expectClosed() {
    await expect(this.root).toHaveCount(0);
  }

  /** True when the focused element is the dialog or inside it. */
  hasFocus() {
    // The dialog lives in a shadow root: its focused element is the root's, not the document's.
    return this.root.evaluate((dialog) => dialog.contains(dialog.getRootNode().activeElement));
  }

  button(action) {
    return this.root.locator(`[data-consent-action="${action}"]`);
  }

  panel(categoryId) {
    return this.root.locator(`li[data-consent-category-panel="${categoryId}"]`);
  }

  panels() {
    return this.root.locator('li[data-consent-category-panel]');
  }

  toggleFor(categoryId) {
    return this.root.locator(`input[data-consent-toggle="${categoryId}"]`);
  }

  async toggle(categoryId, on) {
    await this.toggleFor(categoryId).setChecked(on);
  }

  /** The rows of a category's cookie table (inside a closed <details>: read them with textContent). */
  rows(categoryId) {
    return this.root.locator(`table[data-consent-cookies="${categoryId}"] tbody tr`);
  }

  tables() {
    return this.root.locator('table[data-consent-cookies]');
  }

  /** Every cookie table's rows as text cells, keyed by category id. */
  tableCells() {
    return this.root.evaluate(tableCells);
  }

  languageSelect() {
    return this.root.locator('select[data-consent-language]');
  }

  title() {
    return this.root.locator('h1, h2').first();
  }

  /** The current consent section. */
  current() {
    return this.root.locator('[data-consent-current]');
  }

  consentId() {
    return this.current().locator('code[data-consent-id]');
  }

  /** The history entries, newest first (inside a closed <details>: read them with textContent). */
  history() {
    return this.root.locator('ol[data-consent-history] > li[data-consent-history-entry]');
  }

  // A choice closes the dialog: that is the visitor's proof the click counted.
  async answer(action) {
    await this.button(action).click();
    await this.expectClosed();
  }

  async acceptAll() {
    await this.answer('accept-all');
  }

  async rejectAll() {
    await this.answer('reject-all');
  }

  async save() {
    await this.answer('save');
  }

  /** Closes without a choice, with its close button. */
  async close() {
    await this.button('close').click();
    await this.expectClosed();
  }
}

/**
 * Runs in the page: the text cells of every `table[data-consent-cookies]` under `root`, as
 * `{ <category id>: [[name, provider, lifetime, purpose], …] }`. textContent, not innerText,
 * because the tables sit in closed <details>.
 */
export function tableCells(root) {
  const out = {};
  for (const table of root.querySelectorAll('table[data-consent-cookies]')) {
    out[table.getAttribute('data-consent-cookies')] = [...table.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()),
    );
  }
  return out;
}

// ---- network and cookies ---------------------------------------------------------------------

/**
 * Records the paths of requests a page makes under /www/tags/ (the gated stand-in tags).
 * Attach before the first navigation so nothing is missed.
 */
export function recordTagRequests(page) {
  const paths = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/www/tags/')) paths.push(pathname);
  });
  return {
    paths,
    /** How many times /www/tags/<file> was requested. */
    count: (file) => paths.filter((p) => p === `/www/tags/${file}`).length,
    /** Forgets what was recorded, to start counting for the next page view. */
    reset: () => { paths.length = 0; },
  };
}

/** The cookie named `name` in the context, or undefined. */
export async function findCookie(context, name) {
  return (await context.cookies()).find((c) => c.name === name);
}

/** Names of every cookie in the context. */
export async function cookieNames(context) {
  return (await context.cookies()).map((c) => c.name);
}

/** Days from now until the cookie expires (fractional), or null when absent or a session cookie. */
export async function cookieExpiryDays(context, name) {
  const cookie = await findCookie(context, name);
  if (!cookie || cookie.expires < 0) return null;
  return (cookie.expires - Date.now() / 1000) / DAY_SECONDS;
}

/** Stores the language cookie before a visit, as a visitor's earlier choice would have. */
export async function setLanguageCookie(context, baseURL, lang) {
  await context.addCookies([{ name: 'consent_lang', value: lang, url: baseURL }]);
}
