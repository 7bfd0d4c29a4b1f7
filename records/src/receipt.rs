//! Validation of a receipt (the JSON `core::signals::receipt` builds) against the site's config.
//! An accepted receipt is canonical: its lists sorted, with no id twice and none both accepted
//! and refused; its time RFC 3339 in UTC near the server's clock, written as
//! `2026-11-30T10:00:00.000Z`; no control character in any text.

use consent_banner::core::config::Config;
use consent_banner::core::json::{self, Value};
use consent_banner::core::policy::entry_parts;

use crate::time::{self, DAY_MS};

/// Longest string accepted in any field.
pub const MAX_STRING: usize = 256;
/// Most category ids (or service entries, `category:service`) accepted in `accepted` or `rejected`.
pub const MAX_CATEGORIES: usize = 64;
/// The ways a choice is given (`core::consent::Method`).
pub const METHODS: &[&str] = &["banner", "privacy-centre", "api", "contextual"];
/// How far a receipt's time may be from the server's clock, either way: a visitor's clock may
/// be wrong by hours, not by weeks.
pub const MAX_CLOCK_SKEW_MS: i64 = 7 * DAY_MS;
const FIELDS: &[&str] =
    &["consentId", "time", "version", "configHash", "area", "language", "accepted", "rejected", "method", "gpc"];

/// A receipt that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// The visitor's consent id (lowercase hex).
    pub consent_id: String,
    /// The client's time of the choice, RFC 3339 in UTC as JavaScript's `toISOString` writes it.
    pub time: String,
    /// The banner version.
    pub version: String,
    /// The fingerprint of the config the visitor saw.
    pub config_hash: String,
    /// The site area, if the config has areas.
    pub area: Option<String>,
    /// The language the banner was shown in.
    pub language: String,
    /// Accepted category ids (and `category:service` entries), sorted.
    pub accepted: Vec<String>,
    /// Refused category ids (and `category:service` entries), sorted.
    pub rejected: Vec<String>,
    /// How the choice was given.
    pub method: String,
    /// Whether the browser sent Global Privacy Control.
    pub gpc: bool,
}

/// Why a receipt is refused: the field concerned and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// The field's name, or empty for the whole body.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl Invalid {
    fn new(field: &str, message: impl Into<String>) -> Invalid {
        Invalid { field: field.to_string(), message: message.into() }
    }

    /// `consentId: must be 16 to 64 hexadecimal digits`.
    pub fn text(&self) -> String {
        if self.field.is_empty() {
            self.message.clone()
        } else {
            format!("{}: {}", self.field, self.message)
        }
    }
}

/// True for a consent id: 16 to 64 hexadecimal digits.
pub fn is_consent_id(id: &str) -> bool {
    (16..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Parses a receipt's body and checks it against the config and the server's clock (`now_ms`).
pub fn parse(body: &[u8], config: &Config, now_ms: i64) -> Result<Receipt, Invalid> {
    let text = std::str::from_utf8(body).map_err(|_| Invalid::new("", "the body is not UTF-8"))?;
    let value = json::parse(text).map_err(|e| Invalid::new("", format!("not valid JSON: {e}")))?;
    let Value::Object(map) = &value else {
        return Err(Invalid::new("", "the receipt must be a JSON object"));
    };
    if let Some(key) = map.keys().find(|k| !FIELDS.contains(&k.as_str())) {
        return Err(Invalid::new(&bounded_name(key), "unknown field"));
    }
    let consent_id = string(&value, "consentId")?;
    if !is_consent_id(&consent_id) {
        return Err(Invalid::new("consentId", "must be 16 to 64 hexadecimal digits"));
    }
    let version = string(&value, "version")?;
    if version != config.version {
        return Err(Invalid::new("version", format!("unknown version (the config's is {:?})", config.version)));
    }
    let area = match value.get("area") {
        None | Some(Value::Null) => None,
        Some(Value::String(a)) if config.areas.iter().any(|known| known.id == *a) => Some(a.clone()),
        Some(Value::String(_)) => return Err(Invalid::new("area", "unknown area")),
        Some(_) => return Err(Invalid::new("area", "must be null or a string")),
    };
    let method = string(&value, "method")?;
    if !METHODS.contains(&method.as_str()) {
        return Err(Invalid::new("method", format!("must be one of {}", METHODS.join(", "))));
    }
    let gpc = match value.get("gpc") {
        Some(Value::Bool(b)) => *b,
        _ => return Err(Invalid::new("gpc", "must be true or false")),
    };
    let time = string(&value, "time")?;
    let client_ms = time::parse_rfc3339_utc(&time)
        .ok_or_else(|| Invalid::new("time", "must be an RFC 3339 time in UTC, such as 2026-11-30T10:00:00.000Z"))?;
    if (client_ms - now_ms).abs() > MAX_CLOCK_SKEW_MS {
        return Err(Invalid::new("time", "more than 7 days away from the server's clock"));
    }
    let config_hash = string(&value, "configHash")?;
    if !is_config_hash(&config_hash) {
        return Err(Invalid::new(
            "configHash",
            "must be an algorithm and hexadecimal digits, such as fnv1a64:0123456789abcdef",
        ));
    }
    let language = string(&value, "language")?;
    if !is_language_tag(&language) {
        return Err(Invalid::new("language", "must be a language tag, such as en or pt-BR"));
    }
    let accepted = categories(&value, "accepted", config)?;
    let rejected = categories(&value, "rejected", config)?;
    if let Some(both) = contradiction(&accepted, &rejected) {
        return Err(Invalid::new("rejected", format!("{both:?} is both accepted and refused")));
    }
    Ok(Receipt {
        time: time::iso_ms(client_ms),
        config_hash,
        language,
        accepted,
        rejected,
        consent_id: consent_id.to_ascii_lowercase(),
        version,
        area,
        method,
        gpc,
    })
}

/// A field's name as quoted in an error: unknown keys may be long.
fn bounded_name(key: &str) -> String {
    key.chars().take(64).collect()
}

/// `fnv1a64:0123456789abcdef`: a short algorithm name and 8 to 128 hexadecimal digits.
fn is_config_hash(text: &str) -> bool {
    text.split_once(':').is_some_and(|(algorithm, digits)| {
        (1..=16).contains(&algorithm.len())
            && algorithm.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            && (8..=128).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// A BCP 47 language tag as the banner writes one: `en`, `pt-BR`, `zh-Hant-TW`.
fn is_language_tag(text: &str) -> bool {
    let mut parts = text.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && text.len() <= 35
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// An id named in both lists, or a category named whole in one list and a service of it in the
/// other.
fn contradiction(accepted: &[String], rejected: &[String]) -> Option<String> {
    let whole_in = |list: &[String], entry: &str| match entry_parts(entry) {
        (category, Some(_)) => list.iter().any(|id| id == category),
        _ => false,
    };
    accepted
        .iter()
        .find(|id| rejected.contains(id) || whole_in(rejected, id))
        .or_else(|| rejected.iter().find(|id| whole_in(accepted, id)))
        .cloned()
}

fn string(value: &Value, field: &str) -> Result<String, Invalid> {
    match value.get(field) {
        Some(Value::String(s)) if s.chars().any(char::is_control) => {
            let c = s.chars().find(|c| c.is_control()).map_or(0, u32::from);
            Err(Invalid::new(field, format!("contains a control character (U+{c:04X})")))
        }
        Some(Value::String(s)) if s.chars().count() <= MAX_STRING => Ok(s.clone()),
        Some(Value::String(_)) => Err(Invalid::new(field, format!("longer than {MAX_STRING} characters"))),
        Some(_) => Err(Invalid::new(field, "must be a string")),
        None => Err(Invalid::new(field, "missing")),
    }
}

fn categories(value: &Value, field: &str, config: &Config) -> Result<Vec<String>, Invalid> {
    let Some(Value::Array(items)) = value.get(field) else {
        return Err(Invalid::new(field, "must be an array of category ids"));
    };
    if items.len() > MAX_CATEGORIES {
        return Err(Invalid::new(field, format!("more than {MAX_CATEGORIES} categories")));
    }
    let mut ids = items
        .iter()
        .map(|item| match item {
            // A category id, or a service of one as `category:service`.
            Value::String(id) if config.all_categories().any(|c| c.id == *id) || config.is_known_optional(id) => {
                Ok(id.clone())
            }
            Value::String(_) => Err(Invalid::new(field, "unknown category or service")),
            _ => Err(Invalid::new(field, "must be an array of category ids")),
        })
        .collect::<Result<Vec<String>, Invalid>>()?;
    ids.sort_unstable();
    if let Some(pair) = ids.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(Invalid::new(field, format!("{:?} is named twice", pair[0])));
    }
    Ok(ids)
}
