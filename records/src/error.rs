//! The JSON routes' one error type: a status and a message, answered as `{"error": message}`.

use std::fmt::Display;

use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use consent_banner::core::json;

/// An answer other than success, with the message a client reads.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl ApiError {
    /// An error answer.
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into(), headers: Vec::new() }
    }

    /// 400, naming what is wrong.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// 503 for a failure of the database: the cause is logged, the client reads only that
    /// `what` (such as "the receipt could not be stored") failed.
    pub fn unavailable(what: &str, cause: impl Display) -> ApiError {
        eprintln!("consent-records: {what}: {cause}");
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, what)
    }

    /// The same answer with one more header.
    pub fn with_header(mut self, name: HeaderName, value: HeaderValue) -> ApiError {
        self.headers.push((name, value));
        self
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json::to_json(&json::object([("error", self.message.as_str().into())]));
        let mut response = (self.status, [(CONTENT_TYPE, "application/json")], body).into_response();
        for (name, value) in self.headers {
            response.headers_mut().append(name, value);
        }
        response
    }
}
