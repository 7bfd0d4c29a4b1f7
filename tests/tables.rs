//! The cookie tables as the core's markup (src/core/view.rs: `cookie_table`, `area_tables`),
//! which the privacy centre and the cookie-policy page both render.

use consent_banner::core::config::Config;
use consent_banner::core::view::{area_tables, Element, Node};

fn itsme() -> Config {
    Config::from_json(&std::fs::read_to_string("www/config/itsme.json").unwrap()).unwrap()
}

fn all(node: &Node) -> Vec<&Element> {
    let mut out = Vec::new();
    if let Node::Element(e) = node {
        out.push(e);
        e.children.iter().for_each(|c| out.extend(all(c)));
    }
    out
}

fn text(node: &Node) -> String {
    match node {
        Node::Text(t) => t.clone(),
        Node::Element(e) => e.children.iter().map(text).collect(),
    }
}

fn attr<'a>(e: &'a Element, name: &str) -> Option<&'a str> {
    e.attrs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str())
}

#[test]
fn an_areas_tables_list_every_declared_cookie_under_its_category_or_service() {
    let config = itsme();
    let area = config.areas.iter().find(|a| a.id == "business").unwrap();
    let texts = config.texts("nl");
    let node = area_tables(&area.categories, "nl", texts);
    let els = all(&node);
    assert_eq!(attr(els[0], "class"), Some("cb-policy"));
    assert_eq!(attr(els[0], "lang"), Some("nl"));
    let tables: Vec<&str> =
        els.iter().filter(|e| e.tag == "table").filter_map(|e| attr(e, "data-consent-cookies")).collect();
    // Categories with cookies of their own, then each service with cookies.
    assert!(tables.contains(&"essential") && tables.contains(&"analytics:at-internet"), "{tables:?}");
    let declared: usize = area
        .categories
        .iter()
        .map(|c| c.cookies.len() + c.services.iter().map(|s| s.cookies.len()).sum::<usize>())
        .sum();
    let rows = els
        .iter()
        .filter(|e| e.tag == "tr" && e.children.iter().any(|c| matches!(c, Node::Element(td) if td.tag == "td")))
        .count();
    assert_eq!(rows, declared);
    // Every cell names its column, in the page's language, for the phone's cards.
    let cells: Vec<&&Element> = els.iter().filter(|e| e.tag == "td").collect();
    assert!(cells.iter().all(|td| [
        &texts.cookie_name,
        &texts.cookie_provider,
        &texts.cookie_lifetime,
        &texts.cookie_purpose
    ]
    .iter()
    .any(|l| attr(td, "data-label") == Some(l.as_str()))));
    // A service's heading names its provider; lifetimes are in words, in Dutch.
    let headings: Vec<String> =
        els.iter().filter(|e| e.tag == "h4").map(|e| text(&Node::Element((*e).clone()))).collect();
    assert!(headings.iter().any(|h| h.ends_with("(Numberly)")), "{headings:?}");
    let all_text = text(&node);
    assert!(all_text.contains(" jaar") || all_text.contains(" maanden"), "{all_text}");
    assert!(!all_text.contains('{'), "{all_text}");
}
