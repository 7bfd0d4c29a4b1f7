//! The visitor's side: `POST /receipts` stores a receipt (and re-issues the consent cookies it
//! matches) and `GET /records/{consent_id}` reads a consent id's record, newest first, a page
//! at a time.

use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::header::{CONTENT_TYPE, COOKIE, LINK, RETRY_AFTER, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use consent_banner::core::config::Config;
use consent_banner::core::json::{self, Value};
use consent_banner::core::{consent, cookie};

use crate::app::App;
use crate::error::ApiError;
use crate::export::record_json;
use crate::form;
use crate::receipt::{self, Receipt};
use crate::stats;
use crate::store::{Cursor, InsertError};
use crate::time::{self, DAY_MS};

/// Largest receipt body accepted; a receipt is about 400 bytes.
pub const MAX_BODY: usize = 4096;
/// Receipts in a page of a record when the request does not say.
pub const RECORD_PAGE: i64 = 20;
/// The most receipts a page of a record holds.
pub const MAX_RECORD_PAGE: i64 = 100;

/// `POST /receipts`.
pub async fn post(State(app): State<App>, headers: HeaderMap, body: Body) -> Result<Response, ApiError> {
    let media = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("text/plain");
    let media = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if media != "text/plain" && media != "application/json" {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "the body must be text/plain or application/json",
        ));
    }
    let bytes = crate::request::read_body(body, MAX_BODY, app.options().body_timeout).await?;
    let now = time::now_ms();
    let receipt = receipt::parse(&bytes, app.config(), now).map_err(|invalid| ApiError::bad_request(invalid.text()))?;
    let counts = stats::counts(app.config(), &receipt);
    let id = match app.store().insert(&receipt, now, &counts, app.options().receipts_per_day).await {
        Ok(id) => id,
        Err(InsertError::OverQuota) => return Err(over_quota(&app, now)),
        Err(InsertError::Database(e)) => return Err(ApiError::unavailable("the receipt could not be stored", e)),
    };
    let mut response = StatusCode::NO_CONTENT.into_response();
    let mut lines = reissued_cookies(app.config(), &headers, &receipt, app.options().secure);
    // Two choices in quick succession: the answer to the older one may reach the browser after
    // the newer choice's cookie was written, and must not put the older cookie back. (If the
    // check cannot be made, no cookie is re-issued: the browser keeps what it has.)
    if !lines.is_empty() && app.store().has_newer(&receipt.consent_id, id, now, &receipt.time).await.unwrap_or(true) {
        lines.clear();
    }
    for line in lines {
        if let Ok(value) = HeaderValue::from_str(&line) {
            response.headers_mut().append(SET_COOKIE, value);
        }
    }
    Ok(response)
}

/// 429 until the next midnight (UTC), when the consent id's receipts of the day start again.
fn over_quota(app: &App, now: i64) -> ApiError {
    let most = app.options().receipts_per_day.unwrap_or(0);
    let seconds = (DAY_MS - now.rem_euclid(DAY_MS) + 999) / 1000;
    ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        format!("this consent id has stored {most} receipts today (UTC), the most a day: try again after midnight UTC"),
    )
    .with_header(RETRY_AFTER, HeaderValue::from(seconds))
}

/// The `Set-Cookie` lines that re-issue the consent and banner cookies the request carries,
/// when the consent cookie decodes to this receipt's choice (id, version and accepted
/// optional categories) and the banner cookie is this version's. Otherwise none.
pub fn reissued_cookies(config: &Config, headers: &HeaderMap, receipt: &Receipt, secure: bool) -> Vec<String> {
    let header: Vec<&str> = headers.get_all(COOKIE).iter().filter_map(|v| v.to_str().ok()).collect();
    let header = header.join("; ");
    let settings = &config.cookie_settings;
    let mut expected: Vec<&str> =
        receipt.accepted.iter().map(String::as_str).filter(|id| config.is_known_optional(id)).collect();
    expected.sort_unstable();
    expected.dedup();
    let matching = cookie::values(&header, &settings.consent.name).into_iter().find(|value| {
        consent::decode(value).is_ok_and(|c| {
            c.id.eq_ignore_ascii_case(&receipt.consent_id) && c.version == receipt.version && c.accepted == expected
        })
    });
    let banner = consent::banner_value(&receipt.version);
    let banner_present = cookie::values(&header, &settings.banner.name).contains(&banner.as_str());
    match matching {
        Some(value) if banner_present => vec![
            cookie::write(&settings.consent, value, settings, secure),
            cookie::write(&settings.banner, &banner, settings, secure),
        ],
        _ => Vec::new(),
    }
}

/// `GET /records/{consent_id}?cursor=…&limit=…`: `{"consentId", "records", "next"}`, the
/// receipts newest first, at most `limit` (default 20, at most 100); `next` is the cursor of
/// the following page (also in a `Link` header), `null` on the last.
pub async fn get_record(
    State(app): State<App>,
    Path(consent_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    if !receipt::is_consent_id(&consent_id) {
        return Err(ApiError::bad_request("consent id: must be 16 to 64 hexadecimal digits"));
    }
    let consent_id = consent_id.to_ascii_lowercase();
    let pairs = form::decode(query.as_deref().unwrap_or(""), &["cursor", "limit"]).map_err(ApiError::bad_request)?;
    let before = form::get(&pairs, "cursor")
        .map(|c| parse_cursor(c).ok_or_else(|| ApiError::bad_request("cursor: not a cursor this service gave")))
        .transpose()?;
    let limit = match form::get(&pairs, "limit") {
        None => RECORD_PAGE,
        Some(text) => text
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=MAX_RECORD_PAGE).contains(n))
            .ok_or_else(|| ApiError::bad_request(format!("limit: a number from 1 to {MAX_RECORD_PAGE}")))?,
    };
    // One more than asked tells whether another page follows.
    let mut page = app
        .store()
        .records(&consent_id, before, limit + 1)
        .await
        .map_err(|e| ApiError::unavailable("the records could not be read", e))?;
    let more = i64::try_from(page.len()).is_ok_and(|n| n > limit);
    page.truncate(usize::try_from(limit).unwrap_or(0));
    let next = page.last().filter(|_| more).map(|s| format!("{}-{}", s.record.received_ms, s.id));
    let body = json::object([
        ("consentId", consent_id.as_str().into()),
        ("records", page.iter().map(|s| record_json(&s.record)).collect()),
        ("next", next.as_deref().map_or(Value::Null, Value::from)),
    ]);
    let mut response = (StatusCode::OK, [(CONTENT_TYPE, "application/json")], json::to_json(&body)).into_response();
    if let Some(next) = next {
        let link = format!("<{consent_id}?cursor={next}&limit={limit}>; rel=\"next\"");
        if let Ok(value) = HeaderValue::from_str(&link) {
            response.headers_mut().insert(LINK, value);
        }
    }
    Ok(response)
}

/// `1764496800000-42`: the (received_ms, id) of a page's last receipt.
fn parse_cursor(text: &str) -> Option<Cursor> {
    let (ms, id) = text.split_once('-')?;
    let number =
        |t: &str| (!t.is_empty() && t.len() <= 19 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok())?;
    Some((number(ms)?, number(id)?))
}
