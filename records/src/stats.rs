//! `GET /owner/stats`: the receipts of a date range counted per day (UTC), per banner version
//! and in total: how many accepted all, refused all, chose some (custom) or had nothing to
//! choose (acknowledge: an area without optional categories), by method, and the rate at which
//! each category is accepted among the receipts that offered it.
//!
//! Each group has a `services` object too, keyed `category:service`, with the rate at which
//! each service is accepted (a category accepted or refused whole counts for each of its
//! services). A category accepted only in part (some of its services) counts as not accepted
//! for the category's own rate: its rate is that of acceptance as a whole.

use std::collections::BTreeMap;

use axum::extract::{RawQuery, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use consent_banner::core::config::Config;
use consent_banner::core::json::{self, Map, Value};
use consent_banner::core::policy::{entry_parts, service_entry};

use crate::app::App;
use crate::auth::Authorized;
use crate::error::ApiError;
use crate::form;
use crate::receipt::{Receipt, METHODS};
use crate::store::{Count, Rollup, Span};
use crate::time;

/// How a receipt's choice is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Every optional category offered was accepted.
    AcceptAll,
    /// Every optional category offered was refused.
    RejectAll,
    /// Some accepted, some refused.
    Custom,
    /// No optional category was offered.
    Acknowledge,
}

/// The counts of a group of receipts (a day, a version, or all).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Receipts.
    pub receipts: u64,
    /// Accept all, reject all, custom, acknowledge.
    pub choices: [u64; 4],
    /// Receipts per method, in [`Stats::methods`] order.
    pub methods: Vec<u64>,
    /// (accepted, refused) per category, in [`Stats::categories`] order.
    pub categories: Vec<(u64, u64)>,
    /// (accepted, refused) per service, in [`Stats::services`] order.
    pub services: Vec<(u64, u64)>,
}

/// The statistics of a range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    /// Category ids: the config's optional ones, then others found in older receipts.
    pub categories: Vec<String>,
    /// Service entries (`category:service`): the config's, then others found in older receipts.
    pub services: Vec<String>,
    /// Methods: the known ones, then others found in older receipts.
    pub methods: Vec<String>,
    /// All receipts of the range.
    pub total: Counts,
    /// Per day (days since 1970-01-01, UTC), in order; days without receipts are left out.
    pub days: Vec<(i64, Counts)>,
    /// Per banner version, in order.
    pub versions: Vec<(String, Counts)>,
    /// Per site area (empty for a config without areas), in order.
    pub areas: Vec<(String, Counts)>,
}

/// The choice a receipt's category lists make. Categories the config declares required (and
/// optional nowhere) do not count.
pub fn choice(config: &Config, accepted: &[String], rejected: &[String]) -> Choice {
    let counted = |id: &&String| !is_required(config, id);
    let accepted = accepted.iter().filter(counted).count();
    let rejected = rejected.iter().filter(counted).count();
    match (accepted, rejected) {
        (0, 0) => Choice::Acknowledge,
        (_, 0) => Choice::AcceptAll,
        (0, _) => Choice::RejectAll,
        _ => Choice::Custom,
    }
}

fn is_required(config: &Config, id: &str) -> bool {
    !config.is_known_optional(id) && config.all_categories().any(|c| c.id == id)
}

/// The choices' names in the rollups and the JSON, in [`Choice`] order.
pub const CHOICES: [&str; 4] = ["acceptAll", "rejectAll", "custom", "acknowledge"];

/// What one receipt adds to the statistics: a receipt, its choice, its method, and for each
/// category and service it offered whether it was accepted. A category is offered when the
/// receipt names it or one of its services; it counts as accepted only when accepted whole.
/// A service is offered when the receipt names it or its category (whole, for each of the
/// category's services in the config).
pub fn counts(config: &Config, receipt: &Receipt) -> Vec<Count> {
    let count = |dimension, name: &str, outcome| Count { dimension, name: name.to_string(), outcome };
    let outcome = |accepted: bool| if accepted { "accepted" } else { "refused" };
    let (accepted, rejected) = (&receipt.accepted, &receipt.rejected);
    let kind = choice(config, accepted, rejected) as usize;
    let mut out =
        vec![count("receipts", "", ""), count("choice", CHOICES[kind], ""), count("method", &receipt.method, "")];
    let mut categories: BTreeMap<&str, bool> = BTreeMap::new();
    let mut services: BTreeMap<String, bool> = BTreeMap::new();
    let named = accepted.iter().map(|id| (id, true)).chain(rejected.iter().map(|id| (id, false)));
    for (id, yes) in named {
        match entry_parts(id) {
            (category, Some(_)) => {
                categories.entry(category).or_insert(false);
                services.entry(id.clone()).or_insert(yes);
            }
            (category, None) if !is_required(config, category) => {
                // Accepted whole wins over a part (older receipts were not canonical).
                let whole = categories.entry(category).or_insert(yes);
                *whole = *whole || yes;
                for c in config.all_categories().filter(|c| c.id == category && !c.required) {
                    for s in &c.services {
                        services.entry(service_entry(category, &s.id)).or_insert(yes);
                    }
                }
            }
            _ => {}
        }
    }
    for (id, yes) in categories {
        out.push(count("category", id, outcome(yes)));
    }
    for (entry, yes) in services {
        out.push(count("service", &entry, outcome(yes)));
    }
    out
}

/// The statistics of the rollups (as [`crate::store::Store::rollups`] reads them).
pub fn compute(config: &Config, rollups: &[Rollup]) -> Stats {
    let mut categories: Vec<String> = Vec::new();
    let mut services: Vec<String> = Vec::new();
    for c in config.all_categories().filter(|c| !c.required) {
        if !categories.contains(&c.id) {
            categories.push(c.id.clone());
        }
        for s in &c.services {
            let entry = service_entry(&c.id, &s.id);
            if !services.contains(&entry) {
                services.push(entry);
            }
        }
    }
    let mut methods: Vec<String> = METHODS.iter().map(|m| m.to_string()).collect();
    // Ids no longer in the config (older receipts) follow the config's own, sorted.
    for (dimension, list) in [("category", &mut categories), ("service", &mut services), ("method", &mut methods)] {
        let mut others: Vec<String> = rollups
            .iter()
            .filter(|r| r.dimension == dimension && !list.contains(&r.name))
            .map(|r| r.name.clone())
            .collect();
        others.sort();
        others.dedup();
        list.extend(others);
    }
    let empty = Counts {
        methods: vec![0; methods.len()],
        categories: vec![(0, 0); categories.len()],
        services: vec![(0, 0); services.len()],
        ..Counts::default()
    };
    let mut stats = Stats {
        total: empty.clone(),
        days: Vec::new(),
        versions: Vec::new(),
        areas: Vec::new(),
        categories,
        services,
        methods,
    };
    let position = |list: &[String], name: &str| list.iter().position(|x| x == name);
    for rollup in rollups {
        let n = rollup.n.unsigned_abs();
        let accepted = rollup.outcome == "accepted";
        let add: Box<dyn Fn(&mut Counts)> = match rollup.dimension.as_str() {
            "receipts" => Box::new(move |c: &mut Counts| c.receipts += n),
            "choice" => match CHOICES.iter().position(|k| *k == rollup.name) {
                Some(i) => Box::new(move |c: &mut Counts| c.choices[i] += n),
                None => continue,
            },
            "method" => match position(&stats.methods, &rollup.name) {
                Some(i) => Box::new(move |c: &mut Counts| c.methods[i] += n),
                None => continue,
            },
            "category" => match position(&stats.categories, &rollup.name) {
                Some(i) => Box::new(move |c: &mut Counts| tally(&mut c.categories[i], accepted, n)),
                None => continue,
            },
            "service" => match position(&stats.services, &rollup.name) {
                Some(i) => Box::new(move |c: &mut Counts| tally(&mut c.services[i], accepted, n)),
                None => continue,
            },
            _ => continue,
        };
        add(&mut stats.total);
        add(group(&mut stats.days, rollup.day, &empty));
        add(group(&mut stats.versions, rollup.version.clone(), &empty));
        add(group(&mut stats.areas, rollup.area.clone(), &empty));
    }
    stats
}

fn tally(pair: &mut (u64, u64), accepted: bool, n: u64) {
    if accepted {
        pair.0 += n;
    } else {
        pair.1 += n;
    }
}

/// The counts of `key` in a list kept sorted by key, added when missing.
fn group<'a, K: Ord>(groups: &'a mut Vec<(K, Counts)>, key: K, empty: &Counts) -> &'a mut Counts {
    let i = match groups.binary_search_by(|(k, _)| k.cmp(&key)) {
        Ok(i) => i,
        Err(i) => {
            groups.insert(i, (key, empty.clone()));
            i
        }
    };
    &mut groups[i].1
}

/// `accepted / (accepted + refused)` to four decimals, `null` when the category was never
/// offered.
pub fn rate(accepted: u64, refused: u64) -> Option<f64> {
    let offered = accepted + refused;
    (offered > 0).then(|| (accepted * 10_000 + offered / 2) / offered).map(|bp| bp as f64 / 10_000.0)
}

/// A rate as a JSON number (the banner's JSON has no float constructor: it is written as text).
fn rate_json(rate: Option<f64>) -> Value {
    rate.and_then(|r| json::parse(&format!("{r}")).ok()).unwrap_or(Value::Null)
}

/// `{id: {accepted, refused, rate}}` for categories or services.
fn rates_json(ids: &[String], counts: &[(u64, u64)]) -> Value {
    let map: Map = ids
        .iter()
        .zip(counts)
        .map(|(id, &(accepted, refused))| {
            let value = json::object([
                ("accepted", accepted.into()),
                ("refused", refused.into()),
                ("rate", rate_json(rate(accepted, refused))),
            ]);
            (id.clone(), value)
        })
        .collect();
    map.into()
}

fn counts_json(stats: &Stats, counts: &Counts, first: Option<(&str, Value)>) -> Value {
    let mut map = Map::new();
    if let Some((name, value)) = first {
        map.insert(name.to_string(), value);
    }
    map.insert("receipts".into(), counts.receipts.into());
    for (name, n) in CHOICES.iter().zip(counts.choices) {
        map.insert(name.to_string(), n.into());
    }
    let methods: Map = stats.methods.iter().zip(&counts.methods).map(|(m, n)| (m.clone(), Value::from(*n))).collect();
    map.insert("methods".into(), methods.into());
    map.insert("categories".into(), rates_json(&stats.categories, &counts.categories));
    map.insert("services".into(), rates_json(&stats.services, &counts.services));
    map.into()
}

/// The statistics as JSON (see the README for its shape).
pub fn to_json(stats: &Stats, span: Span) -> Value {
    let bound = |ms: i64, open: i64| if ms == open { Value::Null } else { time::iso_ms(ms).into() };
    let day = |(day, counts): &(i64, Counts)| counts_json(stats, counts, Some(("day", time::format_day(*day).into())));
    let version = |(v, counts): &(String, Counts)| counts_json(stats, counts, Some(("version", v.as_str().into())));
    let area = |(a, counts): &(String, Counts)| {
        let name = if a.is_empty() { Value::Null } else { a.as_str().into() };
        counts_json(stats, counts, Some(("area", name)))
    };
    json::object([
        ("from", bound(span.from_ms, Span::ALL.from_ms)),
        ("to", bound(span.to_ms, Span::ALL.to_ms)),
        ("timeZone", "UTC".into()),
        ("total", counts_json(stats, &stats.total, None)),
        ("days", stats.days.iter().map(day).collect()),
        ("versions", stats.versions.iter().map(version).collect()),
        ("areas", stats.areas.iter().map(area).collect()),
    ])
}

/// `GET /owner/stats?from=…&to=…`: statistics are kept per UTC day, so both bounds must be
/// dates or midnights (UTC).
pub async fn get(_: Authorized, State(app): State<App>, RawQuery(query): RawQuery) -> Result<Response, ApiError> {
    let span = form::decode(query.as_deref().unwrap_or(""), &["from", "to"])
        .and_then(|p| form::span(&p))
        .map_err(ApiError::bad_request)?;
    let whole = |ms: i64, open: i64| ms == open || ms.rem_euclid(time::DAY_MS) == 0;
    if !whole(span.from_ms, Span::ALL.from_ms) || !whole(span.to_ms, Span::ALL.to_ms) {
        return Err(ApiError::bad_request(
            "the statistics are counted per UTC day: from and to must be dates (YYYY-MM-DD) or midnights (UTC)",
        ));
    }
    let stats = read(&app, span.from_ms.div_euclid(time::DAY_MS), day_after(span.to_ms)).await?;
    let body = json::to_json(&to_json(&stats, span));
    Ok((StatusCode::OK, [(CONTENT_TYPE, "application/json"), (CACHE_CONTROL, "no-store")], body).into_response())
}

/// The first day after a span that ends at `to_ms` (excluded).
fn day_after(to_ms: i64) -> i64 {
    if to_ms == Span::ALL.to_ms {
        i64::MAX
    } else {
        to_ms.div_euclid(time::DAY_MS)
    }
}

/// The statistics of the days `from_day..to_day` (the end excluded), from the rollups.
pub async fn read(app: &App, from_day: i64, to_day: i64) -> Result<Stats, ApiError> {
    let rollups = app
        .store()
        .rollups(from_day, to_day)
        .await
        .map_err(|e| ApiError::unavailable("the statistics could not be read", e))?;
    Ok(compute(app.config(), &rollups))
}
