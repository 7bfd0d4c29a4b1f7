//! Shared by the service's tests: a fresh database per test (SQLite in a temp dir, or a new
//! PostgreSQL database when `DATABASE_URL` names a server), the demo config, and requests.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};

use axum::body::Body;
use axum::http::{Request, Response};
use axum::Router;
use consent_banner::core::config::Config;
use consent_records::app::App;
use consent_records::routes::router;
use consent_records::store::Store;
use consent_records::store::Stored;
use http_body_util::BodyExt;
use tower::ServiceExt;

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// The demo's config (www/config/itsme.json): version 2026-11-1, areas, a 365-day consent cookie.
pub fn demo_config() -> Config {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../www/config/itsme.json");
    let text = std::fs::read_to_string(path).unwrap();
    Config::from_json(&text).unwrap()
}

/// A database no other test uses.
pub async fn fresh_store() -> Store {
    Store::open(&fresh_url().await).await.unwrap()
}

/// The URL of an empty database no other test uses.
pub async fn fresh_url() -> String {
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let name = format!("records_test_{}_{n}", std::process::id());
    match std::env::var("DATABASE_URL") {
        Ok(server) if server.starts_with("postgres") => {
            sqlx::any::install_default_drivers();
            let admin = sqlx::AnyPool::connect(&server).await.unwrap();
            sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(&admin).await.unwrap();
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin).await.unwrap();
            admin.close().await;
            let base = server.rsplit_once('/').map_or(server.as_str(), |(base, _)| base);
            format!("{base}/{name}")
        }
        _ => {
            let parent = std::env::temp_dir().join("consent-records-tests");
            remove_leftovers(&parent);
            let dir = parent.join(format!("{}-{n}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            format!("sqlite://{}", dir.join("records.db").display())
        }
    }
}

/// Removes the databases of earlier test runs, whose processes have ended (Linux: /proc).
fn remove_leftovers(parent: &std::path::Path) {
    if !std::path::Path::new("/proc/self").exists() {
        return;
    }
    for entry in std::fs::read_dir(parent).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let pid = name.split('-').next().unwrap_or_default();
        if pid != std::process::id().to_string() && !std::path::Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The service on a fresh database with the demo config.
pub async fn service(secure: bool) -> (Router, Store) {
    let store = fresh_store().await;
    (router(App::new(demo_config(), store.clone(), secure)), store)
}

/// Sends one request to the router in-process.
pub async fn send(app: &Router, request: Request<Body>) -> (Response<()>, Vec<u8>) {
    let response = app.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes().to_vec();
    (Response::from_parts(parts, ()), bytes)
}

/// A `POST /receipts` with a text/plain body, as `navigator.sendBeacon` sends it.
pub fn post(body: impl Into<Body>) -> Request<Body> {
    Request::post("/receipts").header("content-type", "text/plain;charset=UTF-8").body(body.into()).unwrap()
}

/// `GET /records/{id}`.
pub fn get(id: &str) -> Request<Body> {
    Request::get(format!("/records/{id}")).body(Body::empty()).unwrap()
}

/// The time the test receipts give (this process's start, to the second: receipts must be near
/// the server's clock), as the component writes it.
pub fn now_iso() -> &'static str {
    static NOW: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    NOW.get_or_init(|| {
        let now = consent_records::time::now_ms();
        consent_records::time::iso_ms(now - now % 1000)
    })
}

/// [`now_iso`] moved by `seconds`.
pub fn iso_plus(seconds: i64) -> String {
    let ms = consent_records::time::parse_rfc3339_utc(now_iso()).unwrap();
    consent_records::time::iso_ms(ms + seconds * 1000)
}

/// A valid receipt for the demo config's business area, as the component builds it.
pub fn receipt(id: &str, accepted: &[&str]) -> String {
    receipt_at(id, accepted, now_iso())
}

/// [`receipt`] made at `time`.
pub fn receipt_at(id: &str, accepted: &[&str], time: &str) -> String {
    let rejected: Vec<&str> = ["analytics", "marketing"].into_iter().filter(|c| !accepted.contains(c)).collect();
    format!(
        r#"{{"consentId":"{id}","time":"{time}","version":"2026-11-1","configHash":"fnv1a64:0123456789abcdef","area":"business","language":"en","accepted":{},"rejected":{},"method":"banner","gpc":false}}"#,
        json_list(accepted),
        json_list(&rejected)
    )
}

/// Stores receipts with their statistics, as the service would (for the demo config).
pub async fn insert_many(store: &Store, rows: &[(consent_records::receipt::Receipt, i64)]) {
    let config = demo_config();
    store.insert_many(rows, |r| consent_records::stats::counts(&config, r)).await.unwrap();
}

/// Stores one receipt with its statistics, no daily cap.
pub async fn insert(store: &Store, receipt: &consent_records::receipt::Receipt, received_ms: i64) {
    let counts = consent_records::stats::counts(&demo_config(), receipt);
    store.insert(receipt, received_ms, &counts, None).await.unwrap();
}

/// A consent id's whole record (up to 1000 receipts), newest first.
pub async fn record(store: &Store, id: &str) -> Vec<Stored> {
    store.records(id, None, 1000).await.unwrap()
}

fn json_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("\"{i}\"")).collect();
    format!("[{}]", quoted.join(","))
}

/// A receipt of the demo config's business area, as validated.
pub fn parsed(id: &str, accepted: &[&str]) -> consent_records::receipt::Receipt {
    static CONFIG: std::sync::OnceLock<Config> = std::sync::OnceLock::new();
    let now = consent_records::time::now_ms();
    consent_records::receipt::parse(receipt(id, accepted).as_bytes(), CONFIG.get_or_init(demo_config), now).unwrap()
}

/// The router served on a free local port by the service's own server loop, until the test ends.
pub async fn listen(app: Router, header_timeout: std::time::Duration) -> std::net::SocketAddr {
    listen_with(app, header_timeout, consent_records::serve::Limits::default()).await
}

/// [`listen`] with these connection caps.
pub async fn listen_with(
    app: Router,
    header_timeout: std::time::Duration,
    limits: consent_records::serve::Limits,
) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(consent_records::serve::serve(listener, app, header_timeout, limits, std::future::pending()));
    addr
}

/// Reads what the server sends until it closes the connection or `limit` passes: the bytes,
/// and whether the connection was closed.
pub async fn read_until_closed(stream: &mut tokio::net::TcpStream, limit: std::time::Duration) -> (Vec<u8>, bool) {
    use tokio::io::AsyncReadExt;
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return (out, true),
            Ok(Ok(n)) => out.extend_from_slice(&buf[..n]),
            Err(_) => return (out, false),
        }
    }
}

/// One request on a fresh connection: the status code of the answer.
pub async fn status_over_tcp(addr: std::net::SocketAddr, request: &[u8]) -> u16 {
    use tokio::io::AsyncWriteExt;
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    // The server may answer (413) and close before it read everything: not an error here.
    let _ = stream.write_all(request).await;
    let (answer, _) = read_until_closed(&mut stream, std::time::Duration::from_secs(5)).await;
    status_of(&answer)
}

/// The status code of a raw HTTP/1.1 answer (0 if there is none).
pub fn status_of(answer: &[u8]) -> u16 {
    let text = String::from_utf8_lossy(answer);
    text.strip_prefix("HTTP/1.1 ").and_then(|rest| rest.get(..3)).and_then(|code| code.parse().ok()).unwrap_or(0)
}

/// A raw `POST /receipts` that closes its connection after the answer.
pub fn raw_post(body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "POST /receipts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain;charset=UTF-8\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// The owner's token in the tests.
pub const TOKEN: &str = "test-token-0123456789abcdef-0123456789";

/// The service with an owner's token on a fresh database.
pub async fn owner_service() -> (Router, Store) {
    let store = fresh_store().await;
    let owner = Some(consent_records::owner::Owner::new(TOKEN).unwrap());
    let options = consent_records::app::Options { owner, ..Default::default() };
    (router(App::with_options(demo_config(), store.clone(), options)), store)
}

/// A GET with the owner's token, or with another `Authorization` value.
pub fn owner_get(path: &str, authorization: Option<&str>) -> Request<Body> {
    let mut request = Request::get(path);
    if let Some(value) = authorization {
        request = request.header("authorization", value);
    }
    request.body(Body::empty()).unwrap()
}

/// `Bearer <TOKEN>`.
pub fn bearer() -> Option<&'static str> {
    static VALUE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    Some(VALUE.get_or_init(|| format!("Bearer {TOKEN}")).as_str())
}
