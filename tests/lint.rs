//! The EDPB / Belgian DPA lints behind the `check` command.

use consent_banner::core::config::Config;
use consent_banner::core::lint::{lint, Level};

fn errors(text: &str) -> Vec<String> {
    lint(&Config::from_json(text).unwrap()).into_iter().filter(|f| f.level == Level::Error).map(|f| f.path).collect()
}

#[test]
fn the_shipped_config_passes() {
    let text = std::fs::read_to_string("www/config/itsme.json").unwrap();
    let findings = lint(&Config::from_json(&text).unwrap());
    assert!(findings.iter().all(|f| f.level != Level::Error), "{findings:#?}");
    // Google's 2-year cookies are declared as the policy states them, and flagged.
    assert!(
        findings
            .iter()
            .any(|f| f.level == Level::Warning
                && f.path == "areas.my-itsme.categories[1].services[0].cookies[0].lifetime")
    );
}

#[test]
fn rules_that_a_config_can_break_are_errors_with_paths() {
    let text = std::fs::read_to_string("tests/fixtures/minimal.json")
        .unwrap()
        .replacen("\"version\"", "\"cookieSettings\": { \"consent\": { \"days\": 400 } }, \"version\"", 1)
        .replace("Measures campaigns.", "Ads.");
    let found = errors(&text);
    assert_eq!(found, ["cookieSettings.consent.days", "categories[2].cookies", "categories[2].description"]);
}

#[test]
fn the_check_binary_exits_non_zero_on_errors() {
    let bin = env!("CARGO_BIN_EXE_check");
    let ok = std::process::Command::new(bin).arg("www/config/itsme.json").output().unwrap();
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stdout));
    let bad = std::process::Command::new(bin).arg("tests/fixtures/bad.json").output().unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let out = String::from_utf8_lossy(&bad.stdout);
    assert!(
        out.contains(
            "tests/fixtures/bad.json: error: categories[2].cookies[0].provider: expected a string, found a number"
        ),
        "{out}"
    );
    let missing = std::process::Command::new(bin).arg("nope.json").output().unwrap();
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn a_config_without_consent_mode_is_told_about_the_loaders_defaults() {
    let warned = |text: &str| {
        lint(&Config::from_json(text).unwrap())
            .into_iter()
            .any(|f| f.level == Level::Warning && f.path == "googleConsentMode")
    };
    let minimal = std::fs::read_to_string("tests/fixtures/minimal.json").unwrap();
    assert!(!warned(&minimal), "the default mapping grants analytics and marketing types");
    let off = minimal.replacen("\"version\"", "\"googleConsentMode\": false, \"version\"", 1);
    assert!(warned(&off));
    let shipped = std::fs::read_to_string("www/config/itsme.json").unwrap();
    assert!(!warned(&shipped));
}

/// The warnings of a config, as (path, message).
fn warnings(config: &Config) -> Vec<(String, String)> {
    lint(config).into_iter().filter(|f| f.level == Level::Warning).map(|f| (f.path, f.message)).collect()
}

#[test]
fn a_description_of_ones_own_must_name_the_partners_in_every_language() {
    use consent_banner::core::i18n::BUILTIN_LANGUAGES;
    let site = std::fs::read_to_string("www/config/integration.json").unwrap();
    let with = |description: &str| {
        let texts: Vec<String> =
            BUILTIN_LANGUAGES.iter().map(|l| format!(r#""{l}": {{ "description": "{description}" }}"#)).collect();
        let text = site.replacen("\"version\"", &format!("\"texts\": {{ {} }}, \"version\"", texts.join(", ")), 1);
        warnings(&Config::from_json(&text).unwrap())
    };
    let description = |w: &[(String, String)]| -> Vec<String> {
        w.iter().filter(|(p, _)| p.ends_with(".description")).map(|(p, _)| p.clone()).collect()
    };
    // A description of one's own that holds {partners}: the built-in sentence names them.
    let silent = with("We use {purposes}. {partners}");
    assert_eq!(description(&silent), Vec::<String>::new());
    // Words of one's own that say nothing of the partners: a warning per language, naming them.
    let quiet = with("We use {purposes}.");
    // In the config's order of languages.
    let languages = Config::from_json(&site).unwrap().languages;
    let expected: Vec<String> = languages.iter().map(|l| format!("texts.{l}.description")).collect();
    assert_eq!(description(&quiet), expected);
    let (_, message) = quiet.iter().find(|(p, _)| p == "texts.en.description").unwrap();
    assert!(message.contains("(AT Internet, VideoHost, Numberly)"), "{message}");
    // Naming each of them will do too.
    assert_eq!(
        description(&with("We use {purposes}, with AT Internet, VideoHost and Numberly.")),
        Vec::<String>::new()
    );
    assert_eq!(description(&with("We use {purposes}, with AT Internet and Numberly.")).len(), 24);
}

#[test]
fn an_areas_own_description_is_linted_where_it_is_written() {
    let site = std::fs::read_to_string("www/config/itsme.json").unwrap();
    let text = site.replacen(
        "\"business\": {",
        r#""business": { "texts": { "nl": { "description": "Wij gebruiken {purposes}." } },"#,
        1,
    );
    let w = warnings(&Config::from_json(&text).unwrap());
    let paths: Vec<&str> = w.iter().map(|(p, _)| p.as_str()).filter(|p| p.ends_with(".description")).collect();
    assert_eq!(paths, ["areas.business.texts.nl.description"]);
    assert!(w
        .iter()
        .any(|(_, m)| m.contains("on area \"business\"") && m.contains("Numberly, Commanders Act, AT Internet")));
    // An inform area says nothing of partners: it has none to ask about.
    let text = site.replacen("\"support\": {", r#""support": { "texts": { "en": { "description": "Ours." } },"#, 1);
    assert!(!warnings(&Config::from_json(&text).unwrap()).iter().any(|(p, _)| p.ends_with(".description")));
}

#[test]
fn a_purpose_phrase_must_cover_what_each_partner_does() {
    // The README's config: Google and Hotjar measure, Meta, Google and HubSpot advertise and
    // embed; each category's bannerPurpose names them.
    let readme = std::fs::read_to_string("README.md").unwrap();
    let config = readme.split("<!-- ten-minutes:config -->\n```json\n").nth(1).unwrap().split("\n```").next().unwrap();
    assert_eq!(warnings(&Config::from_json(config).unwrap()), []);
    // Without them, the built-in phrases would speak for five partners' tools.
    let mut bare = Config::from_json(config).unwrap();
    for c in &mut bare.categories {
        c.banner_purpose = Default::default();
    }
    let w = warnings(&bare);
    let paths: Vec<&str> = w.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["categories[1].bannerPurpose", "categories[2].bannerPurpose"]);
    assert!(w[1].1.contains("3 partners (Meta, Google, HubSpot)"), "{}", w[1].1);
    assert!(w[1].1.contains("\"marketing cookies to measure our campaigns\""), "{}", w[1].1);
    // A phrase of one's own that names none of them nor their services, in one language.
    let mut vague = Config::from_json(config).unwrap();
    vague.categories[2].banner_purpose.insert("nl".into(), "marketingcookies om onze campagnes te meten".into());
    let paths: Vec<String> = warnings(&vague).into_iter().map(|(p, _)| p).collect();
    assert_eq!(paths, ["categories[2].bannerPurpose.nl"]);
    // One partner (the demo's business marketing: Numberly) needs no more than the built-in phrase.
    let shipped = Config::from_json(&std::fs::read_to_string("www/config/itsme.json").unwrap()).unwrap();
    let paths: Vec<String> =
        warnings(&shipped).into_iter().map(|(p, _)| p).filter(|p| p.ends_with("bannerPurpose")).collect();
    assert_eq!(
        paths,
        ["areas.business.categories[2].bannerPurpose"],
        "analytics: Numberly, Commanders Act, AT Internet"
    );
}
