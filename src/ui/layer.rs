//! The browser's top layer: a page element with the maximum z-index placed after ours would
//! still cover a `position: fixed` banner; the top layer is above every z-index.

use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

/// Shows the element referenced by `node` in the top layer, as a manual popover, where the
/// browser supports it (Chromium 114, Safari 17, Firefox 125); elsewhere it stays a fixed
/// element at the maximum z-index.
#[hook]
pub fn use_top_layer(node: NodeRef) {
    use_effect_with((), move |_| {
        if let Some(el) = node.cast::<Element>() {
            show_popover(&el);
        }
    });
}

fn show_popover(el: &Element) {
    let show = js_sys::Reflect::get(el, &"showPopover".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(show) = show else { return };
    // Set only where supported: elsewhere the attribute would hide the element for good.
    if el.set_attribute("popover", "manual").is_ok() && show.call0(el).is_err() {
        // Ignored: removing an attribute does not throw.
        let _ = el.remove_attribute("popover");
    }
}
