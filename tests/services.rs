//! Consent per service inside a category: the config's `services`, the consent entries
//! `category:service`, the decisions, the cookie, the cached policy and the signals.

use consent_banner::core::config::Config;
use consent_banner::core::consent::Method;
use consent_banner::core::consent::{apply, change, decide, decode, encode, Choice, Consent, Rejected};
use consent_banner::core::policy::{google_consent_states, Stored};
use consent_banner::core::signals::receipt;

const NOW: u64 = 1_795_000_000;

fn config() -> Config {
    Config::from_json(&std::fs::read_to_string("tests/fixtures/services.json").unwrap()).unwrap()
}

fn only(ids: &[&str]) -> Choice {
    Choice::Only(ids.iter().map(|s| s.to_string()).collect())
}

fn chosen(choice: Choice) -> Consent {
    apply(&config().policy(), &choice, None, NOW, [7; 8])
}

fn active_after(choice: Choice) -> Vec<String> {
    let value = encode(&chosen(choice));
    decide(&config().policy(), &[&value], None, NOW + 60).active
}

fn with_category_field(field: &str) -> String {
    std::fs::read_to_string("tests/fixtures/services.json").unwrap().replacen(
        "\"id\": \"marketing\",",
        &format!("\"id\": \"marketing\", {field},"),
        1,
    )
}

#[test]
fn services_are_read_with_their_provider_and_cookies() {
    let c = config();
    let analytics = c.category("analytics").unwrap();
    let ids: Vec<&str> = analytics.services.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["numberly", "commanders-act", "at-internet"]);
    assert_eq!(analytics.services[2].provider.as_deref(), Some("AT Internet"));
    assert_eq!(analytics.services[2].cookies[0].name, "atuserid");
    // A category's own cookies stay at category level.
    assert_eq!(analytics.cookies[0].name, "stats_shared");
    // The same service id may appear in two categories.
    assert_eq!(c.category("marketing").unwrap().services[0].id, "numberly");
    assert!(c.category("essential").unwrap().services.is_empty());
}

#[test]
fn bad_services_are_reported_with_their_paths() {
    let text = std::fs::read_to_string("tests/fixtures/services.json").unwrap().replacen(
        "\"id\": \"commanders-act\"",
        "\"id\": \"numberly\"",
        1,
    );
    let errors = Config::from_json(&text).unwrap_err().0;
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].path(), "categories[1].services[1].id");
    assert!(errors[0].message().contains("duplicate service id \"numberly\""), "{}", errors[0].message());

    let cases = [
        ("\"services\": {}", "categories[2].services", "expected an array"),
        (
            "\"services\": [{ \"id\": \"Bad Id\", \"label\": { \"en\": \"x\" }, \"description\": { \"en\": \"y\" } }]",
            "categories[2].services[0].id",
            "not a valid id",
        ),
        (
            "\"services\": [{ \"id\": \"x\", \"label\": { \"en\": \"x\" }, \"description\": { \"en\": \"y\" }, \"provider\": \" \" }]",
            "categories[2].services[0].provider",
            "must name who provides",
        ),
        (
            "\"services\": [{ \"id\": \"x\", \"label\": { \"en\": \"x\" } }]",
            "categories[2].services[0].description",
            "missing",
        ),
        (
            "\"services\": [{ \"id\": \"x\", \"label\": { \"en\": \"x\" }, \"description\": { \"en\": \"y\" }, \"colour\": 1 }]",
            "categories[2].services[0].colour",
            "",
        ),
    ];
    for (field, path, says) in cases {
        // The fixture's own marketing services come later in the object: a repeated key is an
        // error of its own, so the test's field replaces them.
        let text = with_category_field(field).replacen(
            "\"services\": [\n        { \"id\": \"numberly\", \"label\": { \"en\": \"Numberly campaigns\" }",
            "\"other\": [\n        { \"id\": \"numberly\", \"label\": { \"en\": \"Numberly campaigns\" }",
            1,
        );
        let errors = Config::from_json(&text).unwrap_err().0;
        assert!(
            errors.iter().any(|e| e.path() == path && e.message().contains(says)),
            "{field}: expected {path} ({says}) in {errors:#?}"
        );
    }
}

#[test]
fn accepting_some_services_keeps_the_category_refused_as_a_whole() {
    let consent = chosen(only(&["analytics:at-internet", "analytics:numberly"]));
    assert_eq!(consent.accepted, ["analytics:at-internet", "analytics:numberly"]);
    assert!(consent.accepts("analytics:numberly"));
    assert!(!consent.accepts("analytics:commanders-act"));
    assert!(!consent.accepts("analytics"));
    // Tags naming only the category do not run; those naming an accepted service do.
    assert_eq!(
        active_after(only(&["analytics:at-internet", "analytics:numberly"])),
        ["essential", "analytics:numberly", "analytics:at-internet"]
    );
}

#[test]
fn every_service_of_a_category_or_the_category_itself_accepts_it_whole() {
    let all = ["analytics:numberly", "analytics:commanders-act", "analytics:at-internet"];
    assert_eq!(chosen(only(&all)).accepted, ["analytics"]);
    assert_eq!(chosen(only(&["analytics", "analytics:numberly"])).accepted, ["analytics"]);
    assert_eq!(
        active_after(only(&["analytics"])),
        ["essential", "analytics", "analytics:numberly", "analytics:commanders-act", "analytics:at-internet"]
    );
    assert_eq!(chosen(Choice::AcceptAll).accepted, ["analytics", "marketing"]);
    // Unknown services and services named under the wrong category are dropped.
    assert_eq!(chosen(only(&["analytics:nobody", "marketing:at-internet"])).accepted, Vec::<String>::new());
}

#[test]
fn a_cookie_written_before_services_existed_accepts_its_categories_whole() {
    // What the codec wrote for "analytics accepted" before services: still read as all of it.
    let before =
        Consent { version: "s1".into(), accepted: vec!["analytics".into()], time: NOW, id: "0123456789abcdef".into() };
    let value = encode(&before);
    assert!(!value.contains("%3A"));
    let d = decide(&config().policy(), &[&value], None, NOW + 60);
    assert_eq!(d.consent.as_ref(), Some(&before));
    assert!(d.active.contains(&"analytics:commanders-act".to_string()));
}

#[test]
fn the_cookie_round_trips_services_compactly() {
    let consent = chosen(only(&["analytics:at-internet", "analytics:commanders-act", "marketing:numberly"]));
    // marketing has one service: naming it accepts the category whole.
    assert_eq!(consent.accepted, ["analytics:at-internet", "analytics:commanders-act", "marketing"]);
    let value = encode(&consent);
    assert_eq!(decode(&value), Ok(consent));
    assert!(value.len() < 300, "{} bytes: {value}", value.len());
    // The demo config with every service decided in part: still far under 300 bytes.
    let worst = chosen(only(&["analytics:numberly", "analytics:at-internet"]));
    assert!(encode(&worst).len() < 120, "{}", encode(&worst));
}

#[test]
fn a_cookie_naming_an_unknown_service_is_no_consent() {
    let forged = Consent {
        version: "s1".into(),
        accepted: vec!["analytics:nobody".into()],
        time: NOW,
        id: "0123456789abcdef".into(),
    };
    let d = decide(&config().policy(), &[&encode(&forged)], None, NOW + 60);
    assert_eq!(d.rejected, Some(Rejected::UnknownCategory("analytics:nobody".into())));
    assert_eq!(d.active, ["essential"]);
}

#[test]
fn withdrawing_a_service_withdraws_only_it_and_its_cookies() {
    let before = active_after(Choice::AcceptAll);
    let after = active_after(only(&["analytics:numberly", "analytics:commanders-act", "marketing"]));
    let ch = change(&before, &after);
    assert_eq!(ch.withdrawn, ["analytics", "analytics:at-internet"]);
    assert!(ch.granted.is_empty());
    let c = config();
    // The category's own cookies go with the category (no longer accepted whole), the
    // service's with the service; the other services keep theirs.
    let gone: Vec<&str> = ch.withdrawn.iter().flat_map(|e| c.declared_cookies(e)).map(|k| k.name.as_str()).collect();
    assert_eq!(gone, ["stats_shared", "atuserid"]);
    assert!(c.declared_cookies("analytics:nobody").is_empty());
}

#[test]
fn consent_mode_grants_a_category_only_whole_unless_a_service_is_mapped() {
    let c = config();
    let states = |choice| google_consent_states(&c.google_consent_mode, &active_after(choice));
    let partial = states(only(&["analytics:numberly"]));
    assert!(partial.contains(&("analytics_storage".to_string(), false)));
    let whole = states(only(&["analytics"]));
    assert!(whole.contains(&("analytics_storage".to_string(), true)));
    // marketing:numberly is mapped on its own.
    let service = states(only(&["marketing:numberly"]));
    assert!(service.contains(&("ad_storage".to_string(), true)));
}

#[test]
fn the_cached_policy_keeps_the_services() {
    let policy = config().policy();
    assert_eq!(policy.categories[1].services, ["numberly", "commanders-act", "at-internet"]);
    assert!(policy.is_known_optional("analytics:at-internet"));
    assert!(!policy.is_known_optional("essential"));
    let stored = Stored { hash: 42, policy };
    let text = stored.encode();
    assert!(text.starts_with("p2\n"));
    assert_eq!(Stored::decode(&text), Some(stored));
    // A cache in the format before services is not trusted (the full module writes it anew).
    assert_eq!(Stored::decode(&text.replacen("p2", "p1", 1)), None);
}

#[test]
fn the_receipt_names_accepted_and_refused_services() {
    let c = config();
    let consent = chosen(only(&["analytics:numberly"]));
    let r = receipt(&c, &consent, "2026-11-30T00:00:00.000Z", "en", Method::PrivacyCentre, false);
    let list = |key: &str| -> Vec<String> {
        r.get(key).unwrap().as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
    };
    assert_eq!(list("accepted"), ["analytics:numberly"]);
    assert_eq!(list("rejected"), ["analytics:commanders-act", "analytics:at-internet", "marketing"]);
    // The records service accepts what the receipt names.
    assert!(list("rejected").iter().chain(&list("accepted")).all(|e| c.is_known_optional(e)));
}

#[test]
fn the_config_hash_of_a_config_without_services_is_unchanged() {
    // Services are hashed only when there are any: receipts of existing sites keep their hash.
    use consent_banner::core::signals::config_hash;
    // What the minimal fixture hashes to (since built-in texts are hashed by their file's
    // fingerprint; a change of src/i18n/en.json changes it, as a changed wording must).
    let minimal = Config::from_json(&std::fs::read_to_string("tests/fixtures/minimal.json").unwrap()).unwrap();
    assert_eq!(config_hash(&minimal), "fnv1a64:8b3b060097ce5187");
    let with = config();
    let mut without = with.clone();
    for c in &mut without.categories {
        c.services.clear();
    }
    assert_ne!(config_hash(&with), config_hash(&without));
}

#[test]
fn accept_service_replaces_one_categorys_services_and_keeps_the_rest() {
    use consent_banner::core::consent::services_choice;
    let stored: Vec<String> = ["analytics:numberly", "marketing"].iter().map(|s| s.to_string()).collect();
    let at = ["at-internet".to_string()];
    let ids = services_choice(&stored, "analytics", Some(&at));
    assert_eq!(ids, ["marketing", "analytics:at-internet"]);
    assert_eq!(chosen(Choice::Only(ids)).accepted, ["analytics:at-internet", "marketing"]);
    assert_eq!(services_choice(&stored, "analytics", None), ["marketing", "analytics"]);
    assert_eq!(services_choice(&stored, "analytics", Some(&[])), ["marketing"]);
    assert_eq!(services_choice(&stored, "marketing", Some(&[])), ["analytics:numberly"]);
}

#[test]
fn the_demo_cookie_with_every_service_decided_in_part_stays_under_300_bytes() {
    // The itsme config: business (analytics by three providers, marketing by one) and My itsme
    // (Google); the longest value is every category decided service by service.
    let site = Config::from_json(&std::fs::read_to_string("www/config/itsme.json").unwrap()).unwrap();
    let business = site.for_area(Some("business")).unwrap().policy();
    let first = apply(&business, &only(&["analytics:numberly", "analytics:at-internet"]), None, NOW, [3; 8]);
    let my_itsme = site.for_area(Some("my-itsme")).unwrap().policy();
    let both = apply(&my_itsme, &only(&["account-analytics:google"]), Some(&first), NOW, [3; 8]);
    assert_eq!(both.accepted, ["account-analytics", "analytics:at-internet", "analytics:numberly"]);
    let value = encode(&both);
    assert!(value.len() < 300, "{} bytes: {value}", value.len());
    assert_eq!(decode(&value), Ok(both));
}
