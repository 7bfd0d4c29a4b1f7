//! The consent history shown in the privacy centre: one entry per choice, newest first,
//! capped so that storage never grows without bound.

use serde::{Deserialize, Serialize};

use super::consent::{Consent, Method};

/// Most entries kept; older ones are dropped.
pub const MAX_ENTRIES: usize = 20;

/// One recorded choice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// When, in seconds since the Unix epoch.
    pub time: u64,
    /// Banner version the choice was made for.
    pub version: String,
    /// Accepted optional categories.
    pub accepted: Vec<String>,
    /// `banner`, `privacy-centre` or `api`.
    pub method: String,
    /// The consent id.
    pub id: String,
    /// The browser sent Global Privacy Control when the choice was made.
    #[serde(default)]
    pub gpc: bool,
}

impl Entry {
    /// The entry for a stored consent given in a certain way.
    pub fn new(consent: &Consent, method: Method, gpc: bool) -> Entry {
        Entry {
            time: consent.time,
            version: consent.version.clone(),
            accepted: consent.accepted.clone(),
            method: method.as_str().to_string(),
            id: consent.id.clone(),
            gpc,
        }
    }
}

/// Adds an entry in front and drops the oldest beyond [`MAX_ENTRIES`].
pub fn record(mut history: Vec<Entry>, entry: Entry) -> Vec<Entry> {
    history.insert(0, entry);
    history.truncate(MAX_ENTRIES);
    history
}

/// Reads stored history; anything unreadable is an empty history, never an error.
pub fn parse(text: &str) -> Vec<Entry> {
    let mut entries: Vec<Entry> = serde_json::from_str(text).unwrap_or_default();
    entries.truncate(MAX_ENTRIES);
    entries
}
