//! Contextual consent: blocked content shows a placeholder until what it waits for is accepted.
//! A gated iframe (a video, a map) gets one just before it, the same size and never wider than
//! its container; a site's container of a script-rendered widget (`<div
//! data-consent-placeholder="marketing:hubspot">`) gets one inside it. The markup is the core's
//! ([`crate::core::view::placeholder`]): a short sentence, "Load once" (this page view only) and
//! "Always allow" (accepts the entry), and the provider's privacy policy.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};

use super::controller::Controller;
use super::dom;
use super::tags;
use crate::core::consent::{Choice, Method};
use crate::core::contract::{
    ACCEPT_ATTR, ACTIVATED_ATTR, BLOCKED_ATTR, CATEGORY_ATTR, DATA_SRC_ATTR, LOAD_ONCE_ATTR, PLACEHOLDER_ATTR,
    PROVIDER_ATTR, SERVICE_ATTR,
};
use crate::core::policy::service_entry;
use crate::core::view::{self, PlaceholderInput};

/// Our placeholders, as opposed to the site's containers that carry the same attribute.
const OURS: &str = "cb-placeholder";

thread_local! {
    // Numbers the placeholders' text ids on this page.
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
    // Container entries already reported as unknown: once per name, like tags.js's gates. A list,
    // not a `HashSet`: a page names a few, and the set's hashing cost the module 0.5 KB brotli.
    static WARNED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Puts placeholders before blocked iframes and into the containers of blocked widgets, and
/// removes those whose content now runs.
pub fn refresh(controller: &Rc<Controller>) {
    let Some(document) = dom::document() else { return };
    release("placeholders");
    for el in all(&document, &format!(".{OURS}[{PLACEHOLDER_ATTR}]")) {
        let target = target_of(&el);
        let done = target.as_ref().is_none_or(|t| {
            t.has_attribute(ACTIVATED_ATTR) || !t.has_attribute(BLOCKED_ATTR) || controller.is_active(&gate_of(t))
        });
        if done {
            // The placeholder's buttons held focus: it goes to the content that replaces it.
            let focused = document.active_element().is_some_and(|a| el.contains(Some(&a)));
            el.remove();
            if let Some(t) = target {
                // Ignored: removing an attribute does not throw.
                let _ = t.remove_attribute(BLOCKED_ATTR);
                if focused {
                    focus(&t);
                }
            }
        }
    }
    let iframes = all(&document, &format!("iframe[{CATEGORY_ATTR}]:not([{ACTIVATED_ATTR}]):not([{BLOCKED_ATTR}])"));
    let containers =
        all(&document, &format!("[{PLACEHOLDER_ATTR}]:not(.{OURS}):not([{ACTIVATED_ATTR}]):not([{BLOCKED_ATTR}])"));
    for target in iframes.into_iter().chain(containers) {
        let gate = gate_of(&target);
        if controller.is_active(&gate) {
            continue;
        }
        let Some(placeholder) = build(controller, &target, &gate) else {
            if target.local_name() != "iframe" {
                unknown(controller, &gate);
            }
            continue;
        };
        let placed = if target.local_name() == "iframe" {
            target.before_with_node_1(&placeholder).is_ok()
        } else {
            target.append_child(&placeholder).is_ok()
        };
        if placed {
            dom::set_attributes(&target, &[(BLOCKED_ATTR, "")]);
            dom::ensure_page_stylesheet();
        }
    }
}

/// Asks the page's other placeholders and tables (those the first-visit module or the runtime
/// showed: `consentBanner.__releaseSurfaces`) to go, `what` ("placeholders" or "tables"), right
/// before this module shows its own in their place.
pub(crate) fn release(what: &str) {
    let Some(window) = dom::window() else { return };
    let Ok(api) = js_sys::Reflect::get(&window, &crate::core::contract::GLOBAL.into()) else { return };
    let Ok(release) = js_sys::Reflect::get(&api, &"__releaseSurfaces".into()) else { return };
    if let Some(release) = release.dyn_ref::<js_sys::Function>() {
        if let Err(e) = release.call1(&api, &what.into()) {
            dom::warn(&format!("the first placeholders could not be released: {}", super::api::describe(&e)));
        }
    }
}

fn all(document: &web_sys::Document, selector: &str) -> Vec<Element> {
    let Ok(list) = document.query_selector_all(selector) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<Element>().ok()).collect()
}

/// What an iframe or container waits for: its category, or with `data-consent-service` that
/// service (an iframe); the value of `data-consent-placeholder` (a container).
fn gate_of(target: &Element) -> String {
    if target.local_name() != "iframe" {
        return target.get_attribute(PLACEHOLDER_ATTR).unwrap_or_default();
    }
    let category = target.get_attribute(CATEGORY_ATTR).unwrap_or_default();
    match target.get_attribute(SERVICE_ATTR) {
        Some(service) => service_entry(&category, &service),
        None => category,
    }
}

/// The iframe just after one of our placeholders, or the container it is in.
fn target_of(placeholder: &Element) -> Option<Element> {
    match placeholder.parent_element() {
        Some(parent) if parent.has_attribute(PLACEHOLDER_ATTR) && !parent.class_list().contains(OURS) => Some(parent),
        _ => placeholder.next_element_sibling().filter(|f| f.local_name() == "iframe"),
    }
}

fn unknown(controller: &Rc<Controller>, gate: &str) {
    let seen = WARNED.with(|w| {
        let mut w = w.borrow_mut();
        let seen = w.iter().any(|g| g == gate);
        if !seen {
            w.push(gate.to_string());
        }
        seen
    });
    if seen {
        return;
    }
    let config = controller.config();
    let categories: Vec<&str> = config.categories.iter().map(|c| c.id.as_str()).collect();
    dom::warn(&format!(
        "a container with {PLACEHOLDER_ATTR}={gate:?} shows no placeholder: this page's config has no such \
         category or service (its categories: {})",
        categories.join(", ")
    ));
}

/// The placeholder of `target` (an iframe or a container) that waits for `gate`, wired.
fn build(controller: &Rc<Controller>, target: &Element, gate: &str) -> Option<Element> {
    let document = dom::document()?;
    let config = controller.config();
    let lang = controller.lang();
    let host = target.get_attribute(DATA_SRC_ATTR).and_then(|src| {
        let base = dom::window()?.location().href().ok()?;
        web_sys::Url::new_with_base(&src, &base).ok().map(|u| u.hostname())
    });
    let provider = target.get_attribute(PROVIDER_ATTR);
    let title = target.get_attribute("title");
    let id = NEXT_ID.with(|n| {
        n.set(n.get() + 1);
        format!("cb-placeholder-{}", n.get())
    });
    let input = PlaceholderInput {
        lang: &lang,
        gate,
        title: title.as_deref(),
        provider: provider.as_deref(),
        host: host.as_deref(),
        id: &id,
    };
    let node = view::placeholder(&config, &input)?;
    let root = dom::build(&document, &node)?.dyn_into::<Element>().ok()?;
    if let (Some(el), true) = (root.dyn_ref::<HtmlElement>(), target.local_name() == "iframe") {
        // The iframe's box, so that loading it causes no layout shift; never wider than its
        // container, even before the stylesheet (which says the same) is in.
        let style = el.style();
        for (attr, prop) in [("width", "width"), ("height", "height")] {
            if let Some(v) = target.get_attribute(attr) {
                let v = if v.chars().all(|c| c.is_ascii_digit()) { format!("{v}px") } else { v };
                // Ignored: an inline style is never read-only, and a bad value is dropped, not thrown.
                let _ = style.set_property(prop, &v);
            }
        }
        let _ = style.set_property("max-width", "100%");
        let _ = style.set_property("box-sizing", "border-box");
    }
    let c = Rc::clone(controller);
    let placeholder = root.clone();
    let on_click = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        let Some(button) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        let Some(target) = target_of(&placeholder) else { return };
        if let Ok(Some(b)) = button.closest(&format!("[{ACCEPT_ATTR}]")) {
            let gate = b.get_attribute(ACCEPT_ATTR).unwrap_or_default();
            c.accept_also(&gate, Method::Contextual);
        } else if let Ok(Some(b)) = button.closest(&format!("[{LOAD_ONCE_ATTR}]")) {
            let gate = b.get_attribute(LOAD_ONCE_ATTR).unwrap_or_default();
            load_once(&c, &target, &gate);
        }
    });
    if root.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref()).is_err() {
        dom::error(&format!("the buttons of the placeholder for {gate:?} could not be wired; they do nothing"));
    }
    // Lives as long as the placeholder.
    on_click.forget();
    Some(root)
}

/// "Load once": this content, for this page view only; nothing is stored, sent or announced. An
/// iframe loads alone; a widget's container runs the tags of its entry (its script renders it).
fn load_once(controller: &Rc<Controller>, target: &Element, gate: &str) {
    let target = target.clone();
    let c = Rc::clone(controller);
    let gate = gate.to_string();
    wasm_bindgen_futures::spawn_local(async move {
        if target.local_name() == "iframe" {
            tags::load_once(&target);
        } else {
            dom::set_attributes(&target, &[(ACTIVATED_ATTR, "")]);
            tags::activate(&[gate]).await;
        }
        refresh(&c);
    });
}

/// Focuses the content that replaced a placeholder (a container becomes focusable for it).
fn focus(target: &Element) {
    if target.local_name() != "iframe" && !target.has_attribute("tabindex") {
        dom::set_attributes(target, &[("tabindex", "-1")]);
    }
    if let Some(el) = target.dyn_ref::<HtmlElement>() {
        // Ignored: focus() does not throw.
        let _ = el.focus();
    }
}

impl Controller {
    /// Accepts one more category (or service entry) on top of the stored choice.
    pub fn accept_also(self: &Rc<Self>, category: &str, method: Method) {
        let mut ids: Vec<String> = self.consent().map(|c| c.accepted.into_iter().collect()).unwrap_or_default();
        ids.push(category.to_string());
        self.choose(Choice::Only(ids), method);
    }
}
