//! The public contract has one source, src/core/contract.rs: every attribute, event and storage
//! key that the Rust code, the Yew markup, the loader, first.js and tags.js use is one of its
//! values, each of its values is used, and the README's public contract lists every public one.

use std::collections::BTreeSet;

use consent_banner::core::contract::INTERNAL;
use consent_banner::core::json;

/// The `pub const NAME: &str = "value";` items of contract.rs: (name, value).
fn contract() -> Vec<(String, String)> {
    let source = std::fs::read_to_string("src/core/contract.rs").unwrap();
    source
        .lines()
        .filter_map(|line| line.strip_prefix("pub const "))
        .filter_map(|rest| {
            let (name, rest) = rest.split_once(": &str = ")?;
            let value = rest.trim_end_matches(';');
            // Rust string literals here are valid JSON strings.
            let value = json::parse(value).ok()?.as_str()?.to_string();
            Some((name.to_string(), value))
        })
        .collect()
}

/// Every file whose code uses the contract: Rust outside contract.rs, and the JavaScript.
fn sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if matches!(path.extension().and_then(|e| e.to_str()), Some("rs" | "js"))
                && !path.ends_with("core/contract.rs")
            {
                out.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out.push(("www/consent-banner.js".into(), std::fs::read_to_string("www/consent-banner.js").unwrap()));
    out
}

/// The contract-like tokens of a text: `data-consent-…` attributes, `consent:…` events,
/// `consent-banner:…` storage keys.
fn tokens(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for prefix in ["data-consent-", "consent:", "consent-banner:"] {
        let mut rest = text;
        while let Some(i) = rest.find(prefix) {
            let after = &rest[i + prefix.len()..];
            let len = after.find(|c: char| !(c.is_ascii_lowercase() || c == '-')).unwrap_or(after.len());
            let name = after[..len].trim_end_matches('-');
            // `consent:` alone is the events' prefix (`on('change')` listens to `consent:change`).
            if !name.is_empty() {
                out.insert(format!("{prefix}{name}"));
            }
            rest = &after[len..];
        }
    }
    out
}

#[test]
fn every_attribute_event_and_key_in_the_code_is_in_the_contract() {
    let values: BTreeSet<String> = contract().into_iter().map(|(_, v)| v).collect();
    let mut unknown = Vec::new();
    for (path, text) in sources() {
        for token in tokens(&text) {
            // Selectors and prefixes built from a value (`[data-consent-open]`) count as it.
            if !values.iter().any(|v| v == &token || v.contains(&format!("[{token}]"))) {
                unknown.push(format!("{path}: {token}"));
            }
        }
    }
    assert!(unknown.is_empty(), "not in src/core/contract.rs: {unknown:#?}");
}

#[test]
fn every_value_of_the_contract_is_used() {
    let sources = sources();
    let unused: Vec<String> = contract()
        .into_iter()
        .filter(|(name, value)| {
            !sources.iter().any(|(_, text)| {
                text.contains(name.as_str())
                    || text.contains(&format!("\"{value}\""))
                    || text.contains(&format!("'{value}'"))
                    || (value.starts_with("data-") && text.contains(&format!("{value}=")))
            })
        })
        .map(|(name, value)| format!("{name} = {value:?}"))
        .collect();
    assert!(unused.is_empty(), "contract values that nothing uses: {unused:#?}");
}

#[test]
fn the_readme_lists_every_public_value() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let section = readme.split("## Public contract").nth(1).unwrap().split("\n## ").next().unwrap();
    let missing: Vec<String> = contract()
        .into_iter()
        .filter(|(_, value)| !INTERNAL.contains(&value.as_str()))
        .filter(|(_, value)| !section.contains(value.as_str()))
        .map(|(name, value)| format!("{name} = {value:?}"))
        .collect();
    assert!(missing.is_empty(), "missing from the README's public contract: {missing:#?}");
}

/// The `consent_…` names in the JavaScript (storage keys, cookie names, the dataLayer event),
/// leaving out the package's own file names (`consent_banner.js`, `consent_banner_runtime.wasm`).
fn js_names(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(i) = text[at..].find("consent_") {
        let start = at + i;
        let boundary = start == 0 || !(bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_');
        let len = text[start..].find(|c: char| !(c.is_ascii_lowercase() || c == '_')).unwrap_or(text.len() - start);
        let name = &text[start..start + len];
        let file = text[start + len..].starts_with('.') || name.starts_with("consent_banner_");
        if boundary && !file {
            out.insert(name.to_string());
        }
        at = start + len.max(1);
    }
    out
}

#[test]
fn every_consent_name_in_the_javascript_is_in_the_contract() {
    let values: BTreeSet<String> = contract().into_iter().map(|(_, v)| v).collect();
    let mut unknown = Vec::new();
    let mut seen = BTreeSet::new();
    for (path, text) in sources().into_iter().filter(|(p, _)| p.ends_with(".js")) {
        for name in js_names(&text) {
            if values.contains(&name) {
                seen.insert(name);
            } else {
                unknown.push(format!("{path}: {name}"));
            }
        }
    }
    assert!(unknown.is_empty(), "not in src/core/contract.rs: {unknown:#?}");
    // The history key and the language cookie are written as literals in first.js, tags.js and the
    // loader: they must be the contract's.
    for name in ["consent_history", "consent_lang", "consent_update", "consent_categories"] {
        assert!(seen.contains(name), "{name} is not used by the JavaScript any more: {seen:?}");
    }
    assert_eq!(
        js_names("localStorage.getItem('consent_history'); /(?:^|;)consent_lang=/; import('./consent_banner.js'); x.consent_banner_runtime"),
        ["consent_history", "consent_lang"].into_iter().map(String::from).collect()
    );
}

#[test]
fn the_token_scanner_finds_what_it_must() {
    let found = tokens(
        "el.closest('[data-consent-open]'); on('consent:change'); k = 'consent-banner:policy:' + a; `data-consent-`",
    );
    assert_eq!(found.into_iter().collect::<Vec<_>>(), ["consent-banner:policy", "consent:change", "data-consent-open"]);
}
