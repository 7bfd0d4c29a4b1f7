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
