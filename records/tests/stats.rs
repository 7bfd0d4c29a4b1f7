//! The owner's statistics: counts per day, version, choice and method, and acceptance rates
//! per category, checked against a direct count of generated receipts.

mod common;

use axum::http::StatusCode;
use common::{bearer, owner_get, owner_service, parsed, send};
use consent_banner::core::json::{self, Value};
use consent_records::time::DAY_MS;

const DAY: i64 = 20_787; // 2026-11-30

struct Made {
    day: i64,
    version: &'static str,
    method: &'static str,
    area: Option<&'static str>,
    accepted: Vec<&'static str>,
    rejected: Vec<&'static str>,
}

/// 600 receipts from a fixed pseudo-random sequence: 3 days, 2 versions, 4 methods, the
/// business area (analytics, marketing) and the my-itsme area (account-analytics), and the
/// private area, which has nothing to choose.
fn made() -> Vec<Made> {
    let mut seed: u64 = 42;
    let mut next = move |n: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    (0..600)
        .map(|_| {
            let day = DAY - 2 + next(3) as i64;
            let version = ["2026-11-1", "2026-10-1"][next(2) as usize];
            let method = ["banner", "privacy-centre", "api", "contextual"][next(4) as usize];
            let (area, offered): (Option<&str>, Vec<&str>) = match next(3) {
                0 => (Some("business"), vec!["analytics", "marketing"]),
                1 => (Some("my-itsme"), vec!["account-analytics"]),
                _ => (Some("private"), vec![]),
            };
            let (mut accepted, mut rejected) = (vec![], vec![]);
            for id in offered {
                if next(10) < 6 {
                    accepted.push(id);
                } else {
                    rejected.push(id);
                }
            }
            // Required categories may appear in `accepted`: they do not count.
            if next(4) == 0 {
                accepted.push("essential");
            }
            Made { day, version, method, area, accepted, rejected }
        })
        .collect()
}

fn kind(m: &Made) -> &'static str {
    let accepted = m.accepted.iter().filter(|c| **c != "essential").count();
    match (accepted, m.rejected.len()) {
        (0, 0) => "acknowledge",
        (_, 0) => "acceptAll",
        (0, _) => "rejectAll",
        _ => "custom",
    }
}

/// The counts a group must show, computed directly from the made receipts.
fn check_group(group: &Value, made: &[&Made], label: &str) {
    assert_eq!(group["receipts"].as_u64(), Some(made.len() as u64), "{label}");
    for choice in ["acceptAll", "rejectAll", "custom", "acknowledge"] {
        let expected = made.iter().filter(|m| kind(m) == choice).count() as u64;
        assert_eq!(group[choice].as_u64(), Some(expected), "{label} {choice}");
    }
    for method in ["banner", "privacy-centre", "api", "contextual"] {
        let expected = made.iter().filter(|m| m.method == method).count() as u64;
        assert_eq!(group["methods"][method].as_u64(), Some(expected), "{label} {method}");
    }
    for category in ["analytics", "marketing", "account-analytics"] {
        let accepted = made.iter().filter(|m| m.accepted.contains(&category)).count() as u64;
        let refused = made.iter().filter(|m| m.rejected.contains(&category)).count() as u64;
        let c = &group["categories"][category];
        assert_eq!((c["accepted"].as_u64(), c["refused"].as_u64()), (Some(accepted), Some(refused)), "{label}");
        if accepted + refused == 0 {
            assert!(c["rate"].is_null(), "{label} {category}");
        } else {
            let rate = c["rate"].as_f64().unwrap();
            let exact = accepted as f64 / (accepted + refused) as f64;
            assert!((rate - exact).abs() <= 0.00005, "{label} {category}: {rate} vs {exact}");
        }
    }
    assert!(group["categories"].get("essential").is_none(), "required categories have no rate");
    // The demo names its providers as services: receipts that accept or refuse a category
    // whole count so for each of its services.
    let services = group["services"].as_object().unwrap();
    assert_eq!(services.len(), 5, "{label}");
    for (entry, counts) in services {
        let category = entry.split(':').next().unwrap();
        assert_eq!(
            (counts["accepted"].as_u64(), counts["refused"].as_u64()),
            (group["categories"][category]["accepted"].as_u64(), group["categories"][category]["refused"].as_u64()),
            "{label} {entry}"
        );
    }
}

#[tokio::test]
async fn statistics_match_a_direct_count() {
    let (app, store) = owner_service().await;
    let made = made();
    let rows: Vec<_> = made
        .iter()
        .enumerate()
        .map(|(n, m)| {
            let mut receipt = parsed(&format!("{n:016x}"), &[]);
            receipt.version = m.version.to_string();
            receipt.method = m.method.to_string();
            receipt.area = m.area.map(str::to_string);
            receipt.accepted = m.accepted.iter().map(|s| s.to_string()).collect();
            receipt.rejected = m.rejected.iter().map(|s| s.to_string()).collect();
            (receipt, m.day * DAY_MS + (n as i64 * 1_000))
        })
        .collect();
    common::insert_many(&store, &rows).await;

    let (response, body) = send(&app, owner_get("/owner/stats", bearer())).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/json");
    let stats = json::parse(std::str::from_utf8(&body).unwrap()).unwrap();
    assert!(stats["from"].is_null() && stats["to"].is_null());
    assert_eq!(stats["timeZone"].as_str(), Some("UTC"));
    check_group(&stats["total"], &made.iter().collect::<Vec<_>>(), "total");

    let days = stats["days"].as_array().unwrap();
    let labels: Vec<&str> = days.iter().map(|d| d["day"].as_str().unwrap()).collect();
    assert_eq!(labels, ["2026-11-28", "2026-11-29", "2026-11-30"]);
    for (offset, day) in days.iter().enumerate() {
        let of_day: Vec<&Made> = made.iter().filter(|m| m.day == DAY - 2 + offset as i64).collect();
        check_group(day, &of_day, labels[offset]);
    }
    let versions = stats["versions"].as_array().unwrap();
    let labels: Vec<&str> = versions.iter().map(|v| v["version"].as_str().unwrap()).collect();
    assert_eq!(labels, ["2026-10-1", "2026-11-1"]);
    for (version, label) in versions.iter().zip(&labels) {
        let of_version: Vec<&Made> = made.iter().filter(|m| m.version == *label).collect();
        check_group(version, &of_version, label);
    }

    // A range: the last day only.
    let (_, body) = send(&app, owner_get("/owner/stats?from=2026-11-30&to=2026-11-30", bearer())).await;
    let stats = json::parse(std::str::from_utf8(&body).unwrap()).unwrap();
    assert_eq!(stats["from"].as_str(), Some("2026-11-30T00:00:00.000Z"));
    assert_eq!(stats["to"].as_str(), Some("2026-12-01T00:00:00.000Z"));
    assert_eq!(stats["days"].as_array().map(Vec::len), Some(1));
    check_group(&stats["total"], &made.iter().filter(|m| m.day == DAY).collect::<Vec<_>>(), "last day");
}

#[tokio::test]
async fn statistics_need_the_token_and_a_valid_range() {
    let (app, _) = owner_service().await;
    assert_eq!(send(&app, owner_get("/owner/stats", None)).await.0.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(send(&app, owner_get("/owner/stats", Some("Bearer nope"))).await.0.status(), StatusCode::UNAUTHORIZED);
    let (response, body) = send(&app, owner_get("/owner/stats?from=2026-11-31", bearer())).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(String::from_utf8(body).unwrap().contains("from: expected a date"));
    // No receipts: zero counts, null rates.
    let (response, body) = send(&app, owner_get("/owner/stats", bearer())).await;
    assert_eq!(response.status(), StatusCode::OK);
    let stats = json::parse(std::str::from_utf8(&body).unwrap()).unwrap();
    assert_eq!(stats["total"]["receipts"].as_u64(), Some(0));
    assert!(stats["total"]["categories"]["analytics"]["rate"].is_null());
    assert_eq!(stats["days"].as_array().map(Vec::len), Some(0));
}

#[test]
fn services_are_counted_each_and_a_category_accepted_in_part_is_not_accepted_whole() {
    use consent_banner::core::config::Config;
    use consent_records::stats::{compute, counts, Choice};
    use consent_records::store::Rollup;
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/services.json")).unwrap();
    let config = Config::from_json(&text).unwrap();
    let receipt = |accepted: &[&str], rejected: &[&str]| {
        let mut r = parsed("0123456789abcdef", &[]);
        r.version = "s1".into();
        r.area = None;
        r.method = "privacy-centre".into();
        r.accepted = accepted.iter().map(|s| s.to_string()).collect();
        r.rejected = rejected.iter().map(|s| s.to_string()).collect();
        r
    };
    let receipts = [
        receipt(&["analytics", "marketing"], &[]),
        receipt(&["analytics:numberly"], &["analytics:at-internet", "analytics:commanders-act", "marketing"]),
        receipt(&[], &["analytics", "marketing"]),
    ];
    assert_eq!(consent_records::stats::choice(&config, &receipts[1].accepted, &receipts[1].rejected), Choice::Custom);
    // As the store keeps them: one rollup row per count of each receipt.
    let rollups: Vec<Rollup> = receipts
        .iter()
        .flat_map(|r| counts(&config, r))
        .map(|c| Rollup {
            day: DAY,
            version: "s1".into(),
            area: String::new(),
            dimension: c.dimension.into(),
            name: c.name,
            outcome: c.outcome.into(),
            n: 1,
        })
        .collect();
    let stats = compute(&config, &rollups);
    assert_eq!(stats.categories, ["analytics", "marketing"]);
    assert_eq!(
        stats.services,
        ["analytics:numberly", "analytics:commanders-act", "analytics:at-internet", "marketing:numberly"]
    );
    assert_eq!(stats.total.receipts, 3);
    assert_eq!(stats.total.choices, [1, 1, 1, 0]);
    // analytics: accepted whole once, in part once (not whole), refused once.
    assert_eq!(stats.total.categories, [(1, 2), (1, 2)]);
    // numberly in analytics: whole, itself, refused; the others: whole only.
    assert_eq!(stats.total.services, [(2, 1), (1, 2), (1, 2), (1, 2)]);
    assert_eq!(stats.areas.len(), 1, "one group for a config without areas");
}
