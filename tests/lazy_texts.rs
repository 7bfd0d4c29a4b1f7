//! The first-visit module as the script-tag build compiles it: without the `texts` feature, so
//! that it has no built-in texts but the ones the loader downloads. Run by `make test-host` as
//! `cargo test --no-default-features --features first --test lazy_texts`.
#![cfg(all(feature = "first", not(feature = "full"), not(feature = "texts")))]

use consent_banner::core::config::Config;
use consent_banner::core::first::{language_change, start, Page};
use consent_banner::core::json::{self, Value};
use consent_banner::core::signals::config_hash;

const NOW: u64 = 1_790_000_000;

fn file(code: &str) -> String {
    std::fs::read_to_string(format!("src/i18n/{code}.json")).unwrap()
}

fn itsme() -> String {
    std::fs::read_to_string("www/config/itsme.json").unwrap()
}

fn answer(text: String) -> Value {
    json::parse(&text).unwrap()
}

fn page<'a>(config: &'a str, html_lang: &'a str, builtin: Vec<(&'a str, &'a str)>) -> Page<'a> {
    Page {
        config_text: config,
        area: Some("business"),
        html_lang: Some(html_lang),
        now: NOW,
        builtin,
        ..Page::default()
    }
}

/// Every string in the banner's markup, joined.
fn strings(v: &Value, out: &mut String) {
    match v {
        Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        Value::Array(items) => items.iter().for_each(|i| strings(i, out)),
        Value::Object(map) => map.iter().for_each(|(_, i)| strings(i, out)),
        _ => {}
    }
}

#[test]
fn without_its_texts_the_module_asks_for_the_visitors_language_only() {
    let config = itsme();
    let a = answer(start(&page(&config, "de", vec![])));
    assert_eq!(a.get("needTexts").and_then(Value::as_str), Some("de"), "{a:?}");
    // Another language's file does not do.
    let en = file("en");
    let a = answer(start(&page(&config, "de", vec![("en", &en)])));
    assert_eq!(a.get("needTexts").and_then(Value::as_str), Some("de"));
    // With it: the banner in German, every text filled in.
    let de = file("de");
    let a = answer(start(&page(&config, "de", vec![("en", &en), ("de", &de)])));
    assert_eq!(a.get("lang").and_then(Value::as_str), Some("de"));
    let mut shown = String::new();
    strings(a.get("view").unwrap(), &mut shown);
    for text in ["Alle akzeptieren", "Alle ablehnen", "Ihre Privatsphäre ist uns wichtig"] {
        assert!(shown.contains(text), "{text} not in {shown}");
    }
    assert!(!shown.contains("{purposes}"), "{shown}");
}

#[test]
fn switching_language_asks_for_that_language_then_switches() {
    let config = itsme();
    let de = file("de");
    let a = answer(language_change(&page(&config, "de", vec![("de", &de)]), "fr"));
    assert_eq!(a.get("needTexts").and_then(Value::as_str), Some("fr"));
    let fr = file("fr");
    let a = answer(language_change(&page(&config, "de", vec![("de", &de), ("fr", &fr)]), "fr"));
    assert_eq!(a.get("lang").and_then(Value::as_str), Some("fr"));
    let cookie = a.get("plan").and_then(|p| p.get("write")).and_then(Value::as_array).and_then(|w| w.first());
    assert!(cookie.and_then(Value::as_str).unwrap().starts_with("consent_lang=fr;"), "{a:?}");
    // A language the config does not have is a warning, not a download.
    let a = answer(language_change(&page(&config, "de", vec![("de", &de)]), "it"));
    assert!(a.get("warn").is_some(), "{a:?}");
}

#[test]
fn a_language_of_the_configs_own_needs_no_download() {
    let english = json::parse(&file("en")).unwrap();
    let texts: Vec<String> = english
        .as_object()
        .unwrap()
        .iter()
        .filter(|(key, _)| !key.starts_with("purpose") && *key != "consentRecord")
        .map(|(key, v)| format!("{key:?}: {:?}", v.as_str().unwrap().replace("{purposes}", "analytics")))
        .collect();
    let config = format!(
        r#"{{ "version": "1", "policyLink": "/p", "languages": ["ja"], "texts": {{ "ja": {{ {} }} }},
            "categories": [{{ "id": "essential", "required": true, "label": {{ "ja": "必須" }},
              "description": {{ "ja": "必要" }} }}] }}"#,
        texts.join(", ")
    );
    let a = answer(start(&Page { area: None, ..page(&config, "ja", vec![]) }));
    assert!(a.get("needTexts").is_none() && a.get("view").is_some(), "{a:?}");
}

#[test]
fn a_broken_texts_file_fails_closed() {
    let config = itsme();
    let a = answer(start(&page(&config, "de", vec![("de", "{\"title\": 1}")])));
    let errors = a.get("errors").and_then(Value::as_array).expect("errors");
    let line = errors[0].as_str().unwrap();
    assert!(line.contains("i18n/de.json") && line.contains("no optional tag will run"), "{line}");
    assert!(a.get("active").is_none());
}

#[test]
fn the_fingerprint_of_a_consent_does_not_depend_on_the_texts_at_hand() {
    // The same value as tests/services.rs computes with every language compiled in.
    let minimal = Config::from_json(&std::fs::read_to_string("tests/fixtures/minimal.json").unwrap()).unwrap();
    assert_eq!(config_hash(&minimal), "fnv1a64:8b3b060097ce5187");
    let mut loaded = minimal.clone();
    loaded.add_builtin("en", consent_banner::core::i18n::parse_builtin(&file("en")).unwrap());
    assert_eq!(config_hash(&loaded), config_hash(&minimal));
}
