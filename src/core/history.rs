//! The consent history shown in the privacy centre: one entry per choice, newest first,
//! capped so that storage never grows without bound.

use serde::{Deserialize, Serialize};
use serde_json::Value;

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
    // Through `Value` rather than `Entry`'s `Deserialize`: the config is read the same way, so
    // this adds no typed-deserializer code to the wasm. Same rules: every entry must be whole.
    let entries = serde_json::from_str::<Value>(text).ok().and_then(|v| match v {
        Value::Array(items) => items.iter().map(entry).collect::<Option<Vec<Entry>>>(),
        _ => None,
    });
    let mut entries = entries.unwrap_or_default();
    entries.truncate(MAX_ENTRIES);
    entries
}

fn entry(value: &Value) -> Option<Entry> {
    let map = value.as_object()?;
    let text = |key: &str| map.get(key)?.as_str().map(String::from);
    Some(Entry {
        time: map.get("time")?.as_u64()?,
        version: text("version")?,
        accepted: map
            .get("accepted")?
            .as_array()?
            .iter()
            .map(|a| a.as_str().map(String::from))
            .collect::<Option<_>>()?,
        method: text("method")?,
        id: text("id")?,
        gpc: match map.get("gpc") {
            None => false,
            Some(gpc) => gpc.as_bool()?,
        },
    })
}
