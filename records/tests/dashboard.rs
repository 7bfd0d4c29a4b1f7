//! The owner's dashboard: login form and session cookie, strict CSP, inline SVG chart, every
//! value escaped.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{bearer, owner_get, owner_service, parsed, send, service, TOKEN};
use consent_records::dashboard::CSP;
use consent_records::time::{self, DAY_MS};

fn login(token: &str) -> Request<Body> {
    Request::post("/owner/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(format!("user=owner&token={}", token.replace('+', "%2B"))))
        .unwrap()
}

fn with_cookie(path: &str, cookie: &str) -> Request<Body> {
    Request::get(path).header("cookie", cookie).body(Body::empty()).unwrap()
}

/// Logs in and returns the `name=value` of the session cookie.
async fn session(app: &axum::Router) -> String {
    let (response, _) = send(app, login(TOKEN)).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let set = response.headers()["set-cookie"].to_str().unwrap();
    set.split(';').next().unwrap().to_string()
}

fn text(body: Vec<u8>) -> String {
    String::from_utf8(body).unwrap()
}

#[tokio::test]
async fn without_credentials_the_dashboard_is_a_login_form() {
    let (app, _) = owner_service().await;
    let (response, body) = send(&app, owner_get("/owner/", None)).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(response.headers()["content-security-policy"], CSP);
    assert!(response.headers()["www-authenticate"].to_str().unwrap().starts_with("Bearer"));
    let page = text(body);
    assert!(page.contains("<form method=\"post\" action=\"login\">"));
    assert!(page.contains("type=\"password\" name=\"token\""));
    assert!(!page.contains("<svg"), "no data before login");
    // The owner's routes need the token even for the page; without one configured, 404.
    let (disabled, _) = service(false).await;
    assert_eq!(send(&disabled, owner_get("/owner/", None)).await.0.status(), StatusCode::NOT_FOUND);
    assert_eq!(send(&disabled, login(TOKEN)).await.0.status(), StatusCode::NOT_FOUND);
    // /owner goes to /owner/ (relative, for services behind a path prefix).
    let (response, _) = send(&app, owner_get("/owner", None)).await;
    assert_eq!(response.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(response.headers()["location"], "owner/");
}

#[tokio::test]
async fn a_login_sets_a_strict_http_only_session_that_opens_the_owner_routes() {
    let (app, _) = owner_service().await;
    let (response, body) = send(&app, login("not-the-token-0123456789abcdef012345")).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(response.headers().get("set-cookie").is_none());
    let page = text(body);
    assert!(page.contains("That is not the owner's token."), "{page}");

    let (response, _) = send(&app, login(TOKEN)).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "./");
    let set = response.headers()["set-cookie"].to_str().unwrap();
    assert!(set.starts_with("consent_records_owner="), "{set}");
    for attribute in ["HttpOnly", "SameSite=Strict", "Max-Age=43200"] {
        assert!(set.contains(attribute), "{set}");
    }
    assert!(!set.contains("Secure"), "not over plain http: {set}");
    assert!(!set.contains(TOKEN), "the cookie does not hold the token");
    let cookie = set.split(';').next().unwrap();

    let (response, body) = send(&app, with_cookie("/owner/", cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(text(body).contains("<svg class=\"chart\""));
    for path in ["/owner/stats", "/owner/export.csv", "/owner/export.ndjson"] {
        assert_eq!(send(&app, with_cookie(path, cookie)).await.0.status(), StatusCode::OK, "{path}");
    }
    // A forged or stale session is refused.
    let forged = cookie.replace(|c: char| c.is_ascii_digit(), "1");
    assert_eq!(send(&app, with_cookie("/owner/stats", &forged)).await.0.status(), StatusCode::UNAUTHORIZED);
    let (response, body) = send(&app, with_cookie("/owner/", &forged)).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(text(body).contains("session has expired"));

    // Logging out removes the cookie.
    let (response, _) = send(&app, Request::post("/owner/logout").body(Body::empty()).unwrap()).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(response.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
}

#[tokio::test]
async fn with_secure_the_session_cookie_is_secure() {
    let store = common::fresh_store().await;
    let owner = Some(consent_records::owner::Owner::new(TOKEN).unwrap());
    let options = consent_records::app::Options { owner, secure: true, ..Default::default() };
    let app =
        consent_records::routes::router(consent_records::app::App::with_options(common::demo_config(), store, options));
    let (response, _) = send(&app, login(TOKEN)).await;
    assert!(response.headers()["set-cookie"].to_str().unwrap().contains("; Secure"));
}

#[tokio::test]
async fn bad_logins_and_ranges_get_4xx() {
    let (app, _) = owner_service().await;
    let json_login = Request::post("/owner/login")
        .header("content-type", "application/json")
        .body(Body::from(format!("{{\"token\":\"{TOKEN}\"}}")))
        .unwrap();
    assert_eq!(send(&app, json_login).await.0.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let huge = Request::post("/owner/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(format!("token={}", "x".repeat(10_000))))
        .unwrap();
    assert_eq!(send(&app, huge).await.0.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(send(&app, login("")).await.0.status(), StatusCode::UNAUTHORIZED);
    let cookie = session(&app).await;
    for query in ["from=2026-13-01", "to=tomorrow", "from=2026-11-30&to=2026-11-01", "day=1"] {
        let (response, body) = send(&app, with_cookie(&format!("/owner/?{query}"), &cookie)).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(response.headers()["content-security-policy"], CSP);
        assert!(text(body).contains("class=\"error\""), "{query}");
    }
}

#[tokio::test]
async fn the_dashboard_shows_rates_in_an_inline_chart_under_a_strict_csp() {
    let (app, store) = owner_service().await;
    let today = time::now_ms().div_euclid(DAY_MS);
    // Three consecutive days: analytics accepted by 1 of 2, 2 of 2, then 0 of 2 receipts.
    let mut rows = Vec::new();
    for (offset, accepted) in [(2, [true, false]), (1, [true, true]), (0, [false, false])] {
        for (n, yes) in accepted.iter().enumerate() {
            let list: &[&str] = if *yes { &["analytics"] } else { &[] };
            rows.push((parsed(&format!("{offset:08x}{n:08x}"), list), (today - offset) * DAY_MS + 1000));
        }
    }
    common::insert_many(&store, &rows).await;

    let (response, body) = send(&app, owner_get("/owner/", bearer())).await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers();
    assert_eq!(headers["content-type"], "text/html; charset=utf-8");
    assert_eq!(headers["content-security-policy"], CSP);
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["cache-control"], "no-store");
    let page = text(body);
    // Nothing the CSP would block: no script, no inline style, no external resource.
    for forbidden in ["<script", "style=", "<style", " src=", "javascript:", "https://", "http://cdn"] {
        assert!(!page.contains(forbidden), "{forbidden}");
    }
    assert!(page.contains("<link rel=\"stylesheet\" href=\"dashboard.css\">"));
    // The default range: the last 90 days.
    assert!(page.contains(&format!("value=\"{}\"", time::format_day(today - 89))));
    assert!(page.contains(&format!("value=\"{}\"", time::format_day(today))));
    // The analytics line: three points at 50 %, 100 %, 0 %, one polyline across the three days.
    for (offset, rate, n) in [(2, "50.0", 1), (1, "100.0", 2), (0, "0.0", 0)] {
        let tooltip = format!("<title>analytics {}: {rate} % ({n} of 2)</title>", time::format_day(today - offset));
        assert!(page.contains(&tooltip), "{tooltip}");
    }
    let analytics_line = page.split("<polyline class=\"k0\"").nth(1).unwrap();
    let points: Vec<&str> = analytics_line.split('"').nth(1).unwrap().split(' ').collect();
    assert_eq!(points.len(), 3);
    let ys: Vec<f64> = points.iter().map(|p| p.split(',').nth(1).unwrap().parse().unwrap()).collect();
    assert!(ys[1] < ys[0] && ys[0] < ys[2], "100 % is highest, 0 % lowest: {ys:?}");
    // Marketing was refused by every receipt: a flat line at 0 %.
    assert!(page.contains("<title>marketing"));
    // The totals: accepting analytics while refusing marketing is a custom choice (3 of 6),
    // refusing both is reject all (3 of 6).
    let totals =
        "<tr class=\"all\"><td>All</td><td>6</td><td>0 (0.0 %)</td><td>3 (50.0 %)</td><td>3 (50.0 %)</td><td>0 (0.0 %)</td></tr>";
    assert!(page.contains(totals), "{page}");

    // The CSS is served without credentials, as CSS.
    let (response, body) = send(&app, owner_get("/owner/dashboard.css", None)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "text/css; charset=utf-8");
    assert!(text(body).contains(".chart"));
}

#[tokio::test]
async fn stored_values_are_escaped_in_the_page() {
    let (app, store) = owner_service().await;
    let today = time::now_ms().div_euclid(DAY_MS);
    let mut receipt = parsed("0123456789abcdef", &[]);
    // Stored by an older config, say: the page must not trust them.
    receipt.version = "<script>alert(1)</script>".to_string();
    receipt.accepted = vec!["\"><img src=x onerror=alert(2)>".to_string()];
    common::insert_many(&store, &[(receipt, today * DAY_MS)]).await;
    let (response, body) = send(&app, owner_get("/owner/", bearer())).await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = text(body);
    assert!(!page.contains("<script>"));
    assert!(!page.contains("<img"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
}
