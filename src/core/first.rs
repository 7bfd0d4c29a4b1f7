//! The first-visit module's decisions, as pure functions of the page and the config text: the
//! loader passes them what the page knows (`document.cookie`, languages, the clock, random
//! bytes) and carries out the JSON they answer. Nothing here touches the browser.
//!
//! - [`start`]: validates the config (every error, with its path), decides what the page view
//!   shows and which tags run, and answers the banner's markup ([`super::view`]) and the policy
//!   the returning-visitor runtime will decide from.
//! - [`choose`]: a choice made on the banner or through the API, as a plan: the cookies to
//!   write and delete, the history to store, the receipt to send, the signals and the event.
//! - [`language`]: the banner in another language and the language cookie.
//! - [`surfaces`]: the page's placeholders and cookie tables, and the kit that lets the
//!   returning-visitor runtime render them on the next page views ([`super::surfaces`]).
//!
//! The privacy centre is the full module's: the loader loads it when it is opened, and it
//! takes over from there.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use super::config::{Config, ConfigError, ConfigErrors};
use super::consent::{self, Choice, Consent, Method, Rejected, Surface};
use super::contract::EVENT_READY;
use super::policy::{storage_key, text_hash, Policy, Stored};
use super::surfaces::{self, PlaceholderInput};
use super::view::{self, BannerInput};
use super::{cat, cookie, decimal, i18n, join_all, plan, policy, returning};
use super::{json_list, json_string};

/// What the page knows, read by the loader.
#[derive(Clone, Debug, Default)]
pub struct Page<'a> {
    /// The config's JSON text.
    pub config_text: &'a str,
    /// The page's area (`data-area`).
    pub area: Option<&'a str>,
    /// `document.cookie`.
    pub cookies: &'a str,
    /// `<html lang>`.
    pub html_lang: Option<&'a str>,
    /// `navigator.languages`.
    pub navigator: Vec<String>,
    /// `navigator.globalPrivacyControl`.
    pub gpc: bool,
    /// The page is served over https (cookies get `Secure`).
    pub https: bool,
    /// `location.hostname`, for deleting cookies on the host and its parent domains.
    pub host: &'a str,
    /// `location.pathname`, for deleting stray consent cookies on the page's paths.
    pub path: &'a str,
    /// Seconds since the Unix epoch.
    pub now: u64,
    /// The built-in texts files the loader has downloaded: (language code, file text).
    pub builtin: Vec<(&'a str, &'a str)>,
}

/// Why a page view cannot use its config: the console lines, and each problem's (path, message)
/// for `consent:error` (path empty for the whole file or the page).
struct Unusable {
    lines: Vec<String>,
    problems: Vec<(String, String)>,
}

impl Unusable {
    /// One problem of the page rather than of a field.
    fn page(message: String) -> Unusable {
        Unusable {
            lines: vec![cat(&[&message, "; no optional tag will run"])],
            problems: vec![(String::new(), message)],
        }
    }
}

/// The config of the page's area, or why there is none.
fn config(page: &Page<'_>) -> Result<Config, Unusable> {
    let config = Config::from_json(page.config_text).map_err(|ConfigErrors(errors)| {
        let mut lines: Vec<String> = errors.iter().map(ConfigError::line).collect();
        lines.push(cat(&["the config has ", &decimal(errors.len()), " error(s); no optional tag will run"]));
        Unusable { lines, problems: errors.iter().map(|e| (String::from(e.path()), e.message())).collect() }
    })?;
    let mut config = config.into_area(page.area).map_err(Unusable::page)?;
    for &(code, file) in &page.builtin {
        match (i18n::builtin_code(code), i18n::parse_builtin(file)) {
            (Some(code), Ok(texts)) => config.add_builtin(code, texts),
            (_, Err(why)) => {
                return Err(Unusable::page(cat(&[
                    "the built-in texts i18n/",
                    code,
                    ".json cannot be read (",
                    &why,
                    ")",
                ])))
            }
            (None, _) => {}
        }
    }
    Ok(config)
}

/// `{"needTexts": code}` when `lang`'s built-in texts are not loaded yet: the loader downloads
/// `i18n/<code>.json` and asks again. A language of the config's own needs nothing here (the
/// banner shows none of the keys English would fill in).
fn texts_needed(config: &Config, lang: &str) -> Option<String> {
    let code = config.texts_needed(lang).filter(|_| i18n::is_builtin(lang))?;
    let mut out = String::from("{\"needTexts\":");
    json_string(&mut out, code);
    out.push('}');
    Some(out)
}

fn language(config: &Config, page: &Page<'_>) -> String {
    config.visitor_language(page.cookies, page.html_lang, &page.navigator)
}

/// Labels of the categories Global Privacy Control refuses on this page, when it is on.
fn gpc_refused(config: &Config, page: &Page<'_>, lang: &str) -> Vec<String> {
    if !page.gpc {
        return Vec::new();
    }
    config
        .categories
        .iter()
        .filter(|c| !c.required && config.gpc_refuses.contains(&c.id))
        .filter_map(|c| c.label.get(lang).cloned())
        .collect()
}

fn decision(config: &Config, policy: &Policy, page: &Page<'_>) -> consent::Decision {
    let settings = &config.cookie_settings;
    consent::decide(
        policy,
        &cookie::values(page.cookies, &settings.consent.name),
        cookie::values(page.cookies, &settings.banner.name).first().copied(),
        page.now,
    )
}

/// The page view's start, as JSON:
///
/// `{"errors": [lines], "problems": [{path, message}]}` when the config cannot be used (fail
/// closed: log them, tell page code, run nothing),
/// `{"needTexts": code}` when the visitor's language is built in and not loaded yet, or
/// `{"lang", "mode", "saved" (the text announcing a saved choice), "surface": "banner"|"notice"|"nothing", "log": [[level, line]],
///   the page view's plan ([`returning::view_fields`]: "signal", "googleConsent", "active", "event"),
///   "consent": {…}|null, "policy": [storage key, cache text], "view": markup|null}`.
pub fn start(page: &Page<'_>) -> String {
    let config = match config(page) {
        Ok(config) => config,
        Err(why) => return errors(&why),
    };
    let policy = config.policy();
    let d = decision(&config, &policy, page);
    let lang = language(&config, page);
    if let Some(need) = texts_needed(&config, &lang) {
        return need;
    }
    let mut out = String::from("{\"lang\":");
    json_string(&mut out, &lang);
    out.push_str(",\"mode\":");
    json_string(&mut out, config.mode.as_str());
    out.push_str(",\"saved\":");
    json_string(&mut out, &config.texts(&lang).saved);
    out.push_str(",\"surface\":");
    json_string(
        &mut out,
        match d.surface {
            Surface::Nothing => "nothing",
            Surface::Banner => "banner",
            Surface::Notice => "notice",
        },
    );
    out.push_str(",\"log\":[");
    match &d.rejected {
        None => {}
        Some(Rejected::OtherVersion(v)) => {
            let mut line = String::from("the banner changed since the stored choice (version ");
            json_string(&mut line, v);
            line.push_str("); asking again");
            log(&mut out, "info", &line);
        }
        Some(r) => log(&mut out, "warn", &cat(&[&r.message(), "; treating it as no consent and asking again"])),
    }
    out.push_str("],");
    // The page view's plan: what the first-visit page work hands the executor.
    returning::view_fields(&mut out, &policy, d.consent.is_some(), &d.active, Some(EVENT_READY));
    out.push_str(",\"consent\":");
    plan::consent_json(&mut out, &config, d.consent.as_ref(), &d.active);
    out.push_str(",\"policy\":[");
    json_string(&mut out, &storage_key(page.area));
    out.push(',');
    json_string(&mut out, &Stored { hash: text_hash(page.config_text), policy: policy.clone() }.encode());
    out.push_str("],\"view\":");
    if d.surface == Surface::Nothing {
        out.push_str("null");
    } else {
        banner_view(&mut out, &config, page, &lang);
    }
    out.push('}');
    out
}

/// The banner in `lang` (the language switcher), and the plan that writes the language cookie:
/// `{"lang", "saved", "plan" ([`plan::language_json`]), "view"}`, `{"needTexts": code}` (see [`start`]), or `{"warn"}` for
/// a language the config does not have.
pub fn language_change(page: &Page<'_>, lang: &str) -> String {
    let config = match config(page) {
        Ok(config) => config,
        Err(why) => return errors(&why),
    };
    if !config.languages.iter().any(|l| l == lang) {
        let mut line = String::from("language ");
        json_string(&mut line, lang);
        line.push_str(" is not configured (configured: ");
        line.push_str(&join_all(&config.languages, ", "));
        line.push(')');
        return warning(&line);
    }
    if let Some(need) = texts_needed(&config, lang) {
        return need;
    }
    let mut out = String::from("{\"lang\":");
    json_string(&mut out, lang);
    out.push_str(",\"saved\":");
    json_string(&mut out, &config.texts(lang).saved);
    out.push_str(",\"plan\":");
    out.push_str(&plan::language_json(&config, lang, page.https));
    out.push_str(",\"view\":");
    banner_view(&mut out, &config, page, lang);
    out.push('}');
    out
}

/// The page's placeholders (`targets`, see [`surfaces::targets`]) and cookie tables (`tables`:
/// the ids their elements name, comma-separated) in `lang`: [`surfaces::answer`] with the log
/// lines of those the config lacks, and `"kit": [storage key, text]`, the [`surfaces::Kit`] for
/// the runtime.
pub fn surfaces(page: &Page<'_>, lang: &str, targets: &str, tables: &str) -> String {
    let config = match config(page) {
        Ok(config) => config,
        Err(why) => return errors(&why),
    };
    let mut log: Vec<(&str, String)> = Vec::new();
    let placeholders: Vec<_> = surfaces::targets(targets)
        .iter()
        .map(|t| {
            let input =
                PlaceholderInput { lang, gate: t.gate, title: t.title, provider: t.provider, host: t.host, id: t.id };
            let node = view::placeholder(&config, &input);
            if node.is_none() && t.container {
                let ids: Vec<&str> = config.categories.iter().map(|c| c.id.as_str()).collect();
                let mut line = String::from("a container with data-consent-placeholder=");
                json_string(&mut line, t.gate);
                line.push_str(
                    " shows no placeholder: this page's config has no such category or service (its categories: ",
                );
                line.push_str(&join_all(&ids, ", "));
                line.push(')');
                log.push(("warn", line));
            }
            node
        })
        .collect();
    let mut rendered: Vec<(String, String)> = Vec::new();
    let mut found: Vec<Option<usize>> = Vec::new();
    for id in policy::split_on(tables, b',').filter(|id| !id.is_empty()) {
        let categories = match config.areas.iter().find(|a| a.id == id) {
            Some(area) => Some(area.categories.as_slice()),
            None if config.areas.is_empty() => Some(config.categories.as_slice()),
            None => None,
        };
        match categories {
            Some(categories) => {
                let mut markup = String::new();
                view::to_json(&view::area_tables(categories, lang, config.texts(lang)), &mut markup);
                found.push(Some(rendered.len()));
                rendered.push((String::from(id), markup));
            }
            None => {
                found.push(None);
                log.push(("error", cat(&["data-consent-cookie-table=\"", id, "\" names no area of the config"])));
            }
        }
    }
    let tables: Vec<Option<&str>> =
        found.iter().map(|i| i.and_then(|i| rendered.get(i)).map(|(_, m)| m.as_str())).collect();
    let mut out = surfaces::answer(&placeholders, &tables, Some(&log));
    let kit = surfaces::Kit {
        hash: text_hash(page.config_text),
        lang_cookie: config.cookie_settings.language.name.clone(),
        signature: surfaces::signature(
            cookie::values(page.cookies, &config.cookie_settings.language.name).first().copied(),
            page.html_lang.unwrap_or_default(),
            &join_all(&page.navigator, ","),
        ),
        texts: view::placeholder_texts(&config, lang),
        entries: view::placeholder_entries(&config, lang),
        tables: rendered,
    };
    out.pop();
    out.push_str(",\"kit\":[");
    json_string(&mut out, &surfaces::storage_key(page.area));
    out.push(',');
    json_string(&mut out, &kit.encode());
    out.push_str("]}");
    out
}

/// How a choice is made, besides the page.
#[derive(Clone, Debug)]
pub struct Made<'a> {
    /// The banner's buttons or the API.
    pub method: Method,
    /// What runs on the page now (a choice made earlier on this page view counts even when the
    /// browser refused its cookie).
    pub active: &'a [String],
    /// The stored history text (`None`: no storage, so no history).
    pub history: Option<&'a str>,
    /// The language shown, for the receipt.
    pub lang: &'a str,
    /// Random bytes for a new consent id.
    pub random: [u8; 8],
}

/// What a choice (or, in inform mode, the acknowledgement) changes ([`plan::choose`]), as the
/// JSON the executor carries out ([`plan::Plan::to_json`]).
pub fn choose(page: &Page<'_>, choice: Option<Choice>, made: &Made<'_>) -> String {
    choose_with(page, |_| choice, made)
}

/// `acceptService(services, category)` ([`choose`] with the choice
/// [`consent::services_choice`] makes of the stored consent): `category` accepted whole
/// (`services` `None`) or exactly these of its services, every other category as stored.
pub fn choose_services(page: &Page<'_>, category: &str, services: Option<&[String]>, made: &Made<'_>) -> String {
    let pick = |previous: Option<&Consent>| {
        let accepted = previous.map(|c| c.accepted.as_slice()).unwrap_or_default();
        Some(Choice::Only(consent::services_choice(accepted, category, services).into_iter().collect()))
    };
    choose_with(page, pick, made)
}

/// "Always allow" on a placeholder: `gate` (a category, or `category:service`) accepted on top
/// of the stored choice, as the full module's placeholders do.
pub fn accept_also(page: &Page<'_>, gate: &str, made: &Made<'_>) -> String {
    let pick = |previous: Option<&Consent>| {
        let accepted = previous.map(|c| c.accepted.as_slice()).unwrap_or_default();
        Some(Choice::Only(accepted.iter().cloned().chain([String::from(gate)]).collect()))
    };
    choose_with(page, pick, made)
}

/// The plan of the choice `pick` makes of the stored consent.
fn choose_with(page: &Page<'_>, pick: impl FnOnce(Option<&Consent>) -> Option<Choice>, made: &Made<'_>) -> String {
    let config = match config(page) {
        Ok(config) => config,
        Err(why) => return errors(&why),
    };
    let policy = config.policy();
    let previous = decision(&config, &policy, page).consent;
    let choice = pick(previous.as_ref());
    let at = plan::Page {
        cookies: page.cookies,
        host: page.host,
        path: page.path,
        https: page.https,
        gpc: page.gpc,
        now: page.now,
        random: made.random,
        history: made.history,
        lang: made.lang,
    };
    plan::choose(&config, &policy, &at, previous.as_ref(), choice.as_ref(), made.method, made.active)
        .to_json(&config, &policy)
}

fn banner_view(out: &mut String, config: &Config, page: &Page<'_>, lang: &str) {
    let refused = gpc_refused(config, page, lang);
    let banner = view::banner(config, &BannerInput { lang, gpc_refused: &refused });
    view::to_json(&view::app(lang, config, banner), out);
}

fn log(out: &mut String, level: &str, line: &str) {
    out.push('[');
    json_string(out, level);
    out.push(',');
    json_string(out, line);
    out.push(']');
}

fn errors(why: &Unusable) -> String {
    let mut out = String::from("{\"errors\":");
    json_list(&mut out, why.lines.iter().map(String::as_str));
    out.push_str(",\"problems\":[");
    for (i, (path, message)) in why.problems.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"path\":");
        json_string(&mut out, path);
        out.push_str(",\"message\":");
        json_string(&mut out, message);
        out.push('}');
    }
    out.push_str("]}");
    out
}

fn warning(line: &str) -> String {
    let mut out = String::from("{\"warn\":");
    json_string(&mut out, line);
    out.push('}');
    out
}
