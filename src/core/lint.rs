//! Lints a valid config against the EDPB cookie-banner taskforce report (2023) and the
//! Belgian DPA's cookie checklist. Validation says whether a config can run; linting says
//! whether it is lawful and honest.
//!
//! Some rules hold by construction and cannot be broken by a config: the banner always shows
//! Reject all on its first layer, with the same look as Accept all, and no optional category is
//! ever pre-ticked. They are reported as such, so that a review can cite them.

use super::config::{Category, Config, Mode};
use super::{i18n, wording};

/// Longest consent lifetime regulators accept before asking again: 13 months.
pub const MAX_CONSENT_DAYS: u32 = 395;
/// Lifetime beyond which an optional cookie draws a warning (CNIL and Belgian DPA guidance: 13 months).
pub const MAX_OPTIONAL_COOKIE_SECS: u64 = 395 * 86_400;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Breaks a rule: `check` exits non-zero.
    Error,
    /// Worth a look; allowed.
    Warning,
    /// A rule that holds by construction.
    Ok,
}

/// One finding, with the path of the field it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// How serious.
    pub level: Level,
    /// Path of the field, empty for the whole config.
    pub path: String,
    /// What the rule says and how the config stands.
    pub message: String,
}

fn finding(level: Level, path: impl Into<String>, message: impl Into<String>) -> Finding {
    Finding { level, path: path.into(), message: message.into() }
}

/// Lints a validated config (every area of it).
pub fn lint(config: &Config) -> Vec<Finding> {
    let mut out = vec![
        finding(Level::Ok, "", "Reject all is on the first layer, beside Accept all and alike in size, weight and contrast (by construction)"),
        finding(Level::Ok, "", "no optional category is pre-ticked: toggles start off until the visitor chooses (by construction)"),
        // Not "from every page": check sees no page (consent-audit does).
        finding(Level::Ok, "", "withdrawing is as easy as consenting where a page has a [data-consent-open] link: it opens the privacy centre (put one in every page's footer)"),
    ];
    let days = config.cookie_settings.consent.days;
    if days > MAX_CONSENT_DAYS {
        out.push(finding(
            Level::Error,
            "cookieSettings.consent.days",
            format!("consent is kept {days} days; regulators expect visitors to be asked again within 13 months ({MAX_CONSENT_DAYS} days)"),
        ));
    }
    if config.languages.iter().any(|l| config.policy_link(l).trim().is_empty()) {
        out.push(finding(Level::Error, "policyLink", "a link to the cookie policy must be present"));
    }
    // The loader sets Consent Mode's defaults (all denied) before it has the config, so only the
    // config's mapping can ever update them.
    if config.google_consent_mode.is_empty() {
        out.push(finding(
            Level::Warning,
            "googleConsentMode",
            "no category grants a Google consent type, but the loader still sets Google Consent Mode's defaults (all denied) and nothing will update them: a Google tag on the page would never store anything; map the categories to consent types, or add data-google-consent-mode=\"off\" to the loader's script tag",
        ));
    }
    let areas: Vec<(Option<&str>, String, Mode, &[Category])> = if config.areas.is_empty() {
        vec![(None, "categories".to_string(), config.mode, &config.categories[..])]
    } else {
        config
            .areas
            .iter()
            .map(|a| (Some(a.id.as_str()), format!("areas.{}.categories", a.id), a.mode, &a.categories[..]))
            .collect()
    };
    // A built-in description lists the optional categories' purposes; a config's own may not.
    let lists_purposes = config.languages.iter().any(|l| config.texts(l).description.contains(i18n::PURPOSES));
    for (area, path, mode, categories) in areas {
        if mode == Mode::Ask && categories.iter().all(|c| c.required) {
            out.push(finding(
                Level::Warning,
                &path,
                "ask mode without optional categories: use inform mode, a consent banner with nothing to refuse misleads",
            ));
        }
        if mode == Mode::Ask {
            unnamed_partners(config, area, categories, &mut out);
        }
        for (i, c) in categories.iter().enumerate() {
            let cpath = format!("{path}[{i}]");
            if c.required {
                continue;
            }
            if c.cookies.is_empty() && c.services.iter().all(|s| s.cookies.is_empty()) {
                out.push(finding(
                    Level::Error,
                    format!("{cpath}.cookies"),
                    format!("optional category {:?} declares no cookies: visitors must see what they consent to", c.id),
                ));
            }
            if c.description.values().any(|d| d.trim().len() < 20) {
                out.push(finding(
                    Level::Error,
                    format!("{cpath}.description"),
                    format!("optional category {:?} needs a real description of its purpose in every language", c.id),
                ));
            }
            if lists_purposes {
                purpose_covers_partners(config, categories, i, &cpath, &mut out);
            }
            for (j, s) in c.services.iter().enumerate() {
                if s.description.values().any(|d| d.trim().len() < 20) {
                    out.push(finding(
                        Level::Error,
                        format!("{cpath}.services[{j}].description"),
                        format!("service {:?} needs a real description of its purpose in every language", s.id),
                    ));
                }
            }
            let own = c.cookies.iter().enumerate().map(|(j, k)| (format!("{cpath}.cookies[{j}]"), k));
            let services = c.services.iter().enumerate().flat_map(|(j, s)| {
                let cpath = &cpath;
                s.cookies
                    .iter()
                    .enumerate()
                    .map(move |(k, cookie)| (format!("{cpath}.services[{j}].cookies[{k}]"), cookie))
            });
            for (kpath, cookie) in own.chain(services) {
                if cookie.lifetime.seconds() > MAX_OPTIONAL_COOKIE_SECS {
                    out.push(finding(
                        Level::Warning,
                        format!("{kpath}.lifetime"),
                        format!("{} lives longer than 13 months; regulators recommend at most 13 months for consent-based cookies", cookie.name),
                    ));
                }
            }
        }
    }
    out
}

/// The first layer must say which partners (third parties) an area's optional categories
/// involve, and name them (CNIL, EDPB): the built-in description does (`{partners}`); a
/// description of the config's own, for the area or for every page, must hold `{partners}` too
/// (with a `partners` text that holds `{providers}`, as every built-in language's does) or name
/// each of them.
fn unnamed_partners(config: &Config, area: Option<&str>, categories: &[Category], out: &mut Vec<Finding>) {
    let names = wording::partners(categories, None);
    let Ok(narrowed) = config.for_area(area) else { return };
    if names.is_empty() {
        return;
    }
    for lang in &config.languages {
        let texts = narrowed.texts(lang);
        let Some((_, description)) = texts.own_entries().find(|(key, _)| *key == "description") else {
            continue;
        };
        // `{partners}` with a sentence that names them (a language of one's own gives its own).
        let filled = description.contains(i18n::PARTNERS) && texts.partners.contains("{providers}");
        if filled || names.iter().all(|name| description.contains(name)) {
            continue;
        }
        let own = config.areas.iter().find(|a| Some(a.id.as_str()) == area);
        let path = match own.filter(|a| a.texts.iter().any(|(l, key, _)| l == lang && key == "description")) {
            Some(a) => format!("areas.{}.texts.{lang}.description", a.id),
            None => format!("texts.{lang}.description"),
        };
        let on = area.map_or(String::new(), |a| format!(" on area {a:?}"));
        out.push(finding(
            Level::Warning,
            path,
            format!(
                "the banner's description{on} does not say that partners are involved nor name them ({}): hold {{partners}}, which names them, or name each of them",
                names.join(", ")
            ),
        ));
    }
}

/// The banner's purpose phrase for the optional category `categories[i]` must cover what each
/// of its partners does there: a category of several partners that the banner names only by a
/// built-in phrase or its label (no `bannerPurpose`), or by a `bannerPurpose` that names none of
/// its partners nor their services, draws a warning; so does, with one partner or none, a
/// category other than `analytics` and `marketing` named only by its label.
fn purpose_covers_partners(config: &Config, categories: &[Category], i: usize, cpath: &str, out: &mut Vec<Finding>) {
    let Some(c) = categories.get(i) else { return };
    let names = wording::partners(categories, Some(i));
    let listed = names.join(", ");
    let path = format!("{cpath}.bannerPurpose");
    if c.banner_purpose.is_empty() {
        let builtin = matches!(c.id.as_str(), "analytics" | "marketing");
        if names.len() > 1 {
            let lang = config.default_language.as_str();
            let phrase = wording::banner_purpose(c, lang, config.texts(lang));
            out.push(finding(
                Level::Warning,
                path,
                format!("optional category {:?} involves {} partners ({listed}), and the banner's description names its purpose only by a built-in phrase, {phrase:?}, which may not say what each of them does: give it a bannerPurpose that does (or split the category)", c.id, names.len()),
            ));
        } else if !builtin {
            out.push(finding(
                Level::Warning,
                path,
                format!("optional category {:?} has no bannerPurpose: the banner's description names it only by its label, which says nothing of its purpose", c.id),
            ));
        }
        return;
    }
    if names.len() < 2 {
        return;
    }
    for lang in &config.languages {
        let Some(phrase) = c.banner_purpose.get(lang) else { continue };
        let labels = c.services.iter().filter_map(|s| s.label.get(lang));
        if !names.iter().copied().chain(labels.map(String::as_str)).any(|n| contains_ignoring_ascii_case(phrase, n)) {
            out.push(finding(
                Level::Warning,
                format!("{path}.{lang}"),
                format!("optional category {:?} involves {} partners ({listed}), and its bannerPurpose names none of them nor their services: check that it says what each of them does", c.id, names.len()),
            ));
        }
    }
}

/// Whether `hay` holds `needle`, ASCII letters compared without case (names of providers are
/// compared as written otherwise): `str::to_lowercase` would bring Unicode's case tables into
/// the full module, about 9 KB after brotli.
fn contains_ignoring_ascii_case(hay: &str, needle: &str) -> bool {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    needle.is_empty() || hay.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}
