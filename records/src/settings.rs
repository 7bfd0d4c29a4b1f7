//! The service's settings: command-line flags, falling back to environment variables.

use consent_banner::core::config::Config;

use crate::app::{Rate, RECEIPTS_PER_DAY};
use crate::owner::Owner;
use crate::retention::MAX_DAYS;
use crate::serve::{Limits, MAX_CONNECTIONS, PER_CLIENT};

/// Default requests a second per client, sustained.
pub const RATE_PER_SECOND: u32 = 10;
/// Default requests per client at once.
pub const RATE_BURST: u32 = 60;

/// What the service is started with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Path of the site's consent config (the banner's JSON).
    pub config: String,
    /// Address to listen on, such as `127.0.0.1:8090`.
    pub listen: String,
    /// `sqlite://records.db` (the default) or `postgres://…`.
    pub database: String,
    /// The site is served over https: cookies are re-issued with `Secure`.
    pub secure: bool,
    /// Days a receipt is kept; `None`: the default for the config (see [`crate::retention`]).
    pub retention_days: Option<u32>,
    /// The owner's token, from `CONSENT_RECORDS_TOKEN` only (a flag would show it in `ps`):
    /// without it the owner's routes are disabled.
    pub owner: Option<Owner>,
    /// Behind a reverse proxy: clients are told apart by `X-Forwarded-For`'s last address, and
    /// connections are not capped per address (they all come from the proxy).
    pub trust_proxy: bool,
    /// The per-client rate limit; `None` with `--rate-limit off`.
    pub rate: Option<Rate>,
    /// Most receipts stored per consent id and UTC day; `None` with `--receipts-per-day off`.
    pub receipts_per_day: Option<u32>,
    /// The caps on open connections (before they are fitted to the descriptor limit).
    pub limits: Limits,
}

/// The usage line printed with argument errors.
pub const USAGE: &str = "usage: consent-records --config site.json [--listen 127.0.0.1:8090] \
[--database sqlite://records.db] [--secure] [--retention-days N] [--trust-proxy] \
[--rate-limit N|off] [--rate-burst N] [--receipts-per-day N|off] [--max-connections N] \
[--max-connections-per-client N|off]\n\
environment: CONSENT_RECORDS_CONFIG, CONSENT_RECORDS_LISTEN, CONSENT_RECORDS_DATABASE, \
CONSENT_RECORDS_SECURE=1, CONSENT_RECORDS_RETENTION_DAYS, CONSENT_RECORDS_TRUST_PROXY=1, \
CONSENT_RECORDS_RATE_LIMIT, CONSENT_RECORDS_RATE_BURST, CONSENT_RECORDS_RECEIPTS_PER_DAY, \
CONSENT_RECORDS_MAX_CONNECTIONS, CONSENT_RECORDS_MAX_CONNECTIONS_PER_CLIENT, \
CONSENT_RECORDS_TOKEN (the owner's token, at least 32 characters)";

/// Reads the flags (without the program name), each falling back to its environment variable
/// as `env` returns it.
pub fn parse(args: &[String], env: impl Fn(&str) -> Option<String>) -> Result<Settings, String> {
    let mut config = env("CONSENT_RECORDS_CONFIG");
    let mut listen = env("CONSENT_RECORDS_LISTEN");
    let mut database = env("CONSENT_RECORDS_DATABASE");
    let mut retention = env("CONSENT_RECORDS_RETENTION_DAYS");
    let mut rate = env("CONSENT_RECORDS_RATE_LIMIT");
    let mut burst = env("CONSENT_RECORDS_RATE_BURST");
    let mut per_day = env("CONSENT_RECORDS_RECEIPTS_PER_DAY");
    let mut max_connections = env("CONSENT_RECORDS_MAX_CONNECTIONS");
    let mut per_client = env("CONSENT_RECORDS_MAX_CONNECTIONS_PER_CLIENT");
    let yes = |v: Option<String>| v.is_some_and(|v| v == "1" || v == "true");
    let mut secure = yes(env("CONSENT_RECORDS_SECURE"));
    let mut trust_proxy = yes(env("CONSENT_RECORDS_TRUST_PROXY"));
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let slot = match flag {
            "--config" => &mut config,
            "--listen" => &mut listen,
            "--database" => &mut database,
            "--retention-days" => &mut retention,
            "--rate-limit" => &mut rate,
            "--rate-burst" => &mut burst,
            "--receipts-per-day" => &mut per_day,
            "--max-connections" => &mut max_connections,
            "--max-connections-per-client" => &mut per_client,
            "--secure" => {
                secure = true;
                continue;
            }
            "--trust-proxy" => {
                trust_proxy = true;
                continue;
            }
            "--help" | "-h" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        };
        match inline.or_else(|| it.next().cloned()) {
            Some(v) => *slot = Some(v),
            None => return Err(format!("{flag} needs a value\n{USAGE}")),
        }
    }
    let owner = env("CONSENT_RECORDS_TOKEN").map(|token| Owner::new(&token)).transpose()?;
    let retention_days = retention
        .map(|days| match days.trim().parse::<u32>() {
            Ok(n) if (1..=MAX_DAYS).contains(&n) => Ok(n),
            _ => Err(format!("--retention-days: expected a number of days from 1 to {MAX_DAYS}, not {days:?}")),
        })
        .transpose()?;
    let rate = match number("--rate-limit", rate, 1_000_000, true)? {
        Some(0) => None,
        per_second => Some(Rate {
            per_second: per_second.unwrap_or(RATE_PER_SECOND),
            burst: number("--rate-burst", burst, 1_000_000, false)?.unwrap_or(RATE_BURST),
        }),
    };
    let receipts_per_day = match number("--receipts-per-day", per_day, 1_000_000, true)? {
        Some(0) => None,
        n => Some(n.unwrap_or(RECEIPTS_PER_DAY)),
    };
    let max_connections = number("--max-connections", max_connections, 1_000_000, false)?;
    let per_client = number("--max-connections-per-client", per_client, 1_000_000, true)?;
    let limits = Limits {
        max_connections: max_connections.map_or(MAX_CONNECTIONS, |n| n as usize),
        // Behind a proxy every connection is the proxy's: no cap per address unless asked.
        per_client: per_client.map_or(if trust_proxy { 0 } else { PER_CLIENT }, |n| n as usize),
    };
    Ok(Settings {
        retention_days,
        owner,
        trust_proxy,
        rate,
        receipts_per_day,
        limits,
        config: config.ok_or_else(|| format!("no config given\n{USAGE}"))?,
        listen: listen.unwrap_or_else(|| "127.0.0.1:8090".to_string()),
        database: database.unwrap_or_else(|| "sqlite://records.db".to_string()),
        secure,
    })
}

/// A flag's number from 1 to `most` (`off`, or 0, as `Some(0)` where `off_allowed`), if given.
fn number(flag: &str, value: Option<String>, most: u32, off_allowed: bool) -> Result<Option<u32>, String> {
    let Some(text) = value else { return Ok(None) };
    let text = text.trim();
    if off_allowed && (text == "off" || text == "0") {
        return Ok(Some(0));
    }
    match text.parse::<u32>() {
        Ok(n) if (1..=most).contains(&n) => Ok(Some(n)),
        _ if off_allowed => Err(format!("{flag}: expected a number from 1 to {most}, or off, not {text:?}")),
        _ => Err(format!("{flag}: expected a number from 1 to {most}, not {text:?}")),
    }
}

/// Reads and validates the site's config: every problem, one a line, when it is not valid.
pub fn load_config(path: &str) -> Result<Config, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    Config::from_json(&text).map_err(|errors| format!("{path}:\n{errors}"))
}
