//! Small wrappers over the web APIs the browser layer uses. Every web-sys `Result` is handled
//! here, so callers never unwrap and a hostile page can at worst make an effect a no-op.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlDocument, Window};

use crate::core::json::{self, Value};

/// Logs an error on the console, prefixed so site owners can filter on it.
pub fn error(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(&format!("consent-banner: {message}")));
}

/// Logs a warning on the console.
pub fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("consent-banner: {message}")));
}

/// Logs information on the console.
pub fn info(message: &str) {
    web_sys::console::info_1(&JsValue::from_str(&format!("consent-banner: {message}")));
}

thread_local! {
    static STYLESHEET: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Remembers the stylesheet's URL for the parts rendered in the page itself.
pub fn set_stylesheet(href: Option<String>) {
    STYLESHEET.with(|s| *s.borrow_mut() = href);
}

/// Links the stylesheet into the page, once, for what is rendered outside the shadow root
/// (placeholders, policy tables): pages need not link it, so a returning visitor on a page
/// without either never downloads it.
pub fn ensure_page_stylesheet() {
    let (Some(document), Some(href)) = (document(), STYLESHEET.with(|s| s.borrow().clone())) else { return };
    let linked = "link[data-consent-stylesheet], link[rel~=\"stylesheet\"][href*=\"consent-banner\"]";
    if document.query_selector(linked).ok().flatten().is_some() {
        return;
    }
    let (Some(head), Ok(link)) = (document.head(), document.create_element("link")) else { return };
    set_attributes(&link, &[("rel", "stylesheet"), ("href", &href), (crate::core::contract::STYLESHEET_ATTR, "")]);
    if head.append_child(&link).is_err() {
        warn("the stylesheet could not be linked into the page; placeholders and cookie tables show unstyled");
    }
}

/// Sets attributes named by this crate. `setAttribute` throws only for a name that is not a valid
/// XML name, or under Trusted Types for a script's URL or code, which none of ours is.
pub fn set_attributes(element: &Element, attributes: &[(&str, &str)]) {
    for (name, value) in attributes {
        // Ignored: a valid name cannot throw (see above).
        let _ = element.set_attribute(name, value);
    }
}

/// The window, if there is one (there is none in a worker).
pub fn window() -> Option<Window> {
    web_sys::window()
}

/// The document.
pub fn document() -> Option<Document> {
    window()?.document()
}

/// Seconds since the Unix epoch, from the browser's clock.
pub fn now_secs() -> u64 {
    (js_sys::Date::now() / 1000.0) as u64
}

/// 8 random bytes from `crypto.getRandomValues`, falling back to `Math.random`.
pub fn random_bytes() -> [u8; 8] {
    let mut bytes = [0u8; 8];
    let filled =
        window().and_then(|w| w.crypto().ok()).is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes
}

/// The page's `document.cookie`, or an empty string when cookies cannot be read
/// (sandboxed document, cookies disabled).
pub fn read_cookies() -> String {
    document().and_then(|d| d.dyn_into::<HtmlDocument>().ok()).and_then(|d| d.cookie().ok()).unwrap_or_default()
}

/// Assigns one string to `document.cookie`; returns false when the browser refuses.
pub fn write_cookie(cookie: &str) -> bool {
    document().and_then(|d| d.dyn_into::<HtmlDocument>().ok()).is_some_and(|d| d.set_cookie(cookie).is_ok())
}

/// True when the page is served over https, so cookies get `Secure`.
pub fn is_https() -> bool {
    window().and_then(|w| w.location().protocol().ok()).is_some_and(|p| p == "https:")
}

/// The page's host name, for the domain variants of cookie deletion.
pub fn hostname() -> String {
    window().and_then(|w| w.location().hostname().ok()).unwrap_or_default()
}

/// The page's path, for the path variants of cookie deletion.
pub fn pathname() -> String {
    window().and_then(|w| w.location().pathname().ok()).unwrap_or_default()
}

/// Converts a JSON value into a plain JavaScript value.
pub fn json_to_js(value: &Value) -> JsValue {
    serde::Serialize::serialize(&ToJs(value), &serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// A JSON value for serde-wasm-bindgen, made as `JSON.parse` makes its text: objects as plain
/// objects (keys in order), `null` for null, every number a JS number.
struct ToJs<'a>(&'a Value);

impl serde::Serialize for ToJs<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self.0 {
            Value::Null => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            // As JSON.parse reads them: the nearest double, never an error beyond 2^53.
            Value::Number(n) => s.serialize_f64(match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => u as f64,
                (None, Some(i)) => i as f64,
                // A fraction or an exponent, kept as written: parsed by JS (no float parsing here).
                (None, None) => js_sys::Number::parse_float(&json::to_json(self.0)),
            }),
            Value::String(text) => s.serialize_str(text),
            Value::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&ToJs(item))?;
                }
                seq.end()
            }
            Value::Object(map) => {
                let mut object = s.serialize_map(Some(map.len()))?;
                for (key, item) in map.iter() {
                    object.serialize_entry(key, &ToJs(item))?;
                }
                object.end()
            }
        }
    }
}

/// True when the browser sends Global Privacy Control (`navigator.globalPrivacyControl`).
pub fn global_privacy_control() -> bool {
    window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &JsValue::from_str("globalPrivacyControl")).ok())
        .is_some_and(|v| v.is_truthy())
}

/// The DOM of the core's markup (`view::Node`): elements by `createElement` and `setAttribute`,
/// text as text nodes, never parsed as HTML. `None` when the document refuses an element.
pub fn build(document: &Document, node: &crate::core::view::Node) -> Option<web_sys::Node> {
    use crate::core::view::Node;
    match node {
        Node::Text(text) => Some(document.create_text_node(text).into()),
        Node::Element(e) => {
            let el = document.create_element(e.tag).ok()?;
            for (name, value) in &e.attrs {
                // Names are the core's own, valid XML names: setAttribute does not throw for them.
                let _ = el.set_attribute(name, value);
            }
            for child in &e.children {
                el.append_child(&build(document, child)?).ok()?;
            }
            Some(el.into())
        }
    }
}
