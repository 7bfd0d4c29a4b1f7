//! The page effects every module shares: the executor of plans, tag activation, events, `on()`
//! and the replay of queued calls. The implementation is `tags.js`, shared with the loader's
//! returning-visitor runtime and the first-visit module so that every path carries plans out the
//! same way; these are its Rust bindings. What a plan holds is always decided by the core.

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
    #[wasm_bindgen(js_name = loadOnce)]
    fn load_once_js(el: &Element) -> Promise;
    #[wasm_bindgen(js_name = observe)]
    fn observe_js(on_added: &Function) -> MutationObserver;
    #[wasm_bindgen(js_name = stop)]
    fn stop_js();
    #[wasm_bindgen(js_name = setNonce)]
    fn set_nonce_js(nonce: JsValue);
    #[wasm_bindgen(catch, js_name = execute)]
    fn execute_js(plan: JsValue, live: &JsValue) -> Result<Promise, JsValue>;
    /// The JS API's `on(event, callback)`, as every module defines it: returns the function that
    /// stops listening.
    pub fn on(event: JsValue, callback: JsValue) -> JsValue;
    #[wasm_bindgen(catch, js_name = dispatch)]
    fn dispatch_js(name: &str, detail: JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_name = replay)]
    fn replay_js(api: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = debug)]
    fn debug_js() -> bool;
    #[wasm_bindgen(js_name = setKnown)]
    fn set_known_js(names: Array);
    #[wasm_bindgen(js_name = unknownIds)]
    fn unknown_ids_js(ids: Array, category: JsValue) -> JsValue;
    #[wasm_bindgen(catch, js_name = fail)]
    fn fail_js(lines: Array, problems: JsValue) -> Result<(), JsValue>;
}

/// True where the developer asked for diagnostics (`?consent-debug`, or `data-debug` on the
/// loader): as every module reads it (`tags.js`).
pub fn debug() -> bool {
    debug_js()
}

/// Tells the executor what this page's gates and API calls may name
/// ([`crate::core::policy::Policy::gate_names`]).
pub fn set_known(names: &[String]) {
    set_known_js(names.iter().map(|c| JsValue::from_str(c)).collect());
}

/// Why an API call names an id this page's config lacks (`tags.js`'s `unknownIds`, which every
/// module asks): `ids` are categories (or `category:service` entries), or with `category` that
/// category's services. `None` when every id is known.
pub fn unknown_ids(ids: &[String], category: Option<&str>) -> Option<String> {
    let ids: Array = ids.iter().map(|c| JsValue::from_str(c)).collect();
    unknown_ids_js(ids, category.map_or(JsValue::UNDEFINED, JsValue::from_str)).as_string()
}

/// A config that cannot be used, as every module reports it (`tags.js`'s `fail`): the console
/// lines, `consent:error` with each problem's `path` and `message`, and with diagnostics on, a
/// notice on the page.
pub fn fail(lines: &[String], problems: &[(String, String)]) {
    let list: Array = lines.iter().map(|l| JsValue::from_str(l)).collect();
    let detail: crate::core::json::Value = problems
        .iter()
        .map(|(path, message)| crate::core::json::object([("path", path.into()), ("message", message.into())]))
        .collect();
    let detail = dom::json_to_js(&detail);
    if fail_js(list, detail).is_err() {
        for line in lines {
            dom::error(line);
        }
    }
}

/// Replays every call page code queued through the loader's stubs before the API was defined
/// (`consentBanner.__queue`), in order, as every module replays them (`tags.js`).
pub fn replay(api: &JsValue) {
    if let Err(e) = replay_js(api) {
        dom::warn(&format!(
            "the calls queued before consent-banner was ready could not be replayed ({})",
            api::describe(&e)
        ));
    }
}

/// Tells page code `name` with a JSON-compatible `detail`, as every module tells it (`tags.js`).
pub fn dispatch(name: &str, detail: &crate::core::json::Value) {
    // A listener that throws is the browser's to report; this fails only for an event that
    // cannot be made.
    if dispatch_js(name, dom::json_to_js(detail)).is_err() {
        dom::warn(&format!("the {name} event could not be dispatched; page code listening for it is not told"));
    }
}

/// Hands a plan (its JSON from the core: [`crate::core::plan::Plan::to_json`] or
/// [`crate::core::returning::page_view_json`]) to the one executor, `tags.js`'s `execute`, which every
/// module uses. `live` runs once the plan's tags ran, before its event (the placeholders follow
/// the tags there); it answers the event's detail when the plan has none (a page view's).
pub fn execute(plan_json: &str, live: impl FnOnce() -> JsValue + 'static) {
    let Ok(plan) = js_sys::JSON::parse(plan_json) else {
        // The core wrote it: not reached unless the JSON writer is wrong.
        dom::error("a plan could not be read; nothing of it was carried out");
        return;
    };
    let live = Closure::once_into_js(live);
    // Called now: a choice's cookies are written before `choose` returns, as page code expects;
    // only the tags and the event wait.
    let failed = |e: JsValue| {
        dom::warn(&format!("carrying out a plan failed ({}); some accepted tags may not have run", api::describe(&e)));
    };
    match execute_js(plan, &live) {
        Ok(promise) => wasm_bindgen_futures::spawn_local(async move {
            if let Err(e) = JsFuture::from(promise).await {
                failed(e);
            }
        }),
        Err(e) => failed(e),
    }
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

/// Loads one gated element for this page view only (a placeholder's "Load once").
pub fn load_once(el: &Element) {
    // The promise only says when a script has loaded: nothing waits for it.
    let _ = load_once_js(el);
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
