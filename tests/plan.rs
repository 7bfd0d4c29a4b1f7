//! The plan of a choice (`core::plan`), which both modules that take choices carry out: every
//! effect decided on the host, including what the end-to-end tests otherwise see only in a
//! browser (stray consent cookies, blocked storage, reload on withdrawal, refused cookies).

use consent_banner::core::config::Config;
use consent_banner::core::consent::{self, Choice, Method};
use consent_banner::core::plan::{choose, Page, Plan};

const NOW: u64 = 1_790_000_000;

fn business() -> Config {
    let text = std::fs::read_to_string("www/config/itsme.json").unwrap();
    Config::from_json(&text).unwrap().into_area(Some("business")).unwrap()
}

fn page(cookies: &str) -> Page<'_> {
    Page {
        cookies,
        host: "www.itsme-id.com",
        path: "/en/business",
        https: true,
        gpc: false,
        now: NOW,
        random: [1, 2, 3, 4, 5, 6, 7, 8],
        history: Some(""),
        lang: "en",
    }
}

fn plan(
    config: &Config,
    page: &Page<'_>,
    before: Option<&consent::Consent>,
    choice: Option<Choice>,
    active: &[String],
) -> Plan {
    choose(config, &config.policy(), page, before, choice.as_ref(), Method::Banner, active)
}

fn essential(config: &Config) -> Vec<String> {
    consent::active_categories(&config.policy(), None, true)
}

#[test]
fn accept_all_writes_the_consent_and_banner_cookies_records_and_runs_everything() {
    let c = business();
    let p = plan(&c, &page(""), None, Some(Choice::AcceptAll), &essential(&c));
    assert_eq!(p.write.len(), 2, "{:?}", p.write);
    assert!(
        p.write[0].starts_with("consent=") && p.write[0].contains("Max-Age=31536000") && p.write[0].contains("Secure")
    );
    assert!(p.write[1].starts_with("consent_banner=") && p.write[1].contains("Max-Age=604800"));
    let (name, value) = p.check.clone().unwrap();
    assert_eq!(name, "consent");
    assert!(p.write[0].starts_with(&format!("consent={value};")));
    let stored = p.consent.clone().unwrap();
    assert_eq!(stored.id, "0102030405060708");
    assert!(p.history.as_deref().unwrap().contains("0102030405060708"));
    assert!(p.active.iter().any(|a| a == "marketing") && p.active.iter().any(|a| a.starts_with("analytics")));
    assert_eq!(p.granted.len(), p.active.len() - essential(&c).len());
    assert!(p.withdrawn.is_empty() && p.delete.is_empty() && !p.reload);
    // The demo config sends its receipts to the consent-records service.
    assert_eq!(p.receipt.map(|(url, _)| url).as_deref(), c.receipt_endpoint.as_deref());
}

#[test]
fn a_receipt_is_planned_when_the_config_has_an_endpoint() {
    let mut c = business();
    c.receipt_endpoint = Some("/receipts".into());
    let p = plan(&c, &page(""), None, Some(Choice::RejectAll), &essential(&c));
    let (url, body) = p.receipt.unwrap();
    assert_eq!(url, "/receipts");
    c.receipt_endpoint = None;
    assert_eq!(plan(&c, &page(""), None, Some(Choice::RejectAll), &essential(&c)).receipt, None);
    assert!(body.contains("\"consentId\":\"0102030405060708\"") && body.contains("2026-09-21T"), "{body}");
    assert!(body.contains("\"language\":\"en\""), "{body}");
}

#[test]
fn withdrawing_deletes_the_declared_cookies_present_and_reloads_when_asked() {
    let mut c = business();
    let accepted = plan(&c, &page(""), None, Some(Choice::AcceptAll), &essential(&c));
    let cookies = format!("consent={}; atuserid=1; _unrelated=2", accepted.check.unwrap().1);
    let p = plan(&c, &page(&cookies), accepted.consent.as_ref(), Some(Choice::RejectAll), &accepted.active);
    assert!(!p.withdrawn.is_empty() && p.granted.is_empty());
    assert!(p.delete.iter().any(|d| d.starts_with("atuserid=;")), "{:?}", p.delete);
    assert!(!p.delete.iter().any(|d| d.starts_with("_unrelated=")));
    assert!(!p.reload);
    c.reload_on_withdraw = true;
    let p = plan(&c, &page(&cookies), accepted.consent.as_ref(), Some(Choice::RejectAll), &accepted.active);
    assert!(p.reload);
}

#[test]
fn stray_consent_cookies_are_cleared_before_the_new_one() {
    let c = business();
    let p = plan(&c, &page("consent=a; consent=b"), None, Some(Choice::AcceptAll), &essential(&c));
    let consent_writes: Vec<&String> = p.write.iter().filter(|w| w.starts_with("consent=")).collect();
    assert!(consent_writes.len() > 2, "{:?}", p.write);
    // The deletions come first, the new cookie after them.
    let last = p.write.iter().rposition(|w| w.starts_with("consent=") && w.contains("Max-Age=0")).unwrap();
    let new = p.write.iter().position(|w| w.starts_with("consent=") && w.contains("Max-Age=31536000")).unwrap();
    assert!(last < new);
}

#[test]
fn without_storage_there_is_no_history_and_the_choice_still_holds() {
    let c = business();
    let p = plan(&c, &Page { history: None, ..page("") }, None, Some(Choice::AcceptAll), &essential(&c));
    assert_eq!(p.history, None);
    assert!(p.check.is_some() && !p.active.is_empty());
}

#[test]
fn a_choice_made_earlier_on_the_page_counts_even_without_its_cookie() {
    // The browser refused the first choice's cookie: the page still runs what it granted, so
    // rejecting now withdraws it.
    let c = business();
    let first = plan(&c, &page(""), None, Some(Choice::AcceptAll), &essential(&c));
    let p = plan(&c, &page(""), first.consent.as_ref(), Some(Choice::RejectAll), &first.active);
    assert_eq!(p.withdrawn.len(), first.granted.len());
}

#[test]
fn acknowledging_the_notice_writes_the_banner_cookie_only() {
    let text = std::fs::read_to_string("www/config/itsme.json").unwrap();
    let c = Config::from_json(&text).unwrap().into_area(Some("private")).unwrap();
    for choice in [None, Some(Choice::AcceptAll)] {
        let p = plan(&c, &page(""), None, choice, &essential(&c));
        assert_eq!(p.write.len(), 1);
        assert!(p.write[0].starts_with("consent_banner="));
        assert!(p.check.is_none() && p.history.is_none() && p.receipt.is_none() && p.consent.is_none());
    }
}
