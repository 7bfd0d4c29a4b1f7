//! The page-level wiring of a controller, the same for the script-tag start (`boot`) and the Yew
//! component: the JS API on `window.consentBanner` (with the calls queued before it existed),
//! `data-consent-open` elements, and the placeholders of blocked iframes.

use std::rc::Rc;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::Element;

use super::api::{self, define};
use super::controller::{Controller, UiCommand};
use super::{dom, placeholder, tags};
use crate::core::consent::{services_choice, Choice, Method};
use crate::core::contract::{FULL_FLAG, GLOBAL, OPEN_ATTR};
use crate::core::policy::service_entry;

/// Wires a controller to the page; call it before [`Controller::start`].
pub fn wire(controller: &Rc<Controller>) {
    install_api(controller);
    listen_for_open(controller);
    // After every activation of tags, the placeholders follow.
    controller.after_activation(Rc::new(placeholder::refresh));
}

/// Clicking any `[data-consent-open]` element opens the privacy centre.
fn listen_for_open(controller: &Rc<Controller>) {
    let Some(document) = dom::document() else {
        return;
    };
    let c = Rc::clone(controller);
    let selector = format!("[{OPEN_ATTR}]");
    let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
        if target.and_then(|t| t.closest(&selector).ok().flatten()).is_some() {
            event.prevent_default();
            c.command(UiCommand::OpenPreferences);
        }
    });
    if document.add_event_listener_with_callback("click", listener.as_ref().unchecked_ref()).is_err() {
        dom::error(&format!("the [{OPEN_ATTR}] elements could not be wired; they do not open the privacy centre"));
    }
    // Lives as long as the page.
    listener.forget();
}

/// Defines the JS API on `window.consentBanner` and replays the calls the loader queued
/// before the wasm was ready.
fn install_api(controller: &Rc<Controller>) {
    let Some(window) = dom::window() else { return };
    let key = JsValue::from_str(GLOBAL);
    let api: JsValue =
        Reflect::get(&window, &key).ok().filter(|v| v.is_object()).unwrap_or_else(|| Object::new().into());

    let c = Rc::clone(controller);
    define(&api, "getConsent", Closure::<dyn Fn() -> JsValue>::new(move || dom::json_to_js(&c.consent_json())));
    let c = Rc::clone(controller);
    define(
        &api,
        "acceptedCategory",
        Closure::<dyn Fn(JsValue) -> bool>::new(move |id: JsValue| id.as_string().is_some_and(|id| c.is_active(&id))),
    );
    let c = Rc::clone(controller);
    define(
        &api,
        "acceptCategories",
        Closure::<dyn Fn(JsValue) -> bool>::new(move |ids: JsValue| {
            let Some(ids) = strings(&ids) else {
                dom::warn("acceptCategories: it needs category ids (strings); nothing changed");
                return false;
            };
            if let Some(why) = tags::unknown_ids(&ids, None) {
                dom::warn(&format!("acceptCategories: {why}"));
                return false;
            }
            c.choose(Choice::Only(ids.into_iter().collect()), Method::Api);
            true
        }),
    );
    let c = Rc::clone(controller);
    define(
        &api,
        "acceptedService",
        Closure::<dyn Fn(JsValue, JsValue) -> bool>::new(move |id: JsValue, category: JsValue| {
            match (id.as_string(), category.as_string()) {
                (Some(id), Some(category)) => c.is_active(&service_entry(&category, &id)),
                _ => false,
            }
        }),
    );
    let c = Rc::clone(controller);
    define(
        &api,
        "acceptService",
        Closure::<dyn Fn(JsValue, JsValue) -> bool>::new(move |ids: JsValue, category: JsValue| {
            let Some(category) = category.as_string() else {
                dom::warn("acceptService: it needs a category id: acceptService(services, category); nothing changed");
                return false;
            };
            // "all" (or "*") accepts the whole category; a list (or one id) exactly those.
            let all = ids.as_string().is_some_and(|s| s == "all" || s == "*");
            let list = if all { Some(Vec::new()) } else { strings(&ids) };
            let Some(list) = list else {
                dom::warn("acceptService: it needs service ids (strings), or \"all\"; nothing changed");
                return false;
            };
            if let Some(why) = tags::unknown_ids(&list, Some(&category)) {
                dom::warn(&format!("acceptService: {why}"));
                return false;
            }
            let accepted = c.consent().map(|x| x.accepted).unwrap_or_default();
            let ids = services_choice(&accepted, &category, if all { None } else { Some(&list) });
            c.choose(Choice::Only(ids), Method::Api);
            true
        }),
    );
    let c = Rc::clone(controller);
    define(
        &api,
        "acceptAll",
        Closure::<dyn Fn() -> bool>::new(move || {
            c.choose(Choice::AcceptAll, Method::Api);
            true
        }),
    );
    let c = Rc::clone(controller);
    define(
        &api,
        "rejectAll",
        Closure::<dyn Fn() -> bool>::new(move || {
            c.choose(Choice::RejectAll, Method::Api);
            true
        }),
    );
    let c = Rc::clone(controller);
    define(&api, "openPreferences", Closure::<dyn Fn()>::new(move || c.command(UiCommand::OpenPreferences)));
    // The first-visit module's Customise, replayed once this module has taken over.
    let c = Rc::clone(controller);
    define(&api, "__customise", Closure::<dyn Fn()>::new(move || c.command(UiCommand::Customise)));
    // A placeholder's "Always allow" on a page the runtime served, replayed once this module
    // has taken over: a contextual choice, as this module's own placeholders make it.
    let c = Rc::clone(controller);
    define(
        &api,
        "__allow",
        Closure::<dyn Fn(JsValue)>::new(move |gate: JsValue| {
            // Only an entry of this page's config: the call comes from the page's global object.
            if let Some(gate) = gate.as_string().filter(|g| c.config().policy().gate_names().contains(g)) {
                c.accept_also(&gate, Method::Contextual);
            }
        }),
    );
    let c = Rc::clone(controller);
    define(&api, "showBanner", Closure::<dyn Fn()>::new(move || c.command(UiCommand::ShowBanner)));
    let c = Rc::clone(controller);
    define(
        &api,
        "setLanguage",
        Closure::<dyn Fn(JsValue) -> bool>::new(move |lang: JsValue| {
            lang.as_string().is_some_and(|l| c.set_language(&l))
        }),
    );
    define(&api, "on", Closure::<dyn Fn(JsValue, JsValue) -> JsValue>::new(tags::on));
    if !api::set(&api, "ready", &JsValue::TRUE) {
        dom::warn("consentBanner.ready could not be set; page code waiting for it is not told");
    }
    // Tells the returning-visitor runtime, if it ran first, that this module now answers.
    if !api::set(&api, FULL_FLAG, &JsValue::TRUE) {
        dom::warn(&format!(
            "consentBanner.{FULL_FLAG} could not be set; the returning-visitor runtime keeps answering [{OPEN_ATTR}] too"
        ));
    }
    if !api::set(&window, GLOBAL, &api) {
        dom::warn("window.consentBanner cannot be set; the JS API is unavailable");
    }
    tags::replay(&api);
}

/// A string, or an array of strings, as a list; `None` when anything else is in it.
fn strings(value: &JsValue) -> Option<Vec<String>> {
    let items = if Array::is_array(value) { Array::from(value) } else { Array::of1(value) };
    items.iter().map(|v| v.as_string()).collect()
}
