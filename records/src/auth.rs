//! The owner's credentials as extractors: [`Authorized`] for the owner's JSON routes (which
//! refuse a request without them) and [`Credentials`] for the dashboard (which shows its login
//! form instead). A session cookie is checked against the generation in the database, so that
//! a logout ends it on every instance at once.

use axum::extract::FromRequestParts;
use axum::http::header::WWW_AUTHENTICATE;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};

use crate::app::App;
use crate::error::ApiError;
use crate::owner::{Access, Owner};
use crate::serve::ConnectionMark;
use crate::time;

/// What the owner's routes answer while no token is configured.
pub const DISABLED: &str =
    "the owner's routes are disabled: CONSENT_RECORDS_TOKEN was not set when the service started";

/// A request's owner credentials, judged: granted, missing or wrong. Rejected only when the
/// owner's routes are disabled (404) or the session generation cannot be read (503).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Credentials(pub Access);

/// A request that carries the owner's credentials; otherwise 401 with `WWW-Authenticate: Bearer`.
#[derive(Debug, Clone, Copy)]
pub struct Authorized;

/// Judges a request's headers: the owner's token, or a session of the current generation.
pub async fn judge<'a>(app: &'a App, headers: &HeaderMap) -> Result<(Access, &'a Owner), ApiError> {
    let Some(owner) = &app.options().owner else { return Err(ApiError::new(StatusCode::NOT_FOUND, DISABLED)) };
    // The generation is read only for a session: a bearer token needs no database.
    let generation = if Owner::presents_session(headers) {
        app.store()
            .session_generation()
            .await
            .map_err(|e| ApiError::unavailable("the owner's session could not be checked", e))?
    } else {
        0
    };
    Ok((owner.access(headers, time::now_ms() / 1000, generation), owner))
}

/// Judges a request and, when it is the owner's, marks its connection (see [`ConnectionMark`]).
async fn judge_parts(app: &App, parts: &Parts) -> Result<Access, ApiError> {
    let access = judge(app, &parts.headers).await?.0;
    if access == Access::Granted {
        if let Some(mark) = parts.extensions.get::<ConnectionMark>() {
            mark.set_owner();
        }
    }
    Ok(access)
}

impl FromRequestParts<App> for Credentials {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Credentials, ApiError> {
        Ok(Credentials(judge_parts(app, parts).await?))
    }
}

impl FromRequestParts<App> for Authorized {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Authorized, ApiError> {
        let (challenge, message) = match judge_parts(app, parts).await? {
            Access::Granted => return Ok(Authorized),
            Access::Missing => {
                ("Bearer realm=\"consent-records\"", "the owner's token is required: Authorization: Bearer <token>")
            }
            Access::Wrong => (
                "Bearer realm=\"consent-records\", error=\"invalid_token\"",
                "the token (or the dashboard session) is not the owner's",
            ),
        };
        Err(ApiError::new(StatusCode::UNAUTHORIZED, message)
            .with_header(WWW_AUTHENTICATE, HeaderValue::from_static(challenge)))
    }
}
