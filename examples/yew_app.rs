//! A Yew app that shows the consent banner as one of its own components:
//! `html! { <ConsentBanner config={…} /> }`. Build it with `make example` and open
//! `/examples/yew-app/index.html` on the demo server (`make demo`).
//!
//! The config is compiled in (`yew-app/config.json`) and validated at start-up; an invalid one
//! shows a message instead of the banner, and no optional tag runs. Gated tags work as on any
//! page: the analytics script is in `index.html`, the marketing pixel is rendered below.
// wasm32 only: on the host (`cargo test`, `cargo clippy --all-targets`) this is an empty crate.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use consent_banner::core::config::Config;
use consent_banner::ui::ConsentBanner;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

/// The consent config, checked by `Config::from_json` when the app starts.
const CONFIG: &str = include_str!("yew-app/config.json");

#[component]
fn App() -> Html {
    // Parsed once; `Rc` so that re-renders hand the banner the same config.
    let config = use_memo((), |_| Config::from_json(CONFIG).map(Rc::new).map_err(|errors| errors.to_string()));
    let banner = match &*config {
        // The stylesheet (consent-banner.css) styles what is inside `[data-consent-root]`.
        Ok(config) => html! {
            <div data-consent-root="">
                <ConsentBanner config={Rc::clone(config)} />
            </div>
        },
        Err(errors) => html! {
            <div class="example-error" role="alert" data-example-config-error="">
                <p>{ "The consent config is invalid, so no optional tag will run:" }</p>
                <pre>{ errors.clone() }</pre>
            </div>
        },
    };
    html! {
        <>
            <header><strong>{ "consent-banner · Yew example" }</strong></header>
            <main>
                <h1>{ "A Yew app with a consent banner" }</h1>
                <p>
                    { "This page is a Yew app. It renders " }<code>{ "<ConsentBanner config={…} />" }</code>
                    { " from the consent-banner crate; the analytics script in index.html and the marketing pixel \
                       this app renders stay inert until you accept their category." }
                </p>
                // A gated tag rendered by Yew: loaded once marketing is accepted.
                <img data-consent-category="marketing" data-src="/www/tags/numberly-pixel.gif" alt="" width="1" height="1" hidden=true />
            </main>
            { banner }
        </>
    }
}

/// Mounts the app into `#app` when the module is instantiated.
#[wasm_bindgen(start)]
fn mount() {
    match web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("app")) {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}
