//! The first-visit module's decisions (src/core/first.rs): what a page view without a usable
//! cache starts with, the banner's markup, and the plan a choice turns into.

use consent_banner::core::config::Config;
use consent_banner::core::consent::{apply, decode, encode, Choice, Method};
use consent_banner::core::first::{choose, choose_services, language_change, start, Made, Page};
use consent_banner::core::iso_time;
use consent_banner::core::policy::{text_hash, Stored};
use serde_json::Value;

const NOW: u64 = 1_795_000_000;

fn itsme() -> String {
    std::fs::read_to_string("www/config/itsme.json").unwrap()
}

fn page<'a>(text: &'a str, area: Option<&'a str>, cookies: &'a str) -> Page<'a> {
    Page {
        config_text: text,
        area,
        cookies,
        html_lang: Some("en"),
        navigator: vec!["nl-BE".into()],
        host: "shop.example.com",
        path: "/a/b",
        now: NOW,
        ..Page::default()
    }
}

fn json(text: String) -> Value {
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Every text node of a view, in order.
fn texts(node: &Value, out: &mut Vec<String>) {
    match node {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().skip(2).for_each(|c| texts(c, out)),
        _ => {}
    }
}

/// The first element of a view whose attribute `key` is `value`.
fn find<'v>(node: &'v Value, key: &str, value: &str) -> Option<&'v Value> {
    let items = node.as_array()?;
    if items[1].get(key).and_then(Value::as_str) == Some(value) {
        return Some(node);
    }
    items.iter().skip(2).find_map(|c| find(c, key, value))
}

#[test]
fn a_first_visit_shows_the_banner_with_its_three_equal_buttons() {
    let text = itsme();
    let answer = json(start(&page(&text, Some("business"), "")));
    assert_eq!(answer["surface"], "banner");
    assert_eq!(answer["lang"], "en", "<html lang> comes before the browser's languages");
    assert_eq!(answer["active"], serde_json::json!(["essential"]));
    assert_eq!(answer["consent"], Value::Null);
    let view = &answer["view"];
    let banner = find(view, "data-consent-banner", "").expect("the banner section");
    assert_eq!(banner[0], "section");
    assert_eq!(banner[1]["data-consent-mode"], "ask");
    for action in ["accept-all", "reject-all", "customise"] {
        let button = find(view, "data-consent-action", action).unwrap_or_else(|| panic!("{action}"));
        assert_eq!(button[0], "button");
        assert_eq!(button[1]["class"], "cb-button", "all three look alike");
    }
    let mut words = Vec::new();
    texts(view, &mut words);
    assert!(words.iter().any(|w| w == "Reject all"), "{words:?}");
    // The cache the runtime will decide from next time is the one the full module writes.
    let [key, cache] = [&answer["policy"][0], &answer["policy"][1]];
    assert_eq!(key, "consent-banner:policy:business");
    let stored = Stored::decode(cache.as_str().unwrap()).unwrap();
    assert_eq!(stored.hash, text_hash(&text));
}

#[test]
fn the_inform_area_shows_the_notice() {
    let text = itsme();
    let answer = json(start(&page(&text, Some("support"), "")));
    assert_eq!(answer["surface"], "notice");
    assert!(find(&answer["view"], "data-consent-action", "acknowledge").is_some());
    assert!(find(&answer["view"], "data-consent-action", "accept-all").is_none());
}

#[test]
fn the_banner_names_only_the_purposes_of_the_pages_area() {
    let text = itsme();
    let description = |area: &str, lang: &str| {
        let answer = json(start(&Page { html_lang: Some(lang), ..page(&text, Some(area), "") }));
        let p = find(&answer["view"], "id", "cb-text").expect("the banner's text").clone();
        p[2].as_str().unwrap().to_string()
    };
    for lang in ["en", "nl", "fr", "de"] {
        let mine = description("my-itsme", lang);
        assert!(!mine.to_lowercase().contains("marketing"), "{lang}: {mine}");
        assert!(description("business", lang).to_lowercase().contains("marketing"), "{lang}");
    }
    assert!(
        description("my-itsme", "nl").contains("analytische cookies om uw surfervaring en onze website te verbeteren")
    );
}

#[test]
fn a_broken_config_fails_closed_with_every_error() {
    let answer = json(start(&page(r#"{"version": 3, "policyLink": "javascript:alert(1)"}"#, None, "")));
    let errors: Vec<&str> = answer["errors"].as_array().unwrap().iter().map(|e| e.as_str().unwrap()).collect();
    assert!(errors.iter().any(|e| e.starts_with("config version:")), "{errors:?}");
    assert!(errors.iter().any(|e| e.starts_with("config policyLink:")), "{errors:?}");
    assert!(errors.last().unwrap().ends_with("no optional tag will run"));
    assert!(answer.get("view").is_none());

    // consent:error's detail: every problem with its path, without the summary line.
    let problems = answer["problems"].as_array().unwrap();
    assert_eq!(problems.len(), errors.len() - 1, "{answer}");
    let paths: Vec<&str> = problems.iter().map(|p| p["path"].as_str().unwrap()).collect();
    assert!(paths.contains(&"version") && paths.contains(&"policyLink"), "{paths:?}");
    assert!(problems.iter().all(|p| !p["message"].as_str().unwrap().is_empty()), "{answer}");

    let answer = json(start(&page(&itsme(), Some("nowhere"), "")));
    assert!(answer["errors"][0].as_str().unwrap().contains("no area \"nowhere\""), "{answer}");
    assert_eq!(answer["problems"][0]["path"], "", "{answer}");
    assert!(answer["problems"][0]["message"].as_str().unwrap().starts_with("the config has no area"), "{answer}");
}

#[test]
fn a_page_view_names_what_its_gates_may_name() {
    // The executor warns about a gate (or API call) naming anything else: this area's categories,
    // then their services as category:service, and nothing of another area.
    let answer = json(start(&page(&itsme(), Some("business"), "")));
    let known: Vec<&str> = answer["known"].as_array().unwrap().iter().map(|k| k.as_str().unwrap()).collect();
    assert_eq!(
        known,
        [
            "essential",
            "consent-provider",
            "analytics",
            "marketing",
            "analytics:numberly",
            "analytics:commanders-act",
            "analytics:at-internet",
            "marketing:numberly"
        ]
    );
}

#[test]
fn a_valid_stored_choice_needs_no_banner() {
    let text = itsme();
    let config = consent_banner::core::config::Config::from_json(&text).unwrap().for_area(Some("business")).unwrap();
    let stored = apply(&config.policy(), &Choice::AcceptAll, None, NOW - 60, [1; 8]);
    let cookies = format!("consent={}", encode(&stored));
    let answer = json(start(&page(&text, Some("business"), &cookies)));
    assert_eq!(answer["surface"], "nothing");
    assert_eq!(answer["view"], Value::Null);
    assert_eq!(answer["consent"]["id"], "0101010101010101");
    assert_eq!(answer["consent"]["time"], iso_time(NOW - 60));
}

#[test]
fn a_page_view_carries_its_plan_for_the_executor() {
    let text = itsme();
    // A first visit: nothing to signal, the necessary tags, consent:ready.
    let first = json(start(&page(&text, Some("business"), "")));
    assert_eq!(first["signal"], false);
    assert_eq!(first["event"], "consent:ready");
    assert!(first["active"].as_array().unwrap().iter().any(|a| a == "essential"), "{first}");
    assert!(first["googleConsent"].is_object(), "{first}");
    // A stored choice (storage blocked: no cache for the runtime): the signals go out too.
    let config = consent_banner::core::config::Config::from_json(&text).unwrap().for_area(Some("business")).unwrap();
    let stored = apply(&config.policy(), &Choice::AcceptAll, None, NOW - 60, [1; 8]);
    let cookies = format!("consent={}", encode(&stored));
    let served = json(start(&page(&text, Some("business"), &cookies)));
    assert_eq!(served["signal"], true);
    assert_eq!(served["googleConsent"]["analytics_storage"], "granted", "{served}");
}

#[test]
fn accept_service_keeps_the_other_categories_and_takes_exactly_these_services() {
    let text = itsme();
    let config = consent_banner::core::config::Config::from_json(&text).unwrap().for_area(Some("business")).unwrap();
    let stored = apply(&config.policy(), &Choice::Only(["marketing".to_string()].into()), None, NOW - 60, [1; 8]);
    let cookies = format!("consent={}", encode(&stored));
    let p = page(&text, Some("business"), &cookies);
    let accepted = |plan: &Value| -> Vec<String> {
        decode(plan["check"][1].as_str().unwrap()).unwrap().accepted.into_iter().collect()
    };
    let only = ["at-internet".to_string()];
    let api = Made { method: Method::Api, active: &[], history: None, lang: "en", random: [2; 8] };
    let plan = json(choose_services(&p, "analytics", Some(&only), &api));
    assert_eq!(accepted(&plan), ["analytics:at-internet", "marketing"], "{plan}");
    assert_eq!(plan["event"], "consent:change");
    assert_eq!(plan["signal"], true);
    // All of it, then none of it: marketing stays as it was each time.
    let plan = json(choose_services(&p, "analytics", None, &api));
    assert_eq!(accepted(&plan), ["analytics", "marketing"], "{plan}");
    let plan = json(choose_services(&p, "analytics", Some(&[]), &api));
    assert_eq!(accepted(&plan), ["marketing"], "{plan}");
}

#[test]
fn a_tampered_cookie_is_logged_and_asked_again() {
    let answer = json(start(&page(&itsme(), Some("business"), "consent=v1.garbage")));
    assert_eq!(answer["surface"], "banner");
    assert_eq!(answer["log"][0][0], "warn");
    assert!(answer["log"][0][1].as_str().unwrap().contains("treating it as no consent"));
}

#[test]
fn accept_all_on_the_banner_is_one_plan() {
    let text = itsme();
    let p = page(&text, Some("business"), "atuserid=1");
    let plan = json(choose(
        &p,
        Some(Choice::AcceptAll),
        &Made {
            method: Method::Banner,
            active: &["essential".into()],
            history: Some("[]"),
            lang: "en",
            random: [9; 8],
        },
    ));
    let write: Vec<&str> = plan["write"].as_array().unwrap().iter().map(|w| w.as_str().unwrap()).collect();
    assert!(write[0].starts_with("consent=v1."), "{write:?}");
    assert!(write[0].contains("; Max-Age=31536000; Path=/; SameSite=Lax"), "{write:?}");
    assert!(write[1].starts_with("consent_banner="), "{write:?}");
    let value = plan["check"][1].as_str().unwrap();
    let consent = decode(value).unwrap();
    assert_eq!(consent.id, "0909090909090909");
    let history: Value = serde_json::from_str(plan["history"].as_str().unwrap()).unwrap();
    assert_eq!(history[0]["method"], "banner");
    assert_eq!(plan["detail"]["method"], "banner");
    assert!(plan["detail"]["granted"].as_array().unwrap().len() >= 2, "{plan}");
    assert_eq!(plan["detail"]["withdrawn"], serde_json::json!([]));
    assert_eq!(plan["delete"], serde_json::json!([]));
    assert_eq!(plan["reload"], false);
    assert!(plan["active"].as_array().unwrap().iter().any(|a| a == "essential"));
}

#[test]
fn withdrawing_deletes_the_declared_cookies_the_page_has() {
    let text = itsme();
    let p = page(&text, Some("business"), "atuserid=1; unrelated=2");
    let config = consent_banner::core::config::Config::from_json(&text).unwrap().for_area(Some("business")).unwrap();
    // What runs after Accept all: each category, then its services (the demo names its providers).
    let active: Vec<String> = config
        .categories
        .iter()
        .flat_map(|c| std::iter::once(c.id.clone()).chain(c.services.iter().map(|s| format!("{}:{}", c.id, s.id))))
        .collect();
    assert!(active.contains(&"analytics:at-internet".to_string()));
    let plan = json(choose(
        &p,
        Some(Choice::RejectAll),
        &Made { method: Method::Api, active: &active, history: None, lang: "en", random: [9; 8] },
    ));
    let deleted = plan["delete"].to_string();
    assert!(deleted.contains("atuserid=; Max-Age=0"), "{deleted}");
    assert!(!deleted.contains("unrelated"), "{deleted}");
    assert_eq!(plan["history"], Value::Null, "no storage, no history");
    assert!(!plan["detail"]["withdrawn"].as_array().unwrap().is_empty());
}

#[test]
fn acknowledging_the_notice_writes_the_banner_cookie_only() {
    let text = itsme();
    let plan = json(choose(
        &page(&text, Some("support"), ""),
        None,
        &Made { method: Method::Banner, active: &[], history: Some("[]"), lang: "en", random: [9; 8] },
    ));
    let write = plan["write"].as_array().unwrap();
    assert_eq!(write.len(), 1);
    assert!(write[0].as_str().unwrap().starts_with("consent_banner="));
    assert_eq!(plan["check"], Value::Null);
    assert_eq!(plan["history"], Value::Null);
}

#[test]
fn the_language_switcher_rerenders_and_writes_its_cookie() {
    let text = itsme();
    let answer = json(language_change(&page(&text, Some("business"), ""), "nl"));
    assert!(answer["plan"]["write"][0].as_str().unwrap().starts_with("consent_lang=nl; Max-Age=31536000"));
    // A plan that only writes: no tags, no event, and what to say if the browser refuses it.
    assert_eq!(answer["plan"]["active"], Value::Null);
    assert!(answer["plan"]["refused"].as_str().unwrap().contains("language cookie"));
    let mut words = Vec::new();
    texts(&answer["view"], &mut words);
    assert!(words.iter().any(|w| w == "Alles weigeren"), "{words:?}");
    let answer = json(language_change(&page(&text, Some("business"), ""), "xx"));
    assert!(answer["warn"].as_str().unwrap().contains("not configured"));
}

#[test]
fn iso_time_matches_javascript() {
    assert_eq!(iso_time(0), "1970-01-01T00:00:00.000Z");
    assert_eq!(iso_time(951_782_400), "2000-02-29T00:00:00.000Z");
    assert_eq!(iso_time(1_795_000_000), "2026-11-18T11:06:40.000Z");
}

#[test]
fn the_first_layer_links_the_cookie_policy_and_the_privacy_statement_per_language() {
    let mut config: Value = serde_json::from_str(&itsme()).unwrap();
    config["privacyLink"] = Value::from("/www/privacy-statement.html");
    let answer = json(start(&page(&config.to_string(), Some("business"), "")));
    let href = |answer: &Value, label: &str| {
        let p = find(&answer["view"], "class", "cb-links").unwrap().clone();
        p.as_array()
            .unwrap()
            .iter()
            .skip(2)
            .find(|n| n.get(2) == Some(&Value::from(label)))
            .map(|a| a[1]["href"].clone())
    };
    assert_eq!(href(&answer, "Cookie policy"), Some(Value::from("/www/cookie-policy.html")));
    assert_eq!(href(&answer, "Privacy statement"), Some(Value::from("/www/privacy-statement.html")));
    // Their row comes after the buttons (Accept all stays early in the tab order), and the
    // description that names the banner is the text alone.
    let banner = find(&answer["view"], "class", "cb-banner").unwrap().as_array().unwrap();
    let classes: Vec<&str> = banner.iter().skip(2).filter_map(|c| c[1]["class"].as_str()).collect();
    assert_eq!(classes, ["cb-banner-head", "cb-text", "cb-actions", "cb-links"]);
    // Text, and the sentence naming the partners (a block of its own): no link.
    let text = find(&answer["view"], "id", "cb-text").unwrap().as_array().unwrap();
    assert_eq!(text.len(), 5);
    assert!(text[2].is_string() && text[4].is_string());
    assert_eq!(text[3][1]["class"], "cb-partners");
    assert!(text[3].as_array().unwrap().iter().skip(2).all(Value::is_string), "business names its three partners");

    // Per language, and without a privacy statement, only the cookie policy.
    config["policyLink"] =
        serde_json::json!({ "en": "/en/cookies", "nl": "/nl/cookies", "fr": "/fr/cookies", "de": "/de/cookies" });
    config.as_object_mut().unwrap().remove("privacyLink");
    let text = config.to_string();
    let mut nl = page(&text, Some("business"), "");
    nl.html_lang = Some("nl");
    nl.builtin = vec![("nl", include_str!("../src/i18n/nl.json"))];
    let answer = json(start(&nl));
    assert_eq!(answer["lang"], "nl", "{answer}");
    assert_eq!(href(&answer, "Cookiebeleid"), Some(Value::from("/nl/cookies")));
    assert_eq!(href(&answer, "Privacyverklaring"), None);
}

#[test]
fn the_theme_is_on_the_ui_root_unless_it_is_auto() {
    let text = itsme();
    let root = |text: &str| json(start(&page(text, Some("business"), "")))["view"][1].clone();
    assert_eq!(root(&text)["class"], "cb-app");
    assert_eq!(root(&text).get("data-theme"), None, "auto: the visitor's prefers-color-scheme");
    for theme in ["light", "dark"] {
        let themed = text.replacen("{\n", &format!("{{\n  \"theme\": \"{theme}\",\n"), 1);
        assert_eq!(root(&themed)["data-theme"], theme);
    }
    let bad = text.replacen("{\n", "{\n  \"theme\": \"sepia\",\n", 1);
    assert!(Config::from_json(&bad)
        .unwrap_err()
        .to_string()
        .contains("theme: expected \"auto\", \"light\" or \"dark\", found \"sepia\""));
}

#[test]
fn the_layout_and_position_are_on_the_ui_root_unless_they_are_the_default() {
    let text = itsme();
    let with = |extra: &str| text.replacen("{\n", &format!("{{\n  {extra},\n"), 1);
    let root = |text: &str| json(start(&page(text, Some("business"), "")))["view"][1].clone();
    assert_eq!(root(&text).get("data-layout"), None);
    assert_eq!(root(&text).get("data-position"), None);
    assert_eq!(root(&with("\"layout\": \"box\", \"position\": \"bottom center\"")).get("data-position"), None);
    assert_eq!(root(&with("\"position\": \"bottom\"")).get("data-position"), None);
    for (given, attr) in [
        ("top", "top-center"),
        ("top left", "top-left"),
        ("middle right", "middle-right"),
        ("bottom left", "bottom-left"),
    ] {
        assert_eq!(
            root(&with(&format!("\"position\": \"{given}\""))).get("data-position").and_then(Value::as_str),
            Some(attr),
            "{given}"
        );
    }
    for layout in ["bar", "cloud"] {
        assert_eq!(root(&with(&format!("\"layout\": \"{layout}\"")))["data-layout"], layout);
    }
    for (bad, why) in [
        ("\"position\": \"left top\"", "position: \"left top\" is not a position"),
        ("\"position\": \"top left right\"", "\"top left right\" is not a position"),
        ("\"layout\": \"popup\"", "layout: expected \"box\", \"bar\" or \"cloud\", found \"popup\""),
    ] {
        let errors = Config::from_json(&with(bad)).unwrap_err().to_string();
        assert!(errors.contains(why), "{bad}: {errors}");
    }
}
