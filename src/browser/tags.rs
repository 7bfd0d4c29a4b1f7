//! Activation of gated tags and the signals that go with them. The implementation is `tags.js`,
//! shared with the loader's returning-visitor runtime and the first-visit module so that every
//! path activates and signals the same way; these are its Rust bindings. Which categories to activate is always decided by the core.

use js_sys::{Array, Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, MutationObserver};

use super::{api, dom};

// The package (feature `pkg`) imports the copy beside the module, pkg/consent-banner-tags.js,
// which the loader's runtime imports too: one download and one instance for both. Other builds
// (tests, the Yew example) get wasm-bindgen's own copy under snippets/.
#[cfg_attr(feature = "pkg", wasm_bindgen(raw_module = "./consent-banner-tags.js"))]
#[cfg_attr(not(feature = "pkg"), wasm_bindgen(module = "/src/browser/tags.js"))]
extern "C" {
    #[wasm_bindgen(js_name = activate)]
    fn activate_js(categories: Array) -> Promise;
    #[wasm_bindgen(js_name = observe)]
    fn observe_js(on_added: &Function) -> MutationObserver;
    #[wasm_bindgen(js_name = stop)]
    fn stop_js();
    #[wasm_bindgen(js_name = setNonce)]
    fn set_nonce_js(nonce: JsValue);
    #[wasm_bindgen(js_name = signal)]
    fn signal_js(google_consent: JsValue, active: Array);
}

/// The Google Consent Mode update (when there is one) and the `dataLayer` event, sent by
/// `tags.js` as the other modules send them.
pub fn signal(google_consent: Option<&crate::core::json::Value>, active: &[String]) {
    let update = google_consent.map_or(JsValue::NULL, dom::json_to_js);
    signal_js(update, active.iter().map(|c| JsValue::from_str(c)).collect());
}

/// Stops all further activation on this page view (called by the panic hook): after a panic the
/// state may be inconsistent, so nothing more runs (choices are still stored and act on the next
/// page view).
pub fn stop() {
    stop_js();
}

/// Remembers the page's CSP nonce, read from the loader script's `nonce` property, for
/// activated scripts that have none.
pub fn set_page_nonce(loader: &Element) {
    set_nonce_js(js_sys::Reflect::get(loader, &JsValue::from_str("nonce")).unwrap_or(JsValue::NULL));
}

/// Activates every not yet activated tag of the given categories, in document order; resolves
/// once each external script has loaded (or failed).
pub async fn activate(active: &[String]) {
    let categories: Array = active.iter().map(|c| JsValue::from_str(c)).collect();
    if let Err(e) = JsFuture::from(activate_js(categories)).await {
        dom::warn(&format!("activating tags failed ({}); some accepted tags may not have run", api::describe(&e)));
    }
}

/// Calls `on_added` whenever elements carrying `data-consent-category` are inserted (by a
/// single-page app or a tag manager), so they are activated or get a placeholder too.
pub fn observe(on_added: impl Fn() + 'static) -> MutationObserver {
    let callback = Closure::<dyn Fn()>::new(on_added);
    let observer = observe_js(callback.as_ref().unchecked_ref());
    // Observes for the life of the page.
    callback.forget();
    observer
}
