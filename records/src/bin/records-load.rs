//! The consent-records service's load generator and checks, for this machine only (it talks to
//! 127.0.0.1 and stops after a bounded time and count). A minimal HTTP/1.1 client over tokio,
//! one keep-alive connection per worker.
//!
//! ```text
//! records-load load   --url http://127.0.0.1:8090 [--url …] --config site.json
//!                     [--concurrency 16] [--seconds 20] [--max 1000000] [--acked ids.txt]
//! records-load verify --url http://127.0.0.1:8090 --acked ids.txt [--exactly]
//! records-load export --url http://127.0.0.1:8090 [--path /owner/export.csv?from=…]
//! records-load seed   --database sqlite://records.db --config site.json --count 1000000 [--days 120]
//! records-load bad    --url http://127.0.0.1:8090 --config site.json
//! ```
//!
//! `verify` and `export` read the owner's token from `CONSENT_RECORDS_TOKEN`.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use std::collections::HashMap;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use consent_banner::core::config::Config;
use consent_banner::core::json;
use consent_records::receipt::Receipt;
use consent_records::store::Store;
use consent_records::time::{now_ms, DAY_MS};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The longest a load may run, whatever is asked.
const MAX_SECONDS: u64 = 120;
/// The most requests a load may send, whatever is asked.
const MAX_REQUESTS: u64 = 5_000_000;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("load") => load(&Flags::new(&args[1..])).await,
        Some("verify") => verify(&Flags::new(&args[1..])).await,
        Some("export") => export(&Flags::new(&args[1..])).await,
        Some("seed") => seed(&Flags::new(&args[1..])).await,
        Some("bad") => bad(&Flags::new(&args[1..])).await,
        _ => Err("usage: records-load load|verify|export|seed|bad … (see the source's header)".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("records-load: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `--name value` pairs; a name may repeat (`--url`).
struct Flags(Vec<(String, String)>);

impl Flags {
    fn new(args: &[String]) -> Flags {
        let mut pairs = Vec::new();
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            if let Some(name) = arg.strip_prefix("--") {
                match name.split_once('=') {
                    Some((n, v)) => pairs.push((n.to_string(), v.to_string())),
                    None if name == "exactly" => pairs.push((name.to_string(), String::new())),
                    None => pairs.push((name.to_string(), it.next().cloned().unwrap_or_default())),
                }
            }
        }
        Flags(pairs)
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect()
    }

    fn need(&self, name: &str) -> Result<&str, String> {
        self.get(name).ok_or_else(|| format!("--{name} is required"))
    }

    fn number(&self, name: &str, default: u64) -> Result<u64, String> {
        self.get(name).map_or(Ok(default), |v| v.parse().map_err(|_| format!("--{name}: not a number: {v:?}")))
    }

    fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
}

/// `127.0.0.1:8090` from `http://127.0.0.1:8090`: loopback addresses only.
fn address(url: &str) -> Result<String, String> {
    let host = url.strip_prefix("http://").unwrap_or(url).trim_end_matches('/');
    let name = host.rsplit_once(':').map_or(host, |(name, _)| name);
    if name != "127.0.0.1" && name != "localhost" && name != "[::1]" {
        return Err(format!("{url}: the load generator only talks to this machine (127.0.0.1)"));
    }
    Ok(host.to_string())
}

fn config(flags: &Flags) -> Result<Config, String> {
    consent_records::settings::load_config(flags.need("config")?)
}

/// What a receipt can hold for this config: its version and, per area (or the config itself
/// without areas), the optional categories.
struct Shape {
    version: String,
    areas: Vec<(Option<String>, Vec<String>)>,
}

impl Shape {
    fn of(config: &Config) -> Shape {
        let optional = |categories: &[consent_banner::core::config::Category]| {
            categories.iter().filter(|c| !c.required).map(|c| c.id.clone()).collect::<Vec<_>>()
        };
        let mut areas: Vec<(Option<String>, Vec<String>)> =
            config.areas.iter().map(|a| (Some(a.id.clone()), optional(&a.categories))).collect();
        if areas.is_empty() {
            areas.push((None, optional(&config.categories)));
        }
        Shape { version: config.version.clone(), areas }
    }

    /// A receipt for this consent id, its choice drawn from `random`.
    fn receipt(&self, consent_id: &str, random: &mut Random) -> Receipt {
        let (area, offered) = &self.areas[random.below(self.areas.len() as u64) as usize];
        let (mut accepted, mut rejected) = (Vec::new(), Vec::new());
        let everything = random.below(10);
        for id in offered {
            // 40 % accept all, 30 % reject all, 30 % choose one by one.
            let yes = match everything {
                0..=3 => true,
                4..=6 => false,
                _ => random.below(2) == 0,
            };
            if yes {
                accepted.push(id.clone());
            } else {
                rejected.push(id.clone());
            }
        }
        Receipt {
            consent_id: consent_id.to_string(),
            time: consent_records::time::iso_ms(now_ms()),
            version: self.version.clone(),
            config_hash: "fnv1a64:0123456789abcdef".to_string(),
            area: area.clone(),
            language: "en".to_string(),
            accepted,
            rejected,
            method: ["banner", "banner", "banner", "privacy-centre", "api"][random.below(5) as usize].to_string(),
            gpc: random.below(10) == 0,
        }
    }
}

/// The receipt's JSON, as the component sends it.
fn body(receipt: &Receipt) -> String {
    let list = |items: &[String]| -> json::Value { items.iter().map(String::as_str).collect() };
    json::to_json(&json::object([
        ("consentId", receipt.consent_id.as_str().into()),
        ("time", receipt.time.as_str().into()),
        ("version", receipt.version.as_str().into()),
        ("configHash", receipt.config_hash.as_str().into()),
        ("area", receipt.area.as_deref().into()),
        ("language", receipt.language.as_str().into()),
        ("accepted", list(&receipt.accepted)),
        ("rejected", list(&receipt.rejected)),
        ("method", receipt.method.as_str().into()),
        ("gpc", receipt.gpc.into()),
    ]))
}

/// xorshift64*: enough for drawing choices.
struct Random(u64);

impl Random {
    fn new(seed: u64) -> Random {
        Random(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
}

/// One HTTP/1.1 answer: its status, whether the server will close, its body.
struct Answer {
    status: u16,
    close: bool,
    body: Vec<u8>,
}

/// A keep-alive connection and its read buffer.
struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Connection {
    async fn open(address: &str) -> std::io::Result<Connection> {
        let stream = TcpStream::connect(address).await?;
        stream.set_nodelay(true)?;
        Ok(Connection { stream, buffer: Vec::new() })
    }

    async fn fill(&mut self) -> std::io::Result<()> {
        let mut chunk = [0u8; 16 * 1024];
        let n = self.stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "the server closed the connection"));
        }
        self.buffer.extend_from_slice(&chunk[..n]);
        Ok(())
    }

    /// Sends a request and reads its answer; its body is passed to `sink`, piece by piece when
    /// chunked (the export is not kept), and returned whole when it is not chunked.
    async fn request(&mut self, head: &str, body: &[u8], mut sink: impl FnMut(&[u8])) -> std::io::Result<Answer> {
        let mut request = head.as_bytes().to_vec();
        request.extend_from_slice(body);
        self.stream.write_all(&request).await?;
        let end = loop {
            if let Some(at) = find(&self.buffer, b"\r\n\r\n") {
                break at;
            }
            self.fill().await?;
        };
        let head: String = String::from_utf8_lossy(&self.buffer[..end]).into_owned();
        self.buffer.drain(..end + 4);
        let status = head.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
        let header = |name: &str| {
            head.lines().skip(1).find_map(|line| {
                let (n, v) = line.split_once(':')?;
                n.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_ascii_lowercase())
            })
        };
        let close = header("connection").is_some_and(|v| v == "close");
        let mut answer = Answer { status, close, body: Vec::new() };
        if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
            loop {
                let line_end = loop {
                    if let Some(at) = find(&self.buffer, b"\r\n") {
                        break at;
                    }
                    self.fill().await?;
                };
                let size_text = String::from_utf8_lossy(&self.buffer[..line_end]).into_owned();
                let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
                    .map_err(|_| std::io::Error::other(format!("bad chunk size {size_text:?}")))?;
                self.buffer.drain(..line_end + 2);
                while self.buffer.len() < size + 2 {
                    self.fill().await?;
                }
                if size == 0 {
                    self.buffer.drain(..2);
                    break;
                }
                sink(&self.buffer[..size]);
                self.buffer.drain(..size + 2);
            }
        } else {
            let length: usize = header("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
            while self.buffer.len() < length {
                self.fill().await?;
            }
            answer.body = self.buffer.drain(..length).collect();
            sink(&answer.body);
        }
        Ok(answer)
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn post_head(host: &str, length: usize) -> String {
    format!(
        "POST /receipts HTTP/1.1\r\nHost: {host}\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: {length}\r\n\r\n"
    )
}

struct Outcome {
    latencies_us: Vec<u32>,
    acked: Vec<String>,
    statuses: HashMap<u16, u64>,
    errors: u64,
}

async fn load(flags: &Flags) -> Result<(), String> {
    let urls = flags.all("url");
    if urls.is_empty() {
        return Err("--url is required".to_string());
    }
    let addresses: Vec<String> = urls.iter().map(|u| address(u)).collect::<Result<_, _>>()?;
    let shape = Arc::new(Shape::of(&config(flags)?));
    let concurrency = flags.number("concurrency", 16)?.clamp(1, 256);
    let seconds = flags.number("seconds", 20)?.clamp(1, MAX_SECONDS);
    let max = flags.number("max", MAX_REQUESTS)?.min(MAX_REQUESTS);
    // Consent ids unique to this run: 8 hex digits of the clock, the worker, a counter.
    let run = (now_ms() as u64) & 0xffff_ffff;
    let sent = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let mut workers = Vec::new();
    for worker in 0..concurrency {
        let address = addresses[worker as usize % addresses.len()].clone();
        let (shape, sent) = (shape.clone(), sent.clone());
        workers.push(tokio::spawn(async move {
            let mut out = Outcome { latencies_us: Vec::new(), acked: Vec::new(), statuses: HashMap::new(), errors: 0 };
            let mut random = Random::new(run ^ (worker << 40) ^ 0x5eed);
            let mut connection: Option<Connection> = None;
            let mut n: u64 = 0;
            while Instant::now() < deadline && sent.fetch_add(1, Ordering::Relaxed) < max {
                let id = format!("{run:08x}{worker:04x}{n:020x}");
                n += 1;
                let payload = body(&shape.receipt(&id, &mut random));
                if connection.is_none() {
                    match tokio::time::timeout(Duration::from_secs(2), Connection::open(&address)).await {
                        Ok(Ok(c)) => connection = Some(c),
                        _ => {
                            out.errors += 1;
                            tokio::time::sleep(Duration::from_millis(20)).await;
                            continue;
                        }
                    }
                }
                let Some(conn) = connection.as_mut() else { continue };
                let begun = Instant::now();
                let head = post_head(&address, payload.len());
                let answer =
                    tokio::time::timeout(Duration::from_secs(10), conn.request(&head, payload.as_bytes(), |_| {}))
                        .await;
                match answer {
                    Ok(Ok(answer)) => {
                        let micros = u32::try_from(begun.elapsed().as_micros()).unwrap_or(u32::MAX);
                        *out.statuses.entry(answer.status).or_default() += 1;
                        if answer.status == 204 {
                            out.latencies_us.push(micros);
                            out.acked.push(id);
                        }
                        if answer.close {
                            connection = None;
                        }
                    }
                    _ => {
                        // Killed server, reset connection, timeout: not acknowledged.
                        out.errors += 1;
                        connection = None;
                        tokio::time::sleep(Duration::from_millis(20)).await;
                    }
                }
            }
            out
        }));
    }
    let mut all = Outcome { latencies_us: Vec::new(), acked: Vec::new(), statuses: HashMap::new(), errors: 0 };
    for worker in workers {
        let out = worker.await.map_err(|e| format!("a worker failed: {e}"))?;
        all.latencies_us.extend(out.latencies_us);
        all.acked.extend(out.acked);
        all.errors += out.errors;
        for (status, n) in out.statuses {
            *all.statuses.entry(status).or_default() += n;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.latencies_us.sort_unstable();
    let percentile = |p: f64| -> f64 {
        if all.latencies_us.is_empty() {
            return 0.0;
        }
        let at = ((all.latencies_us.len() as f64 - 1.0) * p).round() as usize;
        f64::from(all.latencies_us[at]) / 1000.0
    };
    let mut statuses: Vec<String> = all.statuses.iter().map(|(s, n)| format!("{s}:{n}")).collect();
    statuses.sort();
    println!(
        "acked={} rate={:.0}/s p50={:.2}ms p99={:.2}ms max={:.2}ms seconds={elapsed:.1} concurrency={concurrency} \
         errors={} statuses={}",
        all.acked.len(),
        all.acked.len() as f64 / elapsed,
        percentile(0.50),
        percentile(0.99),
        percentile(1.0),
        all.errors,
        statuses.join(",")
    );
    if let Some(path) = flags.get("acked") {
        let mut text = all.acked.join("\n");
        text.push('\n');
        std::fs::write(path, text).map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(())
}

fn token() -> Result<String, String> {
    std::env::var("CONSENT_RECORDS_TOKEN").map_err(|_| "CONSENT_RECORDS_TOKEN is not set".to_string())
}

/// GETs an owner's route, passing the body to `sink`; the status.
async fn owner_get(url: &str, path: &str, sink: impl FnMut(&[u8])) -> Result<u16, String> {
    let address = address(url)?;
    let mut connection = Connection::open(&address).await.map_err(|e| format!("{url}: {e}"))?;
    let head = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {}\r\n\r\n", token()?);
    let answer = connection.request(&head, b"", sink).await.map_err(|e| format!("{url}{path}: {e}"))?;
    Ok(answer.status)
}

/// Every acknowledged receipt is in the export, once (`--exactly`: and nothing else).
async fn verify(flags: &Flags) -> Result<(), String> {
    let url = flags.need("url")?;
    let acked_path = flags.need("acked")?;
    let acked_text = std::fs::read_to_string(acked_path).map_err(|e| format!("{acked_path}: {e}"))?;
    let acked: Vec<&str> = acked_text.lines().filter(|l| !l.is_empty()).collect();
    let mut counts: HashMap<String, u32> = HashMap::new();
    let mut rest = Vec::new();
    let mut lines = 0u64;
    let mut take = |bytes: &[u8]| {
        rest.extend_from_slice(bytes);
        while let Some(at) = rest.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = rest.drain(..=at).collect();
            lines += 1;
            let text = String::from_utf8_lossy(&line);
            if let Some(id) = json::parse(text.trim()).ok().and_then(|v| v["consentId"].as_str().map(str::to_string)) {
                *counts.entry(id).or_default() += 1;
            }
        }
    };
    let status = owner_get(url, "/owner/export.ndjson", &mut take).await?;
    if status != 200 {
        return Err(format!("the export answered {status}"));
    }
    let missing = acked.iter().filter(|id| !counts.contains_key(**id)).count();
    let duplicated = counts.values().filter(|n| **n > 1).count();
    let acked_set: std::collections::HashSet<&str> = acked.iter().copied().collect();
    let unacknowledged = counts.keys().filter(|id| !acked_set.contains(id.as_str())).count();
    println!(
        "acked={} exported={lines} missing={missing} duplicated={duplicated} stored_unacknowledged={unacknowledged}",
        acked.len()
    );
    if missing > 0 || duplicated > 0 || (flags.has("exactly") && unacknowledged > 0) {
        return Err("the export does not hold every acknowledged receipt exactly once".to_string());
    }
    Ok(())
}

/// Reads an export to the end without keeping it: bytes, lines and time.
async fn export(flags: &Flags) -> Result<(), String> {
    let url = flags.need("url")?;
    let path = flags.get("path").unwrap_or("/owner/export.ndjson");
    let (mut bytes, mut lines) = (0u64, 0u64);
    let started = Instant::now();
    let status = owner_get(url, path, |chunk| {
        bytes += chunk.len() as u64;
        lines += chunk.iter().filter(|&&b| b == b'\n').count() as u64;
    })
    .await?;
    if status != 200 {
        return Err(format!("{path} answered {status}"));
    }
    println!("path={path} lines={lines} bytes={bytes} seconds={:.2}", started.elapsed().as_secs_f64());
    Ok(())
}

/// Fills a database with receipts spread over the last `--days` days (for measurements).
async fn seed(flags: &Flags) -> Result<(), String> {
    let store = Store::open(flags.need("database")?).await?;
    let shape = Shape::of(&config(flags)?);
    let count = flags.number("count", 1_000_000)?.min(MAX_REQUESTS);
    let days = flags.number("days", 120)?.clamp(1, 3650) as i64;
    let now = now_ms();
    let mut random = Random::new(now as u64);
    let started = Instant::now();
    let mut n = 0u64;
    while n < count {
        let batch: Vec<(Receipt, i64)> = (n..(n + 5_000).min(count))
            .map(|i| {
                let received = now - (random.below((days * DAY_MS) as u64) as i64);
                (shape.receipt(&format!("5eed{i:028x}"), &mut random), received)
            })
            .collect();
        n += batch.len() as u64;
        store.insert_many(&batch).await.map_err(|e| format!("seed: {e}"))?;
    }
    println!("seeded={count} days={days} seconds={:.1}", started.elapsed().as_secs_f64());
    Ok(())
}

/// Bad input against a running service: each must get its 4xx, and the service must go on
/// answering good receipts. The slow clients (one body byte a second, headers one byte a
/// second) run alongside and take the service's timeouts (10 s).
async fn bad(flags: &Flags) -> Result<(), String> {
    let url = flags.need("url")?;
    let address = address(url)?;
    let shape = Shape::of(&config(flags)?);
    let mut random = Random::new(7);
    let mut base = shape.receipt("0badc0de0badc0de", &mut random);
    base.gpc = false;
    let good = body(&base);
    let changed = |change: &dyn Fn(&mut Receipt)| {
        let mut receipt = base.clone();
        change(&mut receipt);
        body(&receipt).into_bytes()
    };
    let version = format!("\"version\":{}", json::quoted(&shape.version));
    // The language's "en" with two bytes that are not UTF-8 in place of its "n".
    let invalid_utf8 = good.replacen("\"language\":\"en\"", "\"language\":\"e\u{1}\u{2}\"", 1);
    let invalid_utf8: Vec<u8> = invalid_utf8
        .into_bytes()
        .into_iter()
        .map(|b| match b {
            1 => 0xff,
            2 => 0xfe,
            b => b,
        })
        .collect();
    let cases: Vec<(&str, Vec<u8>, u16)> = vec![
        ("oversized body (100 KB)", vec![b'{'; 100_000], 413),
        ("malformed JSON", b"{\"consentId\": ".to_vec(), 400),
        ("wrong type (gpc a string)", good.replace("\"gpc\":false", "\"gpc\":\"no\"").into_bytes(), 400),
        ("wrong type (version a number)", good.replace(&version, "\"version\":2026").into_bytes(), 400),
        ("unknown category", changed(&|r| r.accepted = vec!["tracking".to_string()]), 400),
        ("10,000-character string", changed(&|r| r.language = "x".repeat(10_000)), 413),
        ("300-character string", changed(&|r| r.language = "x".repeat(300)), 400),
        ("SQL in the consent id", changed(&|r| r.consent_id = "0badc0de'; DROP TABLE receipts; --".to_string()), 400),
        ("invalid UTF-8", invalid_utf8, 400),
        ("not an object", b"[1,2,3]".to_vec(), 400),
    ];
    let slow_body = {
        let address = address.clone();
        let good = good.clone();
        tokio::spawn(async move { slow(&address, &good, false).await })
    };
    let slow_head = {
        let address = address.clone();
        let good = good.clone();
        tokio::spawn(async move { slow(&address, &good, true).await })
    };
    let mut failures = Vec::new();
    for (what, payload, expected) in &cases {
        let status = one_post(&address, payload).await;
        println!("bad input: {what}: {status} (expected {expected})");
        if status != *expected {
            failures.push(what.to_string());
        }
    }
    let (slow_body, slow_head) = (slow_body.await, slow_head.await);
    match slow_body {
        Ok(Ok((status, seconds))) => {
            println!("bad input: body one byte a second: {status} after {seconds:.1} s (expected 408)");
            if status != 408 {
                failures.push("slow body".to_string());
            }
        }
        other => failures.push(format!("slow body: {:?}", other.map(|r| r.map(|(s, _)| s)))),
    }
    match slow_head {
        Ok(Ok((status, seconds))) => {
            println!(
                "bad input: headers one byte a second: closed after {seconds:.1} s (status {status}, expected none)"
            );
            if status != 0 {
                failures.push("slow headers".to_string());
            }
        }
        other => failures.push(format!("slow headers: {:?}", other.map(|r| r.map(|(s, _)| s)))),
    }
    let status = one_post(&address, good.as_bytes()).await;
    println!("then a good receipt: {status} (expected 204)");
    if status != 204 {
        failures.push("good receipt after the bad ones".to_string());
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("unexpected answers: {}", failures.join("; ")))
    }
}

/// One POST on a fresh connection: the status (0 without an answer).
async fn one_post(address: &str, payload: &[u8]) -> u16 {
    let Ok(mut connection) = Connection::open(address).await else { return 0 };
    let head = post_head(address, payload.len());
    match tokio::time::timeout(Duration::from_secs(15), connection.request(&head, payload, |_| {})).await {
        Ok(Ok(answer)) => answer.status,
        _ => 0,
    }
}

/// A client that sends its body (or its headers) one byte a second: the status it gets (0 for
/// none) and after how long the server answered or closed.
async fn slow(address: &str, good: &str, headers_too: bool) -> Result<(u16, f64), String> {
    let mut stream = TcpStream::connect(address).await.map_err(|e| e.to_string())?;
    let head = post_head(address, good.len());
    let started = Instant::now();
    let trickle = if headers_too {
        head.into_bytes()
    } else {
        stream.write_all(head.as_bytes()).await.map_err(|e| e.to_string())?;
        good.as_bytes().to_vec()
    };
    let (mut reader, mut writer) = stream.into_split();
    let writing = tokio::spawn(async move {
        for byte in trickle.into_iter().take(30) {
            if writer.write_all(&[byte]).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    });
    let mut answer = Vec::new();
    let mut chunk = [0u8; 1024];
    let limit = Duration::from_secs(25);
    while let Ok(Ok(n)) = tokio::time::timeout(limit.saturating_sub(started.elapsed()), reader.read(&mut chunk)).await {
        if n == 0 {
            break;
        }
        answer.extend_from_slice(&chunk[..n]);
    }
    writing.abort();
    let status = String::from_utf8_lossy(&answer).get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    Ok((status, started.elapsed().as_secs_f64()))
}
