//! Built-in texts and the choice of language.

use consent_banner::core::config::{Lifetime, Unit};
use consent_banner::core::i18n::{
    builtin, bundled, choose_language, keyed_forms, parse_builtin, plural_category, plural_forms_problem,
    BUILTIN_LANGUAGES, PURPOSE_KEYS, TEXT_KEYS,
};
use consent_banner::core::json;
use consent_banner::core::wording::format_lifetime;

/// The `{placeholders}` of a text, sorted, each once (keyed plural forms repeat them).
fn placeholders(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = text.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(p, _)| p)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[test]
fn every_official_eu_language_has_a_complete_texts_file() {
    assert_eq!(BUILTIN_LANGUAGES.len(), 24);
    let english = builtin("en").unwrap();
    let expected_keys: Vec<&str> = TEXT_KEYS.iter().chain(PURPOSE_KEYS.iter()).copied().collect();
    for code in BUILTIN_LANGUAGES {
        let file = bundled(code).unwrap_or_else(|| panic!("src/i18n/{code}.json is not compiled in"));
        // The file is the source: every key, in the README's order, nothing else.
        let value = json::parse(file).unwrap();
        let keys: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, expected_keys, "{code}: keys");
        let t = parse_builtin(file).unwrap();
        assert!(t.missing().is_empty(), "{code} lacks {:?}", t.missing());
        for ((key, text), (_, en)) in t.entries().zip(english.entries()) {
            assert_eq!(placeholders(text), placeholders(en), "{code}.{key}: {text}");
            assert!(!text.contains('\n') && text.trim() == text, "{code}.{key}: one line, no outer spaces");
        }
        // "Reject all" as plain as "Accept all": no longer wording for refusing.
        let (accept, reject) = (t.accept_all.chars().count(), t.reject_all.chars().count());
        assert!(reject <= accept * 3 / 2 + 2, "{code}: {:?} vs {:?}", t.accept_all, t.reject_all);
        // Units: well formed, and a form for every plural category the language has.
        for forms in [&t.seconds, &t.minutes, &t.hours, &t.days, &t.weeks, &t.months, &t.years] {
            assert_eq!(plural_forms_problem(forms), None, "{code}: {forms}");
            for n in 0..=200 {
                let category = plural_category(code, n).keyword();
                if keyed_forms(forms) {
                    assert!(
                        forms.split('|').any(|f| f.split_once(':').is_some_and(|(k, _)| k == category)),
                        "{code}: {forms} has no {category} form (for {n})"
                    );
                } else {
                    assert!(matches!(category, "one" | "other"), "{code}: {n} is {category}: key the forms");
                }
            }
        }
        assert!(t.description.contains("{purposes}"), "{code}: the description lists the purposes");
        assert!(t.description.ends_with(". {partners}"), "{code}: the description names the partners, last");
        assert!(t.partners.ends_with(": {providers}."), "{code}: the partners after a colon, as a list");
        assert_eq!(placeholders(&t.purpose_words[4]), ["category"], "{code}: purposeOther quotes the label");
        // "and 3 more", said of 2 and up: one form for every number (no noun to agree with).
        assert!(t.partners_more.contains("{count}") && !t.partners_more.contains('|'), "{code}: {}", t.partners_more);
    }
}

#[test]
fn first_js_guesses_among_the_same_languages() {
    let first = std::fs::read_to_string("src/browser/first.js").unwrap();
    let list = format!("'{}'.split(' ')", BUILTIN_LANGUAGES.join(" "));
    assert!(first.contains(&list), "src/browser/first.js must list {list}");
}

#[test]
fn a_broken_texts_file_is_an_error_naming_the_key() {
    assert_eq!(parse_builtin("{\"title\": \"x\"}").unwrap_err(), "no text for \"bannerLabel\"");
    assert!(parse_builtin("[1]").is_err());
    assert!(parse_builtin("{").is_err());
    let without_and = bundled("en").unwrap().replace("\"purposesAnd\"", "\"purposesOr\"");
    assert_eq!(parse_builtin(&without_and).unwrap_err(), "no text for \"purposesAnd\"");
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

#[test]
fn browser_language_first_puts_the_browser_before_the_page() {
    use consent_banner::core::config::Config;
    let text = std::fs::read_to_string("www/config/integration.json").unwrap();
    let config = Config::from_json(&text).unwrap();
    assert!(config.browser_language_first);
    let nav = vec!["fi-FI".to_string(), "en".to_string()];
    // The browser's languages over the page's <html lang="en">; the cookie over both.
    assert_eq!(config.visitor_language("", Some("en"), &nav), "fi");
    assert_eq!(config.visitor_language("consent_lang=pl", Some("en"), &nav), "pl");
    assert_eq!(config.visitor_language("", Some("el"), &["ja".to_string()]), "el");
    // By default the page's language comes first.
    let itsme = Config::from_json(&std::fs::read_to_string("www/config/itsme.json").unwrap()).unwrap();
    assert!(!itsme.browser_language_first);
    assert_eq!(itsme.visitor_language("", Some("en"), &["de".to_string()]), "en");
    // Not a boolean: an error with its path.
    let bad = text.replacen("\"browserLanguageFirst\": true", "\"browserLanguageFirst\": \"yes\"", 1);
    let e = Config::from_json(&bad).unwrap_err().to_string();
    assert!(e.contains("browserLanguageFirst: expected true or false"), "{e}");
}

#[test]
fn the_loader_downloads_early_only_among_the_same_languages() {
    let loader = std::fs::read_to_string("www/consent-banner.js").unwrap();
    let pattern = format!("/^({})$/", BUILTIN_LANGUAGES.join("|"));
    assert!(loader.contains(&pattern), "www/consent-banner.js must test the page language against {pattern}");
}
