//! The whole decision of the returning-visitor runtime, as one pure function: the loader passes
//! it the cached policy, the config text and `document.cookie`, and gets back either what to do
//! (as JSON) or `None`, which hands the page view to the full module. Also a page view's plan
//! as every module writes it ([`view_fields`], [`page_view_json`]), for the one executor.

use alloc::string::String;

use super::consent::{self, Decision, Surface};
use super::contract::EVENT_READY;
use super::cookie;
use super::policy::{google_consent_states, text_hash, Policy, Stored};
use super::{json_decimal, json_list, json_string};

/// The page view's decision as JSON, when the runtime can serve it alone: its plan
/// ([`view_fields`]: `signal`, `googleConsent`, `active`, `event`) and
/// `"consent": {id, version, time (seconds), accepted, rejected} | null`.
///
/// `None` when the full module must decide: no usable cache, a config text that is not the
/// one the validator accepted (edited or broken since), a banner or notice to show, or a stored
/// cookie that was set aside (the full module explains why on the console).
pub fn decide(stored: &str, config_text: &str, cookie_header: &str, now: u64) -> Option<String> {
    let stored = Stored::decode(stored)?;
    if text_hash(config_text) != stored.hash {
        return None;
    }
    let policy = &stored.policy;
    let decision = consent::decide(
        policy,
        &cookie::values(cookie_header, &policy.consent_cookie),
        cookie::values(cookie_header, &policy.banner_cookie).first().copied(),
        now,
    );
    if decision.surface != Surface::Nothing || decision.rejected.is_some() {
        return None;
    }
    Some(to_json(policy, &decision))
}

fn to_json(policy: &Policy, d: &Decision) -> String {
    // The page view's plan, which the loader hands the executor (tags.js's `execute`).
    let mut out = String::from("{");
    view_fields(&mut out, policy, d.consent.is_some(), &d.active, Some(EVENT_READY));
    out.push_str(",\"consent\":");
    match &d.consent {
        None => out.push_str("null"),
        Some(c) => {
            out.push_str("{\"id\":");
            json_string(&mut out, &c.id);
            out.push_str(",\"version\":");
            json_string(&mut out, &c.version);
            out.push_str(",\"time\":");
            json_decimal(&mut out, c.time);
            out.push_str(",\"accepted\":");
            json_list(&mut out, d.active.iter().map(String::as_str));
            out.push_str(",\"rejected\":");
            json_list(&mut out, policy.optional_ids().filter(|id| !c.accepts(id)));
            out.push('}');
        }
    }
    out.push('}');
    out
}

/// The `gtag('consent', 'update', …)` argument for the active categories as JSON, `null` when
/// the policy maps no Consent Mode type.
pub(crate) fn json_google_consent(out: &mut String, policy: &Policy, active: &[String]) {
    if policy.google_consent_mode.is_empty() {
        out.push_str("null");
        return;
    }
    out.push('{');
    for (i, (t, granted)) in google_consent_states(&policy.google_consent_mode, active).iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_string(out, t);
        out.push_str(if *granted { ":\"granted\"" } else { ":\"denied\"" });
    }
    out.push('}');
}

/// The fields every plan has, a page view's too (without braces):
/// `"signal": bool, "googleConsent": {…}|null, "active": [ids], "event": name|null, "known": [ids]`. `signal`:
/// the Consent Mode update and the dataLayer event go out (a choice, or a page view with a stored
/// consent); `event`: what page code is told once the tags of `active` ran.
pub fn view_fields(out: &mut String, policy: &Policy, signal: bool, active: &[String], event: Option<&str>) {
    out.push_str("\"signal\":");
    out.push_str(if signal { "true" } else { "false" });
    out.push_str(",\"googleConsent\":");
    json_google_consent(out, policy, active);
    out.push_str(",\"active\":");
    json_list(out, active.iter().map(String::as_str));
    out.push_str(",\"event\":");
    match event {
        Some(name) => json_string(out, name),
        None => out.push_str("null"),
    }
    // What a gate or an API call may name on this page: the executor warns about the rest.
    out.push_str(",\"known\":");
    json_list(out, policy.gate_names().iter().map(String::as_str));
}

/// A page view's plan: signals when there is a stored consent and the page view is announced,
/// the tags of `active`, then `consent:ready` when announced (a module taking over from another
/// only activates what it adds).
pub fn page_view_json(policy: &Policy, has_consent: bool, active: &[String], announce: bool) -> String {
    let mut out = String::from("{");
    view_fields(&mut out, policy, announce && has_consent, active, announce.then_some(EVENT_READY));
    out.push('}');
    out
}
