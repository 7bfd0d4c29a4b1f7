//! `--write-config`: the config `cookies` entries the audit would add for the undeclared
//! cookies it saw, in the config's own JSON format, with the Open Cookie Database's provider,
//! purpose and category where it knows the name.

use std::collections::BTreeMap;

use consent_banner::core::config::Config;
use serde_json::{json, Map, Value};

use crate::findings::{Finding, Kind};
use crate::model::{PageRecord, Party};
use crate::ocd::{lifetime_of_retention, Ocd};

/// A lifetime in the config's words, never shorter than `secs` (rounded up to its unit), so
/// that the entry it goes into passes `lifetime-exceeded`.
pub fn lifetime_at_least(secs: Option<i64>) -> String {
    let Some(secs) = secs else { return "session".into() };
    let secs = secs.max(1);
    let ceil = |unit: i64| (secs + unit - 1) / unit;
    let (n, unit) = match secs {
        s if s <= 120 => (s, "second"),
        s if s <= 2 * 3600 => (ceil(60), "minute"),
        s if s <= 2 * 86_400 => (ceil(3600), "hour"),
        s if s <= 60 * 86_400 => (ceil(86_400), "day"),
        s if s <= 730 * 86_400 => (ceil(30 * 86_400), "month"),
        _ => (ceil(365 * 86_400), "year"),
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

/// The category id an Open Cookie Database category most likely goes into, among `ids` (the
/// area's, with whether each is required).
pub fn guess_category(ocd_category: Option<&str>, ids: &[(String, bool)]) -> String {
    let find = |needle: &str| ids.iter().find(|(id, _)| id.contains(needle)).map(|(id, _)| id.clone());
    let required = || ids.iter().find(|(_, r)| *r).map(|(id, _)| id.clone());
    match ocd_category {
        Some("Analytics") => find("analytic").unwrap_or_else(|| "analytics".into()),
        Some("Marketing") => find("marketing").or_else(|| find("advert")).unwrap_or_else(|| "marketing".into()),
        Some("Functional") | Some("Personalization") => {
            find("function").or_else(|| find("preference")).or_else(required).unwrap_or_else(|| "essential".into())
        }
        // Necessary, Security, or unknown: the visitor cannot refuse it, so the guess is the
        // required category; unknown ones are flagged for a human to decide.
        _ => required().unwrap_or_else(|| "essential".into()),
    }
}

/// The suggestions as JSON: an array of `{ area, category, path, cookies, note }`, `cookies`
/// holding entries exactly as a config's `cookies` array takes them.
pub fn suggestions(config: &Config, pages: &[PageRecord], findings: &[Finding], ocd: &Ocd) -> Value {
    // (area, category) → name → entry
    // (area, path or category) → name → entry, and each group's category and path.
    let mut groups: BTreeMap<(String, String), BTreeMap<String, Value>> = BTreeMap::new();
    let mut paths: BTreeMap<(String, String), Value> = BTreeMap::new();
    let mut categories: BTreeMap<(String, String), String> = BTreeMap::new();
    for f in findings.iter().filter(|f| f.kind == Kind::UndeclaredCookie) {
        let Some(page) = pages.iter().find(|p| p.url == f.page) else { continue };
        let area = page.area.clone().unwrap_or_default();
        let Ok(narrowed) = config.for_area(page.area.as_deref()) else { continue };
        // What the browser saw of it: the longest lifetime and the party.
        let mut lifetime: Option<Option<i64>> = None;
        let mut party = Party::First;
        let mut domain = String::new();
        let mut storage = false;
        for pass in &page.passes {
            for c in pass.cookies.iter().filter(|c| c.name == f.name) {
                lifetime = Some(match (lifetime.flatten(), c.lifetime) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                });
                party = c.party;
                domain = c.domain.trim_start_matches('.').to_string();
            }
            storage |= pass.storage.iter().any(|s| s.key == f.name);
        }
        let entry = ocd.lookup(&f.name);
        let ids: Vec<(String, bool)> = narrowed.categories.iter().map(|c| (c.id.clone(), c.required)).collect();
        let category = guess_category(entry.map(|e| e.category.as_str()), &ids);
        let lifetime_text = match lifetime {
            Some(seen) => lifetime_at_least(seen),
            // A storage key: what the database says, else "session" (localStorage has no expiry).
            None => entry.and_then(|e| lifetime_of_retention(&e.retention)).unwrap_or_else(|| "session".into()),
        };
        let name = match entry {
            Some(e) if e.wildcard => format!("{}*", e.name),
            _ => f.name.clone(),
        };
        let provider = match entry {
            Some(e) if !e.controller.is_empty() => e.controller.clone(),
            Some(e) => e.platform.clone(),
            None if !domain.is_empty() => domain.clone(),
            None => "TODO: who sets it".into(),
        };
        let purpose_en = match entry {
            Some(e) if !e.description.is_empty() => e.description.clone(),
            _ => format!("TODO: what the {} {} is for", if storage { "storage key" } else { "cookie" }, f.name),
        };
        let mut purpose = Map::new();
        for lang in &config.languages {
            purpose.insert(lang.clone(), Value::String(purpose_en.clone()));
        }
        let cookie = json!({
            "name": name,
            "provider": provider,
            "party": party.as_str(),
            "lifetime": lifetime_text,
            "purpose": purpose,
        });
        // A category with services: the service whose provider the database names, if any.
        let index = narrowed.categories.iter().position(|c| c.id == category);
        let service = index.and_then(|i| {
            narrowed.categories[i].services.iter().position(|s| {
                s.provider.as_deref().is_some_and(|p| {
                    entry.is_some_and(|e| p.eq_ignore_ascii_case(&e.controller) || p.eq_ignore_ascii_case(&e.platform))
                })
            })
        });
        let prefix = if area.is_empty() { String::new() } else { format!("areas.{area}.") };
        let path = match (index, service) {
            (Some(i), Some(s)) => Value::String(format!("{prefix}categories[{i}].services[{s}].cookies")),
            (Some(i), None) => Value::String(format!("{prefix}categories[{i}].cookies")),
            (None, _) => Value::Null,
        };
        let key = (area.clone(), path.as_str().map_or_else(|| category.clone(), String::from));
        paths.entry(key.clone()).or_insert(path);
        categories.entry(key.clone()).or_insert(category);
        groups.entry(key).or_default().entry(name).or_insert(cookie);
    }
    let mut out = Vec::new();
    for (key, cookies) in groups {
        let path = paths.get(&key).cloned().unwrap_or(Value::Null);
        let category = categories.get(&key).cloned().unwrap_or_default();
        let area = key.0;
        let note = if path.is_null() {
            format!("the area has no category \"{category}\": add one, or move these entries into another")
        } else {
            "a guess from the Open Cookie Database: check the category, and translate each purpose".to_string()
        };
        out.push(json!({
            "area": if area.is_empty() { Value::Null } else { Value::String(area) },
            "category": category,
            "path": path,
            "note": note,
            "cookies": cookies.into_values().collect::<Vec<_>>(),
        }));
    }
    Value::Array(out)
}
