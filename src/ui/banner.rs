//! The first layer: the ask banner (Accept all, Reject all, Customise) or the inform notice.
//! Its markup is the core's ([`crate::core::view::banner`]), the same the first-visit module
//! shows, so that taking the banner over from that module changes nothing on screen.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use super::focus::BannerSpace;
use super::ControllerHandle;
use crate::core::consent::{Choice, Method};
use crate::core::contract::{
    ACTION_ACCEPT_ALL, ACTION_ACKNOWLEDGE, ACTION_ATTR, ACTION_CUSTOMISE, ACTION_PARTNERS, ACTION_REJECT_ALL,
    LANGUAGE_ATTR,
};
use crate::core::view::{self, BannerInput};

/// Props of [`Banner`].
#[derive(Properties, PartialEq)]
pub struct BannerProps {
    /// The page's controller.
    pub controller: ControllerHandle,
    /// The language shown.
    pub lang: AttrValue,
    /// The visitor chose (or acknowledged).
    pub on_answered: Callback<()>,
    /// The visitor pressed Customise.
    pub on_customise: Callback<()>,
}

/// The banner or notice. Its three first-layer buttons look alike: refusing is as easy as
/// accepting.
#[component]
pub fn Banner(props: &BannerProps) -> Html {
    let controller = Rc::clone(&props.controller.0);
    let config = controller.config();
    let lang = props.lang.to_string();

    // While shown, the page keeps what is focused in it clear of the banner (WCAG 2.4.11).
    let section = use_node_ref();
    super::layer::use_top_layer(section.clone());
    {
        let section = section.clone();
        use_effect_with((), move |_| {
            let space = section.cast::<Element>().and_then(BannerSpace::reserve);
            move || drop(space)
        });
    }
    {
        // The buttons and the language select of the core's markup, by delegation.
        let section = section.clone();
        let controller = Rc::clone(&controller);
        let deps = (props.on_answered.clone(), props.on_customise.clone());
        use_effect_with(deps, move |(on_answered, on_customise)| {
            let listeners = section.cast::<Element>().map(|el| {
                let (on_answered, on_customise) = (on_answered.clone(), on_customise.clone());
                let c = Rc::clone(&controller);
                let click = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
                    let action = e
                        .target()
                        .and_then(|t| t.dyn_into::<Element>().ok())
                        .and_then(|t| t.closest(&format!("[{ACTION_ATTR}]")).ok().flatten())
                        .and_then(|b| b.get_attribute(ACTION_ATTR));
                    match action.as_deref() {
                        Some(ACTION_ACCEPT_ALL) => c.choose(Choice::AcceptAll, Method::Banner),
                        Some(ACTION_REJECT_ALL) => c.choose(Choice::RejectAll, Method::Banner),
                        Some(ACTION_ACKNOWLEDGE) => c.acknowledge(),
                        // The partners not named are listed in the privacy centre.
                        Some(ACTION_CUSTOMISE | ACTION_PARTNERS) => return on_customise.emit(()),
                        _ => return,
                    }
                    on_answered.emit(());
                });
                let c = Rc::clone(&controller);
                let change = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
                    let select = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok());
                    if let Some(select) = select.filter(|s| s.has_attribute(LANGUAGE_ATTR)) {
                        c.set_language(&select.value());
                    }
                });
                // Without them the buttons would do nothing: the console says so.
                for (name, f) in [("click", &click), ("change", &change)] {
                    if el.add_event_listener_with_callback(name, f.as_ref().unchecked_ref()).is_err() {
                        crate::browser::dom::error("the banner's buttons could not be wired");
                    }
                }
                (el, click, change)
            });
            move || {
                if let Some((el, click, change)) = listeners {
                    for (name, f) in [("click", &click), ("change", &change)] {
                        // Ignored: removing a listener that is there cannot fail.
                        let _ = el.remove_event_listener_with_callback(name, f.as_ref().unchecked_ref());
                    }
                }
            }
        });
    }

    let refused = gpc_labels(&controller, &lang);
    super::markup::to_html(&view::banner(&config, &BannerInput { lang: &lang, gpc_refused: &refused }), section)
}

/// Labels of the categories Global Privacy Control refuses on this page, in `lang`.
fn gpc_labels(controller: &crate::browser::controller::Controller, lang: &str) -> Vec<String> {
    let config = controller.config();
    controller
        .gpc_refused()
        .iter()
        .filter_map(|id| config.category(id))
        .filter_map(|c| c.label.get(lang).cloned())
        .collect()
}

/// Says why some categories start refused when the browser sends Global Privacy Control (the
/// core's markup, as in the banner).
pub(crate) fn gpc_notice(controller: &crate::browser::controller::Controller, lang: &str) -> Html {
    let labels = gpc_labels(controller, lang);
    match view::gpc_notice(&controller.config(), lang, &labels) {
        Some(node) => super::markup::to_html(&node, NodeRef::default()),
        None => html! {},
    }
}
