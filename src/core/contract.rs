//! The public contract: attributes, actions, events and classes that page authors, themes and
//! tests depend on. Changing one is a breaking change; the README lists them all.

/// Root element of the banner; carries [`MODE_ATTR`].
pub const BANNER_ATTR: &str = "data-consent-banner";
/// `ask` or `inform`, on the banner root.
pub const MODE_ATTR: &str = "data-consent-mode";
/// On every button: which action it takes.
pub const ACTION_ATTR: &str = "data-consent-action";
/// Accept every optional category.
pub const ACTION_ACCEPT_ALL: &str = "accept-all";
/// Refuse every optional category.
pub const ACTION_REJECT_ALL: &str = "reject-all";
/// Open the per-category choices.
pub const ACTION_CUSTOMISE: &str = "customise";
/// On the banner's words for the partners it does not name ("3 more"): opens the privacy
/// centre as Customise does.
pub const ACTION_PARTNERS: &str = "partners";
/// Save the per-category choices.
pub const ACTION_SAVE: &str = "save";
/// Acknowledge the inform notice.
pub const ACTION_ACKNOWLEDGE: &str = "acknowledge";
/// On each category checkbox, with the category id as value.
pub const TOGGLE_ATTR: &str = "data-consent-toggle";
/// On a gated tag: the category that must be accepted before it runs or loads.
pub const CATEGORY_ATTR: &str = "data-consent-category";
/// Beside `data-consent-category`: the tag waits for this service of the category only.
pub const SERVICE_ATTR: &str = "data-consent-service";
/// The gated tag's source, moved to `src` once its category is accepted.
pub const DATA_SRC_ATTR: &str = "data-src";
/// The gated tag's `href` (for `link`), moved to `href` once accepted.
pub const DATA_HREF_ATTR: &str = "data-href";
/// Set on a gated tag once it has been activated, so it never runs twice.
pub const ACTIVATED_ATTR: &str = "data-consent-activated";
/// On the loader script: URL of the JSON config.
pub const CONFIG_URL_ATTR: &str = "data-config";
/// Inline config: `<script type="application/json" data-consent-config>`.
pub const INLINE_CONFIG_SELECTOR: &str = "script[type=\"application/json\"][data-consent-config]";
/// The element the component renders into, appended to `<body>`.
pub const ROOT_ATTR: &str = "data-consent-root";
/// Fired on `window` after every choice, with the new state in `detail`.
pub const EVENT_CHANGE: &str = "consent:change";
/// Fired on `window` once the stored consent has been read and tags activated.
pub const EVENT_READY: &str = "consent:ready";
/// Fired on `window` when the banner or notice is shown.
pub const EVENT_BANNER_SHOWN: &str = "consent:banner-shown";
/// Fired on `window` when the config cannot be used (or fetched): `{errors: [{path, message}]}`.
pub const EVENT_ERROR: &str = "consent:error";
/// The developer's notice of a config that cannot be used (`data-debug` or `?consent-debug` only).
pub const DEBUG_NOTICE_ATTR: &str = "data-consent-debug";
/// On the loader: diagnostics for the developer (the full module serves, lints and shows errors).
pub const DEBUG_ATTR: &str = "data-debug";
/// The global the JS API lives on.
pub const GLOBAL: &str = "consentBanner";
/// Root of the privacy centre dialog.
pub const PREFERENCES_ATTR: &str = "data-consent-preferences";
/// Any element with this attribute opens the privacy centre when clicked.
pub const OPEN_ATTR: &str = "data-consent-open";
/// The privacy centre's link to the visitor's records (`recordUrl`).
pub const RECORD_ATTR: &str = "data-consent-record";
/// `<div data-consent-cookie-table="<area>">`: the cookie tables of an area, for a policy page.
pub const COOKIE_TABLE_ATTR: &str = "data-consent-cookie-table";
/// On the loader script: the area of the site this page belongs to.
pub const AREA_ATTR: &str = "data-area";
/// On the loader script: URL of the stylesheet loaded into the banner's shadow root
/// (default: consent-banner.css beside the loader).
pub const CSS_ATTR: &str = "data-css";
/// Browser storage key (`localStorage`) of the cached policy, followed by `:<area>` on a page
/// with an area. The loader reads whether it exists to pick the module to start.
pub const POLICY_KEY: &str = "consent-banner:policy";
/// Browser storage key of the cached placeholder words and cookie tables ([`super::surfaces::Kit`]),
/// followed by `:<area>` as [`POLICY_KEY`] is: read by the loader on a page that shows them.
pub const SURFACES_KEY: &str = "consent-banner:surfaces";
/// The storage keys consent-banner writes per area (each alone, or followed by `:<area>`): what
/// an audit of a site counts as the banner's own.
pub const AREA_KEYS: [&str; 2] = [POLICY_KEY, SURFACES_KEY];
/// Set on `window.consentBanner` once the full module has taken over from the runtime.
pub const FULL_FLAG: &str = "__full";
/// The language switcher's `<select>` in the banner and the privacy centre.
pub const LANGUAGE_ATTR: &str = "data-consent-language";
/// Close the privacy centre (its close button).
pub const ACTION_CLOSE: &str = "close";
/// A category's panel in the privacy centre, with the category id.
pub const CATEGORY_PANEL_ATTR: &str = "data-consent-category-panel";
/// A service's part of its category's panel, with `<category id>:<service id>`.
pub const SERVICE_PANEL_ATTR: &str = "data-consent-service-panel";
/// The privacy centre's section on the current consent.
pub const CURRENT_ATTR: &str = "data-consent-current";
/// The consent id shown in the privacy centre (`code[data-consent-id]`).
pub const CONSENT_ID_ATTR: &str = "data-consent-id";
/// The history of choices in the privacy centre.
pub const HISTORY_ATTR: &str = "data-consent-history";
/// One entry of that history.
pub const HISTORY_ENTRY_ATTR: &str = "data-consent-history-entry";
/// A cookie table in the privacy centre, with the category id (or `<category>:<service>`).
pub const COOKIES_ATTR: &str = "data-consent-cookies";
/// The placeholder of blocked content, with the entry it waits for (a category id, or
/// `<category>:<service>`): our `.cb-placeholder` before a blocked iframe or inside a container,
/// and the site's container of a script-rendered widget (`<div data-consent-placeholder=…>`),
/// which shows a placeholder until that entry is accepted.
pub const PLACEHOLDER_ATTR: &str = "data-consent-placeholder";
/// The placeholder's button that accepts what the content waits for ("Always allow").
pub const ACCEPT_ATTR: &str = "data-consent-accept";
/// The placeholder's button that loads the content for this page view only ("Load once").
pub const LOAD_ONCE_ATTR: &str = "data-consent-load-once";
/// On a gated iframe: who provides it, named by its placeholder.
pub const PROVIDER_ATTR: &str = "data-consent-provider";
/// The gated tag's `srcset` (for `img`, `source`), moved to `srcset` once accepted.
pub const DATA_SRCSET_ATTR: &str = "data-srcset";
/// The gated script's type, given back once accepted (`type="text/plain"` keeps it inert).
pub const DATA_TYPE_ATTR: &str = "data-type";
/// `localStorage` key of the history of choices.
pub const HISTORY_KEY: &str = "consent_history";
/// The language cookie's default name (`cookieSettings.language.name`).
pub const LANGUAGE_COOKIE: &str = "consent_lang";
/// The consent cookie's default name (`cookieSettings.consent.name`).
pub const CONSENT_COOKIE: &str = "consent";
/// The banner cookie's default name (`cookieSettings.banner.name`).
pub const BANNER_COOKIE: &str = "consent_banner";
/// The `dataLayer` event pushed after each page view's decision and each choice.
pub const DATALAYER_EVENT: &str = "consent_update";
/// The field of [`DATALAYER_EVENT`] that lists the active categories.
pub const DATALAYER_CATEGORIES: &str = "consent_categories";
/// Internal: a blocked iframe that has a placeholder.
pub const BLOCKED_ATTR: &str = "data-consent-blocked";
/// On a cookie table's element once the first-visit module or the runtime filled it
/// (consent-banner-surfaces.js), so that it is filled once and released to the full module.
pub const RENDERED_ATTR: &str = "data-consent-rendered";
/// Internal: the live region that announces a saved choice.
pub const STATUS_ATTR: &str = "data-consent-status";
/// Internal: the banner's Global Privacy Control notice.
pub const GPC_ATTR: &str = "data-consent-gpc";
/// Internal: the page-level stylesheet added for cookie tables and placeholders.
pub const STYLESHEET_ATTR: &str = "data-consent-stylesheet";

/// The values above that are not public: page authors must not rely on them (the README's
/// public contract leaves them out; a test checks that it lists every other one).
pub const INTERNAL: &[&str] = &[BLOCKED_ATTR, RENDERED_ATTR, STATUS_ATTR, GPC_ATTR, STYLESHEET_ATTR, FULL_FLAG];
