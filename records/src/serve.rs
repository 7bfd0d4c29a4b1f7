//! The HTTP/1.1 server loop. `axum::serve` gives hyper no timer, so a client that sends its
//! request headers slowly (or nothing at all) would hold its connection forever: here hyper
//! closes a connection whose headers are not complete within the header timeout. The body's
//! timeout is the handlers' (see [`crate::request::read_body`]).
//!
//! Open connections are capped, so that a flood cannot use up the file descriptors and stop
//! the service from accepting anyone: at most [`Limits::per_client`] from one address (further
//! ones are closed as soon as they are accepted), and at most [`Limits::max_connections`] in
//! all, below the process's descriptor limit. When all are taken, a new connection closes the
//! oldest one that is not the owner's: a slow stranger's, most likely, since a visitor's
//! request takes milliseconds.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::net::IpAddr;
use std::pin::pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::task::AbortHandle;
use tower::ServiceExt;

/// Default time a client has to send its request headers (and that an idle keep-alive
/// connection is kept).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long answered requests (an export, say) may take to finish after a shutdown signal.
const DRAIN: Duration = Duration::from_secs(10);
/// Default cap on open connections (lowered to fit the descriptor limit).
pub const MAX_CONNECTIONS: usize = 4096;
/// Default cap on open connections from one address: a browser opens six per host.
pub const PER_CLIENT: usize = 32;
/// File descriptors kept for everything but connections: the database, the log, the listener.
const RESERVED_FDS: u64 = 64;

/// The caps on open connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Connections open at once, in all.
    pub max_connections: usize,
    /// Connections open at once from one address (IPv6: one /64); 0 for no cap (behind a
    /// proxy, every connection comes from it).
    pub per_client: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_connections: MAX_CONNECTIONS, per_client: PER_CLIENT }
    }
}

impl Limits {
    /// These limits with `max_connections` lowered to fit the process's soft limit on open
    /// files (less what the rest of the service needs); the descriptor limit, when known.
    pub fn fitted(self) -> (Limits, Option<u64>) {
        let fds = descriptor_limit();
        let fit = fds.map_or(self.max_connections, |n| {
            usize::try_from(n.saturating_sub(RESERVED_FDS).max(1)).unwrap_or(usize::MAX).min(self.max_connections)
        });
        (Limits { max_connections: fit, ..self }, fds)
    }
}

/// The soft `RLIMIT_NOFILE`, if the system tells it.
fn descriptor_limit() -> Option<u64> {
    let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit writes into the struct it is given and reads nothing else.
    let ok = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0;
    (ok && limit.rlim_cur != libc::RLIM_INFINITY).then_some(limit.rlim_cur)
}

/// Set on a connection once a request on it carried the owner's credentials: it is not the
/// one closed to make room (an export may take minutes). Requests carry it as an extension.
#[derive(Debug, Clone, Default)]
pub struct ConnectionMark(Arc<AtomicBool>);

impl ConnectionMark {
    /// Marks the connection as the owner's.
    pub fn set_owner(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    fn is_owner(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// The open connections: in order of acceptance, and counted per address.
#[derive(Default)]
struct Open {
    next: u64,
    by_age: BTreeMap<u64, (IpAddr, AbortHandle, ConnectionMark)>,
    per_ip: HashMap<IpAddr, usize>,
}

impl Open {
    fn remove(&mut self, id: u64) {
        if let Some((ip, _, _)) = self.by_age.remove(&id) {
            if let Some(n) = self.per_ip.get_mut(&ip) {
                *n -= 1;
                if *n == 0 {
                    self.per_ip.remove(&ip);
                }
            }
        }
    }
}

/// Removes its connection from [`Open`] when the connection's task ends or is aborted.
struct Registered {
    open: Arc<Mutex<Open>>,
    id: u64,
}

impl Drop for Registered {
    fn drop(&mut self) {
        self.open.lock().unwrap_or_else(PoisonError::into_inner).remove(self.id);
    }
}

/// Serves the router on the listener until `shutdown` completes, then lets open connections
/// finish their requests (at most 10 s). Each request carries its peer address
/// (`ConnectInfo<SocketAddr>`) and its connection's [`ConnectionMark`].
pub async fn serve(
    listener: TcpListener,
    router: Router,
    header_timeout: Duration,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let graceful = GracefulShutdown::new();
    let open = Arc::new(Mutex::new(Open::default()));
    let mut shutdown = pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, say: wait rather than spin.
                    eprintln!("consent-records: cannot accept a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let ip = crate::request::client_key(peer.ip());
        let mut table = open.lock().unwrap_or_else(PoisonError::into_inner);
        if limits.per_client > 0 && table.per_ip.get(&ip).copied().unwrap_or(0) >= limits.per_client {
            // Closed at once: its descriptor is free again before the next accept.
            drop(stream);
            continue;
        }
        if table.by_age.len() >= limits.max_connections.max(1) {
            let oldest = table.by_age.iter().find(|(_, (_, _, mark))| !mark.is_owner()).map(|(id, _)| *id);
            match oldest {
                Some(id) => {
                    if let Some((_, handle, _)) = table.by_age.get(&id) {
                        handle.abort();
                    }
                    table.remove(id);
                }
                // Every connection is the owner's: the new one waits for none of them.
                None => {
                    drop(stream);
                    continue;
                }
            }
        }
        // Answers are small: do not let Nagle's algorithm hold them back.
        let _ = stream.set_nodelay(true);
        let mark = ConnectionMark::default();
        let service = {
            let mark = mark.clone();
            router.clone().map_request(move |mut request: axum::http::Request<hyper::body::Incoming>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                request.extensions_mut().insert(mark.clone());
                request
            })
        };
        let mut builder = http1::Builder::new();
        builder.timer(TokioTimer::new()).header_read_timeout(header_timeout);
        let connection = builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        table.next += 1;
        let id = table.next;
        let registered = Registered { open: open.clone(), id };
        let task = tokio::spawn(async move {
            let _registered = registered;
            // A client that goes away or times out ends its connection; nothing to report.
            let _ = connection.await;
        });
        table.by_age.insert(id, (ip, task.abort_handle(), mark));
        *table.per_ip.entry(ip).or_default() += 1;
        drop(table);
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(DRAIN) => eprintln!("consent-records: connections still open after {DRAIN:?}, closed"),
    }
}
