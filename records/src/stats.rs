//! `GET /owner/stats`: the receipts of a date range counted per day (UTC), per banner version
//! and in total: how many accepted all, refused all, chose some (custom) or had nothing to
//! choose (acknowledge: an area without optional categories), by method, and the rate at which
//! each category is accepted among the receipts that offered it.
//!
//! Each group has a `services` object too, keyed `category:service`, with the rate at which
//! each service is accepted (a category accepted or refused whole counts for each of its
//! services). A category accepted only in part (some of its services) counts as not accepted
//! for the category's own rate: its rate is that of acceptance as a whole.

use axum::extract::{RawQuery, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use consent_banner::core::config::Config;
use consent_banner::core::json::{self, Map, Value};
use consent_banner::core::policy::{entry_parts, service_entry};

use crate::form;
use crate::http::{error, owner_refusal, App};
use crate::receipt::METHODS;
use crate::store::{Span, Tally};
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

/// Counts the tallies (as [`crate::store::Store::tallies`] reads them).
pub fn compute(config: &Config, tallies: &[Tally]) -> Stats {
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
    let mut others: Vec<String> = Vec::new();
    let mut other_services: Vec<String> = Vec::new();
    for tally in tallies {
        for id in tally.accepted.iter().chain(&tally.rejected) {
            if entry_parts(id).1.is_some() {
                if !services.contains(id) && !other_services.contains(id) {
                    other_services.push(id.clone());
                }
            } else if !categories.contains(id) && !others.contains(id) && !is_required(config, id) {
                others.push(id.clone());
            }
        }
    }
    others.sort();
    categories.extend(others);
    other_services.sort();
    services.extend(other_services);
    let mut methods: Vec<String> = METHODS.iter().map(|m| m.to_string()).collect();
    let mut other_methods: Vec<String> =
        tallies.iter().map(|t| t.method.clone()).filter(|m| !methods.contains(m)).collect();
    other_methods.sort();
    other_methods.dedup();
    methods.extend(other_methods);

    let empty = Counts {
        methods: vec![0; methods.len()],
        categories: vec![(0, 0); categories.len()],
        services: vec![(0, 0); services.len()],
        ..Counts::default()
    };
    let mut stats =
        Stats { total: empty.clone(), days: Vec::new(), versions: Vec::new(), categories, services, methods };
    for tally in tallies {
        let n = tally.count.unsigned_abs();
        let kind = choice(config, &tally.accepted, &tally.rejected) as usize;
        let method = stats.methods.iter().position(|m| *m == tally.method);
        // A category (or service) named whole in accepted or rejected: Some(accepted).
        let named = |id: &str| -> Option<bool> {
            if tally.accepted.iter().any(|a| a == id) {
                Some(true)
            } else if tally.rejected.iter().any(|r| r == id) {
                Some(false)
            } else {
                None
            }
        };
        let offered: Vec<(usize, bool)> = stats
            .categories
            .iter()
            .enumerate()
            .filter_map(|(i, id)| {
                // Accepted in part: offered, and not accepted as a whole.
                let partly = tally
                    .accepted
                    .iter()
                    .chain(&tally.rejected)
                    .any(|e| matches!(entry_parts(e), (c, Some(_)) if c == id));
                named(id).or(partly.then_some(false)).map(|accepted| (i, accepted))
            })
            .collect();
        let offered_services: Vec<(usize, bool)> = stats
            .services
            .iter()
            .enumerate()
            .filter_map(|(i, entry)| named(entry).or_else(|| named(entry_parts(entry).0)).map(|accepted| (i, accepted)))
            .collect();
        let add = |counts: &mut Counts| {
            counts.receipts += n;
            counts.choices[kind] += n;
            if let Some(m) = method {
                counts.methods[m] += n;
            }
            for &(i, accepted) in &offered {
                if accepted {
                    counts.categories[i].0 += n;
                } else {
                    counts.categories[i].1 += n;
                }
            }
            for &(i, accepted) in &offered_services {
                if accepted {
                    counts.services[i].0 += n;
                } else {
                    counts.services[i].1 += n;
                }
            }
        };
        add(&mut stats.total);
        match stats.days.binary_search_by_key(&tally.day, |(day, _)| *day) {
            Ok(i) => add(&mut stats.days[i].1),
            Err(i) => {
                stats.days.insert(i, (tally.day, empty.clone()));
                add(&mut stats.days[i].1);
            }
        }
        match stats.versions.binary_search_by(|(version, _)| version.as_str().cmp(&tally.version)) {
            Ok(i) => add(&mut stats.versions[i].1),
            Err(i) => {
                stats.versions.insert(i, (tally.version.clone(), empty.clone()));
                add(&mut stats.versions[i].1);
            }
        }
    }
    stats
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
    for (name, n) in ["acceptAll", "rejectAll", "custom", "acknowledge"].iter().zip(counts.choices) {
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
    json::object([
        ("from", bound(span.from_ms, Span::ALL.from_ms)),
        ("to", bound(span.to_ms, Span::ALL.to_ms)),
        ("timeZone", "UTC".into()),
        ("total", counts_json(stats, &stats.total, None)),
        ("days", stats.days.iter().map(day).collect()),
        ("versions", stats.versions.iter().map(version).collect()),
    ])
}

/// `GET /owner/stats?from=…&to=…`.
pub async fn get(State(app): State<App>, headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    if let Some(refused) = owner_refusal(&app, &headers) {
        return refused;
    }
    let span = match form::decode(query.as_deref().unwrap_or(""), &["from", "to"]).and_then(|p| form::span(&p)) {
        Ok(span) => span,
        Err(message) => return error(StatusCode::BAD_REQUEST, &message),
    };
    match app.store().tallies(span).await {
        Ok(tallies) => {
            let body = json::to_json(&to_json(&compute(app.config(), &tallies), span));
            (StatusCode::OK, [(CONTENT_TYPE, "application/json"), (CACHE_CONTROL, "no-store")], body).into_response()
        }
        Err(e) => {
            eprintln!("consent-records: cannot count the receipts: {e}");
            error(StatusCode::SERVICE_UNAVAILABLE, "the statistics could not be read")
        }
    }
}
