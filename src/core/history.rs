//! The consent history shown in the privacy centre: one entry per choice, newest first,
//! capped so that storage never grows without bound.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::consent::{Consent, Method};
use super::json::{self, Value};

/// Most entries kept; older ones are dropped.
pub const MAX_ENTRIES: usize = 20;

/// One recorded choice.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    /// The browser sent Global Privacy Control when the choice was made (`false` when an
    /// entry stored before this field existed lacks it).
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

    /// The entry as stored: `{"time":…,"version":…,"accepted":[…],"method":…,"id":…,"gpc":…}`.
    pub fn to_value(&self) -> Value {
        json::object([
            ("time", self.time.into()),
            ("version", self.version.as_str().into()),
            ("accepted", self.accepted.iter().map(String::as_str).collect()),
            ("method", self.method.as_str().into()),
            ("id", self.id.as_str().into()),
            ("gpc", self.gpc.into()),
        ])
    }
}

/// Adds an entry in front and drops the oldest beyond [`MAX_ENTRIES`].
pub fn record(history: Vec<Entry>, entry: Entry) -> Vec<Entry> {
    // Not `Vec::insert`, whose panic path formats numbers.
    let mut out = Vec::with_capacity(MAX_ENTRIES);
    out.push(entry);
    out.extend(history.into_iter().take(MAX_ENTRIES - 1));
    out
}

/// The history as stored, a JSON array of entries (see [`Entry::to_value`]); [`parse`] reads it.
pub fn to_json(history: &[Entry]) -> String {
    json::to_json(&history.iter().map(Entry::to_value).collect())
}

/// Reads stored history; anything unreadable is an empty history, never an error.
pub fn parse(text: &str) -> Vec<Entry> {
    // Every entry must be whole, or none is read.
    let entries = json::parse(text).ok().and_then(|v| match v {
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
