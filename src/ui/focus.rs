//! Focus helpers for the dialogs: what can take focus, and keeping Tab inside.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), \
     textarea:not([disabled]), summary, [tabindex]:not([tabindex=\"-1\"])";

/// The focusable elements inside `root`, in tab order of the document.
pub fn focusables(root: &Element) -> Vec<HtmlElement> {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        // Elements inside a closed <details> (other than its summary) are not reachable.
        .filter(|e| e.offset_parent().is_some() || e.tag_name().eq_ignore_ascii_case("summary"))
        .collect()
}

/// Keeps Tab and Shift+Tab inside `root` (a modal dialog).
pub fn trap_tab(root: &Element, event: &KeyboardEvent) {
    if event.key() != "Tab" {
        return;
    }
    let items = focusables(root);
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return;
    };
    let active = active_in(root);
    let is = |e: &HtmlElement| active.as_ref().is_some_and(|a| a == e.unchecked_ref::<Element>());
    // The dialog itself takes focus on open: from there, Shift+Tab goes to the last control.
    let on_root = active.as_ref().is_some_and(|a| a == root);
    let inside = active.as_ref().is_some_and(|a| root.contains(Some(a)));
    if event.shift_key() && (is(first) || on_root || !inside) {
        event.prevent_default();
        let _ = last.focus();
    } else if !event.shift_key() && (is(last) || !inside) {
        event.prevent_default();
        let _ = first.focus();
    }
}

/// The focused element in the document or shadow root that `node` belongs to.
pub fn active_in(node: &Element) -> Option<Element> {
    let root = node.get_root_node();
    js_sys::Reflect::get(&root, &wasm_bindgen::JsValue::from_str("activeElement")).ok()?.dyn_into().ok()
}

/// The element that has focus now.
pub fn active_element() -> Option<HtmlElement> {
    web_sys::window()?.document()?.active_element()?.dyn_into().ok()
}
