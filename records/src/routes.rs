//! The service's routes and the layers around them: the per-client rate limit
//! (tower-governor), when the options set one.

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, Request, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::KeyExtractor;
use tower_governor::{GovernorError, GovernorLayer};

use crate::app::{App, Rate};
use crate::error::ApiError;
use crate::{dashboard, export, receipts, request, stats};

/// How often the rate limiter forgets the clients whose buckets are full again.
const FORGET_EVERY: Duration = Duration::from_secs(60);

/// The service's routes, with the per-client rate limit of the options.
pub fn router(app: App) -> Router {
    let rate = app.options().rate;
    let trust_proxy = app.options().trust_proxy;
    let routes = Router::new()
        .route("/receipts", post(receipts::post))
        .route("/records/{consent_id}", get(receipts::get_record))
        .route("/owner/export.ndjson", get(export::ndjson))
        .route("/owner/export.csv", get(export::csv))
        .route("/owner/stats", get(stats::get))
        .route("/owner", get(dashboard::to_dashboard))
        .route("/owner/", get(dashboard::page))
        .route("/owner/login", post(dashboard::login))
        .route("/owner/logout", post(dashboard::logout))
        .route("/owner/dashboard.css", get(dashboard::stylesheet))
        .with_state(app);
    match rate.and_then(|rate| rate_limit(rate, trust_proxy)) {
        Some(layer) => routes.layer(layer),
        None => routes,
    }
}

/// The key of a request's bucket: its client's address (see [`request::client_ip`]), or one
/// shared bucket for requests without a peer.
#[derive(Debug, Clone, Copy)]
struct Client {
    trust_proxy: bool,
}

impl KeyExtractor for Client {
    type Key = IpAddr;

    fn extract<T>(&self, req: &Request<T>) -> Result<IpAddr, GovernorError> {
        Ok(request::client_ip(req, self.trust_proxy).unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)))
    }
}

type RateLayer =
    GovernorLayer<Client, governor::middleware::NoOpMiddleware<governor::clock::QuantaInstant>, axum::body::Body>;

/// The rate limit's layer; `None` only if governor refused the quota (it refuses a zero period
/// or burst, which `max(1)` rules out).
fn rate_limit(rate: Rate, trust_proxy: bool) -> Option<RateLayer> {
    let mut builder = GovernorConfigBuilder::default().key_extractor(Client { trust_proxy });
    builder
        .period(Duration::from_nanos(1_000_000_000 / u64::from(rate.per_second.max(1))))
        .burst_size(rate.burst.max(1));
    let config = builder.finish()?;
    let limiter = config.limiter().clone();
    // Each client seen keeps a small state until its bucket is full again: forget those, so
    // that a stranger cycling through addresses cannot grow the table without bound.
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(async move {
            let mut every = tokio::time::interval(FORGET_EVERY);
            loop {
                every.tick().await;
                limiter.retain_recent();
                limiter.shrink_to_fit();
            }
        });
    }
    Some(GovernorLayer::new(config).error_handler(|error| {
        match error {
            GovernorError::TooManyRequests { wait_time, .. } => {
                ApiError::new(StatusCode::TOO_MANY_REQUESTS, "too many requests from this address: slow down")
                    .with_header(RETRY_AFTER, HeaderValue::from(wait_time.max(1)))
                    .into_response()
            }
            _ => {
                ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "the rate limit could not be applied").into_response()
            }
        }
    }))
}
