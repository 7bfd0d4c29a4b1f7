//! Built-in texts and the choice of language.

use consent_banner::core::config::{Lifetime, Unit};
use consent_banner::core::i18n::{builtin, choose_language, format_lifetime, TEXT_KEYS};

#[test]
fn every_builtin_language_has_every_text() {
    for lang in ["en", "nl", "fr", "de"] {
        let t = builtin(lang).unwrap();
        assert!(t.missing().is_empty(), "{lang} lacks {:?}", t.missing());
    }
    assert!(TEXT_KEYS.contains(&"acceptAll"));
}

#[test]
fn language_comes_from_cookie_then_html_then_navigator_then_default() {
    let langs: Vec<String> = ["en", "nl", "fr", "de"].map(String::from).to_vec();
    let nav = vec!["de-DE".to_string(), "en".to_string()];
    assert_eq!(choose_language(&langs, "en", Some("fr"), Some("nl"), &nav), "fr");
    assert_eq!(choose_language(&langs, "en", Some("xx"), Some("nl-BE"), &nav), "nl");
    assert_eq!(choose_language(&langs, "en", None, None, &nav), "de");
    assert_eq!(choose_language(&langs, "nl", None, Some("it"), &["es".to_string()]), "nl");
}

#[test]
fn lifetimes_read_naturally() {
    let en = builtin("en").unwrap();
    let nl = builtin("nl").unwrap();
    let six_months = Lifetime::For { amount: 6, unit: Unit::Months, idle: false };
    assert_eq!(format_lifetime(&en, "en", &six_months), "6 months");
    assert_eq!(format_lifetime(&nl, "nl", &six_months), "6 maanden");
    assert_eq!(format_lifetime(&en, "en", &Lifetime::For { amount: 1, unit: Unit::Years, idle: false }), "1 year");
    assert_eq!(
        format_lifetime(&en, "en", &Lifetime::For { amount: 30, unit: Unit::Minutes, idle: true }),
        "30 minutes of inactivity"
    );
    assert_eq!(format_lifetime(&en, "en", &Lifetime::Session), "Session");
}

#[test]
fn texts_are_set_and_listed_by_config_key() {
    use consent_banner::core::i18n::Texts;
    use consent_banner::core::i18n::OPTIONAL_KEYS;
    let mut t = Texts::default();
    // Every key but the optional ones (filled in with English) is missing.
    let required: Vec<&str> = TEXT_KEYS.iter().copied().filter(|k| !OPTIONAL_KEYS.contains(k)).collect();
    assert_eq!(t.missing(), required);
    t.set("acceptAll", "Yes");
    t.set("methodContextual", "in place");
    t.set("accept_all", "ignored: not a config key");
    t.set("nonsense", "ignored");
    assert_eq!(t.accept_all, "Yes");
    assert_eq!(t.method_contextual, "in place");
    assert_eq!(t.missing().len(), required.len() - 2);
    assert!(!t.missing().contains(&"acceptAll"));
    let entries: Vec<(&str, &str)> = t.entries().collect();
    assert_eq!(entries.iter().map(|(key, _)| *key).collect::<Vec<_>>(), TEXT_KEYS);
    assert!(entries.contains(&("acceptAll", "Yes")));
}
