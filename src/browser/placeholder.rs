//! Contextual consent: a gated iframe (a video, a map) shows a placeholder in its place that
//! names the provider and purpose, with a button that accepts its category.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};

use super::controller::Controller;
use super::dom;
use crate::core::consent::{Choice, Method};
use crate::core::contract::{
    ACCEPT_ATTR, ACTIVATED_ATTR, BLOCKED_ATTR, CATEGORY_ATTR, DATA_SRC_ATTR, PLACEHOLDER_ATTR, PROVIDER_ATTR,
    SERVICE_ATTR,
};
use crate::core::policy::{entry_parts, service_entry};
use crate::core::wording;

/// Puts placeholders before blocked iframes and removes those whose iframe now runs.
pub fn refresh(controller: &Rc<Controller>) {
    let Some(document) = dom::document() else { return };
    if let Ok(list) = document.query_selector_all(&format!("[{PLACEHOLDER_ATTR}]")) {
        for el in (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<Element>().ok()) {
            let iframe = el.next_element_sibling();
            if iframe.as_ref().is_none_or(|f| f.has_attribute(ACTIVATED_ATTR) || !f.has_attribute(BLOCKED_ATTR)) {
                if let Some(f) = iframe {
                    // Ignored: removing an attribute does not throw.
                    let _ = f.remove_attribute(BLOCKED_ATTR);
                }
                el.remove();
            }
        }
    }
    let Ok(list) =
        document.query_selector_all(&format!("iframe[{CATEGORY_ATTR}]:not([{ACTIVATED_ATTR}]):not([{BLOCKED_ATTR}])"))
    else {
        return;
    };
    for iframe in (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<Element>().ok()) {
        let category = iframe.get_attribute(CATEGORY_ATTR).unwrap_or_default();
        // What the iframe waits for: its category, or with data-consent-service that service.
        let gate = match iframe.get_attribute(SERVICE_ATTR) {
            Some(service) => service_entry(&category, &service),
            None => category.clone(),
        };
        if controller.is_active(&gate) || controller.config().category(&category).is_none() {
            continue;
        }
        if let Some(placeholder) = build(controller, &iframe, &gate) {
            if iframe.before_with_node_1(&placeholder).is_ok() {
                dom::set_attributes(&iframe, &[(BLOCKED_ATTR, "")]);
                dom::ensure_page_stylesheet();
            }
        }
    }
}

/// The placeholder of an iframe that waits for `gate`: a category id, or a service entry
/// (`category:service`), whose label, purpose and provider it then names.
fn build(controller: &Rc<Controller>, iframe: &Element, gate: &str) -> Option<Element> {
    let document = dom::document()?;
    let config = controller.config();
    let lang = controller.lang();
    let texts = config.texts(&lang);
    let (category, service) = entry_parts(gate);
    let cat = config.category(category)?;
    let service = match service {
        Some(id) => Some(cat.services.iter().find(|s| s.id == id)?),
        None => None,
    };
    let (label, purpose) = match service {
        Some(s) => (&s.label, &s.description),
        None => (&cat.label, &cat.description),
    };
    let label = label.get(&lang).cloned().unwrap_or_default();
    let provider = iframe
        .get_attribute(PROVIDER_ATTR)
        .or_else(|| service.and_then(|s| s.provider.clone()))
        .or_else(|| {
            let src = iframe.get_attribute(DATA_SRC_ATTR)?;
            let base = dom::window()?.location().href().ok()?;
            web_sys::Url::new_with_base(&src, &base).ok().map(|u| u.hostname())
        })
        .unwrap_or_default();
    let purpose = purpose.get(&lang).map(String::as_str).unwrap_or_default();
    let text = wording::placeholder_text(texts, &provider, &label, purpose);

    // Built with DOM APIs and text nodes only: config text never reaches innerHTML.
    let root = document.create_element("div").ok()?;
    root.set_class_name("cb-placeholder");
    if let Some(theme) = config.theme.attr() {
        dom::set_attributes(&root, &[("data-theme", theme)]);
    }
    dom::set_attributes(
        &root,
        &[
            (PLACEHOLDER_ATTR, gate),
            ("lang", &lang),
            ("dir", crate::core::i18n::direction(&lang)),
            ("data-nosnippet", ""),
        ],
    );
    if let Some(el) = root.dyn_ref::<HtmlElement>() {
        // Same box as the iframe, so accepting causes no layout shift.
        for (attr, prop) in [("width", "width"), ("height", "height")] {
            if let Some(v) = iframe.get_attribute(attr) {
                let v = if v.chars().all(|c| c.is_ascii_digit()) { format!("{v}px") } else { v };
                // Ignored: an inline style is never read-only, and a bad value is dropped, not thrown.
                let _ = el.style().set_property(prop, &v);
            }
        }
    }
    let p = document.create_element("p").ok()?;
    p.set_text_content(Some(&text));
    let button = document.create_element("button").ok()?;
    dom::set_attributes(&button, &[("type", "button"), (ACCEPT_ATTR, gate)]);
    button.set_class_name("cb-placeholder-button");
    button.set_text_content(Some(&wording::placeholder_accept(texts, &label)));
    let c = Rc::clone(controller);
    let id = gate.to_string();
    let onclick = Closure::<dyn Fn()>::new(move || c.accept_also(&id, Method::Contextual));
    if button.add_event_listener_with_callback("click", onclick.as_ref().unchecked_ref()).is_err() {
        dom::error(&format!("the button of the placeholder for {gate:?} could not be wired; it does nothing"));
    }
    // Lives as long as the button.
    onclick.forget();
    // Without its text or button there is no placeholder: the iframe stays blocked.
    root.append_child(&p).ok()?;
    root.append_child(&button).ok()?;
    Some(root)
}

impl Controller {
    /// Accepts one more category (or service entry) on top of the stored choice.
    pub fn accept_also(self: &Rc<Self>, category: &str, method: Method) {
        let mut ids: Vec<String> = self.consent().map(|c| c.accepted.into_iter().collect()).unwrap_or_default();
        ids.push(category.to_string());
        self.choose(Choice::Only(ids), method);
    }
}
