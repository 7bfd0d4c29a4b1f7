//! The owner's dashboard: server-rendered HTML with an inline SVG chart, no JavaScript and no
//! external resource, under a strict Content-Security-Policy (its only stylesheet is
//! `/owner/dashboard.css`, served here). Every value written into the page is escaped.
//!
//! A browser cannot send a bearer header that someone types, so the dashboard also accepts a
//! session cookie: `POST /owner/login` with the token in a form sets `consent_records_owner`
//! (HttpOnly, SameSite=Strict, `Secure` with `--secure`, 12 hours) holding an expiry and its
//! HMAC keyed by the token, never the token itself. The token is never put in a URL.

use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, LOCATION, REFERRER_POLICY, SET_COOKIE, WWW_AUTHENTICATE,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};

use crate::app::App;
use crate::auth::{self, Credentials};
use crate::error::ApiError;
use crate::form;
use crate::owner::{Access, Owner, SESSION_COOKIE, SESSION_SECONDS};
use crate::request::{is_same_origin, read_body};
use crate::stats::{self, Counts, Stats};
use crate::time::{self, DAY_MS};

/// The pages' policy: nothing but the service's own stylesheet and forms.
pub const CSP: &str =
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/// Days the dashboard shows when no range is given.
pub const DEFAULT_DAYS: i64 = 90;
const STYLESHEET: &str = include_str!("../assets/dashboard.css");
/// Largest login form accepted.
const MAX_FORM: usize = 1024;

/// `GET /owner/dashboard.css`.
pub async fn stylesheet() -> Response {
    let headers = [
        (CONTENT_TYPE, "text/css; charset=utf-8"),
        (CACHE_CONTROL, "max-age=300"),
        (X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ];
    (StatusCode::OK, headers, STYLESHEET).into_response()
}

/// `GET /owner`: to `/owner/`, relative so that the service can sit under a path prefix.
pub async fn to_dashboard() -> Response {
    (StatusCode::PERMANENT_REDIRECT, [(LOCATION, "owner/")]).into_response()
}

/// A dashboard answer other than the page: an HTML message page with its status.
#[derive(Debug)]
pub struct PageError(StatusCode, String);

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        message_page(self.0, &self.1)
    }
}

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> PageError {
        let message = match e.status() {
            StatusCode::NOT_FOUND => auth::DISABLED.to_string(),
            _ => "the statistics could not be read; try again".to_string(),
        };
        PageError(e.status(), message)
    }
}

/// `GET /owner/?from=…&to=…`: the dashboard, or the login form without credentials.
pub async fn page(
    credentials: Result<Credentials, ApiError>,
    State(app): State<App>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    match credentials? {
        Credentials(Access::Granted) => {}
        Credentials(Access::Missing) => return Ok(login_page(StatusCode::UNAUTHORIZED, None)),
        Credentials(Access::Wrong) => {
            return Ok(login_page(StatusCode::UNAUTHORIZED, Some("Your session has expired: log in again.")))
        }
    }
    let bad = |message: String| PageError(StatusCode::BAD_REQUEST, message);
    let today = time::now_ms().div_euclid(DAY_MS);
    let pairs = form::decode(query.as_deref().unwrap_or(""), &["from", "to"]).map_err(bad)?;
    let date = |name: &str| -> Result<Option<i64>, PageError> {
        form::get(&pairs, name)
            .map(|v| {
                time::parse_date(v).ok_or_else(|| {
                    let v: String = v.chars().take(40).collect();
                    bad(format!("expected dates as YYYY-MM-DD, not {v:?}"))
                })
            })
            .transpose()
    };
    let to = date("to")?.unwrap_or(today);
    let from = date("from")?.unwrap_or(to - (DEFAULT_DAYS - 1));
    if from > to {
        return Err(bad("from must not be after to".to_string()));
    }
    let stats = stats::read(&app, from, to + 1).await?;
    Ok(html_response(StatusCode::OK, dashboard(&stats, from, to)))
}

/// `POST /owner/login` (a form with `token`): sets the session cookie and goes to the dashboard.
pub async fn login(State(app): State<App>, headers: HeaderMap, body: Body) -> Result<Response, ApiError> {
    let Some(owner) = &app.options().owner else { return Err(ApiError::new(StatusCode::NOT_FOUND, auth::DISABLED)) };
    if !is_same_origin(&headers, app.options().trust_proxy) {
        return Ok(message_page(StatusCode::FORBIDDEN, "The login form must be sent from this dashboard's own page."));
    }
    let media = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if !media.to_ascii_lowercase().starts_with("application/x-www-form-urlencoded") {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "the login must be a form (application/x-www-form-urlencoded)",
        ));
    }
    let bytes = read_body(body, MAX_FORM, app.options().body_timeout).await?;
    let token = std::str::from_utf8(&bytes)
        .ok()
        // `user` is the form's hidden user name, for password managers: ignored.
        .and_then(|text| form::decode(text, &["user", "token"]).ok())
        .and_then(|pairs| form::get(&pairs, "token").map(str::to_string));
    if !token.is_some_and(|token| owner.is_token(&token)) {
        return Ok(login_page(StatusCode::UNAUTHORIZED, Some("That is not the owner's token.")));
    }
    let generation = app
        .store()
        .session_generation()
        .await
        .map_err(|e| ApiError::unavailable("the session could not be made", e))?;
    let cookie = session_cookie(owner, generation, app.options().secure)
        .ok_or_else(|| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "the session could not be made"))?;
    let mut response = (StatusCode::SEE_OTHER, [(LOCATION, "./")]).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(SET_COOKIE, value);
    }
    response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// `POST /owner/logout`: ends every session (a new generation) when the request is the owner's,
/// and removes the session cookie.
pub async fn logout(
    credentials: Result<Credentials, ApiError>,
    State(app): State<App>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if app.options().owner.is_none() {
        return Err(ApiError::new(StatusCode::NOT_FOUND, auth::DISABLED));
    }
    if !is_same_origin(&headers, app.options().trust_proxy) {
        return Ok(message_page(StatusCode::FORBIDDEN, "Log out from this dashboard's own page."));
    }
    // A stranger's logout must not end the owner's sessions: only a granted one does.
    if let Ok(Credentials(Access::Granted)) = credentials {
        app.store().end_sessions().await.map_err(|e| ApiError::unavailable("the sessions could not be ended", e))?;
    }
    let secure = if app.options().secure { "; Secure" } else { "" };
    let cookie = format!("{SESSION_COOKIE}=; Max-Age=0; HttpOnly; SameSite=Strict{secure}");
    let mut response = (StatusCode::SEE_OTHER, [(LOCATION, "./")]).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(SET_COOKIE, value);
    }
    Ok(response)
}

/// The session cookie. No `Path`: the browser's default is the login URL's directory
/// (`/owner`, or under whatever prefix the service is served), so it is sent to the owner's
/// routes only.
fn session_cookie(owner: &Owner, generation: i64, secure: bool) -> Option<String> {
    let value = owner.session(time::now_ms() / 1000 + SESSION_SECONDS, generation)?;
    let secure = if secure { "; Secure" } else { "" };
    Some(format!("{SESSION_COOKIE}={value}; Max-Age={SESSION_SECONDS}; HttpOnly; SameSite=Strict{secure}"))
}

fn html_response(status: StatusCode, page: Markup) -> Response {
    let headers = [
        (CONTENT_TYPE, "text/html; charset=utf-8"),
        (CONTENT_SECURITY_POLICY, CSP),
        (X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (X_FRAME_OPTIONS, "DENY"),
        (REFERRER_POLICY, "no-referrer"),
        (CACHE_CONTROL, "no-store"),
    ];
    (status, headers, page.into_string()).into_response()
}

/// A page: the document around `body`.
fn document(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (title) }
                link rel="icon" href="data:,";
                link rel="stylesheet" href="dashboard.css";
            }
            body { (body) }
        }
    }
}

fn login_page(status: StatusCode, message: Option<&str>) -> Response {
    let body = html! {
        main.login {
            h1 { "Consent records" }
            @if let Some(message) = message {
                p.error role="alert" { (message) }
            }
            p {
                "Enter the owner's token (the service's " code { "CONSENT_RECORDS_TOKEN" }
                "). It is not stored in the browser: a session cookie for this dashboard is, for 12 hours."
            }
            form method="post" action="login" {
                input type="text" name="user" value="owner" autocomplete="username" hidden;
                label { "Token " input type="password" name="token" autocomplete="current-password" required; }
                p { button type="submit" { "Log in" } }
            }
        }
    };
    let mut response = html_response(status, document("Consent records: log in", body));
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"consent-records\""));
    }
    response
}

fn message_page(status: StatusCode, message: &str) -> Response {
    let body = html! {
        main.login {
            h1 { "Consent records" }
            p.error role="alert" { (message) }
            p { a href="./" { "Back to the dashboard" } }
        }
    };
    html_response(status, document("Consent records", body))
}

fn percent(n: u64, of: u64) -> String {
    if of == 0 {
        "–".to_string()
    } else {
        format!("{:.1} %", n as f64 * 100.0 / of as f64)
    }
}

fn rate_cell(accepted: u64, refused: u64) -> String {
    match stats::rate(accepted, refused) {
        Some(rate) => format!("{:.1} %", rate * 100.0),
        None => "–".to_string(),
    }
}

/// The dashboard of the days `from..=to` (days since 1970).
pub fn dashboard(stats: &Stats, from: i64, to: i64) -> Markup {
    let (from_label, to_label) = (time::format_day(from), time::format_day(to));
    let range = format!("from={from_label}&to={to_label}");
    let total = &stats.total;
    let rates_table = |first: &str, rows: &[(String, &Counts)]| {
        html! {
            div.scroll {
                table {
                    thead {
                        tr {
                            th { (first) } th { "Receipts" } th { "Accept all" } th { "Reject all" } th { "Custom" }
                            @for id in &stats.categories { th { (id) } }
                        }
                    }
                    tbody {
                        @for (label, counts) in rows {
                            tr {
                                td { (label) }
                                td { (counts.receipts) }
                                @for n in &counts.choices[..3] { td { (percent(*n, counts.receipts)) } }
                                @for (accepted, refused) in &counts.categories { td { (rate_cell(*accepted, *refused)) } }
                            }
                        }
                    }
                }
            }
        }
    };
    let mut versions: Vec<(String, &Counts)> = vec![("All".to_string(), total)];
    versions.extend(stats.versions.iter().map(|(v, c)| (v.clone(), c)));
    let mut areas: Vec<(String, &Counts)> = vec![("All".to_string(), total)];
    areas.extend(stats.areas.iter().map(|(a, c)| (if a.is_empty() { "(no area)".to_string() } else { a.clone() }, c)));
    let days: Vec<(String, &Counts)> = stats.days.iter().rev().map(|(d, c)| (time::format_day(*d), c)).collect();
    let body = html! {
        header {
            h1 { "Consent records" }
            form method="post" action="logout" { button type="submit" { "Log out" } }
        }
        form.range method="get" action="./" {
            label { "From " input type="date" name="from" value=(from_label) required; }
            label { "To " input type="date" name="to" value=(to_label) required; }
            button type="submit" { "Show" }
        }
        p.note {
            "Days are UTC; the range includes both days. Export this range: "
            a href={ "export.csv?" (range) } { "CSV" } " · "
            a href={ "export.ndjson?" (range) } { "NDJSON" } " · "
            a href={ "stats?" (range) } { "statistics (JSON)" }
        }
        section {
            h2 { "Choices" }
            div.scroll {
                table {
                    thead {
                        tr {
                            th {} th { "Receipts" } th { "Accept all" } th { "Reject all" } th { "Custom" }
                            th { "Nothing to choose" }
                        }
                    }
                    tbody {
                        tr.all {
                            td { "All" } td { (total.receipts) }
                            @for n in total.choices { td { (n) " (" (percent(n, total.receipts)) ")" } }
                        }
                        @for (method, n) in stats.methods.iter().zip(&total.methods) {
                            tr { td { "by " (method) } td { (n) } td colspan="4" {} }
                        }
                    }
                }
            }
        }
        section {
            h2 { "Acceptance rate per day" }
            (chart(stats, from, to))
            ul.legend {
                @for (i, id) in stats.categories.iter().enumerate() {
                    li { span class={ "sw k" (i % 8) } {} (id) }
                }
                li { span.sw.k7 {} "accept all (share of receipts with a choice, dashed)" }
            }
            p.note { "A category's rate: the receipts that accepted it among those that offered it." }
        }
        section { h2 { "Per banner version" } (rates_table("Version", &versions)) }
        section { h2 { "Per site area" } (rates_table("Area", &areas)) }
        section.days { h2 { "Per day" } (rates_table("Day (UTC)", &days)) }
    };
    document("Consent records", body)
}

/// One line of the chart: (class, label, dashed, points (day, rate, accepted, offered)).
type Series = (String, String, bool, Vec<(i64, f64, u64, u64)>);

/// The chart: one line per category (its acceptance rate per day) and a dashed line for the
/// share of "accept all" among receipts that had a choice; a point per day with receipts,
/// a tooltip (`<title>`) on each point, gaps where a day had none.
pub fn chart(stats: &Stats, from: i64, to: i64) -> Markup {
    const W: f64 = 760.0;
    const H: f64 = 260.0;
    const LEFT: f64 = 44.0;
    const RIGHT: f64 = 12.0;
    const TOP: f64 = 12.0;
    const BOTTOM: f64 = 28.0;
    let span = (to - from).max(1) as f64;
    let x = |day: i64| {
        if to == from {
            LEFT + (W - LEFT - RIGHT) / 2.0
        } else {
            LEFT + (day - from) as f64 / span * (W - LEFT - RIGHT)
        }
    };
    let y = |rate: f64| TOP + (1.0 - rate) * (H - TOP - BOTTOM);
    let mut series: Vec<Series> = Vec::new();
    for (i, id) in stats.categories.iter().enumerate() {
        let points = stats
            .days
            .iter()
            .filter_map(|(day, c)| {
                let (accepted, refused) = c.categories.get(i).copied()?;
                stats::rate(accepted, refused).map(|r| (*day, r, accepted, accepted + refused))
            })
            .collect();
        series.push((format!("k{}", i % 8), id.clone(), false, points));
    }
    let accept_all = stats
        .days
        .iter()
        .filter_map(|(day, c)| {
            let with_choice = c.choices[0] + c.choices[1] + c.choices[2];
            stats::rate(c.choices[0], with_choice - c.choices[0]).map(|r| (*day, r, c.choices[0], with_choice))
        })
        .collect();
    series.push(("k7".to_string(), "accept all".to_string(), true, accept_all));
    // Consecutive days make one line; a day without receipts breaks it.
    let runs = |points: &[(i64, f64, u64, u64)]| -> Vec<String> {
        let mut runs: Vec<Vec<String>> = Vec::new();
        let mut last_day: Option<i64> = None;
        for (day, rate, _, _) in points {
            if last_day.is_none_or(|d| d + 1 != *day) {
                runs.push(Vec::new());
            }
            if let Some(run) = runs.last_mut() {
                run.push(format!("{:.1},{:.1}", x(*day), y(*rate)));
            }
            last_day = Some(*day);
        }
        runs.into_iter().filter(|run| run.len() > 1).map(|run| run.join(" ")).collect()
    };
    let labels = [from, from + (to - from) / 2, to];
    let label = format!("Acceptance rate per category and day, {} to {}", time::format_day(from), time::format_day(to));
    html! {
        svg.chart viewBox={ "0 0 " (W) " " (H) } role="img" aria-label=(label) xmlns="http://www.w3.org/2000/svg" {
            @for step in 0..=4 {
                @let rate = f64::from(step) / 4.0;
                line.grid x1=(LEFT) x2=(W - RIGHT) y1=(format!("{:.1}", y(rate))) y2=(format!("{:.1}", y(rate))) {}
                text.axis x=(LEFT - 6.0) y=(format!("{:.1}", y(rate) + 4.0)) text-anchor="end" { (step * 25) "%" }
            }
            @for (i, day) in labels.iter().enumerate() {
                @if i == 0 || *day != labels[i - 1] {
                    text.axis x=(format!("{:.1}", x(*day))) y=(H - 8.0) text-anchor=(["start", "middle", "end"][i]) {
                        (time::format_day(*day))
                    }
                }
            }
            @for (class, label, dashed, points) in &series {
                @let line_class = if *dashed { format!("{class} dashed") } else { class.clone() };
                @for run in runs(points) {
                    polyline class=(line_class) points=(run) {}
                }
                @for (day, rate, n, of) in points {
                    circle class=(class) cx=(format!("{:.1}", x(*day))) cy=(format!("{:.1}", y(*rate))) r="2.5" {
                        title { (label) " " (time::format_day(*day)) ": " (format!("{:.1}", rate * 100.0)) " % (" (n) " of " (of) ")" }
                    }
                }
            }
        }
    }
}
