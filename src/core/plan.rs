//! What a choice changes, decided once for both modules that take choices: a [`Plan`] of the
//! cookies to write and delete, the history to store, the receipt to send and what runs after,
//! a pure function of the config, the page and the choice. The first-visit module answers it as
//! JSON to first.js; the full module carries it out with web-sys. Neither decides anything.

use alloc::string::String;
use alloc::vec::Vec;

use super::config::{Config, Mode};
use super::consent::{self, Choice, Consent, Method};
use super::history::{self, Entry};
use super::policy::Policy;
use super::{cookie, signals};

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
