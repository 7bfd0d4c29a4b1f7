//! What the browser recorded: per page, per pass, every cookie, storage key and request to
//! another origin, the banner as shown, and the tags of the page (its rendered DOM and its raw
//! HTML). Plain data, serialised as is into the JSON report; [`crate::findings`] reads it.

use serde::Serialize;

/// One visit of a page in a fresh browser profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pass {
    /// The page as a first visitor sees it, before any choice.
    NoChoice,
    /// After clicking Reject all (or the notice's acknowledge button in inform mode).
    Reject,
    /// After clicking Accept all (or acknowledge).
    Accept,
    /// After Accept all, then withdrawing everything (`consentBanner.rejectAll()`) and loading
    /// the page again: what still runs or stays.
    Withdrawn,
}

impl Pass {
    /// Every pass, in the order they run.
    pub const ALL: [Pass; 4] = [Pass::NoChoice, Pass::Reject, Pass::Accept, Pass::Withdrawn];

    /// The name used in the reports (`no-choice`, `reject`, `accept`, `withdrawn`).
    pub fn as_str(self) -> &'static str {
        match self {
            Pass::NoChoice => "no-choice",
            Pass::Reject => "reject",
            Pass::Accept => "accept",
            Pass::Withdrawn => "withdrawn",
        }
    }

    /// How a reader names it.
    pub fn label(self) -> &'static str {
        match self {
            Pass::NoChoice => "No choice",
            Pass::Reject => "Reject all",
            Pass::Accept => "Accept all",
            Pass::Withdrawn => "Withdrawn after Accept all",
        }
    }
}

/// First or third party, from the site of the cookie's domain (or the request's host)
/// compared with the page's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Party {
    /// Same site as the page.
    First,
    /// Another site.
    Third,
}

impl Party {
    /// `first` or `third`, as the config writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Party::First => "first",
            Party::Third => "third",
        }
    }
}

/// Where a cookie was seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CookieSource {
    /// In the browser's cookie jar at the end of the pass (set by a script or a response).
    Jar,
    /// In a `Set-Cookie` response header (possibly refused by the browser, or deleted since).
    SetCookie,
}

/// One cookie seen in a pass.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SeenCookie {
    /// Its name.
    pub name: String,
    /// Its domain as the browser stores it (`.example.com` for a domain cookie).
    pub domain: String,
    /// Its path.
    pub path: String,
    /// Seconds it lives from the moment it was seen; `None` for a session cookie.
    pub lifetime: Option<i64>,
    /// First or third party.
    pub party: Party,
    /// Jar or response header.
    pub source: CookieSource,
    /// `HttpOnly`: invisible to `document.cookie`.
    pub http_only: bool,
}

/// `localStorage` or `sessionStorage`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum StorageKind {
    /// `localStorage`.
    LocalStorage,
    /// `sessionStorage`.
    SessionStorage,
}

impl StorageKind {
    /// `localStorage` or `sessionStorage`.
    pub fn as_str(self) -> &'static str {
        match self {
            StorageKind::LocalStorage => "localStorage",
            StorageKind::SessionStorage => "sessionStorage",
        }
    }
}

/// One storage key seen in a pass, on the page's origin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StorageKey {
    /// Which storage.
    pub kind: StorageKind,
    /// The key.
    pub key: String,
}

/// One request the page made to another origin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Request {
    /// Its URL (query string kept: it is the evidence of what was sent).
    pub url: String,
    /// Its host.
    pub host: String,
    /// Another site than the page's (a subdomain of the same site is first party).
    pub party: Party,
    /// The resource type the browser gives (`Script`, `Image`, `XHR`, …).
    pub kind: String,
}

/// The banner (or notice) as the browser showed it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Banner {
    /// `ask` or `inform` (`data-consent-mode`).
    pub mode: String,
    /// The language it was shown in (`lang`).
    pub lang: String,
    /// Its visible text.
    pub text: String,
}

/// What one pass recorded.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PassRecord {
    /// Which pass.
    pub pass: Pass,
    /// Every cookie seen: the jar at the end, and every `Set-Cookie` header on the way.
    pub cookies: Vec<SeenCookie>,
    /// The page origin's storage keys at the end.
    pub storage: Vec<StorageKey>,
    /// Every request to another origin.
    pub requests: Vec<Request>,
    /// The banner as shown when the page had loaded (before the pass's click); `None` when none showed.
    pub banner: Option<Banner>,
    /// What went wrong, if the pass could not be carried out in full (the banner's button not
    /// found, the page not loading).
    pub error: Option<String>,
    /// A PNG of the banner (base64), for the HTML report; left out of the JSON report.
    #[serde(skip)]
    pub screenshot: Option<String>,
}

impl PassRecord {
    /// An empty record for a pass.
    pub fn new(pass: Pass) -> PassRecord {
        PassRecord {
            pass,
            cookies: Vec::new(),
            storage: Vec::new(),
            requests: Vec::new(),
            banner: None,
            error: None,
            screenshot: None,
        }
    }
}

/// Where a tag was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TagContext {
    /// In the page's DOM once loaded, before any choice (tags inserted by scripts included).
    Dom,
    /// In the HTML the server sent.
    Html,
    /// Inside a `<noscript>` of the HTML the server sent: it loads when JavaScript is off.
    Noscript,
}

/// One element that loads something or is gated: `script`, `img`, `iframe`, `link`, media
/// elements, and any element with `data-consent-category` or `data-consent-service`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tag {
    /// Element name, lowercase.
    pub tag: String,
    /// `src` (or `href`), resolved against the page; empty when absent.
    pub src: String,
    /// `data-src` (or `data-href`, `data-srcset`), resolved; empty when absent.
    pub data_src: String,
    /// `type`, for scripts.
    pub r#type: String,
    /// `data-consent-category`, if present.
    pub category: Option<String>,
    /// `data-consent-service`, if present.
    pub service: Option<String>,
    /// The banner activated it (`data-consent-activated`).
    pub activated: bool,
    /// For an inline script: the start of its text.
    pub inline: String,
}

/// Everything recorded for one page.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PageRecord {
    /// The page's URL.
    pub url: String,
    /// The loader's `data-area`, if any.
    pub area: Option<String>,
    /// The page has the consent-banner loader (a script with `data-config` or `data-area`, or
    /// one named `consent-banner.js`).
    pub has_loader: bool,
    /// Its passes, in order.
    pub passes: Vec<PassRecord>,
    /// Its tags: the DOM's before a choice, the HTML's and its `<noscript>` content.
    #[serde(skip)]
    pub tags: Vec<(TagContext, Tag)>,
    /// What went wrong loading it, if it could not be audited.
    pub error: Option<String>,
}

impl PageRecord {
    /// The pass of this kind, if it ran.
    pub fn pass(&self, pass: Pass) -> Option<&PassRecord> {
        self.passes.iter().find(|p| p.pass == pass)
    }
}
