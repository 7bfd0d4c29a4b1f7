//! What every request shares: the site's config, the store and how the service is run.

use std::sync::Arc;
use std::time::Duration;

use consent_banner::core::config::Config;

use crate::owner::Owner;
use crate::store::Store;

/// Default time a client has to send a request's body once its headers are in.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(10);
/// Default most receipts stored per consent id and day (UTC): a visitor who changes their mind
/// fifty times a day is not one.
pub const RECEIPTS_PER_DAY: u32 = 50;

/// The shared state of every request.
#[derive(Clone, Debug)]
pub struct App(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    config: Config,
    store: Store,
    options: Options,
}

/// How the service is run. `Options::default()` is the library's (no rate limit: an embedding
/// router has its own); the binary's defaults are [`crate::settings`]'s.
#[derive(Debug, Clone)]
pub struct Options {
    /// Served over https: cookies are set with `Secure`.
    pub secure: bool,
    /// Time a client has to send a body once its headers are in; then 408.
    pub body_timeout: Duration,
    /// The owner's token: without it the owner's routes answer 404.
    pub owner: Option<Owner>,
    /// Most receipts stored per consent id and UTC day, then 429; `None`: no cap.
    pub receipts_per_day: Option<u32>,
    /// Requests per client (see [`crate::request::client_ip`]); `None`: no limit.
    pub rate: Option<Rate>,
    /// Behind a reverse proxy: the client is the last address of `X-Forwarded-For`.
    pub trust_proxy: bool,
}

/// A per-client rate: a bucket of `burst` requests that refills at `per_second`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// Requests a second, sustained.
    pub per_second: u32,
    /// Requests at once.
    pub burst: u32,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            secure: false,
            body_timeout: BODY_TIMEOUT,
            owner: None,
            receipts_per_day: Some(RECEIPTS_PER_DAY),
            rate: None,
            trust_proxy: false,
        }
    }
}

impl App {
    /// The service for a validated config and an open store; `secure` when served over https.
    pub fn new(config: Config, store: Store, secure: bool) -> App {
        App::with_options(config, store, Options { secure, ..Options::default() })
    }

    /// The service with every option.
    pub fn with_options(config: Config, store: Store, options: Options) -> App {
        App(Arc::new(Inner { config, store, options }))
    }

    /// The site's config.
    pub fn config(&self) -> &Config {
        &self.0.config
    }

    /// The database.
    pub fn store(&self) -> &Store {
        &self.0.store
    }

    /// How the service is run.
    pub fn options(&self) -> &Options {
        &self.0.options
    }
}
