//! `Set-Cookie` re-issue: only when the request's consent cookie, decoded with the component's
//! codec, is the receipt's choice, and its banner cookie is the receipt's version.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{iso_plus, receipt, receipt_at, send, service};
use consent_banner::core::consent::{self, Consent};

const ID: &str = "0123456789abcdef";

fn cookie_value(id: &str, version: &str, accepted: &[&str]) -> String {
    let mut accepted: Vec<String> = accepted.iter().map(|s| s.to_string()).collect();
    accepted.sort();
    consent::encode(&Consent { version: version.into(), accepted, time: 1_764_496_800, id: id.into() })
}

fn post_with_cookie(body: String, cookie: &str) -> Request<Body> {
    Request::post("/receipts").header("content-type", "text/plain").header("cookie", cookie).body(body.into()).unwrap()
}

async fn set_cookies(secure: bool, body: String, cookie: &str) -> Vec<String> {
    let (app, store) = service(secure).await;
    let (response, _) = send(&app, post_with_cookie(body, cookie)).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(store.count().await.unwrap(), 1, "the receipt is stored either way");
    response.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn a_matching_cookie_is_reissued_with_its_declared_lifetime() {
    let value = cookie_value(ID, "2026-11-1", &["marketing", "analytics"]);
    let cookie = format!("other=1; consent={value}; consent_banner=2026-11-1");
    let lines = set_cookies(false, receipt(ID, &["analytics", "marketing"]), &cookie).await;
    assert_eq!(
        lines,
        [
            format!("consent={value}; Max-Age=31536000; Path=/; SameSite=Lax"),
            // The demo config keeps the default 7-day banner cookie.
            "consent_banner=2026-11-1; Max-Age=604800; Path=/; SameSite=Lax".to_string(),
        ]
    );
}

#[tokio::test]
async fn behind_https_the_cookies_are_secure() {
    let value = cookie_value(ID, "2026-11-1", &[]);
    let lines = set_cookies(true, receipt(ID, &[]), &format!("consent={value}; consent_banner=2026-11-1")).await;
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| l.ends_with("; Secure")), "{lines:?}");
    assert!(lines[0].contains("Max-Age=31536000"));
}

#[tokio::test]
async fn no_cookie_is_reissued_unless_it_matches() {
    let body = || receipt(ID, &["analytics"]);
    let good = cookie_value(ID, "2026-11-1", &["analytics"]);
    let cases = [
        ("no cookie", String::new()),
        ("no banner cookie", format!("consent={good}")),
        ("banner cookie of another version", format!("consent={good}; consent_banner=2025-01-1")),
        ("no consent cookie", "consent_banner=2026-11-1".to_string()),
        (
            "another id",
            format!(
                "consent={}; consent_banner=2026-11-1",
                cookie_value("fedcba9876543210", "2026-11-1", &["analytics"])
            ),
        ),
        (
            "another version",
            format!("consent={}; consent_banner=2026-11-1", cookie_value(ID, "2025-01-1", &["analytics"])),
        ),
        ("fewer categories", format!("consent={}; consent_banner=2026-11-1", cookie_value(ID, "2026-11-1", &[]))),
        (
            "more categories",
            format!("consent={}; consent_banner=2026-11-1", cookie_value(ID, "2026-11-1", &["analytics", "marketing"])),
        ),
        ("tampered", format!("consent={}; consent_banner=2026-11-1", good.replace("analytics", "marketing"))),
        ("garbage", "consent=v1.x.y; consent_banner=2026-11-1".to_string()),
    ];
    for (what, cookie) in cases {
        let request_cookie = if cookie.is_empty() { "unrelated=1".to_string() } else { cookie };
        assert_eq!(set_cookies(false, body(), &request_cookie).await, Vec::<String>::new(), "{what}");
    }
}

#[tokio::test]
async fn required_categories_in_the_receipt_do_not_stop_a_match() {
    // The cookie lists optional categories only; a receipt may name a required one too.
    let value = cookie_value(ID, "2026-11-1", &["analytics"]);
    let body = receipt(ID, &["analytics"]).replace("[\"analytics\"]", "[\"essential\",\"analytics\"]");
    let lines = set_cookies(false, body, &format!("consent={value}; consent_banner=2026-11-1")).await;
    assert_eq!(lines.len(), 2);
}

#[tokio::test]
async fn the_answer_to_an_older_choice_does_not_put_its_cookie_back_over_a_newer_one() {
    let (app, _store) = service(false).await;
    // The newer choice (reject all, 5 s later) arrived first; the older one (accept), still
    // carrying its own cookie, arrives after it.
    let newer = receipt_at(ID, &[], &iso_plus(5));
    let value = cookie_value(ID, "2026-11-1", &[]);
    let (response, _) =
        send(&app, post_with_cookie(newer, &format!("consent={value}; consent_banner=2026-11-1"))).await;
    assert_eq!(response.headers().get_all("set-cookie").iter().count(), 2, "the newest is re-issued");

    let value = cookie_value(ID, "2026-11-1", &["analytics"]);
    let (response, _) = send(
        &app,
        post_with_cookie(receipt(ID, &["analytics"]), &format!("consent={value}; consent_banner=2026-11-1")),
    )
    .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT, "stored all the same");
    assert_eq!(response.headers().get_all("set-cookie").iter().count(), 0, "no cookie over the newer choice");
}
