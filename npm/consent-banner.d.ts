/*! consent-banner: TypeScript declarations for the WebAssembly module, the global
 * `window.consentBanner` API, the `consent:*` events and the JSON config.
 * The config types mirror src/core/config.rs: the validator rejects unknown fields, so an
 * object that type-checks here has the right shape (values such as lengths, ids and URLs are
 * still checked at run time, with every error and its path reported on the console).
 */

// ---- the WebAssembly module (consent_banner.js) ------------------------------------------

/** What `init` accepts: the URL of `consent_banner_bg.wasm`, its bytes or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;
/** What `initSync` accepts: the wasm bytes or a compiled module. */
export type SyncInitInput = BufferSource | WebAssembly.Module;
/** The instantiated module's exports (internal; only `memory` is of any use to page code). */
export interface InitOutput {
  readonly memory: WebAssembly.Memory;
}

/**
 * Fetches and instantiates `consent_banner_bg.wasm`. Without an argument it is loaded from
 * next to `consent_banner.js` (`new URL('consent_banner_bg.wasm', import.meta.url)`), which
 * bundlers that understand `import.meta.url` assets (Vite, webpack 5, Parcel) follow.
 * Call it once, before `run` or `start`.
 */
export default function init(
  module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<InitOutput>;

/** Instantiates the module synchronously from bytes or a compiled module (workers, tests). */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * Boots consent-banner the way the loader script does: reads `data-config` and `data-area`
 * from `loader` (a `<script>` element) and takes its CSP `nonce` for activated scripts.
 * Without a loader, the page's inline `<script type="application/json" data-consent-config>`
 * is used. A second call (or a second copy of the loader) is ignored.
 *
 * The loader's returning-visitor runtime passes `config`, the config text it already fetched,
 * and `afterRuntime` when it had already activated this page view's tags and announced them.
 */
export function start(
  loader?: Element | null, config?: string | null, afterRuntime?: boolean | null,
  texts?: ((code: string) => Promise<string>) | string | null,
): void;

/** Options of {@link run}. */
export interface RunOptions {
  /**
   * The config: a URL to fetch (JSON), or the config object itself.
   * Default: the page's inline `<script type="application/json" data-consent-config>`.
   */
  config?: string | ConsentConfig;
  /** The page's area, required when the config has `areas`, refused when it has none. */
  area?: string;
  /**
   * The URL of the package's `i18n/` folder as served: the built-in texts, one file per
   * language, of which only the languages shown are downloaded. Default: `i18n/` beside the page.
   */
  i18n?: string;
}

/**
 * Boots consent-banner from page code or a bundler: validates the config, reads the stored
 * consent, activates the accepted tags, shows the banner when needed and defines
 * `window.consentBanner`. Resolves to that API once it answers. Every failure is reported on
 * the console and as `consent:error`, fails closed (no optional tag runs) and rejects the
 * promise; so does a second call.
 */
export function run(options?: RunOptions): Promise<ConsentBannerApi>;

// ---- the global API (window.consentBanner) and the consent:* events ----------------------

/** How a choice was made. */
export type ConsentMethod = 'banner' | 'privacy-centre' | 'api' | 'contextual';

/** The stored consent, as `getConsent()` returns it. */
export interface ConsentState {
  /** Random consent id, shared by every choice of this visitor (16 hex digits). */
  id: string;
  /** The config `version` the choice was made for. */
  version: string;
  /** When the choice was made, ISO 8601 (`"2026-11-22T23:48:31.000Z"`). */
  time: string;
  /**
   * Categories whose tags may run, required ones included, in config order, each followed by
   * its services as `"category:service"` entries; for a category accepted only in part, just
   * the entries of its accepted services.
   */
  accepted: string[];
  /** Optional categories not accepted as a whole, in config order. */
  rejected: string[];
}

/** Detail of `consent:change`, fired on `window` after every choice. */
export interface ConsentChangeDetail {
  /** The consent now stored; `null` after acknowledging an inform notice. */
  consent: ConsentState | null;
  /** Categories and services (`"category:service"`) whose tags now run. */
  granted: string[];
  /**
   * Categories and services (`"category:service"`) withdrawn: their declared cookies have been
   * deleted (a category withdrawn brings each of its services too).
   */
  withdrawn: string[];
  /** How the choice was made. */
  method: ConsentMethod;
}

/** Detail of `consent:ready`, fired once the stored consent is read and its tags activated. */
export interface ConsentReadyDetail {
  /** The stored consent, or `null` before a valid choice. */
  consent: ConsentState | null;
  /** Categories whose tags run on this page view. */
  active: string[];
}

/** One reason a page view cannot start, in the detail of `consent:error`. */
export interface ConsentProblem {
  /** The config field, such as `categories[2].id`; `''` for the whole file or the page. */
  path: string;
  /** What is wrong. */
  message: string;
}

/** Detail of `consent:error`, fired when the config cannot be used: no optional tag runs. */
export interface ConsentErrorDetail {
  errors: ConsentProblem[];
}

/** Detail of `consent:banner-shown`, fired when the banner or the notice is shown. */
export interface BannerShownDetail {
  mode: ConsentMode;
}

/** The proof-of-consent receipt POSTed (as text/plain JSON) to `receiptEndpoint`. */
export interface ConsentReceipt {
  consentId: string;
  /** ISO 8601. */
  time: string;
  version: string;
  /** `"fnv1a64:<16 hex digits>"`: a fingerprint of the version, mode, categories, texts and policy link. */
  configHash: string;
  /** The page's area, or `null` for a config without areas. */
  area: string | null;
  language: string;
  /** Optional categories accepted. */
  accepted: string[];
  /** Optional categories refused. */
  rejected: string[];
  method: ConsentMethod;
  /** The browser sent Global Privacy Control. */
  gpc: boolean;
}

/**
 * `window.consentBanner`. The loader defines it with stubs when it runs (an `async` or `defer`
 * loader runs after the page's inline scripts: the README's two-line queue snippet defines the
 * stubs at once): until a module is ready, actions are queued and replayed in order,
 * `getConsent()` answers `null` and `acceptedCategory()` answers `false`.
 *
 * The choices (`acceptCategories`, `acceptService`, `acceptAll`, `rejectAll`) return `true` once
 * the choice is made, and `false`, changing nothing and warning on the console, when an id is
 * not one of the page's categories or services; a call queued before a module is ready
 * returns `undefined` and is checked when it is replayed.
 */
export interface ConsentBannerApi {
  /** The stored consent, or `null` before a valid choice for the current version. */
  getConsent(): ConsentState | null;
  /** True when the category's tags may run on this page now. */
  acceptedCategory(id: string): boolean;
  /**
   * Records a choice accepting exactly these optional categories of the page (method `api`);
   * an id may also be a service entry, `"category:service"`.
   */
  acceptCategories(ids: string[]): boolean | undefined;
  /** True when the service's tags may run on this page now (`data-consent-service`). */
  acceptedService(id: string, category: string): boolean;
  /**
   * Records a choice (method `api`) accepting, in `category`, exactly these services (`"all"`:
   * the whole category; `[]`: none of it); other categories keep their answer.
   */
  acceptService(ids: string | string[] | 'all', category: string): boolean | undefined;
  /** Accepts every optional category (method `api`). */
  acceptAll(): boolean | undefined;
  /** Refuses every optional category (method `api`). */
  rejectAll(): boolean | undefined;
  /** Opens the privacy centre. */
  openPreferences(): void;
  /** Shows the banner (or notice) again. */
  showBanner(): void;
  /** Switches the interface language; false (and a console warning) when it is not configured. */
  setLanguage(lang: string): boolean | undefined;
  /**
   * Calls `cb` with the detail of each `consent:<event>` fired on `window`; the `consent:`
   * prefix is optional. Returns the function that stops listening.
   */
  on(event: 'change' | 'consent:change', cb: (detail: ConsentChangeDetail) => void): () => void;
  on(event: 'ready' | 'consent:ready', cb: (detail: ConsentReadyDetail) => void): () => void;
  on(event: 'banner-shown' | 'consent:banner-shown', cb: (detail: BannerShownDetail) => void): () => void;
  on(event: 'error' | 'consent:error', cb: (detail: ConsentErrorDetail) => void): () => void;
  on(event: 'ready' | 'change' | 'banner-shown' | 'error' | `consent:${string}`, cb: (detail: any) => void): () => void;
  /**
   * `false` from the moment the loader runs until a module answers, `true` from then on, and
   * `false` again when the config cannot be used. `undefined` only under the queue snippet
   * before the loader has run.
   */
  readonly ready?: boolean;
}

declare global {
  interface Window {
    /** Undefined until the loader (or the queue snippet) has run: an `async` or `defer` loader runs late. */
    consentBanner?: ConsentBannerApi;
  }
  interface WindowEventMap {
    'consent:error': CustomEvent<ConsentErrorDetail>;
    'consent:change': CustomEvent<ConsentChangeDetail>;
    'consent:ready': CustomEvent<ConsentReadyDetail>;
    'consent:banner-shown': CustomEvent<BannerShownDetail>;
  }
}

// ---- the config ---------------------------------------------------------------------------

/** A language code: `"en"`, `"nl"`, `"fr-BE"` (lowercase primary tag, 2–3 letters). */
export type LanguageCode = string;
/** Text in every configured language: `{ "en": "…", "nl": "…" }`. Every language is required. */
export type Localized = Record<LanguageCode, string>;
/** `ask`: Accept all, Reject all, Customise. `inform`: a notice with one acknowledge button. */
export type ConsentMode = 'ask' | 'inform';

/** A consent type of Google Consent Mode v2. */
export type GoogleConsentType =
  | 'ad_storage'
  | 'ad_user_data'
  | 'ad_personalization'
  | 'analytics_storage'
  | 'functionality_storage'
  | 'personalization_storage'
  | 'security_storage';

/** Unit of a declared cookie lifetime (the plural `s` is optional). */
export type LifetimeUnit =
  | 'second' | 'seconds'
  | 'minute' | 'minutes'
  | 'hour' | 'hours'
  | 'day' | 'days'
  | 'week' | 'weeks'
  | 'month' | 'months'
  | 'year' | 'years';

/**
 * A lifetime as a cookie policy declares it: `"session"`, `"30 seconds"`, `"1 day"`,
 * `"13 months"`, or `"30 minutes of inactivity"` (counted from the last activity).
 * The amount is a whole number from 1.
 */
export type CookieLifetime = 'session' | `${number} ${LifetimeUnit}` | `${number} ${LifetimeUnit} of inactivity`;

/** A cookie a category may set, as the cookie policy lists it. */
export interface DeclaredCookie {
  /** Cookie name, or a pattern where `*` is any run of characters (`"_ga_*"`). Withdrawal deletes matching cookies. */
  name: string;
  /** Who sets it (`"AT Internet"`); not empty. */
  provider: string;
  /** First or third party. */
  party: 'first' | 'third';
  /** As declared. */
  lifetime: CookieLifetime;
  /** What it is for. */
  purpose: Localized;
}

/** What every category has, essential or optional. */
interface CategoryBase {
  /** `[a-z][a-z0-9_-]{0,31}`, unique: used in `data-consent-category` and the consent cookie. */
  id: string;
  /** Name shown next to its toggle. */
  label: Localized;
  /** What it is for. */
  description: Localized;
  /** The cookies it may set, besides those of its services. @default [] */
  cookies?: DeclaredCookie[];
  /**
   * Its services (one provider's tool each), which a visitor may accept or refuse one by one;
   * the category as a whole is accepted when all of them are. @default []
   */
  services?: Service[];
}

/** A service inside a category, consented to on its own. */
export interface Service {
  /** `[a-z][a-z0-9_-]{0,31}`, unique within its category: used in `data-consent-service`. */
  id: string;
  /** Name shown next to its switch. */
  label: Localized;
  /** What it does with the visitor's data. */
  description: Localized;
  /** Who provides it (`"AT Internet"`). */
  provider?: string;
  /** The cookies it may set; withdrawing the service deletes these and nothing else. @default [] */
  cookies?: DeclaredCookie[];
}

/** A category the visitor accepts or refuses. */
export interface OptionalCategory extends CategoryBase {
  /** @default false */
  required?: false;
  /** Only a required category waits for a choice; an optional one waits for consent anyway. */
  afterChoice?: false;
  /**
   * How the banner's description names its purpose, in every configured language, as a phrase
   * that fits the built-in sentence's `{purposes}` ("analytical cookies to improve it"; in
   * French with its article, "des cookies analytiques pour l'améliorer"). Not empty.
   * @default built-in for the ids `analytics` and `marketing`, the category's `label` otherwise
   */
  bannerPurpose?: Localized;
}

/** An essential category: always on, shown locked, cannot be refused. */
export interface RequiredCategory extends CategoryBase {
  required: true;
  /**
   * Its tags run only once the visitor has made a choice (for example a consent provider's own
   * cookies). @default false
   */
  afterChoice?: boolean;
  /** An essential category is not among the purposes the banner asks about. */
  bannerPurpose?: never;
}

/** A category of cookies and tags, accepted or refused as one. */
export type Category = OptionalCategory | RequiredCategory;

/** One area of a site, picked by a page with `data-area` (loader) or `area` (`run`). */
export interface Area {
  /** Name of the area, for headings on the cookie policy page. */
  label: Localized;
  /** @default "ask" */
  mode?: ConsentMode;
  /** The area's categories, in display order. A category id must be required in all areas or in none. */
  categories: Category[];
  /**
   * Interface texts of this area's own, per configured language, over the config's `texts` on
   * its pages (a banner `description` that fits this area, say). @default none
   */
  texts?: Record<LanguageCode, Texts>;
}

/** Name and lifetime of a cookie consent-banner writes itself. */
export interface OwnCookieSettings {
  /** Cookie name (no `*`); the three cookies need three different names. */
  name?: string;
  /** Lifetime, a whole number of days from 1 to 400, written as `Max-Age`. */
  days?: number;
}

/** The cookies consent-banner writes: always `Path=/`, and `Secure` on https. */
export interface CookieSettings {
  /** The consent cookie. @default { name: "consent", days: 365 } */
  consent?: OwnCookieSettings;
  /** The banner cookie: the banner version last answered. @default { name: "consent_banner", days: 7 } */
  banner?: OwnCookieSettings;
  /** The language cookie. @default { name: "consent_lang", days: 365 } */
  language?: OwnCookieSettings;
  /** `Domain` attribute, e.g. `"example.com"` to share consent across subdomains. @default none (host-only cookies) */
  domain?: string;
  /** `"None"` implies `Secure`. @default "Lax" */
  sameSite?: 'Lax' | 'Strict' | 'None';
}

/** The keys of the interface texts (`texts.<lang>.<key>`). */
export type TextKey =
  | 'bannerLabel' | 'title'
  /**
   * The banner's text. The built-in one holds `{purposes}`, replaced by the purposes of the
   * page's optional categories (each category's `bannerPurpose`) as the language lists them;
   * `{purposes}` works in the built-in languages only. A text of your own without it is shown as
   * written on every page, so it must itself match each area's categories. It ends with
   * `{partners}`, the `partners` sentence naming the area's partners (none: nothing).
   */
  | 'description'
  /** The sentence `{partners}` stands for; `{providers}` is replaced by the partners' names. */
  | 'partners'
  /** `"{count} more"`: the last of the names when there are more than four, a button that opens the privacy centre. */
  | 'partnersMore'
  | 'acceptAll' | 'rejectAll' | 'customise' | 'save'
  | 'alwaysOn' | 'policyLink' | 'privacyLink' | 'informTitle' | 'informDescription' | 'acknowledge'
  | 'preferencesTitle' | 'preferencesDescription' | 'close' | 'language'
  | 'cookieName' | 'cookieProvider' | 'cookieLifetime' | 'cookiePurpose' | 'firstParty' | 'thirdParty'
  /** `"{duration} of inactivity"`. */
  | 'inactivity'
  | 'session'
  /** Units: `"singular|plural"`, or keyed by CLDR plural category, `"one:minuta|few:minuty|many:minut|other:minuty"` (a category left out takes `other`). */
  | 'seconds' | 'minutes' | 'hours' | 'days' | 'weeks' | 'months' | 'years'
  | 'saved' | 'cookiesCount' | 'yourChoice' | 'noChoice' | 'choiceDetails' | 'consentId' | 'history'
  | 'methodBanner' | 'methodPrivacyCentre' | 'methodApi' | 'methodContextual'
  | 'nothingOptional' | 'manage'
  /** `{categories}` is replaced by the labels of the categories refused by GPC. */
  | 'gpcNotice'
  /** `{provider}`, `{category}` and `{purpose}` are replaced. */
  | 'placeholderText'
  /** `{category}` is replaced. */
  | 'placeholderAccept'
  /** The privacy centre's link to `recordUrl`. Optional in a language of your own (English then). */
  | 'consentRecord'
  /** `{on}` and `{total}`: a category some of whose services are on. Optional in a language of your own (English then). */
  | 'partlyOn';

/** Overrides of interface texts for one language; each text must not be empty. */
export type Texts = Partial<Record<TextKey, string>>;

/** Fields common to single-area and multi-area configs. */
export interface ConsentConfigBase {
  /** A JSON Schema reference, ignored. */
  $schema?: string;
  /**
   * The banner version, 1–64 characters, no control characters. Change it when the content
   * changes: every visitor is asked again.
   */
  version: string;
  /**
   * The languages every text must exist in. English, Dutch, French and German have built-in
   * interface texts; any other language needs every text key in `texts`. @default ["en"]
   */
  languages?: LanguageCode[];
  /**
   * Used when neither the language cookie, `<html lang>` nor the browser's languages match;
   * one of `languages`. @default the first of `languages`
   */
  defaultLanguage?: LanguageCode;
  /**
   * The cookie policy: an `http`, `https` or relative URL (`javascript:` and `data:` are
   * refused), or one per configured language.
   */
  policyLink: string | Localized;
  /** The privacy statement, linked beside the cookie policy on the first layer. @default none */
  privacyLink?: string | Localized;
  /** The cookies consent-banner writes. @default see {@link CookieSettings} */
  cookieSettings?: CookieSettings;
  /** Overrides of interface texts, per configured language. @default built-in texts */
  texts?: Record<LanguageCode, Texts>;
  /** Reload the page after a category is withdrawn. @default false */
  reloadOnWithdraw?: boolean;
  /**
   * The visitor's browser languages come before the page's `<html lang>` when choosing the
   * language shown (a site in one language whose banner speaks the visitor's). @default false
   */
  browserLanguageFirst?: boolean;
  /** The banner's colours: the visitor's `prefers-color-scheme` (`'auto'`, the default), or always light or dark. */
  theme?: 'auto' | 'light' | 'dark';
  /** The banner's shape (default `'box'`). */
  layout?: 'box' | 'bar' | 'cloud';
  /** Where the banner sits (default `'bottom center'`). */
  position?: `${'bottom' | 'top' | 'middle'}` | `${'bottom' | 'top' | 'middle'} ${'center' | 'left' | 'right'}`;
  /**
   * Google Consent Mode v2: the consent types each category grants (a type is granted when
   * any category mapped to it is active). `false` switches the updates off.
   * @default { analytics: ["analytics_storage"], marketing: ["ad_storage", "ad_user_data", "ad_personalization"] },
   * keeping only the categories the config has
   */
  googleConsentMode?: false | Record<string, GoogleConsentType[]>;
  /** Categories refused from the start when the browser sends Global Privacy Control. @default ["marketing"] */
  gpcRefuses?: string[];
  /**
   * Where each choice is also POSTed as a JSON receipt ({@link ConsentReceipt}), `http`,
   * `https` or relative. @default none (no receipts)
   */
  receiptEndpoint?: string;
  /**
   * Where a visitor reads the records of their consent, with `{id}` (exactly once) for the
   * consent id: the consent-records service's `GET /records/{id}`, such as
   * `"/consent-records/records/{id}"`. The privacy centre links to it
   * (`a[data-consent-record]`). `http`, `https` or relative. @default none (no link)
   */
  recordUrl?: string;
}

/** A config for one area: its categories and mode at the top level. */
export interface SingleAreaConfig extends ConsentConfigBase {
  /** @default "ask"; `inform` requires every category to be `required`. */
  mode?: ConsentMode;
  /** The categories, in display order (at most 24). */
  categories: Category[];
  areas?: never;
}

/** A config for a site with areas: each page picks one with `data-area` or `run({ area })`. */
export interface MultiAreaConfig extends ConsentConfigBase {
  /** The areas, keyed by area id (`[a-z][a-z0-9_-]{0,31}`); each has its own mode. */
  areas: Record<string, Area>;
  categories?: never;
  mode?: never;
}

/** The JSON config: either `categories` (one area) or `areas`, never both. */
export type ConsentConfig = SingleAreaConfig | MultiAreaConfig;
