//! Config parsing and validation: defaults, every error at once with its path.

use consent_banner::core::config::{is_safe_link, Config, Lifetime, Mode, Party, SameSite, Unit};

fn load(path: &str) -> Result<Config, consent_banner::core::config::ConfigErrors> {
    let text = std::fs::read_to_string(path).unwrap();
    Config::from_json(&text)
}

#[test]
fn minimal_config_gets_documented_defaults() {
    let c = load("tests/fixtures/minimal.json").unwrap();
    assert_eq!(c.mode, Mode::Ask);
    assert_eq!(c.languages, ["en"]);
    assert_eq!(c.default_language, "en");
    let s = &c.cookie_settings;
    assert_eq!((s.consent.name.as_str(), s.consent.days), ("consent", 365));
    assert_eq!((s.banner.name.as_str(), s.banner.days), ("consent_banner", 7));
    assert_eq!((s.language.name.as_str(), s.language.days), ("consent_lang", 365));
    assert_eq!(s.consent.max_age(), 365 * 86_400);
    assert_eq!(s.same_site, SameSite::Lax);
    assert_eq!(s.domain, None);
    assert!(!c.reload_on_withdraw);
    assert_eq!(c.texts("en").accept_all, "Accept all");
    let ga = &c.categories[1].cookies[0];
    assert_eq!(ga.party, Party::Third);
    assert_eq!(ga.lifetime, Lifetime::For { amount: 2, unit: Unit::Years, idle: false });
}

#[test]
fn shipped_demo_configs_are_valid() {
    for entry in std::fs::read_dir("www/config").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            if let Err(e) = load(path.to_str().unwrap()) {
                panic!("{}:\n{e}", path.display());
            }
        }
    }
}

#[test]
fn every_error_is_reported_at_once_with_its_path() {
    let errors = load("tests/fixtures/bad.json").unwrap_err().0;
    let paths: Vec<&str> = errors.iter().map(|e| e.path()).collect();
    for expected in [
        "unknownTop",
        "version",
        "mode",
        "languages[1]",
        "policyLink",
        "cookieSettings.colour",
        "cookieSettings.consent.name",
        "cookieSettings.consent.days",
        "cookieSettings.banner.days",
        "cookieSettings.sameSite",
        "texts.en.title",
        "texts.en.tittle",
        "categories[1].id",
        "categories[2].id",
        "categories[2].afterChoice",
        "categories[2].label.en",
        "categories[2].cookies[0].provider",
        "categories[2].cookies[0].party",
        "categories[2].cookies[0].lifetime",
        "categories[2].cookies[0].extra",
    ] {
        assert!(paths.contains(&expected), "no error at {expected}; got {paths:#?}");
    }
    let dup = errors.iter().find(|e| e.path() == "categories[1].id").unwrap();
    assert!(dup.message().contains("duplicate"), "{dup}");
    assert!(errors
        .iter()
        .any(|e| e.to_string() == "config categories[2].cookies[0].provider: expected a string, found a number"));
}

#[test]
fn malformed_json_names_line_and_column() {
    let e = Config::from_json("{\n  \"version\": 1,,\n}").unwrap_err();
    assert_eq!(e.0.len(), 1);
    assert!(e.0[0].message().contains("line 2"), "{}", e.0[0]);
    for (text, message) in [
        ("{\n  \"version\": 1,,\n}", "config: not valid JSON (line 2, column 16): key must be a string"),
        ("<!doctype html>", "config: not valid JSON (line 1, column 1): expected value"),
        ("", "config: not valid JSON (line 1, column 0): EOF while parsing a value"),
        // A repeated key would silently lose one of its values: it is an error.
        (
            r#"{"version": "1", "version": "2"}"#,
            "config: not valid JSON (line 1, column 18): duplicate key \"version\"",
        ),
    ] {
        let e = Config::from_json(text).unwrap_err();
        assert_eq!(e.to_string(), message, "{text:?}");
    }
}

#[test]
fn messages_quote_values_as_json_does() {
    let text = std::fs::read_to_string("tests/fixtures/minimal.json").unwrap().replacen(
        "\"version\"",
        r#""mode": "a\"sk\n", "cookieSettings": { "consent": { "days": 30.0 }, "banner": { "days": "7" } }, "version""#,
        1,
    );
    let errors = Config::from_json(&text).unwrap_err().to_string();
    for expected in [
        r#"config mode: expected "ask" or "inform", found "a\"sk\u000a""#,
        "config cookieSettings.consent.days: expected a whole number of days from 1 to 400, found 30.0",
        r#"config cookieSettings.banner.days: expected a whole number of days from 1 to 400, found "7""#,
    ] {
        assert!(errors.lines().any(|l| l == expected), "no {expected:?} in\n{errors}");
    }
}

#[test]
fn wrong_top_level_type_is_an_error_not_a_panic() {
    for text in ["[]", "null", "42", "\"config\"", ""] {
        assert!(Config::from_json(text).is_err(), "{text:?} accepted");
    }
}

#[test]
fn inform_mode_allows_only_required_categories() {
    let text = std::fs::read_to_string("tests/fixtures/minimal.json").unwrap().replacen(
        "\"version\"",
        "\"mode\": \"inform\", \"version\"",
        1,
    );
    let errors = Config::from_json(&text).unwrap_err().0;
    let paths: Vec<&str> = errors.iter().map(|e| e.path()).collect();
    assert_eq!(paths, ["categories[1].required", "categories[2].required"]);
}

#[test]
fn a_configured_language_needs_every_text() {
    // Dutch has built-in interface texts, so only the config's own texts are missing.
    let text = std::fs::read_to_string("tests/fixtures/minimal.json").unwrap().replacen(
        "\"version\"",
        "\"languages\": [\"en\", \"nl\"], \"version\"",
        1,
    );
    let errors = Config::from_json(&text).unwrap_err().0;
    assert!(errors.iter().all(|e| e.path().ends_with(".nl")), "{errors:#?}");
    assert!(errors.iter().any(|e| e.path() == "categories[0].label.nl"));
    assert!(errors.iter().any(|e| e.path() == "categories[1].cookies[0].purpose.nl"));

    // Japanese is not built in: every interface text is missing too.
    let text = std::fs::read_to_string("tests/fixtures/minimal.json").unwrap().replacen(
        "\"version\"",
        "\"languages\": [\"en\", \"ja\"], \"version\"",
        1,
    );
    let errors = Config::from_json(&text).unwrap_err().0;
    assert!(errors.iter().any(|e| e.path() == "texts.ja.acceptAll"));
}

#[test]
fn only_http_https_and_relative_links_are_safe() {
    for ok in
        ["/cookie-policy", "cookie-policy.html", "https://example.com/p", "http://x.test", "?a=b:c", "#top", "/a:b"]
    {
        assert!(is_safe_link(ok), "{ok} refused");
    }
    for bad in [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "",
        "java\nscript:x",
        "mailto:x@y",
    ] {
        assert!(!is_safe_link(bad), "{bad:?} accepted");
    }
}

#[test]
fn lifetimes_parse_as_the_policy_states_them() {
    assert_eq!(Lifetime::parse("session"), Some(Lifetime::Session));
    assert_eq!(Lifetime::parse("30 seconds").map(|l| l.seconds()), Some(30));
    assert_eq!(Lifetime::parse("1 month").map(|l| l.seconds()), Some(30 * 86_400));
    assert_eq!(
        Lifetime::parse("30 minutes of inactivity"),
        Some(Lifetime::For { amount: 30, unit: Unit::Minutes, idle: true })
    );
    for bad in ["forever", "0 days", "-1 days", "6", "6 fortnights", "6 months extra"] {
        assert_eq!(Lifetime::parse(bad), None, "{bad}");
    }
}

#[test]
fn areas_are_validated_with_their_paths() {
    let text = r#"{
      "version": "1", "policyLink": "/p", "mode": "ask",
      "areas": {
        "Shop": { "label": { "en": "Shop" }, "categories": [] },
        "help": { "label": { "en": "Help" }, "mode": "inform", "extra": 1, "categories": [
          { "id": "analytics", "label": { "en": "A" }, "description": { "en": "a" } } ] },
        "account": { "mode": "ask", "categories": [
          { "id": "analytics", "required": true, "label": { "en": "A" }, "description": { "en": "a" } } ] }
      }
    }"#;
    let errors = Config::from_json(text).unwrap_err().0;
    let paths: Vec<&str> = errors.iter().map(|e| e.path()).collect();
    for expected in [
        "mode",
        "areas.Shop",
        "areas.help.extra",
        "areas.help.categories[0].required",
        "areas.account.label",
        "areas.account.categories[0].required",
    ] {
        assert!(paths.contains(&expected), "no error at {expected}; got {paths:#?}");
    }
}

mod properties {
    use consent_banner::core::config::Config;
    use consent_banner::core::json::{self, Value};
    use proptest::prelude::*;

    /// Arbitrary JSON, biased towards the config's own field names so that deep paths are reached.
    fn json() -> impl Strategy<Value = Value> {
        let key = prop_oneof![
            Just("version".to_string()),
            Just("mode".to_string()),
            Just("languages".to_string()),
            Just("categories".to_string()),
            Just("areas".to_string()),
            Just("cookies".to_string()),
            Just("label".to_string()),
            Just("id".to_string()),
            Just("lifetime".to_string()),
            Just("cookieSettings".to_string()),
            "[a-z]{1,8}",
        ];
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(|f| json::parse(&format!("{f:e}")).unwrap_or(Value::Null)),
            ".{0,12}".prop_map(Value::String),
            Just(Value::String("en".into())),
            Just(Value::String("6 months".into())),
        ];
        leaf.prop_recursive(4, 64, 8, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::btree_map(key.clone(), inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn parsing_never_panics_on_any_text(text in ".{0,200}") {
            let _ = Config::from_json(&text);
        }

        #[test]
        fn validation_never_panics_and_always_explains(value in json()) {
            match Config::from_value(&value) {
                Ok(_) => {}
                Err(errors) => prop_assert!(!errors.0.is_empty()),
            }
        }
    }
}

#[test]
fn record_url_needs_one_id_placeholder_and_a_safe_scheme() {
    let with = |url: &str| {
        std::fs::read_to_string("tests/fixtures/minimal.json").unwrap().replacen(
            "\"version\"",
            &format!("\"recordUrl\": {url:?}, \"version\""),
            1,
        )
    };
    let c = Config::from_json(&with("/consent-records/records/{id}")).unwrap();
    assert_eq!(c.record_url.as_deref(), Some("/consent-records/records/{id}"));
    assert_eq!(load("tests/fixtures/minimal.json").unwrap().record_url, None);
    for (bad, says) in [
        ("/records/", "must hold {id}"),
        ("/records/{id}/{id}", "must hold {id}"),
        ("javascript:alert('{id}')", "is not an http, https or relative URL"),
    ] {
        let errors = Config::from_json(&with(bad)).unwrap_err().0;
        assert_eq!(errors.len(), 1, "{bad}: {errors:#?}");
        assert_eq!(errors[0].path(), "recordUrl");
        assert!(errors[0].message().contains(says), "{bad}: {}", errors[0].message());
    }
}

#[test]
fn a_language_of_the_configs_own_may_leave_out_the_keys_added_since() {
    let text = std::fs::read_to_string("tests/fixtures/minimal.json").unwrap().replacen(
        "\"version\"",
        "\"languages\": [\"en\", \"ja\"], \"version\"",
        1,
    );
    let errors = Config::from_json(&text).unwrap_err().0;
    assert!(errors.iter().any(|e| e.path() == "texts.ja.consentId"));
    assert!(!errors.iter().any(|e| e.path() == "texts.ja.consentRecord"), "{errors:#?}");

    // Every other text given (English words will do, the purposes written out: only a built-in
    // language fills `{purposes}` in): valid, with the English consentRecord.
    let english = consent_banner::core::i18n::builtin("en").unwrap();
    let texts: Vec<String> = english
        .entries()
        .filter(|(key, _)| *key != "consentRecord")
        .map(|(key, text)| format!("{key:?}: {:?}", text.replace("{purposes}", "analytical cookies")))
        .collect();
    let text = text
        .replacen("\"version\"", &format!("\"texts\": {{ \"ja\": {{ {} }} }}, \"version\"", texts.join(", ")), 1)
        .replace("\"en\": \"", "\"ja\": \"x\", \"en\": \"");
    let c = Config::from_json(&text).unwrap();
    assert_eq!(c.texts("ja").consent_record, english.consent_record);
    assert_eq!(c.texts("ja").accept_all, "Accept all");
}

#[test]
fn an_area_may_give_texts_of_its_own() {
    let site = std::fs::read_to_string("www/config/itsme.json").unwrap();
    let with = |texts: &str| site.replacen("\"business\": {", &format!("\"business\": {{ \"texts\": {texts},"), 1);
    let text = with(
        r#"{ "en": { "title": "Cookies on itsme for business" }, "nl": { "description": "Eigen tekst voor {purposes}." } }"#,
    );
    let c = Config::from_json(&text).unwrap();
    let business = c.for_area(Some("business")).unwrap();
    assert_eq!(business.texts("en").title, "Cookies on itsme for business");
    assert_eq!(business.texts("nl").description, "Eigen tekst voor {purposes}.");
    // Keys the area does not give stay the config's (here the built-in ones), and other areas
    // keep theirs.
    assert_eq!(business.texts("en").accept_all, "Accept all");
    assert_eq!(c.for_area(Some("my-itsme")).unwrap().texts("en").title, c.texts("en").title);

    for (texts, path) in [
        (r#"{ "en": { "nonsense": "x" } }"#, "areas.business.texts.en.nonsense"),
        (r#"{ "es": { "title": "x" } }"#, "areas.business.texts.es"),
        (r#"{ "en": { "title": " " } }"#, "areas.business.texts.en.title"),
        (r#"{ "en": { "title": 7 } }"#, "areas.business.texts.en.title"),
        (r#"[]"#, "areas.business.texts"),
    ] {
        let errors = Config::from_json(&with(texts)).unwrap_err().0;
        assert!(errors.iter().any(|e| e.path() == path), "{texts}: expected {path} in {errors:#?}");
    }
}

#[test]
fn policy_link_may_differ_per_language() {
    let text = std::fs::read_to_string("tests/fixtures/minimal.json").unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let single = Config::from_json(&v.to_string()).unwrap();
    assert_eq!(single.policy_link("en"), "/cookie-policy");
    // Any other language falls back to the default language's link.
    assert_eq!(single.policy_link("xx"), "/cookie-policy");

    v["policyLink"] = serde_json::json!({ "en": "/en/cookies" });
    let c = Config::from_json(&v.to_string()).unwrap();
    assert_eq!(c.policy_link("en"), "/en/cookies");
    // Same link for every language: the receipts' fingerprint is the single string's.
    v["policyLink"] = serde_json::json!({ "en": "/cookie-policy" });
    let same = Config::from_json(&v.to_string()).unwrap();
    use consent_banner::core::signals::config_hash;
    assert_eq!(config_hash(&same), config_hash(&single));
    assert_ne!(config_hash(&c), config_hash(&single));

    // Every language needs its link, each a safe one.
    v["languages"] = serde_json::json!(["en"]);
    v["policyLink"] = serde_json::json!({ "en": "javascript:alert(1)" });
    let errors = Config::from_json(&v.to_string()).unwrap_err();
    assert!(errors.0.iter().any(|e| e.path() == "policyLink.en" && e.message().contains("not an http")), "{errors}");
    v["policyLink"] = serde_json::json!({});
    let errors = Config::from_json(&v.to_string()).unwrap_err();
    assert!(errors.0.iter().any(|e| e.path() == "policyLink.en" && e.message().starts_with("missing")), "{errors}");
    v["policyLink"] = serde_json::json!(7);
    let errors = Config::from_json(&v.to_string()).unwrap_err();
    assert!(errors.0.iter().any(|e| e.path() == "policyLink" && e.message().contains("found a number")), "{errors}");
}
