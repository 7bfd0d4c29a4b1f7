//! What a choice changes, decided once for both modules that take choices: a [`Plan`] of the
//! cookies to write and delete, the history to store, the receipt to send and what runs after,
//! a pure function of the config, the page and the choice. Both modules hand it, as JSON
//! ([`Plan::to_json`]), to the one executor (tags.js's `execute`), which also carries out a page
//! view's plan ([`super::returning::view_fields`]: signals, tags, `consent:ready`). Neither
//! decides anything.

use alloc::string::String;
use alloc::vec::Vec;

use super::config::{Config, Mode};
use super::consent::{self, Choice, Consent, Method};
use super::contract::EVENT_CHANGE;
use super::history::{self, Entry};
use super::policy::Policy;
use super::returning::view_fields;
use super::{cookie, signals};
use super::{iso_time, json_list, json_string};

/// What the page knows when a choice is made.
#[derive(Clone, Debug, Default)]
pub struct Page<'a> {
    /// `document.cookie`.
    pub cookies: &'a str,
    /// `location.hostname`, for deleting cookies on the host and its parent domains.
    pub host: &'a str,
    /// `location.pathname`, for deleting stray consent cookies on the page's paths.
    pub path: &'a str,
    /// The page is served over https (cookies get `Secure`).
    pub https: bool,
    /// `navigator.globalPrivacyControl`.
    pub gpc: bool,
    /// Seconds since the Unix epoch.
    pub now: u64,
    /// Random bytes for a new consent id.
    pub random: [u8; 8],
    /// The stored history text (`None` when storage is unavailable: no history then).
    pub history: Option<&'a str>,
    /// The language shown, for the receipt.
    pub lang: &'a str,
}

/// A choice's effects, in the order they are carried out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// `Set-Cookie`-style strings to write: stray consent cookies cleared, the consent cookie,
    /// the banner cookie.
    pub write: Vec<String>,
    /// The consent cookie (name, value) that must read back, else the browser refused it.
    pub check: Option<(String, String)>,
    /// The history text to store.
    pub history: Option<String>,
    /// The receipt to send: (URL, JSON body).
    pub receipt: Option<(String, String)>,
    /// Cookies declared for what was withdrawn, to delete.
    pub delete: Vec<String>,
    /// The stored consent after the choice (the previous one when the notice is acknowledged).
    pub consent: Option<Consent>,
    /// What runs on the page after the choice.
    pub active: Vec<String>,
    /// What the choice granted, against what ran before it.
    pub granted: Vec<String>,
    /// What the choice withdrew.
    pub withdrawn: Vec<String>,
    /// How the choice was made.
    pub method: Method,
    /// Reload the page (something was withdrawn and the config asks for it).
    pub reload: bool,
}

/// The plan of a choice (`None`: the inform notice acknowledged) made on a page where `active`
/// runs now (a choice made earlier on this page view counts even when the browser refused its
/// cookie) and `previous` is the stored consent.
pub fn choose(
    config: &Config,
    policy: &Policy,
    page: &Page<'_>,
    previous: Option<&Consent>,
    choice: Option<&Choice>,
    method: Method,
    active: &[String],
) -> Plan {
    let settings = &config.cookie_settings;
    let mut write = Vec::new();
    let mut check = None;
    let mut history_text = None;
    let mut receipt = None;
    let banner_cookie = cookie::write(&settings.banner, &consent::banner_value(&config.version), settings, page.https);
    let (stored, after) = match choice {
        Some(choice) if config.mode == Mode::Ask => {
            let stored = consent::apply(policy, choice, previous, page.now, page.random);
            // Several consent cookies (other paths or domains) would keep the choice unreadable:
            // clear them all before writing the one on Path=/.
            if cookie::values(page.cookies, &settings.consent.name).len() > 1 {
                write.extend(cookie::delete_on_paths(&settings.consent.name, page.host, page.path));
            }
            let value = consent::encode(&stored);
            write.push(cookie::write(&settings.consent, &value, settings, page.https));
            write.push(banner_cookie);
            check = Some((settings.consent.name.clone(), value));
            if let Some(text) = page.history {
                let entries = history::record(history::parse(text), Entry::new(&stored, method, page.gpc));
                history_text = Some(history::to_json(&entries));
            }
            if let Some(url) = &config.receipt_endpoint {
                let time = super::iso_time(stored.time);
                let body = signals::receipt(config, &stored, &time, page.lang, method, page.gpc);
                receipt = Some((url.clone(), super::json::to_json(&body)));
            }
            let after = consent::active_categories(policy, Some(&stored), true);
            (Some(stored), after)
        }
        // The inform notice is acknowledged: the banner cookie only.
        _ => {
            write.push(banner_cookie);
            (previous.cloned(), consent::active_categories(policy, previous, true))
        }
    };
    let change = consent::change(active, &after);
    let delete = withdrawn_cookies(config, page, &change.withdrawn);
    let reload = !change.withdrawn.is_empty() && config.reload_on_withdraw;
    Plan {
        write,
        check,
        history: history_text,
        receipt,
        delete,
        consent: stored,
        active: after,
        granted: change.granted,
        withdrawn: change.withdrawn,
        method,
        reload,
    }
}

/// The cookies declared for withdrawn categories and services that the page can see, deleted
/// on `Path=/` for the host, `.host` and each parent domain.
fn withdrawn_cookies(config: &Config, page: &Page<'_>, withdrawn: &[String]) -> Vec<String> {
    let present = cookie::names(page.cookies);
    let mut out = Vec::new();
    for entry in withdrawn {
        for declared in config.declared_cookies(entry) {
            for name in present.iter().filter(|n| cookie::matches(&declared.name, n)) {
                out.extend(cookie::delete(name, page.host));
            }
        }
    }
    out
}

impl Plan {
    /// The plan as the executor (tags.js's `execute`) takes it:
    ///
    /// `{"write": [Set-Cookie strings], "check": [cookie name, value]|null, "history": text|null,
    ///   "receipt": [url, body]|null, "refused": text (without a check: what to say when the
    ///   browser refuses the banner cookie), "delete": [Set-Cookie strings], "signal": true,
    ///   "googleConsent": {…}|null, "active": [ids], "reload": bool, "event": "consent:change",
    ///   "detail": {consent, granted, withdrawn, method}}`
    pub fn to_json(&self, config: &Config, policy: &Policy) -> String {
        let mut out = String::from("{\"write\":");
        json_list(&mut out, self.write.iter().map(String::as_str));
        out.push_str(",\"check\":");
        match &self.check {
            Some((name, value)) => json_list(&mut out, [name.as_str(), value.as_str()].into_iter()),
            None => out.push_str("null"),
        }
        out.push_str(",\"history\":");
        match &self.history {
            Some(text) => json_string(&mut out, text),
            None => out.push_str("null"),
        }
        out.push_str(",\"receipt\":");
        match &self.receipt {
            Some((url, body)) => json_list(&mut out, [url.as_str(), body.as_str()].into_iter()),
            None => out.push_str("null"),
        }
        if self.check.is_none() {
            // The inform notice acknowledged: the banner cookie is all there is to write.
            out.push_str(",\"refused\":");
            json_string(
                &mut out,
                "the browser refused the banner cookie; the notice shows again on the next page view",
            );
        }
        out.push_str(",\"delete\":");
        json_list(&mut out, self.delete.iter().map(String::as_str));
        out.push_str(",\"reload\":");
        out.push_str(if self.reload { "true" } else { "false" });
        out.push(',');
        view_fields(&mut out, policy, true, &self.active, Some(EVENT_CHANGE));
        out.push_str(",\"detail\":{\"consent\":");
        consent_json(&mut out, config, self.consent.as_ref(), &self.active);
        out.push_str(",\"granted\":");
        json_list(&mut out, self.granted.iter().map(String::as_str));
        out.push_str(",\"withdrawn\":");
        json_list(&mut out, self.withdrawn.iter().map(String::as_str));
        out.push_str(",\"method\":");
        json_string(&mut out, self.method.as_str());
        out.push_str("}}");
        out
    }
}

/// The plan of a language change: the language cookie, and what to say when the browser refuses
/// it (`{"write": [Set-Cookie string], "refused": text}`: no tags, no event).
pub fn language_json(config: &Config, lang: &str, https: bool) -> String {
    let settings = &config.cookie_settings;
    let mut out = String::from("{\"write\":");
    json_list(&mut out, [cookie::write(&settings.language, lang, settings, https).as_str()].into_iter());
    out.push_str(",\"refused\":");
    json_string(&mut out, "the browser refused the language cookie; the language holds for this page view only");
    out.push('}');
    out
}

/// The consent as page code sees it (`getConsent()`): `{id, version, time, accepted, rejected}`.
pub(crate) fn consent_json(out: &mut String, config: &Config, consent: Option<&Consent>, active: &[String]) {
    let Some(c) = consent else {
        out.push_str("null");
        return;
    };
    out.push_str("{\"id\":");
    json_string(out, &c.id);
    out.push_str(",\"version\":");
    json_string(out, &c.version);
    out.push_str(",\"time\":");
    json_string(out, &iso_time(c.time));
    out.push_str(",\"accepted\":");
    json_list(out, active.iter().map(String::as_str));
    out.push_str(",\"rejected\":");
    json_list(out, config.optional_ids().filter(|id| !c.accepts(id)));
    out.push('}');
}
