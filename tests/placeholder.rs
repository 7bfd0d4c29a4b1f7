//! The placeholder of blocked content as the core's markup (src/core/view.rs, `placeholder`):
//! its short sentence, "Load once" and "Always allow", the provider's privacy policy from the
//! service's `privacyPolicy`, in every built-in language; and the field's validation.

use consent_banner::core::config::Config;
use consent_banner::core::i18n::BUILTIN_LANGUAGES;
use consent_banner::core::view::{placeholder, Element, Node, PlaceholderInput};

fn embeds() -> Config {
    Config::from_json(&std::fs::read_to_string("www/config/embeds.json").unwrap()).unwrap()
}

fn input<'a>(lang: &'a str, gate: &'a str, title: Option<&'a str>, provider: Option<&'a str>) -> PlaceholderInput<'a> {
    PlaceholderInput { lang, gate, title, provider, host: Some("cdn.example"), id: "cb-placeholder-1" }
}

fn element(node: &Node) -> &Element {
    match node {
        Node::Element(e) => e,
        Node::Text(t) => panic!("expected an element, found text {t:?}"),
    }
}

fn attr<'a>(e: &'a Element, name: &str) -> Option<&'a str> {
    e.attrs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str())
}

fn text(node: &Node) -> String {
    match node {
        Node::Text(t) => t.clone(),
        Node::Element(e) => e.children.iter().map(text).collect(),
    }
}

/// Every element of the tree, depth first.
fn elements(node: &Node) -> Vec<&Element> {
    let mut out = Vec::new();
    if let Node::Element(e) = node {
        out.push(e);
        for child in &e.children {
            out.extend(elements(child));
        }
    }
    out
}

#[test]
fn a_service_placeholder_says_what_and_who_and_links_the_providers_policy() {
    let node = placeholder(&embeds(), &input("en", "marketing:video", Some("Product video"), None)).unwrap();
    let root = element(&node);
    assert_eq!(root.tag, "div");
    assert_eq!(attr(root, "class"), Some("cb-placeholder"));
    assert_eq!(attr(root, "data-consent-placeholder"), Some("marketing:video"));
    assert_eq!(attr(root, "lang"), Some("en"));
    let all = elements(&node);
    let sentence = all.iter().find(|e| e.tag == "p").unwrap();
    assert_eq!(attr(sentence, "id"), Some("cb-placeholder-1"));
    assert_eq!(text(&Node::Element((*sentence).clone())), "Product video — loading it lets VideoHost set cookies.");
    let buttons: Vec<_> = all.iter().filter(|e| e.tag == "button").collect();
    assert_eq!(buttons.len(), 2);
    assert_eq!(attr(buttons[0], "data-consent-load-once"), Some("marketing:video"));
    assert_eq!(text(&Node::Element((*buttons[0]).clone())), "Load once");
    assert_eq!(attr(buttons[1], "data-consent-accept"), Some("marketing:video"));
    assert_eq!(text(&Node::Element((*buttons[1]).clone())), "Always allow");
    for b in &buttons {
        assert_eq!(attr(b, "type"), Some("button"));
        assert_eq!(attr(b, "aria-describedby"), Some("cb-placeholder-1"));
    }
    let link = all.iter().find(|e| e.tag == "a").unwrap();
    assert_eq!(attr(link, "href"), Some("/www/privacy-statement.html#videohost"));
    assert_eq!(attr(link, "rel"), Some("noopener noreferrer"));
    assert_eq!(text(&Node::Element((*link).clone())), "VideoHost’s privacy policy");
}

#[test]
fn without_a_title_or_policy_the_label_and_provider_of_the_config_are_named() {
    let config = embeds();
    let node = placeholder(&config, &input("nl", "marketing:forms", None, None)).unwrap();
    assert!(elements(&node).iter().all(|e| e.tag != "a"), "forms has no privacyPolicy");
    let sentence = text(&node);
    assert!(sentence.starts_with("Formulieren van FormHost – "), "{sentence}");
    assert!(sentence.contains("FormHost cookies plaatsen"), "{sentence}");
    // The element's own provider (data-consent-provider) comes first; then the service's; then
    // the host of its source.
    let node = placeholder(&config, &input("en", "marketing:video", Some("Map"), Some("Maps Inc"))).unwrap();
    assert!(text(&node).starts_with("Map — loading it lets Maps Inc set cookies."), "{}", text(&node));
    let node = placeholder(&config, &input("en", "marketing", Some("Map"), None)).unwrap();
    assert!(text(&node).starts_with("Map — loading it lets cdn.example set cookies."), "{}", text(&node));
    // A category gate has no service, so no policy link.
    assert!(elements(&node).iter().all(|e| e.tag != "a"));
}

#[test]
fn an_entry_the_config_lacks_has_no_placeholder() {
    let config = embeds();
    for gate in ["analytics", "marketing:maps", "", ":video", "marketing:"] {
        assert!(placeholder(&config, &input("en", gate, None, None)).is_none(), "{gate:?}");
    }
}

#[test]
fn config_text_stays_text() {
    let text = std::fs::read_to_string("www/config/embeds.json")
        .unwrap()
        .replace("VideoHost videos", "<img src=x onerror=alert(1)>");
    let config = Config::from_json(&text).unwrap();
    let node = placeholder(&config, &input("en", "marketing:video", Some("<b>t</b>"), None)).unwrap();
    let tags: Vec<&str> = elements(&node).iter().map(|e| e.tag).collect();
    assert_eq!(tags, ["div", "p", "div", "button", "button", "a"]);
}

#[test]
fn every_built_in_language_fills_every_placeholder_of_its_texts() {
    let mut text = std::fs::read_to_string("www/config/embeds.json").unwrap();
    // The config in every built-in language, its labels in English.
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut value = value;
    value["languages"] = BUILTIN_LANGUAGES.iter().map(|l| serde_json::Value::from(*l)).collect();
    fn spread(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                if m.contains_key("en") && m.values().all(|x| x.is_string()) {
                    let en = m["en"].clone();
                    for l in BUILTIN_LANGUAGES {
                        m.insert(l.to_string(), en.clone());
                    }
                } else {
                    m.values_mut().for_each(spread);
                }
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(spread),
            _ => {}
        }
    }
    spread(&mut value);
    text = value.to_string();
    let config = Config::from_json(&text).unwrap();
    for lang in BUILTIN_LANGUAGES {
        let node = placeholder(&config, &input(lang, "marketing:video", Some("Product video"), None)).unwrap();
        let all = text_of_each(&node);
        assert_eq!(all.len(), 4, "{lang}: {all:?}");
        for t in &all {
            assert!(!t.trim().is_empty() && !t.contains('{') && !t.contains('}'), "{lang}: {t:?}");
        }
        assert!(all[0].contains("Product video") && all[0].contains("VideoHost"), "{lang}: {}", all[0]);
        assert!(all[3].contains("VideoHost"), "{lang}: {}", all[3]);
        assert_ne!(all[1], all[2], "{lang}: Load once and Always allow read alike");
    }
}

fn text_of_each(node: &Node) -> Vec<String> {
    elements(node)
        .iter()
        .filter(|e| matches!(e.tag, "p" | "button" | "a"))
        .map(|e| text(&Node::Element((*e).clone())))
        .collect()
}

#[test]
fn a_privacy_policy_must_be_a_safe_link_and_is_reported_at_its_path() {
    let text = std::fs::read_to_string("www/config/embeds.json").unwrap();
    let bad = text.replace("\"/www/privacy-statement.html#videohost\"", "\"javascript:alert(1)\"");
    let e = Config::from_json(&bad).unwrap_err().to_string();
    assert!(
        e.contains(
            "categories[1].services[0].privacyPolicy: \"javascript:alert(1)\" is not an http, https or relative link"
        ),
        "{e}"
    );
    let by_lang = text.replace(
        "\"/www/privacy-statement.html#videohost\"",
        "{\"en\": \"https://videohost.example/privacy\", \"nl\": \"https://videohost.example/nl/privacy\", \"fr\": \"https://videohost.example/fr\", \"de\": \"ftp://x\"}",
    );
    let e = Config::from_json(&by_lang).unwrap_err().to_string();
    assert!(e.contains("categories[1].services[0].privacyPolicy.de: \"ftp://x\""), "{e}");
    let wrong = text.replace("\"/www/privacy-statement.html#videohost\"", "3");
    let e = Config::from_json(&wrong).unwrap_err().to_string();
    assert!(e.contains("categories[1].services[0].privacyPolicy: expected a link"), "{e}");
}
