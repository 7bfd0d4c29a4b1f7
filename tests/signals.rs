//! Google Consent Mode states, the dataLayer event and receipts.

use consent_banner::core::config::Config;
use consent_banner::core::consent::{apply, Choice, Method};
use consent_banner::core::json::{self, Value};
use consent_banner::core::returning::page_view_json;
use consent_banner::core::signals::{config_hash, receipt};
use serde_json::json;

/// The same JSON as serde_json's value, in any key order (as serde_json compares objects).
fn same(ours: Option<serde_json::Value>, theirs: Option<serde_json::Value>) -> bool {
    ours == theirs
}

/// The `gtag('consent', 'update', …)` argument a page view with a stored consent sends for
/// `active`, read from its plan (what every module hands the executor); `None` when there is none.
fn google_consent_update(c: &Config, active: &[String]) -> Option<serde_json::Value> {
    let plan: serde_json::Value = serde_json::from_str(&page_view_json(&c.policy(), true, active, true)).unwrap();
    assert_eq!(plan["signal"], true, "{plan}");
    Some(plan["googleConsent"].clone()).filter(|v| !v.is_null())
}

fn minimal() -> Config {
    Config::from_json(&std::fs::read_to_string("tests/fixtures/minimal.json").unwrap()).unwrap()
}

#[test]
fn default_mapping_grants_per_category() {
    let c = minimal();
    assert!(same(
        google_consent_update(&c, &["essential".into()]),
        Some(
            json!({ "analytics_storage": "denied", "ad_storage": "denied", "ad_user_data": "denied", "ad_personalization": "denied" })
        )
    ));
    assert!(same(
        google_consent_update(&c, &["essential".into(), "analytics".into()]),
        Some(
            json!({ "analytics_storage": "granted", "ad_storage": "denied", "ad_user_data": "denied", "ad_personalization": "denied" })
        )
    ));
}

#[test]
fn mapping_is_configurable_and_can_be_switched_off() {
    let text = std::fs::read_to_string("tests/fixtures/minimal.json").unwrap();
    let custom = text.replacen("\"version\"", "\"googleConsentMode\": { \"marketing\": [\"ad_storage\"], \"analytics\": [\"analytics_storage\", \"ad_storage\"] }, \"version\"", 1);
    let c = Config::from_json(&custom).unwrap();
    // A type mapped from two categories is granted when either is active.
    assert!(same(
        google_consent_update(&c, &["analytics".into()]),
        Some(json!({ "ad_storage": "granted", "analytics_storage": "granted" }))
    ));
    let off = text.replacen("\"version\"", "\"googleConsentMode\": false, \"version\"", 1);
    assert_eq!(google_consent_update(&Config::from_json(&off).unwrap(), &["analytics".into()]), None);
    let bad = text.replacen(
        "\"version\"",
        "\"googleConsentMode\": { \"ads\": [\"ad_storage\"], \"analytics\": [\"cookies\"] }, \"version\"",
        1,
    );
    let errors = Config::from_json(&bad).unwrap_err().0;
    let paths: Vec<&str> = errors.iter().map(|e| e.path()).collect();
    assert_eq!(paths, ["googleConsentMode.ads", "googleConsentMode.analytics[0]"]);
}

#[test]
fn receipts_carry_what_was_agreed_and_nothing_identifying() {
    let c = minimal();
    let consent = apply(&c.policy(), &Choice::Only(["analytics".to_string()].into()), None, 1_795_000_000, [7; 8]);
    let r = receipt(&c, &consent, "2026-11-20T08:26:40.000Z", "en", Method::PrivacyCentre, true);
    // Byte for byte what serde_json wrote before: the same keys, order and types.
    assert_eq!(
        json::to_json(&r),
        json!({
            "consentId": "0707070707070707", "time": "2026-11-20T08:26:40.000Z", "version": "7",
            "configHash": config_hash(&c), "area": null, "language": "en",
            "accepted": ["analytics"], "rejected": ["marketing"], "method": "privacy-centre", "gpc": true
        })
        .to_string()
    );
    let mut area = c.clone();
    area.area = Some("business".into());
    let r = receipt(&area, &consent, "2026-11-20T08:26:40.000Z", "en", Method::Banner, false);
    assert_eq!(
        (&r["area"], &r["method"], &r["gpc"]),
        (&Value::from("business"), &Value::from("banner"), &Value::from(false))
    );
}

#[test]
fn the_hash_changes_with_what_the_visitor_is_shown() {
    let c = minimal();
    let mut other = c.clone();
    other.categories[1].cookies[0].lifetime = consent_banner::core::config::Lifetime::Session;
    assert_ne!(config_hash(&c), config_hash(&other));
    assert_eq!(config_hash(&c), config_hash(&minimal()));
    let hash = config_hash(&c);
    let hex = hash.strip_prefix("fnv1a64:").unwrap();
    assert!(hex.len() == 16 && hex.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')), "{hash}");
}

#[test]
fn the_hash_follows_texts_and_policy_link_but_not_other_settings() {
    let c = minimal();
    let hash = config_hash(&c);
    let lang = c.texts.keys().next().unwrap().clone();
    // A text of the config's own over the built-in one (the built-in texts count by the
    // fingerprint of their file).
    let mut text = c.clone();
    let accept = format!("{}!", c.texts(&lang).accept_all);
    text.texts.get_mut(&lang).unwrap().set("acceptAll", &accept);
    assert_ne!(config_hash(&text), hash);
    // Two texts swapped are a different question, though the same strings are shown.
    let (mut swapped, mut same) = (c.clone(), c.clone());
    let (a, r) = (c.texts(&lang).accept_all.clone(), c.texts(&lang).reject_all.clone());
    swapped.texts.get_mut(&lang).unwrap().set("acceptAll", &r);
    swapped.texts.get_mut(&lang).unwrap().set("rejectAll", &a);
    same.texts.get_mut(&lang).unwrap().set("acceptAll", &a);
    same.texts.get_mut(&lang).unwrap().set("rejectAll", &r);
    assert_ne!(config_hash(&swapped), config_hash(&same));
    let mut label = c.clone();
    label.categories[0].label.insert(lang.clone(), "Other".into());
    assert_ne!(config_hash(&label), hash);
    let mut link = c.clone();
    for (_, l) in link.policy_links.iter_mut() {
        l.push_str("#cookies");
    }
    assert_ne!(config_hash(&link), hash);
    let mut version = c.clone();
    version.version.push('1');
    assert_ne!(config_hash(&version), hash);
    // Settings that do not change what the visitor is asked leave the hash alone.
    let mut settings = c.clone();
    settings.reload_on_withdraw = !settings.reload_on_withdraw;
    settings.receipt_endpoint = Some("/receipts".into());
    settings.google_consent_mode.clear();
    settings.cookie_settings.consent.days += 1;
    assert_eq!(config_hash(&settings), hash);
}
