//! The Yew user interface. It renders what the controller decided and hands the visitor's
//! choices back to it; it never reads or writes cookies itself.

mod app;
mod banner;
mod cookie_table;
mod focus;
mod language;
mod layer;
mod markup;
mod preferences;
mod state;

use std::rc::Rc;

pub use app::{App, AppProps};
pub use cookie_table::{AreaTables, AreaTablesProps, CookieTable, CookieTableProps, PolicyTables, PolicyTablesProps};
use web_sys::Element;
use yew::prelude::*;

use crate::browser::controller::Controller;
use crate::browser::dom;
use crate::core::config::Config;
use crate::core::contract::{COOKIE_TABLE_ATTR, ROOT_ATTR};

/// A shared handle on the page's controller; equal when it is the same controller.
#[derive(Clone)]
pub struct ControllerHandle(pub Rc<Controller>);

impl PartialEq for ControllerHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Props of [`ConsentBanner`].
#[derive(Properties, PartialEq)]
pub struct ConsentBannerProps {
    /// A validated config (see [`Config::from_json`]), narrowed to the page's area if it has areas.
    pub config: Rc<Config>,
}

/// The whole consent banner as a component, for Yew apps:
/// `html! { <ConsentBanner config={config} /> }`. It reads the stored consent, activates the
/// accepted tags, shows the banner when the visitor has not answered this version, and opens
/// the privacy centre on request.
#[component]
pub fn ConsentBanner(props: &ConsentBannerProps) -> Html {
    let controller = use_memo(Rc::clone(&props.config), |config| Controller::new(Rc::clone(config)));
    {
        let controller = Rc::clone(&*controller);
        use_effect_with((), move |_| {
            // The same page-level wiring as the script-tag embedding: the JS API and
            // `data-consent-open` elements work in a Yew app too.
            crate::browser::page::wire(&controller);
            controller.start();
        });
    }
    // Built without the `texts` feature, a config of built-in languages has no texts to show.
    if let Some(code) = controller.config().texts_needed(&controller.lang()) {
        dom::error(&format!(
            "the built-in texts of {code:?} are not compiled in: enable the consent-banner crate's `texts` feature"
        ));
        return html! {};
    }
    html! { <App controller={ControllerHandle(Rc::clone(&*controller))} /> }
}

/// Renders the UI into a new element placed first in `<body>`, so that the banner's buttons are
/// among the first reached with Tab. With a stylesheet URL, the UI lives in a shadow root that
/// loads it, so the page's own CSS (resets, `!important` rules on `button`) cannot reach it; it
/// stays hidden until the stylesheet has loaded, so it never flashes unstyled or shifts layout.
pub(crate) fn mount(controller: &Rc<Controller>, stylesheet: Option<String>) {
    let Some(document) = dom::document() else { return };
    let props = AppProps { controller: ControllerHandle(Rc::clone(controller)) };
    // The first-visit module's banner, when it showed one: its shadow root is reused, and its
    // own markup and page effects go in the same task as Yew's first render, so nothing flashes.
    // Its stylesheet is the first layer's only (scripts/first-css.mjs): the whole file is linked
    // in first, and the banner taken over once it applies (it was preloaded with this module).
    if let Some(host) = first_visit_host(&document) {
        let c = Rc::clone(controller);
        let first = host.clone();
        with_whole_stylesheet(&document, &first, stylesheet.as_deref(), move || {
            if let Some(container) = take_over(&host) {
                c.take_over_choice();
                let props = AppProps { controller: ControllerHandle(c) };
                yew::Renderer::<App>::with_root_and_props(container, props).render();
            }
        });
        return;
    }
    let (Some(body), Ok(host)) = (document.body(), document.create_element("div")) else { return };
    dom::set_attributes(&host, &[(ROOT_ATTR, ""), ("data-nosnippet", "")]);
    if body.prepend_with_node_1(&host).is_err() {
        return;
    }
    let root = match stylesheet.and_then(|href| shadow_container(&document, &host, &href)) {
        Some(container) => container,
        None => host,
    };
    yew::Renderer::<App>::with_root_and_props(root, props).render();
}

/// The first-visit module's `[data-consent-root]`, when it showed a banner.
fn first_visit_host(document: &web_sys::Document) -> Option<Element> {
    document.query_selector(&format!("[{ROOT_ATTR}]")).ok()?
}

/// Calls `then` once the whole stylesheet (`href`) applies in `host`'s shadow root: at once when
/// the root links a stylesheet already (a site's own `data-css`, or a browser without
/// constructed stylesheets) or there is no shadow root or URL; else after linking it, on its
/// `load` (or `error`: the privacy centre then shows with the first layer's rules only).
fn with_whole_stylesheet(
    document: &web_sys::Document,
    host: &Element,
    href: Option<&str>,
    then: impl FnOnce() + 'static,
) {
    use wasm_bindgen::JsCast;
    let (Some(shadow), Some(href)) = (host.shadow_root(), href) else { return then() };
    if shadow.query_selector("link[rel~=\"stylesheet\"]").ok().flatten().is_some() {
        return then();
    }
    let Ok(link) = document.create_element("link") else { return then() };
    dom::set_attributes(&link, &[("rel", "stylesheet"), ("href", href)]);
    let then = Rc::new(std::cell::Cell::new(Some(then)));
    let once = Rc::clone(&then);
    let root = shadow.clone();
    let done = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
        if e.type_() == "error" {
            dom::error("the stylesheet could not be loaded into the banner's shadow root; the privacy centre may show unstyled");
        } else {
            // The first layer's constructed copy goes: adopted sheets come after linked ones in
            // the cascade, so its rules would override the whole file's later ones (the
            // privacy centre's phone header). The whole file styles the banner the same.
            // Ignored: setting the property does not throw where it exists.
            let _ = js_sys::Reflect::set(&root, &"adoptedStyleSheets".into(), &js_sys::Array::new());
        }
        if let Some(then) = once.take() {
            then();
        }
    });
    let waits = ["load", "error"]
        .iter()
        .all(|name| link.add_event_listener_with_callback(name, done.as_ref().unchecked_ref()).is_ok());
    // Lives until the stylesheet answers (once).
    done.forget();
    if shadow.prepend_with_node_1(&link).is_err() || !waits {
        // Nothing would ever answer: take over now.
        if let Some(then) = then.take() {
            then();
        }
    }
}

/// A new container in the first-visit module's `host` (in its shadow root, or in the host itself
/// where the browser has no shadow DOM), after asking the loader to release its banner
/// (`consentBanner.__release()`).
fn take_over(host: &Element) -> Option<Element> {
    use wasm_bindgen::JsCast;
    let window: wasm_bindgen::JsValue = dom::window()?.into();
    let api = js_sys::Reflect::get(&window, &crate::core::contract::GLOBAL.into()).ok()?;
    let release = js_sys::Reflect::get(&api, &"__release".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    if let Err(e) = release.call0(&api) {
        dom::warn(&format!("the first-visit banner could not be released: {}", crate::browser::api::describe(&e)));
    }
    let container = dom::document()?.create_element("div").ok()?;
    match host.shadow_root() {
        Some(shadow) => shadow.append_child(&container).ok()?,
        None => host.append_child(&container).ok()?,
    };
    Some(container)
}

/// An open shadow root on `host` holding the stylesheet and a container for the UI, hidden
/// until the stylesheet loads (or fails: then it shows unstyled rather than not at all).
fn shadow_container(document: &web_sys::Document, host: &Element, href: &str) -> Option<Element> {
    let shadow = host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).ok()?;
    let link = document.create_element("link").ok()?;
    let container = document.create_element("div").ok()?;
    dom::set_attributes(&container, &[("hidden", "")]);
    dom::set_attributes(&link, &[("rel", "stylesheet"), ("href", href)]);
    let shown = container.clone();
    use wasm_bindgen::JsCast;
    let reveal = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
        if e.type_() == "error" {
            dom::error("the stylesheet could not be loaded into the banner's shadow root; showing it unstyled");
        }
        // Ignored: removing an attribute does not throw.
        let _ = shown.remove_attribute("hidden");
        // A privacy centre opened before the stylesheet loaded could not take focus while
        // hidden: it takes it now.
        let dialog = shown
            .query_selector("[data-consent-preferences]")
            .ok()
            .flatten()
            .and_then(|d| d.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(dialog) = dialog {
            if !focus::active_in(&dialog).is_some_and(|a| dialog.contains(Some(&a))) {
                focus::move_to(&dialog, "the privacy centre");
            }
        }
    });
    let waits = ["load", "error"]
        .iter()
        .all(|name| link.add_event_listener_with_callback(name, reveal.as_ref().unchecked_ref()).is_ok());
    if !waits {
        dom::warn("the banner cannot wait for its stylesheet; it shows at once, maybe unstyled at first");
    }
    reveal.forget();
    shadow.append_child(&link).ok()?;
    // A stylesheet the loader preloaded is parsed at once: no need to wait for its load event.
    // Without the listeners, nothing would ever show the UI.
    if !waits || js_sys::Reflect::get(&link, &"sheet".into()).is_ok_and(|s| s.is_object()) {
        // Ignored: removing an attribute does not throw.
        let _ = container.remove_attribute("hidden");
    }
    shadow.append_child(&container).ok()?;
    Some(container)
}

/// Renders the cookie tables of `[data-consent-cookie-table="<area>"]` elements.
pub(crate) fn mount_tables(controller: &Rc<Controller>) {
    let Some(document) = dom::document() else {
        return;
    };
    let Ok(list) = document.query_selector_all(&format!("[{COOKIE_TABLE_ATTR}]")) else {
        return;
    };
    let config = controller.config();
    crate::browser::placeholder::release("tables");
    for i in 0..list.length() {
        let Some(el) = list.item(i).and_then(|n| wasm_bindgen::JsCast::dyn_into::<Element>(n).ok()) else {
            continue;
        };
        let wanted = el.get_attribute(COOKIE_TABLE_ATTR).unwrap_or_default();
        let area = match config.areas.iter().find(|a| a.id == wanted) {
            Some(area) => area.clone(),
            None if config.areas.is_empty() => crate::core::config::Area {
                id: String::new(),
                label: Default::default(),
                mode: config.mode,
                categories: config.categories.clone(),
                texts: Vec::new(),
            },
            None => {
                dom::error(&format!("{COOKIE_TABLE_ATTR}=\"{wanted}\" names no area of the config"));
                continue;
            }
        };
        dom::ensure_page_stylesheet();
        let props = PolicyTablesProps { controller: ControllerHandle(Rc::clone(controller)), area };
        yew::Renderer::<PolicyTables>::with_root_and_props(el, props).render();
    }
}
