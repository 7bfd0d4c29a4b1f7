//! `POST /receipts` and `GET /records/{id}`: accepted receipts are stored and read back;
//! bad input gets a 4xx and stores nothing.

mod common;

use axum::http::StatusCode;
use common::{get, iso_plus, now_iso, post, receipt, receipt_at, send, service};
use consent_banner::core::json;

const ID: &str = "0123456789abcdef";

#[tokio::test]
async fn an_accepted_receipt_is_stored_and_readable() {
    let (app, store) = service(false).await;
    let (response, _) = send(&app, post(receipt(ID, &["analytics"]))).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(store.count().await.unwrap(), 1);
    assert!(response.headers().get("set-cookie").is_none(), "no cookie, so none re-issued");

    let (response, body) = send(&app, get(ID)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/json");
    let value = json::parse(std::str::from_utf8(&body).unwrap()).unwrap();
    assert_eq!(value.get("consentId").and_then(|v| v.as_str()), Some(ID));
    assert!(value.get("next").is_some_and(|n| n.is_null()), "one page");
    let records = value.get("records").and_then(|r| r.as_array()).unwrap();
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r.get("consentId").and_then(|v| v.as_str()), Some(ID));
    assert_eq!(r.get("version").and_then(|v| v.as_str()), Some("2026-11-1"));
    assert_eq!(r.get("area").and_then(|v| v.as_str()), Some("business"));
    assert_eq!(r.get("method").and_then(|v| v.as_str()), Some("banner"));
    assert_eq!(r.get("gpc").and_then(|v| v.as_bool()), Some(false));
    assert_eq!(r.get("time").and_then(|v| v.as_str()), Some(now_iso()));
    assert_eq!(r.get("accepted").map(json::to_json).as_deref(), Some(r#"["analytics"]"#));
    assert_eq!(r.get("rejected").map(json::to_json).as_deref(), Some(r#"["marketing"]"#));
    assert!(r.get("receivedMs").and_then(|v| v.as_u64()).is_some_and(|ms| ms > 1_700_000_000_000));
    let keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
    assert!(!keys.iter().any(|k| k.to_ascii_lowercase().contains("ip")), "no address is kept: {keys:?}");
}

#[tokio::test]
async fn records_are_newest_first_and_per_consent_id() {
    let (app, _) = service(false).await;
    send(&app, post(receipt(ID, &[]))).await;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    send(&app, post(receipt(ID, &["analytics", "marketing"]))).await;
    send(&app, post(receipt("fedcba9876543210", &["marketing"]))).await;
    let (_, body) = send(&app, get(ID)).await;
    let value = json::parse(std::str::from_utf8(&body).unwrap()).unwrap();
    let accepted: Vec<String> =
        value["records"].as_array().unwrap().iter().map(|r| json::to_json(r.get("accepted").unwrap())).collect();
    assert_eq!(accepted, [r#"["analytics","marketing"]"#, "[]"]);
    // Upper-case ids are the same visitor.
    let (_, upper) = send(&app, get(&ID.to_ascii_uppercase())).await;
    assert_eq!(upper, body);
}

#[tokio::test]
async fn application_json_is_accepted_and_other_media_types_are_not() {
    let (app, store) = service(false).await;
    let request = |ct: &str| {
        axum::http::Request::post("/receipts").header("content-type", ct).body(receipt(ID, &[]).into()).unwrap()
    };
    assert_eq!(send(&app, request("application/json")).await.0.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        send(&app, request("application/x-www-form-urlencoded")).await.0.status(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    assert_eq!(store.count().await.unwrap(), 1);
}

#[tokio::test]
async fn unknown_ids_read_as_an_empty_list_and_bad_ids_are_refused() {
    let (app, _) = service(false).await;
    let (response, body) = send(&app, get("00000000000000000000")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(body, br#"{"consentId":"00000000000000000000","records":[],"next":null}"#);
    for bad in ["short", "0123456789abcdeg", "0123456789abcdef'%20OR%201=1", &"a".repeat(65)] {
        let (response, body) = send(&app, get(bad)).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{bad}");
        assert!(std::str::from_utf8(&body).unwrap().starts_with(r#"{"error":"#));
    }
}

/// Each body, with the field its error must name.
fn bad_bodies() -> Vec<(String, Vec<u8>, &'static str)> {
    let valid = receipt(ID, &["analytics"]);
    let with = |from: &str, to: &str| {
        assert!(valid.contains(from), "{from}");
        valid.replacen(from, to, 1).into_bytes()
    };
    // 300 characters: within the body limit, over the string limit (10,000 ones are tested
    // with the oversized bodies: they exceed 4 KiB).
    let long = "x".repeat(300);
    let mut bodies = vec![
        ("malformed JSON".into(), b"{\"consentId\": ".to_vec(), "not valid JSON"),
        ("trailing garbage".into(), format!("{valid} x").into_bytes(), "not valid JSON"),
        ("not an object".into(), b"[1,2,3]".to_vec(), "JSON object"),
        ("empty".into(), Vec::new(), "not valid JSON"),
        (
            "invalid UTF-8".into(),
            with("\"language\":\"en\"", "\"language\":\"e\u{0}\"")
                .iter()
                .map(|&b| if b == 0 { 0xff } else { b })
                .collect(),
            "UTF-8",
        ),
        ("id too short".into(), with(ID, "0123abcd"), "consentId"),
        ("id not hex".into(), with(ID, "0123456789abcdeZ"), "consentId"),
        ("id a number".into(), with(&format!("\"{ID}\""), "1234567890123456"), "consentId"),
        ("id with SQL".into(), with(ID, "0123456789abcdef'; DROP TABLE receipts; --"), "consentId"),
        ("unknown version".into(), with("2026-11-1", "2025-01-1"), "version"),
        ("version a number".into(), with("\"2026-11-1\"", "2026"), "version"),
        ("unknown area".into(), with("\"business\"", "\"elsewhere\""), "area"),
        ("area a number".into(), with("\"business\"", "3"), "area"),
        ("unknown category".into(), with("[\"analytics\"]", "[\"tracking\"]"), "accepted"),
        ("category a number".into(), with("[\"analytics\"]", "[1]"), "accepted"),
        ("accepted a string".into(), with("[\"analytics\"]", "\"analytics\""), "accepted"),
        ("rejected null".into(), with("[\"marketing\"]", "null"), "rejected"),
        ("unknown method".into(), with("\"banner\"", "\"telepathy\""), "method"),
        ("gpc a string".into(), with("\"gpc\":false", "\"gpc\":\"false\""), "gpc"),
        ("gpc missing".into(), with(",\"gpc\":false", ""), "gpc"),
        ("time a number".into(), with(&format!("\"{}\"", now_iso()), "1764496800"), "time"),
        ("unknown field".into(), with("\"gpc\":false", "\"gpc\":false,\"ip\":\"10.0.0.1\""), "ip"),
        ("long language".into(), with("\"language\":\"en\"", &format!("\"language\":\"{long}\"")), "language"),
        ("long time".into(), with(now_iso(), &long), "time"),
        ("long category".into(), with("\"analytics\"", &format!("\"{long}\"")), "accepted"),
        ("long config hash".into(), with("fnv1a64:0123456789abcdef", &long), "configHash"),
    ];
    let many = vec!["\"analytics\""; 100].join(",");
    bodies.push(("100 categories".into(), with("[\"analytics\"]", &format!("[{many}]")), "accepted"));
    bodies
}

#[tokio::test]
async fn bad_receipts_get_400_naming_the_field_and_store_nothing() {
    let (app, store) = service(false).await;
    for (what, body, field) in bad_bodies() {
        let (response, answer) = send(&app, post(body)).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{what}");
        assert!(response.headers().get("set-cookie").is_none(), "{what}");
        let answer = std::str::from_utf8(&answer).unwrap();
        let error = json::parse(answer).unwrap();
        let message = error.get("error").and_then(|e| e.as_str()).unwrap_or_default();
        assert!(message.contains(field), "{what}: {message}");
    }
    assert_eq!(store.count().await.unwrap(), 0);
    // The service keeps serving.
    assert_eq!(send(&app, post(receipt(ID, &[]))).await.0.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn oversized_bodies_get_413_and_store_nothing() {
    let (app, store) = service(false).await;
    let padded = receipt(ID, &[]).replacen('{', &format!("{{{}", " ".repeat(5000)), 1);
    let (response, body) = send(&app, post(padded)).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(std::str::from_utf8(&body).unwrap().contains("4096"));
    let (response, _) = send(&app, post(vec![b'x'; 1_000_000])).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // 10,000-character strings make a body over the limit.
    let long = "x".repeat(10_000);
    for field in ["\"language\":\"en\"", "\"method\":\"banner\""] {
        let key = field.split(':').next().unwrap();
        let body = receipt(ID, &[]).replacen(field, &format!("{key}:\"{long}\""), 1);
        assert_eq!(send(&app, post(body)).await.0.status(), StatusCode::PAYLOAD_TOO_LARGE, "{field}");
    }
    // Exactly 4096 bytes is still a receipt.
    let valid = receipt(ID, &[]);
    let exact = valid.replacen('{', &format!("{{{}", " ".repeat(4096 - valid.len())), 1);
    assert_eq!(exact.len(), 4096);
    assert_eq!(send(&app, post(exact)).await.0.status(), StatusCode::NO_CONTENT);
    assert_eq!(store.count().await.unwrap(), 1);
}

#[tokio::test]
async fn sql_metacharacters_are_refused_by_the_field_patterns_before_any_query() {
    let (app, store) = service(false).await;
    let nasty = r#"en'); DROP TABLE receipts; -- \" ` % _ ; $1 ?"#;
    let body = receipt(ID, &[]).replace("\"language\":\"en\"", &format!("\"language\":{}", json::quoted(nasty)));
    let (response, answer) = send(&app, post(body)).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(String::from_utf8_lossy(&answer).contains("language"));
    let hash = receipt(ID, &[]).replace("fnv1a64:0123456789abcdef", "fnv1a64:0123'; --");
    assert_eq!(send(&app, post(hash)).await.0.status(), StatusCode::BAD_REQUEST);
    // The table is intact and still takes receipts.
    assert_eq!(store.count().await.unwrap(), 0);
    assert_eq!(send(&app, post(receipt(ID, &[]))).await.0.status(), StatusCode::NO_CONTENT);
    assert_eq!(store.count().await.unwrap(), 1);
}

#[tokio::test]
async fn receipts_are_canonical_or_refused() {
    let (app, store) = service(false).await;
    let valid = receipt(ID, &["analytics"]);
    let cases: Vec<(&str, String, &str)> = vec![
        ("duplicate category", valid.replace(r#"["analytics"]"#, r#"["analytics","analytics"]"#), "accepted"),
        ("both lists", valid.replace(r#""rejected":["marketing"]"#, r#""rejected":["marketing","analytics"]"#), "both"),
        ("NUL in a string", valid.replace("\"language\":\"en\"", "\"language\":\"e\\u0000n\""), "control character"),
        ("a week ahead", receipt_at(ID, &[], &iso_plus(8 * 86_400)), "7 days"),
        ("a week behind", receipt_at(ID, &[], &iso_plus(-8 * 86_400)), "7 days"),
        ("not UTC", valid.replace(now_iso(), &now_iso().replace('Z', "+01:00")), "time"),
        ("not a time", valid.replace(now_iso(), "~"), "time"),
        ("month 13", valid.replace(now_iso(), "2026-13-01T00:00:00.000Z"), "time"),
    ];
    for (what, body, expected) in cases {
        let (response, answer) = send(&app, post(body)).await;
        let answer = String::from_utf8_lossy(&answer);
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{what}: {answer}");
        assert!(answer.contains(expected), "{what}: {answer}");
    }
    assert_eq!(store.count().await.unwrap(), 0);
    // A time without milliseconds, a day ago, is stored in the one canonical form.
    let seconds = iso_plus(-86_400).replace(".000Z", "Z");
    assert_eq!(send(&app, post(receipt_at(ID, &[], &seconds))).await.0.status(), StatusCode::NO_CONTENT);
    let stored = common::record(&store, ID).await;
    assert_eq!(stored[0].record.receipt.time, iso_plus(-86_400));
}

#[tokio::test]
async fn a_receipt_without_area_is_stored_with_null() {
    let (app, store) = service(false).await;
    for area in ["\"area\":null,", ""] {
        let body = receipt(ID, &[]).replace("\"area\":\"business\",", area);
        assert_eq!(send(&app, post(body)).await.0.status(), StatusCode::NO_CONTENT, "{area:?}");
    }
    let records = common::record(&store, ID).await;
    assert_eq!(records.len(), 2);
    assert!(records.iter().all(|r| r.record.receipt.area.is_none()));
    let (_, body) = send(&app, get(ID)).await;
    assert!(std::str::from_utf8(&body).unwrap().contains("\"area\":null"));
}

#[tokio::test]
async fn a_receipt_naming_services_is_checked_against_the_configs_services() {
    use consent_banner::core::config::Config;
    use consent_records::app::App;
    use consent_records::routes::router;
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/services.json")).unwrap();
    let store = common::fresh_store().await;
    let app = router(App::new(Config::from_json(&text).unwrap(), store.clone(), false));
    let now = now_iso();
    let with = |accepted: &str| {
        format!(
            r#"{{"consentId":"{ID}","time":"{now}","version":"s1","configHash":"fnv1a64:0123456789abcdef","area":null,"language":"en","accepted":{accepted},"rejected":["analytics:commanders-act","analytics:at-internet","marketing"],"method":"privacy-centre","gpc":false}}"#
        )
    };
    let (response, _) = send(&app, post(with(r#"["analytics:numberly"]"#))).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let (response, body) = send(&app, post(with(r#"["analytics:nobody"]"#))).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(
        String::from_utf8_lossy(&body).contains("accepted: unknown category or service"),
        "{}",
        String::from_utf8_lossy(&body)
    );
    // Required categories have no services to consent to.
    let (response, _) = send(&app, post(with(r#"["essential:numberly"]"#))).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(store.count().await.unwrap(), 1);
}
