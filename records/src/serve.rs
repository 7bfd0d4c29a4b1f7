//! The HTTP/1.1 server loop. `axum::serve` gives hyper no timer, so a client that sends its
//! request headers slowly (or nothing at all) would hold its connection forever: here hyper
//! closes a connection whose headers are not complete within the header timeout. The body's
//! timeout is the handlers' (see [`crate::http`]).

use std::future::Future;
use std::pin::pin;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

/// Default time a client has to send its request headers (and that an idle keep-alive
/// connection is kept).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long answered requests (an export, say) may take to finish after a shutdown signal.
const DRAIN: Duration = Duration::from_secs(10);

/// Serves the router on the listener until `shutdown` completes, then lets open connections
/// finish their requests (at most 10 s).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    header_timeout: Duration,
    shutdown: impl Future<Output = ()>,
) {
    let graceful = GracefulShutdown::new();
    let mut shutdown = pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors, say: wait rather than spin.
                    eprintln!("consent-records: cannot accept a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Answers are small: do not let Nagle's algorithm hold them back.
        let _ = stream.set_nodelay(true);
        let mut builder = http1::Builder::new();
        builder.timer(TokioTimer::new()).header_read_timeout(header_timeout);
        let connection = builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(router.clone()));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that goes away or times out ends its connection; nothing to report.
            let _ = connection.await;
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(DRAIN) => eprintln!("consent-records: connections still open after {DRAIN:?}, closed"),
    }
}
