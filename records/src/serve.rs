//! The HTTP/1.1 server loop. `axum::serve` gives hyper no timer, so a client that sends its
//! request headers slowly (or nothing at all) would hold its connection forever: here hyper
//! closes a connection whose headers are not complete within the header timeout. The body's
//! timeout is the handlers' (see [`crate::request::read_body`]).
//!
//! Open connections are capped, so that a flood cannot use up the file descriptors and stop
//! the service from accepting anyone: at most [`Limits::per_client`] from one address (further
//! ones are closed as soon as they are accepted), and at most [`Limits::max_connections`] in
//! all, below the process's descriptor limit. When all are taken, a new connection from an
//! address that holds fewer than any other closes the oldest connection of the address that
//! holds the most (one that has not sent a whole request first, and never the owner's); a new
//! connection from an address that already holds as many is closed at once. So a flood from
//! many addresses settles at an even share each and costs an accept and a close per attempt,
//! while a new client always gets in at once.
//!
//! A fresh client waits in the kernel's queue of connections not yet accepted behind whatever
//! a flood has put there: the loop never sleeps while connections wait (out of descriptors, it
//! closes one it holds in reserve to accept and close the next connection), an evicted
//! connection's socket is closed before the next accept, and [`bind`] asks for a queue long
//! enough that a flood's attempts do not fill it (a full queue drops a new client's SYN, which
//! its system sends again only after a second).

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
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
use tokio::io::unix::AsyncFd;
use tokio::net::{TcpListener, TcpSocket, TcpStream};
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
/// File descriptors kept for everything but connections: the database, the log, the listener,
/// the reserve descriptor, and connections being closed.
const RESERVED_FDS: u64 = 64;
/// Connections the kernel may queue before they are accepted (capped by `net.core.somaxconn`).
pub const BACKLOG: u32 = 4096;

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
pub struct ConnectionMark(Arc<Marks>);

#[derive(Debug, Default)]
struct Marks {
    owner: AtomicBool,
    /// A whole request's headers came in on the connection.
    served: AtomicBool,
}

impl ConnectionMark {
    /// Marks the connection as the owner's.
    pub fn set_owner(&self) {
        self.0.owner.store(true, Ordering::Relaxed);
    }

    fn is_owner(&self) -> bool {
        self.0.owner.load(Ordering::Relaxed)
    }

    fn set_served(&self) {
        self.0.served.store(true, Ordering::Relaxed);
    }

    fn is_served(&self) -> bool {
        self.0.served.load(Ordering::Relaxed)
    }
}

/// The open connections: in order of acceptance, and counted per address.
#[derive(Default)]
struct Open {
    next: u64,
    by_age: BTreeMap<u64, (IpAddr, AbortHandle, ConnectionMark)>,
    per_ip: HashMap<IpAddr, usize>,
}

/// What to do with a new connection when all are taken.
#[derive(Debug, PartialEq, Eq)]
enum Room {
    /// Close this connection to make room for it.
    Evict(u64),
    /// Close the new one: its address holds as many as any other, or all are the owner's.
    Refuse,
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

    /// Room for a connection from `ip` when all are taken: the oldest connection of the
    /// address holding the most (not counting the owner's), preferring one that has not sent
    /// a whole request, unless `ip` would then hold as many as that address did.
    fn room_for(&self, ip: IpAddr) -> Room {
        let mine = self.per_ip.get(&ip).copied().unwrap_or(0);
        // The flood's usual case first, without a pass over every connection: no address holds
        // more than this one would (the owner's connections counted too, which only raises the
        // bar: the exact rule below would refuse it as well).
        if mine > 0 && self.per_ip.values().all(|n| mine + 1 >= *n) {
            return Room::Refuse;
        }
        let mut held: HashMap<IpAddr, usize> = HashMap::with_capacity(self.per_ip.len());
        for (other, _, mark) in self.by_age.values() {
            if !mark.is_owner() {
                *held.entry(*other).or_default() += 1;
            }
        }
        // The most held, and among equals the address of the oldest connection.
        let Some(most) = held.values().copied().max() else { return Room::Refuse };
        if mine > 0 && mine + 1 >= most {
            return Room::Refuse;
        }
        let candidates =
            || self.by_age.iter().filter(|(_, (other, _, mark))| held.get(other) == Some(&most) && !mark.is_owner());
        let victim = candidates().find(|(_, (_, _, mark))| !mark.is_served()).or_else(|| candidates().next());
        victim.map_or(Room::Refuse, |(id, _)| Room::Evict(*id))
    }
}

/// A descriptor held in reserve for when the process has none left: closing it lets the loop
/// accept the connection at the head of the queue and close it, so that the queue moves on.
struct Reserve(Option<std::fs::File>);

impl Reserve {
    fn new() -> Reserve {
        Reserve(std::fs::File::open("/dev/null").ok())
    }

    /// Out of descriptors: frees the reserve to accept and close one waiting connection, then
    /// takes it again. False when there was no reserve to free.
    fn shed(&mut self, listener: &Acceptor) -> bool {
        if self.0.take().is_none() {
            *self = Reserve::new();
            return false;
        }
        drop(listener.0.get_ref().accept());
        *self = Reserve::new();
        true
    }
}

/// The listening socket, accepted from without registering a connection with the reactor
/// until it is kept: a connection refused during a flood costs an accept and a close, and the
/// queue behind it (where a fresh client waits) drains faster.
struct Acceptor(AsyncFd<std::net::TcpListener>);

impl Acceptor {
    fn new(listener: TcpListener) -> std::io::Result<Acceptor> {
        let listener = listener.into_std()?;
        listener.set_nonblocking(true)?;
        // SAFETY: the listener is owned by the AsyncFd from here on, so its descriptor stays
        // open and the same until the AsyncFd is dropped.
        Ok(Acceptor(unsafe { AsyncFd::register(listener) }?))
    }

    async fn accept(&self) -> std::io::Result<(std::net::TcpStream, SocketAddr)> {
        loop {
            let mut ready = self.0.readable().await?;
            if let Ok(accepted) = ready.try_io(|listener| listener.get_ref().accept()) {
                return accepted;
            }
        }
    }
}

/// A kept connection, registered with the reactor.
fn keep(stream: std::net::TcpStream) -> std::io::Result<TcpStream> {
    stream.set_nonblocking(true)?;
    // Answers are small: do not let Nagle's algorithm hold them back.
    let _ = stream.set_nodelay(true);
    TcpStream::from_std(stream)
}

fn out_of_descriptors(e: &std::io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::EMFILE | libc::ENFILE))
}

/// A listener on `address` with a queue of [`BACKLOG`] connections (`TcpListener::bind` asks
/// for 1024, which a flood of half-open connections from a few thousand sockets fills).
pub async fn bind(address: &str) -> std::io::Result<TcpListener> {
    let mut last = None;
    for addr in tokio::net::lookup_host(address).await? {
        let socket = if addr.is_ipv4() { TcpSocket::new_v4()? } else { TcpSocket::new_v6()? };
        #[cfg(unix)]
        socket.set_reuseaddr(true)?;
        match socket.bind(addr).and_then(|()| socket.listen(BACKLOG)) {
            Ok(listener) => return Ok(listener),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "no address to listen on")))
}

/// Accept errors, reported at most once a second with how many there were.
#[derive(Default)]
struct AcceptErrors {
    since: u64,
    reported: Option<std::time::Instant>,
}

impl AcceptErrors {
    fn report(&mut self, e: &std::io::Error, shed: bool) {
        self.since += 1;
        if self.reported.is_none_or(|at| at.elapsed() >= Duration::from_secs(1)) {
            let shed = if shed { ", the waiting connection closed" } else { "" };
            eprintln!("consent-records: cannot accept a connection ({} since the last report{shed}): {e}", self.since);
            self.since = 0;
            self.reported = Some(std::time::Instant::now());
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
    let listener = match Acceptor::new(listener) {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("consent-records: cannot accept connections: {e}");
            return;
        }
    };
    let graceful = GracefulShutdown::new();
    let open = Arc::new(Mutex::new(Open::default()));
    let mut reserve = Reserve::new();
    let mut errors = AcceptErrors::default();
    let mut shutdown = pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) if out_of_descriptors(&e) && reserve.shed(&listener) => {
                    errors.report(&e, true);
                    continue;
                }
                Err(e) => {
                    // No reserve to free, or another error: wait a little rather than spin.
                    errors.report(&e, false);
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let ip = crate::request::client_key(peer.ip());
        // The table is locked for this block only: never across an await.
        let evicted = {
            let mut table = open.lock().unwrap_or_else(PoisonError::into_inner);
            if limits.per_client > 0 && table.per_ip.get(&ip).copied().unwrap_or(0) >= limits.per_client {
                // Closed at once: its descriptor is free again before the next accept.
                drop(stream);
                continue;
            }
            let mut evicted = false;
            if table.by_age.len() >= limits.max_connections.max(1) {
                match table.room_for(ip) {
                    Room::Evict(id) => {
                        if let Some((_, handle, _)) = table.by_age.get(&id) {
                            handle.abort();
                        }
                        table.remove(id);
                        evicted = true;
                    }
                    Room::Refuse => {
                        drop(stream);
                        continue;
                    }
                }
            }
            let Ok(stream) = keep(stream) else { continue };
            let mark = ConnectionMark::default();
            let service = {
                let mark = mark.clone();
                router.clone().map_request(move |mut request: axum::http::Request<hyper::body::Incoming>| {
                    mark.set_served();
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
            evicted
        };
        if evicted {
            // The evicted connection's task closes its socket when it next runs: let it, before
            // the next accept takes another descriptor.
            tokio::task::yield_now().await;
        }
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(DRAIN) => eprintln!("consent-records: connections still open after {DRAIN:?}, closed"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table of connections from these addresses, in this order (the owner's where marked).
    fn table(connections: &[(&str, bool)]) -> (Open, Vec<tokio::task::JoinHandle<()>>) {
        let mut open = Open::default();
        let mut tasks = Vec::new();
        for (ip, owner) in connections {
            let ip: IpAddr = ip.parse().unwrap();
            let task = tokio::spawn(std::future::pending());
            let mark = ConnectionMark::default();
            if *owner {
                mark.set_owner();
            }
            open.next += 1;
            open.by_age.insert(open.next, (ip, task.abort_handle(), mark));
            *open.per_ip.entry(ip).or_default() += 1;
            tasks.push(task);
        }
        (open, tasks)
    }

    #[tokio::test]
    async fn room_is_made_by_the_address_that_holds_the_most() {
        let (open, _tasks) =
            table(&[("10.0.0.1", false), ("10.0.0.2", false), ("10.0.0.2", false), ("10.0.0.3", false)]);
        // A new address: the oldest of 10.0.0.2's.
        assert_eq!(open.room_for("10.0.0.9".parse().unwrap()), Room::Evict(2));
        // 10.0.0.1 would hold as many as 10.0.0.2 did: it is refused, and so is 10.0.0.2.
        assert_eq!(open.room_for("10.0.0.1".parse().unwrap()), Room::Refuse);
        assert_eq!(open.room_for("10.0.0.2".parse().unwrap()), Room::Refuse);
    }

    #[tokio::test]
    async fn room_is_made_by_a_connection_without_a_request_first_and_never_the_owners() {
        let (open, _tasks) = table(&[("10.0.0.1", true), ("10.0.0.1", true), ("10.0.0.1", true), ("10.0.0.2", false)]);
        // The owner's three do not count: 10.0.0.2's is the one closed.
        assert_eq!(open.room_for("10.0.0.9".parse().unwrap()), Room::Evict(4));
        let (open, _tasks) = table(&[("10.0.0.2", false), ("10.0.0.2", false), ("10.0.0.2", false)]);
        open.by_age[&1].2.set_served();
        assert_eq!(open.room_for("10.0.0.9".parse().unwrap()), Room::Evict(2));
        let (open, _tasks) = table(&[("10.0.0.1", true)]);
        assert_eq!(open.room_for("10.0.0.9".parse().unwrap()), Room::Refuse, "all are the owner's");
    }
}
