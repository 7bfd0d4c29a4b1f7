//! The owner's export: behind the token, by date range, NDJSON and CSV, every receipt of the
//! range once and in order, CSV safe to open in a spreadsheet.

mod common;

use std::collections::HashSet;

use axum::http::StatusCode;
use common::{bearer, owner_get, owner_service, parsed, send, service};
use consent_banner::core::json;
use consent_records::time::DAY_MS;

const DAY: i64 = 20_787; // 2026-11-30

fn id(n: usize) -> String {
    format!("{n:016x}")
}

#[tokio::test]
async fn the_owner_routes_are_disabled_without_a_token() {
    let (app, _) = service(false).await;
    for path in ["/owner/export.csv", "/owner/export.ndjson"] {
        let (response, body) = send(&app, owner_get(path, bearer())).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(String::from_utf8(body).unwrap().contains("CONSENT_RECORDS_TOKEN was not set"));
    }
}

#[tokio::test]
async fn missing_or_wrong_tokens_get_401() {
    let (app, _) = owner_service().await;
    let wrong_token = format!("Bearer {}x", common::TOKEN);
    for path in ["/owner/export.csv", "/owner/export.ndjson"] {
        let (response, body) = send(&app, owner_get(path, None)).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(response.headers()["www-authenticate"], "Bearer realm=\"consent-records\"");
        assert!(String::from_utf8(body).unwrap().contains("Authorization: Bearer"));
        for wrong in [wrong_token.as_str(), "Bearer ", "Basic dXNlcjpwYXNz", "token"] {
            let (response, _) = send(&app, owner_get(path, Some(wrong))).await;
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path} {wrong}");
            let challenge = response.headers()["www-authenticate"].to_str().unwrap();
            assert!(challenge.contains("error=\"invalid_token\""), "{challenge}");
        }
        assert_eq!(send(&app, owner_get(path, bearer())).await.0.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn ndjson_holds_every_receipt_of_the_range_once_in_order() {
    let (app, store) = owner_service().await;
    // 2,500 receipts on 30 November (more than two pages, many with the same millisecond),
    // 10 the day before and 10 the day after.
    let mut rows: Vec<_> =
        (0..2_500).map(|n| (parsed(&id(n), &["analytics"]), DAY * DAY_MS + (n as i64 % 7))).collect();
    rows.extend((0..10).map(|n| (parsed(&id(10_000 + n), &[]), (DAY - 1) * DAY_MS + 5)));
    rows.extend((0..10).map(|n| (parsed(&id(20_000 + n), &[]), (DAY + 1) * DAY_MS)));
    common::insert_many(&store, &rows).await;

    let (response, body) = send(&app, owner_get("/owner/export.ndjson?from=2026-11-30&to=2026-11-30", bearer())).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/x-ndjson");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let text = String::from_utf8(body).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2_500);
    let records: Vec<json::Value> = lines.iter().map(|l| json::parse(l).unwrap()).collect();
    let ids: HashSet<&str> = records.iter().map(|r| r["consentId"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 2_500, "each receipt once");
    assert!(ids.iter().all(|i| i.len() == 16 && *i < "0000000000002710"), "only that day's");
    let keys: Vec<(i64, i64)> =
        records.iter().map(|r| (r["receivedMs"].as_i64().unwrap(), r["id"].as_i64().unwrap())).collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "in (receivedMs, id) order");
    let first = &records[0];
    assert_eq!(first["accepted"].as_array().map(Vec::len), Some(1));
    assert_eq!(first["version"].as_str(), Some("2026-11-1"));

    // Milliseconds: from included, to excluded; no bounds: everything.
    let path = format!("/owner/export.ndjson?from={}&to={}", (DAY - 1) * DAY_MS + 5, DAY * DAY_MS);
    let (_, body) = send(&app, owner_get(&path, bearer())).await;
    assert_eq!(String::from_utf8(body).unwrap().lines().count(), 10);
    let (_, body) = send(&app, owner_get("/owner/export.ndjson", bearer())).await;
    assert_eq!(String::from_utf8(body).unwrap().lines().count(), 2_520);
    let (_, body) = send(&app, owner_get("/owner/export.ndjson?from=2027-01-01", bearer())).await;
    assert!(body.is_empty());
}

/// Cells of a CSV text (RFC 4180), for checking the writer.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

#[tokio::test]
async fn csv_escapes_cells_and_neutralises_formulas() {
    let (app, store) = owner_service().await;
    let nasty = [
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+1+1",
        "-2",
        "@SUM(A1:A9)",
        "a, \"quoted\"\nsecond line",
        "plain",
    ];
    let rows: Vec<_> = nasty
        .iter()
        .enumerate()
        .map(|(n, language)| {
            let mut receipt = parsed(&id(n), &["analytics", "marketing"]);
            receipt.language = language.to_string();
            (receipt, DAY * DAY_MS + n as i64)
        })
        .collect();
    common::insert_many(&store, &rows).await;
    let (response, body) = send(&app, owner_get("/owner/export.csv?from=2026-11-30", bearer())).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(response.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    let text = String::from_utf8(body).unwrap();
    assert!(text.ends_with("\r\n"));
    let table = parse_csv(&text);
    assert_eq!(table.len(), 1 + nasty.len());
    let header = &table[0];
    assert_eq!(header.len(), 13);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (row, language) in table[1..].iter().zip(nasty) {
        assert_eq!(row.len(), 13, "{row:?}");
        let expected =
            if language.starts_with(['=', '+', '-', '@']) { format!("'{language}") } else { language.to_string() };
        assert_eq!(row[col("language")], expected);
        assert_eq!(row[col("accepted")], "analytics marketing");
        assert_eq!(row[col("received")].len(), "2026-11-30T00:00:00.000Z".len());
        assert!(row[col("received")].starts_with("2026-11-30T00:00:00.00"));
        assert_eq!(row[col("area")], "business");
        assert_eq!(row[col("gpc")], "false");
    }
    // No cell of the raw text starts a formula outside quotes.
    for line in text.split("\r\n") {
        for cell in line.split(',') {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell:?}");
        }
    }
}

#[tokio::test]
async fn bad_ranges_and_parameters_get_400() {
    let (app, store) = owner_service().await;
    common::insert(&store, &parsed(&id(1), &[]), DAY * DAY_MS).await;
    for (query, expected) in [
        ("from=yesterday", "from: expected a date"),
        ("to=2026-02-30", "to: expected a date"),
        ("from=-5", "from: expected a date"),
        ("from=2026-12-01&to=2026-11-30", "from must be before to"),
        ("form=2026-11-01", "unknown parameter \"form\""),
        ("from=1&from=2", "given twice"),
        ("from=%27%3B%20DROP%20TABLE%20receipts%3B--", "from: expected a date"),
    ] {
        for format in ["csv", "ndjson"] {
            let (response, body) = send(&app, owner_get(&format!("/owner/export.{format}?{query}"), bearer())).await;
            assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
            let error = json::parse(std::str::from_utf8(&body).unwrap()).unwrap();
            let message = error["error"].as_str().unwrap();
            assert!(message.contains(expected), "{query}: {message}");
        }
    }
    assert_eq!(store.count().await.unwrap(), 1);
}
