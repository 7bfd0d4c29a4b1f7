//! # consent-banner
//!
//! A cookie-consent banner and privacy centre: the consent logic is plain Rust ([`core`]),
//! carried out in the browser by a small layer over web-sys and shown by a Yew component.
//! A site adds one script tag; see the README.
//!
//! The crate builds two wasm modules. With the default `full` feature: the whole component
//! (config validator, controller, Yew UI). Without it, on wasm32: the returning-visitor runtime,
//! `no_std` and without wasm-bindgen, which exposes [`core::returning::decide`] to the loader.
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
//! let decision = consent::decide(&config.policy(), &[], None, 1_800_000_000);
//! assert_eq!(decision.surface, consent::Surface::Banner);
//! assert_eq!(decision.active, ["essential"]);
//! # Ok::<(), consent_banner::core::config::ConfigErrors>(())
//! ```
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]
#![warn(missing_docs)]
// The returning-visitor runtime (wasm32 without the `full` feature) is built without std. The
// browser is `wasm32-unknown-unknown`; `wasm32-wasip1` builds `check` for Node (the npm
// package's `consent-banner-check`), which is a host program like any other.
#![cfg_attr(all(target_arch = "wasm32", target_os = "unknown", not(feature = "full")), no_std)]

extern crate alloc;

pub mod core;

#[cfg(all(target_arch = "wasm32", target_os = "unknown", feature = "full"))]
mod boot;
#[cfg(all(target_arch = "wasm32", target_os = "unknown", feature = "full"))]
pub mod browser;
#[cfg(all(target_arch = "wasm32", target_os = "unknown", not(feature = "full")))]
mod runtime;
#[cfg(all(target_arch = "wasm32", target_os = "unknown", feature = "full"))]
pub mod ui;

/// Boots consent-banner; called by the loader script with its own `<script>` element, whose
/// `data-config` and `data-area` it reads. The runtime passes the config text it fetched
/// when it hands over, `after_runtime` when it had already activated the page's tags, and its
/// built-in texts: first.js's function (`texts(code)`, a promise of the file) or the URL of the
/// `i18n/` folder.
#[cfg(all(target_arch = "wasm32", target_os = "unknown", feature = "full"))]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn start(
    loader: Option<web_sys::Element>,
    config: Option<String>,
    after_runtime: Option<bool>,
    texts: wasm_bindgen::JsValue,
) {
    boot::start(loader, config, after_runtime.unwrap_or(false), texts);
}

/// Boots consent-banner from page code or a bundler: `run({ config: "/consent.json" | {…}, area, i18n })`,
/// `i18n` the URL of the package's `i18n/` folder (the built-in texts, one file per language).
/// Without `config`, the page's inline `<script type="application/json" data-consent-config>` is used.
/// Returns a promise of `window.consentBanner`, resolved once it answers; rejected when the page
/// view cannot start (the console and `consent:error` say why).
#[cfg(all(target_arch = "wasm32", target_os = "unknown", feature = "full"))]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn run(options: wasm_bindgen::JsValue) -> js_sys::Promise {
    boot::run(boot::Options::from_js(&options))
}

/// Diagnostics only: panics on purpose, so that a test (and a curious site owner) can check that
/// a panic is logged on the console and leaves the page usable. Never called by the component.
#[cfg(all(target_arch = "wasm32", target_os = "unknown", feature = "full"))]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = "__selfTestPanic")]
#[allow(clippy::panic)]
pub fn self_test_panic() {
    // No hook is installed here: the one set at start-up must have survived the UI's rendering.
    panic!("self-test panic requested by __selfTestPanic()");
}
