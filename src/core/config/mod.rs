//! The configuration: its model, its defaults and the one validation pass.
//!
//! A config is JSON. [`Config::from_json`] reads it in a single pass that reports every
//! problem at once, each with the path of the offending field
//! (`categories[2].cookies[0].provider`), and rejects unknown fields so that a typo never
//! silently turns into a default.
//!
//! - this file: the model (what a valid config is) and what the rest of the crate asks of it;
//! - `read`: reading and validating JSON into the model, every problem with its path;
//! - `rules`: the limits and the checks of single values (links, cookie names, languages);
//! - `error`: [`ConfigError`], one problem with its path, and [`ConfigErrors`].

use ::core::borrow::Borrow;
use alloc::string::String;
use alloc::vec::Vec;

use super::i18n::{self, Texts};
use super::json::quoted;
use super::policy::{entry_parts, service_entry, Gate, Policy};
use super::{cat, join_all};

pub mod error;
mod read;
mod rules;

// The banner's own cookies are the cookie module's (it writes them); the config only holds them.
pub use super::cookie::{CookieSettings, OwnCookie, SameSite};
pub use super::policy::{is_valid_id, Mode};
pub use error::ConfigErrors;
pub use error::Error as ConfigError;
pub use rules::{is_safe_link, MAX_CATEGORIES, MAX_COOKIE_DAYS, MAX_SERVICES, MAX_VERSION_LEN};

/// The banner's colours: the visitor's preference (`auto`), or always light or dark, for a site
/// whose own design is one of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// `prefers-color-scheme` decides.
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// The value of the UI root's `data-theme`, `None` for `auto` (no attribute).
    pub fn attr(self) -> Option<&'static str> {
        match self {
            Theme::Auto => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }
}

/// The banner's shape.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// A box, at most 44rem wide (a corner box at left or right).
    #[default]
    Box,
    /// The full width of the window.
    Bar,
    /// Wide and centred.
    Cloud,
}

impl Layout {
    /// The value of the UI root's `data-layout`, `None` for `box`.
    pub fn attr(self) -> Option<&'static str> {
        match self {
            Layout::Box => None,
            Layout::Bar => Some("bar"),
            Layout::Cloud => Some("cloud"),
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
    /// The provider's privacy policy, per language (`privacyPolicy`: one link for all, or one per
    /// language), linked from its placeholders; empty when the config gives none.
    pub privacy_policy: Localized,
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
    /// Link to the cookie policy (`http`, `https` or relative), per configured language (a
    /// config's single string holds for every language): see [`Config::policy_link`].
    pub policy_links: Localized,
    /// Link to the privacy statement, per configured language, or none: see
    /// [`Config::privacy_link`].
    pub privacy_links: Localized,
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
    /// Light, dark, or (the default) the visitor's `prefers-color-scheme`.
    pub theme: Theme,
    /// The banner's shape: `box` (the default), `bar` or `cloud`.
    pub layout: Layout,
    /// Where the banner sits: `bottom` (the default), `top` or `middle`, and `center` (the
    /// default), `left` or `right`; as the UI root's `data-position` (`top-left`), `None` for the
    /// default.
    pub position: Option<&'static str>,
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
    /// `text` in `lang`, else in the default language; empty when it has neither.
    pub fn in_lang<'a>(&self, text: &'a Localized, lang: &str) -> &'a str {
        text.get(lang).or_else(|| text.get(self.default_language.as_str())).map_or("", String::as_str)
    }

    /// The cookie policy's link in `lang` (the default language's for another).
    pub fn policy_link(&self, lang: &str) -> &str {
        self.in_lang(&self.policy_links, lang)
    }

    /// The privacy statement's link in `lang` (the default language's for another); empty
    /// when the config has none.
    pub fn privacy_link(&self, lang: &str) -> &str {
        self.in_lang(&self.privacy_links, lang)
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
    /// language of the config's own that leaves out a key added since ([`i18n::OPTIONAL_KEYS`]).
    pub fn texts_needed(&self, lang: &str) -> Option<&'static str> {
        let lang = if self.texts.contains_key(lang) { lang } else { &self.default_language };
        let code = match i18n::builtin_code(lang) {
            Some(code) => code,
            None if self.texts(lang).lacks_optional() => "en",
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
                None if code == "en" && texts.lacks_optional() => texts.fill_optional_from(&builtin),
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
            // nl and nl-BE, or en listed and English added for the optional keys: read once.
            if self.loaded_texts.iter().any(|l| l == code) {
                continue;
            }
            if let Some(texts) = i18n::builtin(code) {
                self.add_builtin(code, texts);
            }
        }
    }
}
