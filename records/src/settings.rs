//! The service's settings: command-line flags, falling back to environment variables.

use consent_banner::core::config::Config;

use crate::owner::Owner;
use crate::retention::MAX_DAYS;

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
}

/// The usage line printed with argument errors.
pub const USAGE: &str = "usage: consent-records --config site.json [--listen 127.0.0.1:8090] \
[--database sqlite://records.db] [--secure] [--retention-days N]\n\
environment: CONSENT_RECORDS_CONFIG, CONSENT_RECORDS_LISTEN, CONSENT_RECORDS_DATABASE, \
CONSENT_RECORDS_SECURE=1, CONSENT_RECORDS_RETENTION_DAYS, CONSENT_RECORDS_TOKEN (the owner's token, at least 32 characters)";

/// Reads the flags (without the program name), each falling back to its environment variable
/// as `env` returns it.
pub fn parse(args: &[String], env: impl Fn(&str) -> Option<String>) -> Result<Settings, String> {
    let mut config = env("CONSENT_RECORDS_CONFIG");
    let mut listen = env("CONSENT_RECORDS_LISTEN");
    let mut database = env("CONSENT_RECORDS_DATABASE");
    let mut retention = env("CONSENT_RECORDS_RETENTION_DAYS");
    let mut secure = env("CONSENT_RECORDS_SECURE").is_some_and(|v| v == "1" || v == "true");
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
            "--secure" => {
                secure = true;
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
    Ok(Settings {
        retention_days,
        owner,
        config: config.ok_or_else(|| format!("no config given\n{USAGE}"))?,
        listen: listen.unwrap_or_else(|| "127.0.0.1:8090".to_string()),
        database: database.unwrap_or_else(|| "sqlite://records.db".to_string()),
        secure,
    })
}

/// Reads and validates the site's config: every problem, one a line, when it is not valid.
pub fn load_config(path: &str) -> Result<Config, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    Config::from_json(&text).map_err(|errors| format!("{path}:\n{errors}"))
}
