//! The returning-visitor runtime's decision: the cached policy, its codec, and when the runtime
//! may serve a page view alone (everything else goes to the full module).

use consent_banner::core::config::Config;
use consent_banner::core::consent::{apply, encode, Choice};
use consent_banner::core::policy::{storage_key, text_hash, Stored};
use consent_banner::core::returning::decide;
use proptest::prelude::*;

const NOW: u64 = 1_795_000_000;

fn itsme_text() -> String {
    std::fs::read_to_string("www/config/itsme.json").unwrap()
}

/// What the full module caches for a page of `area` after validating `text`.
fn cache(text: &str, area: Option<&str>) -> String {
    let config = Config::from_json(text).unwrap().for_area(area).unwrap();
    Stored { hash: text_hash(text), policy: config.policy() }.encode()
}

fn cookie_for(text: &str, area: Option<&str>, choice: Choice) -> String {
    let policy = Config::from_json(text).unwrap().for_area(area).unwrap().policy();
    format!("other=1; consent={}; consent_banner=x", encode(&apply(&policy, &choice, None, NOW - 60, [7; 8])))
}

fn json(answer: Option<String>) -> serde_json::Value {
    serde_json::from_str(&answer.expect("the runtime should serve this page view")).unwrap()
}

#[test]
fn the_cached_policy_round_trips_for_every_area() {
    let text = itsme_text();
    let site = Config::from_json(&text).unwrap();
    for area in &site.areas {
        let policy = site.for_area(Some(&area.id)).unwrap().policy();
        let stored = Stored { hash: text_hash(&text), policy };
        assert_eq!(Stored::decode(&stored.encode()), Some(stored.clone()), "area {}", area.id);
    }
    assert_eq!(storage_key(None), "consent-banner:policy");
    assert_eq!(storage_key(Some("business")), "consent-banner:policy:business");
}

#[test]
fn a_valid_consent_is_served_with_its_tags_consent_and_google_states() {
    let text = itsme_text();
    let cookies = cookie_for(&text, Some("business"), Choice::Only(["analytics".to_string()].into()));
    let answer = json(decide(&cache(&text, Some("business")), &text, &cookies, NOW));
    let active = answer["active"].as_array().unwrap();
    assert!(active.contains(&"analytics".into()), "{answer}");
    assert!(!active.contains(&"marketing".into()), "{answer}");
    assert_eq!(answer["consent"]["id"], "0707070707070707");
    assert_eq!(answer["consent"]["time"], NOW - 60);
    assert_eq!(answer["consent"]["accepted"], answer["active"]);
    assert_eq!(answer["consent"]["rejected"], serde_json::json!(["marketing"]));
    // The page view's plan, the same as the full module's for this consent (src/core/plan.rs).
    let config = Config::from_json(&text).unwrap().for_area(Some("business")).unwrap();
    let active: Vec<String> = active.iter().map(|v| v.as_str().unwrap().to_string()).collect();
    let full = json(Some(consent_banner::core::returning::page_view_json(&config.policy(), true, &active, true)));
    for field in ["signal", "googleConsent", "active", "event"] {
        assert_eq!(answer[field], full[field], "{field}: {answer} against {full}");
    }
    assert_eq!(answer["signal"], true);
    assert_eq!(answer["event"], "consent:ready");
    assert!(answer["googleConsent"].is_object(), "{answer}");
}

#[test]
fn anything_the_runtime_cannot_vouch_for_goes_to_the_full_module() {
    let text = itsme_text();
    let cached = cache(&text, Some("business"));
    let accepted = cookie_for(&text, Some("business"), Choice::AcceptAll);
    assert!(decide(&cached, &text, &accepted, NOW).is_some());
    // An edited config (even one character), a broken one, another area's cache.
    let edited = text.replacen("Analytical cookies", "Analytics cookies", 1);
    assert_ne!(edited, text);
    assert_eq!(decide(&cached, &edited, &accepted, NOW), None);
    assert_eq!(decide(&cached, "{ not json", &accepted, NOW), None);
    // No or unreadable cache.
    assert_eq!(decide("", &text, &accepted, NOW), None);
    assert_eq!(decide("p0\nwhatever", &text, &accepted, NOW), None);
    assert_eq!(decide(&cached.replace("\nask\n", "\nmaybe\n"), &text, &accepted, NOW), None);
    // No choice yet, a tampered cookie, an expired one, two different ones.
    assert_eq!(decide(&cached, &text, "other=1", NOW), None);
    assert_eq!(decide(&cached, &text, &tampered(&accepted), NOW), None);
    assert_eq!(decide(&cached, &text, &accepted, NOW + 366 * 86_400), None);
    let refused = cookie_for(&text, Some("business"), Choice::RejectAll);
    let both = format!("{accepted}; {}", refused.trim_start_matches("other=1; "));
    assert_eq!(decide(&cached, &text, &both, NOW), None);
}

#[test]
fn inform_mode_is_served_once_acknowledged() {
    let text = itsme_text();
    let help = Config::from_json(&text).unwrap().for_area(Some("support")).unwrap();
    let cached = cache(&text, Some("support"));
    assert_eq!(decide(&cached, &text, "", NOW), None, "the notice must show");
    let banner = format!("{}={}", help.cookie_settings.banner.name, help.version);
    let answer = json(decide(&cached, &text, &banner, NOW));
    assert_eq!(answer["consent"], serde_json::Value::Null);
}

#[test]
fn strings_are_escaped_in_the_answer() {
    // Quotes, backslashes and non-ASCII text in the version (control characters are refused).
    let text = itsme_text().replacen("\"version\": \"", "\"version\": \"q\\\"\\\\é ", 1);
    let config = Config::from_json(&text).unwrap();
    assert!(config.version.starts_with("q\"\\é "), "{}", config.version);
    let cookies = cookie_for(&text, Some("business"), Choice::AcceptAll);
    let answer = json(decide(&cache(&text, Some("business")), &text, &cookies, NOW));
    assert_eq!(answer["consent"]["version"], config.version);
}

/// The consent cookie with the same fields and a wrong checksum: only its last field changed.
fn tampered(cookies: &str) -> String {
    let (before, sum) = cookies.rsplit_once('.').unwrap();
    let sum_end = sum.find(';').unwrap_or(sum.len());
    let wrong = if sum.starts_with('0') { "1" } else { "0" };
    let out = format!("{before}.{wrong}{}", &sum[1..]);
    assert_eq!(out.len(), cookies.len());
    assert_eq!(out[..before.len()], cookies[..before.len()], "the categories, time and id are kept");
    assert_ne!(out[..before.len() + 1 + sum_end], cookies[..before.len() + 1 + sum_end]);
    out
}

#[test]
fn a_cookie_with_a_wrong_checksum_is_not_trusted_though_it_parses() {
    let text = itsme_text();
    let cached = cache(&text, Some("business"));
    let accepted = cookie_for(&text, Some("business"), Choice::AcceptAll);
    let value = accepted.split("consent=").nth(1).unwrap().split(';').next().unwrap();
    assert!(consent_banner::core::consent::decode(value).is_ok());
    let bad = tampered(&accepted);
    let bad_value = bad.split("consent=").nth(1).unwrap().split(';').next().unwrap();
    assert!(matches!(
        consent_banner::core::consent::decode(bad_value),
        Err(consent_banner::core::consent::Rejected::Tampered)
    ));
    assert_eq!(decide(&cached, &text, &bad, NOW), None);
}

proptest! {
    // A real cache and config, so that the cookie is parsed: a valid consent cookie's prefix with
    // anything after it, and anything at all.
    #[test]
    fn the_decision_never_panics(tail in ".{0,200}", cookies in ".{0,200}") {
        let text = itsme_text();
        let cached = cache(&text, Some("business"));
        let accepted = cookie_for(&text, Some("business"), Choice::AcceptAll);
        let cut = accepted.len() * tail.len() / 201;
        let _ = decide(&cached, &text, &format!("{}{tail}", &accepted[..cut.min(accepted.len())]), NOW);
        let _ = decide(&cached, &text, &cookies, NOW);
    }

    #[test]
    fn an_unreadable_cache_never_panics(stored in ".{0,200}", cookies in ".{0,200}") {
        let _ = decide(&stored, "{}", &cookies, NOW);
    }

    #[test]
    fn the_cache_decoder_never_panics(text in "(p1\n)?[a-z0-9=% \n,-]{0,200}") {
        let _ = Stored::decode(&text);
    }
}
