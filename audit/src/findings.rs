//! From what the browser recorded to findings: pure functions of the config, the records and
//! the Open Cookie Database, tested on the host without a browser.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use consent_banner::core::config::{Category, Config, DeclaredCookie, Lifetime, Service, Unit};
use consent_banner::core::{contract, cookie, wording};
use serde::Serialize;

use crate::model::{CookieSource, PageRecord, Party, Pass, TagContext};
use crate::ocd::{Entry, Ocd};
use crate::site;

/// What a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A non-essential cookie, storage key or third-party request before a choice.
    BeforeConsent,
    /// The same after Reject all, or still there after a withdrawal.
    AfterReject,
    /// A cookie or storage key the config does not declare for the page's area.
    UndeclaredCookie,
    /// A cookie that lives longer than declared.
    LifetimeExceeded,
    /// Declared, but never seen after Accept all (information).
    DeclaredUnseen,
    /// A gate (`data-consent-category`, `data-consent-service`, `data-area`) naming something
    /// the config lacks: the tag never runs.
    UnknownGate,
    /// A known tracker's script, pixel, `<noscript>` image or iframe that is not gated.
    UngatedTag,
    /// The banner of the page's area does not name a purpose or provider the area uses, or did
    /// not show.
    FirstLayer,
}

impl Kind {
    /// The name in the reports (`before-consent`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::BeforeConsent => "before-consent",
            Kind::AfterReject => "after-reject",
            Kind::UndeclaredCookie => "undeclared-cookie",
            Kind::LifetimeExceeded => "lifetime-exceeded",
            Kind::DeclaredUnseen => "declared-unseen",
            Kind::UnknownGate => "unknown-gate",
            Kind::UngatedTag => "ungated-tag",
            Kind::FirstLayer => "first-layer",
        }
    }
}

/// How serious a finding is. Any `error` makes the audit exit 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Breaks what the banner promises: the audit fails.
    Error,
    /// Worth a look; the audit still passes.
    Warning,
    /// For the record.
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One finding, with its evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// What it is about.
    pub kind: Kind,
    /// How serious.
    pub severity: Severity,
    /// The page's URL.
    pub page: String,
    /// The pass it was seen in (`no-choice` for what the page holds before a choice: gates, tags, the banner).
    pub pass: Pass,
    /// The cookie, storage key, host, gate or category concerned.
    pub name: String,
    /// What was seen, and what to do.
    pub detail: String,
    /// For an undeclared cookie: the Open Cookie Database's entry, if it knows the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ocd: Option<Entry>,
}

/// A lifetime in words: `30 seconds`, `45 minutes`, `6 hours`, `20 days`, `13 months`, `2 years`.
pub fn human_lifetime(secs: i64) -> String {
    let plural = |n: i64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    let round = |s: i64, unit: i64| (s + unit / 2) / unit;
    match secs {
        s if s < 120 => plural(s.max(0), "second"),
        s if s < 2 * 3600 => plural(round(s, 60), "minute"),
        s if s < 2 * 86_400 => plural(round(s, 3600), "hour"),
        s if s < 60 * 86_400 => plural(round(s, 86_400), "day"),
        s if s < 730 * 86_400 => plural(round(s, 30 * 86_400), "month"),
        s => plural(round(s, 365 * 86_400), "year"),
    }
}

/// A declared lifetime as the config writes it (`6 months`, `30 minutes of inactivity`).
pub fn declared_lifetime(lifetime: &Lifetime) -> String {
    match lifetime {
        Lifetime::Session => "session".into(),
        Lifetime::For { amount, unit, idle } => {
            let unit = match unit {
                Unit::Seconds => "second",
                Unit::Minutes => "minute",
                Unit::Hours => "hour",
                Unit::Days => "day",
                Unit::Weeks => "week",
                Unit::Months => "month",
                Unit::Years => "year",
            };
            let plural = if *amount == 1 { "" } else { "s" };
            format!("{amount} {unit}{plural}{}", if *idle { " of inactivity" } else { "" })
        }
    }
}

/// `<img>` with its article: "an <img>", "a <script>".
fn a_tag(tag: &str) -> String {
    let article = if tag.starts_with(['a', 'e', 'i', 'o', 'u']) { "An" } else { "A" };
    format!("{article} <{tag}>")
}

/// The longest a cookie declared with `lifetime` may live, in seconds: the declared length with
/// 2 % and two minutes of slack (units are approximate: a month counts 30 days), `None` for a
/// session cookie.
pub fn allowed_lifetime(lifetime: &Lifetime) -> Option<i64> {
    match lifetime {
        Lifetime::Session => None,
        Lifetime::For { .. } => Some((lifetime.seconds() as f64 * 1.02) as i64 + 120),
    }
}

/// A declared cookie found for a name, with the category (and service) declaring it.
#[derive(Clone, Copy, Debug)]
pub struct Declaration<'a> {
    /// The category that declares it.
    pub category: &'a Category,
    /// The service, when a service declares it.
    pub service: Option<&'a Service>,
    /// The declaration.
    pub cookie: &'a DeclaredCookie,
}

/// Every declared cookie of these categories, with where it is declared.
pub fn declarations(categories: &[Category]) -> Vec<Declaration<'_>> {
    let mut out = Vec::new();
    for category in categories {
        out.extend(category.cookies.iter().map(|cookie| Declaration { category, service: None, cookie }));
        for service in &category.services {
            out.extend(service.cookies.iter().map(|cookie| Declaration { category, service: Some(service), cookie }));
        }
    }
    out
}

/// The declaration matching a cookie name (exact names before patterns such as `_ga_*`).
pub fn declared<'a>(declarations: &[Declaration<'a>], name: &str) -> Option<Declaration<'a>> {
    declarations
        .iter()
        .find(|d| d.cookie.name == name)
        .or_else(|| declarations.iter().find(|d| cookie::matches(&d.cookie.name, name)))
        .copied()
}

/// The names consent-banner writes itself: its cookies and its storage keys are fine anywhere.
fn own_cookie(config: &Config, name: &str) -> bool {
    let own = &config.cookie_settings;
    [&own.consent.name, &own.banner.name, &own.language.name].iter().any(|n| *n == name)
}

/// A cookie or storage key consent-banner itself writes (the consent, banner and language
/// cookies as the config names them, the history, the cached policy and surfaces kit).
pub fn is_own(config: &Config, name: &str) -> bool {
    own_cookie(config, name) || own_storage_key(name)
}

fn own_storage_key(key: &str) -> bool {
    key == contract::HISTORY_KEY
        || contract::AREA_KEYS
            .iter()
            .any(|own| key.strip_prefix(own).is_some_and(|rest| rest.is_empty() || rest.starts_with(':')))
}

/// The closest id to `wrong` among `ids` when it is a likely typo (edit distance at most 2).
pub fn did_you_mean<'a>(wrong: &str, ids: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    ids.into_iter()
        .map(|id| (edit_distance(wrong, id), id))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, id)| id)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn ocd_note(entry: Option<&Entry>) -> String {
    match entry {
        Some(e) => format!(
            " The Open Cookie Database knows it: {} ({}), {}: \"{}\", kept {}.",
            e.platform,
            e.controller,
            e.category,
            e.description,
            if e.retention.is_empty() { "for an unknown time" } else { &e.retention }
        ),
        None => " The Open Cookie Database does not know it.".into(),
    }
}

/// The audit's findings, sorted by severity, page and kind.
pub fn analyze(config: &Config, pages: &[PageRecord], ocd: &Ocd) -> Vec<Finding> {
    let mut out = Findings::default();
    let site_declarations = declarations_of_site(config);
    // Per area: the declared names seen on any of its pages, and its first page.
    let mut seen_by_area: BTreeMap<String, (String, BTreeSet<String>)> = BTreeMap::new();
    for page in pages {
        if page.error.is_some() {
            continue;
        }
        let area_key = page.area.clone().unwrap_or_default();
        let narrowed = match config.for_area(page.area.as_deref()) {
            Ok(c) => Some(c),
            Err(message) => {
                if page.has_loader {
                    let name = match &page.area {
                        Some(a) => format!("data-area=\"{a}\""),
                        None => "data-area".into(),
                    };
                    out.push(Kind::UnknownGate, Severity::Error, &page.url, Pass::NoChoice, &name, format!(
                        "The loader's area names nothing the config has: {message}. The banner fails closed on this page and no optional tag ever runs."
                    ));
                }
                None
            }
        };
        let categories: Vec<Category> = match &narrowed {
            Some(c) => c.categories.clone(),
            // A page without the loader, or with a bad area: what the whole site declares.
            None => config.all_categories().cloned().collect(),
        };
        let decls = declarations(&categories);
        check_cookies(config, page, &decls, &site_declarations, ocd, &mut out);
        check_requests(page, &mut out);
        if let Some(narrowed) = &narrowed {
            check_gates(page, narrowed, &mut out);
            check_first_layer(page, narrowed, &decls, &mut out);
        }
        check_tags(page, &mut out);
        let entry = seen_by_area.entry(area_key).or_insert_with(|| (page.url.clone(), BTreeSet::new()));
        for pass in &page.passes {
            for c in &pass.cookies {
                if let Some(d) = declared(&decls, &c.name) {
                    entry.1.insert(d.cookie.name.clone());
                }
            }
            for s in &pass.storage {
                if let Some(d) = declared(&decls, &s.key) {
                    entry.1.insert(d.cookie.name.clone());
                }
            }
        }
    }
    // declared-unseen, once per area.
    for (area, (first_page, seen)) in &seen_by_area {
        let Ok(narrowed) = config.for_area((!area.is_empty()).then_some(area.as_str())) else { continue };
        for d in declarations(&narrowed.categories) {
            if own_cookie(config, &d.cookie.name) || seen.contains(&d.cookie.name) {
                continue;
            }
            let area_words = if area.is_empty() { String::new() } else { format!(" of the area \"{area}\"") };
            out.push(Kind::DeclaredUnseen, Severity::Info, first_page, Pass::Accept, &d.cookie.name, format!(
                "Declared in {}{area_words} ({}, {}), but no page{area_words} set it, not even after Accept all. Remove it if the site no longer uses it, or check the tag that should set it.",
                where_declared(&d), d.cookie.provider, declared_lifetime(&d.cookie.lifetime)
            ));
        }
    }
    out.into_sorted()
}

fn where_declared(d: &Declaration<'_>) -> String {
    match d.service {
        Some(s) => format!("category \"{}\", service \"{}\"", d.category.id, s.id),
        None => format!("category \"{}\"", d.category.id),
    }
}

fn declarations_of_site(config: &Config) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if config.areas.is_empty() {
        return out;
    }
    for area in &config.areas {
        for d in declarations(&area.categories) {
            out.push((area.id.clone(), d.cookie.name.clone()));
        }
    }
    out
}

#[derive(Default)]
struct Findings {
    list: Vec<Finding>,
    seen: HashSet<(Kind, String, String)>,
}

impl Findings {
    /// Adds a finding unless one of the same kind, page and name is there already.
    fn push(&mut self, kind: Kind, severity: Severity, page: &str, pass: Pass, name: &str, detail: String) -> bool {
        self.push_with(kind, severity, page, pass, name, detail, None)
    }

    #[allow(clippy::too_many_arguments)]
    fn push_with(
        &mut self,
        kind: Kind,
        severity: Severity,
        page: &str,
        pass: Pass,
        name: &str,
        detail: String,
        ocd: Option<Entry>,
    ) -> bool {
        if !self.seen.insert((kind, page.to_string(), name.to_string())) {
            return false;
        }
        self.list.push(Finding { kind, severity, page: page.into(), pass, name: name.into(), detail, ocd });
        true
    }

    fn into_sorted(mut self) -> Vec<Finding> {
        self.list.sort_by(|a, b| (a.severity, &a.page, a.kind, a.pass).cmp(&(b.severity, &b.page, b.kind, b.pass)));
        self.list
    }
}

fn check_cookies(
    config: &Config,
    page: &PageRecord,
    decls: &[Declaration<'_>],
    site_declarations: &[(String, String)],
    ocd: &Ocd,
    out: &mut Findings,
) {
    let area_words = page.area.as_deref().map(|a| format!(" for the area \"{a}\"")).unwrap_or_default();
    // The passes each undeclared name was seen in, for its evidence.
    let mut undeclared_passes: BTreeMap<String, Vec<&'static str>> = BTreeMap::new();
    for pass in &page.passes {
        for c in &pass.cookies {
            if own_cookie(config, &c.name) && c.party == Party::First {
                continue;
            }
            let place = format!(
                "{}-party cookie on {}{} ({}{})",
                c.party.as_str(),
                c.domain,
                if c.path == "/" { String::new() } else { format!(" path {}", c.path) },
                c.lifetime.map_or("session".into(), human_lifetime),
                if c.source == CookieSource::SetCookie { ", from a Set-Cookie header" } else { "" }
            );
            match declared(decls, &c.name) {
                Some(d) => {
                    check_lifetime(page, pass.pass, &d, c.lifetime, &place, out);
                    check_optional(page, pass.pass, &d, &c.name, &place, c.party, out);
                }
                None => {
                    undeclared_passes.entry(c.name.clone()).or_default().push(pass.pass.as_str());
                    let entry = ocd.lookup(&c.name);
                    undeclared(page, pass.pass, &c.name, &place, entry, site_declarations, &area_words, out);
                }
            }
        }
        for s in &pass.storage {
            if own_storage_key(&s.key) {
                continue;
            }
            let place = format!("{} key", s.kind.as_str());
            match declared(decls, &s.key) {
                Some(d) => check_optional(page, pass.pass, &d, &s.key, &place, Party::First, out),
                None => {
                    let entry = ocd.lookup(&s.key);
                    undeclared(page, pass.pass, &s.key, &place, entry, site_declarations, &area_words, out);
                }
            }
        }
    }
    for f in out.list.iter_mut().filter(|f| f.kind == Kind::UndeclaredCookie && f.page == page.url) {
        if let Some(passes) = undeclared_passes.get(&f.name) {
            let mut passes = passes.clone();
            passes.dedup();
            f.detail.push_str(&format!(" Seen in: {}.", passes.join(", ")));
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn undeclared(
    page: &PageRecord,
    pass: Pass,
    name: &str,
    place: &str,
    entry: Option<&Entry>,
    site_declarations: &[(String, String)],
    area_words: &str,
    out: &mut Findings,
) {
    let elsewhere: Vec<&str> = site_declarations
        .iter()
        .filter(|(_, pattern)| pattern == name || cookie::matches(pattern, name))
        .map(|(area, _)| area.as_str())
        .collect();
    let (severity, detail) = if elsewhere.is_empty() {
        (
            Severity::Error,
            format!(
                "A {place} that the config does not declare{area_words}: the banner and the privacy centre never name it.{} Declare it (consent-audit --write-config prints the entry).",
                ocd_note(entry)
            ),
        )
    } else {
        let mut areas = elsewhere.clone();
        areas.dedup();
        (
            Severity::Warning,
            format!(
                "A {place} that the config declares for the area(s) {} but not{area_words}, where this page sets it: declare it here too if this area uses it.",
                areas.join(", ")
            ),
        )
    };
    out.push_with(Kind::UndeclaredCookie, severity, &page.url, pass, name, detail, entry.cloned());
    // An undeclared cookie before a choice (or after Reject all) is a breach too when the
    // database says it is not essential.
    let non_essential = entry.is_some_and(|e| matches!(e.category.as_str(), "Analytics" | "Marketing"));
    if non_essential && elsewhere.is_empty() {
        let kind = match pass {
            Pass::NoChoice => Kind::BeforeConsent,
            Pass::Reject | Pass::Withdrawn => Kind::AfterReject,
            Pass::Accept => return,
        };
        let when = when_words(pass);
        out.push(
            kind,
            Severity::Error,
            &page.url,
            pass,
            name,
            format!(
                "An undeclared {place} {when}; the Open Cookie Database classes it as {}.",
                entry.map_or("", |e| e.category.as_str())
            ),
        );
    }
}

fn when_words(pass: Pass) -> &'static str {
    match pass {
        Pass::NoChoice => "before any choice",
        Pass::Reject => "after Reject all",
        Pass::Accept => "after Accept all",
        Pass::Withdrawn => "after the visitor withdrew their consent (on the next page view)",
    }
}

fn check_lifetime(
    page: &PageRecord,
    pass: Pass,
    d: &Declaration<'_>,
    lifetime: Option<i64>,
    place: &str,
    out: &mut Findings,
) {
    let Some(lives) = lifetime else { return };
    let too_long = match allowed_lifetime(&d.cookie.lifetime) {
        None => lives > 0,
        Some(max) => lives > max,
    };
    if too_long {
        out.push(Kind::LifetimeExceeded, Severity::Error, &page.url, pass, &d.cookie.name, format!(
            "Declared in {} to last {}, but the {place} lives {}. Declare its real lifetime, or configure the tag to keep it shorter.",
            where_declared(d),
            declared_lifetime(&d.cookie.lifetime),
            human_lifetime(lives)
        ));
    }
}

fn check_optional(
    page: &PageRecord,
    pass: Pass,
    d: &Declaration<'_>,
    name: &str,
    place: &str,
    party: Party,
    out: &mut Findings,
) {
    if d.category.required {
        if d.category.after_choice && pass == Pass::NoChoice {
            out.push(Kind::BeforeConsent, Severity::Warning, &page.url, pass, name, format!(
                "A {place} of the essential category \"{}\", which is to run only after a choice (afterChoice), set before any choice.",
                d.category.id
            ));
        }
        return;
    }
    let what = format!("A {place} declared in {}", where_declared(d));
    match pass {
        Pass::NoChoice => {
            out.push(Kind::BeforeConsent, Severity::Error, &page.url, pass, name, format!(
                "{what} was set before any choice: its tag runs ungated. Gate it (type=\"text/plain\" data-consent-category=\"{}\").",
                d.category.id
            ));
        }
        Pass::Reject => {
            out.push(Kind::AfterReject, Severity::Error, &page.url, pass, name, format!(
                "{what} was set although the visitor clicked Reject all. Gate the tag that sets it (data-consent-category=\"{}\").",
                d.category.id
            ));
        }
        Pass::Withdrawn => {
            let (severity, advice) = if party == Party::First {
                (Severity::Error, "consent-banner deletes the declared cookies it can see: check its name, domain and path in the config")
            } else {
                (
                    Severity::Warning,
                    "a page cannot delete another site's cookie: the provider's tag must (or its own opt-out)",
                )
            };
            out.push(
                Kind::AfterReject,
                severity,
                &page.url,
                pass,
                name,
                format!(
                "{what} is still there after the visitor withdrew their consent and loaded the page again: {advice}."
            ),
            );
        }
        Pass::Accept => {}
    }
}

fn check_requests(page: &PageRecord, out: &mut Findings) {
    for pass in &page.passes {
        let kind = match pass.pass {
            Pass::NoChoice => Kind::BeforeConsent,
            Pass::Reject | Pass::Withdrawn => Kind::AfterReject,
            Pass::Accept => continue,
        };
        for r in pass.requests.iter().filter(|r| r.party == Party::Third) {
            let when = when_words(pass.pass);
            match site::tracker_of_url(&r.url) {
                Some(tracker) => out.push(kind, Severity::Error, &page.url, pass.pass, &r.host, format!(
                    "A request to {tracker} ({} {}) {when}: gate the tag that makes it.",
                    r.kind, r.url
                )),
                None => out.push(kind, Severity::Warning, &page.url, pass.pass, &r.host, format!(
                    "A third-party request ({} {}) {when}: fine if it is essential (a CDN, a font host), else gate the tag that makes it.",
                    r.kind, r.url
                )),
            };
        }
    }
}

fn check_gates(page: &PageRecord, config: &Config, out: &mut Findings) {
    let area_words = page.area.as_deref().map(|a| format!("the area \"{a}\"")).unwrap_or_else(|| "the config".into());
    let ids: Vec<&str> = config.categories.iter().map(|c| c.id.as_str()).collect();
    for (context, tag) in &page.tags {
        let Some(category) = &tag.category else {
            if let Some(service) = &tag.service {
                out.push(Kind::UnknownGate, Severity::Error, &page.url, Pass::NoChoice, &format!("data-consent-service=\"{service}\""), format!(
                    "{} names the service \"{service}\" but no data-consent-category: it never runs. Name its category beside it.{}",
                    a_tag(&tag.tag), source_words(*context, tag)
                ));
            }
            continue;
        };
        let Some(known) = config.category(category) else {
            let hint = did_you_mean(category, ids.iter().copied())
                .map(|id| format!(" Did you mean \"{id}\"?"))
                .unwrap_or_default();
            out.push(Kind::UnknownGate, Severity::Error, &page.url, Pass::NoChoice, &format!("data-consent-category=\"{category}\""), format!(
                "{} is gated with the category \"{category}\", which {area_words} lacks (it has {}): it never runs, whatever the visitor chooses.{hint}{}",
                a_tag(&tag.tag), ids.join(", "), source_words(*context, tag)
            ));
            continue;
        };
        if let Some(service) = &tag.service {
            if !known.services.iter().any(|s| &s.id == service) {
                let services: Vec<&str> = known.services.iter().map(|s| s.id.as_str()).collect();
                let has = if services.is_empty() { "no services".to_string() } else { services.join(", ") };
                let hint = did_you_mean(service, services.iter().copied())
                    .map(|id| format!(" Did you mean \"{id}\"?"))
                    .unwrap_or_default();
                out.push(Kind::UnknownGate, Severity::Error, &page.url, Pass::NoChoice, &format!("data-consent-service=\"{service}\""), format!(
                    "{} is gated with the service \"{service}\" of the category \"{category}\", which has {has}: it never runs.{hint}{}",
                    a_tag(&tag.tag), source_words(*context, tag)
                ));
            }
        }
    }
}

fn source_words(context: TagContext, tag: &crate::model::Tag) -> String {
    let loads = if !tag.data_src.is_empty() { &tag.data_src } else { &tag.src };
    let at = match context {
        TagContext::Dom => "in the page as loaded",
        TagContext::Html => "in the page's HTML",
        TagContext::Noscript => "in a <noscript> of the page's HTML",
    };
    if loads.is_empty() {
        format!(" (found {at})")
    } else {
        format!(" (found {at}, loading {loads})")
    }
}

fn check_tags(page: &PageRecord, out: &mut Findings) {
    for (context, tag) in &page.tags {
        let from_src = (!tag.src.is_empty()).then(|| site::tracker_of_url(&tag.src)).flatten();
        let inline_script =
            tag.tag == "script" && tag.src.is_empty() && tag.category.is_none() && is_js_type(&tag.r#type);
        let from_inline = if inline_script { site::tracker_in_text(&tag.inline).map(|(_, n)| n) } else { None };
        let Some(tracker) = from_src.or(from_inline) else { continue };
        let name = if tag.src.is_empty() { format!("{tracker} (inline <script>)") } else { tag.src.clone() };
        let detail = match context {
            TagContext::Noscript => format!(
                "{} of {tracker} inside <noscript> loads {} whenever JavaScript is off, before any consent: a <noscript> tag cannot wait for the banner. Remove it.",
                a_tag(&tag.tag), tag.src
            ),
            _ if tag.activated => continue,
            _ if tag.category.is_some() && tag.tag == "script" && !is_js_type(&tag.r#type) => continue,
            _ if tag.category.is_some() => format!(
                "{} of {tracker} names the category \"{}\" but keeps its src, so it loads before any choice: move src to data-src.",
                a_tag(&tag.tag),
                tag.category.as_deref().unwrap_or_default()
            ),
            _ if from_inline.is_some() => format!(
                "An inline <script> that loads {tracker} runs at once: give it type=\"text/plain\" and data-consent-category.{}",
                source_words(*context, tag)
            ),
            _ => format!(
                "{} of {tracker} is not gated: it loads {} before any choice. Give it data-consent-category and move src to data-src{}.",
                a_tag(&tag.tag),
                tag.src,
                if tag.tag == "script" { " (and type=\"text/plain\")" } else { "" }
            ),
        };
        out.push(Kind::UngatedTag, Severity::Error, &page.url, Pass::NoChoice, &name, detail);
    }
}

/// A script type that runs (empty, a JavaScript MIME type or `module`).
fn is_js_type(t: &str) -> bool {
    let t = t.trim().to_ascii_lowercase();
    t.is_empty() || t == "module" || t.contains("javascript") || t.contains("ecmascript")
}

fn check_first_layer(page: &PageRecord, config: &Config, decls: &[Declaration<'_>], out: &mut Findings) {
    let Some(first) = page.pass(Pass::NoChoice) else { return };
    for pass in &page.passes {
        if let Some(error) = &pass.error {
            out.push(
                Kind::FirstLayer,
                Severity::Warning,
                &page.url,
                pass.pass,
                pass.pass.as_str(),
                format!("The {} pass could not be carried out in full: {error}.", pass.pass.label()),
            );
        }
    }
    let Some(banner) = &first.banner else {
        if page.has_loader {
            out.push(Kind::FirstLayer, Severity::Error, &page.url, Pass::NoChoice, "banner", 
                "No banner or notice showed on a first visit, although the page has the loader: check the console (the config may fail to load or validate).".into());
        }
        return;
    };
    let lang =
        if config.languages.contains(&banner.lang) { banner.lang.clone() } else { config.default_language.clone() };
    let texts = config.texts(&lang);
    let shown = banner.text.to_lowercase();
    // The optional categories this page uses: gated tags that name them, or their cookies after Accept all.
    let mut used: BTreeMap<&str, String> = BTreeMap::new();
    for (_, tag) in &page.tags {
        if let Some(c) = tag.category.as_deref().and_then(|id| config.category(id)).filter(|c| !c.required) {
            used.entry(c.id.as_str()).or_insert_with(|| format!("a gated <{}>", tag.tag));
        }
    }
    if let Some(accept) = page.pass(Pass::Accept) {
        for c in &accept.cookies {
            if let Some(d) = declared(decls, &c.name).filter(|d| !d.category.required) {
                used.entry(d.category.id.as_str()).or_insert_with(|| format!("the cookie {}", c.name));
            }
        }
    }
    for (id, evidence) in used {
        let Some(category) = config.category(id) else { continue };
        let purpose = wording::banner_purpose(category, &lang, texts);
        let label = category.label.get(&lang).map(String::as_str).unwrap_or_default();
        let mut providers: Vec<&str> = category.services.iter().filter_map(|s| s.provider.as_deref()).collect();
        providers.extend(declarations(std::slice::from_ref(category)).iter().map(|d| d.cookie.provider.as_str()));
        providers.sort_unstable();
        providers.dedup();
        let named = |s: &str| !s.trim().is_empty() && shown.contains(&s.to_lowercase());
        if named(&purpose) || named(label) || providers.iter().any(|p| named(p)) {
            continue;
        }
        out.push(Kind::FirstLayer, Severity::Error, &page.url, Pass::NoChoice, id, format!(
            "The page uses the category \"{id}\" ({evidence}), but its banner ({lang}) names neither its purpose (\"{purpose}\") nor its label nor a provider ({}). A visitor must read what the page does before choosing: give the category a bannerPurpose, or keep {{purposes}} in the description. The banner said: \"{}\"",
            if providers.is_empty() { "none declared".to_string() } else { providers.join(", ") },
            banner.text.split_whitespace().collect::<Vec<_>>().join(" ")
        ));
    }
}
