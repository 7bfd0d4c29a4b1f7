//! Consent state, its cookie codec, and the decisions taken from it.
//!
//! Time and randomness are arguments, so every decision is testable on the host.

use ::core::fmt;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use super::hash::fnv1a_32;
use super::policy::{
    entry_parts, escape, from_base36, is_valid_entry, service_entry, to_base36, unescape, Gate, Mode, Policy,
};

/// Clock skew tolerated before a consent time counts as "in the future" (and so as tampered).
pub const FUTURE_SKEW_SECS: u64 = 600;
/// Prefix of the current codec version; older or unknown prefixes read as "no consent".
const CODEC: &str = "v1";

/// How a choice was given, recorded in the history and in receipts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// On the first layer or Customise layer of the banner.
    Banner,
    /// In the privacy centre.
    PrivacyCentre,
    /// Through the JS API.
    Api,
    /// With the button of a blocked-content placeholder (contextual consent).
    Contextual,
}

impl Method {
    /// Name used in events, history and receipts.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Banner => "banner",
            Method::PrivacyCentre => "privacy-centre",
            Method::Api => "api",
            Method::Contextual => "contextual",
        }
    }
}

/// The visitor's stored choice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consent {
    /// Banner version the choice was made for.
    pub version: String,
    /// Accepted optional categories (all of each: every service of it too) and, for a category
    /// accepted in part, each accepted service as `category:service`; sorted and without
    /// duplicates; everything else is refused. (A sorted `Vec` rather than a `BTreeSet` keeps
    /// the B-tree out of the runtime's wasm.)
    pub accepted: Vec<String>,
    /// When the choice was made, in seconds since the Unix epoch.
    pub time: u64,
    /// Random id the visitor can quote to the site's privacy team (16 hex digits).
    pub id: String,
}

impl Consent {
    /// True when this consent accepts the optional category `id` as a whole (every service of
    /// it, if it has services), or, for an entry `category:service`, that service.
    pub fn accepts(&self, id: &str) -> bool {
        self.accepted.iter().any(|a| a == id)
            || entry_parts(id).1.is_some() && self.accepted.iter().any(|a| a == entry_parts(id).0)
    }
}

/// What the visitor chose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Every optional category.
    AcceptAll,
    /// No optional category.
    RejectAll,
    /// Exactly these optional categories and services (`category:service`); a category
    /// named whole, or with every service of it named, is accepted whole. Unknown ids and
    /// repeats are dropped. A `Vec`, not a set: the first-visit module's wasm then carries no
    /// B-tree.
    Only(Vec<String>),
}

/// Why a stored consent cookie was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rejected {
    /// The value is not one this codec wrote (garbage, truncated, another tool's value).
    Unreadable,
    /// The value parses but its checksum does not match: edited or corrupted.
    Tampered,
    /// Written for another banner version: the content changed since.
    OtherVersion(String),
    /// Names a category this config does not have.
    UnknownCategory(String),
    /// Its time lies in the future.
    FromTheFuture,
    /// Older than the consent cookie's lifetime: it should have expired.
    Expired,
    /// Several different values under the cookie's name (several paths or domains).
    Ambiguous,
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejected::OtherVersion(v) => {
                write!(f, "the consent cookie is for banner version {v:?}")
            }
            Rejected::UnknownCategory(c) => {
                write!(f, "the consent cookie names unknown category {c:?}")
            }
            _ => f.write_str(&self.message()),
        }
    }
}

impl Rejected {
    /// What `Display` writes, without `core::fmt`: the same words, with a version or category
    /// quoted as JSON quotes it (as `{:?}` does, for a category id or a printable version).
    pub fn message(&self) -> String {
        let quoted = |before: &str, s: &str| {
            let mut out = String::from(before);
            super::json_string(&mut out, s);
            out
        };
        match self {
            Rejected::Unreadable => "the consent cookie is unreadable".into(),
            Rejected::Tampered => "the consent cookie fails its checksum".into(),
            Rejected::OtherVersion(v) => quoted("the consent cookie is for banner version ", v),
            Rejected::UnknownCategory(c) => quoted("the consent cookie names unknown category ", c),
            Rejected::FromTheFuture => "the consent cookie's time is in the future".into(),
            Rejected::Expired => "the consent cookie is older than its lifetime".into(),
            Rejected::Ambiguous => "there are several different consent cookies".into(),
        }
    }
}

// ---- codec ----------------------------------------------------------------------------------

/// Encodes consent as a compact cookie value:
/// `v1.<version>.<cat~cat>.<time base 36>.<id>.<checksum>`, fields percent-escaped.
/// The checksum catches truncation and casual edits; it is not a signature (the visitor owns
/// the cookie and may refuse anything anyway).
pub fn encode(consent: &Consent) -> String {
    let cats: Vec<String> = consent.accepted.iter().map(|c| escape(c)).collect();
    let body = super::join_all(
        &[
            CODEC.to_string(),
            escape(&consent.version),
            super::join_all(&cats, "~"),
            to_base36(consent.time),
            escape(&consent.id),
        ],
        ".",
    );
    let sum = to_base36(u64::from(fnv1a_32(body.as_bytes())));
    body + "." + &sum
}

/// Decodes a value written by [`encode`]; anything else is `Unreadable` or `Tampered`.
pub fn decode(value: &str) -> Result<Consent, Rejected> {
    if value.len() > 1024 {
        return Err(Rejected::Unreadable);
    }
    let fields: Vec<&str> = super::policy::split_on(value, b'.').collect();
    let [codec, version, cats, time, id, sum] = fields.as_slice() else {
        return Err(Rejected::Unreadable);
    };
    if *codec != CODEC {
        return Err(Rejected::Unreadable);
    }
    let body_len = value.len() - sum.len() - 1;
    if from_base36(sum) != value.as_bytes().get(..body_len).map(|b| u64::from(fnv1a_32(b))) {
        return Err(Rejected::Tampered);
    }
    let version = unescape(version).ok_or(Rejected::Unreadable)?;
    let mut accepted: Vec<String> = Vec::new();
    if !cats.is_empty() {
        for c in super::policy::split_on(cats, b'~') {
            let c = unescape(c).ok_or(Rejected::Unreadable)?;
            if !is_valid_entry(&c) {
                return Err(Rejected::Unreadable);
            }
            // This codec writes them sorted and once each; anything else was not written by it.
            if accepted.last().is_some_and(|last| *last >= c) {
                return Err(Rejected::Unreadable);
            }
            accepted.push(c);
        }
    }
    let time = from_base36(time).ok_or(Rejected::Unreadable)?;
    let id = unescape(id).ok_or(Rejected::Unreadable)?;
    if id.len() != 16 || !id.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(Rejected::Unreadable);
    }
    Ok(Consent { version, accepted, time, id })
}

/// The banner cookie's value for a banner version.
pub fn banner_value(version: &str) -> String {
    escape(version)
}

/// Formats 8 random bytes as a consent id.
pub fn consent_id(random: [u8; 8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    random.iter().flat_map(|b| [HEX[usize::from(b >> 4)] as char, HEX[usize::from(b & 15)] as char]).collect()
}

// ---- decisions ------------------------------------------------------------------------------

/// What the page shows on load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Surface {
    /// Nothing: the visitor already answered this version.
    Nothing,
    /// The ask banner.
    Banner,
    /// The inform notice.
    Notice,
}

/// The decision taken on a page view from the config and the stored cookies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// What to show.
    pub surface: Surface,
    /// The valid stored consent, if any.
    pub consent: Option<Consent>,
    /// Categories whose tags may run now, in config order.
    pub active: Vec<String>,
    /// Why a stored consent cookie was set aside, for the console.
    pub rejected: Option<Rejected>,
}

/// Checks a stored consent cookie against the policy and the clock.
pub fn validate(policy: &Policy, values: &[&str], now: u64) -> Result<Option<Consent>, Rejected> {
    // Several equal values (the same cookie seen twice) are one; different ones are ambiguous.
    let value = match values.split_first() {
        None => return Ok(None),
        Some((first, rest)) if rest.iter().all(|v| v == first) => *first,
        Some(_) => return Err(Rejected::Ambiguous),
    };
    let consent = decode(value)?;
    if consent.version != policy.version {
        return Err(Rejected::OtherVersion(consent.version));
    }
    if let Some(unknown) = consent.accepted.iter().find(|c| !policy.is_known_optional(c)) {
        return Err(Rejected::UnknownCategory(unknown.clone()));
    }
    if consent.time > now.saturating_add(FUTURE_SKEW_SECS) {
        return Err(Rejected::FromTheFuture);
    }
    if now.saturating_sub(consent.time) > policy.consent_max_age {
        return Err(Rejected::Expired);
    }
    Ok(Some(consent))
}

/// Decides what a page view shows and which categories' tags run.
///
/// `consent_values` are every value found under the consent cookie's name; `banner_cookie` is
/// the banner cookie's value. Anything unreadable means "no consent": fail closed.
pub fn decide(policy: &Policy, consent_values: &[&str], banner_cookie: Option<&str>, now: u64) -> Decision {
    let (consent, rejected) = match validate(policy, consent_values, now) {
        Ok(c) => (c, None),
        Err(r) => (None, Some(r)),
    };
    let answered = match policy.mode {
        Mode::Ask => consent.is_some(),
        Mode::Inform => banner_cookie == Some(banner_value(&policy.version).as_str()),
    };
    let surface = match (answered, policy.mode) {
        (true, _) => Surface::Nothing,
        (false, Mode::Ask) => Surface::Banner,
        (false, Mode::Inform) => Surface::Notice,
    };
    let active = active_categories(policy, consent.as_ref(), answered);
    Decision { surface, consent, active, rejected }
}

/// The categories and services whose tags may run, in config order: required categories
/// (those waiting for a choice only once there is one) and optional ones accepted whole, each
/// followed by the entries of its services (`category:service`), and the accepted services of
/// a category accepted in part. A tag that names only its category runs when the category is
/// here; a tag that names a service runs when the service's entry is.
pub fn active_categories(policy: &Policy, consent: Option<&Consent>, answered: bool) -> Vec<String> {
    let mut out = Vec::new();
    for c in &policy.categories {
        let whole =
            if c.required { !c.after_choice || answered } else { consent.is_some_and(|s| s.accepted.contains(&c.id)) };
        if whole {
            out.push(c.id.clone());
        }
        for service in &c.services {
            let entry = service_entry(&c.id, service);
            if whole || !c.required && consent.is_some_and(|s| s.accepted.contains(&entry)) {
                out.push(entry);
            }
        }
    }
    out
}

/// What `choice` accepts of one optional category: its id (all of it), the entries of some of
/// its services, or nothing.
fn chosen_of(gate: &Gate, choice: &Choice) -> Vec<String> {
    let ids = match choice {
        Choice::AcceptAll => return vec![gate.id.clone()],
        Choice::RejectAll => return Vec::new(),
        Choice::Only(ids) => ids,
    };
    if ids.contains(&gate.id) {
        return vec![gate.id.clone()];
    }
    let services: Vec<String> =
        gate.services.iter().map(|s| service_entry(&gate.id, s)).filter(|e| ids.contains(e)).collect();
    if !services.is_empty() && services.len() == gate.services.len() {
        vec![gate.id.clone()]
    } else {
        services
    }
}

/// Turns a choice into the consent to store. The choice covers the optional categories of this
/// config (or area); those of other areas keep their earlier answer. The consent id of an
/// earlier valid consent is kept so that a visitor's choices share one id; `random` makes a
/// new one otherwise.
pub fn apply(policy: &Policy, choice: &Choice, previous: Option<&Consent>, now: u64, random: [u8; 8]) -> Consent {
    let here: Vec<&str> = policy.optional_ids().collect();
    let chosen = policy.categories.iter().filter(|c| !c.required).flat_map(|c| chosen_of(c, choice));
    // A choice on one area of a site leaves the categories (and services) of other areas as
    // they were.
    let kept = previous.into_iter().flat_map(|p| &p.accepted).filter(|c| !here.contains(&entry_parts(c).0)).cloned();
    let all: Vec<String> = chosen.into_iter().chain(kept).collect();
    // Sorted and without repeats: a handful of ids, so the smallest one greater than the last
    // taken is taken each time (without sort's code in the wasm).
    let mut accepted: Vec<String> = Vec::new();
    while let Some(next) = all.iter().filter(|c| accepted.last().is_none_or(|last| *c > last)).min() {
        accepted.push(next.clone());
    }
    Consent {
        version: policy.version.clone(),
        accepted,
        time: now,
        id: previous.map(|p| p.id.clone()).unwrap_or_else(|| consent_id(random)),
    }
}

/// The `Choice::Only` ids that `acceptService(services, category)` means: what `accepted` (a
/// stored consent's list) holds for every other category, as it is, and for `category` exactly
/// `services` (`None`: all of it; an empty list: none of it).
pub fn services_choice(accepted: &[String], category: &str, services: Option<&[String]>) -> Vec<String> {
    let mut ids: Vec<String> = accepted.iter().filter(|e| entry_parts(e).0 != category).cloned().collect();
    match services {
        None => ids.push(category.to_string()),
        Some(list) => ids.extend(list.iter().map(|s| service_entry(category, s))),
    }
    ids
}

/// What changed between two sets of active categories.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    /// Newly active, in config order: their tags run now.
    pub granted: Vec<String>,
    /// No longer active, in config order: their cookies are cleared.
    pub withdrawn: Vec<String>,
}

/// Compares the active categories before and after a choice.
pub fn change(before: &[String], after: &[String]) -> Change {
    Change {
        granted: after.iter().filter(|c| !before.contains(c)).cloned().collect(),
        withdrawn: before.iter().filter(|c| !after.contains(c)).cloned().collect(),
    }
}
