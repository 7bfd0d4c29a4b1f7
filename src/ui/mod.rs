//! The Yew user interface. It renders what the controller decided and hands the visitor's
//! choices back to it; it never reads or writes cookies itself.

mod app;
mod banner;
mod cookie_table;
mod focus;
mod language;
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
            controller.start();
        });
    }
    html! { <App controller={ControllerHandle(Rc::clone(&*controller))} /> }
}

/// Renders the UI into a new element placed first in `<body>`, so that the banner's buttons are
/// among the first reached with Tab.
pub(crate) fn mount(controller: &Rc<Controller>) {
    let Some(document) = dom::document() else {
        return;
    };
    let (Some(body), Ok(root)) = (document.body(), document.create_element("div")) else {
        return;
    };
    let _ = root.set_attribute(ROOT_ATTR, "");
    let _ = root.set_attribute("data-nosnippet", "");
    if body.prepend_with_node_1(&root).is_err() {
        return;
    }
    yew::Renderer::<App>::with_root_and_props(root, AppProps { controller: ControllerHandle(Rc::clone(controller)) })
        .render();
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
            },
            None => {
                dom::error(&format!("{COOKIE_TABLE_ATTR}=\"{wanted}\" names no area of the config"));
                continue;
            }
        };
        let props = PolicyTablesProps { controller: ControllerHandle(Rc::clone(controller)), area };
        yew::Renderer::<PolicyTables>::with_root_and_props(el, props).render();
    }
}
