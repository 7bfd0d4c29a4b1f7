//! Start-up helpers: the pieces of the JS API (`window.consentBanner`), waiting for the
//! document, fetching with a time limit, and yielding to the browser.

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;

use super::dom;

/// Sets `target[key] = value`; false when the target refuses (page code's object may be frozen,
/// its property read-only, or a setter or proxy may throw).
pub fn set(target: &JsValue, key: &str, value: &JsValue) -> bool {
    Reflect::set(target, &JsValue::from_str(key), value).unwrap_or(false)
}

/// Sets `api[name]` to a closure that lives as long as the page.
pub fn define<F: ?Sized + wasm_bindgen::closure::WasmClosure>(api: &JsValue, name: &str, f: Closure<F>) {
    if !set(api, name, f.as_ref()) {
        dom::warn(&format!("consentBanner.{name} could not be defined; page code cannot call it"));
    }
    f.forget();
}

/// A short description of a thrown value, for the console.
pub fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .or_else(|| js_sys::JSON::stringify(e).ok().map(String::from))
        .unwrap_or_else(|| "unknown error".to_string())
}

/// Resolves once the document has been parsed: the UI and the tag scan need the body.
pub async fn dom_ready() {
    let Some(document) = dom::document() else { return };
    if document.ready_state() != "loading" {
        return;
    }
    let ready = js_sys::Promise::new(&mut |resolve, _| {
        if document.add_event_listener_with_callback("DOMContentLoaded", &resolve).is_err() {
            dom::error("could not wait for the document to be parsed; consent-banner does not start");
        }
    });
    // Ignored: nothing rejects this promise.
    let _ = wasm_bindgen_futures::JsFuture::from(ready).await;
}

/// Ends the current task and resumes in a new one (`setTimeout(0)`), so that a long piece of
/// work does not block input and rendering.
pub async fn yield_to_browser() {
    let Some(window) = dom::window() else { return };
    let mut scheduled = false;
    let next = js_sys::Promise::new(&mut |resolve, _| {
        scheduled = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).is_ok();
    });
    // Without a timer the work goes on in this task: a longer task, but never a stop.
    if scheduled {
        // Ignored: nothing rejects this promise.
        let _ = wasm_bindgen_futures::JsFuture::from(next).await;
    }
}

/// How long the config may take to arrive before the page gives up (fails closed).
const FETCH_TIMEOUT_MS: i32 = 10_000;

/// Fetches a text, racing a timer so that a response that never comes cannot leave the page
/// waiting forever. The error says why, for the console.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    use wasm_bindgen_futures::JsFuture;
    let window = dom::window().ok_or("no window")?;
    let timeout = js_sys::Promise::new(&mut |_, reject| {
        let timer = window.set_timeout_with_callback_and_timeout_and_arguments_1(
            &reject,
            FETCH_TIMEOUT_MS,
            &JsValue::from_str("timed out"),
        );
        if timer.is_err() {
            dom::warn(&format!("no timer for the download of {url:?}; waiting for it without a time limit"));
        }
    });
    let request = window.fetch_with_str(url);
    let response = JsFuture::from(js_sys::Promise::race(&Array::of2(&request, &timeout)))
        .await
        .map_err(|e| describe(&e))?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| String::from("not a response"))?;
    if !response.ok() {
        return Err(String::from("HTTP ") + &response.status().to_string());
    }
    let text = JsFuture::from(response.text().map_err(|e| describe(&e))?).await.map_err(|e| describe(&e))?;
    text.as_string().ok_or_else(|| String::from("the body is not text"))
}
