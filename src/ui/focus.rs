//! Focus helpers for the dialogs: what can take focus, and keeping Tab inside.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

use crate::browser::dom;

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
    let target = if event.shift_key() && (is(first) || on_root || !inside) {
        last
    } else if !event.shift_key() && (is(last) || !inside) {
        first
    } else {
        return;
    };
    // Where focus cannot move, Tab keeps its default rather than doing nothing.
    if target.focus().is_ok() {
        event.prevent_default();
    }
}

/// Moves focus to `element`, named `what` on the console if the browser refuses: keyboard and
/// screen-reader users are where focus is.
pub fn move_to(element: &HtmlElement, what: &str) {
    if element.focus().is_err() {
        dom::warn(&format!("focus could not be moved to {what}"));
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

/// Keeps what the visitor tabs to in the page from hiding under the banner (WCAG 2.2, 2.4.11
/// Focus Not Obscured): while the banner is shown, the page's root element gets a bottom
/// `scroll-padding` (focus navigation then scrolls the focused element above the banner) and as
/// much extra bottom padding (so the end of the page can scroll above it too), both the height
/// the banner takes from the bottom of the viewport, kept current by a `ResizeObserver`. Set
/// through the CSS object model, which a strict `style-src` allows. Dropping it puts the page's
/// own values back.
pub struct BannerSpace {
    root: HtmlElement,
    before: [(&'static str, String); 2],
    observer: wasm_bindgen::JsValue,
    _update: wasm_bindgen::closure::Closure<dyn Fn()>,
}

/// The top of `element`'s border box in the viewport (without web-sys's `DomRect` feature).
fn top(element: &Element) -> f64 {
    use js_sys::{Function, Reflect};
    Reflect::get(element, &"getBoundingClientRect".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .and_then(|f| f.call0(element).ok())
        .and_then(|rect| Reflect::get(&rect, &"top".into()).ok())
        .and_then(|top| top.as_f64())
        .unwrap_or(f64::INFINITY)
}

/// `12.5` → `"12.5px"`, formatted by JavaScript: Rust's float formatting is a large part of the wasm.
fn px(value: f64) -> String {
    let mut out: String = js_sys::Number::from(value).to_string_with_radix(10).map(String::from).unwrap_or_default();
    out.push_str("px");
    out
}

const SCROLL_PADDING: &str = "scroll-padding-bottom";
const PADDING: &str = "padding-bottom";

impl BannerSpace {
    /// Starts reserving the space `banner` covers; `None` where the browser lacks what it needs.
    pub fn reserve(banner: Element) -> Option<Self> {
        use js_sys::{Array, Function, Reflect};
        use wasm_bindgen::closure::Closure;
        let window = web_sys::window()?;
        let root: HtmlElement = window.document()?.document_element()?.dyn_into().ok()?;
        let style = root.style();
        let before = [SCROLL_PADDING, PADDING].map(|p| (p, style.get_property_value(p).unwrap_or_default()));
        // The page's own bottom padding, which the banner's space adds to.
        let page_padding = window
            .get_computed_style(&root)
            .ok()
            .flatten()
            .and_then(|s| s.get_property_value(PADDING).ok())
            .map(|v| js_sys::parse_float(v.trim_end_matches("px")))
            .filter(|v| !v.is_nan())
            .unwrap_or(0.0);
        let update = {
            let (window, root, banner) = (window.clone(), root.clone(), banner.clone());
            move || {
                let height = window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
                // Not `clamp`: its panic message alone keeps Rust's float formatting in the module.
                let space = (height - top(&banner)).max(0.0).min(height).ceil();
                let style = root.style();
                for (property, value) in [(SCROLL_PADDING, space), (PADDING, page_padding + space)] {
                    // Ignored: an inline style is never read-only, so setting it does not throw.
                    let _ = style.set_property(property, &px(value));
                }
            }
        };
        let update = Closure::<dyn Fn()>::new(update);
        let constructor: Function = Reflect::get(&window, &"ResizeObserver".into()).ok()?.dyn_into().ok()?;
        let observer = Reflect::construct(&constructor, &Array::of1(update.as_ref())).ok()?;
        let observe: Function = Reflect::get(&observer, &"observe".into()).ok()?.dyn_into().ok()?;
        observe.call1(&observer, &banner).ok()?;
        // At once too: the observer's first report comes only with the next frame.
        // Ignored: `update` is the closure above, which does not throw.
        let _ = update.as_ref().unchecked_ref::<Function>().call0(&wasm_bindgen::JsValue::NULL);
        Some(Self { root, before, observer, _update: update })
    }
}

impl Drop for BannerSpace {
    fn drop(&mut self) {
        use js_sys::{Function, Reflect};
        if let Some(disconnect) =
            Reflect::get(&self.observer, &"disconnect".into()).ok().and_then(|f| f.dyn_into::<Function>().ok())
        {
            // Ignored: disconnecting a ResizeObserver does not throw.
            let _ = disconnect.call0(&self.observer);
        }
        let style = self.root.style();
        for (property, value) in &self.before {
            // Ignored: an inline style is never read-only, so changing it does not throw.
            let _ = if value.is_empty() {
                style.remove_property(property).map(|_| ())
            } else {
                style.set_property(property, value)
            };
        }
    }
}
