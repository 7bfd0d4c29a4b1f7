//! The consent history in `localStorage`, through gloo-storage. Storage that is missing or
//! throws (sandboxed iframes, blocked storage) means no history, silently; a write it refuses
//! (full quota) is reported on the console.

use gloo_storage::{LocalStorage, Storage};

use super::{api, dom};
use crate::core::history::{self, Entry};
use crate::core::policy::{self, Policy, Stored};

/// The `localStorage` key of the history.
pub use crate::core::contract::HISTORY_KEY;

/// gloo-storage panics when `localStorage` itself throws, so check access first.
fn available() -> bool {
    web_sys::window().is_some_and(|w| matches!(w.local_storage(), Ok(Some(_))))
}

/// The recorded choices, newest first.
pub fn load_history() -> Vec<Entry> {
    if !available() {
        return Vec::new();
    }
    match LocalStorage::raw().get_item(HISTORY_KEY) {
        Ok(Some(text)) => history::parse(&text),
        _ => Vec::new(),
    }
}

/// The stored history text (empty when none), or `None` when storage is unavailable.
pub fn load_history_text() -> Option<String> {
    if !available() {
        return None;
    }
    Some(LocalStorage::raw().get_item(HISTORY_KEY).ok().flatten().unwrap_or_default())
}

/// Caches the policy of a validated config text for the returning-visitor runtime; without
/// storage there is no cache and the full module serves every page view.
pub fn save_policy(area: Option<&str>, hash: u64, policy: Policy) {
    if available() {
        let key = policy::storage_key(area);
        let text = Stored { hash, policy }.encode();
        if LocalStorage::raw().get_item(&key).ok().flatten().as_deref() != Some(text.as_str()) {
            if let Err(e) = LocalStorage::raw().set_item(&key, &text) {
                dom::warn(&format!(
                    "could not cache the config's policy ({}); the full module serves every page view",
                    api::describe(&e)
                ));
            }
        }
    }
}
