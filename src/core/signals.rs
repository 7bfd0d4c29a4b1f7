//! What consent-banner tells others about a choice: Google Consent Mode v2 states, the
//! `dataLayer` event for tag managers, and the proof-of-consent receipt.

use serde_json::{json, Value};

use super::config::Config;
use super::consent::{Consent, Method};

/// The four consent types Google requires a default for, all denied until a choice.
pub const GOOGLE_DEFAULT_TYPES: &[&str] = &["ad_storage", "ad_user_data", "ad_personalization", "analytics_storage"];

/// The `gtag('consent', 'update', …)` argument for the active categories: each mapped type is
/// granted when any category mapped to it is active, denied otherwise. `None` when Consent Mode
/// is switched off or maps nothing.
pub fn google_consent_update(config: &Config, active: &[String]) -> Option<Value> {
    if config.google_consent_mode.is_empty() {
        return None;
    }
    let states = super::policy::google_consent_states(&config.google_consent_mode, active);
    Some(Value::Object(
        states.into_iter().map(|(t, granted)| (t, json!(if granted { "granted" } else { "denied" }))).collect(),
    ))
}

/// The event pushed to `dataLayer` after the consent update, for tag-manager triggers.
pub fn data_layer_event(active: &[String]) -> Value {
    json!({ "event": "consent_update", "consent_categories": active })
}

/// A short, stable fingerprint of what the visitor was shown and consented to: the version,
/// mode, categories with their cookies and every text. Two configs with the same hash asked
/// the same question.
pub fn config_hash(config: &Config) -> String {
    let canonical = format!(
        "{}|{}|{:?}|{:?}|{}",
        config.version,
        config.mode.as_str(),
        config.categories,
        config.texts,
        config.policy_link
    );
    let hash = canonical
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3));
    format!("fnv1a64:{hash:016x}")
}

/// The proof-of-consent receipt sent to `receiptEndpoint` for a choice. It identifies the
/// choice, not the visitor: no IP, user agent, URL or cookie other than the consent id.
pub fn receipt(config: &Config, consent: &Consent, time_iso: &str, lang: &str, method: Method, gpc: bool) -> Value {
    let rejected: Vec<&str> = config.optional_ids().filter(|id| !consent.accepts(id)).collect();
    json!({
        "consentId": consent.id,
        "time": time_iso,
        "version": consent.version,
        "configHash": config_hash(config),
        "area": config.area,
        "language": lang,
        "accepted": consent.accepted,
        "rejected": rejected,
        "method": method.as_str(),
        "gpc": gpc,
    })
}
