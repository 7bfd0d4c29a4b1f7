//! What consent-banner tells others about a choice: the Google Consent Mode v2 types, the
//! config's fingerprint and the proof-of-consent receipt. (The Consent Mode update and the
//! `dataLayer` event travel in every plan: see [`super::returning::view_fields`].)

use alloc::string::String;
use alloc::vec::Vec;

use super::config::{Category, Config, DeclaredCookie, Lifetime, Localized, Party, Service};
use super::consent::{Consent, Method};
use super::json::{self, Value};
use super::{hash, i18n};

/// The four consent types Google requires a default for, all denied until a choice.
pub const GOOGLE_DEFAULT_TYPES: &[&str] = &["ad_storage", "ad_user_data", "ad_personalization", "analytics_storage"];

/// A short, stable fingerprint of what the visitor was shown and consented to: the version,
/// mode, categories with their cookies and every text: the config's own and the built-in
/// wording of its languages (each built-in texts file by its fingerprint). Two configs with the same hash asked
/// the same question.
pub fn config_hash(config: &Config) -> String {
    let mut h = Fnv(hash::OFFSET_64);
    h.str(&config.version);
    h.str(config.mode.as_str());
    h.len(config.categories.len());
    for category in &config.categories {
        // Destructured in full: a new field must be added to the fingerprint (or left out) on purpose.
        let Category { id, required, after_choice, label, description, banner_purpose, cookies, services } = category;
        h.str(id);
        h.byte(u8::from(*required));
        h.byte(u8::from(*after_choice));
        h.localized(label);
        h.localized(description);
        // Where the banner shows it (a config without any keeps the hash it had before).
        let shown: Vec<(&String, &String)> =
            banner_purpose.iter().filter(|(lang, _)| i18n::lists_purposes(config.texts(lang), lang)).collect();
        if !shown.is_empty() {
            h.byte(0xfe);
            h.len(shown.len());
            for (lang, phrase) in shown {
                h.str(lang);
                h.str(phrase);
            }
        }
        h.cookies(cookies);
        // Only when there are any: a config without services keeps the hash it had before them.
        if !services.is_empty() {
            h.byte(0xff);
            h.len(services.len());
            for service in services {
                let Service { id, label, description, provider, privacy_policy, cookies } = service;
                h.str(id);
                h.localized(label);
                h.localized(description);
                h.str(provider.as_deref().unwrap_or(""));
                h.cookies(cookies);
                // Only when given: a config without it keeps the hash it had before the field.
                if !privacy_policy.is_empty() {
                    h.byte(0xfe);
                    h.localized(privacy_policy);
                }
            }
        }
    }
    // The config's own texts, and for a built-in language the fingerprint of its texts file
    // (taken when compiling): the module that sends a receipt has only the visitor's language.
    h.len(config.texts.len());
    for (lang, texts) in &config.texts {
        h.str(lang);
        for (key, text) in texts.own_entries() {
            h.str(key);
            h.str(text);
        }
        let code = i18n::builtin_code(lang).unwrap_or("");
        h.str(code);
        for b in i18n::builtin_fingerprint(code).to_le_bytes() {
            h.byte(b);
        }
    }
    // One link for every language hashes as the single string it was given as.
    let first = config.policy_links.iter().next().map_or("", |(_, l)| l.as_str());
    if config.policy_links.iter().all(|(_, l)| l == first) {
        h.str(first);
    } else {
        h.len(config.policy_links.len());
        for (lang, link) in config.policy_links.iter() {
            h.str(lang);
            h.str(link);
        }
    }
    // Only a config with a privacy statement hashes it: the others' fingerprints stay.
    if !config.privacy_links.is_empty() {
        h.str("privacyLink");
        h.len(config.privacy_links.len());
        for (lang, link) in config.privacy_links.iter() {
            h.str(lang);
            h.str(link);
        }
    }
    let mut out = String::from("fnv1a64:");
    for shift in (0..16).rev().map(|i| i * 4) {
        out.push(char::from(b"0123456789abcdef"[((h.0 >> shift) & 15) as usize]));
    }
    out
}

/// FNV-1a over a canonical encoding: every string and list is preceded by its length, so no
/// two different configs encode to the same bytes.
struct Fnv(u64);

impl Fnv {
    fn byte(&mut self, b: u8) {
        self.0 = hash::fnv1a_64_from(self.0, &[b]);
    }

    fn len(&mut self, n: usize) {
        for b in (n as u64).to_le_bytes() {
            self.byte(b);
        }
    }

    fn str(&mut self, s: &str) {
        self.len(s.len());
        for b in s.bytes() {
            self.byte(b);
        }
    }

    fn cookies(&mut self, cookies: &[DeclaredCookie]) {
        self.len(cookies.len());
        for cookie in cookies {
            let DeclaredCookie { name, provider, party, lifetime, purpose } = cookie;
            self.str(name);
            self.str(provider);
            self.byte(match party {
                Party::First => 1,
                Party::Third => 3,
            });
            match lifetime {
                Lifetime::Session => self.byte(0),
                Lifetime::For { amount, unit, idle } => {
                    self.byte(1);
                    self.len(*amount as usize);
                    self.len(unit.seconds() as usize);
                    self.byte(u8::from(*idle));
                }
            }
            self.localized(purpose);
        }
    }

    fn localized(&mut self, text: &Localized) {
        self.len(text.len());
        for (lang, value) in text {
            self.str(lang);
            self.str(value);
        }
    }
}

/// The proof-of-consent receipt sent to `receiptEndpoint` for a choice. It identifies the
/// choice, not the visitor: no IP, user agent, URL or cookie other than the consent id.
///
/// `accepted` is the consent's list (categories accepted whole, and `category:service` for
/// each service of a category accepted in part); `rejected` names, for this page's optional
/// categories, each one refused whole and each refused service of one accepted in part.
pub fn receipt(config: &Config, consent: &Consent, time_iso: &str, lang: &str, method: Method, gpc: bool) -> Value {
    let mut rejected: Vec<String> = Vec::new();
    for c in &config.categories {
        if c.required || consent.accepts(&c.id) {
            continue;
        }
        let mut refused = Vec::new();
        let mut some = false;
        for s in &c.services {
            let entry = super::policy::service_entry(&c.id, &s.id);
            if consent.accepts(&entry) {
                some = true;
            } else {
                refused.push(entry);
            }
        }
        if some {
            rejected.append(&mut refused);
        } else {
            rejected.push(c.id.clone());
        }
    }
    json::object([
        ("consentId", consent.id.as_str().into()),
        ("time", time_iso.into()),
        ("version", consent.version.as_str().into()),
        ("configHash", config_hash(config).into()),
        ("area", config.area.as_deref().into()),
        ("language", lang.into()),
        ("accepted", strings(&consent.accepted)),
        ("rejected", strings(&rejected)),
        ("method", method.as_str().into()),
        ("gpc", gpc.into()),
    ])
}

/// A JSON array of strings.
fn strings(items: &[String]) -> Value {
    items.iter().map(String::as_str).collect()
}
