//! Activation of gated tags: `<script type="text/plain" data-consent-category="…">` and
//! elements carrying `data-src`/`data-href`.

use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element, HtmlElement};

use super::dom;
use crate::core::contract::{ACTIVATED_ATTR, CATEGORY_ATTR, DATA_HREF_ATTR, DATA_SRC_ATTR};

thread_local! {
    /// Set by the panic hook: after a panic the state may be inconsistent, so nothing more is
    /// activated on this page view (choices are still stored and act on the next one).
    static STOPPED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The page's CSP nonce (from the loader script), given to activated scripts that have none.
    static PAGE_NONCE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Stops all further activation on this page view (called by the panic hook).
pub fn stop() {
    STOPPED.with(|s| s.set(true));
}

/// Remembers the page's CSP nonce, read from the loader script's `nonce` property.
pub fn set_page_nonce(loader: &Element) {
    let nonce = js_sys::Reflect::get(loader, &JsValue::from_str("nonce")).ok().and_then(|n| n.as_string());
    PAGE_NONCE.with(|p| *p.borrow_mut() = nonce.filter(|n| !n.is_empty()));
}

/// Calls `on_added` whenever elements carrying `data-consent-category` are inserted (by a
/// single-page app or a tag manager), so they are activated or get a placeholder too.
pub fn observe(on_added: impl Fn() + 'static) {
    let Some(root) = dom::document().and_then(|d| d.document_element()) else { return };
    let selector = format!("[{CATEGORY_ATTR}]");
    let callback = wasm_bindgen::closure::Closure::<dyn Fn(js_sys::Array)>::new(move |records: js_sys::Array| {
        let gated = records.iter().filter_map(|r| r.dyn_into::<web_sys::MutationRecord>().ok()).any(|r| {
            let added = r.added_nodes();
            (0..added.length()).filter_map(|i| added.item(i)).filter_map(|n| n.dyn_into::<Element>().ok()).any(|e| {
                !e.has_attribute(ACTIVATED_ATTR)
                    && (e.has_attribute(CATEGORY_ATTR) || e.query_selector(&selector).ok().flatten().is_some())
            })
        });
        if gated {
            on_added();
        }
    });
    let Ok(observer) = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()) else { return };
    let options = web_sys::MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    let _ = observer.observe_with_options(&root, &options);
    // Observes for the life of the page.
    callback.forget();
}

/// Attributes that describe the gating itself and are not copied to the live script.
const GATING_ATTRS: &[&str] = &["type", DATA_SRC_ATTR, CATEGORY_ATTR, ACTIVATED_ATTR, "data-type"];

/// Activates every not yet activated tag of the given categories, in document order. An
/// external script is awaited before the next tag runs, so order holds as in a plain page.
pub async fn activate(active: &[String]) {
    if STOPPED.with(|s| s.get()) {
        return;
    }
    let Some(document) = dom::document() else {
        return;
    };
    let selector = format!("[{CATEGORY_ATTR}]:not([{ACTIVATED_ATTR}])");
    let Ok(list) = document.query_selector_all(&selector) else {
        return;
    };
    let mut pending = Vec::new();
    for i in 0..list.length() {
        let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let category = el.get_attribute(CATEGORY_ATTR).unwrap_or_default();
        if active.contains(&category) {
            // Marked before any await, so a second activation pass never runs it twice.
            let _ = el.set_attribute(ACTIVATED_ATTR, "");
            pending.push(el);
        }
    }
    for el in pending {
        if el.tag_name().eq_ignore_ascii_case("script") {
            if let Some(wait) = run_script(&document, &el) {
                let _ = JsFuture::from(wait).await;
            }
        } else {
            load_element(&el);
        }
    }
}

/// Replaces an inert script with a live copy. Returns a promise that settles when an external
/// script has loaded or failed.
fn run_script(document: &Document, inert: &Element) -> Option<Promise> {
    let inert_type = inert.get_attribute("type").unwrap_or_default();
    if !inert_type.eq_ignore_ascii_case("text/plain") {
        dom::warn(&format!(
            "a script with {CATEGORY_ATTR} must have type=\"text/plain\" to stay inert until consent; this one (type {inert_type:?}) already ran"
        ));
        return None;
    }
    let live = document.create_element("script").ok()?;
    let names = inert.get_attribute_names();
    for name in names.iter().filter_map(|n| n.as_string()) {
        if GATING_ATTRS.contains(&name.as_str()) || name == "nonce" {
            continue;
        }
        if let Some(value) = inert.get_attribute(&name) {
            let _ = live.set_attribute(&name, &value);
        }
    }
    // Browsers hide a nonce from getAttribute once parsed; the property still holds it.
    let nonce = js_sys::Reflect::get(inert, &JsValue::from_str("nonce")).ok().and_then(|n| n.as_string());
    let nonce = nonce.filter(|n| !n.is_empty()).or_else(|| PAGE_NONCE.with(|p| p.borrow().clone()));
    if let Some(nonce) = nonce {
        let _ = live.set_attribute("nonce", &nonce);
    }
    if let Some(kind) = inert.get_attribute("data-type") {
        let _ = live.set_attribute("type", &kind);
    }
    let _ = live.set_attribute(ACTIVATED_ATTR, "");
    let src = inert.get_attribute(DATA_SRC_ATTR);
    let wait = match &src {
        Some(src) => {
            let _ = live.set_attribute("src", src);
            // Dynamic scripts are async by default; keep insertion order instead.
            let _ = js_sys::Reflect::set(&live, &JsValue::from_str("async"), &JsValue::FALSE);
            let html: &HtmlElement = live.unchecked_ref();
            let html = html.clone();
            Some(Promise::new(&mut |resolve, _| {
                html.set_onload(Some(&resolve));
                html.set_onerror(Some(&resolve));
            }))
        }
        None => {
            live.set_text_content(inert.text_content().as_deref());
            None
        }
    };
    if inert.replace_with_with_node_1(&live).is_err() {
        return None;
    }
    wait
}

/// Loads a gated `img`, `iframe`, `video`, `audio`, `source` or `link` by moving its
/// `data-src`/`data-srcset`/`data-href` to the real attribute.
fn load_element(el: &Element) {
    for (from, to) in [("data-srcset", "srcset"), (DATA_SRC_ATTR, "src"), (DATA_HREF_ATTR, "href")] {
        if let Some(value) = el.get_attribute(from) {
            let _ = el.set_attribute(to, &value);
            let _ = el.remove_attribute(from);
        }
    }
    // A media element picks up new <source> children only when told to.
    if let Some(parent) = el.parent_element() {
        if el.tag_name().eq_ignore_ascii_case("source") {
            let _ = js_sys::Reflect::get(&parent, &JsValue::from_str("load"))
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
                .map(|f| f.call0(&parent));
        }
    }
}
