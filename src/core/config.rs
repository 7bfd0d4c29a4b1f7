//! The configuration: its model, its defaults and the one validation pass.
//!
//! A config is JSON. [`Config::from_json`] reads it in a single pass that reports every
//! problem at once, each with the path of the offending field
//! (`categories[2].cookies[0].provider`), and rejects unknown fields so that a typo never
//! silently turns into a default.

use ::core::borrow::Borrow;
use ::core::fmt;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use super::contract;
use super::i18n::{self, Texts, TEXT_KEYS};
use super::json::{self, quoted, Map, Value};
use super::policy::{entry_parts, service_entry, split_on, Gate, Policy};
use super::{cat, decimal, find, join_all};

/// Longest banner version accepted; keeps the consent cookie small.
pub const MAX_VERSION_LEN: usize = 64;
/// Most categories a config may declare; keeps the consent cookie small.
pub const MAX_CATEGORIES: usize = 24;
/// Most services one category may list.
pub const MAX_SERVICES: usize = 16;
/// Browsers cap cookie lifetimes at 400 days (Chromium since 104), so more would be a lie.
pub const MAX_COOKIE_DAYS: u32 = 400;

pub use super::policy::{is_valid_id, Mode};

/// The `SameSite` attribute of the cookies consent-banner writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SameSite {
    /// `SameSite=Lax`, the default.
    Lax,
    /// `SameSite=Strict`.
    Strict,
    /// `SameSite=None`, which browsers accept only with `Secure`.
    None,
}

impl SameSite {
    /// The attribute value as written in a cookie.
    pub fn as_str(self) -> &'static str {
        match self {
            SameSite::Lax => "Lax",
            SameSite::Strict => "Strict",
            SameSite::None => "None",
        }
    }
}

/// Name and lifetime of one cookie that consent-banner writes itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnCookie {
    /// Cookie name.
    pub name: String,
    /// Lifetime in days, written as `Max-Age`.
    pub days: u32,
}

impl OwnCookie {
    /// The lifetime in seconds, as written in `Max-Age`.
    pub fn max_age(&self) -> u64 {
        u64::from(self.days) * 86_400
    }
}

/// The cookies consent-banner writes itself, and their shared attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CookieSettings {
    /// The consent cookie: which categories were accepted, for which version, when.
    pub consent: OwnCookie,
    /// The banner cookie: the banner version last shown and answered.
    pub banner: OwnCookie,
    /// The language cookie: the language the visitor picked.
    pub language: OwnCookie,
    /// `Domain` attribute; `None` writes host-only cookies.
    pub domain: Option<String>,
    /// `SameSite` attribute.
    pub same_site: SameSite,
}

impl Default for CookieSettings {
    fn default() -> Self {
        CookieSettings {
            consent: OwnCookie { name: contract::CONSENT_COOKIE.into(), days: 365 },
            banner: OwnCookie { name: contract::BANNER_COOKIE.into(), days: 7 },
            language: OwnCookie { name: contract::LANGUAGE_COOKIE.into(), days: 365 },
            domain: None,
            same_site: SameSite::Lax,
        }
    }
}

/// Who sets a declared cookie.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Party {
    /// Set by the site itself, on its own domain.
    First,
    /// Set by another party's tag or domain.
    Third,
}

/// A unit of a declared cookie lifetime.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Seconds.
    Seconds,
    /// Minutes.
    Minutes,
    /// Hours.
    Hours,
    /// Days.
    Days,
    /// Weeks.
    Weeks,
    /// Months.
    Months,
    /// Years.
    Years,
}

impl Unit {
    /// Approximate length in seconds, for lints and ordering (a month is 30 days).
    pub fn seconds(self) -> u64 {
        match self {
            Unit::Seconds => 1,
            Unit::Minutes => 60,
            Unit::Hours => 3_600,
            Unit::Days => 86_400,
            Unit::Weeks => 7 * 86_400,
            Unit::Months => 30 * 86_400,
            Unit::Years => 365 * 86_400,
        }
    }

    fn parse(word: &str) -> Option<Unit> {
        Some(match word.trim_end_matches('s') {
            "second" => Unit::Seconds,
            "minute" => Unit::Minutes,
            "hour" => Unit::Hours,
            "day" => Unit::Days,
            "week" => Unit::Weeks,
            "month" => Unit::Months,
            "year" => Unit::Years,
            _ => return None,
        })
    }
}

/// A declared cookie lifetime, as a cookie policy states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lifetime {
    /// Deleted when the browser closes.
    Session,
    /// A fixed duration, written in the config as `"6 months"`.
    For {
        /// How many units.
        amount: u32,
        /// Which unit.
        unit: Unit,
        /// The duration counts from the last activity, not from the first visit
        /// (written `"30 minutes of inactivity"`).
        idle: bool,
    },
}

impl Lifetime {
    /// Parses `"session"`, `"6 months"`, `"30 seconds"` or `"30 minutes of inactivity"`.
    pub fn parse(text: &str) -> Option<Lifetime> {
        let text = text.trim();
        if text == "session" {
            return Some(Lifetime::Session);
        }
        let (text, idle) = match text.strip_suffix(" of inactivity") {
            Some(rest) => (rest, true),
            None => (text, false),
        };
        let mut words = text.split_whitespace();
        let amount: u32 = words.next()?.parse().ok()?;
        let unit = Unit::parse(words.next()?)?;
        if words.next().is_some() || amount == 0 {
            return None;
        }
        Some(Lifetime::For { amount, unit, idle })
    }

    /// Approximate length in seconds; a session cookie counts as zero.
    pub fn seconds(&self) -> u64 {
        match self {
            Lifetime::Session => 0,
            Lifetime::For { amount, unit, .. } => u64::from(*amount) * unit.seconds(),
        }
    }
}

/// Text in every configured language, keyed by language code.
pub type Localized = LangMap<String>;

/// A map keyed by language code, iterated in key order like a `BTreeMap`. A config has a
/// handful of languages: a sorted `Vec` searched in a line does the job of a B-tree, without
/// the B-tree's code in the wasm.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LangMap<V>(Vec<(String, V)>);

impl<V> Default for LangMap<V> {
    fn default() -> Self {
        LangMap(Vec::new())
    }
}

impl<V> LangMap<V> {
    /// An empty map.
    pub fn new() -> Self {
        LangMap(Vec::new())
    }

    /// How many languages.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there is no language.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value for a language.
    pub fn get<Q>(&self, lang: &Q) -> Option<&V>
    where
        String: Borrow<Q>,
        Q: AsRef<str> + ?Sized,
    {
        let lang = lang.as_ref();
        self.0.iter().find(|(k, _)| k == lang).map(|(_, v)| v)
    }

    /// The value for a language, to change it.
    pub fn get_mut<Q>(&mut self, lang: &Q) -> Option<&mut V>
    where
        String: Borrow<Q>,
        Q: AsRef<str> + ?Sized,
    {
        let lang = lang.as_ref();
        self.0.iter_mut().find(|(k, _)| k == lang).map(|(_, v)| v)
    }

    /// True when the map has this language.
    pub fn contains_key<Q>(&self, lang: &Q) -> bool
    where
        String: Borrow<Q>,
        Q: AsRef<str> + ?Sized,
    {
        self.get(lang).is_some()
    }

    /// Sets the value for a language, returning the one it replaces.
    pub fn insert(&mut self, lang: String, value: V) -> Option<V> {
        if let Some(slot) = self.get_mut(lang.as_str()) {
            return Some(::core::mem::replace(slot, value));
        }
        // Rebuilt in order rather than with `Vec::insert`, whose panic path formats numbers.
        let mut entry = Some((lang, value));
        for item in ::core::mem::take(&mut self.0) {
            if entry.as_ref().is_some_and(|(lang, _)| *lang < item.0) {
                self.0.extend(entry.take());
            }
            self.0.push(item);
        }
        self.0.extend(entry);
        None
    }

    /// The entries, in language-code order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The entries, in language-code order, the values mutable.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&String, &mut V)> {
        self.0.iter_mut().map(|(k, v)| (&*k, v))
    }

    /// The language codes, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    /// The values, in language-code order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }
}

impl<'a, V> IntoIterator for &'a LangMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = ::core::iter::Map<::core::slice::Iter<'a, (String, V)>, fn(&'a (String, V)) -> (&'a String, &'a V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<V> FromIterator<(String, V)> for LangMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        let mut map = LangMap::new();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

/// A cookie declared in a category, as the cookie policy lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclaredCookie {
    /// The cookie name, or a pattern with `*` standing for any run of characters (`_ga_*`).
    pub name: String,
    /// Who sets it, by name (`"AT Internet"`).
    pub provider: String,
    /// First or third party.
    pub party: Party,
    /// Lifetime as declared.
    pub lifetime: Lifetime,
    /// Purpose, per language.
    pub purpose: Localized,
}

/// A service inside a category (one provider's tool, such as AT Internet's audience
/// measurement), which a visitor may accept or refuse on its own. In consent lists it is
/// `"<category id>:<service id>"` (see [`super::policy::service_entry`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    /// Identifier, unique within its category, used in `data-consent-service`.
    pub id: String,
    /// Label, per language.
    pub label: Localized,
    /// What it does with the visitor's data, per language.
    pub description: Localized,
    /// Who provides it (`"AT Internet"`), when named.
    pub provider: Option<String>,
    /// The cookies this service may set.
    pub cookies: Vec<DeclaredCookie>,
}

/// A category of cookies and tags that the visitor accepts or refuses as one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    /// Identifier used in markup (`data-consent-category`) and in the consent cookie.
    pub id: String,
    /// Essential: always on, cannot be refused.
    pub required: bool,
    /// For a required category: its tags run only once the visitor has made a choice (for
    /// example a consent-management provider's own cookies).
    pub after_choice: bool,
    /// Label, per language.
    pub label: Localized,
    /// Description, per language.
    pub description: Localized,
    /// How the banner's description names this optional category's purpose, per language
    /// (`bannerPurpose`, "analytical cookies to improve it"); empty when the config gives none
    /// (see [`super::wording::banner_purpose`]).
    pub banner_purpose: Localized,
    /// The cookies this category may set (besides those of its services).
    pub cookies: Vec<DeclaredCookie>,
    /// Its services, each consented to on its own; empty when the category is one choice.
    pub services: Vec<Service>,
}

/// One area of a site (for example "business" or "support"), with its own mode and
/// categories. A page picks its area with `data-area` on the loader script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Area {
    /// Identifier used in `data-area` and `data-consent-cookie-table`.
    pub id: String,
    /// Name of the area, per language, for headings on the cookie policy page.
    pub label: Localized,
    /// Ask or inform.
    pub mode: Mode,
    /// The area's categories, in display order.
    pub categories: Vec<Category>,
    /// Interface texts of this area's own (`areas.<id>.texts`): (language, key, text), over
    /// the config's texts on the area's pages.
    pub texts: Vec<(String, String, String)>,
}

/// A validated configuration. Build one with [`Config::from_json`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// The banner version; a change means the content changed and visitors are asked again.
    pub version: String,
    /// Ask or inform.
    pub mode: Mode,
    /// The configured languages, first one the default unless `default_language` says otherwise.
    pub languages: Vec<String>,
    /// The language used when nothing about the visitor matches a configured one.
    pub default_language: String,
    /// The cookies consent-banner writes.
    pub cookie_settings: CookieSettings,
    /// Link to the cookie policy (`http`, `https` or relative).
    pub policy_link: String,
    /// The interface texts per configured language: the config's own, complete for a language
    /// of its own, any keys (or none) for a built-in language, whose texts file fills the rest
    /// once loaded ([`Config::add_builtin`]).
    pub texts: LangMap<Texts>,
    /// The built-in languages whose texts are loaded ([`Config::add_builtin`]).
    pub loaded_texts: Vec<String>,
    /// The categories, in display order.
    pub categories: Vec<Category>,
    /// Reload the page after the visitor withdraws a category.
    pub reload_on_withdraw: bool,
    /// The browser's languages come before the page's `<html lang>` when choosing the
    /// language to show (a site in one language whose banner speaks the visitor's).
    pub browser_language_first: bool,
    /// Google Consent Mode v2: which consent types each category grants, in order. Empty
    /// when switched off.
    pub google_consent_mode: Vec<(String, Vec<String>)>,
    /// Categories refused from the start when the browser sends Global Privacy Control.
    pub gpc_refuses: Vec<String>,
    /// Where each choice is also sent as a JSON receipt (proof of consent).
    pub receipt_endpoint: Option<String>,
    /// Where a visitor reads the records of their consent: a URL with `{id}` for the consent id
    /// (the consent-records service's `GET /records/{id}`), linked from the privacy centre.
    pub record_url: Option<String>,
    /// Every area of a multi-area config, in order; empty for a single-area config.
    pub areas: Vec<Area>,
    /// The area this config was narrowed to with [`Config::for_area`].
    pub area: Option<String>,
}

impl Config {
    /// Parses and validates a JSON config, returning every problem found. Text that is not
    /// JSON (a key repeated in an object included) is one error, with its line and column.
    pub fn from_json(text: &str) -> Result<Config, ConfigErrors> {
        let value = json::parse(text).map_err(|e| {
            let message = cat(&[
                "not valid JSON (line ",
                &decimal(e.line()),
                ", column ",
                &decimal(e.column()),
                "): ",
                e.reason(),
            ]);
            ConfigErrors(vec![ConfigError { path: String::new(), message }])
        })?;
        Config::from_value(&value)
    }

    /// Validates an already parsed JSON value (see [`json::parse`]).
    pub fn from_value(value: &Value) -> Result<Config, ConfigErrors> {
        let mut r = Reader::default();
        let config = r.config(value);
        match config {
            #[cfg(feature = "texts")]
            Some(mut config) if r.errors.is_empty() => {
                config.add_bundled_texts();
                Ok(config)
            }
            #[cfg(not(feature = "texts"))]
            Some(config) if r.errors.is_empty() => Ok(config),
            _ => Err(ConfigErrors(r.errors)),
        }
    }

    /// The category with this id.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// Narrows a config to the area a page belongs to: its mode and categories become the
    /// config's. A single-area config takes no area; a multi-area one needs one.
    pub fn for_area(&self, area: Option<&str>) -> Result<Config, String> {
        self.clone().into_area(area)
    }

    /// [`Config::for_area`] without copying the config.
    pub fn into_area(mut self, area: Option<&str>) -> Result<Config, String> {
        match (area, self.areas.is_empty()) {
            (None, true) => Ok(self),
            (Some(id), true) => Err(cat(&["the page asks for area ", &quoted(id), " but the config has no areas"])),
            (None, false) => Err(cat(&["the config has areas (", &self.area_ids(), "); pick one with data-area"])),
            (Some(id), false) => match self.areas.iter().find(|a| a.id == id) {
                Some(a) => {
                    let (mode, categories, area) = (a.mode, a.categories.clone(), Some(a.id.clone()));
                    for (lang, key, text) in &a.texts {
                        if let Some(t) = self.texts.get_mut(lang.as_str()) {
                            t.set(key, text);
                        }
                    }
                    Ok(Config { mode, categories, area, ..self })
                }
                None => Err(cat(&["the config has no area ", &quoted(id), " (it has ", &self.area_ids(), ")"])),
            },
        }
    }

    fn area_ids(&self) -> String {
        join_all(&self.areas.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ", ")
    }

    /// Every category of the site: this config's, then those of each area (ids may repeat).
    pub fn all_categories(&self) -> impl Iterator<Item = &Category> {
        self.categories.iter().chain(self.areas.iter().flat_map(|a| &a.categories))
    }

    /// True when some area of the site (or this config) has an optional category with this id,
    /// or a service with this entry (`category:service`) in an optional category: a stored
    /// consent may name it even if the current page's area does not.
    pub fn is_known_optional(&self, id: &str) -> bool {
        let (category, service) = entry_parts(id);
        self.all_categories()
            .any(|c| c.id == category && !c.required && service.is_none_or(|s| c.services.iter().any(|x| x.id == s)))
    }

    /// The cookies declared for a consent entry: a category's own (`analytics`) or a
    /// service's (`analytics:numberly`); none for an unknown one. Withdrawing a category
    /// withdraws each of its services too, as separate entries.
    pub fn declared_cookies(&self, entry: &str) -> &[DeclaredCookie] {
        let (category, service) = entry_parts(entry);
        let Some(c) = self.category(category) else {
            return &[];
        };
        match service {
            None => &c.cookies,
            Some(s) => c.services.iter().find(|x| x.id == s).map_or(&[], |x| &x.cookies),
        }
    }

    /// The ids of the categories a visitor can accept or refuse, in order.
    pub fn optional_ids(&self) -> impl Iterator<Item = &str> {
        self.categories.iter().filter(|c| !c.required).map(|c| c.id.as_str())
    }

    /// What decides which tags run on this config's pages (see [`Policy`]).
    pub fn policy(&self) -> Policy {
        Policy {
            version: self.version.clone(),
            mode: self.mode,
            consent_cookie: self.cookie_settings.consent.name.clone(),
            consent_max_age: self.cookie_settings.consent.max_age(),
            banner_cookie: self.cookie_settings.banner.name.clone(),
            categories: self
                .categories
                .iter()
                .map(|c| Gate {
                    id: c.id.clone(),
                    required: c.required,
                    after_choice: c.after_choice,
                    services: c.services.iter().map(|s| s.id.clone()).collect(),
                })
                .collect(),
            known_optional: {
                // Loops, not iterator adapters: each adapter instance is code in the small wasm.
                let mut known = Vec::new();
                let mut add = |c: &Category| {
                    if !c.required {
                        known.push(c.id.clone());
                        for s in &c.services {
                            known.push(service_entry(&c.id, &s.id));
                        }
                    }
                };
                self.categories.iter().for_each(&mut add);
                self.areas.iter().for_each(|a| a.categories.iter().for_each(&mut add));
                known
            },
            google_consent_mode: self.google_consent_mode.clone(),
        }
    }

    /// The texts for a language, falling back to the default language. A built-in language's
    /// keys the config leaves out are empty until its texts are loaded: [`Config::texts_needed`]
    /// says which to load.
    pub fn texts(&self, lang: &str) -> &Texts {
        match self.texts.get(lang).or_else(|| self.texts.get(&self.default_language)) {
            Some(t) => t,
            None => self.texts.values().next().unwrap_or(&i18n::EMPTY),
        }
    }

    /// The language to show a visitor: the language cookie's, else the page's `<html lang>`, else
    /// the browser's languages (those two the other way round with `browserLanguageFirst`), else
    /// the default language; each matched exactly, then on its primary subtag.
    pub fn visitor_language(&self, cookies: &str, html_lang: Option<&str>, navigator: &[String]) -> String {
        let cookie = super::cookie::values(cookies, &self.cookie_settings.language.name).first().copied();
        let (configured, default) = (&self.languages, self.default_language.as_str());
        if self.browser_language_first {
            let mut browser = navigator.to_vec();
            browser.extend(html_lang.map(String::from));
            i18n::choose_language(configured, default, cookie, None, &browser)
        } else {
            i18n::choose_language(configured, default, cookie, html_lang, navigator)
        }
    }

    /// The built-in language whose texts must be loaded (with [`Config::add_builtin`]) before
    /// `lang` can be shown in full, if any: its own for a built-in language; English for a
    /// language of the config's own that leaves out a key added since (`consentRecord`).
    pub fn texts_needed(&self, lang: &str) -> Option<&'static str> {
        let lang = if self.texts.contains_key(lang) { lang } else { &self.default_language };
        let code = match i18n::builtin_code(lang) {
            Some(code) => code,
            None if self.texts(lang).consent_record.is_empty() => "en",
            None => return None,
        };
        (!self.loaded_texts.iter().any(|l| l == code)).then_some(code)
    }

    /// Adds a built-in language's texts (read with [`i18n::parse_builtin`]) under the config's
    /// own: to each configured language of that code, and, for English, to the keys a language
    /// of the config's own leaves out.
    pub fn add_builtin(&mut self, code: &str, builtin: Texts) {
        for (lang, texts) in self.texts.iter_mut() {
            match i18n::builtin_code(lang) {
                Some(c) if c == code => texts.fill_from(&builtin),
                None if code == "en" && texts.consent_record.is_empty() => {
                    texts.consent_record.clone_from(&builtin.consent_record)
                }
                _ => {}
            }
        }
        self.loaded_texts.push(code.into());
    }

    /// Adds the compiled-in texts of every built-in language the config uses, and English.
    #[cfg(feature = "texts")]
    pub fn add_bundled_texts(&mut self) {
        let codes: Vec<&'static str> =
            self.languages.iter().filter_map(|l| i18n::builtin_code(l)).chain(["en"]).collect();
        for code in codes {
            if let Some(texts) = i18n::builtin(code) {
                self.add_builtin(code, texts);
            }
        }
    }
}

/// One problem in a config, with the path of the field it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// Path of the field, such as `categories[2].cookies[0].provider`; empty for the whole file.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl ConfigError {
    /// The line that reports it: `config categories[2].id: …`, or `config: …` for the whole file.
    pub fn line(&self) -> String {
        if self.path.is_empty() {
            cat(&["config: ", &self.message])
        } else {
            cat(&["config ", &self.path, ": ", &self.message])
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line())
    }
}

/// Every problem found in a config.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigErrors(pub Vec<ConfigError>);

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl ::core::error::Error for ConfigErrors {}

/// True for links that may be rendered: `http:`, `https:` or relative, never `javascript:` or `data:`.
pub fn is_safe_link(href: &str) -> bool {
    let href = href.trim();
    if href.is_empty() || href.chars().any(|c| c.is_control()) {
        return false;
    }
    let lower = href.to_ascii_lowercase();
    match lower.bytes().position(|b| b == b':') {
        // A colon before any '/', '?' or '#' starts a scheme.
        Some(colon) if !lower.bytes().take(colon).any(|b| matches!(b, b'/' | b'?' | b'#')) => {
            lower.starts_with("http:") || lower.starts_with("https:")
        }
        _ => true,
    }
}

fn is_valid_cookie_name(name: &str, allow_pattern: bool) -> bool {
    !name.is_empty()
        && name.len() <= 128
        && name
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?={}".contains(&b) && (allow_pattern || b != b'*'))
}

fn is_valid_language(code: &str) -> bool {
    let mut parts = split_on(code, b'-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Walks a JSON value, building the model and collecting every error with its path.
#[derive(Default)]
struct Reader {
    errors: Vec<ConfigError>,
}

impl Reader {
    /// Records an error: its message is the parts one after the other.
    fn err(&mut self, path: &str, message: &[&str]) {
        self.errors.push(ConfigError { path: path.into(), message: cat(message) });
    }

    /// An object whose fields are all among `known`; reports the others.
    fn object<'v>(&mut self, v: &'v Value, path: &str, known: &[&str]) -> Option<&'v Map> {
        let Some(map) = v.as_object() else {
            self.err(path, &["expected an object, found ", kind(v)]);
            return None;
        };
        for key in map.keys() {
            if !known.contains(&key.as_str()) {
                self.err(&join(path, key), &["unknown field (expected one of: ", &join_all(known, ", "), ")"]);
            }
        }
        Some(map)
    }

    fn string(&mut self, map: &Map, key: &str, path: &str) -> Option<String> {
        match map.get(key) {
            None => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => {
                self.err(&join(path, key), &["expected a string, found ", kind(other)]);
                None
            }
        }
    }

    fn required_string(&mut self, map: &Map, key: &str, path: &str) -> Option<String> {
        if !map.contains_key(key) {
            self.err(&join(path, key), &["missing"]);
        }
        self.string(map, key, path)
    }

    fn boolean(&mut self, map: &Map, key: &str, path: &str) -> bool {
        match map.get(key) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                self.err(&join(path, key), &["expected true or false, found ", kind(other)]);
                false
            }
        }
    }

    fn config(&mut self, v: &Value) -> Option<Config> {
        const KNOWN: &[&str] = &[
            "$schema",
            "version",
            "mode",
            "languages",
            "defaultLanguage",
            "cookieSettings",
            "policyLink",
            "texts",
            "categories",
            "areas",
            "reloadOnWithdraw",
            "browserLanguageFirst",
            "googleConsentMode",
            "gpcRefuses",
            "receiptEndpoint",
            "recordUrl",
        ];
        let map = self.object(v, "", KNOWN)?;

        let version = self.required_string(map, "version", "").unwrap_or_default();
        if map.contains_key("version") && matches!(map.get("version"), Some(Value::String(_))) {
            if version.trim().is_empty() {
                self.err("version", &["must not be empty"]);
            } else if version.len() > MAX_VERSION_LEN {
                self.err("version", &["longer than ", &decimal(MAX_VERSION_LEN), " characters"]);
            } else if version.chars().any(|c| c.is_control()) {
                self.err("version", &["contains control characters"]);
            }
        }

        let mode = self.mode(map, "");

        let languages = self.languages(map);
        let default_language = match self.string(map, "defaultLanguage", "") {
            Some(lang) => {
                if !languages.contains(&lang) {
                    self.err("defaultLanguage", &[&quoted(&lang), " is not one of the configured languages"]);
                }
                lang
            }
            None => languages.first().cloned().unwrap_or_else(|| "en".into()),
        };

        let cookie_settings = match map.get("cookieSettings") {
            Some(v) => self.cookie_settings(v),
            None => CookieSettings::default(),
        };

        let policy_link = match self.required_string(map, "policyLink", "") {
            Some(href) if is_safe_link(&href) => href,
            Some(href) => {
                self.err("policyLink", &[&quoted(&href), " is not an http, https or relative link"]);
                String::new()
            }
            None => String::new(),
        };

        let texts = self.texts(map.get("texts"), &languages);

        let mut areas = Vec::new();
        let categories = match (map.get("categories"), map.get("areas")) {
            (Some(_), Some(_)) => {
                self.err("areas", &["give either categories (one area) or areas, not both"]);
                Vec::new()
            }
            (None, None) => {
                self.err("categories", &["missing (or give areas)"]);
                Vec::new()
            }
            (Some(v), None) => self.categories(v, "categories", mode, &languages),
            (None, Some(v)) => {
                if map.contains_key("mode") {
                    self.err("mode", &["with areas, each area has its own mode"]);
                }
                areas = self.areas(v, &languages);
                Vec::new()
            }
        };
        // One id means one consent across the site: areas must agree on whether it is required.
        let all: Vec<(String, &Category)> = areas
            .iter()
            .flat_map(|a| {
                a.categories
                    .iter()
                    .enumerate()
                    .map(move |(i, c)| (index(&cat(&["areas.", &a.id, ".categories"]), i), c))
            })
            .collect();
        for (i, (path, c)) in all.iter().enumerate() {
            if let Some((_, first)) = all.iter().take(i).find(|(_, e)| e.id == c.id && e.required != c.required) {
                self.err(
                    &join(path, "required"),
                    &[
                        "category ",
                        &quoted(&c.id),
                        " is required in one area and optional in another (required: ",
                        if first.required { "true" } else { "false" },
                        ")",
                    ],
                );
            }
        }

        let reload_on_withdraw = self.boolean(map, "reloadOnWithdraw", "");
        let browser_language_first = self.boolean(map, "browserLanguageFirst", "");
        let known_ids: Vec<&str> =
            categories.iter().chain(areas.iter().flat_map(|a| &a.categories)).map(|c| c.id.as_str()).collect();
        // Consent Mode may map a category (granted when all of it is accepted) or one service.
        let mut known_services: Vec<String> = Vec::new();
        let mut add = |c: &Category| {
            for s in &c.services {
                known_services.push(service_entry(&c.id, &s.id));
            }
        };
        categories.iter().for_each(&mut add);
        areas.iter().for_each(|a| a.categories.iter().for_each(&mut add));
        let mut mappable = known_ids.clone();
        for entry in &known_services {
            mappable.push(entry);
        }
        let google_consent_mode = self.google_consent_mode(map.get("googleConsentMode"), &mappable);
        let gpc_refuses = match map.get("gpcRefuses") {
            None => vec!["marketing".to_string()],
            Some(v) => self.id_list(v, "gpcRefuses", &known_ids),
        };
        let receipt_endpoint = match self.string(map, "receiptEndpoint", "") {
            Some(href) if is_safe_link(&href) => Some(href),
            Some(href) => {
                self.err("receiptEndpoint", &[&quoted(&href), " is not an http, https or relative URL"]);
                None
            }
            None => None,
        };
        let record_url = match self.string(map, "recordUrl", "") {
            Some(href) if !is_safe_link(&href) => {
                self.err("recordUrl", &[&quoted(&href), " is not an http, https or relative URL"]);
                None
            }
            Some(href) if href.as_bytes().windows(4).filter(|w| *w == b"{id}").count() != 1 => {
                self.err("recordUrl", &[&quoted(&href), " must hold {id} (where the consent id goes) once"]);
                None
            }
            other => other,
        };

        Some(Config {
            version,
            mode,
            languages,
            default_language,
            cookie_settings,
            policy_link,
            texts,
            loaded_texts: Vec::new(),
            categories,
            reload_on_withdraw,
            browser_language_first,
            google_consent_mode,
            gpc_refuses,
            receipt_endpoint,
            record_url,
            areas,
            area: None,
        })
    }

    fn id_list(&mut self, v: &Value, path: &str, known: &[&str]) -> Vec<String> {
        let Some(items) = v.as_array() else {
            self.err(path, &["expected an array of category ids, found ", kind(v)]);
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item.as_str() {
                Some(id) if known.contains(&id) => out.push(id.to_string()),
                Some(id) => self.err(&index(path, i), &[&quoted(id), " is not a category of this config"]),
                None => self.err(&index(path, i), &["expected a category id, found ", kind(item)]),
            }
        }
        out
    }

    fn google_consent_mode(&mut self, v: Option<&Value>, known: &[&str]) -> Vec<(String, Vec<String>)> {
        const TYPES: &[&str] = &[
            "ad_storage",
            "ad_user_data",
            "ad_personalization",
            "analytics_storage",
            "functionality_storage",
            "personalization_storage",
            "security_storage",
        ];
        let path = "googleConsentMode";
        let map = match v {
            // The default maps the usual category ids, when the config has them.
            None => {
                return [
                    ("analytics", &["analytics_storage"][..]),
                    ("marketing", &["ad_storage", "ad_user_data", "ad_personalization"][..]),
                ]
                .iter()
                .filter(|(id, _)| known.contains(id))
                .map(|(id, types)| (id.to_string(), types.iter().map(|t| t.to_string()).collect()))
                .collect();
            }
            Some(Value::Bool(false)) => return Vec::new(),
            Some(v) => match v.as_object() {
                Some(m) => m,
                None => {
                    self.err(path, &["expected false or an object of category id → consent types, found ", kind(v)]);
                    return Vec::new();
                }
            },
        };
        let mut out = Vec::new();
        for (id, types) in map {
            let cpath = join(path, id);
            if !known.contains(&id.as_str()) {
                self.err(&cpath, &[&quoted(id), " is not a category (or category:service) of this config"]);
                continue;
            }
            let Some(items) = types.as_array() else {
                self.err(&cpath, &["expected an array of consent types, found ", kind(types)]);
                continue;
            };
            let mut list = Vec::new();
            for (i, t) in items.iter().enumerate() {
                match t.as_str() {
                    Some(t) if TYPES.contains(&t) => list.push(t.to_string()),
                    _ => self.err(&index(&cpath, i), &["expected one of: ", &join_all(TYPES, ", ")]),
                }
            }
            out.push((id.clone(), list));
        }
        out
    }

    fn categories(&mut self, v: &Value, path: &str, mode: Mode, languages: &[String]) -> Vec<Category> {
        let Some(items) = v.as_array() else {
            self.err(path, &["expected an array, found ", kind(v)]);
            return Vec::new();
        };
        if items.len() > MAX_CATEGORIES {
            self.err(path, &["more than ", &decimal(MAX_CATEGORIES), " categories"]);
        }
        let mut categories: Vec<Category> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let cpath = index(path, i);
            let Some(c) = self.category(item, &cpath, languages) else {
                continue;
            };
            if categories.iter().any(|earlier| earlier.id == c.id) {
                self.err(&join(&cpath, "id"), &["duplicate category id ", &quoted(&c.id)]);
            }
            if mode == Mode::Inform && !c.required {
                self.err(
                    &join(&cpath, "required"),
                    &["inform mode is for essential cookies only: every category must be required"],
                );
            }
            categories.push(c);
        }
        categories
    }

    fn areas(&mut self, v: &Value, languages: &[String]) -> Vec<Area> {
        let Some(map) = v.as_object() else {
            self.err("areas", &["expected an object of areas, found ", kind(v)]);
            return Vec::new();
        };
        if map.is_empty() {
            self.err("areas", &["must have at least one area"]);
        }
        let mut areas = Vec::new();
        for (id, v) in map {
            let path = join("areas", id);
            if !is_valid_id(id) {
                self.err(&path, &[&quoted(id), " is not a valid area id: lowercase letters, digits, '_' and '-'"]);
            }
            let Some(m) = self.object(v, &path, &["label", "mode", "categories", "texts"]) else {
                continue;
            };
            let label = self.localized(m, "label", &path, languages);
            let mode = self.mode(m, &path);
            let categories = match m.get("categories") {
                Some(v) => self.categories(v, &join(&path, "categories"), mode, languages),
                None => {
                    self.err(&join(&path, "categories"), &["missing"]);
                    Vec::new()
                }
            };
            let texts = self.area_texts(m.get("texts"), &join(&path, "texts"), languages);
            areas.push(Area { id: id.clone(), label, mode, categories, texts });
        }
        areas
    }

    /// One interface text of `texts.<lang>` or `areas.<id>.texts.<lang>` (at `path`): a string
    /// that is not blank, a unit's forms well formed.
    fn text<'v>(&mut self, path: &str, key: &str, value: &'v Value) -> Option<&'v str> {
        match value.as_str() {
            Some(s) if !s.trim().is_empty() => {
                self.plural_forms(&join(path, key), key, s);
                Some(s)
            }
            Some(_) => {
                self.err(&join(path, key), &["must not be empty"]);
                None
            }
            None => {
                self.err(&join(path, key), &["expected a string, found ", kind(value)]);
                None
            }
        }
    }

    /// A unit's forms (`seconds` … `years`): `"singular|plural"` or keyed by plural category.
    fn plural_forms(&mut self, path: &str, key: &str, forms: &str) {
        const UNITS: &[&str] = &["seconds", "minutes", "hours", "days", "weeks", "months", "years"];
        if UNITS.contains(&key) {
            if let Some(problem) = i18n::plural_forms_problem(forms) {
                self.err(path, &[problem]);
            }
        }
    }

    /// `areas.<id>.texts`: like the top-level `texts`, each key optional (the config's text, or
    /// the built-in one, stays where the area gives none).
    fn area_texts(&mut self, v: Option<&Value>, path: &str, languages: &[String]) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        let Some(v) = v else { return out };
        let Some(map) = self.object(v, path, &languages.iter().map(String::as_str).collect::<Vec<_>>()) else {
            return out;
        };
        for (lang, v) in map {
            let lpath = join(path, lang);
            let Some(m) = self.object(v, &lpath, TEXT_KEYS) else { continue };
            for (key, value) in m {
                let Some(s) = self.text(&lpath, key, value) else { continue };
                if key == "description" && !i18n::is_builtin(lang) && find(s, i18n::PURPOSES).is_some() {
                    self.err(
                        &join(&lpath, key),
                        &["{purposes} is filled in only in the built-in languages (the 24 official EU languages)"],
                    );
                }
                out.push((lang.clone(), key.clone(), s.to_string()));
            }
        }
        out
    }

    fn mode(&mut self, map: &Map, path: &str) -> Mode {
        match self.string(map, "mode", path).as_deref() {
            None | Some("ask") => Mode::Ask,
            Some("inform") => Mode::Inform,
            Some(other) => {
                self.err(&join(path, "mode"), &["expected \"ask\" or \"inform\", found ", &quoted(other)]);
                Mode::Ask
            }
        }
    }

    fn languages(&mut self, map: &Map) -> Vec<String> {
        let Some(v) = map.get("languages") else {
            return vec!["en".into()];
        };
        let Some(items) = v.as_array() else {
            self.err("languages", &["expected an array of language codes, found ", kind(v)]);
            return vec!["en".into()];
        };
        let mut langs = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = index("languages", i);
            match item.as_str() {
                Some(code) if is_valid_language(code) => {
                    if langs.iter().any(|l| l == code) {
                        self.err(&path, &["duplicate language ", &quoted(code)]);
                    } else {
                        langs.push(code.to_string());
                    }
                }
                Some(code) => {
                    self.err(&path, &[&quoted(code), " is not a lowercase language code such as \"en\" or \"nl\""])
                }
                None => self.err(&path, &["expected a string, found ", kind(item)]),
            }
        }
        if items.is_empty() {
            self.err("languages", &["must name at least one language"]);
        }
        if langs.is_empty() {
            langs.push("en".into());
        }
        langs
    }

    fn cookie_settings(&mut self, v: &Value) -> CookieSettings {
        let path = "cookieSettings";
        let mut settings = CookieSettings::default();
        let Some(map) = self.object(v, path, &["consent", "banner", "language", "domain", "sameSite"]) else {
            return settings;
        };
        for (key, slot) in
            [("consent", &mut settings.consent), ("banner", &mut settings.banner), ("language", &mut settings.language)]
        {
            let Some(v) = map.get(key) else { continue };
            let cpath = join(path, key);
            let Some(m) = self.object(v, &cpath, &["name", "days"]) else {
                continue;
            };
            if let Some(name) = self.string(m, "name", &cpath) {
                if is_valid_cookie_name(&name, false) {
                    slot.name = name;
                } else {
                    self.err(&join(&cpath, "name"), &[&quoted(&name), " is not a valid cookie name"]);
                }
            }
            match m.get("days") {
                None => {}
                Some(d) => match d.as_u64() {
                    Some(days) if (1..=u64::from(MAX_COOKIE_DAYS)).contains(&days) => slot.days = days as u32,
                    _ => self.err(
                        &join(&cpath, "days"),
                        &[
                            "expected a whole number of days from 1 to ",
                            &decimal(MAX_COOKIE_DAYS as usize),
                            ", found ",
                            &json::to_json(d),
                        ],
                    ),
                },
            }
        }
        let names = [&settings.consent.name, &settings.banner.name, &settings.language.name];
        if names[0] == names[1] || names[0] == names[2] || names[1] == names[2] {
            self.err(path, &["the consent, banner and language cookies need three different names"]);
        }
        if let Some(domain) = self.string(map, "domain", path) {
            let d = domain.trim_start_matches('.');
            if d.is_empty()
                || !d.bytes().any(|b| b == b'.') && d != "localhost"
                || !d.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
            {
                self.err(&join(path, "domain"), &[&quoted(&domain), " is not a domain name"]);
            } else {
                settings.domain = Some(d.to_ascii_lowercase());
            }
        }
        match self.string(map, "sameSite", path).as_deref() {
            None | Some("Lax") => {}
            Some("Strict") => settings.same_site = SameSite::Strict,
            Some("None") => settings.same_site = SameSite::None,
            Some(other) => {
                self.err(&join(path, "sameSite"), &["expected \"Lax\", \"Strict\" or \"None\", found ", &quoted(other)])
            }
        }
        settings
    }

    fn texts(&mut self, v: Option<&Value>, languages: &[String]) -> LangMap<Texts> {
        let empty = Map::new();
        let map = match v {
            None => &empty,
            Some(v) => {
                self.object(v, "texts", &languages.iter().map(String::as_str).collect::<Vec<_>>()).unwrap_or(&empty)
            }
        };
        let mut out = LangMap::new();
        for lang in languages {
            let mut texts = Texts::default();
            let path = join("texts", lang);
            if let Some(v) = map.get(lang) {
                if let Some(m) = self.object(v, &path, TEXT_KEYS) {
                    for (key, value) in m {
                        if let Some(s) = self.text(&path, key, value) {
                            texts.set(key, s);
                        }
                    }
                }
            }
            // A built-in language's file fills the keys the config leaves out; a language of the
            // config's own may leave out only the keys added since (English then).
            if !i18n::is_builtin(lang) {
                for key in texts.missing() {
                    self.err(
                        &join(&path, key),
                        &["missing: there is no built-in ", &quoted(lang), " text to fall back on"],
                    );
                }
                if find(&texts.description, i18n::PURPOSES).is_some() {
                    self.err(
                        &join(&path, "description"),
                        &[
                            "{purposes} is filled in only in the built-in languages (the 24 official EU languages): ",
                            "write this language's purposes out",
                        ],
                    );
                }
            }
            out.insert(lang.clone(), texts);
        }
        out
    }

    fn localized(&mut self, map: &Map, key: &str, path: &str, languages: &[String]) -> Localized {
        let path = join(path, key);
        let mut out = Localized::new();
        let Some(v) = map.get(key) else {
            self.err(&path, &["missing"]);
            return out;
        };
        let Some(m) = self.object(v, &path, &languages.iter().map(String::as_str).collect::<Vec<_>>()) else {
            return out;
        };
        for lang in languages {
            match m.get(lang) {
                Some(Value::String(s)) if !s.trim().is_empty() => {
                    out.insert(lang.clone(), s.clone());
                }
                Some(Value::String(_)) => self.err(&join(&path, lang), &["must not be empty"]),
                Some(other) => self.err(&join(&path, lang), &["expected a string, found ", kind(other)]),
                None => self.err(&join(&path, lang), &["missing: every configured language needs this text"]),
            }
        }
        out
    }

    fn category(&mut self, v: &Value, path: &str, languages: &[String]) -> Option<Category> {
        let map = self.object(
            v,
            path,
            &["id", "required", "afterChoice", "label", "description", "bannerPurpose", "cookies", "services"],
        )?;
        let id = self.id(map, path);
        let required = self.boolean(map, "required", path);
        let after_choice = self.boolean(map, "afterChoice", path);
        if after_choice && !required {
            self.err(
                &join(path, "afterChoice"),
                &["only a required category can wait for a choice; an optional one waits for consent anyway"],
            );
        }
        let label = self.localized(map, "label", path, languages);
        let description = self.localized(map, "description", path, languages);
        let mut banner_purpose = Localized::new();
        if map.contains_key("bannerPurpose") {
            if required {
                self.err(
                    &join(path, "bannerPurpose"),
                    &["only an optional category has a purpose in the banner's description"],
                );
            }
            banner_purpose = self.localized(map, "bannerPurpose", path, languages);
        }
        let cookies = self.cookies(map, path, languages);
        let mut services: Vec<Service> = Vec::new();
        match map.get("services") {
            None => {}
            Some(Value::Array(items)) => {
                let spath = join(path, "services");
                if items.len() > MAX_SERVICES {
                    self.err(&spath, &["more than ", &decimal(MAX_SERVICES), " services"]);
                }
                for (i, item) in items.iter().enumerate() {
                    let ipath = index(&spath, i);
                    let Some(s) = self.service(item, &ipath, languages) else {
                        continue;
                    };
                    if services.iter().any(|earlier| earlier.id == s.id) {
                        self.err(&join(&ipath, "id"), &["duplicate service id ", &quoted(&s.id), " in this category"]);
                    }
                    services.push(s);
                }
            }
            Some(other) => self.err(&join(path, "services"), &["expected an array, found ", kind(other)]),
        }
        Some(Category { id, required, after_choice, label, description, banner_purpose, cookies, services })
    }

    /// An `id` field: required, `[a-z][a-z0-9_-]{0,31}`.
    fn id(&mut self, map: &Map, path: &str) -> String {
        let id = self.required_string(map, "id", path).unwrap_or_default();
        if map.get("id").is_some_and(Value::is_string) && !is_valid_id(&id) {
            self.err(
                &join(path, "id"),
                &[
                    &quoted(&id),
                    " is not a valid id: lowercase letters, digits, '_' and '-', starting with a letter, at most 32",
                ],
            );
        }
        id
    }

    fn cookies(&mut self, map: &Map, path: &str, languages: &[String]) -> Vec<DeclaredCookie> {
        let mut cookies = Vec::new();
        match map.get("cookies") {
            None => {}
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    if let Some(c) = self.cookie(item, &index(&join(path, "cookies"), i), languages) {
                        cookies.push(c);
                    }
                }
            }
            Some(other) => self.err(&join(path, "cookies"), &["expected an array, found ", kind(other)]),
        }
        cookies
    }

    fn service(&mut self, v: &Value, path: &str, languages: &[String]) -> Option<Service> {
        let map = self.object(v, path, &["id", "label", "description", "provider", "cookies"])?;
        let id = self.id(map, path);
        let label = self.localized(map, "label", path, languages);
        let description = self.localized(map, "description", path, languages);
        let provider = self.string(map, "provider", path);
        if provider.as_deref().is_some_and(|p| p.trim().is_empty()) {
            self.err(&join(path, "provider"), &["must name who provides the service, or be left out"]);
        }
        let cookies = self.cookies(map, path, languages);
        Some(Service { id, label, description, provider, cookies })
    }

    fn cookie(&mut self, v: &Value, path: &str, languages: &[String]) -> Option<DeclaredCookie> {
        let map = self.object(v, path, &["name", "provider", "party", "lifetime", "purpose"])?;
        let name = self.required_string(map, "name", path).unwrap_or_default();
        if map.get("name").is_some_and(Value::is_string) && !is_valid_cookie_name(&name, true) {
            self.err(&join(path, "name"), &[&quoted(&name), " is not a cookie name or a pattern such as \"_ga_*\""]);
        }
        let provider = self.required_string(map, "provider", path).unwrap_or_default();
        if map.get("provider").is_some_and(Value::is_string) && provider.trim().is_empty() {
            self.err(&join(path, "provider"), &["must name who sets the cookie"]);
        }
        let party = match self.required_string(map, "party", path).as_deref() {
            Some("first") => Party::First,
            Some("third") => Party::Third,
            Some(other) => {
                self.err(&join(path, "party"), &["expected \"first\" or \"third\", found ", &quoted(other)]);
                Party::First
            }
            None => Party::First,
        };
        let lifetime = match self.required_string(map, "lifetime", path) {
            Some(text) => Lifetime::parse(&text).unwrap_or_else(|| {
                self.err(
                    &join(path, "lifetime"),
                    &[&quoted(&text), " is not a lifetime such as \"session\", \"30 seconds\", \"6 months\" or \"30 minutes of inactivity\""],
                );
                Lifetime::Session
            }),
            None => Lifetime::Session,
        };
        let purpose = self.localized(map, "purpose", path, languages);
        Some(DeclaredCookie { name, provider, party, lifetime, purpose })
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.into()
    } else {
        cat(&[path, ".", key])
    }
}

/// `path[i]`.
fn index(path: &str, i: usize) -> String {
    cat(&[path, "[", &decimal(i), "]"])
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
