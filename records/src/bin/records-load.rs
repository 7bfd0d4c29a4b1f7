//! The consent-records service's load generator, checks and measurements, for this machine only
//! (it talks to 127.0.0.1 and the rest of 127.0.0.0/8, and stops after a bounded time and
//! count). A minimal HTTP/1.1 client over tokio, one keep-alive connection per worker.
//!
//! ```text
//! records-load load    --url http://127.0.0.1:8090 [--url …] --config site.json
//!                      [--concurrency 16] [--seconds 20] [--max 1000000] [--acked ids.txt] [--pid N]
//! records-load verify  --url http://127.0.0.1:8090 --acked ids.txt [--exactly]
//! records-load export  --url http://127.0.0.1:8090 [--path /owner/export.csv?from=…]
//! records-load timing  --url http://127.0.0.1:8090 --path /owner/stats [--times 7] [--pid N]
//! records-load seed    --database sqlite://records.db --config site.json --count 1000000
//!                      [--days 120] [--adversarial 50] [--via-store] [--random 1] [--now MS]
//! records-load seed    --database … --config site.json --consent-id ID --per-day 50 [--days 730]
//! records-load compare --database A --database B
//! records-load bad     --url http://127.0.0.1:8090 --config site.json
//! records-load quota   --url … --config site.json [--count 60] [--per-day 50] [--pid N]
//! records-load reads   --url … --consent-id ID [--connections 64] [--requests 20] [--seconds 5]
//!                      [--sources 8] [--pid N]
//! records-load flood   --url … --config site.json --consent-id ID [--addresses 40]
//!                      [--per-address 32] [--seconds 6] [--reconnect-ms 1000] [--fds 256] [--pid N]
//! records-load rate    --url … --consent-id ID [--count 200] [--pid N]
//! records-load profile-stats --database … --config site.json [--days 90]
//! ```
//!
//! `verify`, `export` and `timing` read the owner's token from `CONSENT_RECORDS_TOKEN`. The
//! measurements (`load`, `timing`, `seed`, `quota`, `reads`, `flood`, `rate`) print one line,
//! `what was sent | what came back | the service's memory`, that `records/reliability.sh` puts
//! in its table; with `--pid` the memory is the service's VmRSS (from /proc) before and after.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use std::collections::{BTreeMap, HashMap, HashSet};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use consent_banner::core::config::{Category, Config};
use consent_banner::core::json::{self, Value};
use consent_banner::core::policy::service_entry;
use consent_records::receipt::Receipt;
use consent_records::store::{Count, Engine, Store};
use consent_records::time::{iso_ms, now_ms, DAY_MS};
use sha2::{Digest, Sha256};
use sqlx::{Connection as _, Executor as _, Row as _};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

/// The longest a load may run, whatever is asked.
const MAX_SECONDS: u64 = 120;
/// The most requests a load may send, whatever is asked.
const MAX_REQUESTS: u64 = 5_000_000;
/// The most receipts a seed may write, whatever is asked.
const MAX_SEED: u64 = 20_000_000;
/// Flags that take no value.
const SWITCHES: &[&str] = &["exactly", "via-store"];
/// The rollup shards of PostgreSQL, as `consent_records::store` assigns them (FNV-1a of the
/// consent id; one shard on SQLite). Only the spread of the writes depends on it: the
/// statistics sum the shards. `compare` checks it against the store's own inserts.
const PG_SHARDS: u64 = 16;

/// A rollup row's key: day, version, area and shard.
type RollupKey = (i64, String, String, i64);

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flags = Flags::new(args.get(1..).unwrap_or(&[]));
    let result = match args.first().map(String::as_str) {
        Some("load") => load(&flags).await,
        Some("verify") => verify(&flags).await,
        Some("export") => export(&flags).await,
        Some("timing") => timing(&flags).await,
        Some("seed") => seed(&flags).await,
        Some("compare") => compare(&flags).await,
        Some("bad") => bad(&flags).await,
        Some("quota") => quota(&flags).await,
        Some("reads") => reads(&flags).await,
        Some("flood") => flood(&flags).await,
        Some("rate") => rate(&flags).await,
        Some("profile-stats") => profile_stats(&flags).await,
        _ => Err(
            "usage: records-load load|verify|export|timing|seed|compare|bad|quota|reads|flood|rate|profile-stats … \
                  (see the source's header)"
                .to_string(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("records-load: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `--name value` pairs; a name may repeat (`--url`, `--database`).
struct Flags(Vec<(String, String)>);

impl Flags {
    fn new(args: &[String]) -> Flags {
        let mut pairs = Vec::new();
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            if let Some(name) = arg.strip_prefix("--") {
                match name.split_once('=') {
                    Some((n, v)) => pairs.push((n.to_string(), v.to_string())),
                    None if SWITCHES.contains(&name) => pairs.push((name.to_string(), String::new())),
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

    fn pid(&self) -> Result<Option<u32>, String> {
        self.get("pid").map(|v| v.parse().map_err(|_| format!("--pid: not a process id: {v:?}"))).transpose()
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

/// The socket address of `127.0.0.1:8090` (or `localhost:8090`).
fn socket_address(host: &str) -> Result<SocketAddr, String> {
    let host = host.replacen("localhost", "127.0.0.1", 1);
    host.parse().map_err(|_| format!("{host}: not an address and port"))
}

/// The `n`th other loopback address a client may bind to: 127.0.0.2, 127.0.0.3, …
fn loopback(n: u32) -> IpAddr {
    IpAddr::V4(Ipv4Addr::from(0x7f00_0002_u32 + n.min(0x00ff_fff0)))
}

fn config(flags: &Flags) -> Result<Config, String> {
    consent_records::settings::load_config(flags.need("config")?)
}

/// A figure's line: what was sent, what came back, the service's memory.
fn row(sent: &str, back: &str, memory: &str) {
    println!("{sent} | {back} | {memory}");
}

/// A field of /proc/PID/status, in kB.
fn status_kb(pid: u32, field: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = text.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn mb(kb: u64) -> String {
    format!("{:.1} MB", kb as f64 / 1024.0)
}

/// The service's VmRSS (kB) now, when its pid is known.
fn rss(pid: Option<u32>) -> Option<u64> {
    status_kb(pid?, "VmRSS:")
}

/// `VmRSS 12.3 MB before, 14.0 MB after`, or `–` without a pid.
fn memory_text(pid: Option<u32>, before: Option<u64>, peak: Option<u64>) -> String {
    let after = rss(pid);
    match (before, after) {
        (Some(b), Some(a)) => match peak {
            Some(p) => format!("VmRSS {} before, peak {}, {} after", mb(b), mb(p.max(a)), mb(a)),
            None => format!("VmRSS {} before, {} after", mb(b), mb(a)),
        },
        _ => "–".to_string(),
    }
}

/// Samples the service's VmRSS every 100 ms until stopped; the peak.
fn sample_peak(pid: Option<u32>) -> (Arc<AtomicBool>, tokio::task::JoinHandle<Option<u64>>) {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    let handle = tokio::spawn(async move {
        let mut peak = rss(pid);
        while !flag.load(Ordering::Relaxed) {
            peak = peak.max(rss(pid));
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        peak
    });
    (stop, handle)
}

/// An optional category of an area and its service entries (`category:service`).
#[derive(Clone)]
struct Offered {
    id: String,
    services: Vec<String>,
}

/// What a receipt can hold for this config: its version and, per area (or the config itself
/// without areas), the optional categories.
struct Shape {
    version: String,
    areas: Vec<(Option<String>, Vec<Offered>)>,
}

impl Shape {
    fn of(config: &Config) -> Shape {
        let optional = |categories: &[Category]| {
            categories
                .iter()
                .filter(|c| !c.required)
                .map(|c| Offered {
                    id: c.id.clone(),
                    services: c.services.iter().map(|s| service_entry(&c.id, &s.id)).collect(),
                })
                .collect::<Vec<_>>()
        };
        let mut areas: Vec<(Option<String>, Vec<Offered>)> =
            config.areas.iter().map(|a| (Some(a.id.clone()), optional(&a.categories))).collect();
        if areas.is_empty() {
            areas.push((None, optional(&config.categories)));
        }
        Shape { version: config.version.clone(), areas }
    }

    /// The area with the most optional categories (and services): where list checks are made.
    fn richest(&self) -> (Option<String>, Vec<Offered>) {
        let weight = |o: &[Offered]| o.iter().map(|c| 1 + c.services.len()).sum::<usize>();
        self.areas.iter().max_by_key(|(_, o)| weight(o)).cloned().unwrap_or((None, Vec::new()))
    }

    /// A receipt for this consent id made at `time_ms`, its choice drawn from `random`: a
    /// visitor's (whole categories: 40 % accept all, 30 % reject all, 30 % one by one) or, when
    /// `adversarial`, a stranger's (any valid list: categories left out, services one by one).
    fn receipt(&self, consent_id: &str, time_ms: i64, random: &mut Random, adversarial: bool) -> Receipt {
        let (area, offered) = &self.areas[random.below(self.areas.len() as u64) as usize];
        let (mut accepted, mut rejected) = (Vec::new(), Vec::new());
        let everything = random.below(10);
        for category in offered {
            if adversarial {
                match random.below(4) {
                    0 => {}
                    1 => accepted.push(category.id.clone()),
                    2 => rejected.push(category.id.clone()),
                    _ => {
                        for service in &category.services {
                            match random.below(3) {
                                0 => {}
                                1 => accepted.push(service.clone()),
                                _ => rejected.push(service.clone()),
                            }
                        }
                    }
                }
                continue;
            }
            let yes = match everything {
                0..=3 => true,
                4..=6 => false,
                _ => random.below(2) == 0,
            };
            if yes {
                accepted.push(category.id.clone());
            } else {
                rejected.push(category.id.clone());
            }
        }
        // Canonical, as the service requires: sorted, each once.
        accepted.sort();
        rejected.sort();
        let languages = ["en", "en", "nl", "fr", "de"];
        let language = if adversarial {
            ["zz", "qaa-Qaaa-QM", "x-private", "en-GB", "pt-BR"][random.below(5) as usize]
        } else {
            languages[random.below(languages.len() as u64) as usize]
        };
        Receipt {
            consent_id: consent_id.to_string(),
            time: iso_ms(time_ms),
            version: self.version.clone(),
            config_hash: "fnv1a64:0123456789abcdef".to_string(),
            area: area.clone(),
            language: language.to_string(),
            accepted,
            rejected,
            method: ["banner", "banner", "banner", "privacy-centre", "api", "contextual"][random.below(6) as usize]
                .to_string(),
            gpc: random.below(10) == 0,
        }
    }
}

/// The receipt's JSON, as the component sends it.
fn body(receipt: &Receipt) -> String {
    let list = |items: &[String]| -> Value { items.iter().map(String::as_str).collect() };
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

/// A consent id (32 hexadecimal digits) made from a number: the same number, the same id.
fn consent_id_of(run: u64, n: u64) -> String {
    let mix = |mut x: u64| {
        x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        x ^ (x >> 31)
    };
    format!("{:016x}{:016x}", mix(run ^ 0x5eed), mix(n ^ mix(run)))
}

/// One HTTP/1.1 answer: its status, whether the server will close, its head and its body.
struct Answer {
    status: u16,
    close: bool,
    head: String,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<String> {
        header_in(&self.head, name)
    }

    fn json(&self) -> Option<Value> {
        json::parse(std::str::from_utf8(&self.body).ok()?).ok()
    }
}

fn header_in(head: &str, name: &str) -> Option<String> {
    head.lines().skip(1).find_map(|line| {
        let (n, v) = line.split_once(':')?;
        n.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_string())
    })
}

/// A TCP connection to the service, from `source` (another loopback address) when given.
async fn connect(target: SocketAddr, source: Option<IpAddr>) -> std::io::Result<TcpStream> {
    let stream = match source {
        None => TcpStream::connect(target).await?,
        Some(ip) => {
            let socket = if ip.is_ipv4() { TcpSocket::new_v4()? } else { TcpSocket::new_v6()? };
            socket.bind(SocketAddr::new(ip, 0))?;
            socket.connect(target).await?
        }
    };
    stream.set_nodelay(true)?;
    Ok(stream)
}

/// A keep-alive connection and its read buffer.
struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Connection {
    async fn open(address: &str) -> std::io::Result<Connection> {
        let target = socket_address(address).map_err(std::io::Error::other)?;
        Connection::open_from(target, None).await
    }

    async fn open_from(target: SocketAddr, source: Option<IpAddr>) -> std::io::Result<Connection> {
        Ok(Connection { stream: connect(target, source).await?, buffer: Vec::new() })
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

    /// Sends a request and reads its answer (see [`Connection::answer`]).
    async fn request(&mut self, head: &str, body: &[u8], sink: impl FnMut(&[u8])) -> std::io::Result<Answer> {
        let mut request = head.as_bytes().to_vec();
        request.extend_from_slice(body);
        self.stream.write_all(&request).await?;
        self.answer(sink).await
    }

    /// Reads one answer; its body is passed to `sink`, piece by piece when chunked (the export
    /// is not kept), and returned whole when it is not chunked.
    async fn answer(&mut self, mut sink: impl FnMut(&[u8])) -> std::io::Result<Answer> {
        let end = loop {
            if let Some(at) = find(&self.buffer, b"\r\n\r\n") {
                break at;
            }
            self.fill().await?;
        };
        let head: String = String::from_utf8_lossy(&self.buffer[..end]).into_owned();
        self.buffer.drain(..end + 4);
        let status = head.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
        let lower = |name: &str| header_in(&head, name).map(|v| v.to_ascii_lowercase());
        let close = lower("connection").is_some_and(|v| v == "close");
        let chunked = lower("transfer-encoding").is_some_and(|v| v.contains("chunked"));
        let length: usize = lower("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
        let mut answer = Answer { status, close, head, body: Vec::new() };
        if chunked {
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

fn get_head(host: &str, path: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n")
}

/// Milliseconds of a duration, for figures.
fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The value at `p` (0 to 1) of sorted numbers.
fn percentile<T: Copy>(sorted: &[T], p: f64) -> Option<T> {
    if sorted.is_empty() {
        return None;
    }
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(at).copied()
}

/// `204×50, 429×10`
fn statuses_text(statuses: &BTreeMap<u16, u64>) -> String {
    let parts: Vec<String> =
        statuses.iter().map(|(s, n)| if *s == 0 { format!("no answer×{n}") } else { format!("{s}×{n}") }).collect();
    parts.join(", ")
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
    let pid = flags.pid()?;
    let before = rss(pid);
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
                // The visitor's time: now (the service refuses one more than 7 days away).
                let payload = body(&shape.receipt(&id, now_ms(), &mut random, false));
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
    let at = |p: f64| percentile(&all.latencies_us, p).map_or(0.0, |us| f64::from(us) / 1000.0);
    let statuses: BTreeMap<u16, u64> = all.statuses.into_iter().collect();
    let others: BTreeMap<u16, u64> = statuses.iter().filter(|(s, _)| **s != 204).map(|(s, n)| (*s, *n)).collect();
    let instances = if addresses.len() > 1 { format!(" to {} instances", addresses.len()) } else { String::new() };
    row(
        &format!("receipts for {seconds} s on {concurrency} connections{instances}"),
        &format!(
            "{} acknowledged (204): {:.0}/s, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; {} other answers{}; {} connection errors",
            all.acked.len(),
            all.acked.len() as f64 / elapsed,
            at(0.50),
            at(0.99),
            at(1.0),
            others.values().sum::<u64>(),
            if others.is_empty() { String::new() } else { format!(" ({})", statuses_text(&others)) },
            all.errors,
        ),
        &memory_text(pid, before, None),
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

fn owner_head(address: &str, path: &str, token: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {token}\r\n\r\n")
}

/// GETs an owner's route, passing the body to `sink`; the status.
async fn owner_get(url: &str, path: &str, sink: impl FnMut(&[u8])) -> Result<u16, String> {
    let address = address(url)?;
    let mut connection = Connection::open(&address).await.map_err(|e| format!("{url}: {e}"))?;
    let head = owner_head(&address, path, &token()?);
    let answer = connection.request(&head, b"", sink).await.map_err(|e| format!("{url}{path}: {e}"))?;
    Ok(answer.status)
}

/// GETs a path on a fresh connection: the answer.
async fn get_once(address: &str, path: &str) -> Result<Answer, String> {
    let mut connection = Connection::open(address).await.map_err(|e| format!("{address}: {e}"))?;
    tokio::time::timeout(Duration::from_secs(15), connection.request(&get_head(address, path), b"", |_| {}))
        .await
        .map_err(|_| format!("{path}: no answer within 15 s"))?
        .map_err(|e| format!("{path}: {e}"))
}

/// A page of a visitor's record: the number of receipts and the `next` cursor.
fn record_page(answer: &Answer, consent_id: &str) -> Result<(usize, Option<String>), String> {
    let value = answer.json().ok_or("the record is not JSON")?;
    if value["consentId"].as_str() != Some(consent_id) {
        return Err(format!("the record of {consent_id} names {:?}", value["consentId"].as_str()));
    }
    let records = value["records"].as_array().ok_or("the record has no records array")?;
    if records.iter().any(|r| r["consentId"].as_str() != Some(consent_id)) {
        return Err(format!("the record of {consent_id} holds another consent id's receipt"));
    }
    let next = match &value["next"] {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        _ => return Err("the record's next is neither null nor a cursor".to_string()),
    };
    Ok((records.len(), next))
}

/// Every acknowledged receipt is in the export, once (`--exactly`: and nothing else); a sample
/// of them reads back from `GET /records/{id}`, one receipt each.
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
    let acked_set: HashSet<&str> = acked.iter().copied().collect();
    let unacknowledged = counts.keys().filter(|id| !acked_set.contains(id.as_str())).count();
    // The visitor's side: a sample of the acknowledged ids, each a record of one receipt.
    let address = address(url)?;
    let step = (acked.len() / 20).max(1);
    let mut read = 0;
    for id in acked.iter().step_by(step).take(20) {
        let answer = get_once(&address, &format!("/records/{id}")).await?;
        if answer.status != 200 {
            return Err(format!("GET /records/{id} answered {}", answer.status));
        }
        match record_page(&answer, id)? {
            (1, None) => read += 1,
            (n, next) => return Err(format!("GET /records/{id}: {n} receipts (next {next:?}), expected 1")),
        }
    }
    println!(
        "export {lines} lines: missing {missing}, duplicated {duplicated}, stored unacknowledged {unacknowledged}; \
         GET /records of {read} acknowledged ids: 200, one receipt each"
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

/// GETs an owner's route `--times` times on one keep-alive connection: the first, median and
/// slowest answer.
async fn timing(flags: &Flags) -> Result<(), String> {
    let url = flags.need("url")?;
    let path = flags.need("path")?;
    let times = flags.number("times", 7)?.clamp(1, 100);
    // The issue's target for the 90-day statistics and the dashboard; other rows only report.
    let target = flags.number("target-ms", 0)?;
    let pid = flags.pid()?;
    let before = rss(pid);
    let address = address(url)?;
    let head = owner_head(&address, path, &token()?);
    let mut connection = Connection::open(&address).await.map_err(|e| format!("{url}: {e}"))?;
    let mut took = Vec::new();
    let mut bytes = 0;
    for _ in 0..times {
        let started = Instant::now();
        let answer = connection.request(&head, b"", |_| {}).await.map_err(|e| format!("{path}: {e}"))?;
        took.push(ms(started.elapsed()));
        if answer.status != 200 {
            return Err(format!("{path} answered {}", answer.status));
        }
        bytes = answer.body.len();
        if answer.close {
            connection = Connection::open(&address).await.map_err(|e| format!("{url}: {e}"))?;
        }
    }
    let first = took[0];
    took.sort_by(f64::total_cmp);
    let (median, max) = (percentile(&took, 0.5).unwrap_or(0.0), percentile(&took, 1.0).unwrap_or(0.0));
    row(
        &format!("GET {path} ×{times}"),
        &format!(
            "200, {} KB; median {median:.1} ms, max {max:.1} ms (first {first:.1} ms){}",
            bytes / 1024,
            if target == 0 || max <= target as f64 {
                String::new()
            } else if median <= target as f64 {
                format!("; max over the {target} ms target")
            } else {
                format!("; OVER the {target} ms target")
            }
        ),
        &memory_text(pid, before, None),
    );
    Ok(())
}

/// What a seed writes: receipts in order of receipt time, and their rollups summed.
struct Seeding {
    config: Config,
    shape: Shape,
    engine: Engine,
    random: Random,
    run: u64,
    /// Receipts per thousand that are a stranger's lists.
    adversarial: u64,
    count: u64,
    days: u64,
    now: i64,
    /// One visitor's largest record: a receipt every `step` ms up to `now`.
    one_id: Option<String>,
    step: i64,
    /// Each distinct receipt but for its consent id and times, and the service's counts of it
    /// (`stats::counts`, called once for each).
    combos: HashMap<ComboKey, usize>,
    combo_counts: Vec<(String, String, Vec<Count>)>,
    /// Receipts per day, shard and combo.
    tally: HashMap<(i64, i64, usize), i64>,
}

type ComboKey = (String, Option<String>, Vec<String>, Vec<String>, String, bool, String);

impl Seeding {
    /// Receipt `i` of the seed, with its receipt time.
    fn receipt(&mut self, i: u64) -> (Receipt, i64) {
        if let Some(id) = &self.one_id {
            let received = self.now - (i64::try_from(self.count - 1 - i).unwrap_or(0)) * self.step;
            return (self.shape.receipt(id, received - 1000, &mut self.random, false), received);
        }
        // Spread evenly over the days, each a little later than the one before.
        let from_ms = self.now - i64::try_from(self.days).unwrap_or(1) * DAY_MS;
        let span = (self.now - from_ms).max(1) as u64;
        let step = (span / self.count.max(1)).max(1);
        let offset =
            (u128::from(i) * u128::from(span) / u128::from(self.count.max(1))) as u64 + self.random.below(step);
        let received = (from_ms + i64::try_from(offset).unwrap_or(0)).min(self.now - 1);
        // One visitor in five comes back (a consent id seen among the last 100,000).
        let n = if i > 0 && self.random.below(5) == 0 { i - 1 - self.random.below(i.min(100_000)) } else { i };
        let id = consent_id_of(self.run, n);
        let adversarial = self.random.below(1000) < self.adversarial;
        // The visitor's clock: a little behind the service's.
        let time = received - i64::try_from(self.random.below(3_000)).unwrap_or(0);
        (self.shape.receipt(&id, time, &mut self.random, adversarial), received)
    }

    fn batch(&mut self, from: u64, to: u64) -> Vec<(Receipt, i64)> {
        (from..to).map(|i| self.receipt(i)).collect()
    }

    /// Adds receipts to the rollups' tally.
    fn count(&mut self, rows: &[(Receipt, i64)]) {
        for (r, received_ms) in rows {
            let key: ComboKey = (
                r.version.clone(),
                r.area.clone(),
                r.accepted.clone(),
                r.rejected.clone(),
                r.method.clone(),
                r.gpc,
                r.language.clone(),
            );
            let combo = match self.combos.get(&key) {
                Some(n) => *n,
                None => {
                    let counts = consent_records::stats::counts(&self.config, r);
                    self.combo_counts.push((r.version.clone(), r.area.clone().unwrap_or_default(), counts));
                    self.combos.insert(key, self.combo_counts.len() - 1);
                    self.combo_counts.len() - 1
                }
            };
            *self
                .tally
                .entry((received_ms.div_euclid(DAY_MS), shard(self.engine, &r.consent_id), combo))
                .or_default() += 1;
        }
    }

    /// The rollup rows: per day, version, area and shard, each count's number of receipts.
    fn rollups(&self) -> BTreeMap<(i64, String, String, i64), BTreeMap<Count, i64>> {
        let mut rollups: BTreeMap<(i64, String, String, i64), BTreeMap<Count, i64>> = BTreeMap::new();
        for ((day, shard, combo), n) in &self.tally {
            let (version, area, counts) = &self.combo_counts[*combo];
            let group = rollups.entry((*day, version.clone(), area.clone(), *shard)).or_default();
            for count in counts {
                *group.entry(count.clone()).or_default() += n;
            }
        }
        rollups
    }
}

fn shard(engine: Engine, consent_id: &str) -> i64 {
    match engine {
        Engine::Sqlite => 0,
        Engine::Postgres => {
            let hash = consent_id
                .bytes()
                .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
            i64::try_from(hash % PG_SHARDS).unwrap_or(0)
        }
    }
}

const COLUMNS: &str =
    "received_ms, consent_id, version, area, language, accepted, rejected, method, gpc, config_hash, client_time";

fn json_list(items: &[String]) -> String {
    json::to_json(&items.iter().map(String::as_str).collect())
}

/// A bulk writer of receipts and rollups, faster than the store's own inserts: on SQLite one
/// connection with `synchronous = OFF` and large transactions, on PostgreSQL `COPY`; on both
/// the receipts' indexes dropped during a large load and made again after it (from their own
/// definitions in the catalogue, so the schema is the migrations'). A benchmark's database:
/// a crash in the middle leaves it incomplete.
enum Bulk {
    Sqlite(sqlx::sqlite::SqliteConnection),
    Postgres(sqlx::postgres::PgConnection),
}

impl Bulk {
    async fn open(url: &str) -> Result<Bulk, String> {
        let error = |e: sqlx::Error| format!("{url}: {e}");
        match Engine::of(url)? {
            Engine::Sqlite => {
                use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
                use sqlx::ConnectOptions;
                let options = SqliteConnectOptions::from_str(url)
                    .map_err(error)?
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Off)
                    .pragma("cache_size", "-1048576")
                    .pragma("temp_store", "MEMORY");
                Ok(Bulk::Sqlite(options.connect().await.map_err(error)?))
            }
            Engine::Postgres => {
                let mut conn = sqlx::postgres::PgConnection::connect(url).await.map_err(error)?;
                conn.execute("SET synchronous_commit = off; SET maintenance_work_mem = '1GB'").await.map_err(error)?;
                Ok(Bulk::Postgres(conn))
            }
        }
    }

    /// The receipts' secondary indexes (name, definition), dropped.
    async fn drop_indexes(&mut self) -> Result<Vec<(String, String)>, sqlx::Error> {
        let indexes: Vec<(String, String)> = match self {
            Bulk::Sqlite(conn) => {
                sqlx::query_as(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'receipts' AND sql IS NOT NULL",
                )
                .fetch_all(&mut *conn)
                .await?
            }
            Bulk::Postgres(conn) => {
                sqlx::query_as(
                    "SELECT indexname::text, indexdef::text FROM pg_indexes WHERE schemaname = current_schema() \
                     AND tablename = 'receipts' AND indexname NOT IN \
                     (SELECT conname FROM pg_constraint WHERE conrelid = 'receipts'::regclass)",
                )
                .fetch_all(&mut *conn)
                .await?
            }
        };
        for (name, _) in &indexes {
            let sql = format!("DROP INDEX \"{name}\"");
            match self {
                Bulk::Sqlite(conn) => conn.execute(sql.as_str()).await.map(|_| ())?,
                Bulk::Postgres(conn) => conn.execute(sql.as_str()).await.map(|_| ())?,
            }
        }
        Ok(indexes)
    }

    async fn create_indexes(&mut self, indexes: &[(String, String)]) -> Result<(), sqlx::Error> {
        for (_, sql) in indexes {
            match self {
                Bulk::Sqlite(conn) => conn.execute(sql.as_str()).await.map(|_| ())?,
                Bulk::Postgres(conn) => conn.execute(sql.as_str()).await.map(|_| ())?,
            }
        }
        Ok(())
    }

    async fn receipts(&mut self, rows: &[(Receipt, i64)]) -> Result<(), sqlx::Error> {
        match self {
            Bulk::Sqlite(conn) => {
                const PER_STATEMENT: usize = 500;
                let values = |n: usize| {
                    let one = format!("({})", vec!["?"; COLUMNS.split(',').count()].join(", "));
                    format!("INSERT INTO receipts ({COLUMNS}) VALUES {}", vec![one; n].join(", "))
                };
                let full = values(PER_STATEMENT);
                let lists: Vec<(String, String)> =
                    rows.iter().map(|(r, _)| (json_list(&r.accepted), json_list(&r.rejected))).collect();
                let mut tx = conn.begin().await?;
                for (chunk, lists) in rows.chunks(PER_STATEMENT).zip(lists.chunks(PER_STATEMENT)) {
                    let partial;
                    let sql = if chunk.len() == PER_STATEMENT {
                        &full
                    } else {
                        partial = values(chunk.len());
                        &partial
                    };
                    let mut query = sqlx::query(sql);
                    for ((r, received_ms), (accepted, rejected)) in chunk.iter().zip(lists) {
                        query = query
                            .bind(*received_ms)
                            .bind(r.consent_id.as_str())
                            .bind(r.version.as_str())
                            .bind(r.area.as_deref())
                            .bind(r.language.as_str())
                            .bind(accepted.as_str())
                            .bind(rejected.as_str())
                            .bind(r.method.as_str())
                            .bind(i64::from(r.gpc))
                            .bind(r.config_hash.as_str())
                            .bind(r.time.as_str());
                    }
                    query.execute(&mut *tx).await?;
                }
                tx.commit().await
            }
            Bulk::Postgres(conn) => {
                let mut copy = conn.copy_in_raw(&format!("COPY receipts ({COLUMNS}) FROM STDIN")).await?;
                let mut text = String::with_capacity(2 << 20);
                for (r, received_ms) in rows {
                    let cells = [
                        received_ms.to_string(),
                        copy_text(&r.consent_id),
                        copy_text(&r.version),
                        r.area.as_deref().map_or("\\N".to_string(), copy_text),
                        copy_text(&r.language),
                        copy_text(&json_list(&r.accepted)),
                        copy_text(&json_list(&r.rejected)),
                        copy_text(&r.method),
                        i64::from(r.gpc).to_string(),
                        copy_text(&r.config_hash),
                        copy_text(&r.time),
                    ];
                    text.push_str(&cells.join("\t"));
                    text.push('\n');
                    if text.len() > 1 << 20 {
                        copy.send(text.as_bytes()).await?;
                        text.clear();
                    }
                }
                if !text.is_empty() {
                    copy.send(text.as_bytes()).await?;
                }
                copy.finish().await.map(|_| ())
            }
        }
    }

    /// Adds summed counts to the rollups, as the store does (an existing row's count grows).
    async fn rollups(&mut self, rollups: &BTreeMap<RollupKey, BTreeMap<Count, i64>>) -> Result<u64, sqlx::Error> {
        let flat: Vec<(&RollupKey, &Count, i64)> =
            rollups.iter().flat_map(|(key, counts)| counts.iter().map(move |(c, n)| (key, c, *n))).collect();
        const PER_STATEMENT: usize = 1000;
        let postgres = matches!(self, Bulk::Postgres(_));
        let sql = |n: usize| {
            let cells: Vec<String> = (0..n)
                .map(|i| {
                    if postgres {
                        let p = i * 8;
                        format!(
                            "(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})",
                            p + 1,
                            p + 2,
                            p + 3,
                            p + 4,
                            p + 5,
                            p + 6,
                            p + 7,
                            p + 8
                        )
                    } else {
                        "(?, ?, ?, ?, ?, ?, ?, ?)".to_string()
                    }
                })
                .collect();
            format!(
                "INSERT INTO rollups (day, version, area, dimension, name, outcome, shard, n) VALUES {} \
                 ON CONFLICT (day, version, area, dimension, name, outcome, shard) DO UPDATE SET n = rollups.n + excluded.n",
                cells.join(", ")
            )
        };
        macro_rules! write_all {
            ($conn:expr) => {{
                let mut tx = $conn.begin().await?;
                for chunk in flat.chunks(PER_STATEMENT) {
                    let text = sql(chunk.len());
                    let mut query = sqlx::query(&text);
                    for ((day, version, area, shard), count, n) in chunk {
                        query = query
                            .bind(*day)
                            .bind(version.as_str())
                            .bind(area.as_str())
                            .bind(count.dimension)
                            .bind(count.name.as_str())
                            .bind(count.outcome)
                            .bind(*shard)
                            .bind(*n);
                    }
                    query.execute(&mut *tx).await?;
                }
                tx.commit().await?;
            }};
        }
        match self {
            Bulk::Sqlite(conn) => write_all!(conn),
            Bulk::Postgres(conn) => write_all!(conn),
        }
        Ok(flat.len() as u64)
    }

    /// What the engine's own maintenance would do after a large load: PostgreSQL's autovacuum
    /// (vacuum and analyse, after this many inserts); on SQLite the WAL checkpointed (the
    /// service never runs ANALYZE, so neither does this).
    async fn finish(&mut self) -> Result<(), sqlx::Error> {
        match self {
            Bulk::Sqlite(conn) => {
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").await?;
            }
            Bulk::Postgres(conn) => {
                conn.execute("VACUUM (ANALYZE) receipts").await?;
                conn.execute("VACUUM (ANALYZE) rollups").await?;
            }
        }
        Ok(())
    }

    async fn receipt_count(&mut self) -> Result<i64, sqlx::Error> {
        let sql = "SELECT COUNT(*) FROM receipts";
        match self {
            Bulk::Sqlite(conn) => sqlx::query_scalar(sql).fetch_one(&mut *conn).await,
            Bulk::Postgres(conn) => sqlx::query_scalar(sql).fetch_one(&mut *conn).await,
        }
    }
}

/// A cell of PostgreSQL's COPY text format.
fn copy_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// Fills a database with receipts, for measurements: `--count` receipts spread evenly over the
/// last `--days` days (`--adversarial` per thousand with a stranger's lists), or with
/// `--consent-id` one visitor's largest record: `--per-day` receipts on each of the last
/// `--days` days. The rollups are counted here with the service's own `stats::counts` and
/// written in bulk; `--via-store` writes through `Store::insert_many` instead (slower: the
/// reference `compare` checks the bulk path against).
async fn seed(flags: &Flags) -> Result<(), String> {
    let url = flags.need("database")?;
    let config = config(flags)?;
    let engine = Engine::of(url)?;
    // `--now`: the same receipts on two runs (with the same `--random`).
    let now = i64::try_from(flags.number("now", u64::try_from(now_ms()).unwrap_or(0))?).unwrap_or(0);
    let one_id = flags.get("consent-id").map(str::to_ascii_lowercase);
    let per_day = flags.number("per-day", 50)?.clamp(1, 10_000);
    let days = flags.number("days", if one_id.is_some() { 730 } else { 120 })?.clamp(1, 3650);
    let count = match &one_id {
        Some(_) => per_day * days,
        None => flags.number("count", 1_000_000)?,
    }
    .min(MAX_SEED);
    let random = flags.number("random", now as u64)?;
    let via_store = flags.has("via-store");
    let seeding = Seeding {
        shape: Shape::of(&config),
        config,
        engine,
        random: Random::new(random),
        run: random,
        adversarial: flags.number("adversarial", 50)?.min(1000),
        count,
        days,
        now,
        one_id: one_id.clone(),
        // One visitor's record: a receipt every DAY_MS / per_day, up to now (so each UTC day
        // holds exactly `per_day`).
        step: DAY_MS / i64::try_from(per_day).unwrap_or(1),
        combos: HashMap::new(),
        combo_counts: Vec::new(),
        tally: HashMap::new(),
    };
    let adversarial = seeding.adversarial;
    let started = Instant::now();
    // Migrations first (the store's), so that the schema is the service's.
    let store = Store::open(url).await?;
    // The receipts are made on their own thread while the previous batch is written.
    let batch_size = if via_store { 5_000 } else { 100_000 };
    let (sender, mut batches) = tokio::sync::mpsc::channel::<(Vec<(Receipt, i64)>, Duration)>(2);
    let maker = std::thread::spawn(move || {
        let mut seeding = seeding;
        let mut n = 0;
        while n < count {
            let begun = Instant::now();
            let batch = seeding.batch(n, (n + batch_size).min(count));
            n += batch.len() as u64;
            if !via_store {
                seeding.count(&batch);
            }
            if sender.blocking_send((batch, begun.elapsed())).is_err() {
                break;
            }
        }
        seeding
    });
    let how;
    let mut phases = String::new();
    if via_store {
        how = "Store::insert_many, 5,000 a transaction";
        let config = consent_records::settings::load_config(flags.need("config")?)?;
        while let Some((batch, _)) = batches.recv().await {
            store.insert_many(&batch, |r| service_counts(&config, r)).await.map_err(|e| format!("seed: {e}"))?;
        }
    } else {
        drop(store);
        let error = |e: sqlx::Error| format!("seed: {e}");
        let mut bulk = Bulk::open(url).await?;
        let large = count >= 200_000;
        let indexes = if large { bulk.drop_indexes().await.map_err(error)? } else { Vec::new() };
        how = match (engine, large) {
            (Engine::Sqlite, true) => "bulk: SQLite, synchronous OFF, 100,000 a transaction, indexes made after",
            (Engine::Sqlite, false) => "bulk: SQLite, synchronous OFF",
            (Engine::Postgres, true) => {
                "bulk: PostgreSQL COPY, 100,000 a statement, indexes made after, VACUUM ANALYZE"
            }
            (Engine::Postgres, false) => "bulk: PostgreSQL COPY, VACUUM ANALYZE",
        };
        let (mut making, mut writing) = (Duration::ZERO, Duration::ZERO);
        while let Some((batch, made_in)) = batches.recv().await {
            making += made_in;
            let begun = Instant::now();
            bulk.receipts(&batch).await.map_err(error)?;
            writing += begun.elapsed();
        }
        let seeding = maker.join().map_err(|_| "seed: the receipts' thread failed".to_string())?;
        let begun = Instant::now();
        bulk.create_indexes(&indexes).await.map_err(error)?;
        let indexing = begun.elapsed();
        let begun = Instant::now();
        let rollup_rows = bulk.rollups(&seeding.rollups()).await.map_err(error)?;
        bulk.finish().await.map_err(error)?;
        phases = format!(
            "; alongside, {:.0} s making the receipts and their counts and {:.0} s writing them; then {:.0} s indexing, \
             {:.0} s for {rollup_rows} rollup rows and the maintenance",
            making.as_secs_f64(),
            writing.as_secs_f64(),
            indexing.as_secs_f64(),
            begun.elapsed().as_secs_f64()
        );
        let stored = bulk.receipt_count().await.map_err(error)?;
        if u64::try_from(stored).unwrap_or(0) < count {
            return Err(format!("seed: {stored} receipts stored, fewer than the {count} written"));
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let what = match &one_id {
        Some(id) => format!("one consent id's largest record ({id}): {per_day} receipts on each of {days} days = {count}"),
        None => format!(
            "{count} receipts over {days} days ({adversarial} per thousand with a stranger's lists, one in five a returning visitor)"
        ),
    };
    row(
        &format!("{what}, {engine:?}"),
        &format!("seeded in {seconds:.1} s ({:.0} receipts/s; {how}{phases})", count as f64 / seconds.max(0.001)),
        "–",
    );
    Ok(())
}

/// The service's counts of a receipt (through a function so that both seed paths share it).
fn service_counts(config: &Config, receipt: &Receipt) -> Vec<Count> {
    consent_records::stats::counts(config, receipt)
}

/// A row's first `columns` cells, tab-terminated, the `integers` read as numbers and the
/// others as text: what [`compare`] hashes.
fn row_line(row: &sqlx::any::AnyRow, columns: usize, integers: &[usize]) -> Result<String, sqlx::Error> {
    let mut line = String::new();
    for i in 0..columns {
        let cell =
            if integers.contains(&i) { row.try_get::<i64, _>(i)?.to_string() } else { row.try_get::<String, _>(i)? };
        line.push_str(&cell);
        line.push('\t');
    }
    Ok(line)
}

/// Two databases hold the same receipts (by id) and the same rollups (per shard): the bulk
/// seed checked against the store's own inserts.
async fn compare(flags: &Flags) -> Result<(), String> {
    let urls = flags.all("database");
    let [a, b] = urls.as_slice() else { return Err("compare needs two --database".to_string()) };
    let digest = |url: &str| {
        let url = url.to_string();
        async move {
            sqlx::any::install_default_drivers();
            let error = |e: sqlx::Error| format!("{url}: {e}");
            let pool = sqlx::any::AnyPoolOptions::new().max_connections(1).connect(&url).await.map_err(error)?;
            let mut receipts = Sha256::new();
            let rows = sqlx::query(
                "SELECT id, received_ms, consent_id, version, COALESCE(area, '') AS area, language, accepted, rejected, \
                 method, gpc, config_hash, client_time FROM receipts ORDER BY id",
            )
            .fetch_all(&pool)
            .await
            .map_err(error)?;
            for row in &rows {
                receipts.update(row_line(row, 12, &[0, 1, 9]).map_err(error)?.as_bytes());
            }
            let mut rollups = Sha256::new();
            let mut counted = 0i64;
            let groups = sqlx::query(
                "SELECT day, version, area, dimension, name, outcome, shard, n FROM rollups \
                 ORDER BY day, version, area, dimension, name, outcome, shard",
            )
            .fetch_all(&pool)
            .await
            .map_err(error)?;
            for row in &groups {
                let line = row_line(row, 8, &[0, 6, 7]).map_err(error)?;
                if row.try_get::<String, _>(3).map_err(error)? == "receipts" {
                    counted += row.try_get::<i64, _>(7).map_err(error)?;
                }
                rollups.update(line.as_bytes());
            }
            pool.close().await;
            Ok::<_, String>((
                rows.len(),
                receipts.finalize().to_vec(),
                groups.len(),
                rollups.finalize().to_vec(),
                counted,
            ))
        }
    };
    let (ra, ha, ga, gha, ca) = digest(a).await?;
    let (rb, hb, gb, ghb, cb) = digest(b).await?;
    if i64::try_from(ra).ok() != Some(ca) || i64::try_from(rb).ok() != Some(cb) {
        return Err(format!("the rollups count {ca} and {cb} receipts, the tables hold {ra} and {rb}"));
    }
    if (ra, &ha) != (rb, &hb) {
        return Err(format!("the receipts differ: {ra} and {rb} rows"));
    }
    if (ga, &gha) != (gb, &ghb) {
        return Err(format!("the rollups differ: {ga} and {gb} rows"));
    }
    println!("the same {ra} receipts and the same {ga} rollup rows (counting {ca} receipts) in both");
    Ok(())
}

/// Bad input against a running service: each must get its 4xx, and the service must go on
/// answering good receipts. The slow clients (one body byte a second, headers one byte a
/// second) run alongside and take the service's timeouts (10 s). The last line is the figure.
async fn bad(flags: &Flags) -> Result<(), String> {
    let url = flags.need("url")?;
    let address = address(url)?;
    let shape = Shape::of(&config(flags)?);
    let (area, offered) = shape.richest();
    let with_services = offered.iter().find(|c| !c.services.is_empty()).cloned();
    let first = offered.first().map(|c| c.id.clone()).unwrap_or_default();
    let now = now_ms();
    let mut base = Receipt {
        consent_id: "0badc0de0badc0de".to_string(),
        time: iso_ms(now),
        version: shape.version.clone(),
        config_hash: "fnv1a64:0123456789abcdef".to_string(),
        area,
        language: "en".to_string(),
        accepted: offered.iter().take(1).map(|c| c.id.clone()).collect(),
        rejected: offered.iter().skip(1).map(|c| c.id.clone()).collect(),
        method: "banner".to_string(),
        gpc: false,
    };
    base.rejected.sort();
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
    let replaced = |from: &str, to: &str| -> Vec<u8> {
        assert_contains(&good, from);
        good.replacen(from, to, 1).into_bytes()
    };
    let time_field = format!("\"time\":{}", json::quoted(&base.time));
    let mut cases: Vec<(&str, Vec<u8>, u16)> = vec![
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
        ("unknown field", replaced("\"gpc\":false", "\"gpc\":false,\"admin\":true"), 400),
        // The time: RFC 3339 in UTC, near the server's clock.
        ("forged time \"~\"", changed(&|r| r.time = "~".to_string()), 400),
        ("time as text (\"yesterday\")", changed(&|r| r.time = "yesterday".to_string()), 400),
        (
            "time with an offset (+02:00)",
            replaced(&time_field, &time_field.replacen(".000Z", ".000+02:00", 1).replacen('Z', "+02:00", 1)),
            400,
        ),
        ("time 8 days ago", changed(&|r| r.time = iso_ms(now - 8 * DAY_MS)), 400),
        ("time 8 days ahead", changed(&|r| r.time = iso_ms(now + 8 * DAY_MS)), 400),
        ("time in year 9999", changed(&|r| r.time = "9999-12-31T23:59:59.999Z".to_string()), 400),
        // Control characters in text fields.
        ("NUL (\\u0000) in the language", replaced("\"language\":\"en\"", "\"language\":\"e\\u0000n\""), 400),
        (
            "NUL (\\u0000) in the config hash",
            changed(&|r| r.config_hash = "fnv1a64:0123\u{0}456789abcdef".to_string()),
            400,
        ),
        ("NUL (\\u0000) in the time", changed(&|r| r.time = format!("{}\u{0}", r.time)), 400),
        ("a raw NUL byte in the body", replaced("\"language\":\"en\"", "\"language\":\"e\u{0}n\""), 400),
        ("a line feed in the method", changed(&|r| r.method = "banner\n".to_string()), 400),
        // Lists: canonical, no contradiction.
        ("category named twice", changed(&|r| r.accepted = vec![first.clone(), first.clone()]), 400),
        (
            "category both accepted and refused",
            changed(&|r| {
                r.accepted = vec![first.clone()];
                r.rejected = vec![first.clone()];
            }),
            400,
        ),
        ("65 categories", changed(&|r| r.accepted = vec![first.clone(); 65]), 400),
    ];
    if let Some(category) = &with_services {
        let service = category.services.first().cloned().unwrap_or_default();
        let whole = category.id.clone();
        cases.push((
            "category accepted whole, one of its services refused",
            changed(&|r| {
                r.accepted = vec![whole.clone()];
                r.rejected = vec![service.clone()];
            }),
            400,
        ));
        let service = category.services.first().cloned().unwrap_or_default();
        cases.push((
            "service named twice",
            changed(&|r| {
                r.accepted = vec![service.clone(), service.clone()];
                r.rejected = Vec::new();
            }),
            400,
        ));
    }
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
    let mut got: BTreeMap<u16, u64> = BTreeMap::new();
    for (what, payload, expected) in &cases {
        let status = one_post(&address, payload).await;
        println!("bad input: {what}: {status} (expected {expected})");
        *got.entry(status).or_default() += 1;
        if status != *expected {
            failures.push(what.to_string());
        }
    }
    let (slow_body, slow_head) = (slow_body.await, slow_head.await);
    let mut slow_text = Vec::new();
    match slow_body {
        Ok(Ok((status, seconds))) => {
            println!("bad input: body one byte a second: {status} after {seconds:.1} s (expected 408)");
            slow_text.push(format!("slow body {status} after {seconds:.0} s"));
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
            slow_text.push(format!("slow headers closed after {seconds:.0} s"));
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
    if !failures.is_empty() {
        return Err(format!("unexpected answers: {}", failures.join("; ")));
    }
    row(
        &format!(
            "{} bad receipts (size, JSON, types, unknown ids and fields; forged, offset and far times; NUL and \
             control characters; repeated and contradictory lists), a body and headers one byte a second, then a good receipt",
            cases.len()
        ),
        &format!("each its 4xx ({}); {}; then 204", statuses_text(&got), slow_text.join(", ")),
        "–",
    );
    Ok(())
}

/// Not a check of the service: a case whose text replacement would do nothing is a mistake here.
fn assert_contains(text: &str, part: &str) {
    if !text.contains(part) {
        eprintln!("records-load: internal: {part:?} is not in the good receipt");
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

/// A fresh consent id for a check.
fn fresh_id(salt: u64) -> String {
    consent_id_of(now_ms() as u64, salt)
}

/// The daily quota: `--count` receipts under one consent id; the first `--per-day` are stored
/// (204), the rest refused with 429 and `Retry-After`; the visitor's record still reads, a
/// bounded page at a time.
async fn quota(flags: &Flags) -> Result<(), String> {
    let address = address(flags.need("url")?)?;
    let shape = Shape::of(&config(flags)?);
    let count = flags.number("count", 60)?.clamp(1, 10_000);
    let per_day = flags.number("per-day", 50)?;
    let pid = flags.pid()?;
    let before = rss(pid);
    let id = fresh_id(1);
    let mut random = Random::new(3);
    let mut connection = Connection::open(&address).await.map_err(|e| format!("{address}: {e}"))?;
    let mut statuses = Vec::new();
    let mut retry_after = Vec::new();
    for _ in 0..count {
        let payload = body(&shape.receipt(&id, now_ms(), &mut random, false));
        let answer = connection
            .request(&post_head(&address, payload.len()), payload.as_bytes(), |_| {})
            .await
            .map_err(|e| format!("POST /receipts: {e}"))?;
        if answer.status == 429 {
            retry_after.push(answer.header("retry-after").and_then(|v| v.parse::<u64>().ok()));
        }
        statuses.push(answer.status);
        if answer.close {
            connection = Connection::open(&address).await.map_err(|e| format!("{address}: {e}"))?;
        }
    }
    let stored = statuses.iter().take_while(|s| **s == 204).count();
    let refused = statuses.iter().skip(stored).filter(|s| **s == 429).count();
    let mut failures = Vec::new();
    if u64::try_from(stored).unwrap_or(0) != per_day.min(count) || stored + refused != statuses.len() {
        failures.push(format!("answers {statuses:?}: expected {per_day} × 204 then 429"));
    }
    if retry_after.iter().any(Option::is_none) {
        failures.push("a 429 without a numeric Retry-After".to_string());
    }
    let retry: Vec<u64> = retry_after.iter().flatten().copied().collect();
    if retry.iter().any(|s| !(1..=86_400).contains(s)) {
        failures.push(format!("Retry-After outside 1 s to a day: {retry:?}"));
    }
    // The record: a default page, then the largest, then one too large.
    let page = get_once(&address, &format!("/records/{id}")).await?;
    let (default_n, default_next) = if page.status == 200 { record_page(&page, &id)? } else { (0, None) };
    let largest = get_once(&address, &format!("/records/{id}?limit=100")).await?;
    let (largest_n, largest_next) = if largest.status == 200 { record_page(&largest, &id)? } else { (0, None) };
    let too_large = get_once(&address, &format!("/records/{id}?limit=101")).await?;
    let link = page.header("link").is_some();
    if page.status != 200
        || default_n != stored.min(20)
        || (stored > 20) != default_next.is_some()
        || (stored > 20) != link
    {
        failures.push(format!("GET /records: {} with {default_n} receipts, next {default_next:?}", page.status));
    }
    if largest.status != 200 || largest_n != stored.min(100) || largest_next.is_some() != (stored > 100) {
        failures.push(format!("GET /records?limit=100: {} with {largest_n} receipts", largest.status));
    }
    if too_large.status != 400 {
        failures.push(format!("GET /records?limit=101: {}", too_large.status));
    }
    if !failures.is_empty() {
        return Err(failures.join("; "));
    }
    let retry_text = match (retry.iter().min(), retry.iter().max()) {
        (Some(a), Some(b)) if a == b => format!("{a} s"),
        (Some(a), Some(b)) => format!("{a}–{b} s"),
        _ => "–".to_string(),
    };
    row(
        &format!("{count} receipts under one consent id (one connection), then GET /records/{{id}} (default, limit=100, limit=101)"),
        &format!(
            "204×{stored}, then 429×{refused} with Retry-After {retry_text} (to midnight UTC); record: 200 with {default_n} receipts \
             and a next cursor (Link), limit=100: 200 with {largest_n}, limit=101: 400"
        ),
        &memory_text(pid, before, None),
    );
    Ok(())
}

/// Many connections read the largest record slowly or not at all: `--connections` from
/// `--sources` loopback addresses, each sending `--requests` pipelined
/// `GET /records/{id}?limit=100` and reading nothing for `--seconds`, then reading 4 KB every
/// 10 ms. The service's memory must stay flat (it answers a bounded page; the rest waits in
/// the sockets).
async fn reads(flags: &Flags) -> Result<(), String> {
    let address = address(flags.need("url")?)?;
    let target = socket_address(&address)?;
    let id = flags.need("consent-id")?.to_ascii_lowercase();
    let connections = flags.number("connections", 64)?.clamp(1, 1024);
    let requests = flags.number("requests", 20)?.clamp(1, 1000);
    let seconds = flags.number("seconds", 5)?.clamp(1, 60);
    let sources = flags.number("sources", 8)?.clamp(1, 200) as u32;
    let pid = flags.pid()?;
    // The record is large, and a page of it bounded.
    let first = get_once(&address, &format!("/records/{id}?limit=100")).await?;
    if first.status != 200 {
        return Err(format!("GET /records/{id}?limit=100 answered {}", first.status));
    }
    let (n, next) = record_page(&first, &id)?;
    let Some(next) = next.filter(|_| n == 100) else {
        return Err(format!("the record's first page holds {n} receipts and no next cursor: not a large record"));
    };
    let second = get_once(&address, &format!("/records/{id}?limit=100&cursor={next}")).await?;
    let (n2, _) = if second.status == 200 { record_page(&second, &id)? } else { (0, None) };
    if n2 != 100 {
        return Err(format!("the record's second page: {} with {n2} receipts", second.status));
    }
    let page_kb = first.body.len() / 1024;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let before = rss(pid);
    let (stop, peak) = sample_peak(pid);
    let release = Arc::new(tokio::sync::Notify::new());
    let mut tasks = Vec::new();
    let request = get_head(&address, &format!("/records/{id}?limit=100"));
    for c in 0..connections {
        let (request, release) = (request.clone(), release.clone());
        let source = loopback(c as u32 % sources);
        tasks.push(tokio::spawn(async move {
            let mut statuses: BTreeMap<u16, u64> = BTreeMap::new();
            let Ok(mut connection) = Connection::open_from(target, Some(source)).await else {
                statuses.insert(0, requests);
                return statuses;
            };
            let all = request.repeat(requests as usize);
            let released = release.notified();
            if connection.stream.write_all(all.as_bytes()).await.is_err() {
                statuses.insert(0, requests);
                return statuses;
            }
            released.await;
            // Slowly: 4 KB every 10 ms.
            for _ in 0..requests {
                let answer = async {
                    let end = loop {
                        if let Some(at) = find(&connection.buffer, b"\r\n\r\n") {
                            break at;
                        }
                        slow_fill(&mut connection).await?;
                    };
                    let head = String::from_utf8_lossy(&connection.buffer[..end]).into_owned();
                    let length: usize = header_in(&head, "content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
                    while connection.buffer.len() < end + 4 + length {
                        slow_fill(&mut connection).await?;
                    }
                    connection.buffer.drain(..end + 4 + length);
                    Ok::<u16, std::io::Error>(head.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0))
                };
                match tokio::time::timeout(Duration::from_secs(60), answer).await {
                    Ok(Ok(status)) => *statuses.entry(status).or_default() += 1,
                    _ => {
                        *statuses.entry(0).or_default() += 1;
                        break;
                    }
                }
            }
            statuses
        }));
    }
    // Nothing is read for a while: the service has answered what it could into the sockets.
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    let unread = rss(pid);
    release.notify_waiters();
    let mut statuses: BTreeMap<u16, u64> = BTreeMap::new();
    for task in tasks {
        for (s, n) in task.await.map_err(|e| format!("a reader failed: {e}"))? {
            *statuses.entry(s).or_default() += n;
        }
    }
    stop.store(true, Ordering::Relaxed);
    let peak = peak.await.map_err(|e| format!("the sampler failed: {e}"))?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let after = rss(pid);
    let total = connections * requests;
    if statuses.get(&200).copied().unwrap_or(0) != total {
        return Err(format!("{total} reads: {}", statuses_text(&statuses)));
    }
    let grown = peak.zip(before).map(|(p, b)| p.saturating_sub(b));
    if grown.is_some_and(|kb| kb > 64 * 1024) {
        return Err(format!("the service's memory grew by {} under the reads", mb(grown.unwrap_or(0))));
    }
    let memory = match (before, unread, peak, after) {
        (Some(b), Some(u), Some(p), Some(a)) => {
            format!("VmRSS {} before, {} with all unread, peak {}, {} after", mb(b), mb(u), mb(p), mb(a))
        }
        _ => "–".to_string(),
    };
    row(
        &format!(
            "{connections} connections ({sources} addresses) × {requests} pipelined GET /records/{{id}}?limit=100 of the largest \
             record, nothing read for {seconds} s, then 4 KB every 10 ms"
        ),
        &format!("{}; each a page of 100 receipts ({page_kb} KB) with a next cursor", statuses_text(&statuses)),
        &memory,
    );
    Ok(())
}

/// Reads at most 4 KB, after 10 ms.
async fn slow_fill(connection: &mut Connection) -> std::io::Result<()> {
    tokio::time::sleep(Duration::from_millis(10)).await;
    let mut chunk = [0u8; 4096];
    let n = connection.stream.read(&mut chunk).await?;
    if n == 0 {
        return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "closed"));
    }
    connection.buffer.extend_from_slice(&chunk[..n]);
    Ok(())
}

/// A flood of half-open connections: `--addresses` × `--per-address` connections from
/// 127.0.0.2 and up, each sending part of a request's headers or body and nothing more, and
/// opening again `--reconnect-ms` after the service cut it; meanwhile a fresh client from
/// 127.0.0.1 asks every 200 ms (alternately its record and a new receipt) and is timed.
async fn flood(flags: &Flags) -> Result<(), String> {
    let address = address(flags.need("url")?)?;
    let target = socket_address(&address)?;
    let shape = Shape::of(&config(flags)?);
    let id = flags.need("consent-id")?.to_ascii_lowercase();
    let addresses = flags.number("addresses", 40)?.clamp(1, 250) as u32;
    let per_address = flags.number("per-address", 32)?.clamp(1, 2000);
    let seconds = flags.number("seconds", 6)?.clamp(2, 60);
    let reconnect = Duration::from_millis(flags.number("reconnect-ms", 1000)?);
    let fds = flags.get("fds").unwrap_or("?").to_string();
    let pid = flags.pid()?;
    let before = rss(pid);
    let (stop_sampling, peak) = sample_peak(pid);
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let opened = Arc::new(AtomicU64::new(0));
    let cut = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let open_now = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    for a in 0..addresses {
        for c in 0..per_address {
            let (opened, cut, failed, open_now) = (opened.clone(), cut.clone(), failed.clone(), open_now.clone());
            let host = address.clone();
            tasks.push(tokio::spawn(async move {
                let source = loopback(a);
                while Instant::now() < deadline {
                    let left = deadline.saturating_duration_since(Instant::now());
                    let Ok(Ok(mut stream)) =
                        tokio::time::timeout(left.min(Duration::from_secs(2)), connect(target, Some(source))).await
                    else {
                        failed.fetch_add(1, Ordering::Relaxed);
                        tokio::time::sleep(reconnect.max(Duration::from_millis(50))).await;
                        continue;
                    };
                    opened.fetch_add(1, Ordering::Relaxed);
                    // Half a request: its headers cut short, or its headers and a little of its body.
                    let partial = if c % 2 == 0 {
                        format!("POST /receipts HTTP/1.1\r\nHost: {host}\r\nContent-Type: text/plain\r\nContent-Len")
                    } else {
                        format!("{}{{\"consentId\":\"0bad", post_head(&host, 400))
                    };
                    if stream.write_all(partial.as_bytes()).await.is_err() {
                        cut.fetch_add(1, Ordering::Relaxed);
                        tokio::time::sleep(reconnect).await;
                        continue;
                    }
                    open_now.fetch_add(1, Ordering::Relaxed);
                    let mut sink = [0u8; 1024];
                    let closed = loop {
                        let left = deadline.saturating_duration_since(Instant::now());
                        match tokio::time::timeout(left, stream.read(&mut sink)).await {
                            Ok(Ok(0)) | Ok(Err(_)) => break true,
                            Ok(Ok(_)) => continue,
                            Err(_) => break false,
                        }
                    };
                    open_now.fetch_sub(1, Ordering::Relaxed);
                    if !closed {
                        break;
                    }
                    cut.fetch_add(1, Ordering::Relaxed);
                    tokio::time::sleep(reconnect).await;
                }
            }));
        }
    }
    // The flood settles, then the fresh client asks.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let held_at_start = open_now.load(Ordering::Relaxed);
    let mut times = Vec::new();
    let mut statuses: BTreeMap<u16, u64> = BTreeMap::new();
    let mut random = Random::new(11);
    let mut n = 0u64;
    let mut held = Vec::new();
    while Instant::now() + Duration::from_millis(400) < deadline {
        n += 1;
        held.push(open_now.load(Ordering::Relaxed));
        let begun = Instant::now();
        let answer = async {
            let mut connection = Connection::open_from(target, None).await?;
            if n % 2 == 1 {
                connection.request(&get_head(&address, &format!("/records/{id}?limit=1")), b"", |_| {}).await
            } else {
                let payload = body(&shape.receipt(&fresh_id(n), now_ms(), &mut random, false));
                connection.request(&post_head(&address, payload.len()), payload.as_bytes(), |_| {}).await
            }
        };
        let status = match tokio::time::timeout(Duration::from_secs(5), answer).await {
            Ok(Ok(answer)) => answer.status,
            _ => 0,
        };
        times.push(ms(begun.elapsed()));
        *statuses.entry(status).or_default() += 1;
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    for task in tasks {
        let _ = task.await;
    }
    stop_sampling.store(true, Ordering::Relaxed);
    let peak = peak.await.map_err(|e| format!("the sampler failed: {e}"))?;
    let answered = statuses.iter().filter(|(s, _)| matches!(**s, 200 | 204)).map(|(_, n)| *n).sum::<u64>();
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    let (median, p90, max) = (
        percentile(&sorted, 0.5).unwrap_or(f64::NAN),
        percentile(&sorted, 0.9).unwrap_or(f64::NAN),
        percentile(&sorted, 1.0).unwrap_or(f64::NAN),
    );
    held.sort_unstable();
    let total = u64::from(addresses) * per_address;
    let (opened, cut, failed) =
        (opened.load(Ordering::Relaxed), cut.load(Ordering::Relaxed), failed.load(Ordering::Relaxed));
    let over = sorted.iter().filter(|t| **t >= 100.0).count();
    row(
        &format!(
            "{total} half-open connections ({addresses} address{} × {per_address}: headers or body cut short, opened again \
             {} ms after being cut) for {seconds} s, service under a {fds}-descriptor limit; a fresh client from 127.0.0.1 every 200 ms",
            if addresses == 1 { "" } else { "es" },
            reconnect.as_millis()
        ),
        &format!(
            "flood: {opened} opened, {cut} cut by the service, {failed} not connected, {held_at_start} held after 1 s \
             (median {} while probing); fresh client: {answered}/{} answered ({}), median {median:.1} ms, p90 {p90:.1} ms, \
             max {max:.1} ms{}",
            percentile(&held, 0.5).unwrap_or(0),
            times.len(),
            statuses_text(&statuses),
            if over == 0 { " (all under 100 ms)".to_string() } else { format!(" ({over} of {} at 100 ms or more)", times.len()) }
        ),
        &memory_text(pid, before, peak),
    );
    if answered != times.len() as u64 {
        return Err("the fresh client was not answered during the flood".to_string());
    }
    if median >= 100.0 {
        return Err(format!("the fresh client waited {median:.1} ms (median) during the flood"));
    }
    Ok(())
}

/// The per-client rate limit: `--count` requests at once from 127.0.0.2 (8 connections) get
/// some 429s with `Retry-After`; 127.0.0.3 is not affected.
async fn rate(flags: &Flags) -> Result<(), String> {
    let address = address(flags.need("url")?)?;
    let target = socket_address(&address)?;
    let id = flags.need("consent-id")?.to_ascii_lowercase();
    let count = flags.number("count", 200)?.clamp(8, 10_000);
    let pid = flags.pid()?;
    let before = rss(pid);
    let path = format!("/records/{id}?limit=1");
    let burst = |source: IpAddr, connections: u64, each: u64| {
        let head = get_head(&address, &path);
        async move {
            let mut tasks = Vec::new();
            for _ in 0..connections {
                let head = head.clone();
                tasks.push(tokio::spawn(async move {
                    let mut out: Vec<(u16, Option<String>)> = Vec::new();
                    let mut connection = None;
                    for _ in 0..each {
                        if connection.is_none() {
                            connection = Connection::open_from(target, Some(source)).await.ok();
                        }
                        let Some(conn) = connection.as_mut() else {
                            out.push((0, None));
                            continue;
                        };
                        match tokio::time::timeout(Duration::from_secs(10), conn.request(&head, b"", |_| {})).await {
                            Ok(Ok(answer)) => {
                                out.push((answer.status, answer.header("retry-after")));
                                if answer.close {
                                    connection = None;
                                }
                            }
                            _ => {
                                out.push((0, None));
                                connection = None;
                            }
                        }
                    }
                    out
                }));
            }
            let mut all = Vec::new();
            for task in tasks {
                all.extend(task.await.unwrap_or_default());
            }
            all
        }
    };
    let started = Instant::now();
    let first = burst(loopback(0), 8, count.div_ceil(8)).await;
    let took = started.elapsed();
    let other = burst(loopback(1), 1, 5).await;
    let tally = |answers: &[(u16, Option<String>)]| {
        let mut statuses: BTreeMap<u16, u64> = BTreeMap::new();
        for (s, _) in answers {
            *statuses.entry(*s).or_default() += 1;
        }
        statuses
    };
    let (first_statuses, other_statuses) = (tally(&first), tally(&other));
    let limited: Vec<Option<u64>> =
        first.iter().filter(|(s, _)| *s == 429).map(|(_, r)| r.as_ref().and_then(|v| v.parse().ok())).collect();
    let retry: Vec<u64> = limited.iter().flatten().copied().collect();
    let mut failures = Vec::new();
    if limited.is_empty() {
        failures.push(format!("no 429 among {} requests at once ({})", first.len(), statuses_text(&first_statuses)));
    }
    if limited.iter().any(Option::is_none) {
        failures.push("a 429 without a numeric Retry-After".to_string());
    }
    if first_statuses.get(&200).copied().unwrap_or(0) == 0 {
        failures.push("not one request of the burst was answered".to_string());
    }
    if other_statuses.get(&200).copied().unwrap_or(0) != other.len() as u64 {
        failures.push(format!("the other address got {}", statuses_text(&other_statuses)));
    }
    row(
        &format!(
            "{} GET /records/{{id}} at once from 127.0.0.2 (8 connections, {:.0} ms), then 5 from 127.0.0.3",
            first.len(),
            ms(took)
        ),
        &format!(
            "127.0.0.2: {}, every 429 with Retry-After ({} s); 127.0.0.3: {}",
            statuses_text(&first_statuses),
            match (retry.iter().min(), retry.iter().max()) {
                (Some(a), Some(b)) if a == b => a.to_string(),
                (Some(a), Some(b)) => format!("{a}–{b}"),
                _ => "–".to_string(),
            },
            statuses_text(&other_statuses)
        ),
        &memory_text(pid, before, None),
    );
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("; "))
    }
}

/// Where the time of the statistics goes, on a database directly (the service may be running):
/// the store's rollup query (through sqlx's `Any` driver, as the service runs it), the same SQL
/// on the engine's own sqlx driver and counted inside the engine only, `stats::compute`, the
/// JSON and the dashboard's HTML; the engine's query plan.
async fn profile_stats(flags: &Flags) -> Result<(), String> {
    let url = flags.need("database")?;
    let config = config(flags)?;
    let days = i64::try_from(flags.number("days", 90)?.clamp(1, 3650)).unwrap_or(90);
    let store = Store::open(url).await?;
    let today = now_ms().div_euclid(DAY_MS);
    let (from, to) = (today - (days - 1), today + 1);
    let sql = "SELECT day, version, area, dimension, name, outcome, SUM(n) AS n FROM rollups \
               WHERE day >= $1 AND day < $2 GROUP BY day, version, area, dimension, name, outcome";
    let counted = format!("SELECT COUNT(*) FROM ({sql}) AS grouped");
    let error = |e: sqlx::Error| format!("{url}: {e}");
    let (mut query, mut native, mut engine_only, mut compute, mut to_json, mut html) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut rows = 0;
    let mut plan = Vec::new();
    for round in 0..7 {
        let begun = Instant::now();
        let rollups = store.rollups(from, to).await.map_err(error)?;
        query.push(ms(begun.elapsed()));
        rows = rollups.len();
        let begun = Instant::now();
        let stats = consent_records::stats::compute(&config, &rollups);
        compute.push(ms(begun.elapsed()));
        let begun = Instant::now();
        let span = consent_records::store::Span { from_ms: from * DAY_MS, to_ms: to * DAY_MS };
        let text = json::to_json(&consent_records::stats::to_json(&stats, span));
        to_json.push(ms(begun.elapsed()));
        let begun = Instant::now();
        let page = consent_records::dashboard::dashboard(&stats, from, today).into_string();
        html.push(ms(begun.elapsed()));
        if round == 0 {
            println!("rows={rows} json={} KB html={} KB", text.len() / 1024, page.len() / 1024);
        }
        match Engine::of(url)? {
            Engine::Sqlite => {
                let mut conn = sqlx::sqlite::SqliteConnection::connect(url).await.map_err(error)?;
                let begun = Instant::now();
                let n = sqlx::query(sql).bind(from).bind(to).fetch_all(&mut conn).await.map_err(error)?.len();
                native.push(ms(begun.elapsed()));
                let begun = Instant::now();
                let _: i64 =
                    sqlx::query_scalar(&counted).bind(from).bind(to).fetch_one(&mut conn).await.map_err(error)?;
                engine_only.push(ms(begun.elapsed()));
                if round == 0 {
                    let explain: Vec<(i64, i64, i64, String)> = sqlx::query_as(&format!("EXPLAIN QUERY PLAN {sql}"))
                        .bind(from)
                        .bind(to)
                        .fetch_all(&mut conn)
                        .await
                        .map_err(error)?;
                    plan = explain.into_iter().map(|(_, _, _, detail)| detail).collect();
                    println!("native rows={n}");
                }
            }
            Engine::Postgres => {
                let mut conn = sqlx::postgres::PgConnection::connect(url).await.map_err(error)?;
                let begun = Instant::now();
                let n = sqlx::query(sql).bind(from).bind(to).fetch_all(&mut conn).await.map_err(error)?.len();
                native.push(ms(begun.elapsed()));
                let begun = Instant::now();
                let _: i64 =
                    sqlx::query_scalar(&counted).bind(from).bind(to).fetch_one(&mut conn).await.map_err(error)?;
                engine_only.push(ms(begun.elapsed()));
                if round == 0 {
                    let explain: Vec<(String,)> = sqlx::query_as(&format!("EXPLAIN (ANALYZE, BUFFERS) {sql}"))
                        .bind(from)
                        .bind(to)
                        .fetch_all(&mut conn)
                        .await
                        .map_err(error)?;
                    plan = explain.into_iter().map(|(line,)| line).collect();
                    println!("native rows={n}");
                }
            }
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        percentile(v, 0.5).unwrap_or(0.0)
    };
    println!("plan:");
    for line in &plan {
        println!("  {line}");
    }
    println!(
        "{days} days, {rows} rollup rows (medians of 7): Store::rollups (Any) {:.1} ms; the same SQL on the native driver \
         {:.1} ms; counted in the engine only {:.1} ms; stats::compute {:.1} ms; JSON {:.1} ms; dashboard HTML {:.1} ms",
        median(&mut query),
        median(&mut native),
        median(&mut engine_only),
        median(&mut compute),
        median(&mut to_json),
        median(&mut html)
    );
    Ok(())
}
