//! The owner's dashboard: server-rendered HTML with an inline SVG chart, no JavaScript and no
//! external resource, under a strict Content-Security-Policy (its only stylesheet is
//! `/owner/dashboard.css`, served here). Every value written into the page is escaped.
//!
//! A browser cannot send a bearer header that someone types, so the dashboard also accepts a
//! session cookie: `POST /owner/login` with the token in a form sets `consent_records_owner`
//! (HttpOnly, SameSite=Strict, `Secure` with `--secure`, 12 hours) holding an expiry and its
//! HMAC keyed by the token, never the token itself. The token is never put in a URL.

use std::fmt::Write as _;

use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, LOCATION, REFERRER_POLICY, SET_COOKIE, WWW_AUTHENTICATE,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::form;
use crate::http::{error, read_body, App};
use crate::owner::{Access, Owner, SESSION_COOKIE, SESSION_SECONDS};
use crate::stats::{self, Counts, Stats};
use crate::store::Span;
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

/// `GET /owner/?from=…&to=…`: the dashboard, or the login form without credentials.
pub async fn page(State(app): State<App>, headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    let Some(owner) = &app.options().owner else { return disabled() };
    match owner.access(&headers, time::now_ms() / 1000) {
        Access::Granted => {}
        Access::Missing => return login_page(StatusCode::UNAUTHORIZED, None),
        Access::Wrong => return login_page(StatusCode::UNAUTHORIZED, Some("Your session has expired: log in again.")),
    }
    let today = time::now_ms().div_euclid(DAY_MS);
    let pairs = match form::decode(query.as_deref().unwrap_or(""), &["from", "to"]) {
        Ok(pairs) => pairs,
        Err(message) => return message_page(StatusCode::BAD_REQUEST, &message),
    };
    let from = form::get(&pairs, "from").map(|v| time::parse_date(v).ok_or(v));
    let to = form::get(&pairs, "to").map(|v| time::parse_date(v).ok_or(v));
    let (from, to) = match (from, to) {
        (Some(Err(v)), _) | (_, Some(Err(v))) => {
            let v: String = v.chars().take(40).collect();
            return message_page(StatusCode::BAD_REQUEST, &format!("expected dates as YYYY-MM-DD, not {v:?}"));
        }
        (from, to) => {
            let to = to.and_then(Result::ok).unwrap_or(today);
            (from.and_then(Result::ok).unwrap_or(to - (DEFAULT_DAYS - 1)), to)
        }
    };
    if from > to {
        return message_page(StatusCode::BAD_REQUEST, "from must not be after to");
    }
    let span = Span { from_ms: from * DAY_MS, to_ms: (to + 1) * DAY_MS };
    match app.store().tallies(span).await {
        Ok(tallies) => html(StatusCode::OK, &dashboard(&stats::compute(app.config(), &tallies), from, to)),
        Err(e) => {
            eprintln!("consent-records: cannot count the receipts: {e}");
            message_page(StatusCode::SERVICE_UNAVAILABLE, "the statistics could not be read; try again")
        }
    }
}

/// `POST /owner/login` (a form with `token`): sets the session cookie and goes to the dashboard.
pub async fn login(State(app): State<App>, headers: HeaderMap, body: Body) -> Response {
    let Some(owner) = &app.options().owner else { return disabled() };
    let media = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if !media.to_ascii_lowercase().starts_with("application/x-www-form-urlencoded") {
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "the login must be a form (application/x-www-form-urlencoded)",
        );
    }
    let bytes = match read_body(body, MAX_FORM, app.options().body_timeout).await {
        Ok(bytes) => bytes,
        Err(response) => return response,
    };
    let token = std::str::from_utf8(&bytes)
        .ok()
        // `user` is the form's hidden user name, for password managers: ignored.
        .and_then(|text| form::decode(text, &["user", "token"]).ok())
        .and_then(|pairs| form::get(&pairs, "token").map(str::to_string));
    match token {
        Some(token) if owner.is_token(&token) => {
            let cookie = session_cookie(owner, app.options().secure);
            let mut response = (StatusCode::SEE_OTHER, [(LOCATION, "./")]).into_response();
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response.headers_mut().insert(SET_COOKIE, value);
            }
            response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        _ => login_page(StatusCode::UNAUTHORIZED, Some("That is not the owner's token.")),
    }
}

/// `POST /owner/logout`: removes the session cookie.
pub async fn logout(State(app): State<App>) -> Response {
    if app.options().owner.is_none() {
        return disabled();
    }
    let secure = if app.options().secure { "; Secure" } else { "" };
    let cookie = format!("{SESSION_COOKIE}=; Max-Age=0; HttpOnly; SameSite=Strict{secure}");
    let mut response = (StatusCode::SEE_OTHER, [(LOCATION, "./")]).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(SET_COOKIE, value);
    }
    response
}

/// The session cookie. No `Path`: the browser's default is the login URL's directory
/// (`/owner`, or under whatever prefix the service is served), so it is sent to the owner's
/// routes only.
fn session_cookie(owner: &Owner, secure: bool) -> String {
    let value = owner.session(time::now_ms() / 1000 + SESSION_SECONDS);
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={value}; Max-Age={SESSION_SECONDS}; HttpOnly; SameSite=Strict{secure}")
}

fn disabled() -> Response {
    error(
        StatusCode::NOT_FOUND,
        "the owner's routes are disabled: CONSENT_RECORDS_TOKEN was not set when the service started",
    )
}

fn html(status: StatusCode, body: &str) -> Response {
    let headers = [
        (CONTENT_TYPE, "text/html; charset=utf-8"),
        (CONTENT_SECURITY_POLICY, CSP),
        (X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (X_FRAME_OPTIONS, "DENY"),
        (REFERRER_POLICY, "no-referrer"),
        (CACHE_CONTROL, "no-store"),
    ];
    (status, headers, body.to_string()).into_response()
}

/// Text for HTML, in elements and in quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn head(title: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n<title>{}</title>\n\
         <link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"dashboard.css\">\n</head>\n<body>\n",
        escape(title)
    )
}

fn login_page(status: StatusCode, message: Option<&str>) -> Response {
    let mut out = head("Consent records: log in");
    out.push_str("<main class=\"login\">\n<h1>Consent records</h1>\n");
    if let Some(message) = message {
        let _ = writeln!(out, "<p class=\"error\" role=\"alert\">{}</p>", escape(message));
    }
    out.push_str(
        "<p>Enter the owner's token (the service's <code>CONSENT_RECORDS_TOKEN</code>). It is not stored \
         in the browser: a session cookie for this dashboard is, for 12 hours.</p>\n\
         <form method=\"post\" action=\"login\">\n<input type=\"text\" name=\"user\" value=\"owner\" \
         autocomplete=\"username\" hidden>\n<label>Token <input type=\"password\" name=\"token\" \
         autocomplete=\"current-password\" required></label>\n<p><button type=\"submit\">Log in</button></p>\n\
         </form>\n</main>\n</body>\n</html>\n",
    );
    let mut response = html(status, &out);
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"consent-records\""));
    }
    response
}

fn message_page(status: StatusCode, message: &str) -> Response {
    let mut out = head("Consent records");
    let _ = write!(
        out,
        "<main class=\"login\">\n<h1>Consent records</h1>\n<p class=\"error\" role=\"alert\">{}</p>\n\
         <p><a href=\"./\">Back to the dashboard</a></p>\n</main>\n</body>\n</html>\n",
        escape(message)
    );
    html(status, &out)
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
pub fn dashboard(stats: &Stats, from: i64, to: i64) -> String {
    let (from_label, to_label) = (time::format_day(from), time::format_day(to));
    let range = escape(&format!("from={from_label}&to={to_label}"));
    let mut out = head("Consent records");
    out.push_str(
        "<header>\n<h1>Consent records</h1>\n<form method=\"post\" action=\"logout\"><button type=\"submit\">\
         Log out</button></form>\n</header>\n",
    );
    let _ = write!(
        out,
        "<form class=\"range\" method=\"get\" action=\"./\">\n\
         <label>From <input type=\"date\" name=\"from\" value=\"{f}\" required></label>\n\
         <label>To <input type=\"date\" name=\"to\" value=\"{t}\" required></label>\n\
         <button type=\"submit\">Show</button>\n</form>\n\
         <p class=\"note\">Days are UTC; the range includes both days. Export this range: \
         <a href=\"export.csv?{range}\">CSV</a> · <a href=\"export.ndjson?{range}\">NDJSON</a> · \
         <a href=\"stats?{range}\">statistics (JSON)</a></p>\n",
        f = escape(&from_label),
        t = escape(&to_label),
    );

    let total = &stats.total;
    out.push_str("<section>\n<h2>Choices</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th></th><th>Receipts</th>");
    out.push_str(
        "<th>Accept all</th><th>Reject all</th><th>Custom</th><th>Nothing to choose</th></tr></thead>\n<tbody>",
    );
    let _ = write!(out, "<tr><td>All</td><td>{}</td>", total.receipts);
    for n in total.choices {
        let _ = write!(out, "<td>{n} ({})</td>", percent(n, total.receipts));
    }
    out.push_str("</tr>\n");
    for (method, n) in stats.methods.iter().zip(&total.methods) {
        let _ = writeln!(out, "<tr><td>by {}</td><td>{n}</td><td colspan=\"4\"></td></tr>", escape(method));
    }
    out.push_str("</tbody></table></div>\n</section>\n");

    out.push_str("<section>\n<h2>Acceptance rate per day</h2>\n");
    out.push_str(&chart(stats, from, to));
    out.push_str("<ul class=\"legend\">\n");
    for (i, id) in stats.categories.iter().enumerate() {
        let _ = writeln!(out, "<li><span class=\"sw k{}\"></span>{}</li>", i % 8, escape(id));
    }
    out.push_str(
        "<li><span class=\"sw k7\"></span>accept all (share of receipts with a choice, dashed)</li>\n</ul>\n\
         <p class=\"note\">A category's rate: the receipts that accepted it among those that offered it.</p>\n",
    );
    out.push_str("</section>\n");

    let rates_header = |out: &mut String, first: &str| {
        let _ =
            write!(out, "<thead><tr><th>{}</th><th>Receipts</th><th>Accept all</th><th>Reject all</th>", escape(first));
        out.push_str("<th>Custom</th>");
        for id in &stats.categories {
            let _ = write!(out, "<th>{}</th>", escape(id));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
    };
    let rates_row = |out: &mut String, label: &str, counts: &Counts| {
        let _ = write!(out, "<tr><td>{}</td><td>{}</td>", escape(label), counts.receipts);
        for n in &counts.choices[..3] {
            let _ = write!(out, "<td>{}</td>", percent(*n, counts.receipts));
        }
        for (accepted, refused) in &counts.categories {
            let _ = write!(out, "<td>{}</td>", rate_cell(*accepted, *refused));
        }
        out.push_str("</tr>\n");
    };
    out.push_str("<section>\n<h2>Per banner version</h2>\n<div class=\"scroll\"><table>\n");
    rates_header(&mut out, "Version");
    rates_row(&mut out, "All", total);
    for (version, counts) in &stats.versions {
        rates_row(&mut out, version, counts);
    }
    out.push_str("</tbody></table></div>\n</section>\n");
    out.push_str("<section>\n<h2>Per day</h2>\n<div class=\"scroll days\"><table>\n");
    rates_header(&mut out, "Day (UTC)");
    for (day, counts) in stats.days.iter().rev() {
        rates_row(&mut out, &time::format_day(*day), counts);
    }
    out.push_str("</tbody></table></div>\n</section>\n</body>\n</html>\n");
    out
}

/// One line of the chart: (class, label, dashed, points (day, rate, accepted, offered)).
type Series = (String, String, bool, Vec<(i64, f64, u64, u64)>);

/// The chart: one line per category (its acceptance rate per day) and a dashed line for the
/// share of "accept all" among receipts that had a choice; a point per day with receipts,
/// a tooltip (`<title>`) on each point, gaps where a day had none.
pub fn chart(stats: &Stats, from: i64, to: i64) -> String {
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
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"Acceptance rate per category and day, \
         {} to {}\" xmlns=\"http://www.w3.org/2000/svg\">",
        escape(&time::format_day(from)),
        escape(&time::format_day(to))
    );
    for step in 0..=4 {
        let rate = f64::from(step) / 4.0;
        let _ = writeln!(
            out,
            "<line class=\"grid\" x1=\"{LEFT}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/>\
             <text class=\"axis\" x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}%</text>",
            W - RIGHT,
            LEFT - 6.0,
            y(rate) + 4.0,
            step * 25,
            y = y(rate)
        );
    }
    let labels = [from, from + (to - from) / 2, to];
    for (i, day) in labels.iter().enumerate() {
        if i > 0 && *day == labels[i - 1] {
            continue;
        }
        let anchor = ["start", "middle", "end"][i];
        let _ = writeln!(
            out,
            "<text class=\"axis\" x=\"{:.1}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text>",
            x(*day),
            H - 8.0,
            escape(&time::format_day(*day))
        );
    }
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
    for (class, label, dashed, points) in &series {
        let dashed = if *dashed { " dashed" } else { "" };
        // Consecutive days make one line; a day without receipts breaks it.
        let mut run: Vec<String> = Vec::new();
        let mut last_day = None;
        let flush = |out: &mut String, run: &mut Vec<String>| {
            if run.len() > 1 {
                let _ = writeln!(out, "<polyline class=\"{class}{dashed}\" points=\"{}\"/>", run.join(" "));
            }
            run.clear();
        };
        for (day, rate, _, _) in points {
            if last_day.is_some_and(|d| d + 1 != *day) {
                flush(&mut out, &mut run);
            }
            run.push(format!("{:.1},{:.1}", x(*day), y(*rate)));
            last_day = Some(*day);
        }
        flush(&mut out, &mut run);
        for (day, rate, n, of) in points {
            let _ = writeln!(
                out,
                "<circle class=\"{class}\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.5\"><title>{} {}: {:.1} % ({n} of {of})</title></circle>",
                x(*day),
                y(*rate),
                escape(label),
                escape(&time::format_day(*day)),
                rate * 100.0
            );
        }
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert('x')</script>&\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"
        );
    }
}
