//! The HTTP side: `POST /receipts`, `GET /records/{consent_id}`, and the owner's routes under
//! `/owner/` (see [`crate::export`]).

use std::sync::Arc;
use std::time::Duration;

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Path, State};
use axum::http::header::{CONNECTION, CONTENT_TYPE, COOKIE, SET_COOKIE, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use consent_banner::core::config::Config;
use consent_banner::core::json;
use consent_banner::core::{consent, cookie};
use http_body_util::LengthLimitError;

use crate::dashboard;
use crate::export;
use crate::owner::{Access, Owner};
use crate::receipt::{self, Receipt};
use crate::stats;
use crate::store::Store;

/// Largest receipt body accepted; a receipt is about 400 bytes.
pub const MAX_BODY: usize = 4096;
/// Default time a client has to send a request's body once its headers are in.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(10);

/// What every request shares.
#[derive(Clone, Debug)]
pub struct App(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    config: Config,
    store: Store,
    options: Options,
}

/// How the service is run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Served over https: cookies are set with `Secure`.
    pub secure: bool,
    /// Time a client has to send a body once its headers are in; then 408.
    pub body_timeout: Duration,
    /// The owner's token: without it the owner's routes answer 404.
    pub owner: Option<Owner>,
}

impl Default for Options {
    fn default() -> Options {
        Options { secure: false, body_timeout: BODY_TIMEOUT, owner: None }
    }
}

impl App {
    /// The service for a validated config and an open store; `secure` when served over https.
    pub fn new(config: Config, store: Store, secure: bool) -> App {
        App::with_options(config, store, Options { secure, ..Options::default() })
    }

    /// The service with every option.
    pub fn with_options(config: Config, store: Store, options: Options) -> App {
        App(Arc::new(Inner { config, store, options }))
    }

    /// The site's config.
    pub fn config(&self) -> &Config {
        &self.0.config
    }

    /// The database.
    pub fn store(&self) -> &Store {
        &self.0.store
    }

    /// How the service is run.
    pub fn options(&self) -> &Options {
        &self.0.options
    }
}

/// The service's routes.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/receipts", post(post_receipt))
        .route("/records/{consent_id}", get(get_records))
        .route("/owner/export.ndjson", get(export::ndjson))
        .route("/owner/export.csv", get(export::csv))
        .route("/owner/stats", get(stats::get))
        .route("/owner", get(dashboard::to_dashboard))
        .route("/owner/", get(dashboard::page))
        .route("/owner/login", post(dashboard::login))
        .route("/owner/logout", post(dashboard::logout))
        .route("/owner/dashboard.css", get(dashboard::stylesheet))
        .with_state(app)
}

/// What the owner's routes answer a request without the owner's credentials (`None` when it
/// has them): 404 when no token was configured, else 401 with `WWW-Authenticate: Bearer`.
pub(crate) fn owner_refusal(app: &App, headers: &HeaderMap) -> Option<Response> {
    let Some(owner) = &app.0.options.owner else {
        return Some(error(
            StatusCode::NOT_FOUND,
            "the owner's routes are disabled: CONSENT_RECORDS_TOKEN was not set when the service started",
        ));
    };
    let (challenge, message) = match owner.access(headers, now_ms() / 1000) {
        Access::Granted => return None,
        Access::Missing => {
            ("Bearer realm=\"consent-records\"", "the owner's token is required: Authorization: Bearer <token>")
        }
        Access::Wrong => (
            "Bearer realm=\"consent-records\", error=\"invalid_token\"",
            "the token (or the dashboard session) is not the owner's",
        ),
    };
    let mut response = error(StatusCode::UNAUTHORIZED, message);
    response.headers_mut().insert(WWW_AUTHENTICATE, HeaderValue::from_static(challenge));
    Some(response)
}

/// A JSON error answer: `{"error": message}`.
pub fn error(status: StatusCode, message: &str) -> Response {
    let body = json::to_json(&json::object([("error", message.into())]));
    (status, [(CONTENT_TYPE, "application/json")], body).into_response()
}

async fn post_receipt(State(app): State<App>, headers: HeaderMap, body: Body) -> Response {
    let media = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("text/plain");
    let media = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if media != "text/plain" && media != "application/json" {
        return error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "the body must be text/plain or application/json");
    }
    let bytes = match read_body(body, MAX_BODY, app.0.options.body_timeout).await {
        Ok(bytes) => bytes,
        Err(response) => return response,
    };
    let receipt = match receipt::parse(&bytes, &app.0.config) {
        Ok(r) => r,
        Err(invalid) => return error(StatusCode::BAD_REQUEST, &invalid.text()),
    };
    if let Err(e) = app.0.store.insert(&receipt, now_ms()).await {
        eprintln!("consent-records: cannot store a receipt: {e}");
        return error(StatusCode::SERVICE_UNAVAILABLE, "the receipt could not be stored");
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    let mut lines = reissued_cookies(&app.0.config, &headers, &receipt, app.0.options.secure);
    // Two choices in quick succession: the answer to the older one may reach the browser after
    // the newer choice's cookie was written, and must not put the older cookie back. (If the
    // check cannot be made, no cookie is re-issued: the browser keeps what it has.)
    if !lines.is_empty() && app.0.store.has_newer(&receipt.consent_id, &receipt.time).await.unwrap_or(true) {
        lines.clear();
    }
    for line in lines {
        if let Ok(value) = HeaderValue::from_str(&line) {
            response.headers_mut().append(SET_COOKIE, value);
        }
    }
    response
}

/// A request's body, at most `limit` bytes, read within `timeout`: otherwise the answer to give
/// (413, 408, or 400 when the body breaks off). The connection of a slow or broken body is
/// closed after the answer, since the rest of its body is not read.
pub async fn read_body(body: Body, limit: usize, timeout: Duration) -> Result<Bytes, Response> {
    let close = |mut response: Response| {
        response.headers_mut().insert(CONNECTION, HeaderValue::from_static("close"));
        response
    };
    match tokio::time::timeout(timeout, to_bytes(body, limit)).await {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(e)) if is_too_large(&e) => {
            Err(close(error(StatusCode::PAYLOAD_TOO_LARGE, &format!("the body is larger than {limit} bytes"))))
        }
        Ok(Err(_)) => Err(close(error(StatusCode::BAD_REQUEST, "the body could not be read"))),
        Err(_) => Err(close(error(
            StatusCode::REQUEST_TIMEOUT,
            &format!("the body was not received within {} s", timeout.as_secs_f32()),
        ))),
    }
}

fn is_too_large(e: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(error) = source {
        if error.is::<LengthLimitError>() {
            return true;
        }
        source = error.source();
    }
    false
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

async fn get_records(State(app): State<App>, Path(consent_id): Path<String>) -> Response {
    if !receipt::is_consent_id(&consent_id) {
        return error(StatusCode::BAD_REQUEST, "consent id: must be 16 to 64 hexadecimal digits");
    }
    match app.0.store.records(&consent_id.to_ascii_lowercase()).await {
        Ok(records) => {
            let body = json::to_json(&records.iter().map(export::record_json).collect());
            (StatusCode::OK, [(CONTENT_TYPE, "application/json")], body).into_response()
        }
        Err(e) => {
            eprintln!("consent-records: cannot read records: {e}");
            error(StatusCode::SERVICE_UNAVAILABLE, "the records could not be read")
        }
    }
}

fn now_ms() -> i64 {
    crate::time::now_ms()
}
