//! Reading a config: one pass over its JSON that builds the model and collects every problem
//! with the path of its field.

use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use super::error::Error;
use super::rules::{
    is_safe_link, is_valid_cookie_name, is_valid_language, MAX_CATEGORIES, MAX_COOKIE_DAYS, MAX_SERVICES,
    MAX_VERSION_LEN,
};
use super::*;
use crate::core::i18n::TEXT_KEYS;
use crate::core::json::{self, quoted, Map, Value};
use crate::core::{cat, decimal, find};

impl Config {
    /// Parses and validates a JSON config, returning every problem found. Text that is not
    /// JSON (a key repeated in an object included) is one error, with its line and column.
    pub fn from_json(text: &str) -> Result<Config, ConfigErrors> {
        let value =
            json::parse(text).map_err(|e| ConfigErrors(vec![Error::syntax(e.line(), e.column(), e.reason())]))?;
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
}

/// Walks a JSON value, building the model and collecting every error with its path.
#[derive(Default)]
struct Reader {
    errors: Vec<Error>,
}

impl Reader {
    /// Records an error: its message is the parts one after the other.
    fn err(&mut self, path: &str, message: &[&str]) {
        self.errors.push(Error::field(path, cat(message)));
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
            "privacyLink",
            "texts",
            "categories",
            "areas",
            "reloadOnWithdraw",
            "browserLanguageFirst",
            "googleConsentMode",
            "gpcRefuses",
            "receiptEndpoint",
            "recordUrl",
            "theme",
            "layout",
            "position",
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

        let policy_links = self.links(map, "policyLink", "", &languages);
        let privacy_links = if map.contains_key("privacyLink") {
            self.links(map, "privacyLink", "", &languages)
        } else {
            Localized::new()
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
        let layout = match self.string(map, "layout", "").as_deref() {
            None | Some("box") => Layout::Box,
            Some("bar") => Layout::Bar,
            Some("cloud") => Layout::Cloud,
            Some(other) => {
                self.err("layout", &["expected \"box\", \"bar\" or \"cloud\", found ", &quoted(other)]);
                Layout::Box
            }
        };
        // One table of every accepted value: smaller in the first-visit wasm than parsing words.
        let position = self.string(map, "position", "").and_then(|p| {
            let attr = match p.as_str() {
                "bottom" | "bottom center" => "",
                "bottom left" => "bottom-left",
                "bottom right" => "bottom-right",
                "top" | "top center" => "top-center",
                "top left" => "top-left",
                "top right" => "top-right",
                "middle" | "middle center" => "middle-center",
                "middle left" => "middle-left",
                "middle right" => "middle-right",
                _ => {
                    self.err("position", &[&quoted(&p), " is not a position such as \"top left\" or \"middle\""]);
                    ""
                }
            };
            (!attr.is_empty()).then_some(attr)
        });
        let theme = match self.string(map, "theme", "").as_deref() {
            None | Some("auto") => Theme::Auto,
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            Some(other) => {
                self.err("theme", &["expected \"auto\", \"light\" or \"dark\", found ", &quoted(other)]);
                Theme::Auto
            }
        };
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
            policy_links,
            privacy_links,
            texts,
            loaded_texts: Vec::new(),
            categories,
            reload_on_withdraw,
            browser_language_first,
            theme,
            layout,
            position,
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

    /// A link: one string for every language, or `{ lang: link }` with every configured
    /// language; each `http`, `https` or relative.
    /// A link, or one per language, at `key` of `map` (whose path is `path`): required (a missing
    /// key is an error), so an optional one is read only when present.
    fn links(&mut self, map: &Map, key: &str, path: &str, languages: &[String]) -> Localized {
        let mut out = Localized::new();
        let at = join(path, key);
        match map.get(key) {
            Some(Value::String(_)) | None => {
                let href = self.required_string(map, key, path).unwrap_or_default();
                if map.contains_key(key) && !is_safe_link(&href) {
                    self.err(&at, &[&quoted(&href), " is not an http, https or relative link"]);
                } else if !href.is_empty() {
                    for lang in languages {
                        out.insert(lang.clone(), href.clone());
                    }
                }
            }
            Some(Value::Object(_)) => {
                for (lang, href) in self.localized(map, key, path, languages).iter() {
                    if is_safe_link(href) {
                        out.insert(lang.clone(), href.clone());
                    } else {
                        self.err(&join(&at, lang), &[&quoted(href), " is not an http, https or relative link"]);
                    }
                }
            }
            Some(other) => self.err(&at, &["expected a link, or an object of links by language, found ", kind(other)]),
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
        let map = self.object(v, path, &["id", "label", "description", "provider", "privacyPolicy", "cookies"])?;
        let id = self.id(map, path);
        let label = self.localized(map, "label", path, languages);
        let description = self.localized(map, "description", path, languages);
        let provider = self.string(map, "provider", path);
        if provider.as_deref().is_some_and(|p| p.trim().is_empty()) {
            self.err(&join(path, "provider"), &["must name who provides the service, or be left out"]);
        }
        let privacy_policy = if map.contains_key("privacyPolicy") {
            self.links(map, "privacyPolicy", path, languages)
        } else {
            Localized::new()
        };
        let cookies = self.cookies(map, path, languages);
        Some(Service { id, label, description, provider, privacy_policy, cookies })
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
