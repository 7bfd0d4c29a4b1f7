//! Validation of a receipt (the JSON `core::signals::receipt` builds) against the site's config.

use consent_banner::core::config::Config;
use consent_banner::core::json::{self, Value};

/// Longest string accepted in any field.
pub const MAX_STRING: usize = 256;
/// Most category ids (or service entries, `category:service`) accepted in `accepted` or `rejected`.
pub const MAX_CATEGORIES: usize = 64;
/// The ways a choice is given (`core::consent::Method`).
pub const METHODS: &[&str] = &["banner", "privacy-centre", "api", "contextual"];
const FIELDS: &[&str] =
    &["consentId", "time", "version", "configHash", "area", "language", "accepted", "rejected", "method", "gpc"];

/// A receipt that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// The visitor's consent id (lowercase hex).
    pub consent_id: String,
    /// The client's time of the choice, as sent (ISO 8601).
    pub time: String,
    /// The banner version.
    pub version: String,
    /// The fingerprint of the config the visitor saw.
    pub config_hash: String,
    /// The site area, if the config has areas.
    pub area: Option<String>,
    /// The language the banner was shown in.
    pub language: String,
    /// Accepted category ids, in the receipt's order.
    pub accepted: Vec<String>,
    /// Refused category ids, in the receipt's order.
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

/// Parses a receipt's body and checks it against the config.
pub fn parse(body: &[u8], config: &Config) -> Result<Receipt, Invalid> {
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
    Ok(Receipt {
        time: string(&value, "time")?,
        config_hash: string(&value, "configHash")?,
        language: string(&value, "language")?,
        accepted: categories(&value, "accepted", config)?,
        rejected: categories(&value, "rejected", config)?,
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

fn string(value: &Value, field: &str) -> Result<String, Invalid> {
    match value.get(field) {
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
    items
        .iter()
        .map(|item| match item {
            // A category id, or a service of one as `category:service`.
            Value::String(id) if config.all_categories().any(|c| c.id == *id) || config.is_known_optional(id) => {
                Ok(id.clone())
            }
            Value::String(_) => Err(Invalid::new(field, "unknown category or service")),
            _ => Err(Invalid::new(field, "must be an array of category ids")),
        })
        .collect()
}
