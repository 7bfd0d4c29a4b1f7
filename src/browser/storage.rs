//! The consent history in `localStorage`, through web-sys's `Storage`. Storage that is missing or
//! throws (sandboxed iframes, blocked storage) means no history, silently; a write it refuses
//! (full quota) is reported on the console.
//!
//! Not gloo-storage (issue 27, measured 2026-12-07): its typed API reads and writes through
//! serde_json, which would add 19.9 KB brotli to this module for a history the core already reads
//! (and `tags.js` writes); only its `raw()` was used, after this module had fetched the same
//! `Storage` to check it does not throw.

use web_sys::Storage;

use super::{api, dom};
use crate::core::history::{self, Entry};
use crate::core::policy::{self, Policy, Stored};

/// The `localStorage` key of the history.
pub use crate::core::contract::HISTORY_KEY;

/// `localStorage`, or `None` where the page has none or reading it throws.
fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The recorded choices, newest first.
pub fn load_history() -> Vec<Entry> {
    match local_storage().map(|s| s.get_item(HISTORY_KEY)) {
        Some(Ok(Some(text))) => history::parse(&text),
        _ => Vec::new(),
    }
}

/// The stored history text (empty when none), or `None` when storage is unavailable.
pub fn load_history_text() -> Option<String> {
    let storage = local_storage()?;
    Some(storage.get_item(HISTORY_KEY).ok().flatten().unwrap_or_default())
}

/// Caches the policy of a validated config text for the returning-visitor runtime; without
/// storage there is no cache and the full module serves every page view.
pub fn save_policy(area: Option<&str>, hash: u64, policy: Policy) {
    if let Some(storage) = local_storage() {
        let key = policy::storage_key(area);
        let text = Stored { hash, policy }.encode();
        if storage.get_item(&key).ok().flatten().as_deref() != Some(text.as_str()) {
            if let Err(e) = storage.set_item(&key, &text) {
                dom::warn(&format!(
                    "could not cache the config's policy ({}); the full module serves every page view",
                    api::describe(&e)
                ));
            }
        }
    }
}
