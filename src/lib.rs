//! # consent-banner
//!
//! A cookie-consent banner and privacy centre: the consent logic is plain Rust ([`core`]),
//! carried out in the browser by a small layer over web-sys and shown by a Yew component.
//! A site adds one stylesheet and one script tag; see the README.
//!
//! ```
//! use consent_banner::core::{config::Config, consent};
//!
//! let config = Config::from_json(r#"{
//!   "version": "2026-11", "policyLink": "/cookie-policy",
//!   "categories": [
//!     { "id": "essential", "required": true,
//!       "label": { "en": "Essential" }, "description": { "en": "Needed for the site to work." } },
//!     { "id": "analytics",
//!       "label": { "en": "Analytics" }, "description": { "en": "Helps us improve the site." } }
//!   ]
//! }"#)?;
//!
//! // A first visit: no cookie, so the banner shows and only essential tags run.
//! let decision = consent::decide(&config, &[], None, 1_800_000_000);
//! assert_eq!(decision.surface, consent::Surface::Banner);
//! assert_eq!(decision.active, ["essential"]);
//! # Ok::<(), consent_banner::core::config::ConfigErrors>(())
//! ```
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]
#![warn(missing_docs)]

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod ui;

/// Boots consent-banner; called by the loader script with its own `<script>` element, whose
/// `data-config` and `data-area` it reads.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn start(loader: Option<web_sys::Element>) {
    browser::boot::start(loader);
}

/// Boots consent-banner from page code or a bundler: `run({ config: "/consent.json" | {…}, area })`.
/// Without `config`, the page's inline `<script type="application/json" data-consent-config>` is used.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn run(options: wasm_bindgen::JsValue) {
    browser::boot::run(browser::boot::Options::from_js(&options));
}

/// Diagnostics only: panics on purpose, so that a test (and a curious site owner) can check that
/// a panic is logged on the console and leaves the page usable. Never called by the component.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = "__selfTestPanic")]
#[allow(clippy::panic)]
pub fn self_test_panic() {
    browser::boot::install_panic_hook();
    panic!("self-test panic requested by __selfTestPanic()");
}
