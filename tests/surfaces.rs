//! Placeholders and cookie tables without the Yew module (src/core/surfaces.rs): the first-visit
//! module renders them from the config and answers the kit; the runtime renders the same markup
//! from the kit alone, and refuses a kit of another config text, another language's inputs, or
//! one that lacks what the page asks for.

use consent_banner::core::first::{self, Page};
use consent_banner::core::surfaces::{self, Entry, Kit, PlaceholderTexts};
use serde_json::Value;

fn text(path: &str) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn en() -> String {
    text("src/i18n/en.json")
}

fn page<'a>(config: &'a str, area: Option<&'a str>, cookies: &'a str, en: &'a str) -> Page<'a> {
    Page {
        config_text: config,
        area,
        cookies,
        html_lang: Some("en"),
        navigator: vec!["en-GB".into(), "en".into()],
        host: "example.org",
        path: "/",
        now: 1_800_000_000,
        builtin: vec![("en", en)],
        ..Page::default()
    }
}

const VIDEO: &str = "marketing:video\u{1f}i\u{1f}Product video\u{1f}\u{1f}videos.example\u{1f}cb-placeholder-1";
const FORM: &str = "marketing:forms\u{1f}c\u{1f}\u{1f}\u{1f}\u{1f}cb-placeholder-2";

fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("{e}: {s}"))
}

#[test]
fn the_runtime_renders_from_the_kit_what_the_first_visit_module_rendered() {
    let (config, en) = (text("www/config/embeds.json"), en());
    let targets = [VIDEO, FORM].join("\u{1e}");
    let answer = json(&first::surfaces(&page(&config, None, "", &en), "en", &targets, ""));
    let placeholders = answer["placeholders"].as_array().unwrap();
    assert_eq!(placeholders.len(), 2);
    assert!(placeholders[0].to_string().contains("Product video — loading it lets VideoHost set cookies."));
    assert_eq!(answer["log"], Value::Array(vec![]));
    let kit = answer["kit"][1].as_str().unwrap();
    assert_eq!(answer["kit"][0], "consent-banner:surfaces");

    let served = surfaces::serve(kit, &config, "_ga=1", "en", "en-GB,en", &targets, "").expect("the kit serves");
    let served = json(&served);
    assert_eq!(served["placeholders"], answer["placeholders"]);
    assert_eq!(served["tables"], Value::Array(vec![]));

    // Not for another config text, nor for inputs that may choose another language.
    assert_eq!(surfaces::serve(kit, &format!("{config} "), "", "en", "en-GB,en", &targets, ""), None);
    assert_eq!(surfaces::serve(kit, &config, "", "nl", "en-GB,en", &targets, ""), None);
    assert_eq!(surfaces::serve(kit, &config, "", "en", "nl", &targets, ""), None);
    assert_eq!(surfaces::serve(kit, &config, "consent_lang=en", "en", "en-GB,en", &targets, ""), None);
    // Nor for an entry or a table it does not hold, nor for a damaged kit.
    let unknown = "marketing:nope\u{1f}c\u{1f}\u{1f}\u{1f}\u{1f}cb-placeholder-3";
    assert_eq!(surfaces::serve(kit, &config, "", "en", "en-GB,en", unknown, ""), None);
    assert_eq!(surfaces::serve(kit, &config, "", "en", "en-GB,en", "", "business"), None);
    assert_eq!(surfaces::serve(&kit.replace("\ne ", "\nx "), &config, "", "en", "en-GB,en", &targets, ""), None);
    assert_eq!(surfaces::serve("", &config, "", "en", "en-GB,en", &targets, ""), None);
}

#[test]
fn a_container_naming_an_unknown_entry_is_logged_and_shows_nothing() {
    let (config, en) = (text("www/config/embeds.json"), en());
    let unknown = "marketing:nope\u{1f}c\u{1f}\u{1f}\u{1f}\u{1f}cb-placeholder-3";
    let iframe = "marketing:nope\u{1f}i\u{1f}\u{1f}\u{1f}\u{1f}cb-placeholder-4";
    let answer = json(&first::surfaces(&page(&config, None, "", &en), "en", &[unknown, iframe].join("\u{1e}"), ""));
    assert_eq!(answer["placeholders"], json("[null,null]"));
    let log = answer["log"].as_array().unwrap();
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0][0], "warn");
    assert!(log[0][1].as_str().unwrap().contains("data-consent-placeholder=\"marketing:nope\""));
}

#[test]
fn the_cookie_policy_tables_of_every_area_and_an_unknown_one() {
    let (config, en) = (text("www/config/itsme.json"), en());
    let answer = json(&first::surfaces(&page(&config, Some("business"), "", &en), "en", "", "private,business,nope"));
    let tables = answer["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 3);
    assert!(tables[0].to_string().contains("cb-policy"));
    assert_ne!(tables[0], tables[1]);
    assert_eq!(tables[2], Value::Null);
    assert_eq!(answer["log"][0][0], "error");
    assert!(answer["log"][0][1].as_str().unwrap().contains("\"nope\" names no area"));
    let kit = answer["kit"][1].as_str().unwrap();
    assert_eq!(answer["kit"][0], "consent-banner:surfaces:business");
    let served = json(&surfaces::serve(kit, &config, "", "en", "en-GB,en", "", "business,private").unwrap());
    assert_eq!(served["tables"][0], tables[1]);
    assert_eq!(served["tables"][1], tables[0]);
}

#[test]
fn a_kit_reads_back_whatever_its_texts_hold() {
    let odd = "a b\nc%20 — ü \u{1f} {content}";
    let kit = Kit {
        hash: u64::MAX,
        lang_cookie: "lang".into(),
        signature: surfaces::signature(Some("nl"), "", ",en,,fr"),
        texts: PlaceholderTexts {
            lang: "nl".into(),
            dir: "ltr".into(),
            theme: String::new(),
            sentence: odd.into(),
            accept: odd.into(),
            load_once: String::new(),
            policy: odd.into(),
        },
        entries: vec![Entry {
            gate: "a:b".into(),
            label: odd.into(),
            purpose: String::new(),
            provider: odd.into(),
            policy: "/p?q=1 2".into(),
        }],
        tables: vec![("x y".into(), "[\"div\",{\"a\":\"b c\\nd\"}]".into())],
    };
    assert_eq!(Kit::decode(&kit.encode()), Some(kit.clone()));
    assert_eq!(kit.signature, surfaces::signature(Some("nl"), "", "en,fr"));
    assert_eq!(Kit::decode(&kit.encode().replacen("k1", "k0", 1)), None);
}
