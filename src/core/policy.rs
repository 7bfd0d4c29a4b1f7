//! The part of a config that decides which tags run: versions, cookie names, categories and the
//! Consent Mode map. The small runtime that serves returning visitors works from this alone, so
//! it carries neither the config parser nor the UI; both runtimes decide through the same
//! functions in [`super::consent`].
//!
//! A policy is derived from a validated config by `Config::policy` (full build) and cached in
//! the browser as a short text ([`Stored`]) together with the hash of the config text it came
//! from: the runtime trusts the cache only while the config text is byte for byte the one the
//! validator accepted.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

/// Whether the banner asks for choices or only informs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Categories to accept or refuse: Accept all, Reject all, Customise.
    Ask,
    /// A notice for pages that use essential cookies only: one acknowledge button.
    Inform,
}

impl Mode {
    /// The value used in the config and in `data-consent-mode`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Ask => "ask",
            Mode::Inform => "inform",
        }
    }
}

/// One category as far as gating is concerned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gate {
    /// Category id.
    pub id: String,
    /// Always active: the visitor cannot refuse it.
    pub required: bool,
    /// A required category whose tags wait for the first choice (see `afterChoice`).
    pub after_choice: bool,
    /// Ids of its services, each consented to on its own.
    pub services: Vec<String>,
}

/// What decides, on a page view, which categories' tags run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Banner version; a consent for another version is asked again.
    pub version: String,
    /// Ask or inform.
    pub mode: Mode,
    /// Name of the consent cookie.
    pub consent_cookie: String,
    /// Lifetime of the consent cookie in seconds; an older consent has expired.
    pub consent_max_age: u64,
    /// Name of the banner cookie (inform mode's answer).
    pub banner_cookie: String,
    /// This page's categories (its area's, for a config with areas), in config order.
    pub categories: Vec<Gate>,
    /// Every optional category id of the site, across areas, and the entry of each of their
    /// services (`category:service`): a stored consent may name any.
    pub known_optional: Vec<String>,
    /// Google Consent Mode: category id (or service entry) → consent types it grants.
    pub google_consent_mode: Vec<(String, Vec<String>)>,
}

impl Policy {
    /// True when some area of the site has an optional category with this id.
    pub fn is_known_optional(&self, id: &str) -> bool {
        self.known_optional.iter().any(|k| k == id)
    }

    /// What a gate (`data-consent-category`, with `data-consent-service` as `category:service`)
    /// or an API call may name on this page: every category id, then every service entry.
    pub fn gate_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.categories.iter().map(|c| c.id.clone()).collect();
        for c in &self.categories {
            names.extend(c.services.iter().map(|s| service_entry(&c.id, s)));
        }
        names
    }

    /// The ids of the categories a visitor can accept or refuse on this page, in order.
    pub fn optional_ids(&self) -> impl Iterator<Item = &str> {
        self.categories.iter().filter(|c| !c.required).map(|c| c.id.as_str())
    }
}

/// The entry that stands for a service in consent lists, `active` lists, events and receipts:
/// `"<category id>:<service id>"`. A category's own id stands for all of it.
pub fn service_entry(category: &str, service: &str) -> String {
    let mut out = String::with_capacity(category.len() + 1 + service.len());
    out.push_str(category);
    out.push(':');
    out.push_str(service);
    out
}

/// The category and, for a service entry, the service of a consent entry.
pub fn entry_parts(entry: &str) -> (&str, Option<&str>) {
    match split_once_on(entry, b':') {
        Some((category, service)) => (category, Some(service)),
        None => (entry, None),
    }
}

/// True for a category id or a service entry made of two ids.
pub fn is_valid_entry(entry: &str) -> bool {
    match entry_parts(entry) {
        (category, Some(service)) => is_valid_id(category) && is_valid_id(service),
        (category, None) => is_valid_id(category),
    }
}

/// True for identifiers used in markup and cookies: `[a-z][a-z0-9_-]{0,31}`.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some('a'..='z'))
        && id.len() <= 32
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_' | '-'))
}

/// Google Consent Mode states for the active categories, in the order the types first appear
/// in the map: a type is granted when any category (or service entry) mapped to it is active.
/// A category with services is active only when all of them are accepted.
pub fn google_consent_states(map: &[(String, Vec<String>)], active: &[String]) -> Vec<(String, bool)> {
    let mut states: Vec<(String, bool)> = Vec::new();
    for (category, types) in map {
        let granted = active.iter().any(|a| a == category);
        for t in types {
            match states.iter_mut().find(|(name, _)| name == t) {
                Some((_, state)) => *state |= granted,
                None => states.push((t.clone(), granted)),
            }
        }
    }
    states
}

/// `text` split at every `sep` (an ASCII character), as `str::split` does, but without core's
/// char searcher: its panic paths bring integer formatting into the runtime's wasm.
pub fn split_on(text: &str, sep: u8) -> impl Iterator<Item = &str> {
    text.split(move |c: char| c as u32 == u32::from(sep))
}

/// `text` split at its first `sep` (an ASCII character), as `str::split_once` does, for the same
/// reason as [`split_on`].
pub fn split_once_on(text: &str, sep: u8) -> Option<(&str, &str)> {
    let i = text.bytes().position(|b| b == sep)?;
    Some((text.get(..i)?, text.get(i + 1..)?))
}

/// 64-bit FNV-1a of a config text: cheap enough to run on every page view, and any edit to
/// the text changes it.
pub fn text_hash(text: &str) -> u64 {
    super::hash::fnv1a_64(text.as_bytes())
}

/// The browser storage key under which the policy of a page's area is cached.
pub fn storage_key(area: Option<&str>) -> String {
    area_key(super::contract::POLICY_KEY, area)
}

/// `prefix`, followed by `:<area>` on a page with an area: the browser storage keys of what is
/// cached per area (the policy, the surfaces' kit).
pub fn area_key(prefix: &str, area: Option<&str>) -> String {
    let mut key = String::from(prefix);
    if let Some(area) = area {
        key.push(':');
        key.push_str(area);
    }
    key
}

/// A cached policy and the hash of the config text it was derived from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    /// [`text_hash`] of the config text.
    pub hash: u64,
    /// The policy of the page's area.
    pub policy: Policy,
}

/// First line of the cache format; another value reads as "no cache".
const FORMAT: &str = "p2";

impl Stored {
    /// The cache text: one field per line, list items separated by spaces, every item
    /// percent-escaped so neither separator can occur inside one.
    pub fn encode(&self) -> String {
        let p = &self.policy;
        let mut lines: Vec<String> = vec![
            FORMAT.into(),
            to_base36(self.hash),
            escape(&p.version),
            p.mode.as_str().into(),
            escape(&p.consent_cookie),
            to_base36(p.consent_max_age),
            escape(&p.banner_cookie),
        ];
        let gates = p.categories.iter().map(|g| {
            let flag = match (g.required, g.after_choice) {
                (false, _) => "o",
                (true, false) => "r",
                (true, true) => "a",
            };
            let mut item = escape(&g.id);
            item.push('=');
            item.push_str(flag);
            for service in &g.services {
                item.push('/');
                item.push_str(&escape(service));
            }
            item
        });
        lines.push(super::join_all(&gates.collect::<Vec<_>>(), " "));
        lines.push(super::join_all(&p.known_optional.iter().map(|id| escape(id)).collect::<Vec<_>>(), " "));
        let map = p.google_consent_mode.iter().map(|(category, types)| {
            let mut item = escape(category);
            item.push('=');
            item.push_str(&super::join_all(&types.iter().map(|t| escape(t)).collect::<Vec<_>>(), ","));
            item
        });
        lines.push(super::join_all(&map.collect::<Vec<_>>(), " "));
        super::join_all(&lines, "\n")
    }

    /// Reads a cache text written by [`Stored::encode`]; anything else is `None`.
    pub fn decode(text: &str) -> Option<Stored> {
        let lines: Vec<&str> = split_on(text, b'\n').collect();
        let [format, hash, version, mode, consent_cookie, max_age, banner_cookie, gates, known, map] = lines.as_slice()
        else {
            return None;
        };
        if *format != FORMAT {
            return None;
        }
        let mode = match *mode {
            "ask" => Mode::Ask,
            "inform" => Mode::Inform,
            _ => return None,
        };
        let mut categories = Vec::new();
        for item in items(gates) {
            let (id, rest) = split_once_on(item, b'=')?;
            let mut parts = split_on(rest, b'/');
            let flag = parts.next()?;
            let services = parts.map(valid_id).collect::<Option<Vec<_>>>()?;
            let (required, after_choice) = match flag {
                "o" => (false, false),
                "r" => (true, false),
                "a" => (true, true),
                _ => return None,
            };
            categories.push(Gate { id: valid_id(id)?, required, after_choice, services });
        }
        let known_optional = items(known).map(valid_entry).collect::<Option<Vec<_>>>()?;
        let mut google_consent_mode = Vec::new();
        for item in items(map) {
            let (category, types) = split_once_on(item, b'=')?;
            let types = split_on(types, b',').map(unescape).collect::<Option<Vec<_>>>()?;
            google_consent_mode.push((valid_entry(category)?, types));
        }
        Some(Stored {
            hash: from_base36(hash)?,
            policy: Policy {
                version: unescape(version)?,
                mode,
                consent_cookie: unescape(consent_cookie).filter(|n| !n.is_empty())?,
                consent_max_age: from_base36(max_age)?,
                banner_cookie: unescape(banner_cookie).filter(|n| !n.is_empty())?,
                categories,
                known_optional,
                google_consent_mode,
            },
        })
    }
}

fn items(line: &str) -> impl Iterator<Item = &str> {
    split_on(line, b' ').filter(|s| !s.is_empty())
}

fn valid_id(text: &str) -> Option<String> {
    unescape(text).filter(|id| is_valid_id(id))
}

fn valid_entry(text: &str) -> Option<String> {
    unescape(text).filter(|id| is_valid_entry(id))
}

// ---- the escaping and numbers shared with the consent cookie codec ----------------------------

/// Percent-escapes everything but `[A-Za-z0-9_-]`, so `.`, `~`, `=`, `,`, spaces and line
/// breaks can separate fields.
pub(crate) fn escape(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b == b'_' || b == b'-' {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

/// Reverses [`escape`]; `None` for anything [`escape`] cannot have written.
pub(crate) fn unescape(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b if b.is_ascii_alphanumeric() || b == b'_' || b == b'-' => {
                out.push(b);
                i += 1;
            }
            _ => return None,
        }
    }
    String::from_utf8(out).ok()
}

pub(crate) fn to_base36(n: u64) -> String {
    let mut out = String::new();
    push_base36(&mut out, n);
    out
}

/// Appends `n` in base 36 (without indexing or reversing: no panic path in the wasm).
fn push_base36(out: &mut String, n: u64) {
    if n >= 36 {
        push_base36(out, n / 36);
    }
    let digit = (n % 36) as u8;
    out.push(char::from(if digit < 10 { b'0' + digit } else { b'a' + digit - 10 }));
}

pub(crate) fn from_base36(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 13 || !s.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_lowercase()) {
        return None;
    }
    u64::from_str_radix(s, 36).ok()
}
