//! `GET /owner/export.ndjson` and `GET /owner/export.csv`: the receipts of a date range,
//! streamed. The body is written page by page (1000 receipts, in (received_ms, id) order, each
//! page its own short query), and the next page is read only when the client has taken the
//! previous one: memory stays bounded whatever the number of receipts, and no connection or
//! read transaction is held while a slow client reads.

use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use consent_banner::core::json::{self, Value};

use crate::app::App;
use crate::auth::Authorized;
use crate::error::ApiError;
use crate::form;
use crate::store::{Cursor, Record, Span, Store, Stored};
use crate::time;

/// Receipts read per query.
pub const PAGE: i64 = 1000;

/// The export's formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON object a line.
    Ndjson,
    /// RFC 4180 CSV with a header line, made safe to open in a spreadsheet.
    Csv,
}

/// The CSV's header line.
pub const CSV_HEADER: &str =
    "id,received,receivedMs,consentId,time,version,configHash,area,language,accepted,rejected,method,gpc\r\n";

/// `GET /owner/export.ndjson`.
pub async fn ndjson(_: Authorized, state: State<App>, query: RawQuery) -> Result<Response, ApiError> {
    export(state, query, Format::Ndjson)
}

/// `GET /owner/export.csv`.
pub async fn csv(_: Authorized, state: State<App>, query: RawQuery) -> Result<Response, ApiError> {
    export(state, query, Format::Csv)
}

fn export(State(app): State<App>, RawQuery(query): RawQuery, format: Format) -> Result<Response, ApiError> {
    let span = form::decode(query.as_deref().unwrap_or(""), &["from", "to"])
        .and_then(|p| form::span(&p))
        .map_err(ApiError::bad_request)?;
    let (media, file) = match format {
        Format::Ndjson => ("application/x-ndjson", "attachment; filename=\"consent-receipts.ndjson\""),
        Format::Csv => ("text/csv; charset=utf-8", "attachment; filename=\"consent-receipts.csv\""),
    };
    let headers = [
        (CONTENT_TYPE, media),
        (CONTENT_DISPOSITION, file),
        (CACHE_CONTROL, "no-store"),
        (X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ];
    Ok((StatusCode::OK, headers, body(app.store().clone(), span, format)).into_response())
}

/// The export's body: pages read one after the other as the client takes them. A database
/// error after the first bytes ends the body abruptly (the client sees an incomplete chunked
/// body, not a short file that looks complete).
pub fn body(store: Store, span: Span, format: Format) -> Body {
    struct Next {
        store: Store,
        cursor: Option<Cursor>,
        first: bool,
    }
    let start = Some(Next { store, cursor: None, first: true });
    let pages = futures_util::stream::unfold(start, move |next| async move {
        let Next { store, cursor, first } = next?;
        match store.page(span, cursor, PAGE).await {
            Ok(page) => {
                let mut out = String::with_capacity(page.len() * 320 + CSV_HEADER.len());
                if first && format == Format::Csv {
                    out.push_str(CSV_HEADER);
                }
                for stored in &page {
                    match format {
                        Format::Ndjson => ndjson_line(&mut out, stored),
                        Format::Csv => csv_line(&mut out, stored),
                    }
                }
                let more = i64::try_from(page.len()).is_ok_and(|n| n == PAGE);
                let cursor = page.last().map(|s| (s.record.received_ms, s.id));
                let next = if more { Some(Next { store, cursor, first: false }) } else { None };
                Some((Ok::<Bytes, sqlx::Error>(Bytes::from(out)), next))
            }
            Err(e) => {
                eprintln!("consent-records: the export stopped: {e}");
                Some((Err(e), None))
            }
        }
    });
    Body::from_stream(pages)
}

/// A stored receipt as JSON: the visitor's record fields.
pub fn record_json(record: &Record) -> Value {
    Value::Object(record_fields(record).into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn record_fields(record: &Record) -> [(&'static str, Value); 11] {
    let r = &record.receipt;
    let strings = |items: &[String]| -> Value { items.iter().map(String::as_str).collect() };
    [
        ("receivedMs", record.received_ms.into()),
        ("consentId", r.consent_id.as_str().into()),
        ("time", r.time.as_str().into()),
        ("version", r.version.as_str().into()),
        ("configHash", r.config_hash.as_str().into()),
        ("area", r.area.as_deref().into()),
        ("language", r.language.as_str().into()),
        ("accepted", strings(&r.accepted)),
        ("rejected", strings(&r.rejected)),
        ("method", r.method.as_str().into()),
        ("gpc", r.gpc.into()),
    ]
}

/// One NDJSON line: the record's JSON with its id first. JSON strings escape line breaks, so a
/// record is always one line.
pub fn ndjson_line(out: &mut String, stored: &Stored) {
    let fields = std::iter::once(("id", Value::from(stored.id))).chain(record_fields(&stored.record));
    json::write_value(out, &Value::Object(fields.map(|(k, v)| (k.to_string(), v)).collect()));
    out.push('\n');
}

/// One CSV line (CRLF-terminated); lists of categories are space-separated.
pub fn csv_line(out: &mut String, stored: &Stored) {
    let record = &stored.record;
    let r = &record.receipt;
    let cells = [
        stored.id.to_string(),
        time::iso_ms(record.received_ms),
        record.received_ms.to_string(),
        r.consent_id.clone(),
        r.time.clone(),
        r.version.clone(),
        r.config_hash.clone(),
        r.area.clone().unwrap_or_default(),
        r.language.clone(),
        r.accepted.join(" "),
        r.rejected.join(" "),
        r.method.clone(),
        r.gpc.to_string(),
    ];
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_cell(out, cell);
    }
    out.push_str("\r\n");
}

/// One CSV cell. A cell holding a comma, a quote or a line break is quoted, its quotes doubled
/// (RFC 4180). A cell that a spreadsheet would read as a formula (starting with `=`, `+`, `-`,
/// `@`, a tab or a line break) is prefixed with `'` and quoted, so that it is shown as text.
pub fn csv_cell(out: &mut String, value: &str) {
    let formula = value.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']);
    if !formula && !value.contains([',', '"', '\r', '\n']) {
        out.push_str(value);
        return;
    }
    out.push('"');
    if formula {
        out.push('\'');
    }
    for c in value.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(value: &str) -> String {
        let mut out = String::new();
        csv_cell(&mut out, value);
        out
    }

    #[test]
    fn csv_cells_are_quoted_and_formulas_neutralised() {
        assert_eq!(cell("en"), "en");
        assert_eq!(cell(""), "");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("cr\rlf"), "\"cr\rlf\"");
        assert_eq!(cell("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assert_eq!(cell("+1"), "\"'+1\"");
        assert_eq!(cell("-2+3"), "\"'-2+3\"");
        assert_eq!(cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(cell("\tx"), "\"'\tx\"");
        assert_eq!(cell("a=b"), "a=b", "only a leading sign is a formula");
    }
}
